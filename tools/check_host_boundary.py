#!/usr/bin/env python3
"""Checks layers 1, 4 and 5 of Krait's host boundary (docs/security.md); layer 2 is clippy
(clippy.toml) and layer 3 the sandbox build in .ci/run. Exits 1 with a message per violation.

1. crate boundary: the pure crates never depend on krait-host-env (manifests and `cargo tree`);
   the VM, stdlib and krait library built without the `host` feature contain no krait-host-env
   and no libc/nix except through the third-party crates listed in LIBC_EXCEPTIONS.
4. module lists: only files matched by tools/host_modules_allowed.txt reach the host; outside
   crates/host_env no file declares foreign functions other than FFI_ALLOWED's pure ones.
5. no_std: krait-common and krait-bytecode are `#![no_std]` (+ alloc) and build that way.
"""

import fnmatch
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PURE = ["krait-common", "krait-bytecode", "krait-compiler"]
SANDBOXED = ["krait-vm", "krait-stdlib", "krait"]
NO_STD = ["common", "bytecode"]
# Third-party crates allowed to bring libc into a sandbox build, with why. Each is reviewed:
# it must not open files, sockets or processes.
LIBC_EXCEPTIONS = {
    # ruff_python_parser grows the stack on deep nesting (stacker -> psm), and the VM runs the
    # compiler on a main-thread-sized stack from Python threads (vm.rs: on_compiler_stack): it
    # maps stack memory and reads the current thread's stack bounds, nothing else.
    "stacker": "stack growth for the parser's and compiler's recursion (mmap of stack segments only)",
}
REACH = re.compile(
    r"(\.host\b|\bhost::|krait_host_env|\bdyn Host\b|\bHost for\b|\bimpl Host\b|\blibc::|\bnix::)"
)
# Foreign functions declared outside krait-host-env (`extern "C" { fn ...; }`) would reach the
# OS past every other layer (the C library is always linked): only these pure math functions
# may be declared, each with why.
FFI_ALLOWED = {
    "erf": "libm's error function, which CPython's math.erf calls (crates/vm/src/modules/math.rs)",
    "erfc": "libm's complementary error function, for math.erfc (crates/vm/src/modules/math.rs)",
    "asinh": "libm's inverse hyperbolic sine, which CPython's cmath.asinh calls (crates/vm/src/modules/cmath.rs)",
}
EXTERN_BLOCK = re.compile(r'extern\s+"[^"]*"\s*\{([^}]*)\}')

errors = []


def cargo_tree(*args):
    out = subprocess.run(
        ["cargo", "tree", "-e", "normal", "--prefix", "none", *args],
        cwd=ROOT, capture_output=True, text=True,
    )
    if out.returncode != 0:
        errors.append(f"cargo tree {' '.join(args)} failed:\n{out.stderr}")
        return []
    return [l.split()[0] for l in out.stdout.splitlines() if l.strip()]


def layer1():
    for name in PURE:
        manifest = ROOT / "crates" / name.removeprefix("krait-") / "Cargo.toml"
        if re.search(r"host[-_]env", manifest.read_text()):
            errors.append(f"layer 1: {manifest.relative_to(ROOT)} mentions host_env")
        if "krait-host-env" in cargo_tree("-p", name):
            errors.append(f"layer 1: `cargo tree -p {name}` reaches krait-host-env")
    for name in ["vm", "stdlib"]:
        manifest = (ROOT / "crates" / name / "Cargo.toml").read_text()
        for line in manifest.splitlines():
            if line.startswith("krait-host-env") and "optional = true" not in line:
                errors.append(f"layer 1: crates/{name}/Cargo.toml: krait-host-env must be optional")
    for name in SANDBOXED:
        deps = set(cargo_tree("-p", name, "--no-default-features"))
        for bad in ["krait-host-env", "nix"]:
            if bad in deps:
                errors.append(f"layer 1: `cargo tree -p {name} --no-default-features` contains {bad}")
        if "libc" in deps:
            parents = set(cargo_tree("-p", name, "--no-default-features", "-i", "libc", "--depth", "1"))
            parents.discard("libc")
            for p in sorted(parents - set(LIBC_EXCEPTIONS)):
                errors.append(
                    f"layer 1: {p} brings libc into the sandbox build of {name}; "
                    "remove it or review it and list it in LIBC_EXCEPTIONS"
                )


def patterns(list_file):
    pats = []
    for line in (ROOT / "tools" / list_file).read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            pats.append(line)
    return pats


def matches(path, pats):
    return any(fnmatch.fnmatchcase(path, p) or fnmatch.fnmatchcase(path, p.replace("/**", "/*")) for p in pats)


def layer4():
    allowed = patterns("host_modules_allowed.txt")
    free = patterns("host_modules_free.txt")
    for p in set(allowed) & set(free):
        errors.append(f"layer 4: {p} is in both module lists")
    for f in sorted((ROOT / "crates").rglob("*.rs")):
        rel = f.relative_to(ROOT).as_posix()
        if rel.startswith("crates/host_env/") or "/tests/" in rel or "/examples/" in rel:
            continue
        text = f.read_text()
        for block in EXTERN_BLOCK.finditer(text):
            for name in re.findall(r"\bfn\s+(\w+)", block.group(1)):
                if name not in FFI_ALLOWED:
                    line = text.count("\n", 0, block.start()) + 1
                    errors.append(
                        f"layer 4: {rel}:{line} declares the foreign function {name}: OS calls "
                        "belong in crates/host_env (or review it and list it in FFI_ALLOWED)"
                    )
        if re.search(r"#\[link\b", text):
            errors.append(f"layer 4: {rel} links a native library (#[link]): only crates/host_env may")
        hits = [
            (n, l.strip()) for n, l in enumerate(text.splitlines(), 1)
            if REACH.search(l) and not l.strip().startswith("//")
        ]
        if not hits:
            continue
        if matches(rel, free) or not matches(rel, allowed):
            n, l = hits[0]
            why = "is listed host-free" if matches(rel, free) else "is not in tools/host_modules_allowed.txt"
            errors.append(f"layer 4: {rel}:{n} reaches the host but {why}: {l}")


def layer5():
    for name in NO_STD:
        src = (ROOT / "crates" / name / "src" / "lib.rs").read_text()
        if not re.search(r"^#!\[no_std\]", src, re.M):
            errors.append(f"layer 5: crates/{name}/src/lib.rs is not #![no_std]")
        for m in re.finditer(r"^(.*)\n\s*extern crate std;", src, re.M):
            if "cfg(test)" not in m.group(1):
                errors.append(f"layer 5: crates/{name} links std outside #[cfg(test)]")
    # Without `extern crate std`, any `std::` path in these crates fails to compile.
    out = subprocess.run(
        ["cargo", "check", "-q", *sum((["-p", f"krait-{n}"] for n in NO_STD), [])],
        cwd=ROOT, capture_output=True, text=True,
    )
    if out.returncode != 0:
        errors.append(f"layer 5: the no_std crates do not build:\n{out.stderr}")


layer1()
layer4()
layer5()
if errors:
    print("host boundary check FAILED:", *errors, sep="\n  ", file=sys.stderr)
    sys.exit(1)
print("host boundary: layers 1 (crate graph), 4 (module lists), 5 (no_std) hold")

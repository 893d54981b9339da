#!/usr/bin/env python3
"""Compare `ast.dump(ast.parse(src), include_attributes=True)` between Krait and CPython.

    python3 tools/ast_compare.py --krait /path/to/krait [--python python3] [paths...]

Paths are .py files or directories (searched recursively); the default is CPython's Lib/
(without test/ and idlelib/ unless given explicitly). Each interpreter writes one line per file,
`<path>\t<sha1 of dump or error>`; files whose results differ are listed, with the first point
where the dumps diverge for the first few (`--show N`).
"""

import argparse
import hashlib
import os
import subprocess
import sys
import sysconfig
import tempfile

DRIVER = r'''
import ast, hashlib, sys, warnings
warnings.simplefilter("ignore")
paths = open(sys.argv[1], encoding="utf-8").read().split("\n")
out = open(sys.argv[2], "w", encoding="utf-8")
dump_dir = sys.argv[3] if len(sys.argv) > 3 else None
for p in paths:
    if not p:
        continue
    try:
        with open(p, "rb") as f:
            src = f.read()
        d = ast.dump(ast.parse(src), include_attributes=True)
    except BaseException as e:
        d = "ERROR %s: %s" % (type(e).__name__, e)
    h = hashlib.sha1(d.encode("utf-8", "surrogatepass")).hexdigest()
    out.write("%s\t%s\n" % (p, h))
    if dump_dir is not None:
        with open(dump_dir + "/" + p.replace("/", "_"), "w", encoding="utf-8", errors="surrogatepass") as f:
            f.write(d)
out.close()
'''


def collect(paths):
    files = []
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, names in os.walk(p):
                dirs[:] = sorted(d for d in dirs if d not in ("__pycache__",))
                files.extend(os.path.join(root, n) for n in sorted(names) if n.endswith(".py"))
        else:
            files.append(p)
    return files


def run(interp, files, dump_dir=None, timeout=3600):
    with tempfile.TemporaryDirectory() as tmp:
        drv = os.path.join(tmp, "drv.py")
        lst = os.path.join(tmp, "files.txt")
        res = os.path.join(tmp, "out.txt")
        with open(drv, "w") as f:
            f.write(DRIVER)
        with open(lst, "w") as f:
            f.write("\n".join(files))
        cmd = [interp, drv, lst, res] + ([dump_dir] if dump_dir else [])
        subprocess.run(cmd, timeout=timeout)
        out = {}
        if os.path.exists(res):
            for line in open(res, encoding="utf-8"):
                p, _, h = line.rstrip("\n").partition("\t")
                out[p] = h
        return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--krait", required=True)
    ap.add_argument("--python", default="/root/.pyenv/versions/3.11.7/bin/python3")
    ap.add_argument("--show", type=int, default=5, help="show the divergence for this many files")
    ap.add_argument("--list", action="store_true", help="list every mismatching file")
    ap.add_argument("paths", nargs="*")
    a = ap.parse_args()
    paths = a.paths
    if not paths:
        lib = sysconfig.get_paths()["stdlib"]
        paths = []
        for n in sorted(os.listdir(lib)):
            full = os.path.join(lib, n)
            if n in ("test", "idlelib", "site-packages", "lib2to3", "__pycache__"):
                continue
            if n.endswith(".py") or (os.path.isdir(full) and not n.startswith("config-")):
                paths.append(full)
    files = collect(paths)
    ref = run(a.python, files)
    got = run(a.krait, files)
    bad = [f for f in files if ref.get(f) != got.get(f)]
    print("files: %d  same: %d  different: %d" % (len(files), len(files) - len(bad), len(bad)))
    if a.list:
        for f in bad:
            print("  " + f)
    if bad and a.show:
        with tempfile.TemporaryDirectory() as d1, tempfile.TemporaryDirectory() as d2:
            some = bad[: a.show]
            run(a.python, some, d1)
            run(a.krait, some, d2)
            for f in some:
                name = f.replace("/", "_")
                try:
                    x = open(os.path.join(d1, name), encoding="utf-8").read()
                except OSError:
                    x = "<no output>"
                try:
                    y = open(os.path.join(d2, name), encoding="utf-8").read()
                except OSError:
                    y = "<no output>"
                i = 0
                while i < min(len(x), len(y)) and x[i] == y[i]:
                    i += 1
                print("--- %s (first difference at char %d)" % (f, i))
                print("  cpython: ..." + x[max(0, i - 150): i + 100])
                print("  krait:   ..." + y[max(0, i - 150): i + 100])
    return 0


if __name__ == "__main__":
    sys.exit(main())

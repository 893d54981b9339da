# -W options and PYTHONWARNINGS reach sys.warnoptions and the filters, in CPython's order.
import os
import subprocess
import sys

code = (
    "import sys, warnings\n"
    "print(sys.warnoptions)\n"
    "print([f[:1] + (f[2].__name__,) for f in warnings.filters[:3]])\n"
    "warnings.warn('careful', DeprecationWarning)\n"
    "print('after')\n"
)

def run(*opts, env_warnings=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    if env_warnings is not None:
        env["PYTHONWARNINGS"] = env_warnings
    p = subprocess.run([sys.executable, *opts, "-c", code], capture_output=True, text=True, env=env)
    print(opts, env_warnings, "exit", p.returncode)
    print(p.stdout, end="")
    print("\n".join(l for l in p.stderr.splitlines() if "Error" in l or "Warning" in l or "Invalid" in l))

run()
run("-W", "error")
run("-Walways::DeprecationWarning")
run("-W", "ignore", env_warnings="error::DeprecationWarning,always")
run("-W", "error", "-E", env_warnings="ignore")
run("-W", "bogus", "-W", "error::NoSuchWarning")
run("-S", "-W", "error")
p = subprocess.run([sys.executable, "-X", "foo", "-X", "bar=baz", "-c", "import sys; print(sys._xoptions)"],
                   capture_output=True, text=True)
print(p.stdout, end="")

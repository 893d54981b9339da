import subprocess
import sys

# -u / PYTHONUNBUFFERED: the text layer writes through and `buffer` is the FileIO itself, so
# mixed writes come out in program order. And the exit: a failed flush of sys.stdout is
# reported as unraisable with status 120; a detached sys.stdout too.
CHILD = r"""
import sys
print(sys.stdout.write_through, sys.stdout.line_buffering, type(sys.stdout.buffer).__name__, file=sys.stderr)
print(sys.stderr.write_through, sys.stderr.line_buffering, type(sys.stderr.buffer).__name__, file=sys.stderr)
print("a")
sys.stdout.buffer.write(b"b\n")
print("c", end="")
sys.stdout.buffer.write(b"d\n")
sys.stderr.write("e")
sys.stderr.buffer.write(b"f\n")
"""
env = {"PYTHONIOENCODING": "utf-8"}
for args, extra in (([], {}), (["-u"], {}), ([], {"PYTHONUNBUFFERED": "1"})):
    p = subprocess.run([sys.executable, *args, "-c", CHILD], capture_output=True, env={**env, **extra})
    print(args, extra, p.returncode, p.stdout, p.stderr)

# stdout closed by the reader before the program's output is flushed at exit.
p = subprocess.Popen(
    [sys.executable, "-c", "import sys; sys.stdin.read(); print('x' * 100)"],
    stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
p.stdout.close()
p.stdin.close()
err = p.stderr.read().decode()
p.stderr.close()
print(p.wait(), err)
r = subprocess.run([sys.executable, "-c", "import sys; sys.stdout.detach()"], capture_output=True, env=env)
print(r.returncode, r.stdout, r.stderr.decode())
r = subprocess.run([sys.executable, "-c", "import sys; print('x'); sys.stdout.close()"], capture_output=True, env=env)
print(r.returncode, r.stdout, r.stderr.decode())

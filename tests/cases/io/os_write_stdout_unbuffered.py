# os.write(1, ...) is one unbuffered write: a parent reading the child's stdout sees text
# without a newline while the child still runs (asyncio's echo3.py child relies on it).
import os
import select
import subprocess
import sys

child = "import os, sys\nprint('line', flush=True)\nos.write(1, b'partial')\nos.read(0, 1)\nos.write(1, b'-end')\n"
p = subprocess.Popen([sys.executable, "-c", child], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
got = b""
while not got.endswith(b"partial"):
    ready, _, _ = select.select([p.stdout], [], [], 30)
    if not ready:
        print("no output while the child waits")
        break
    chunk = os.read(p.stdout.fileno(), 100)
    if not chunk:
        break
    got += chunk
print(got)
p.stdin.write(b"x")
p.stdin.close()
print(p.stdout.read())
print(p.wait())

import os
import subprocess
import sys
import tempfile

# os.read(0, n) is one read(2) of the descriptor: nothing is read ahead, so a child started
# afterwards reads on from there, and the position of a file on fd 0 is where the reads left it.
print(os.read(0, 4))
sys.stdout.flush()
subprocess.run([sys.executable, "-c", "import os; print(os.read(0, 6))"])
print(os.read(0, 3))
sys.stdout.flush()
r = subprocess.run(["cat"], stdout=subprocess.PIPE)
print(r.stdout)
print(os.read(0, 10))

path = os.path.join(tempfile.mkdtemp(), "f")
with open(path, "wb") as f:
    f.write(b"0123456789" * 2000)
saved = os.dup(0)
fd = os.open(path, os.O_RDONLY)
os.dup2(fd, 0)
os.close(fd)
print(os.read(0, 2), os.lseek(0, 0, os.SEEK_CUR))
print(os.read(0, 5), os.lseek(0, 0, os.SEEK_CUR))
os.lseek(0, 19995, os.SEEK_SET)
print(os.read(0, 100), os.lseek(0, 0, os.SEEK_CUR))
os.dup2(saved, 0)
os.close(saved)
os.unlink(path)
os.lseek(0, 0, os.SEEK_CUR)

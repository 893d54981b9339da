# A Python child uses descriptors its parent passed with pass_fds (os.write/os.read/os.fstat
# on an inherited number), dup/dup2/closerange on standard streams and pipes, and os.abort.
import os, signal, subprocess, sys

r, w = os.pipe()
child = f"import os; print(os.fstat({w}).st_size >= 0); os.write({w}, b'hello from the child'); os.close({w})"
p = subprocess.run([sys.executable, "-c", child], pass_fds=(w,), capture_output=True, text=True)
os.close(w)
print(p.returncode, p.stdout.strip(), os.read(r, 100))
os.close(r)

# Parent -> child through a passed read end; the child reads it to EOF.
r, w = os.pipe()
child = f"import os, sys\nchunks = []\nwhile True:\n    b = os.read({r}, 4)\n    if not b: break\n    chunks.append(b)\nprint(b''.join(chunks))"
p = subprocess.Popen([sys.executable, "-c", child], pass_fds=[r], stdout=subprocess.PIPE)
os.close(r)
os.write(w, b"sent down the pipe")
os.close(w)
print(p.communicate()[0].strip(), p.returncode)

# Not passed: the child cannot use it (EBADF), as in CPython.
r, w = os.pipe()
child = f"import os\ntry:\n    os.write({w}, b'x')\nexcept OSError as e:\n    print('child:', e.errno)"
print(subprocess.run([sys.executable, "-c", child], capture_output=True, text=True).stdout.strip())
os.close(r)
os.close(w)

# dup and dup2 on the standard streams.
sys.stdout.flush()
saved = os.dup(1)
print(saved > 2, os.get_inheritable(saved))
sys.stdout.flush()
os.write(saved, b"written through a dup of stdout\n")
r, w = os.pipe()
os.dup2(w, 1)
os.write(1, b"into the pipe")
os.dup2(saved, 1)
os.close(saved)
os.close(w)
print("back on stdout:", os.read(r, 100))
os.close(r)
r, w = os.pipe()
print(os.dup2(r, 60, inheritable=False), os.get_inheritable(60), os.dup2(r, 61), os.get_inheritable(61))
os.closerange(55, 65)
for fd in (60, 61):
    try:
        os.fstat(fd)
    except OSError as e:
        print(fd, "closed:", e.errno)
os.close(r)
os.close(w)

# os.abort: SIGABRT, no cleanup; a Python SIGABRT handler is not called.
code = "import os, signal, atexit\nsignal.signal(signal.SIGABRT, lambda *a: print('handler'))\natexit.register(print, 'atexit')\nos.abort()"
p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
print(p.returncode == -signal.SIGABRT, repr(p.stdout))
try:
    os.abort(1)
except TypeError as e:
    print(e)

# subprocess's child setup: pass_fds, close_fds, sessions, process groups, umask,
# executable=, bytes argv, file objects as stdin/stdout.
import os, subprocess, sys
# pass_fds: the child writes into a pipe it inherited by number.
r, w = os.pipe()
p = subprocess.run(["/bin/sh", "-c", f"echo through the passed fd >&{w}"], pass_fds=[w])
os.close(w)
print(p.returncode, os.read(r, 100))
os.close(r)
# close_fds: a descriptor not passed is closed in the child.
r, w = os.pipe()
os.set_inheritable(w, True)
p = subprocess.run(["/bin/sh", "-c", f"echo x >&{w}"], capture_output=True, text=True)
print(p.returncode != 0, "Bad file descriptor" in p.stderr or "bad" in p.stderr.lower())
p = subprocess.run(["/bin/sh", "-c", f"echo kept >&{w}"], close_fds=False)
os.close(w)
print(p.returncode, os.read(r, 100))
os.close(r)
# New session / process group / umask.
me = os.getsid(0)
stat = "read -r pid comm state ppid pgrp sid rest < /proc/$$/stat; "
out = subprocess.check_output(["/bin/sh", "-c", stat + "echo $sid"], start_new_session=True, text=True)
print(int(out) != me)
out = subprocess.check_output(["/bin/sh", "-c", stat + "echo $pgrp $$"], process_group=0, text=True).split()
print(out[0] == out[1])
print(subprocess.check_output(["/bin/sh", "-c", "umask"], umask=0o027, text=True).strip())
# executable= and a bytes argv
print(subprocess.check_output([b"ignored", b"-c", b"echo $0"], executable="/bin/sh"))
# stdin from a file object, stdout to a file object.
import tempfile
with tempfile.TemporaryFile() as f:
    subprocess.run(["/bin/echo", "into a file"], stdout=f)
    f.seek(0)
    print(f.read())
    f.seek(0)
    print(subprocess.check_output(["cat"], stdin=f))
# preexec_fn runs in the child before exec; an exception there is reported by the parent.
out = subprocess.check_output(["/bin/sh", "-c", "echo $FROM_PREEXEC"], text=True,
                              preexec_fn=lambda: os.putenv("FROM_PREEXEC", "set in the child"))
print(repr(out), os.environ.get("FROM_PREEXEC"))
try:
    subprocess.run(["/bin/echo", "never"], preexec_fn=lambda: 1 / 0)
except subprocess.SubprocessError as e:
    print(type(e).__name__, e)

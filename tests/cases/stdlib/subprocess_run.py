# subprocess through the OS host: run with capture, check_output, Popen pipes and
# communicate, return codes, CalledProcessError, timeouts, missing executables.
import os
import shutil
import subprocess
import sys

r = subprocess.run(["/bin/echo", "hello", "world"], capture_output=True, text=True)
print(repr(r.stdout), repr(r.stderr), r.returncode)
print(r.args)

r = subprocess.run(["/bin/sh", "-c", "echo out; echo err >&2; exit 3"], capture_output=True)
print(r.stdout, r.stderr, r.returncode)
try:
    r.check_returncode()
except subprocess.CalledProcessError as e:
    print(e, e.returncode, e.stdout, e.stderr)

print(subprocess.check_output(["/bin/echo", "checked"]))
print(subprocess.check_output("echo $((6 * 7))", shell=True, text=True), end="")
try:
    subprocess.check_output(["/bin/sh", "-c", "exit 2"])
except subprocess.CalledProcessError as e:
    print(type(e).__name__, e)
print(subprocess.call(["/bin/sh", "-c", "exit 5"]))
print(subprocess.run("exit 0", shell=True).returncode)

# stdin from the parent, stderr folded into stdout.
r = subprocess.run(["/bin/sh", "-c", "cat; echo problem >&2"], input="fed through stdin\n",
                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
print(repr(r.stdout))
r = subprocess.run(["cat"], input=b"x" * 200000, capture_output=True)
print(len(r.stdout), r.stdout == b"x" * 200000)

# Popen with pipes and communicate.
p = subprocess.Popen(["/bin/sh", "-c", "read line; echo got $line; echo warn >&2"],
                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
out, err = p.communicate(b"the line\n")
print(out, err, p.returncode, p.poll())
with subprocess.Popen(["/bin/echo", "from a with block"], stdout=subprocess.PIPE,
                      text=True) as p:
    print(repr(p.stdout.read()))
print(p.returncode)

# env, cwd, DEVNULL
r = subprocess.run(["/bin/sh", "-c", "echo $KRAIT_VAR; pwd"], env={"KRAIT_VAR": "set"},
                   cwd="/", capture_output=True, text=True)
print(r.stdout.split())
print(subprocess.run(["/bin/echo", "hidden"], stdout=subprocess.DEVNULL).returncode)

# Timeouts.
try:
    subprocess.run(["/bin/sleep", "5"], timeout=0.2)
except subprocess.TimeoutExpired as e:
    print(type(e).__name__, e.cmd)
p = subprocess.Popen(["/bin/sleep", "5"])
try:
    p.wait(timeout=0.1)
except subprocess.TimeoutExpired as e:
    print("wait:", e)
p.kill()
print(p.wait())
p = subprocess.Popen(["/bin/sleep", "5"])
p.terminate()
print(p.wait())

# Missing executables and directories.
for args, kw in ((["/nonexistent/program"], {}), (["no_such_program_krait"], {}),
                 (["/bin/echo"], {"cwd": "/nonexistent_dir"})):
    try:
        subprocess.run(args, **kw)
    except FileNotFoundError as e:
        print(type(e).__name__, e.errno, e)
try:
    subprocess.run(["/etc/passwd"])
except PermissionError as e:
    print(type(e).__name__, e)

print(shutil.which("sh") is not None, shutil.which("no_such_program_krait"))
print(subprocess.getstatusoutput("echo status; exit 1"))
print(subprocess.getoutput("echo plain"))

# needs: stdlib
# subprocess and the os process calls import under the sandbox and every way of starting a
# process fails with the one sandbox error, before anything runs.
import os
import subprocess
import sys

probe = '/tmp/krait_probe_spawned'
cmd = f'echo spawned > {probe}'
calls = {
    'subprocess.run': lambda: subprocess.run(['/bin/sh', '-c', cmd], capture_output=True),
    'subprocess.run(shell)': lambda: subprocess.run(cmd, shell=True),
    'subprocess.Popen': lambda: subprocess.Popen(['/bin/sh', '-c', cmd], stdout=subprocess.PIPE),
    'subprocess.check_output': lambda: subprocess.check_output(['/bin/sh', '-c', cmd]),
    'subprocess.call': lambda: subprocess.call(['/bin/sh', '-c', cmd]),
    'subprocess.Popen(preexec_fn)': lambda: subprocess.Popen(['/bin/sh', '-c', cmd],
                                                             preexec_fn=lambda: None),
    'os.system': lambda: os.system(cmd),
    'os.fork': os.fork,
    'os.execv': lambda: os.execv('/bin/sh', ['sh', '-c', cmd]),
    'os.execvp': lambda: os.execvp('sh', ['sh', '-c', cmd]),
    'os.spawnv': lambda: os.spawnv(os.P_WAIT, '/bin/sh', ['sh', '-c', cmd]),
    'os.kill': lambda: os.kill(1, 9),
    'os.waitpid': lambda: os.waitpid(-1, 0),
    'os._exit': lambda: os._exit(3),
}
for name, call in calls.items():
    try:
        call()
    except PermissionError as e:
        assert e.errno == 1 and str(e) == '[Errno 1] Operation not permitted', (name, str(e))
    else:
        raise AssertionError(f'{name} worked')

# os.popen runs through subprocess: the error surfaces when the pipe is set up.
try:
    os.popen(cmd)
except PermissionError:
    pass
else:
    raise AssertionError('os.popen worked')

# Nothing ran: the probe does not exist in the sandbox (the harness checks the real disk).
assert not os.path.exists(probe)
print('ok')

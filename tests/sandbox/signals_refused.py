# Timers, masks, waits and signals sent to this process are refused; handlers are only
# recorded (nothing is installed in the host process).
import _signal
import _thread

def refused(call, exc=PermissionError):
    try:
        call()
    except exc as e:
        assert e.errno == 1 and str(e) == '[Errno 1] Operation not permitted', str(e)
    else:
        raise AssertionError('a signal call succeeded')

for call in (lambda: _signal.alarm(1),
             lambda: _signal.pause(),
             lambda: _signal.raise_signal(_signal.SIGUSR1),
             lambda: _signal.pthread_kill(_thread.get_ident(), _signal.SIGUSR1),
             lambda: _signal.pthread_sigmask(_signal.SIG_BLOCK, [_signal.SIGUSR1]),
             lambda: _signal.sigpending(),
             lambda: _signal.sigwait([_signal.SIGUSR1]),
             lambda: _signal.sigtimedwait([_signal.SIGUSR1], 0),
             lambda: _signal.siginterrupt(_signal.SIGUSR1, True)):
    refused(call)
# ItimerError is an OSError subclass, not PermissionError (as CPython raises it).
for call in (lambda: _signal.setitimer(_signal.ITIMER_REAL, 1.0),
             lambda: _signal.getitimer(_signal.ITIMER_REAL)):
    refused(call, _signal.ItimerError)
assert issubclass(_signal.ItimerError, OSError)

def handler(signum, frame):
    pass

assert _signal.signal(_signal.SIGUSR1, handler) == _signal.SIG_DFL
assert _signal.getsignal(_signal.SIGUSR1) is handler
assert _signal.strsignal(_signal.SIGUSR1) == 'User defined signal 1'
print('ok')

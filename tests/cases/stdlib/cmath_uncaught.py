# An uncaught cmath error: the traceback names the call and the message is CPython's.
import cmath

print(cmath.sqrt(-1))
print(cmath.log(1j, 1))

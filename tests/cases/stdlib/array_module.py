# The array module: constructors, item range checks and messages, slicing, in-place ops,
# comparisons across type codes, the buffer copy bytes(a), pickling and iteration.
from array import array
tests = [("b",[128]),("b",[-129]),("B",[256]),("B",[-1]),("h",[1<<15]),("H",[-1]),("H",[1<<16]),("i",[1<<31]),("I",[-1]),("I",[1<<32]),("l",[1<<63]),("l",[-(1<<63)-1]),("L",[-1]),("L",[1<<64]),("q",[1<<63]),("Q",[-1]),("Q",[1<<64]),("b",["x"]),("b",[1.5]),("f",["x"]),("d",[None]),("u",[1]),("u",["ab"]),("x",[]),("b","abc"),("u",b"ab")]
for tc, init in tests:
    try:
        print(tc, init, array(tc, init))
    except Exception as e:
        print(tc, init, type(e).__name__, e)
a = array('i',[1,2,3])
print(repr(a), repr(array('u','ab')), repr(array('d')), repr(array('f',[1.5])), str(a))
for f in [lambda: a[5], lambda: a.pop(9), lambda: a.remove(7), lambda: a.index(9), lambda: array('i',[1])+array('d',[1]), lambda: a+[1], lambda: a.__setitem__(slice(0,2), [1,2]), lambda: a.__setitem__(0, 'x'), lambda: array('i').pop(), lambda: a.frombytes(b'abc'), lambda: a.tounicode(), lambda: array('b', [1]).fromunicode('a'), lambda: a.__setitem__(slice(0,3,2), array('i',[1])), lambda: array(1), lambda: array('ii'), lambda: a.extend([1,'x']), lambda: a.extend(array('d'))]:
    try: print(f())
    except Exception as e: print(type(e).__name__, e)
print(a.itemsize, a.typecode, a.__reduce_ex__(2))
print(bytes(array('h',[1,2])), array('b',b'\x01\x02'), array('i', array('b',[1,2])))
print(array.__module__, type(iter(a)).__name__, type(iter(a)).__module__)
b = array('Q', [2**64-1, 0, 5]); print(b, b[0], b.tolist(), b[::-1], b[1:])
b[1:2] = array('Q', [7, 8, 9]); print(b); del b[::2]; print(b); b.insert(-1, 4); print(b)
b.reverse(); print(b, b.count(4), 4 in b, b.index(4), len(b), 8 in b)
c = array('d', [1.5, float('nan')]); print(c == c, c < array('d', [2.0]), c * 2, 2 * array('b', [1]))
c.byteswap(); c.byteswap(); print(c, array('u', 'xyz').tounicode(), list(array('h', [-1, 2])))
x = array('i', [1,2]); y = x; x += array('i', [3]); x *= 2; print(y, x is y, array('i', [1]) == array('b', [1]), array('i') < array('i', [0]))
import pickle, copy
print(pickle.loads(pickle.dumps(array('f', [0.5, 2]))), copy.deepcopy(array("B", b"ab")))
it = iter(array('b', [1])); print(next(it), next(it, 'end'))

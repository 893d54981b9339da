# pickle.loads opcode by opcode: values, and C's errors for damaged data.
import pickle
class A:
    def __init__(self, *a): print('init', a)
import __main__; __main__.A = A


def show(v):
    if isinstance(v, (A, memoryview)) or callable(v) or type(v).__name__ == 'module':
        return '<%s %s>' % (type(v).__name__, getattr(v, '__name__', ''))
    return repr(v)


cases = [b'h\x05.', b'g5\n.', b'j\x05\x00\x00\x00.', b'p-1\n.', b'N2(2.', b'\x80\x09.', b'Q.', b'P1\n.', b'\x93.', b'N\x93.', b'NN\x93.', b"S'ab\n.", b'Sab\n.', b'T\xff\xff\xff\xff.',b'(\x81.',b'N)\x81.', b'c\x00\n.', b'cbuiltins\nlen\nN\x85R.', b'cbuiltins\nlen\nNR.', b'N(0.', b'0.', b'(0N.', b'I12x\n.', b'F1.5x\n.', b'L12\n.', b'I0x10\n.',b'\x82\x00.', b'\x82\x01.', b'}N\x85b.', b'N}\x86b.', b'(c__main__\nA\nK\x01o.', b'(i__main__\nA\n.', b'(K\x01i__main__\nA\n.', b'(cbuiltins\nlist\no.', b"S'a\\x41'\n.", b'U\x03abc.', b'V\\u20ac\n.', b'F1e5\n.', b'Finf\n.', b'I-5\n.', b'I+5\n.', b'\x8a\x02\xff\x7f.', b'\x8a\x00.', b'\x8b\x01\x00\x00\x00\xff.', b'cos\npath\n.', b'\x80\x04\x8c\x02os\x8c\x09path.join\x93.', b'\x80\x02c__builtin__\nxrange\n.', b'\x80\x05\x96\x02\x00\x00\x00\x00\x00\x00\x00ab\x98.', b'\x97.', b'\xff.', b'x.', b'(]K\x01K\x02e.', b'(}K\x01u.', b'\x8f(K\x01\x90.', b'(K\x01\x91.', b'K\x01K\x02\x86.', b'K\x01\x87.', b'', b'N', b'(', b'I01\n.', b'I00\n.', b'L-12L\n.', b'\x80\x04\x95\x05\x00\x00\x00\x00\x00\x00\x00N.', b'\x80\x04\x95\x09\x00\x00\x00\x00\x00\x00\x00N.', b'X\x02\x00\x00\x00\xed\xa0.', b'G?\xf0\x00\x00\x00\x00\x00\x00.', b'M\xff\xff.', b'J\xff\xff\xff\xff.', b'(lp0\nI1\nag0\n.', b'(dp0\nS\'a\'\np1\nI1\ns.']
for b in cases:
    try:
        r = show(pickle.loads(b))
    except Exception as e:
        r = (type(e).__name__, str(e))
    print(b, r)
for b in cases:
    try:
        r = show(pickle.loads(b, encoding='bytes'))
    except Exception as e:
        r = (type(e).__name__, str(e))
    print('bytes', b, r)

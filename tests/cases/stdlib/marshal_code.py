# marshal of code objects: dumps/loads round-trips, and exec runs the loaded code.
import marshal
src = '''
def f(a, b=2, *args, k=3, **kw):
    """doc"""
    try:
        return [x * b for x in range(a)] + [k, len(kw)]
    except ZeroDivisionError as e:
        raise
class C:
    def m(self): return 'm' + chr(0xe9) + '\\ud800'.__class__.__name__
print(f(3), C().m(), 10**30, 1.5j, (1, 'a'), frozenset({1}), b'x')
'''
co = compile(src, 'mod.py', 'exec')
data = marshal.dumps(co)
co2 = marshal.loads(data)
print(type(co2).__name__, co2.co_filename, co2.co_name)
exec(co2, {'__name__': 'x'})
g = {}
exec(marshal.loads(marshal.dumps(compile('def g(): return 42', 's', 'exec'))), g)
print(g['g'](), marshal.loads(marshal.dumps(g['g'].__code__)).co_name)
print(marshal.loads(marshal.dumps([co, co]))[0] is not None)
try:
    marshal.loads(data[:len(data)//2])
except Exception as e:
    print(type(e).__name__)

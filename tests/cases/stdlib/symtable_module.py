# _symtable / symtable: blocks, symbols with flags and scopes (in first-use order), varnames,
# children and the Lib wrappers (Function/Class/Symbol queries), errors as SyntaxError.
import _symtable, symtable
SRC = '''
import os
x: int = 1
@dec
def f(a, *b, c=1, **d):
    global g
    y = [i for i in a]
    def inner():
        nonlocal y
        return y + x
    class K:
        def m(self): return __class__
        z = (q for q in range(3))
        __private = 1
    return lambda q: q + a
async def co():
    async for v in w:
        await v
    return {k: v async for k, v in w}
class Outer:
    attr = 1
    def meth(self, /, p, *, k):
        return attr, self.attr
'''
def show(t, ind=0):
    print(' ' * ind, t.type, t.name, t.lineno, t.nested, t.varnames, t.symbols)
    for c in t.children:
        show(c, ind + 2)
show(_symtable.symtable(SRC, "f", "exec"))
show(_symtable.symtable("a + b", "f", "eval"))
top = symtable.symtable(SRC, "f", "exec")
print(top.get_type(), top.get_name(), top.get_lineno(), top.is_optimized(), top.is_nested(), top.has_children())
print(sorted(top.get_identifiers()))
for t in top.get_children():
    print(t.get_type(), t.get_name(), t.get_lineno(), type(t).__name__)
    if isinstance(t, symtable.Function):
        print("  params", t.get_parameters(), "locals", t.get_locals(), "globals", t.get_globals(),
              "frees", t.get_frees(), "nonlocals", t.get_nonlocals())
    if isinstance(t, symtable.Class):
        print("  methods", t.get_methods())
    for s in t.get_symbols():
        print("   ", s.get_name(), s.is_referenced(), s.is_parameter(), s.is_global(), s.is_local(),
              s.is_free(), s.is_assigned(), s.is_imported(), s.is_namespace(), s.is_annotated())
s = top.lookup("f")
print(s.is_namespace(), [n.get_name() for n in s.get_namespaces()], s.get_namespace().get_name())
print(top.lookup("os").is_imported(), top.lookup("x").is_annotated(), top.lookup("g").is_declared_global())
try:
    symtable.symtable("def f(:", "bad", "exec")
except SyntaxError as e:
    print("SyntaxError", e.msg, e.filename)
try:
    symtable.symtable("def f(a, a): pass", "dup", "exec")
except SyntaxError as e:
    print("SyntaxError", e.msg, e.lineno)
print(repr(top).split("(")[0])

# ast.literal_eval, ast.unparse (Lib), get_source_segment, increment_lineno and inspect-based
# parsing, on trees made by ast.parse.
import ast
import hashlib
import inspect
import textwrap

for s in ["42", "-3.5", "1+2j", "'str'", "b'by'", "[1, (2, 3), {4: 5}]", "{'a': {1, 2}}",
          "(None, True, False)", "set()", "  7", "-1"]:
    print(repr(ast.literal_eval(s)))
for bad in ["x", "1 + x", "f()", "[*a]", "{**a}", "a.b", "1 if x else 2"]:
    try:
        ast.literal_eval(bad)
    except ValueError as e:
        print("ValueError", str(e).split(" at ")[0])
print(ast.literal_eval(ast.parse("[1, 2]", mode="eval")))

# unparse round trips: unparse(parse(x)) parses to the same tree.
import json, dataclasses, string, fractions
for mod in (textwrap, json, dataclasses, string, fractions):
    src = inspect.getsource(mod)
    tree = ast.parse(src)
    text = ast.unparse(tree)
    same = ast.dump(ast.parse(text)) == ast.dump(tree)
    print(mod.__name__, same, hashlib.sha1(text.encode()).hexdigest()[:12], len(text))

for s in ["x = (yield)", "f(*a, **k)", "lambda x, /, y=1, *z, w, **v: 0", "a[1:2, ::3]",
          "f'{x!r:>{w}} {y=}'", "match p:\n    case [1, *r] | {'k': v, **kw} as z if z:\n        pass",
          "async def f():\n    async with a as b:\n        await c", "del a, b[0]", "x: int = 1",
          "try:\n    pass\nexcept* E:\n    pass", "print(-(-1), not not x, (a := 1), ~x ** 2)"]:
    print(ast.unparse(ast.parse(s)))

# Source segments and docstrings.
def sample(a, b=2):
    """Add things."""
    return a + b  # comment

src = textwrap.dedent(inspect.getsource(sample))
tree = ast.parse(src)
fn = tree.body[0]
print(ast.get_docstring(fn), fn.lineno, fn.end_lineno)
print(ast.get_source_segment(src, fn.body[1]))
print(ast.get_source_segment(src, fn.args))
ret = fn.body[1].value
print(ast.get_source_segment(src, ret), ret.col_offset, ret.end_col_offset)
ast.increment_lineno(tree, 3)
print(fn.lineno, fn.body[1].lineno, fn.body[1].value.left.end_lineno)

# Node constructors and helpers.
n = ast.Name("x", ast.Load())
print(ast.dump(n), n._fields, ast.Name._attributes)
c = ast.copy_location(ast.Constant(1), ast.parse("y").body[0].value)
print(c.lineno, c.col_offset, c.end_col_offset)
print([type(x).__name__ for x in ast.iter_child_nodes(ast.parse("a + b").body[0].value)])
print([(k, type(v).__name__) for k, v in ast.iter_fields(ast.parse("a").body[0].value)])

# compile() of AST objects: parsed, transformed and hand-built trees run; malformed trees raise
# the TypeError/ValueError CPython raises; positions reach tracebacks.
import ast
src = '''
def f(a, b=2, *args, c, d=4, **kw):
    """doc"""
    return a + b + c + d + len(args) + len(kw)
class C:
    x = 1
    def m(self): return f"{self.x!r:>5}|{self.x=}"
print(f(1, c=3), C().m())
print([i * i for i in range(5) if i % 2], {k: v for k, v in [(1, 2)]})
try:
    1 / 0
except ZeroDivisionError as e:
    print("caught", e)
match [1, 2, 3]:
    case [1, *rest]:
        print("rest", rest)
x = -5
print(x, (1, 2) + (3,), 2 ** 100, 1.5, 2j, b"b", ..., None, True)
'''
tree = ast.parse(src)
code = compile(tree, "<ast>", "exec")
exec(code)
print(eval(compile(ast.parse("1 + 2 * 3", mode="eval"), "<e>", "eval")))
class T(ast.NodeTransformer):
    def visit_Constant(self, node):
        if isinstance(node.value, int) and not isinstance(node.value, bool):
            return ast.copy_location(ast.Constant(node.value * 10), node)
        return node
t2 = T().visit(ast.parse("print(1 + 2, 'x')"))
exec(compile(t2, "<t>", "exec"))
m = ast.Module(body=[ast.Expr(ast.Call(ast.Name("print", ast.Load()), [ast.Constant("hi")], []))], type_ignores=[])
ast.fix_missing_locations(m)
exec(compile(m, "<m>", "exec"))
print(ast.literal_eval("{'a': [1, 2.5, -3, (4, 5j)], 'b': {1, 2}, 'c': None}"))
print(ast.unparse(ast.parse(src)))
def err(tree, mode="exec"):
    try:
        compile(tree, "<x>", mode)
    except Exception as e:
        print(type(e).__name__, e)
err(ast.Module(body=[ast.Expr(ast.Name("x", ast.Load()))], type_ignores=[]))
err(ast.Module(body=[ast.Pass()]))
err(ast.fix_missing_locations(ast.Module(body=[ast.Assign([ast.Name("x", ast.Load())], ast.Constant(1))], type_ignores=[])))
err(ast.fix_missing_locations(ast.Module(body=[ast.Expr(ast.Load())], type_ignores=[])))
err(ast.fix_missing_locations(ast.Module(body=[ast.Load()], type_ignores=[])))
err(ast.fix_missing_locations(ast.Module(body=(), type_ignores=[])))
err(ast.fix_missing_locations(ast.Module(body=[ast.Expr(ast.Constant([1]))], type_ignores=[])))
err(ast.fix_missing_locations(ast.Module(body=[ast.Expr(ast.Name(1, ast.Load()))], type_ignores=[])))
err(ast.fix_missing_locations(ast.Module(body=[ast.FunctionDef("f", ast.arguments([], [], None, [], [], None, []), [], [], None)], type_ignores=[])))
err(ast.fix_missing_locations(ast.Expression(body=ast.Name("x", ast.Store()))), "eval")
err(ast.parse("x"), "eval")
err(ast.fix_missing_locations(ast.Module(body=[ast.Expr(ast.Name("None", ast.Load()))], type_ignores=[])))
err(ast.fix_missing_locations(ast.Module(body=[ast.Expr(ast.BoolOp(ast.And(), [ast.Constant(1)]))], type_ignores=[])))
err(ast.fix_missing_locations(ast.Module(body=[ast.Expr(ast.Compare(ast.Constant(1), [ast.Lt()], []))], type_ignores=[])))
try:
    compile(ast.fix_missing_locations(ast.Module(body=[ast.Expr(ast.BinOp(ast.Constant(1), ast.Lt(), ast.Constant(2)))], type_ignores=[])), "<x>", "exec")
except TypeError as e:
    print(str(e).split(" at ")[0])
err(ast.fix_missing_locations(ast.Module(body=[ast.Expr(ast.Constant(1, lineno="x"))], type_ignores=[])))
err(ast.Module(body=[ast.Expr(ast.Constant(1), lineno=1, col_offset=0)], type_ignores=[]))
err(ast.fix_missing_locations(ast.Module(body=[ast.Expr(ast.Call())], type_ignores=[])))
e = ast.Expression(ast.BinOp(ast.Constant(1, lineno=3, col_offset=4, end_lineno=3, end_col_offset=5), ast.Div(), ast.Constant(0, lineno=3, col_offset=8, end_lineno=3, end_col_offset=9), lineno=3, col_offset=4, end_lineno=3, end_col_offset=9))
try:
    eval(compile(e, "<pos>", "eval"))
except ZeroDivisionError as ex:
    import traceback
    print(traceback.extract_tb(ex.__traceback__)[-1].lineno, list(compile(e, "<pos>", "eval").co_positions())[1])
print(compile(ast.parse("x"), "f", "exec", ast.PyCF_ONLY_AST).__class__.__name__)

# A transformer renaming variables, then the compiled tree runs.
class Rename(ast.NodeTransformer):
    def visit_Name(self, node):
        if node.id == "old":
            return ast.copy_location(ast.Name("new", node.ctx), node)
        return node
tree = Rename().visit(ast.parse("old = 5\nprint(old * 2)"))
ns = {}
exec(compile(tree, "<rename>", "exec"), ns)
print(sorted(k for k in ns if not k.startswith("__")))

# Interactive mode prints expression values.
exec(compile(ast.parse("1 + 1; 'x'", mode="single"), "<i>", "single"))

# Line numbers from the tree reach tracebacks; increment_lineno moves them.
import traceback
tree = ast.parse("def f():\n    return 1 / 0\nf()")
ast.increment_lineno(tree, 10)
try:
    exec(compile(tree, "<moved>", "exec"))
except ZeroDivisionError as ex:
    print([(fs.name, fs.lineno) for fs in traceback.extract_tb(ex.__traceback__)][1:])

# Missing and mistyped fields.
err(ast.fix_missing_locations(ast.Module(body=[ast.Expr(ast.Name(ctx=ast.Load()))], type_ignores=[])))
err(ast.fix_missing_locations(ast.Module(body=[ast.Expr(None)], type_ignores=[])))
err(ast.fix_missing_locations(ast.Module(body=[ast.Expr(1)], type_ignores=[])))
err(ast.Expression(body=ast.Module(body=[], type_ignores=[])), "eval")
err(ast.Pass(lineno=1, col_offset=0))
err(ast.fix_missing_locations(ast.Module(body=[ast.Import(names=[])], type_ignores=[])))
err(ast.fix_missing_locations(ast.Module(body=[ast.Try(body=[ast.Pass()], handlers=[], orelse=[], finalbody=[])], type_ignores=[])))
err(ast.fix_missing_locations(ast.Module(body=[ast.Assign(targets=[], value=ast.Constant(1))], type_ignores=[])))
err(ast.fix_missing_locations(ast.Module(body=[ast.Expr(ast.ListComp(ast.Name("x", ast.Load()), []))], type_ignores=[])))
err(ast.fix_missing_locations(ast.Module(body=[ast.Delete([ast.Name("x", ast.Load())])], type_ignores=[])))
err(ast.fix_missing_locations(ast.Module(body=[ast.Expr(ast.Dict([ast.Constant(1)], []))], type_ignores=[])))
err(ast.fix_missing_locations(ast.Module(body=[ast.ImportFrom("m", [ast.alias("x")], -1)], type_ignores=[])))

# A Constant may hold a tuple or frozenset of constants.
code = compile(ast.fix_missing_locations(ast.Expression(ast.Constant((1, "a", (2.5, None)), lineno=1, col_offset=0))), "<c>", "eval")
print(eval(code))
print(eval(compile(ast.fix_missing_locations(ast.Expression(ast.Constant(frozenset({3}), lineno=1, col_offset=0))), "<c>", "eval")))

# A hand-built function with defaults, keyword-only arguments and a docstring.
fn = ast.FunctionDef(
    name="g",
    args=ast.arguments(posonlyargs=[], args=[ast.arg("a"), ast.arg("b")], vararg=None,
                       kwonlyargs=[ast.arg("k")], kw_defaults=[ast.Constant(7)], kwarg=None,
                       defaults=[ast.Constant(2)]),
    body=[ast.Expr(ast.Constant("the doc")),
          ast.Return(ast.JoinedStr([ast.Constant("a="), ast.FormattedValue(ast.Name("a", ast.Load()), 114, None),
                                    ast.Constant(" b="), ast.FormattedValue(ast.Name("b", ast.Load()), -1,
                                    ast.JoinedStr([ast.Constant(">4")])),
                                    ast.Constant(" k="), ast.FormattedValue(ast.Name("k", ast.Load()), -1, None)]))],
    decorator_list=[], returns=None)
mod = ast.fix_missing_locations(ast.Module([fn], []))
ns = {}
exec(compile(mod, "<fn>", "exec"), ns)
print(ns["g"]("s"), ns["g"].__doc__, ns["g"].__defaults__, ns["g"].__kwdefaults__)
print(ast.unparse(mod))

# Position ranges are validated; a comprehension's generators are checked before its element.
for lo, hi, c0, c1 in [(10, 1, 0, 0), (-5, -2, 0, 0), (1, 1, 5, 2), (1, 1, -3, 2)]:
    bad = ast.Module([ast.Expr(ast.Name("x", ast.Load(), lineno=lo, end_lineno=hi, col_offset=c0, end_col_offset=c1),
                               lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], [])
    err(bad)
err(ast.fix_missing_locations(ast.Module([ast.Expr(ast.ListComp(ast.Name("x", ast.Store()), []))], [])))

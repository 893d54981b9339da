# ast.parse(type_comments=True): type comments on assignments, for/with headers, functions and
# their arguments; '# type: ignore' comments become type_ignores.
import ast
src = """x = 1  # type: int  
y = [  # type: ignore
  1]  # type: List[int]
for a in b:  # type: int
    pass
with c as d:  #type:str
    pass
def f(a,  # type: int
      b,
      c  # type: str
      ):
    # type: (...) -> None
    pass
def g(a): # type: (int) -> str
    return a  # type: ignore[attr]  
async def h():
    async for q in r:  # type: X
        pass
z = 2  # type: ignored
"""
print(ast.dump(ast.parse(src, type_comments=True)))
for s in ["def f(): # type: () -> None\n  pass\n"]:
    try:
        print(ast.dump(ast.parse(s, type_comments=True)))
    except SyntaxError as e:
        print("SyntaxError", e)
print(ast.dump(ast.parse("x = 1  # type: int")))
print(ast.parse("def f(a, # type: int\n      b): pass", type_comments=True).body[0].args.args[0].type_comment)

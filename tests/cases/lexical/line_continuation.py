# Explicit and implicit line joining, comments, indentation
total = 1 + \
        2 + \
        3
print(total)
if total > 5 and \
   total < 10:
    print("in range")
values = [
    1,
    2,  # comment
    3,
]
print(values)
d = {
    'a': 1,
    'b': 2
}
print(d)
def f(a,
      b,
      c=3):
    return a + b + c
print(f(1,
        2))
print((1 +
       2
       * 3))
s = ('abc'
     'def')
print(s)
x = 1; y = 2; z = 3
print(x, y, z)
if x: print("one-line if")
for i in range(2): print("loop", i)
while False: pass
class K: a = 1; b = 2
print(K.a, K.b)
	# a tab-indented comment line is fine
print("after tab comment")
def g():
	return "tab indent"
print(g())
for src in ["x = (1,\n", "if True:\nprint(1)\n", "  x = 1\n", "def f():\n  a = 1\n    b = 2\n", "x = 1 \\ 2\n"]:
    try:
        compile(src, "<s>", "exec")
    except SyntaxError as e:
        print(type(e).__name__, e.msg, e.lineno)

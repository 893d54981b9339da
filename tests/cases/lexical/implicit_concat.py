# Implicit concatenation of adjacent string literals
s = 'a' "b" '''c''' """d"""
print(s)
print('x' 'y', 'x' r'\n' 'z')
t = ("one "
     "two "
     "three")
print(t)
x = 3
print('a' f'{x}' 'b', f'{x}' f'{x+1}')
print(b'a' b'b' rb'\n')
try:
    eval("'a' b'b'")
except SyntaxError as e:
    print("SyntaxError", e.msg)
print(len('' '' ''), repr('' ''))
d = {"k" "ey": 1}
print(d)
print(("a"
       # comment in between
       "b"))
def f():
    "doc" " string"
    return 1
print(f.__doc__)
print('%s' '%d' % ('n', 5))
print("abc" [1], "xy" * 2)
print(u"u" "v", "w" u"z")

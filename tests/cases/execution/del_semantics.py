# del on names, attributes, items, slices, and tuples of targets
a = 1
del a
try:
    a
except NameError as e:
    print("NameError", e)
b, c, d = 1, 2, 3
del b, c
print("b" in globals(), "c" in globals(), d)
lst = [0, 1, 2, 3, 4, 5]
del lst[0]
del lst[-1]
print(lst)
del lst[1:3]
print(lst)
del lst[:]
print(lst)
dct = {"x": 1, "y": 2}
del dct["x"]
print(dct)
try:
    del dct["missing"]
except KeyError as e:
    print("KeyError", e)
class O: pass
o = O()
o.attr = 1
del o.attr
print(hasattr(o, "attr"))
p, q = [1, 2], {"k": [1, 2]}
del (p[0], q["k"][1])
print(p, q)
del [p, q]
print("p" in globals(), "q" in globals())
def local_del():
    x = 5
    y = x
    del x
    return y, "x" in locals()
print(local_del())
try:
    exec("del f()")
except SyntaxError as e:
    print("SyntaxError", e.msg)
try:
    exec("del 1")
except SyntaxError as e:
    print("SyntaxError", e.msg)
try:
    exec("del (a + b)")
except SyntaxError as e:
    print("SyntaxError", e.msg)
t = (1, 2)
try:
    del t[0]
except TypeError as e:
    print("TypeError", e)
s = "abc"
try:
    del s[0]
except TypeError as e:
    print("TypeError", e)
try:
    del lst[10]
except IndexError as e:
    print("IndexError", e)
nested = {"a": {"b": {"c": 1}}}
del nested["a"]["b"]["c"]
print(nested)
for i in range(3):
    pass
del i
try:
    i
except NameError as e:
    print("NameError", e)
def del_then_assign():
    v = 1
    del v
    v = 2
    return v
print(del_then_assign())
m = [1, 2, 3, 4, 5, 6]
del m[::2]
print(m)

# list.append, extend, insert, +=, and their edge cases
a = [1, 2]
a.append(3)
a.append([4, 5])
print(a)
a.extend([6, 7])
a.extend((8,))
a.extend("ab")
a.extend(range(2))
a.extend({"k": 1})
print(a)
a.insert(0, "first")
a.insert(-1, "before-last")
a.insert(100, "end")
a.insert(-100, "start")
print(a)
b = [1]
b += (2, 3)
b += "xy"
print(b)
try:
    b = b + (4,)
except TypeError as e:
    print("TypeError", e)
for f in [lambda: [].append(), lambda: [].append(1, 2), lambda: [].extend(5), lambda: [].extend(None), lambda: [].insert(0),
          lambda: [].insert("0", 1), lambda: [].insert(1.0, 1)]:
    try:
        f()
    except TypeError as e:
        print("TypeError", e)
c = [1, 2]
c.extend(c)
print(c)
c.append(c)
print(c)
def gen():
    yield from range(3)
d = []
d.extend(gen())
print(d, d.append(9), d)

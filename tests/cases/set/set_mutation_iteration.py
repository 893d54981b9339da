# Changing a set during iteration raises RuntimeError
s = {1, 2, 3}
try:
    for x in s:
        s.add(x + 10)
except RuntimeError as e:
    print("RuntimeError", e)
s = {1, 2, 3}
try:
    for x in s:
        s.discard(x)
except RuntimeError as e:
    print("RuntimeError", e)
print(len(s))
s = {1, 2, 3}
for x in s.copy():
    s.discard(x)
print(s)
s = {1, 2, 3}
for x in s:
    s.add(x)
print(s)
s = {1, 2}
it = iter(s)
print(next(it))
s.add(5)
s.discard(5)
try:
    print(next(it))
except RuntimeError as e:
    print("RuntimeError", e)

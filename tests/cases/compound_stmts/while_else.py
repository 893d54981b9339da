# while loops with else, break, continue, and complex conditions
i = 0
while i < 3:
    print("iteration", i)
    i += 1
else:
    print("else: loop ended normally, i =", i)
i = 0
while i < 10:
    if i == 2:
        print("breaking")
        break
    i += 1
else:
    print("not printed")
while False:
    print("never")
else:
    print("else runs even if body never runs")
n = 0
while (n := n + 1) < 4:
    if n == 2:
        continue
    print("n", n)
else:
    print("done, n =", n)
stack = [1, 2, 3]
while stack:
    print("pop", stack.pop())
def search(items, target):
    i = 0
    while i < len(items):
        if items[i] == target:
            return i
        i += 1
    else:
        return -1
print(search("abc", "c"), search("abc", "z"))
count = 0
while True:
    count += 1
    try:
        if count == 3:
            break
    finally:
        print("finally on iteration", count)
print("count", count)
a, b = 0, 1
fib = []
while a < 50:
    fib.append(a)
    a, b = b, a + b
print(fib)
j = 0
while j < 3:
    j += 1
    k = 0
    while k < 3:
        k += 1
        if k == 2:
            break
    else:
        print("inner else never")
    if j == 2:
        continue
    print("outer", j, k)
else:
    print("outer else runs")

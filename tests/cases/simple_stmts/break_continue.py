# break and continue in loops, nested loops, with else clauses
for i in range(10):
    if i % 2:
        continue
    if i > 6:
        break
    print("for", i)
n = 0
while True:
    n += 1
    if n < 3:
        continue
    print("while broke at", n)
    break
for i in range(3):
    for j in range(3):
        if j == 1:
            break
        print("inner", i, j)
    else:
        print("never")
    if i == 1:
        continue
    print("outer after inner", i)
for x in []:
    break
else:
    print("else runs for empty loop")
for x in [1]:
    continue
else:
    print("else runs after continue-only loop")
def find(seq, target):
    for idx, v in enumerate(seq):
        if v == target:
            break
    else:
        return "not found"
    return f"found at {idx}"
print(find("abc", "b"), find("abc", "z"))
def cont_in_try():
    out = []
    for i in range(4):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            out.append(i)
        finally:
            out.append(f"f{i}")
    return out
print(cont_in_try())
for bad in ["break", "continue", "def f():\n    break\n", "for x in y:\n    def g():\n        continue\n", "class C:\n    break\n"]:
    try:
        compile(bad, "<b>", "exec")
        print(repr(bad), "compiles")
    except SyntaxError as e:
        print(repr(bad), "-> SyntaxError", e.msg)
k = 0
while k < 5:
    k += 1
    if k == 2:
        continue
    if k == 4:
        break
    print("k", k)
else:
    print("no else after break")
i = 0
while i < 2:
    i += 1
else:
    print("while else ran, i =", i)

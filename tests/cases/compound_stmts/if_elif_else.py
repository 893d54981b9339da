# if / elif / else chains and truthiness of conditions
def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    elif n < 100:
        return "medium"
    else:
        return "large"
print([classify(n) for n in (-5, 0, 3, 50, 500)])
def t(label, value):
    print(f"  test {label}")
    return value
if t("a", False):
    print("a")
elif t("b", 0):
    print("b")
elif t("c", "yes"):
    print("c taken")
elif t("d", True):
    print("d never tested")
else:
    print("else never")
if []:
    print("no")
else:
    print("empty list is falsy")
if [0]:
    print("non-empty list is truthy")
x = 5
if x: print("single-line if")
if not x: pass
else: print("single-line else")
if x > 3:
    if x > 4:
        if x > 5:
            print("no")
        else:
            print("nested else at depth 3")
class Weird:
    def __bool__(self):
        raise ValueError("cannot decide")
try:
    if Weird():
        pass
except ValueError as e:
    print("ValueError", e)
if (y := 10) > 5:
    print("walrus in if", y)
elif (y := 20):
    print("not reached")
print(y)
value = None
if value is None:
    print("None check")
if value == None if False else True:
    print("conditional expression as condition")
for src in ["if x:\npass\n", "if x:\n    pass\nelse if y:\n    pass\n", "if x\n    pass\n", "else:\n    pass\n", "if x:\n    pass\nelif:\n    pass\n"]:
    try:
        compile(src, "<if>", "exec")
    except SyntaxError as e:
        print(type(e).__name__, e.msg, e.lineno)

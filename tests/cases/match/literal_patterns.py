# Literal patterns: numbers, strings, None/True/False, negative and complex
def m(x):
    match x:
        case 0:
            return "zero"
        case 1.5:
            return "one and a half"
        case -3:
            return "minus three"
        case 2 + 3j:
            return "complex"
        case -1 - 1j:
            return "negative complex"
        case "hello":
            return "greeting"
        case b"bytes":
            return "bytes literal"
        case "con" "cat":
            return "concatenated"
        case None:
            return "None"
        case True:
            return "True"
        case False:
            return "False"
        case _:
            return f"other {x!r}"
for v in [0, 0.0, 1.5, -3, 2 + 3j, -1 - 1j, "hello", b"bytes", "concat", None, True, False, 1, "x", 1.0]:
    print(repr(v), "->", m(v))
def eq_vs_is(x):
    match x:
        case True:
            return "is True"
        case 1:
            return "equals 1"
    return "no match"
print(eq_vs_is(True), eq_vs_is(1), eq_vs_is(1.0))
class AlwaysEqual:
    def __eq__(self, o):
        return True
print(m(AlwaysEqual()) if False else "skip", eq_vs_is(AlwaysEqual()))
match 0.1 + 0.2:
    case 0.3:
        print("float equality matched")
    case _:
        print("0.1 + 0.2 != 0.3")
for src in ["match x:\n    case 1 + 1:\n        pass\n", "match x:\n    case f'x':\n        pass\n", "match x:\n    case -a:\n        pass\n"]:
    try:
        compile(src, "<m>", "exec")
        print("compiles")
    except SyntaxError as e:
        print("SyntaxError", e.msg)

# CPython's tokenizer holds at most 200 open brackets: the 201st is a SyntaxError
# "too many nested parentheses" at that bracket, from compile(), eval(), exec() and ast.parse.
# Brackets inside an f-string's replacement field count from zero again.
import ast


def show(label, fn):
    try:
        fn()
        print(label, "ok")
    except SyntaxError as e:
        print(label, type(e).__name__, repr(e.msg), e.lineno, e.offset, e.end_lineno, e.end_offset)
        print("   ", repr(e.text)[:40])


sources = {
    "200 parens": "(" * 200 + ")" * 200,
    "201 parens": "(" * 201 + ")" * 201,
    "mixed": "{" * 100 + "[" * 101,
    "unclosed 300": "(" * 300,
    "second line": "x = 1\n" + "(" * 201 + "1" + ")" * 201 + "\n",
    "inside list": "y = [" + "(" * 199 + ")" * 199 + "]",
    "f-string field": 'f"{' + "(" * 199 + ")" * 199 + '}"',
    "beats a bad token": "(" * 201 + "$",
    "100000 parens": "(" * 100000,
    "50000 lists": "[" * 50000 + "]" * 50000,
    "string, not brackets": "'" + "(" * 300 + "'",
    "comment, not brackets": "x = 1  # " + "(" * 300,
}

for name, src in sources.items():
    show(name + " exec", lambda: compile(src, "s", "exec"))
    show(name + " eval", lambda: compile(src, "s", "eval"))
show("eval()", lambda: eval("[" * 300 + "]" * 300))
show("exec()", lambda: exec("x = " + "(" * 201 + "1" + ")" * 201))
show("ast.parse", lambda: ast.parse("(" * 250 + ")" * 250))

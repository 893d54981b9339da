# Identifiers: unicode names, soft keywords, keyword module-free checks
café = 1
π = 3.14
Ωmega = "o"
_private = 2
__dunder__ = 3
print(café, π, Ωmega, _private, __dunder__)
ﬁle = 5  # NFKC normalises the ligature to "file"
print(file)
ℌ = 7
print(H)
match = 1
case = 2
_ = 3
type = 4
print(match, case, _, type)
del type
print(type(1).__name__)
print("abc".isidentifier(), "1a".isidentifier(), "a b".isidentifier(), "café".isidentifier(), "".isidentifier())
for src in ["class = 1", "None = 1", "True = 1", "def = 2", "x.True", "async = 1", "__debug__ = 1", "$x = 1"]:
    try:
        compile(src, "<s>", "exec")
        print(src, "ok")
    except SyntaxError as e:
        print(src, "->", e.msg)
print(__debug__)
print(__name__)

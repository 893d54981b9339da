# isidentifier vs keywords and unusual identifier characters
cases = ["name", "_", "__init__", "x1", "1x", "", "if", "None", "match", "with space", "a-b", "été", "名前", "ℕ", "℘", "x\u0301",
         "\u0301x", "a·b", "·a", "ǅx", "$x", "x$", "ⅸ", "_ⅸ", "𝔘𝔫𝔦", "٣x", "x٣"]
for c in cases:
    print(repr(c), c.isidentifier())
try:
    "x".isidentifier(1)
except TypeError as e:
    print("TypeError", e)
ns = {}
exec("été = 1\n名前 = 2\nℕ = 3", ns)
print(sorted(k for k in ns if k != "__builtins__"))
# Identifiers are normalised with NFKC when compiled
ns2 = {}
exec("ﬁ = 'ligature'", ns2)
print([k for k in ns2 if k != "__builtins__"], "ﬁ".isidentifier())
print("ﬁ" == "fi")
for kw in ["True", "False", "lambda", "await", "case", "_"]:
    print(kw, kw.isidentifier())
print("a1".isidentifier(), "1a".isidentifier())

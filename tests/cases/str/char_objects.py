# One-character strings from iteration, indexing and chr() (the interpreter hands out
# shared objects for U+0000..U+00FF): values, identity between them, and what follows.
s = "héllo wörld \x00\xff"
chars = list(s)
print(chars, len(chars), [ord(c) for c in s][:5])
print(s[1] is chr(233), s[0] is s[0], chr(255) is s[-1], s[-1] == "\xff")
print([c for c in "añ€𝄞"], [len(c) for c in "añ€𝄞"], "añ€𝄞"[2], "añ€𝄞"[3])
acc = ""
for c in "abc":
    acc += c
    acc += c
print(acc, "abc"[1] + "x", "abc"[0] * 3)
t = "z"
u = "xyz"[2]
u += "!"
print(t, u, "xyz")
table = {chr(97 + i): i for i in range(26)}
print(sum(table[c] for c in "thequickbrownfox"), table.get("é", -1))
print(chr(0), repr(chr(0)), chr(127), repr(chr(128)), chr(0x100), chr(0x10FFFF) == "\U0010ffff")
for bad in (-1, 0x110000):
    try:
        chr(bad)
    except ValueError as e:
        print("ValueError:", e)
b = "\ud800x"
print([ascii(c) for c in b], ascii(b[0]))

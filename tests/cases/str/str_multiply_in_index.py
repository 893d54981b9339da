# str membership, counting and iteration over large and non-ASCII strings
s = "ab" * 1000 + "c"
print(len(s), s.count("ab"), s.count("ba"))
print(s.find("c"), s.rfind("ab"), "abc" in s)
print("cab" in s)
u = "αβγ" * 500
print(len(u), u.count("βγα"), u.index("γ"))
print(u.rindex("α"), u[::500], u.upper()[:6])
mixed = "a€😀" * 3
print(len(mixed), [mixed.find(c) for c in "a€😀"], mixed[::-1])
print(mixed.encode("utf-8")[:8])
print("😀" in mixed, mixed.split("€"), mixed.replace("😀", "!"))
print(mixed.center(13, "*"))
print(sorted(set(mixed)), max(mixed), min(mixed))
print(list(map(ord, "a€😀")))
print("a" * 0 == "", "" * 10 == "", ("ab" * 3).count("ab", 1))
print(("x" * 7).rfind("xx"))
# Repetition with zero/negative counts and big strings built by join
parts = ["ab"] * 5
print("".join(parts) == "ab" * 5, "-" * -3 == "", len("xyz" * 1000), ("xyz" * 1000)[2998:])
print("é" * 3, ("é" * 3).encode(), "日" * 2 + "本", ("na" * 4).title())

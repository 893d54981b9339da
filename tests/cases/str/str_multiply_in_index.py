# str membership, counting and iteration over large and non-ASCII strings
s = "ab" * 1000 + "c"
print(len(s), s.count("ab"), s.count("ba"), s.find("c"), s.rfind("ab"), "abc" in s, "cab" in s)
u = "αβγ" * 500
print(len(u), u.count("βγα"), u.index("γ"), u.rindex("α"), u[::500], u.upper()[:6])
mixed = "a€😀" * 3
print(len(mixed), [mixed.find(c) for c in "a€😀"], mixed[::-1], mixed.encode("utf-8")[:8])
print("😀" in mixed, mixed.split("€"), mixed.replace("😀", "!"), mixed.center(13, "*"))
print(sorted(set(mixed)), max(mixed), min(mixed), list(map(ord, "a€😀")))
print("a" * 0 == "", "" * 10 == "", ("ab" * 3).count("ab", 1), ("x" * 7).rfind("xx"))

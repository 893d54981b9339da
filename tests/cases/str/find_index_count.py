# find/rfind/index/rindex/count with start/end
s = "abracadabra"
for sub in ["a", "abra", "cad", "z", "", "ra", "abracadabra", "abracadabrax"]:
    print(repr(sub), s.find(sub), s.rfind(sub), s.count(sub))
for args in [("a", 1), ("a", 1, 4), ("a", -4), ("a", -4, -1), ("bra", 2, 100), ("", 5), ("", 11), ("", 12),
             ("a", 100), ("a", None, None), ("a", 3, 1), ("", 3, 1), ("a", -100, 3)]:
    print(args, s.find(*args), s.rfind(*args), s.count(*args))
print(s.index("c"), s.rindex("a"), s.index("a", 1), s.rindex("a", 0, 5))
for fn in (s.index, s.rindex):
    try:
        fn("z")
    except ValueError as e:
        print("ValueError", e)
try:
    s.index("a", 20)
except ValueError as e:
    print("ValueError", e)
try:
    s.find(1)
except TypeError as e:
    print("TypeError", e)
try:
    s.count()
except TypeError as e:
    print("TypeError", e)
try:
    s.find("a", "1")
except TypeError as e:
    print("TypeError", e)
print("aaaa".count("aa"), "aaaa".count(""), "".count(""), "".find(""), "".rfind(""), "€uro€".find("€", 1))
print("héllo wörld".find("ö"), "日本語の本".rfind("本"), "日本語の本".count("本"))
print("a" in s, "cad" in s, "" in s, "dab" not in s)
try:
    1 in s
except TypeError as e:
    print("TypeError", e)

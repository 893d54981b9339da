# dict comprehensions and iteration patterns
squares = {x: x * x for x in range(6)}
print(squares)
print({k: v for k, v in squares.items() if v % 2 == 0})
print({v: k for k, v in {"a": 1, "b": 2}.items()})
print({c: i for i, c in enumerate("hello")})
print({(x, y): x * y for x in range(3) for y in range(x)})
print({str(k): [v] * 2 for k, v in zip(range(3), "abc")})
print(dict((k, len(k)) for k in ["one", "three"]))
for k in squares:
    print(k, end=" ")
print()
for k, v in squares.items():
    if k > 3:
        print(k, v)
print(sorted({"b": 1, "a": 2}.items(), key=lambda kv: kv[1]))
print(max(squares, key=squares.get), min(squares.values()), sum(squares.values()))
try:
    {[]: 1 for _ in range(1)}
except TypeError as e:
    print("TypeError", e)
words = "the quick the lazy the end".split()
counts = {}
for w in words:
    counts[w] = counts.get(w, 0) + 1
print(counts)

# str/bytes hashes are fixed under PYTHONHASHSEED=0; equal str and bytes contents hash the same
words = ["", "a", "b", "ab", "abc", "hello", "Hello", "hello world", "é", "日本語", "\U0001F600", "a" * 100]
for w in words:
    print(repr(w), hash(w))
for b in [b"", b"a", b"abc", b"hello", b"\x00\xff", bytes(range(20))]:
    print(repr(b), hash(b))
print(hash("abc") == hash(b"abc"), hash("é") == hash("é".encode()))
print(hash(memoryview(b"abc")) == hash(b"abc"))
class S(str):
    pass
print(hash(S("hello")) == hash("hello"))
print({"b": 1, "a": 2, "c": 3, "aa": 4}, {"x", "y", "z", "w"})
print(sorted({"b", "a"}), list({"banana": 1, "apple": 2}))
# String hashes do not depend on how the string was built
parts = ["hel", "lo"]
print(hash("".join(parts)) == hash("hello"), hash("hello"[0:3]) == hash("hel"))
print(hash(str(12)) == hash("12"))
print(hash("a" * 50) == hash("".join(["a"] * 50)), hash(chr(233)) == hash("é"))
print(hash("é".upper()) == hash("É"))
print(hash(bytes(bytearray(b"abc"))) == hash(b"abc"), hash(b"ab" + b"c") == hash(b"abc"))
for w in ["x", "y", "xy", "yx"]:
    print(w, hash(w) % 8, hash(w.encode()) % 8)

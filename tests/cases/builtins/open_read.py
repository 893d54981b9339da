# open() for reading: text and binary modes, iteration, context manager, errors
with open(__file__) as f:
    print(repr(f.readline()), f.closed, f.mode)
    print(repr(f.read(5)), repr(f.readline(10)))
print(f.closed)
try:
    f.read()
except ValueError as e:
    print("ValueError", e)
lines = list(open(__file__, "r"))
print(len(lines) > 10, lines[-1])
with open(__file__, "rb") as b:
    print(b.read(7), type(b.readline()).__name__, b.mode)
try:
    open("definitely_missing_file.txt")
except FileNotFoundError as e:
    print(type(e).__name__, e, e.errno, e.filename)
for m in ["z", "rw", "rr", "tb", "+"]:
    try:
        open(__file__, m)
    except ValueError as e:
        print("ValueError", e)
try:
    open(3.5)
except TypeError as e:
    print("TypeError", e)
try:
    open(__file__, "rb", encoding="utf-8")
except ValueError as e:
    print("ValueError", e)
try:
    open(".")
except OSError as e:
    print(type(e).__name__, e)
print("last line")

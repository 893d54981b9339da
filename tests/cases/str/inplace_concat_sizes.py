# s += t in place across the inline/heap boundary and the heap growth classes, including
# appending empty strings to exactly sized heap strings (a block must keep its real size).
def grow(n, pieces):
    keep = []
    for i in range(300):
        s = 'a' * n
        for p in pieces:
            s += p
        keep.append(s)
        keep.append(str(i) * 20)
    return keep

for n in (1, 27, 28, 29, 36, 100, 104, 127, 128, 129, 1000, 1024, 4095):
    for pieces in (['', 'b' * 7], ['', '', 'xyz' * 40], ['é', '', '\U0001f600' * 3], ['\ud800', '']):
        k = grow(n, pieces)
        s = k[-2]
        print(n, len(s), s[-3:].encode('utf-8', 'surrogatepass'), s == 'a' * n + ''.join(pieces), len(k))

# A long string built by += and then shared, then appended to again.
s = ''
for i in range(2000):
    s += str(i)
    if i % 500 == 0:
        t = s
        s += ''
        print(len(s), t is s, hash(s) == hash(t))
print(len(s), s[:10], s[-10:])

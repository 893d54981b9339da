# zlib and gzip: checksums, round trips through every wrapper (zlib, raw deflate, gzip, auto),
# streaming objects with flush modes and max_length, decompressing streams CPython's zlib made,
# zlib.error messages, and gzip/zipfile/tarfile over BytesIO and a temporary file. Compressed
# bytes themselves are not compared: only their round trips (any valid DEFLATE is fine).
import gzip
import io
import os
import tarfile
import tempfile
import zipfile
import zlib

DATA = b"Krait hello hello hello zlib! " * 3
BIG = bytes(range(256)) * 200 + b"tail" + b"abc" * 5000

print("== checksums")
print(zlib.crc32(b""), zlib.crc32(b"hello"), zlib.crc32(b"world", zlib.crc32(b"hello ")))
print(zlib.crc32(b"hello world"), zlib.crc32(BIG), zlib.crc32(b"x", -1), zlib.crc32(b"x", 2**40 + 5))
print(zlib.adler32(b""), zlib.adler32(b"hello"), zlib.adler32(BIG), zlib.adler32(b"abc", 12345))
print(zlib.adler32(b"\xff" * 100000), zlib.crc32(memoryview(b"abc")), zlib.crc32(bytearray(b"abc")))

print("== constants")
print(zlib.MAX_WBITS, zlib.DEFLATED, zlib.DEF_MEM_LEVEL, zlib.DEF_BUF_SIZE)
print(zlib.Z_BEST_COMPRESSION, zlib.Z_BEST_SPEED, zlib.Z_DEFAULT_COMPRESSION, zlib.Z_FINISH,
      zlib.Z_SYNC_FLUSH, zlib.Z_FULL_FLUSH, zlib.Z_NO_FLUSH)
print(issubclass(zlib.error, Exception), zlib.error.__module__)

print("== round trips")
for level in range(-1, 10):
    for data in (b"", DATA, BIG):
        c = zlib.compress(data, level)
        assert zlib.decompress(c) == data, (level, len(data))
        assert zlib.decompress(c, 0) == data
        assert zlib.decompress(c, 47) == data
print("compress/decompress ok")
for wbits in (9, 12, 15, -9, -15, 25, 31):
    c = zlib.compress(BIG, 6, wbits)
    # Krait's compressor always uses a 32 KiB window, so a small `wbits` is not decompressed
    # with that same small window here.
    assert zlib.decompress(c, 15 if 0 < wbits < 15 else wbits) == BIG, wbits
    if wbits > 16:
        assert zlib.decompress(c, 47) == BIG
        assert gzip.decompress(c) == BIG
print("wbits ok", zlib.compress(b"abc", wbits=31)[:3], zlib.compress(b"abc")[:1])
print(len(zlib.compress(b"a" * 100000)) < 1000)

print("== CPython-made streams")
cz = b'x\x9c\xf3.J\xcc,Q\xc8H\xcd\xc9\xc9G!\xabr2\x93\x14\x15\xbc)\x90\x05\x00\xc0\x7f\x1f\xfc'
craw = b'\xf3.J\xcc,Q\xc8H\xcd\xc9\xc9G!\xabr2\x93\x14\x15\xbc)\x90\x05\x00'
cgz = (b'\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03\xf3.J\xcc,Q\xc8H\xcd\xc9\xc9G!\xabr2\x93\x14'
       b'\x15\xbc)\x90\x05\x00\xab5\xa4\xdfZ\x00\x00\x00')
print(zlib.decompress(cz) == DATA, zlib.decompress(craw, -15) == DATA)
print(zlib.decompress(cgz, 31) == DATA, zlib.decompress(cgz, 47) == DATA, gzip.decompress(cgz) == DATA)
print(zlib.decompress(cz + b"trailing junk") == DATA)

print("== streaming")
co = zlib.compressobj(9, zlib.DEFLATED, -15)
parts = [co.compress(BIG[i:i + 1000]) for i in range(0, len(BIG), 1000)]
parts.append(co.flush(zlib.Z_SYNC_FLUSH))
mid = b"".join(parts)
print(mid[-4:] == b"\x00\x00\xff\xff")
parts.append(co.compress(b"more"))
parts.append(co.flush(zlib.Z_FULL_FLUSH))
parts.append(co.flush())
stream = b"".join(parts)
print(zlib.decompress(stream, -15) == BIG + b"more")
do = zlib.decompressobj(-15)
print(do.decompress(mid) == BIG, do.eof)
try:
    co.compress(b"x")
except zlib.error as e:
    print("error:", e)

co = zlib.compressobj(wbits=31)
gz = co.compress(DATA) + co.flush()
do = zlib.decompressobj(wbits=47)
out = b""
for i in range(0, len(gz), 3):
    out += do.decompress(gz[i:i + 3])
print(out == DATA, do.eof, do.unused_data, do.unconsumed_tail)

do = zlib.decompressobj()
c = zlib.compress(BIG)
first = do.decompress(c, 100)
print(len(first), len(do.unconsumed_tail) > 0, do.eof)
chunks = [first]
while do.unconsumed_tail:
    chunks.append(do.decompress(do.unconsumed_tail, 5000))
    assert len(chunks[-1]) <= 5000
chunks.append(do.flush())
print(b"".join(chunks) == BIG, do.eof, do.unused_data)

do = zlib.decompressobj()
print(do.decompress(cz + b"extra") == DATA, do.unused_data, do.eof)
print(do.decompress(b"more") , do.unused_data)

co = zlib.compressobj()
head = co.compress(b"abc")
co2 = co.copy()
a = head + co.compress(b"def") + co.flush()
b = head + co2.compress(b"xyz") + co2.flush()
print(zlib.decompress(a), zlib.decompress(b))
do = zlib.decompressobj()
do.decompress(a[:5])
do2 = do.copy()
print(do.decompress(a[5:]), do2.decompress(a[5:]))
print(zlib.compressobj().flush(zlib.Z_NO_FLUSH))

print("== errors")
def err(f, *args, **kw):
    try:
        f(*args, **kw)
    except Exception as e:
        print(type(e).__name__, e)
    else:
        print("no error")

err(zlib.decompress, b"not zlib data")
err(zlib.decompress, b"x\x9c" + b"\x00" * 3)
err(zlib.decompress, cz[:-1])
err(zlib.decompress, cz[:10])
err(zlib.decompress, cz[:-2] + b"\x00\x00")
err(zlib.decompress, craw)
err(zlib.decompress, cgz[:-5] + b"\x00\x00\x00\x00\x00", 31)
err(zlib.decompress, cz, 31)
err(zlib.decompress, b"\x1f\x8b\x09" + cgz[3:], 31)
err(zlib.decompress, cz, bufsize=-1)
err(zlib.compress, b"x", 10)
err(zlib.compress, b"x", wbits=99)
err(zlib.compressobj, 10)
err(zlib.compressobj, wbits=16)
err(zlib.compressobj, method=7)
err(zlib.decompressobj, 99)
err(zlib.decompressobj().decompress, b"x", -1)
err(zlib.decompressobj().flush, 0)
err(zlib.crc32, "text")
err(zlib.compress, "text")
err(gzip.decompress, b"\x1f\x8b\x08\x00" + b"\x00" * 6 + b"\x03\x00" + b"\x00" * 8 + b"junk")

print("== gzip in memory")
buf = io.BytesIO()
with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as f:
    f.write(DATA)
    f.write(BIG)
raw = buf.getvalue()
print(raw[:4], zlib.decompress(raw, 31) == DATA + BIG)
with gzip.GzipFile(fileobj=io.BytesIO(raw)) as f:
    print(f.read(30), len(f.read()) == len(DATA) - 30 + len(BIG))
with gzip.GzipFile(fileobj=io.BytesIO(raw + gzip.compress(b"second"))) as f:
    print(f.read()[-6:])
print(gzip.decompress(gzip.compress(BIG, 1)) == BIG, gzip.decompress(gzip.compress(b"")))

print("== gzip, zipfile and tarfile on disk")
with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "data.txt.gz")
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write("line one\nline two\n" * 100)
    with gzip.open(path, "rt", encoding="utf-8") as f:
        lines = f.readlines()
    print(len(lines), lines[:2], os.path.getsize(path) < 200)
    with open(path, "rb") as f:
        print(f.read(2))

    zpath = os.path.join(d, "a.zip")
    with zipfile.ZipFile(zpath, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("big.bin", BIG)
        z.writestr("small.txt", "hi there")
    with zipfile.ZipFile(zpath) as z:
        print(sorted(z.namelist()), z.read("big.bin") == BIG, z.read("small.txt"))
        info = z.getinfo("big.bin")
        print(info.compress_type, info.file_size, info.CRC == zlib.crc32(BIG), z.testzip())

    tpath = os.path.join(d, "a.tar.gz")
    with tarfile.open(tpath, "w:gz") as t:
        ti = tarfile.TarInfo("hello.txt")
        payload = b"hello tar\n" * 50
        ti.size = len(payload)
        t.addfile(ti, io.BytesIO(payload))
    with tarfile.open(tpath, "r:gz") as t:
        print(t.getnames(), [m.size for m in t.getmembers()])
    with open(tpath, "rb") as f:
        tar = gzip.decompress(f.read())
    print(len(tar) % 512, tar[:9], tar[512:512 + len(payload)] == payload)

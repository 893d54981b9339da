# random: seeded sequences identical to CPython (int, big int, negative, str, bytes, float seeds), state round-trip, distributions; _sha512.
import random, _sha512
print(_sha512.sha512(b'abc').hexdigest()[:32], _sha512.sha384(b'').hexdigest()[:32], _sha512.sha512(b'x'*300).hexdigest()[-16:])
random.seed(42)
print(random.random(), random.randint(1, 100), random.choice('abcdef'), random.uniform(1, 2))
print(random.sample(range(100), 5), random.getrandbits(70), random.randrange(0, 1000, 7))
l = list(range(10)); random.shuffle(l); print(l)
random.seed('hello'); print(random.random())
random.seed(12345678901234567890); print(random.random())
random.seed(-5); print(random.random())
st = random.getstate(); a = random.random(); random.setstate(st); print(a == random.random())
r = random.Random(7); print(r.gauss(0, 1), r.normalvariate(0, 1), r.expovariate(2), r.choices('abc', k=5))
print(random.Random(3.5).random(), random.Random(b'xy').random())

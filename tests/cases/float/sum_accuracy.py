# Float summation behaviour and accumulation (sum uses compensated summation in 3.12 only)
vals = [0.1] * 10
print(sum(vals), sum(vals) == 1.0)
acc = 0.0
for v in vals:
    acc += v
print(acc)
print(sum([1e100, 1.0, -1e100, 1.0]))
print(sum([0.1, 0.2, 0.3]), sum([0.3, 0.2, 0.1]))
print(sum(range(10), 0.5), sum([1, 2.5, 3]), type(sum([1, 2])).__name__, type(sum([1, 2.0])).__name__)
print(sum([1e308, 1e308]), sum([float("inf"), -float("inf")]))
x = 0.0
for i in range(1, 101):
    x += 1.0 / i
print(x)
y = 1.0
for i in range(60):
    y /= 2
print(y, y * 2 ** 60)
print(1.0 - 1e-16 == 1.0, 1.0 - 1e-16)
print(0.1 + 0.7, (0.1 + 0.7) * 10, int((0.1 + 0.7) * 10))
print([round(i * 0.1, 10) for i in range(11)])
print([i * 0.1 for i in range(11)])

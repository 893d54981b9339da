# Ends with an uncaught TypeError: complex numbers are unordered
print(complex(1, 2).real)
print(abs(3 + 4j), (3 + 4j).conjugate())
for op in ("<", ">"):
    try:
        eval("1j " + op + " 2j")
    except TypeError as e:
        print("caught", e)
print(sorted([2j, 1j], key=abs))
print(1j == 1j, 1j != 2j)
# Equality works for complex numbers; ordering does not
values0 = [1 + 1j, 1 + 1j, 2j]
print(values0[0] == values0[1], values0[0] != values0[2])
print(2j in values0, values0.count(1 + 1j))
print(sorted(values0, key=lambda z: (z.real, z.imag)))
print(max(values0, key=abs), min(values0, key=lambda z: z.imag))
values = [3 + 0j, 1 + 1j, 2j]
print(values, [abs(v) for v in values])
print(sorted(values, key=abs))
print(sorted(values))

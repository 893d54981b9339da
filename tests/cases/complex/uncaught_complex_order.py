# Ends with an uncaught TypeError: complex numbers are unordered
values = [3 + 0j, 1 + 1j, 2j]
print(values, [abs(v) for v in values])
print(sorted(values, key=abs))
print(sorted(values))

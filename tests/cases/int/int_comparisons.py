# Comparisons of int with int, float, huge and other types
print(1 < 2, 2 <= 2, 3 > 4, -1 >= -1, 5 == 5, 5 != 5)
print(10**30 > 10**29, -(10**30) < 1, 2**64 == 18446744073709551616)
print(1 == 1.0, 1 < 1.5, 2**53 + 1 == 2.0**53, 2**53 + 1 > 2.0**53, 2**53 == 2.0**53)
print(10**400 > 1e308, 10**400 < float("inf"), -(10**400) > float("-inf"))
nan = float("nan")
print(1 < nan, 1 > nan, 1 == nan, 1 != nan)
print(1 == "1", 1 != "1", 1 == None, 0 == False, 1 == True, 2 == True)
print(1 == 1 + 0j, 1 == complex(1, 1))
for a, b in [(1, "1"), (1, None), (1, [1]), ("a", 1)]:
    try:
        a < b
    except TypeError as e:
        print("TypeError", e)
try:
    1 <= 1j
except TypeError as e:
    print("TypeError", e)
print(max(3, 2**70, -5), min(3, 2**70, -5), sorted([3, -2, 10**20, 0, -(10**20)]))
print((1, 2) < (1, 3), [1, 10**20] > [1, 5])
print(0 == -0, 0.0 == -0, -0.0 == 0)
print(int.__lt__(1, 2), int.__lt__(1, 2.0), int.__eq__(1, 1.0))

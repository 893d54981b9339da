# Ends with an uncaught TypeError from bool conversion raising
print(bool(0.0), bool("0"))
# Valid __bool__ results and __len__ fallbacks first
class Sized:
    def __len__(self):
        return 0
print(bool(Sized()), not Sized())
print(bool([Sized()]))
print(all([True, 1]), any([False, 0]))
print(True and "x", False or "y")
class Flag:
    def __init__(self, value):
        self.value = value
    def __bool__(self):
        return self.value

print(bool(Flag(True)), bool(Flag(False)))
print("yes" if Flag(True) else "no")
if Flag(1):
    print("unreachable")

# Ends with an uncaught TypeError from bool conversion raising
class Flag:
    def __init__(self, value):
        self.value = value
    def __bool__(self):
        return self.value

print(bool(Flag(True)), bool(Flag(False)))
print("yes" if Flag(True) else "no")
if Flag(1):
    print("unreachable")

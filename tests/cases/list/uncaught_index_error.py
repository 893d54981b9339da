# Ends with an uncaught IndexError from a method call
print([1].pop(), [1, 2].pop(0))
class Stack:
    def __init__(self):
        self.items = []

    def push(self, v):
        self.items.append(v)

    def pop(self):
        return self.items.pop()

s = Stack()
for v in "abc":
    s.push(v)
for _ in range(4):
    print("popped", s.pop())
print("not reached")
for _ in range(3):
    print("also not reached")

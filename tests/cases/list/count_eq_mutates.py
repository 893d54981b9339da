# list.count calls __eq__ with no borrow of the list held: an __eq__ that clears or grows
# the list being counted is allowed (CPython re-reads the length each step).
class Clearing:
    def __init__(self, target):
        self.target = target

    def __eq__(self, other):
        self.target.clear()
        return True


a = [1, 2, 3]
print(a.count(Clearing(a)), a)


class Growing:
    def __init__(self, target):
        self.target = target

    def __eq__(self, other):
        if len(self.target) < 6:
            self.target.append(other)
        return other == 1


b = [1, 2]
print(b.count(Growing(b)), b)

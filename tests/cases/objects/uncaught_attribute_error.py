# Ends with an uncaught AttributeError on an instance
# Attribute access that succeeds, including via getattr defaults and properties
class Box:
    size = 3
    @property
    def double(self):
        return self.size * 2
b = Box()
print(b.size, b.double)
print(getattr(b, "weight", 0), hasattr(b, "weight"))
print(Box.size)
class Account:
    def __init__(self, owner):
        self.owner = owner
        self.balance = 0

acct = Account("ann")
acct.balance += 10
print(acct.owner, acct.balance)
print(acct.overdraft)

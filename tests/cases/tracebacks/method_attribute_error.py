# AttributeError inside a method, with a suggestion in the traceback
class Account:
    def __init__(self, owner):
        self.owner = owner
        self.balance = 0
    def deposit(self, amount):
        self.balance += amount
        return self.balence
acct = Account("ada")
print(acct.owner)
acct.deposit(10)

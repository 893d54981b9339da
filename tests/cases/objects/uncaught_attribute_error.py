# Ends with an uncaught AttributeError on an instance
class Account:
    def __init__(self, owner):
        self.owner = owner
        self.balance = 0

acct = Account("ann")
acct.balance += 10
print(acct.owner, acct.balance)
print(acct.overdraft)

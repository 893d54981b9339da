# Exceptions raised inside operator special methods
class Money:
    def __init__(self, amount, currency):
        self.amount, self.currency = amount, currency
    def __add__(self, other):
        if other.currency != self.currency:
            raise ValueError(f"cannot add {other.currency} to {self.currency}")
        return Money(self.amount + other.amount, self.currency)
    def __repr__(self):
        return f"Money({self.amount}, {self.currency!r})"
print(Money(1, "EUR") + Money(2, "EUR"))
wallet = [Money(5, "EUR"), Money(7, "USD")]
print(wallet[0] + wallet[1])

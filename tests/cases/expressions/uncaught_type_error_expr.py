# A multi-line expression that fails with a TypeError at the end (traceback compared)
prices = {"apple": 1.25, "pear": 0.75, "fig": "2.00"}
quantities = {"apple": 4, "pear": 2, "fig": 1}
subtotal = 0
for name in ["apple", "pear"]:
    subtotal += prices[name] * quantities[name]
print("subtotal", subtotal)
total = (
    subtotal
    + prices["fig"] * quantities["fig"]
    + 1
)
print("unreachable", total)

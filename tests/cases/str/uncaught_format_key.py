# Ends with an uncaught KeyError from str.format with a missing field
print("{0}-{0}".format("r"))
print("{a.real}".format(a=3))
print("{}{}".format(*"xy"))
print("{k[0]}".format(k=[9]))
# str.format with complete keyword sets first
print("{a}-{b}".format(a=1, b=2), "{0}{1}".format("x", "y"))
print("{a}{a}".format(a="r"))
print("{x[0]}".format(x="xyz"), "{:>4}".format("r"))
print("{k!r}".format(k="v"))
try:
    "{missing}".format()
except KeyError as e:
    print("caught KeyError", e)
for name, order in [("Cy", 1), ("Di", 2)]:
    print("{name}:{order:03d}".format(name=name, order=order))
print("{{escaped}} {}".format("value"))
template = "Dear {name}, your order {order_id} ships {date}."
print(template.format(name="Ann", order_id=7, date="today"))
print(template.format(name="Bob", order_id=8))

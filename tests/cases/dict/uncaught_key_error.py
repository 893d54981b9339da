# Ends with an uncaught KeyError
# get() and "in" avoid KeyError
stock = {"apples": 1}
print(stock.get("plums"), stock.get("plums", 0))
print("plums" in stock, stock.setdefault("figs", 4))
print(stock)
try:
    stock["plums"]
except KeyError as e:
    print("caught KeyError", e)
print(stock.pop("figs"), stock)
inventory = {"apples": 3, "pears": 0}

def take(item):
    inventory[item] -= 1
    return inventory[item]

print(take("apples"))
print(take("pears"))
print(take("plums"))

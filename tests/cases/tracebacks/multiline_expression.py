# Error inside an expression that spans several lines
def price(item):
    return {"apple": 3, "pear": 4}[item]
order = ["apple", "pear", "kiwi"]
total = sum(
    price(item)
    for item in order
)
print(total)

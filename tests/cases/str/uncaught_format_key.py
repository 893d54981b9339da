# Ends with an uncaught KeyError from str.format with a missing field
template = "Dear {name}, your order {order_id} ships {date}."
print(template.format(name="Ann", order_id=7, date="today"))
print(template.format(name="Bob", order_id=8))

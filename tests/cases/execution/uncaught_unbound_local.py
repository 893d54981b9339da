# Ends with an uncaught UnboundLocalError inside nested calls
total = 0
def add_all(values):
    for v in values:
        total += v
    return total
def run():
    print("starting")
    return add_all([1, 2, 3])
try:
    run()
except UnboundLocalError as e:
    print("first time caught:", e)
print("now without a handler")
run()
print("never printed")

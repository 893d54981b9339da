# Ends with an uncaught ValueError: slice step cannot be zero
data = list(range(10))
for step in [3, -2, 0]:
    print("step", step, data[::step])

# Ends with an uncaught TypeError from a bad argument to a builtin
values = ["10", "20", "x30"]
print(sum(int(v) for v in values[:2]))
print(len(values, values))

# Ends with an uncaught TypeError from str + int
print("1" + "2" == "12", "1" * 2)
print(str(1) + str(2.5) + str(None))
print("ab".__add__("cd"))
# Valid concatenations first
print("a" + "b", "n=" + str(3))
print("x" * 3 + "!", "".join(["p", "q"]))
print(f"{1}" + "2")
s = "start"
s += "-more"
print(s, len(s))
print(s.upper())
print("%s: %d" % ("count", 5), "{}: {}".format("count", 6))
for n in range(3):
    print("item " + str(n))
def label(name, count):
    return name + ": " + count

print(label("apples", str(3)))
print(label("pears", 4))

# str.format_map with dict and __missing__
class Default(dict):
    def __missing__(self, key):
        return "<" + key + ">"
print("{a} and {b}".format_map({"a": 1, "b": 2}))
print("{a} and {missing}".format_map(Default(a="A")))
print("{0}".format_map({0: "zero"}) if False else "{x[0]}".format_map({"x": "xyz"}))
try:
    "{a}".format_map({})
except KeyError as e:
    print("KeyError", e)
try:
    "{0}".format_map({"0": 1})
except Exception as e:
    print(type(e).__name__, e)
try:
    "{}".format_map({})
except ValueError as e:
    print("ValueError", e)
class Mapping:
    def __getitem__(self, key):
        return key.upper()
print("{hello} {world}".format_map(Mapping()))
try:
    "{a}".format_map(5)
except TypeError as e:
    print("TypeError", e)
print("{a.real}".format_map({"a": 3}), "{a:>5}|".format_map({"a": "r"}))
print("{a}".format(**{"a": 1}), "{a}{b}".format(a=1, b=2, c=3))

# Unhashable types and error messages
values = [[], {}, set(), bytearray(b"x"), [1, 2], {"k": 1}, slice(1, 2), {}.keys(), {}.values(), {}.items()]
for v in values:
    try:
        hash(v)
        print(type(v).__name__, "hashable")
    except TypeError as e:
        print(type(v).__name__, "TypeError", e)
for v in [(1, []), (1, (2, [3])), frozenset([1]) | {2}]:
    try:
        print(hash(v) is not None)
    except TypeError as e:
        print("TypeError", e)
class NoHash:
    __hash__ = None
class EqDefined:
    def __eq__(self, o):
        return False
class EqAndHash:
    def __eq__(self, o):
        return False
    def __hash__(self):
        return 7
class Inherit(EqAndHash):
    def __eq__(self, o):
        return True
for cls in [NoHash, EqDefined, EqAndHash, Inherit]:
    try:
        print(cls.__name__, hash(cls()))
    except TypeError as e:
        print(cls.__name__, "TypeError", e)
for container in ["set", "dict key", "frozenset"]:
    try:
        if container == "set":
            {[1]}
        elif container == "dict key":
            {{}: 1}
        else:
            frozenset([set()])
    except TypeError as e:
        print(container, "TypeError", e)
try:
    {1: 2}.setdefault([1])
except TypeError as e:
    print("TypeError", e)
try:
    [1] in {1, 2}
except TypeError as e:
    print("TypeError", e)
try:
    [1] in {1: 2}
except TypeError as e:
    print("TypeError", e)

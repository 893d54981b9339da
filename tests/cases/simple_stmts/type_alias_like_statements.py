# Statements that bind types and use them: assignments of classes, unions, generic aliases
IntList = list[int]
MaybeStr = str | None
Pair = tuple[int, int]
print(IntList, MaybeStr, Pair)
print(IntList([1, 2]), isinstance("x", MaybeStr), isinstance(None, MaybeStr), isinstance(1, MaybeStr))
def first(xs: IntList) -> int:
    return xs[0]
print(first([5]), first.__annotations__)
Alias = dict
d = Alias(a=1)
print(type(d).__name__, Alias is dict)
Number = int | float | complex
print(Number, isinstance(2.5, Number), isinstance("2", Number))
print(MaybeStr == (None | str) if False else (str | None) == (None | str))
print(list[int] == list[int], list[int] == list[str], list[int] is list[int])
print(type(IntList).__name__, IntList.__origin__.__name__, IntList.__args__)
Nested = dict[str, list[tuple[int, ...]]]
print(Nested)
try:
    int | "str"
except TypeError as e:
    print("TypeError", e)
print(int | None | int)

# The modules most programs import, used together: dataclasses, enum, json, fractions, functools, heapq, bisect, typing, reprlib, contextlib, numbers.
import json, dataclasses, typing, enum, fractions, functools, operator, heapq, bisect, copy, types, abc, contextlib, reprlib, numbers, keyword, string, textwrap
from dataclasses import dataclass, field, asdict
@dataclass(order=True)
class P:
    x: int
    y: int = 0
    tags: list = field(default_factory=list)
p = P(1, 2); print(p, asdict(p), P(0) < p, dataclasses.replace(p, y=5))
class Color(enum.Enum):
    RED = 1
    GREEN = 2
print(Color.RED, Color(2), list(Color), Color.RED.name, repr(Color.GREEN))
class F(enum.IntFlag):
    A = 1
    B = 2
print(F.A | F.B, int(F.A | F.B))
print(json.dumps({'a': [1, 2.5, None, True], 'b': 'é'}), json.loads('{"x": [1, {"y": "z"}]}'))
print(json.dumps({'b': 1, 'a': 2}, indent=2, sort_keys=True))
print(fractions.Fraction(3, 4) + fractions.Fraction(1, 4), fractions.Fraction('0.125'))
print(functools.reduce(operator.add, [1, 2, 3]), functools.partial(pow, 2)(10))
@functools.lru_cache(maxsize=None)
def fib(n): return n if n < 2 else fib(n-1) + fib(n-2)
print(fib(50), fib.cache_info())
print(heapq.nlargest(2, [5, 1, 8, 3]), bisect.bisect([1, 3, 5], 4))
T = typing.TypeVar('T')
def f(x: typing.List[int]) -> typing.Optional[str]: ...
print(typing.get_type_hints(f), typing.Optional[int], typing.Union[int, str])
print(reprlib.repr(list(range(100))))
with contextlib.suppress(KeyError): {}['x']
print(isinstance(1, numbers.Integral), keyword.iskeyword('for'))

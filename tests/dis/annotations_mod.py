x: int = 1
y: list[int]
class C:
    a: int
    b: str = "s"
def f(a: int) -> None:
    z: int = 3

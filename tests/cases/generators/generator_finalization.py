# Generator finalisation: close() at the last reference, try/finally, with blocks
class Resource:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print(f"  open {self.name}")
        return self
    def __exit__(self, *exc):
        print(f"  close {self.name} (exc={exc[0].__name__ if exc[0] else None})")
def reader(name):
    with Resource(name):
        yield 1
        yield 2
        yield 3
g = reader("a")
print(next(g))
print("dropping last reference")
del g
print("after del")
for v in reader("b"):
    if v == 2:
        print("breaking out of for loop")
        break
print("after loop")
def finally_gen():
    try:
        yield "x"
    finally:
        print("  finally_gen finally")
g = finally_gen()
next(g)
g = None
print("rebound")
def never_started():
    try:
        yield 1
    finally:
        print("  never printed: not started")
g = never_started()
del g
print("unstarted generator discarded")
def exhausted():
    try:
        yield 1
    finally:
        print("  finally at exhaustion")
print(list(exhausted()))
def gen_in_func():
    g = finally_gen()
    next(g)
    print("  returning from function")
gen_in_func()
print("after function")
def nested_gens():
    try:
        yield from finally_gen()
    finally:
        print("  outer finally")
n = nested_gens()
next(n)
del n
print("end")

# Generators and closures: late binding inside generator bodies, locals preserved across yields
def counter_gens():
    gens = []
    for i in range(3):
        def g():
            yield i
        gens.append(g())
    return [next(x) for x in gens]
print(counter_gens())
def counter_gens_bound():
    gens = []
    for i in range(3):
        def g(i=i):
            yield i
        gens.append(g())
    return [next(x) for x in gens]
print(counter_gens_bound())
def locals_persist():
    a = 1
    yield a
    a += 10
    b = "new local"
    yield a, b
    yield sorted(locals())
print(list(locals_persist()))
def outer():
    state = []
    def gen():
        while True:
            state.append(len(state))
            yield list(state)
    return gen()
g = outer()
print(next(g), next(g), next(g))
def nonlocal_gen():
    total = 0
    def adder():
        nonlocal total
        while True:
            total += yield total
    return adder
a = nonlocal_gen()()
next(a)
print(a.send(5), a.send(7))
x = "global"
def reads_global():
    yield x
gen = reads_global()
x = "changed before first next"
print(next(gen))

# Exception raised while a generator is being consumed
def numbers():
    yield 1
    yield 2
    raise ValueError("generator ran out of good numbers")
def consume():
    total = 0
    for n in numbers():
        total += n
        print("running total", total)
    return total
consume()

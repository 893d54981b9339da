# An uncaught exception raised in a generator pipeline driven by for loops (Krait resumes
# those generators in the caller's eval loop): every frame appears in the traceback.
def numbers():
    yield 3
    yield 0


def invert(it):
    for x in it:
        yield 12 // x


def delegate(it):
    yield from invert(it)


def main():
    for v in delegate(numbers()):
        print(v)


main()

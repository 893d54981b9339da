# Uncaught exception several frames deep
def parse(text):
    return int(text)
def load(items):
    return [parse(t) for t in items]
def main():
    print(load(["1", "2"]))
    print(load(["3", "four"]))
main()

def square(x):
    return x * x


def main():
    total = 0
    for i in range(3):
        total += square(i)
    if total > 100:
        print("never")
    print("total", total)


main()

# expect: instructions
while True:
    try:
        raise ValueError('x')
    except ValueError:
        pass

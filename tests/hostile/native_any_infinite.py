# expect: instructions
any(False for _ in iter(int, 1))

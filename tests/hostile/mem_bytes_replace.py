# expect: memory
b = (b'a' * 10**5).replace(b'a', b'b' * 10**4)

# expect: memory
s = 'ab'.replace('a', 'a' * 10**5).replace('a', 'a' * 10**5)

# expect: memory
b = b'a\tb'.expandtabs(10**9)

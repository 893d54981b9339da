# expect: memory
s = 'a\tb'.expandtabs(10**9)

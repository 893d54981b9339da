# expect: memory
s = '1'.zfill(10**9)

# expect: memory
try:
    x = 'a' * 10**9
except MemoryError:
    while True: pass

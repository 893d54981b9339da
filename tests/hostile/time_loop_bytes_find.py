# expect: time
b = bytes(10**7)
while True:
    b.find(b"\x01")

# expect: instructions
async def f():
    while True:
        pass
f().send(None)

# A coroutine-style state machine built with generators
def tokenizer():
    token = ""
    tokens = []
    while True:
        ch = yield
        if ch is None:
            if token:
                tokens.append(token)
            return tokens
        if ch.isspace():
            if token:
                tokens.append(token)
                token = ""
        elif ch in "()+-*/":
            if token:
                tokens.append(token)
                token = ""
            tokens.append(ch)
        else:
            token += ch
def run(text):
    t = tokenizer()
    next(t)
    for ch in text:
        t.send(ch)
    try:
        t.send(None)
    except StopIteration as e:
        return e.value
print(run("12 + (x*3) - y2"))
print(run(""))
def traffic_light():
    state = "green"
    transitions = {"green": "yellow", "yellow": "red", "red": "green"}
    while True:
        command = yield state
        if command == "reset":
            state = "red"
        elif command == "stop":
            return f"stopped at {state}"
        else:
            state = transitions[state]
tl = traffic_light()
print(next(tl), tl.send("tick"), tl.send("tick"), tl.send("reset"), tl.send("tick"))
try:
    tl.send("stop")
except StopIteration as e:
    print(e.value)
def broadcaster(*targets):
    while True:
        item = yield
        for t in targets:
            t.send(item)
def printer(prefix):
    while True:
        item = yield
        print(f"  {prefix}: {item}")
p1, p2 = printer("A"), printer("B")
next(p1); next(p2)
b = broadcaster(p1, p2)
next(b)
for word in ["hello", "world"]:
    b.send(word)

# Matching split command strings, the canonical tutorial-style use
def handle(command):
    match command.split():
        case []:
            return "nothing"
        case ["quit" | "exit"]:
            return "bye"
        case ["go", ("north" | "south" | "east" | "west") as direction]:
            return f"going {direction}"
        case ["go", other]:
            return f"unknown direction {other}"
        case ["take", *items] if items:
            return f"taking {', '.join(items)}"
        case ["take"]:
            return "take what?"
        case ["say", *words]:
            return "saying: " + " ".join(words)
        case [verb, *_]:
            return f"unknown verb {verb!r}"
for c in ["", "quit", "exit", "go north", "go up", "take lamp key", "take", "say hello there", "dance wildly"]:
    print(repr(c), "->", handle(c))
def http(status):
    match status:
        case 200 | 201 | 204:
            return "success"
        case 301 | 302 as code:
            return f"redirect {code}"
        case int(code) if 400 <= code < 500:
            return "client error"
        case int(code) if code >= 500:
            return "server error"
        case _:
            return "weird"
print([http(s) for s in (200, 302, 404, 503, "x")])

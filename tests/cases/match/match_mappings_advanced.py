# Mapping patterns on dict subclasses, views, nested mappings
class Config(dict):
    pass
def read(cfg):
    match cfg:
        case {"db": {"host": str(host), "port": int(port)}, **others}:
            return f"db at {host}:{port}, others={sorted(others)}"
        case {"db": {"host": host}}:
            return f"db host {host} with default port"
        case {"db": _}:
            return "db section malformed"
        case {}:
            return "no db section"
print(read(Config(db={"host": "h", "port": 5432}, cache=1, log=2)))
print(read({"db": {"host": "x"}}))
print(read({"db": 5}))
print(read({"other": 1}))
print(read({"db": {"host": "h", "port": "5432"}}))
match {"a": 1}.items():
    case {"a": 1}:
        print("never")
    case _:
        print("dict views are not mappings")
events = [
    {"type": "click", "pos": (1, 2)},
    {"type": "key", "key": "q", "mods": ["ctrl"]},
    {"type": "key", "key": "x"},
    {"type": "scroll"},
]
for ev in events:
    match ev:
        case {"type": "click", "pos": (x, y)}:
            print(f"click at {x},{y}")
        case {"type": "key", "key": k, "mods": [*mods]}:
            print(f"key {k} with {mods}")
        case {"type": "key", "key": k}:
            print(f"plain key {k}")
        case {"type": other}:
            print(f"unhandled event {other}")
match {1: "a", 2: "b", 3: "c"}:
    case {1: _, **rest}:
        print("rest keeps order:", rest)

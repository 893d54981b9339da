# except* with ExceptionGroup
def describe(eg):
    if isinstance(eg, BaseExceptionGroup):
        return f"{type(eg).__name__}({eg.message!r}, [{', '.join(describe(e) for e in eg.exceptions)}])"
    return f"{type(eg).__name__}({eg})"
try:
    raise ExceptionGroup("many", [ValueError("v1"), TypeError("t1"), ValueError("v2")])
except* ValueError as eg:
    print("ValueError part:", describe(eg))
except* TypeError as eg:
    print("TypeError part:", describe(eg))
try:
    try:
        raise ExceptionGroup("mixed", [ValueError("v"), KeyError("k")])
    except* ValueError as eg:
        print("handled:", describe(eg))
except ExceptionGroup as rest:
    print("unhandled remainder:", describe(rest))
try:
    raise ValueError("naked")
except* ValueError as eg:
    print("naked exception wrapped:", describe(eg), type(eg).__name__)
try:
    raise ExceptionGroup("nested", [ValueError("a"), ExceptionGroup("inner", [ValueError("b"), OSError("c")])])
except* ValueError as eg:
    print("nested ValueErrors:", describe(eg))
except* OSError as eg:
    print("nested OSError:", describe(eg))
try:
    raise ExceptionGroup("eg", [ValueError(1)])
except* (ValueError, TypeError) as eg:
    print("tuple matched:", describe(eg))
try:
    try:
        raise ExceptionGroup("eg", [ValueError("x")])
    except* ValueError:
        raise KeyError("raised in except*")
except ExceptionGroup as e:
    print("new exception in handler:", describe(e))
except KeyError as e:
    print("plain KeyError", e)
eg = ExceptionGroup("msg", [ValueError(1), TypeError(2), ValueError(3)])
match, rest = eg.split(ValueError)
print(describe(match), describe(rest))
print(describe(eg.subgroup(lambda e: isinstance(e, TypeError))))
print(eg.subgroup(KeyError), eg.message, len(eg.exceptions), str(eg), repr(eg))
try:
    ExceptionGroup("empty", [])
except ValueError as e:
    print("ValueError", e)
try:
    ExceptionGroup("bad", [1])
except ValueError as e:
    print("ValueError", e)
try:
    ExceptionGroup("base", [KeyboardInterrupt()])
except TypeError as e:
    print("TypeError", e)
beg = BaseExceptionGroup("base ok", [KeyboardInterrupt()])
print(type(beg).__name__, describe(beg))
auto = BaseExceptionGroup("auto", [ValueError()])
print(type(auto).__name__)
for src in ["try:\n    pass\nexcept* ValueError:\n    pass\nexcept TypeError:\n    pass\n",
            "try:\n    pass\nexcept*:\n    pass\n",
            "for x in y:\n    try:\n        pass\n    except* E:\n        break\n",
            "try:\n    pass\nexcept* ExceptionGroup:\n    pass\n"]:
    try:
        compile(src, "<s>", "exec")
        print("compiled")
    except SyntaxError as e:
        print("SyntaxError", e.msg)
try:
    try:
        raise ExceptionGroup("x", [ValueError()])
    except* ExceptionGroup:
        pass
except TypeError as e:
    print("TypeError", e)

# Nested try statements and handler selection
def level(kind):
    try:
        try:
            try:
                if kind == "value":
                    raise ValueError("v")
                if kind == "key":
                    raise KeyError("k")
                if kind == "type":
                    raise TypeError("t")
                return "no exception"
            except ValueError as e:
                return f"innermost handled {e}"
            finally:
                print(f"  innermost finally ({kind})")
        except KeyError as e:
            return f"middle handled {e}"
        finally:
            print(f"  middle finally ({kind})")
    except Exception as e:
        return f"outer handled {type(e).__name__}"
for k in ["none", "value", "key", "type"]:
    print(level(k))
def handler_raises_new():
    try:
        raise ValueError("first")
    except ValueError:
        try:
            raise TypeError("second")
        except TypeError as t:
            return f"inner handler caught {t}; context={t.__context__!r}"
print(handler_raises_new())
def handler_chain():
    try:
        try:
            raise OSError("os")
        except OSError as e:
            raise RuntimeError("wrapped") from e
    except RuntimeError as r:
        return f"{r} <- {r.__cause__}"
print(handler_chain())
def same_exception_two_handlers():
    try:
        raise IndexError("idx")
    except LookupError:
        return "first matching handler wins (LookupError)"
    except IndexError:
        return "never"
print(same_exception_two_handlers())
def handler_order_matters():
    try:
        raise KeyError("k")
    except Exception:
        return "broad handler listed first catches it"
    except KeyError:
        return "never"
print(handler_order_matters())

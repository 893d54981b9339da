# A bare raise re-raises with the original traceback plus the handler's frame
def inner():
    return {}["missing"]
def outer():
    try:
        inner()
    except KeyError:
        print("logging and re-raising")
        raise
outer()

# Ends with an uncaught custom exception that has a cause and notes (traceback compared)
class StorageError(Exception):
    pass
class ReportError(Exception):
    pass
def load(path):
    raise StorageError(f"cannot open {path}")
def build_report(name):
    try:
        load(f"/data/{name}.csv")
    except StorageError as exc:
        err = ReportError(f"report {name!r} could not be built")
        err.add_note("check that the data directory is mounted")
        raise err from exc
print("building reports")
build_report("sales")

# Nested ExceptionGroups with a note, uncaught
def task(n):
    if n % 2:
        raise ValueError(f"task {n} failed")
    return n
def run_batch(ns):
    errors = []
    for n in ns:
        try:
            task(n)
        except ValueError as e:
            errors.append(e)
    if errors:
        eg = ExceptionGroup(f"batch {ns}", errors)
        eg.add_note("batch note")
        raise eg
groups = []
for batch in ([1, 2], [3, 5]):
    try:
        run_batch(batch)
    except ExceptionGroup as eg:
        groups.append(eg)
raise ExceptionGroup("all batches", groups + [KeyError("summary")])

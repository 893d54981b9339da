# traceback's formatting of caught exceptions, logging's configuration and exception(), and the
# source lookups (linecache, inspect.getsource) that both lean on: they read this very file
# through tokenize.open, which sets `mode` on a TextIOWrapper.
import inspect
import io
import linecache
import logging
import sys
import traceback


def inner(n):
    if n > 1:
        raise ValueError(f"bad value {n}")
    return n


def outer(n):
    total = inner(n)
    return total


print("== linecache")
lines = linecache.getlines(__file__)
print(len(lines) > 20, lines[0].rstrip())
print(repr(linecache.getline(__file__, 12)))
print(repr(linecache.getline(__file__, 100000)))
print(repr(linecache.getline("no/such/file.py", 1)))

print("== inspect.getsource")
print(inspect.getsource(inner), end="")
src_lines, start = inspect.getsourcelines(outer)
print(start, len(src_lines))

print("== traceback.format_exc")
try:
    outer(5)
except ValueError:
    text = traceback.format_exc()
print(text, end="")
print(repr(traceback.format_exc()))

print("== traceback.format_exception")
try:
    outer(7)
except ValueError as e:
    exc = e
for part in traceback.format_exception(exc):
    print(repr(part))
print(traceback.format_exception_only(type(exc), exc))
print(len(traceback.extract_tb(exc.__traceback__)))
for fs in traceback.extract_tb(exc.__traceback__):
    print(fs.name, fs.lineno, fs.line)

print("== traceback.print_exc")
try:
    int("nope")
except ValueError:
    buf = io.StringIO()
    traceback.print_exc(file=buf)
    print(buf.getvalue(), end="")
    traceback.print_exc(file=sys.stdout)

print("== chained")
try:
    try:
        inner(3)
    except ValueError as e:
        raise RuntimeError("while handling") from e
except RuntimeError:
    print(traceback.format_exc(), end="")

print("== logging")
stream = io.StringIO()
logging.basicConfig(
    stream=stream, level=logging.INFO, format="%(levelname)s:%(name)s:%(message)s"
)
log = logging.getLogger("demo")
log.debug("hidden %d", 1)
log.info("shown %d", 2)
log.warning("warn %s", "x")
log.error("error")
try:
    outer(9)
except ValueError:
    log.exception("failed with %s", "context")
print(stream.getvalue(), end="")

print("== logging formatters")
other = logging.getLogger("custom")
other.propagate = False
other.setLevel(logging.DEBUG)
buf = io.StringIO()
handler = logging.StreamHandler(buf)
handler.setFormatter(logging.Formatter("[{levelname:>8}] {name} {message}", style="{"))
handler.setLevel(logging.WARNING)
other.addHandler(handler)
other.debug("no")
other.warning("yes")
other.critical("very %s", "bad")
print(buf.getvalue(), end="")
print(logging.getLevelName(logging.ERROR), logging.getLevelName(25), other.isEnabledFor(logging.INFO))
print(other.getEffectiveLevel(), logging.getLogger().level)
try:
    raise TypeError("boom")
except TypeError:
    other.error("caught", exc_info=True)
print(buf.getvalue().splitlines()[-1])
logging.shutdown()

# _csv.reader/writer pass their keywords (`dialect=` among them) on to Dialect(); without a
# dialect they use Dialect's defaults, not the registry's "excel". Ends in an uncaught
# TypeError.
import csv
import io
import _csv


def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


print(list(csv.reader(["a\tb"], dialect="excel-tab")))
print(list(csv.reader(["a;b"], dialect=csv.excel, delimiter=";")))
print(list(_csv.reader(["a:b"], dialect=_csv.Dialect(delimiter=":"))))
out = io.StringIO()
w = csv.writer(out, dialect=csv.excel_tab, lineterminator="\n")
w.writerow(["x", "y z", 'q"'])
print(repr(out.getvalue()), repr(w.dialect.delimiter))

class Semi(csv.Dialect):
    delimiter = ";"
    quotechar = "'"
    quoting = csv.QUOTE_MINIMAL
    lineterminator = "\n"

print(list(csv.reader(["'a;b';c"], dialect=Semi)))
d = _csv.Dialect(delimiter="|")
print(_csv.Dialect(d) is d, _csv.Dialect(dialect=d) is d, type(_csv.reader([], d).dialect).__name__)

csv.register_dialect("excel", delimiter=";")
print(repr(_csv.reader([]).dialect.delimiter), repr(_csv.reader([], "excel").dialect.delimiter))
csv.register_dialect("excel", csv.excel)

show("both", lambda: _csv.reader([], "excel", dialect="excel"))
show("both Dialect", lambda: _csv.Dialect("excel", dialect="excel"))
show("unknown kw", lambda: _csv.reader([], foo=1))
show("unknown name", lambda: _csv.reader([], dialect="nope"))
show("no args", lambda: _csv.reader())
show("three args", lambda: _csv.writer(1, 2, 3))
show("no write", lambda: _csv.writer(1))
show("NUL", lambda: list(csv.reader(["a\0b"])))

for kw in [dict(quotechar=None), dict(quotechar=None, quoting=0), dict(quotechar=None, quoting=3), dict(lineterminator=4), dict(delimiter=''), dict(delimiter='ab'), dict(delimiter=None), dict(quotechar=3), dict(escapechar=3), dict(quoting='1'), dict(quoting=7), dict(quoting=2.0), dict(lineterminator=''), dict(escapechar=',', delimiter=','), dict(strict=[]), dict(delimiter=' ', skipinitialspace=True)]:
    show(kw, lambda: (lambda d: (d.delimiter, d.quotechar, d.quoting, d.escapechar, d.lineterminator))(_csv.Dialect(**kw)))
class BI:
    def __iter__(self): raise OSError("x")
w = csv.writer(io.StringIO())
show("bad iter", lambda: w.writerow(BI()))
show("non iter", lambda: w.writerow(5))
show("nul write", lambda: (w.writerow(['a\0b']),))
out=io.StringIO(); csv.writer(out).writerow(['a\0b', 'c']); print(repr(out.getvalue()))
print(list(csv.reader(['1,\0,3,\0,5'], quotechar='\0')))
csv.reader([], dialect="excel", bogus=True)

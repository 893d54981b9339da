# A tour of pure-Python modules on Krait's native ones: pickle (protocols 0 and 4), copy, pprint, datetime, calendar, difflib, html, urllib.parse, ipaddress, configparser, shlex, fnmatch, argparse, decimal, weakref, contextvars, string.
import pickle, copy, pprint, datetime, calendar, difflib, html, urllib.parse, ipaddress, configparser, shlex, fnmatch, argparse, decimal, weakref, contextvars, string
data = {'a': [1, 2.5, None, True], 'b': (3, 'x'), 'c': {1, 2}, 'd': b'\x00\xff'}
print(pickle.loads(pickle.dumps(data)) == data, pickle.loads(pickle.dumps(data, protocol=0)) == data)
class P:
    def __init__(self, x): self.x = x
print(pickle.loads(pickle.dumps(P(5))).x, copy.deepcopy(P([1]))).x if False else print(copy.deepcopy(P([1])).x)
pprint.pprint({'k%d' % i: list(range(i)) for i in range(8)}, width=60)
d = datetime.date(2024, 2, 29)
print(d + datetime.timedelta(days=1), d.isoformat(), d.strftime('%A %d %B %Y'), datetime.datetime(2020, 1, 2, 3, 4, 5).isoformat())
print(calendar.isleap(2024), calendar.monthrange(2024, 2))
print(list(difflib.unified_diff(['a\n', 'b\n'], ['a\n', 'c\n'])), difflib.SequenceMatcher(None, 'abcd', 'bcde').ratio())
print(html.escape('<a href="x">&</a>'), html.unescape('&lt;&amp;&gt;'))
u = urllib.parse.urlparse('https://user@example.com:8080/p/a?q=1&r=2#frag')
print(u.hostname, u.port, urllib.parse.parse_qs(u.query), urllib.parse.quote('a b/c'), urllib.parse.urlencode({'x': 'y z'}))
print(ipaddress.ip_address('192.168.1.1') in ipaddress.ip_network('192.168.0.0/16'), ipaddress.ip_network('10.0.0.0/30').num_addresses)
cp = configparser.ConfigParser(); cp.read_string('[s]\nk = v\nn = 3\n'); print(cp['s']['k'], cp.getint('s', 'n'))
print(shlex.split('a "b c" d\\ e'), shlex.quote("it's"), fnmatch.fnmatch('x.py', '*.py'), fnmatch.filter(['a.c', 'b.h'], '*.c'))
ap = argparse.ArgumentParser(prog='t'); ap.add_argument('--n', type=int, default=1); ap.add_argument('f', nargs='*')
print(ap.parse_args(['--n', '3', 'x', 'y']))
print(decimal.Decimal('1.1') + decimal.Decimal('2.2'), decimal.Decimal(1) / decimal.Decimal(7))
class C: pass
c = C(); r = weakref.ref(c); print(r() is c); del c; print(r())
v = contextvars.ContextVar('v', default=0); t = v.set(5); print(v.get()); v.reset(t); print(v.get())
print(string.capwords('hello world'), '{:>8}|{:<4}|{:^5}'.format('a', 'b', 'c'), string.Formatter().format('{0}-{x}', 1, x=2))

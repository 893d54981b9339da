# `site` runs at startup (not under -S): exit/quit/help/copyright/credits/license exist,
# sys.flags reflect -S, -s and -I, and site-packages appear on sys.path.
import os
import subprocess
import sys

print(repr(exit))
print(repr(quit))
print(repr(license))
print(repr(help))
print(repr(copyright)[:60])
print(type(exit).__name__, type(help).__name__, type(credits).__name__)
print(sys.flags.no_site, 'site' in sys.modules)
try:
    exit(3)
except SystemExit as e:
    print('SystemExit', e.code)
try:
    quit()
except SystemExit as e:
    print('SystemExit', e.code)
import site
print(all(p in sys.path for p in site.getsitepackages() if os.path.isdir(p)))
print(sys.prefix == sys.exec_prefix == sys.base_prefix, sys.platlibdir)
print(site.getsitepackages()[0] == os.path.join(sys.prefix, 'lib', 'python3.11', 'site-packages'))


def run(*args):
    r = subprocess.run([sys.executable, *args], capture_output=True, text=True)
    print(r.stdout, end='')
    print(r.stderr, end='')
    print('exit', r.returncode)


run('-S', '-c', "import sys; print(sys.flags.no_site, 'site' in sys.modules, hasattr(__builtins__, 'exit'))")
run('-I', '-c', "import sys; print(sys.flags.no_site, sys.flags.isolated, sys.flags.no_user_site, 'site' in sys.modules, repr(sys.path[0]) != repr(''))")
run('-s', '-c', "import sys, site; print(sys.flags.no_user_site, site.ENABLE_USER_SITE)")
run('-c', "import sys; print(repr(sys.path[0]), 'site' in sys.modules); exit(4)")
run('-S', '-c', "import sys; print(repr(sys.path[0])); import site; print(callable(exit))")

# A script named by a relative path runs with an absolute __file__ (the working directory
# joined on, not normalised), as do modules found through '' on sys.path; sys.argv[0] keeps
# the name as typed. A script that is not UTF-8 and declares no encoding, or declares an
# unknown one, is refused by the file reader without a location.
import os, subprocess, sys, tempfile

with tempfile.TemporaryDirectory() as d:
    d = os.path.realpath(d)
    os.makedirs(os.path.join(d, 'sub'))
    with open(os.path.join(d, 'sub', 'prog.py'), 'w') as f:
        f.write('import sys, helper\nprint(__file__, sys.argv[0], helper.__file__)\n1 / 0\n')
    with open(os.path.join(d, 'helper.py'), 'w') as f:
        f.write('')
    with open(os.path.join(d, 'latin.py'), 'wb') as f:
        f.write(b'# -*- coding: latin-1 -*-\nprint("caf\xe9")\n')
    with open(os.path.join(d, 'bad.py'), 'wb') as f:
        f.write(b'x = 1\nprint("\xff")\n')
    with open(os.path.join(d, 'bogus.py'), 'wb') as f:
        f.write(b'# coding: bogus\nprint(1)\n')
    env = dict(os.environ, PYTHONPATH=d, PYTHONIOENCODING='utf-8')
    for args in (['sub/prog.py'], ['./sub/../sub/prog.py'], ['latin.py'], ['bad.py'], ['bogus.py'], ['missing.py'],
                 ['-c', 'import helper; print(helper.__file__)']):
        p = subprocess.run([sys.executable] + args, cwd=d, capture_output=True, text=True, env=env)
        err = p.stderr.replace(sys.executable, 'PYTHON')
        print(args, p.returncode, p.stdout.replace(d, 'TMP'), err.replace(d, 'TMP'), sep='\n')

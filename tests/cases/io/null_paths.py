# Paths with NUL characters are refused as CPython words it (str paths are encoded first).
import os
for f in (lambda: open('a\0b'), lambda: open(b'a\0b'), lambda: os.stat('a\0'), lambda: os.stat(b'a\0'), lambda: os.listdir('a\0'), lambda: os.rename('a\0','b'), lambda: os.mkdir(b'\0')):
    try: f()
    except ValueError as e: print(e)

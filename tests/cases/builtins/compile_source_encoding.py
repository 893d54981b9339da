# compile() of bytes decodes as the tokenizer does: BOM, a PEP 263 coding comment on line 1 or 2,
# else strict UTF-8; bad declarations and undecodable bytes raise SyntaxError.
for src in [b'# coding: uft-8\nx=1\n', b'x = "\xf6"\n', b'\xef\xbb\xbf# coding: latin-1\nx=1\n', b'# -*- coding: latin-1 -*-\nx="\xe9"\n', b'#!/usr/bin/python\n# vim: set fileencoding=koi8-r :\nx="\xf0\xcf"\n', b'\xef\xbb\xbfx="\xc3\xa9"\n', b'x = 1 # coding: latin-1\ny="\xc3\xa9"']:
    try:
        print(compile(src, 'f', 'exec').co_consts)
    except SyntaxError as e:
        print(repr(e.msg), e.lineno, e.filename)

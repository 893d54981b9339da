import pyexpat
cases = [b"", b"<a>", b"<a></b>", b"<a>x</a>y", b"<a>x</a><b/>", b"<a>&foo;</a>", b"<a b='1' b='2'/>", b"<a", b"<a><!-- x", b"<a>&#0;</a>",
 b"<<", b"  hello", b"<a>\n<b>\n</c></a>", b"<a x=1/>", b"<a>]]></a>", b"<a><![CDATA[x</a>", b"<?xml version='1.0'?>\n<?xml version='1.0'?><a/>",
 b"<a>\xff</a>", b"<a>&#xD800;</a>", b"<x:a/>", b"<a xmlns:x='u'><x:b/></a>", b"<a><b></a>", b"<a>&amp</a>", b"<a>&</a>", b"<a>< b</a>", b"<a b='<'/>",
 b"<a/><!-- c --> <?pi?>  ", b"<a></a >", b"<a b='x&y;'/>", b"<1a/>", b"<a>\x01</a>", b"<a b='1'c='2'/>",b"\n\n  <a>\n\t\t</b>"]
for c in cases:
    for ns in (None, '}'):
        p = pyexpat.ParserCreate(namespace_separator=ns)
        try:
            p.Parse(c, True); print(c, ns, "ok")
        except pyexpat.ExpatError as e:
            print(c, ns, repr(str(e)), e.code, e.lineno, e.offset, p.ErrorByteIndex, p.CurrentLineNumber, p.CurrentColumnNumber, p.CurrentByteIndex)
import pyexpat
for c in [b'>', b'/', b'&', b';', b'=', b'[', b']', b'"', b"'", b'-', b'!', b'?', b'a', b':', b'#', b'\xc3\xa9', b'(', b'<!', b'<!x', b'<?', b'<? ', b'</', b'</a>', b'<!-x', b'<![CDATA[', b'<a><!x', b'<a><?', b'<a></', b'<a>< ', b'<a>]', b'<a/>]', b'<a/>&', b'<a/>>',b'<a/>a', b'<a =', b'<a:', b'<:a/>', b'<a:b:c/>', b'<a b:="1"/>']:
    for ns in (None, ' '):
        p = pyexpat.ParserCreate(namespace_separator=ns)
        try:
            p.Parse(c, True); print(c, 'ok')
        except pyexpat.ExpatError as e:
            print(c, ns, e.code, e.lineno, e.offset)

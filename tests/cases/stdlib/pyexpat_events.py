import pyexpat
def trace(data, ns=None, bt=False, ordered=False, chunks=None):
    p = pyexpat.ParserCreate(namespace_separator=ns)
    p.buffer_text = bt
    p.ordered_attributes = ordered
    for h in ['StartElementHandler','EndElementHandler','CharacterDataHandler','ProcessingInstructionHandler','CommentHandler',
              'StartNamespaceDeclHandler','EndNamespaceDeclHandler','StartCdataSectionHandler','EndCdataSectionHandler',
              'XmlDeclHandler','StartDoctypeDeclHandler','EndDoctypeDeclHandler','EntityDeclHandler','NotationDeclHandler',
              'ElementDeclHandler','AttlistDeclHandler','SkippedEntityHandler']:
        setattr(p, h, (lambda h: lambda *a: print(' ', h[:-7], a, p.CurrentLineNumber, p.CurrentColumnNumber, p.CurrentByteIndex))(h))
    print(repr(data)[:70], ns, bt)
    try:
        if chunks:
            for i in range(0, len(data), chunks):
                p.Parse(data[i:i+chunks], False)
            p.Parse(b'' if isinstance(data, bytes) else '', True)
        else:
            print('  ->', p.Parse(data, True))
    except pyexpat.ExpatError as e:
        print('  ERR', e, e.code, e.lineno, e.offset, p.ErrorCode, p.ErrorLineNumber, p.ErrorColumnNumber, p.ErrorByteIndex)

trace('<?xml version="1.0" encoding="utf-8"?>\n<!-- hi -->\n<root a="1" b=\'x &amp; y\'>text &lt; more\n<child/>tail<?pi some data?><![CDATA[raw <stuff>\nline]]></root>\n<!--end-->')
trace('<a x="1\n2\t3&#10;&lt;">ab\r\ncd&amp;&#65;\u00e9\nx<![CDATA[q\n<>]]></a>')
trace('<a x="1\n2\t3&#10;&lt;">ab\r\ncd&amp;&#65;\u00e9\nx<![CDATA[q\n<>]]></a>', bt=True)
trace('<a xmlns="u" xmlns:p="v" p:x="1" y="2"><p:b xmlns=""/><c/></a>', ns='}', ordered=True)
trace(b'<!DOCTYPE r [\n<!ENTITY e "ent &#38;amp; val">\n<!ENTITY % pe "x">\n<!ELEMENT r (a, (b|c)*, d?)+>\n<!ELEMENT a (#PCDATA|b)*>\n<!ELEMENT b EMPTY>\n<!ATTLIST r id ID #REQUIRED t (x|y) "x" f CDATA #FIXED "ff">\n<!NOTATION n SYSTEM "s">\n<!ENTITY u SYSTEM "u.bin" NDATA n>\n]>\n<r id=" 1 ">&e;</r>')
trace(b'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd"><html>&nbsp;</html>')
trace(b'<a>hello world, a longer text</a>', chunks=5)
trace(b'<a>hello world, a longer text</a>', chunks=5, bt=True)
trace('<a>caf\u00e9 \u20ac</a>'.encode('utf-16'))
trace('<?xml version="1.0" encoding="iso-8859-1"?><a>caf\u00e9</a>'.encode('latin-1'))
trace('<?xml version="1.0" encoding="cp1252"?><a>\u20ac</a>'.encode('cp1252'))
trace(b'<a><b>text</b><b/></a>junk')
trace(b'<a>\n  <b>\n</a>')
trace(b'<a b="1" b="2"/>')
p = pyexpat.ParserCreate()
p.Parse(b'<a/>', True)
try: p.Parse(b'', True)
except pyexpat.ExpatError as e: print(e, e.code)
print(pyexpat.ErrorString(3), pyexpat.errors.XML_ERROR_SYNTAX, pyexpat.errors.codes['mismatched tag'], pyexpat.errors.messages[7])
print(pyexpat.model.XML_CTYPE_SEQ, pyexpat.EXPAT_VERSION, pyexpat.version_info, pyexpat.native_encoding)
import sys; print('pyexpat.errors' in sys.modules)
p = pyexpat.ParserCreate()
print(p.buffer_text, p.buffer_size, p.buffer_used, p.ordered_attributes, p.specified_attributes, p.namespace_prefixes, p.StartElementHandler, p.ErrorCode, p.ErrorLineNumber, p.CurrentByteIndex, p.intern)
import io
p = pyexpat.ParserCreate()
p.StartElementHandler = lambda n, a: print('S', n, a)
print(p.ParseFile(io.BytesIO(b'<r>' + b'<x/>' * 3 + b'</r>')))

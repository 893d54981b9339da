from xml.dom import minidom
import xml.dom.minidom
doc = minidom.parseString('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e "EEE">]><r a="1" b="x&amp;y"><!--c--><c>text &e; &lt;</c><d/><?pi data?><![CDATA[<raw>]]></r>')
print(doc.toxml())
print(doc.documentElement.tagName, doc.documentElement.getAttribute('b'))
for n in doc.documentElement.childNodes:
    print(n.nodeType, n.nodeName, repr(n.nodeValue))
print(doc.doctype.name, [ (e.nodeName, e.firstChild and e.firstChild.data) for e in doc.doctype.entities._seq])
d2 = minidom.parseString(b'<a xmlns="urn:a" xmlns:p="urn:p"><p:b p:x="1">hi</p:b>\n  <c>\n</c></a>')
print(d2.toprettyxml(indent=' '))
b = d2.getElementsByTagNameNS('urn:p', 'b')[0]
print(b.namespaceURI, b.prefix, b.localName, b.getAttributeNS('urn:p', 'x'))
try:
    minidom.parseString('<a><b></a>')
except Exception as e:
    print(type(e).__name__, e)
import xml.sax, xml.sax.handler, io
class H(xml.sax.handler.ContentHandler):
    def startDocument(self): print('startDocument')
    def endDocument(self): print('endDocument')
    def startElement(self, name, attrs): print('start', name, dict(attrs), attrs.getNames())
    def endElement(self, name): print('end', name)
    def characters(self, c): print('chars', repr(c))
    def processingInstruction(self, t, d): print('pi', t, d)
    def ignorableWhitespace(self, w): print('ws', repr(w))
xml.sax.parseString(b'<?xml version="1.0"?><root a="1"><x>hello\nworld</x><?p q?><y b="&lt;"/></root>', H())
class NH(xml.sax.handler.ContentHandler):
    def startElementNS(self, name, qname, attrs): print('startNS', name, qname, dict(attrs))
    def endElementNS(self, name, qname): print('endNS', name, qname)
    def startPrefixMapping(self, p, u): print('prefix', p, u)
    def endPrefixMapping(self, p): print('endprefix', p)
p = xml.sax.make_parser()
p.setFeature(xml.sax.handler.feature_namespaces, True)
p.setContentHandler(NH())
p.parse(io.BytesIO(b'<r xmlns="urn:r" xmlns:q="urn:q"><q:s q:a="1" b="2"/></r>'))
class EH(xml.sax.handler.ErrorHandler):
    pass
try:
    xml.sax.parseString(b'<a>\n<b></c></a>', xml.sax.handler.ContentHandler())
except xml.sax.SAXParseException as e:
    print('SAXParseException', e, e.getLineNumber(), e.getColumnNumber())
from xml.sax.saxutils import XMLGenerator
out = io.StringIO()
xml.sax.parseString(b'<a x="1"><b>t &amp; u</b><c/></a>', XMLGenerator(out))
print(out.getvalue())

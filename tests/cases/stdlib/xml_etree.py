import xml.etree.ElementTree as ET
import io
doc = '''<?xml version="1.0"?>
<data xmlns:h="http://www.w3.org/TR/html4/">
    <country name="Liechtenstein">
        <rank>1</rank>
        <year>2008</year>
        <gdppc>141100</gdppc>
        <neighbor name="Austria" direction="E"/>
        <neighbor name="Switzerland" direction="W"/>
    </country>
    <country name="Singapore">
        <rank>4</rank>
        <year>2011</year>
        <h:td>x &amp; y</h:td>
        <neighbor name="Malaysia" direction="N"/>
    </country>
    <!-- comment -->
</data>'''
root = ET.fromstring(doc)
print(root.tag, root.attrib, len(root))
for c in root:
    print(c.tag, c.attrib, repr(c.text))
for n in root.iter('neighbor'):
    print(n.get('name'), n.get('direction'))
print([e.text for e in root.findall('./country/rank')])
print([e.get('name') for e in root.findall(".//neighbor[@direction='W']")])
print(root.find('country').findtext('year'))
print([e.tag for e in root.findall('.//{http://www.w3.org/TR/html4/}td')])
print(ET.tostring(root, encoding='unicode'))
print(ET.tostring(ET.fromstring('<a b="1&lt;2">t<c/>tail &#x41;</a>')))
for ev, el in ET.iterparse(io.BytesIO(doc.encode()), events=('start', 'end', 'start-ns', 'end-ns')):
    print(ev, el if ev.endswith('ns') else el.tag)
p = ET.XMLPullParser(events=('start', 'end', 'comment', 'pi'))
for chunk in ['<root><a>te', 'xt</a><!-- c --><?p d?>', '<b x="1"/></root>']:
    p.feed(chunk)
    for ev, el in p.read_events():
        print(ev, el.tag if isinstance(el.tag, str) else el.tag.__name__, el.text)
p.close()
for bad in ['<a><b></a>', '<a>', '<a>&nbsp;</a>', 'junk', '<a></a><b/>']:
    try:
        ET.fromstring(bad)
    except ET.ParseError as e:
        print('ParseError', e, e.code, e.position)
t = ET.ElementTree(ET.fromstring('<r><x>1</x><x>2</x></r>'))
buf = io.BytesIO(); t.write(buf, encoding='utf-8', xml_declaration=True); print(buf.getvalue())
print(ET.fromstring('<?xml version="1.0" encoding="UTF-16"?><a>\u00e9</a>'.encode('utf-16')).text)
print(ET.fromstring('<?xml version="1.0" encoding="iso-8859-1"?><a>caf\xe9</a>'.encode('latin-1')).text)
e = ET.XML('<root xmlns="urn:x" xmlns:y="urn:y"><y:c a="1" y:b="2"/></root>')
print(e.tag, e[0].tag, e[0].attrib)
ET.register_namespace('yy', 'urn:y')
print(ET.tostring(e, encoding='unicode'))
print(ET.canonicalize('<a z="1" a="2"><b/></a>'))
tb = ET.TreeBuilder()
parser = ET.XMLParser(target=tb)
parser.feed('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" "http://x/y.dtd"><html>hi</html>')
print(ET.tostring(parser.close()))
class T:
    def start(self, tag, attrib): print('start', tag, attrib)
    def end(self, tag): print('end', tag)
    def data(self, d): print('data', repr(d))
    def doctype(self, *a): print('doctype', a)
    def close(self): return 'closed'
p = ET.XMLParser(target=T())
p.feed('<!DOCTYPE html SYSTEM "about:legacy-compat"><html>hi<br/>there</html>')
print(p.close())

# Ends with an uncaught ValueError from str.index inside a method
print("abc".index("c"), "abc".find("d"))
# str.find returns -1 where str.index raises
text = "a=1;b=22"
print(text.find("z="), text.find("b="))
print(text.index("b="), text.rfind(";"))
print(text.rindex("="))
class Parser:
    def __init__(self, text):
        self.text = text

    def field(self, key):
        start = self.text.index(key + "=") + len(key) + 1
        end = self.text.find(";", start)
        return self.text[start:end if end != -1 else None]

p = Parser("a=1;b=22;c=333")
for k in ["a", "b", "c"]:
    print(k, p.field(k))
print("d", p.field("d"))

# Python evaluates expressions left to right
log = []
def t(x):
    log.append(x)
    return x
def show(label):
    print(label, [x.__name__ if callable(x) else x for x in log])
    log.clear()
t(1) + t(2) * t(3)
show("arith:")
t(1) ** t(2) ** t(3)
show("power (right assoc, left-to-right eval):")
{t("k1"): t("v1"), t("k2"): t("v2")}
show("dict display:")
{t(i): t(i * 10) for i in range(2)}
show("dict comprehension:")
[t(1), t(2)][t(0)]
show("subscript:")
def f(*a, **k): return None
f(t(1), t(2), k=t(3), *[t(4)], **{"z": t(5)})
show("call args:")
t([0, 0])[t(1)] = t("value")
show("subscript assignment (value first):")
a = b = t("chained")
show("chained assignment:")
class O:
    def __repr__(self): return "O()"
o = O()
t(o).attr = t("attrval")
show("attribute assignment:")
x = [0, 0]
x[t(0)], x[t(1)] = t("p"), t("q")
show("tuple assignment:")
lst = [1]
lst[t(0)] += t(5)
show("augmented subscript:")
t(1) < t(2) < t(3)
show("chain:")
t(0) if t(False) else t("else")
show("conditional:")
(t("a"), t("b"), t("c"))
show("tuple display:")
f"{t('x')}{t('y')}"
show("f-string:")
t(1) and t(0) and t(2)
show("and:")
def defaults(a=t("default1"), b=t("default2")): pass
show("defaults at def time:")
@t
def decorated(): pass
show("decorator:")
print(t("print arg"), t("second"))
show("print args:")
t(2) if True else t(3)
t({t(1), t(2)})
show("set display:")
res = [t(1), *[t(2), t(3)], t(4)]
show("star in list:")
t(10) - t(3) - t(2)
show("left assoc:")

COUNT = [0]
COUNT[0] += 1
import sys
LOADS = sys.modules.get("_specplain_loads", 0)


def f():
    return "f"

# Augmented assignment evaluates the target expression once
log = []
class Box:
    def __init__(self):
        self.items = {"k": [1]}
    def __getattr__(self, name):
        log.append(f"getattr {name}")
        raise AttributeError(name)
def get_box():
    log.append("get_box()")
    return box
def key():
    log.append("key()")
    return "k"
box = Box()
get_box().items[key()] += [2]
print(box.items, log)
log.clear()
class Counter:
    def __init__(self):
        self.n = 0
    def __getattribute__(self, name):
        log.append(f"get {name}")
        return object.__getattribute__(self, name)
    def __setattr__(self, name, value):
        log.append(f"set {name}={value}")
        object.__setattr__(self, name, value)
c = Counter()
log.clear()
c.n += 5
print(c.n, log)
matrix = [[0] * 3 for _ in range(2)]
row, col = 1, 2
matrix[row][col] += 7
matrix[row - 1][col - 1] -= 3
print(matrix)
s = "abc"
s += s
s *= 2
print(s)
nums = [1, 2, 3]
alias = nums
nums[1:] += [9]
print(nums, alias)

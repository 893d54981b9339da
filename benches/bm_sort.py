"""Sorting: list.sort and sorted, with and without key, on records.

Ints, floats, strings, tuples, and small record objects; key functions
(lambda and bound method), reverse=True, and stability across two
passes.  The checksum samples the sorted orders.
"""


class Employee:
    def __init__(self, ident, name, dept, salary, age):
        self.ident = ident
        self.name = name
        self.dept = dept
        self.salary = salary
        self.age = age

    def sort_key(self):
        return (self.dept, -self.salary, self.ident)


def rng_stream(seed):
    state = seed
    while True:
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        yield state


def make_records(n, seed):
    r = rng_stream(seed)
    depts = ["eng", "ops", "sales", "legal", "hr", "research"]
    letters = "abcdefghijklmnopqrstuvwxyz"
    recs = []
    for i in range(n):
        v = next(r)
        name = letters[v % 26] + letters[(v >> 5) % 26] + letters[(v >> 10) % 26]
        recs.append(Employee(i, name, depts[(v >> 15) % 6], 30000 + (v >> 7) % 90000, 20 + (v >> 3) % 45))
    return recs


def sample(seq):
    step = max(1, len(seq) // 7)
    return [seq[i] for i in range(0, len(seq), step)]


def main():
    r = rng_stream(99)
    ints = [next(r) % 1000000 for _ in range(200000)]
    floats = [x / 7.0 for x in ints[:100000]]
    strs = [str(x) for x in ints[:100000]]

    a = sorted(ints)
    b = sorted(ints, reverse=True)
    c = sorted(floats)
    d = sorted(strs)
    e = sorted(strs, key=len)
    f = sorted(ints, key=lambda x: (x % 1000, x))

    recs = make_records(60000, 5)
    by_salary = sorted(recs, key=lambda e: e.salary)
    # Stable two-pass sort: by age, then by department.
    two = list(recs)
    two.sort(key=lambda e: e.age)
    two.sort(key=lambda e: e.dept)
    by_method = sorted(recs, key=Employee.sort_key)
    tuples = [(e.dept, e.age, e.name, e.ident) for e in recs]
    tuples.sort()

    already = list(a)
    already.sort()
    almost = list(a)
    for i in range(0, len(almost) - 1, 1000):
        almost[i], almost[i + 1] = almost[i + 1], almost[i]
    almost.sort()

    print(sample(a), sample(b)[:2], round(c[-1], 3), sample(d)[:3], e[:2], f[:3])
    print([x.ident for x in sample(by_salary)], [x.ident for x in sample(two)],
          [x.ident for x in sample(by_method)], sample(tuples)[:2], almost == already)


main()

# In-place set operators and update methods with the set itself as operand (a set that has
# been modified, so it is not "pristine"): s |= s must not borrow the table twice.
s = {1, 2, 3}
s.add(4)
s.discard(1)
s |= s
print(sorted(s))
s.update(s)
print(sorted(s))
s ^= s
print(s)
t = {5, 6}
t.add(7)
t &= t
print(sorted(t))
t -= t
print(t)
u = set(range(10))
u.remove(0)
u.update(u, u)
print(sorted(u))
u.intersection_update(u)
u.symmetric_difference_update(u)
print(u)

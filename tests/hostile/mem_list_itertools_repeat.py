# expect: memory
import itertools
l = list(itertools.repeat(0, 10**10))

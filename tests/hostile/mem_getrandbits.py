# expect: memory
# prelude: import random
import random
x = random.getrandbits(10**10)

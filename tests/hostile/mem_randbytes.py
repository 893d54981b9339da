# expect: memory
# prelude: import random
import random
x = random.randbytes(10**10)

# expect: time
import math
x = math.comb(2 * 10**6, 10**6)

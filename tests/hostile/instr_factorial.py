# expect: instructions
import math
x = math.factorial(2 * 10**6)

# expect: instructions
x = pow(3, 3 * 10**7)

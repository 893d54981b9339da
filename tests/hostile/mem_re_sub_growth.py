# expect: memory
# prelude: import re
import re
s = re.sub('', 'x' * 10**5, 'a' * 10**5)

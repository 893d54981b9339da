# expect: time
# prelude: import re
import re
re.fullmatch(r'(a|aa)*c', 'a' * 60)

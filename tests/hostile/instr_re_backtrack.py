# expect: instructions
# prelude: import re
import re
re.match(r'(a+)+$', 'a' * 40 + 'b')

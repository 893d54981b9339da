# expect: time
# prelude: import re
import re
re.findall(r'(?:x+x+)+y', 'x' * 5000)

# expect: instructions
# prelude: import re
import re
re.sub(r'(\w+\s?)*$', '-', 'word ' * 2000 + '!')

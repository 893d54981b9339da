# expect: memory
w = 10**9
s = f'{"a":{w}}'

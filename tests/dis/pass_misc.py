pass
...
"docstring-like"
1
x
def f():
    pass
def g():
    ...

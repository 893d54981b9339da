X = 41
PKG = __spec__.parent


def hello():
    return "hello from _sub"

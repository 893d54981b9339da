value = "helper value"
def get_value():
    return value
def who_am_i():
    return __name__

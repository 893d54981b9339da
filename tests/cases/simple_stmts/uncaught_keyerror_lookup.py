# Ends in an uncaught KeyError from nested dict lookups (traceback compared)
config = {
    "db": {"host": "localhost", "port": 5432},
    "cache": {"ttl": 60},
}
def get_setting(section, key):
    return config[section][key]
print(get_setting("db", "host"))
print(get_setting("cache", "ttl"))
try:
    get_setting("db", "user")
except KeyError as e:
    print("caught KeyError", e, repr(e), e.args)
print(get_setting("queue", "size"))

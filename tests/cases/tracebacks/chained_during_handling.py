# "During handling of the above exception, another exception occurred"
config = {}
def get_port():
    try:
        return config["port"]
    except KeyError:
        return int(config.get("default_port", "not-a-number"))
print("looking up port")
get_port()

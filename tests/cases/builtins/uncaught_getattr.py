# Ends with an uncaught AttributeError from getattr without default
settings = type("Settings", (), {"debug": False, "level": 3})()
for name in ["debug", "level", "verbose"]:
    print(name, "=", getattr(settings, name))

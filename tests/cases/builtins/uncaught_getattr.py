# Ends with an uncaught AttributeError from getattr without default
# getattr with defaults and hasattr first
class Config:
    debug = True
cfg = Config()
print(getattr(cfg, "debug"), getattr(cfg, "verbose", "n/a"))
print(hasattr(cfg, "verbose"), hasattr(cfg, "debug"))
setattr(cfg, "verbose", 2)
print(getattr(cfg, "verbose"), sorted(vars(cfg)))
delattr(cfg, "verbose")
print(hasattr(cfg, "verbose"), getattr(Config, "debug"))
print(getattr(cfg, "__class__").__name__)
try:
    getattr(cfg, "nothing")
except AttributeError as e:
    print("caught", e)
print(getattr(cfg, "debug", "x"))
settings = type("Settings", (), {"debug": False, "level": 3})()
for name in ["debug", "level", "verbose"]:
    print(name, "=", getattr(settings, name))

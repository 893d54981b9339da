# "The above exception was the direct cause of the following exception"
class ConfigError(Exception):
    pass
def read_setting(raw):
    try:
        return float(raw)
    except ValueError as exc:
        raise ConfigError(f"bad setting {raw!r}") from exc
print(read_setting("1.5"))
read_setting("fast")

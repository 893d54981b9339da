# Custom exception with __str__ and extra attributes, uncaught
class HTTPError(Exception):
    def __init__(self, status, reason):
        super().__init__(status, reason)
        self.status = status
        self.reason = reason
    def __str__(self):
        return f"{self.status} {self.reason}"
def fetch(path):
    if path != "/":
        raise HTTPError(404, "Not Found")
    return "ok"
print(fetch("/"))
fetch("/missing")

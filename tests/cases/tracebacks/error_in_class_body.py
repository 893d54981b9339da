# Exception while a class body is executing
class Settings:
    names = ["a", "b"]
    sizes = {"a": 1}
    total = sizes["a"] + sizes["b"]
print("never")

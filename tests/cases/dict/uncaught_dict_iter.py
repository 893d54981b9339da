# Ends with an uncaught RuntimeError: dictionary changed size during iteration
# Safe patterns: iterate over a copy, or modify values only
scores0 = {"a": 1, "b": 2}
for name in list(scores0):
    scores0[name + "?"] = -1
print(scores0)
for name in scores0:
    scores0[name] *= 10
print(scores0, len(scores0))
print({k: v for k, v in scores0.items() if v > 0})
print(sorted(scores0, key=scores0.get))
print(dict(reversed(list(scores0.items()))))
print(list(scores0.keys())[:2], list(scores0.values())[-1])
print(len(scores0), "a" in scores0)
print(list(scores0)[0])
print(scores0.get("zzz", "none"))
scores = {"a": 1, "b": 2}
for name in scores:
    print("visiting", name)
    scores[name + "!"] = 0

# Ends with an uncaught RuntimeError: dictionary changed size during iteration
scores = {"a": 1, "b": 2}
for name in scores:
    print("visiting", name)
    scores[name + "!"] = 0

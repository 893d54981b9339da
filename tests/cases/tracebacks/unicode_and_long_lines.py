# Traceback that shows non-ASCII source text and a long line
données = {"clé": "valeur", "numéro": 1}
print(données["clé"])
résultat = données["numéro"] + données["clé"] + "une chaîne assez longue pour que la ligne soit vraiment très longue"

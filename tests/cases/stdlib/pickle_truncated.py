# Unpickling truncated data ends in an uncaught UnpicklingError.
import pickle

s = pickle.dumps({'a': [1, 2, 3], 'b': 'text'}, 2)
print(pickle.loads(s))
pickle.loads(s[:-5])

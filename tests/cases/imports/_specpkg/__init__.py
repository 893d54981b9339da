"""A package for the module-spec cases."""
from . import _sub
VALUE = _sub.X + 1

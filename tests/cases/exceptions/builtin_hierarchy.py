# The builtin exception hierarchy
def chain(cls):
    return " -> ".join(c.__name__ for c in cls.__mro__)
for cls in [BaseException, Exception, ArithmeticError, ZeroDivisionError, OverflowError, FloatingPointError,
            LookupError, KeyError, IndexError, ValueError, UnicodeDecodeError, UnicodeEncodeError,
            TypeError, NameError, UnboundLocalError, AttributeError, RuntimeError, RecursionError,
            NotImplementedError, StopIteration, StopAsyncIteration, GeneratorExit, KeyboardInterrupt,
            SystemExit, OSError, FileNotFoundError, PermissionError, TimeoutError, ConnectionResetError,
            ImportError, ModuleNotFoundError, SyntaxError, IndentationError, TabError, AssertionError,
            EOFError, MemoryError, BufferError, ReferenceError, SystemError, Warning, DeprecationWarning,
            UserWarning, RuntimeWarning, BaseExceptionGroup, ExceptionGroup]:
    print(chain(cls))
print(EnvironmentError is OSError, IOError is OSError)
print(issubclass(KeyboardInterrupt, Exception), issubclass(SystemExit, Exception), issubclass(GeneratorExit, Exception))
print(issubclass(StopIteration, Exception), issubclass(Warning, Exception))
print(sorted(c.__name__ for c in ArithmeticError.__subclasses__()))
print(sorted(c.__name__ for c in ConnectionError.__subclasses__()))

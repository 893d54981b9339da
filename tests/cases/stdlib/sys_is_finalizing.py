# sys.is_finalizing() is False while the program runs and True in finalizers run at exit.
import sys


class AtExit:
    is_finalizing = sys.is_finalizing
    print = print

    def __del__(self):
        self.print("finalizing", self.is_finalizing(), flush=True)


print(sys.is_finalizing())
x = AtExit()
del x
ref = AtExit()

# expect: recursion
class G:
    def __getattr__(self, n):
        return self.x
G().y

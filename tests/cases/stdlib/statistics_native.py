# _statistics._normal_dist_inv_cdf (what NormalDist.inv_cdf uses when present): values on the
# central region and both tails, and its errors.
import _statistics
import statistics
from statistics import NormalDist

f = _statistics._normal_dist_inv_cdf
print(statistics._normal_dist_inv_cdf is f)
for p in [1e-300, 1e-20, 1e-9, 0.001, 0.01, 0.025, 0.075, 0.0751, 0.1, 0.3, 0.5, 0.7, 0.9,
          0.924, 0.925, 0.975, 0.999, 1 - 1e-12, 0.5 + 1e-15]:
    print(p, repr(f(p, 0.0, 1.0)), repr(f(p, 100, 15)))
print(repr(f(float("nan"), 0, 1)), repr(f(0.5, float("inf"), 1)), f(True / 2, 1, 2))

nd = NormalDist(10, 2)
print(nd.inv_cdf(0.5), nd.inv_cdf(0.8413447460685429), [round(q, 6) for q in nd.quantiles(8)])
print(NormalDist().inv_cdf(0.975), round(NormalDist(3, 0.5).inv_cdf(0.001), 12))


def err(fn, *args, **kw):
    try:
        return fn(*args, **kw)
    except Exception as e:
        return "%s: %s" % (type(e).__name__, e)


for args in [(0, 0, 1), (1, 0, 1), (-0.5, 0, 1), (1.5, 0, 1), (0.5, 0, 0), (0.5, 0, -1),
             ("a", 0, 1), (0.5, None, 1), (0.5, 0), (0.5, 0, 1, 2)]:
    print(args, err(f, *args))
print(err(f, 0.5, 0, sigma=1), err(nd.inv_cdf, 0), err(nd.inv_cdf, 1.0))
print(err(NormalDist(0, 0).inv_cdf, 0.5))

# statistics and math.erf/erfc (the C library's, as CPython 3.11).
import math, statistics
print([math.erf(x) for x in (-2, -0.5, 0, 0.1, 1, 3, 30)], [math.erfc(x) for x in (-1, 0, 0.5, 5, 30)])
print(statistics.mean([1, 2, 3, 4]), statistics.median([3, 1, 2]), statistics.stdev([1.5, 2.5, 2.5, 2.75, 3.25, 4.75]), statistics.NormalDist(0, 1).cdf(1.0))
print(statistics.mode([1, 1, 2]), statistics.variance([1, 2, 3, 4]), statistics.fmean([1, 2, 3]), statistics.quantiles([1, 2, 3, 4, 5, 6, 7, 8], n=4))

"""Float arithmetic in the style of an n-body simulation.

A handful of bodies with pseudo-random masses, positions and velocities
attract each other; a leapfrog-like integrator advances them.  Floats are
kept in plain lists; the inner loop is float multiply/add/subtract and
list indexing.  The checksum is the total energy before and after.
"""


class Rng:
    def __init__(self, seed):
        self.state = seed

    def next_float(self):
        # 31-bit linear congruential generator -> [0, 1)
        self.state = (self.state * 1103515245 + 12345) & 0x7FFFFFFF
        return self.state / 2147483648.0


def make_bodies(count, seed):
    rng = Rng(seed)
    bodies = []
    # A heavy central body plus lighter satellites.
    bodies.append([0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 40.0])
    for i in range(count - 1):
        r = 1.0 + 4.0 * rng.next_float()
        x = r * (rng.next_float() - 0.5)
        y = r * (rng.next_float() - 0.5)
        z = 0.1 * (rng.next_float() - 0.5)
        vx = -y * 0.8
        vy = x * 0.8
        vz = 0.01 * (rng.next_float() - 0.5)
        m = 0.001 + 0.05 * rng.next_float()
        bodies.append([x, y, z, vx, vy, vz, m])
    # Zero total momentum by adjusting the central body.
    px = py = pz = 0.0
    for b in bodies:
        px += b[3] * b[6]
        py += b[4] * b[6]
        pz += b[5] * b[6]
    c = bodies[0]
    c[3] = -px / c[6]
    c[4] = -py / c[6]
    c[5] = -pz / c[6]
    return bodies


def make_pairs(bodies):
    pairs = []
    n = len(bodies)
    for i in range(n - 1):
        for j in range(i + 1, n):
            pairs.append((bodies[i], bodies[j]))
    return pairs


def energy(bodies, pairs):
    e = 0.0
    for b in bodies:
        e += 0.5 * b[6] * (b[3] * b[3] + b[4] * b[4] + b[5] * b[5])
    for b1, b2 in pairs:
        dx = b1[0] - b2[0]
        dy = b1[1] - b2[1]
        dz = b1[2] - b2[2]
        e -= b1[6] * b2[6] / (dx * dx + dy * dy + dz * dz + 0.01) ** 0.5
    return e


def advance(bodies, pairs, dt, steps):
    for _ in range(steps):
        for b1, b2 in pairs:
            dx = b1[0] - b2[0]
            dy = b1[1] - b2[1]
            dz = b1[2] - b2[2]
            d2 = dx * dx + dy * dy + dz * dz + 0.01
            mag = dt / (d2 * d2 ** 0.5)
            m1 = b1[6] * mag
            m2 = b2[6] * mag
            b1[3] -= dx * m2
            b1[4] -= dy * m2
            b1[5] -= dz * m2
            b2[3] += dx * m1
            b2[4] += dy * m1
            b2[5] += dz * m1
        for b in bodies:
            b[0] += dt * b[3]
            b[1] += dt * b[4]
            b[2] += dt * b[5]


def main():
    bodies = make_bodies(6, 12345)
    pairs = make_pairs(bodies)
    e0 = energy(bodies, pairs)
    advance(bodies, pairs, 0.001, 100000)
    e1 = energy(bodies, pairs)
    cx = sum(b[0] for b in bodies)
    print("energy %.9f %.9f x %.6f" % (e0, e1, cx))


main()

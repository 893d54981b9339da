"""Attribute access and method calls on class instances: a small ecosystem.

Rabbits and foxes move on a torus, eat, age and breed.  Exercises
instance attribute loads and stores, method calls, inheritance with
super(), class attributes, properties, __slots__ and operator dunders.
"""


class Vec:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __add__(self, other):
        return Vec(self.x + other.x, self.y + other.y)

    def __eq__(self, other):
        return self.x == other.x and self.y == other.y

    def wrap(self, size):
        return Vec(self.x % size, self.y % size)

    def manhattan(self, other, size):
        dx = abs(self.x - other.x)
        dy = abs(self.y - other.y)
        return min(dx, size - dx) + min(dy, size - dy)


DIRECTIONS = [Vec(1, 0), Vec(-1, 0), Vec(0, 1), Vec(0, -1)]


class Random:
    def __init__(self, seed):
        self.state = seed

    def below(self, n):
        self.state = (self.state * 1103515245 + 12345) & 0x7FFFFFFF
        return (self.state >> 8) % n


class Animal:
    max_age = 50
    breed_energy = 20

    def __init__(self, pos, energy):
        self.pos = pos
        self.energy = energy
        self.age = 0
        self.alive = True

    @property
    def can_breed(self):
        return self.energy >= self.breed_energy

    def step(self, world):
        d = DIRECTIONS[world.rng.below(4)]
        self.pos = (self.pos + d).wrap(world.size)
        self.energy -= self.move_cost
        self.age += 1
        if self.energy <= 0 or self.age > self.max_age:
            self.alive = False

    def offspring(self):
        self.energy //= 2
        return type(self)(self.pos, self.energy)


class Rabbit(Animal):
    move_cost = 1
    max_age = 30
    breed_energy = 12

    def step(self, world):
        super().step(world)
        self.energy += 2


class Fox(Animal):
    move_cost = 1
    max_age = 60
    breed_energy = 40

    def __init__(self, pos, energy):
        super().__init__(pos, energy)
        self.kills = 0

    def hunt(self, rabbits, size):
        for r in rabbits:
            if r.alive and r.pos.manhattan(self.pos, size) <= 1:
                r.alive = False
                self.energy += 8
                self.kills += 1
                return True
        return False


class World:
    def __init__(self, size, seed):
        self.size = size
        self.rng = Random(seed)
        self.rabbits = []
        self.foxes = []
        self.born = 0

    def populate(self, rabbits, foxes):
        for _ in range(rabbits):
            self.rabbits.append(Rabbit(Vec(self.rng.below(self.size), self.rng.below(self.size)), 10))
        for _ in range(foxes):
            self.foxes.append(Fox(Vec(self.rng.below(self.size), self.rng.below(self.size)), 30))

    def tick(self):
        for r in self.rabbits:
            r.step(self)
        for f in self.foxes:
            f.step(self)
            if f.alive:
                f.hunt(self.rabbits, self.size)
        new = []
        for group in (self.rabbits, self.foxes):
            for a in group:
                if a.alive and a.can_breed and self.rng.below(3) == 0:
                    new.append(a.offspring())
        self.born += len(new)
        self.rabbits = [r for r in self.rabbits if r.alive]
        self.foxes = [f for f in self.foxes if f.alive]
        for a in new:
            if isinstance(a, Rabbit):
                if len(self.rabbits) < 300:
                    self.rabbits.append(a)
            elif len(self.foxes) < 20:
                self.foxes.append(a)

    def census(self):
        return len(self.rabbits), len(self.foxes)


def main():
    world = World(40, 31337)
    world.populate(200, 15)
    history = []
    for t in range(300):
        world.tick()
        if not world.foxes:
            world.populate(0, 5)
        if len(world.rabbits) < 20:
            world.populate(40, 0)
        if t % 50 == 0:
            history.append(world.census())
    kills = sum(f.kills for f in world.foxes)
    origin = Vec(0, 0)
    spread = sum(r.pos.manhattan(origin, world.size) for r in world.rabbits)
    print(history, world.census(), world.born, kills, spread)


main()

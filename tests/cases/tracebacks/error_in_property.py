# Exception inside a property getter reached through __str__
class Temperature:
    def __init__(self, kelvin):
        self.kelvin = kelvin
    @property
    def celsius(self):
        if self.kelvin < 0:
            raise ValueError(f"negative kelvin: {self.kelvin}")
        return self.kelvin - 273.15
    def __str__(self):
        return f"{self.celsius:.1f}C"
print(Temperature(300))
print(Temperature(-5))

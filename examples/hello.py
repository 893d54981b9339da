print("Hello from Krait!")

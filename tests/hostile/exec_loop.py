# expect: instructions
exec('while True: pass')

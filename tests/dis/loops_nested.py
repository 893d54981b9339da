for i in range(3):
    for j in range(3):
        if j:
            break
    else:
        continue
    while i:
        i -= 1
        try:
            continue
        finally:
            pass

# sys.warnoptions is an (empty) list, and sys.stdin is a context manager giving itself
# (`unittest.main` reads the first, `json.tool` uses `with sys.stdin as f`).
import sys

print(sys.warnoptions, type(sys.warnoptions).__name__)
with sys.stdin as f:
    print(f is sys.stdin)
print("after")

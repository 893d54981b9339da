# Notes added with add_note() appear after the message
def validate(record):
    if "id" not in record:
        err = KeyError("id")
        err.add_note(f"record was: {record!r}")
        err.add_note("hint: every record needs an 'id' field")
        raise err
    return record["id"]
print(validate({"id": 7}))
validate({"name": "x"})

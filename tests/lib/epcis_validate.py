#!/usr/bin/python3
"""Validates an EPCIS 2.0 JSON document against GS1's JSON schema.

    /usr/bin/python3 tests/lib/epcis_validate.py SCHEMA DOCUMENT

Exit 0 and "valid" when it conforms; exit 1 with each error (its path and
message) when it does not; exit 2 when the files cannot be read. The
schema is Draft 7; formats ("uri", "date-time") are checked where the
installed jsonschema can check them (python3-rfc3987 for URIs), and the
line "formats: ..." says which were.
"""
import json
import sys

import jsonschema


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        with open(sys.argv[1], encoding="utf-8") as f:
            schema = json.load(f)
        with open(sys.argv[2], encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, ValueError) as e:
        print("cannot read: %s" % e, file=sys.stderr)
        return 2
    checker = jsonschema.FormatChecker()
    print("formats: " + " ".join(sorted(f for f in ("uri", "date-time") if f in checker.checkers)))
    validator = jsonschema.Draft7Validator(schema, format_checker=checker)
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    for e in errors[:20]:
        print("invalid at /%s: %s" % ("/".join(str(p) for p in e.absolute_path), e.message[:300]))
    if errors:
        return 1
    print("valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())

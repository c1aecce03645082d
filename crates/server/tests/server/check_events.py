"""Checks delivered webhook events against the OpenAPI document's `webhooks`, as a
portal generating its types from the document relies on: each event's body must be
valid by the schema of its type (JSON Schema 2020-12, which OpenAPI 3.1 schemas are),
with jsonschema from the openapi-spec-validator virtualenv. Prints one line per
event; exits non-zero if any is not valid. Run by tests/server/webhooks.rs.

    python check_events.py <openapi.json> <event.json>...
"""

import json
import sys

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

document_file, *event_files = sys.argv[1:]
with open(document_file, encoding="utf-8") as f:
    document = json.load(f)
registry = Registry().with_resource("urn:api", Resource(contents=document, specification=DRAFT202012))
invalid = 0
for path in event_files:
    with open(path, encoding="utf-8") as f:
        event = json.load(f)
    hook = document["webhooks"].get(event.get("type"))
    if hook is None:
        print(f"{path}: type {event.get('type')!r} is not in the document's webhooks")
        invalid += 1
        continue
    schema = hook["post"]["requestBody"]["content"]["application/json"]["schema"]
    validator = Draft202012Validator({"$ref": "urn:api" + schema["$ref"]}, registry=registry)
    errors = sorted(validator.iter_errors(event), key=lambda e: list(e.absolute_path))
    for error in errors:
        print(f"{path}: {event['type']} at /{'/'.join(map(str, error.absolute_path))}: {error.message}")
    invalid += bool(errors)
    if not errors:
        print(f"valid: {event['type']}")
sys.exit(1 if invalid else 0)

"""A portal's webhook check in Python, with the Standard Webhooks package: verifies
one delivery (its headers as JSON, its body as received) with the secret as the
portal set it, and prints the event's id and type. Exits non-zero if it does not
verify. Run by tests/server/webhooks.rs.

    python verify_webhook.py <whsec_…> <headers.json> <body file>
"""

import json
import sys

from standardwebhooks.webhooks import Webhook

secret, headers_file, body_file = sys.argv[1:4]
with open(headers_file, encoding="utf-8") as f:
    headers = json.load(f)
with open(body_file, "rb") as f:
    body = f.read()
event = Webhook(secret).verify(body, headers)
print(event["id"], event["type"])

"""Verifies one recorded request with the Standard Webhooks reference library (PyPI
`standardwebhooks`), as a receiver of the JSON postback would: prints the payload's type and
exits 0, or prints the library's error and exits 1.

Usage: verify_standard_webhook.py SECRET BODY_FILE WEBHOOK_ID WEBHOOK_TIMESTAMP WEBHOOK_SIGNATURE
"""
import sys

from standardwebhooks.webhooks import Webhook

secret, body_file, webhook_id, timestamp, signature = sys.argv[1:6]
body = open(body_file, "rb").read().decode("utf-8")
headers = {"webhook-id": webhook_id, "webhook-timestamp": timestamp, "webhook-signature": signature}
try:
    payload = Webhook(secret).verify(body, headers)
except Exception as error:  # the library's WebhookVerificationError, or a bad secret
    print(f"rejected: {error}")
    sys.exit(1)
print(payload["type"])

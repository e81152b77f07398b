"""One call to the JSON API (/api/v1) from a Django test client, as the API tests make it."""

import json

API = "/api/v1"


def call(client, method, path, payload=None, **kwargs):
    """(status, JSON body or None) of `method` on API + `path`, with `payload` as JSON."""
    if payload is not None:
        kwargs["data"] = json.dumps(payload)
    kwargs.setdefault("content_type", "application/json")
    response = getattr(client, method)(f"{API}{path}", **kwargs)
    try:
        body = response.json()
    except ValueError:
        body = None
    return response.status_code, body

"""A minimal HTTP/1.1 client: one connection per request, like gunicorn's sync workers."""

import asyncio
import random


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def header(self, name):
        name = name.lower()
        return next((value for key, value in self.headers if key == name), None)

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")


def _dechunk(data):
    body, rest = b"", data
    while rest:
        size_line, _, rest = rest.partition(b"\r\n")
        size = int(size_line.split(b";")[0] or b"0", 16)
        if not size:
            break
        body, rest = body + rest[:size], rest[size + 2 :]
    return body


async def http(host, port, method, path, cookies, body=b"", headers=()):
    reader, writer = await asyncio.open_connection(host, port)
    try:
        lines = [
            f"{method} {path} HTTP/1.1",
            f"Host: {host}:{port}",
            "Connection: close",
            "User-Agent: trihub-bench-load",
            "Accept-Language: fr",
            *headers,
        ]
        if cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in cookies.items()))
        if body or method == "POST":
            lines.append(f"Content-Length: {len(body)}")
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
        await writer.drain()
        raw = await reader.read()
    finally:
        writer.close()
    head, _, payload = raw.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    status = int(status_line.split()[1])
    parsed = []
    for line in header_lines:
        key, _, value = line.partition(":")
        parsed.append((key.strip().lower(), value.strip()))
    response = Response(status, parsed, payload)
    if (response.header("transfer-encoding") or "").lower() == "chunked":
        response.body = _dechunk(payload)
    for key, value in parsed:
        if key == "set-cookie":
            name, _, rest = value.partition("=")
            cookies[name.strip()] = rest.split(";")[0]
    return response


def multipart(fields):
    boundary = f"----trihubbench{random.getrandbits(64):x}"
    parts = []
    for name, value in fields:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        )
    # An empty file input, as a browser sends it when nothing is attached.
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="attachments"; filename=""\r\n'
        "Content-Type: application/octet-stream\r\n\r\n\r\n"
    )
    parts.append(f"--{boundary}--\r\n")
    return "".join(parts).encode("utf-8"), f"multipart/form-data; boundary={boundary}"

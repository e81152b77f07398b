"""An SMTP sink: it accepts every message, records what it accepted (Message-ID,
recipients, subject), and can hold its reply to DATA.

A message counts as accepted only once its 250 reply to DATA went out, as in SMTP: a
client that drops the connection while the reply is held (a worker killed mid-send)
has delivered nothing, and must send the message again.
"""

import email
import email.policy
import socket
import socketserver
import threading
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Accepted:
    message_id: str
    recipients: tuple
    subject: str
    at: float


class _Handler(socketserver.StreamRequestHandler):
    timeout = 60

    def reply(self, line):
        self.wfile.write(line.encode() + b"\r\n")
        self.wfile.flush()

    def handle(self):
        sink = self.server.sink
        recipients = []
        self.reply("220 faults-sink ESMTP")
        while True:
            line = self.rfile.readline()
            if not line:
                return
            command = line.decode("utf-8", "replace").strip()
            verb = command.split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250-faults-sink\r\n250 8BITMIME" if verb == "EHLO" else "250 ok")
            elif verb == "MAIL":
                recipients = []
                self.reply("250 ok")
            elif verb == "RCPT":
                recipients.append(command.split(":", 1)[1].strip().strip("<>"))
                self.reply("250 ok")
            elif verb == "DATA":
                self.reply("354 end with <CRLF>.<CRLF>")
                data = self._read_data()
                if data is None:
                    return
                if not sink._hold_if_asked(self.connection):
                    sink.dropped += 1
                    return  # the client went away before the reply: not accepted
                message = email.message_from_bytes(data, policy=email.policy.default)
                try:
                    self.reply("250 queued")
                except OSError:
                    sink.dropped += 1
                    return
                sink._record(
                    Accepted(
                        message_id=str(message.get("Message-ID", "")),
                        recipients=tuple(recipients),
                        subject=" ".join(str(message.get("Subject", "")).split()),
                        at=time.monotonic(),
                    )
                )
            elif verb in ("RSET", "NOOP"):
                self.reply("250 ok")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("502 not implemented")

    def _read_data(self):
        lines = []
        while True:
            line = self.rfile.readline()
            if not line:
                return None
            if line in (b".\r\n", b".\n"):
                return b"".join(lines)
            lines.append(line[1:] if line.startswith(b"..") else line)


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


class SmtpSink:
    def __init__(self, host="127.0.0.1"):
        self._server = _Server((host, 0), _Handler)
        self._server.sink = self
        self.port = self._server.server_address[1]
        self._lock = threading.Lock()
        self.accepted = []
        self.dropped = 0
        self._hold_next = False
        self._hold_seconds = 0.0
        self.holding = threading.Event()
        self._release = threading.Event()
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def close(self):
        self.release()
        self._server.shutdown()
        self._server.server_close()

    def count(self):
        with self._lock:
            return len(self.accepted)

    def since(self, start):
        with self._lock:
            return list(self.accepted[start:])

    def hold_next(self, seconds):
        """Hold the reply to the next message's DATA up to `seconds`, or until
        `release()`; `holding` is set while it is held."""
        with self._lock:
            self._hold_next, self._hold_seconds = True, seconds
            self._release.clear()
            self.holding.clear()

    def release(self):
        with self._lock:
            self._hold_next = False
        self._release.set()

    def _hold_if_asked(self, connection):
        """Hold this reply if asked; whether the client is still there afterwards."""
        with self._lock:
            hold, self._hold_next = self._hold_next, False
            seconds = self._hold_seconds
        if not hold:
            return True
        self.holding.set()
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and not self._release.is_set():
            if _closed(connection):
                return False
            time.sleep(0.05)
        return not _closed(connection)

    def _record(self, accepted):
        with self._lock:
            self.accepted.append(accepted)


def _closed(connection):
    """Whether the peer closed the connection (a kill closes it at once)."""
    timeout = connection.gettimeout()
    try:
        connection.setblocking(False)
        try:
            return connection.recv(1, socket.MSG_PEEK) == b""
        finally:
            connection.settimeout(timeout)
    except BlockingIOError:
        return False
    except OSError:
        return True

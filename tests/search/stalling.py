"""A search engine that hangs: a loopback server that accepts every connection and
never answers, counting the connections it was offered."""

import socket
import threading


class StallingServer:
    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0), backlog=64)
        self.listener.settimeout(0.2)
        self.accepted = []
        self.running = True
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.listener.getsockname()[1]}"

    @property
    def connections(self):
        return len(self.accepted)

    def _accept(self):
        while self.running:
            try:
                connection, _address = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.accepted.append(connection)  # kept open, never read or answered

    def close(self):
        self.running = False
        self.thread.join(timeout=2)
        for connection in self.accepted:
            connection.close()
        self.listener.close()

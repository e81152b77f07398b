"""A TCP proxy in front of the search node, whose mode the suite switches:

- `pass`: every byte goes through, both ways;
- `stall`: connections are accepted and read, and never answered (a hung engine);
- `refuse`: nothing listens (a stopped engine: connection refused).

Switching the mode cuts the connections already open, so that clients keeping a
connection alive meet the new mode at their next request, as they would meet a
restarted or hung engine.
"""

import contextlib
import selectors
import socket
import threading

PASS, STALL, REFUSE = "pass", "stall", "refuse"


class TcpProxy:
    def __init__(self, upstream_port, host="127.0.0.1", port=0):
        self.host = host
        self.upstream = (host, upstream_port)
        self.mode = PASS
        self._lock = threading.Lock()
        self._connections = set()
        self._listener = None
        self._stopped = threading.Event()
        self.port = port
        self._listen()
        self.accepted = 0

    # Listening ----------------------------------------------------------------

    def _listen(self):
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((self.host, self.port))
        listener.listen(64)
        self.port = listener.getsockname()[1]
        self._listener = listener
        threading.Thread(target=self._accept_loop, args=(listener,), daemon=True).start()

    def _accept_loop(self, listener):
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return  # closed: refuse mode, or the end
            self.accepted += 1
            with self._lock:
                mode = self.mode
                self._connections.add(client)
            target = self._tunnel if mode == PASS else self._swallow
            threading.Thread(target=target, args=(client,), daemon=True).start()

    def set_mode(self, mode):
        with self._lock:
            previous, self.mode = self.mode, mode
            connections, self._connections = self._connections, set()
        for connection in connections:
            _close(connection)
        if mode == REFUSE and previous != REFUSE:
            _close(self._listener)
        elif mode != REFUSE and previous == REFUSE:
            self._listen()

    def close(self):
        self._stopped.set()
        self.set_mode(REFUSE)

    # Connections ---------------------------------------------------------------

    def _swallow(self, client):
        """Read whatever comes, answer nothing, until the client gives up."""
        try:
            while client.recv(65536):
                pass
        except OSError:
            pass
        finally:
            self._forget(client)

    def _tunnel(self, client):
        try:
            upstream = socket.create_connection(self.upstream, timeout=5)
        except OSError:
            self._forget(client)
            return
        upstream.settimeout(None)
        with self._lock:
            if client not in self._connections:  # the mode changed meanwhile
                _close(upstream)
                return
            self._connections.add(upstream)
        selector = selectors.DefaultSelector()
        selector.register(client, selectors.EVENT_READ, upstream)
        selector.register(upstream, selectors.EVENT_READ, client)
        try:
            while True:
                for key, _events in selector.select(timeout=1):
                    data = key.fileobj.recv(65536)
                    if not data:
                        return
                    key.data.sendall(data)
                if self._stopped.is_set():
                    return
        except (OSError, ValueError):
            return
        finally:
            selector.close()
            self._forget(client, upstream)

    def _forget(self, *connections):
        with self._lock:
            for connection in connections:
                self._connections.discard(connection)
        for connection in connections:
            _close(connection)


def _close(connection):
    with contextlib.suppress(OSError):
        connection.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        connection.close()

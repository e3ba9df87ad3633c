"""Listeners on this machine that record every contact: what a query must never reach.

Each has ``settle()``: it contacts the listener itself and waits until that contact is recorded.
Contacts are taken in order, so once it returns every earlier one is recorded too (a condition,
never a fixed delay).
"""

from __future__ import annotations

import json
import socket
import threading
import uuid

SETTLE_TIMEOUT_S = 30.0


class _Recorder:
    def __init__(self):
        self.seen: list[str] = []
        self._changed = threading.Condition()

    def _record(self, what: str) -> None:
        with self._changed:
            self.seen.append(what)
            self._changed.notify_all()

    def _wait_for(self, what: str) -> None:
        with self._changed:
            if not self._changed.wait_for(lambda: what in self.seen, SETTLE_TIMEOUT_S):
                raise AssertionError(f"the listener never recorded its own contact {what!r}")
            self.seen.remove(what)

    def _start(self, sock: socket.socket, target) -> None:
        self._sock = sock
        self._closing = False
        self._thread = threading.Thread(target=target, daemon=True)
        self._thread.start()

    def close(self) -> None:
        """Stop and free the address: a thread blocked in accept() or recvfrom() holds the socket
        open until shutdown() wakes it, so close() alone would leave the port taken."""
        self._closing = True
        try:
            self._sock.shutdown(socket.SHUT_RDWR)
        except OSError:  # ENOTCONN for a datagram socket, which still wakes the reader
            pass
        self._thread.join(SETTLE_TIMEOUT_S)
        self._sock.close()

    def _accept_each(self, answer) -> None:
        """Accept connections one at a time; ``answer(conn)`` says what to record of each."""
        while True:
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            if self._closing:
                conn.close()
                return
            with conn:
                conn.settimeout(5)
                try:
                    seen = answer(conn)
                except OSError as exc:
                    seen = f"? ({exc})"
            self._record(seen)


class HttpListener(_Recorder):
    """A TCP listener on 127.0.0.1 that records the path of each request and answers every one
    with one SPARQL JSON row (so a query that got through shows its rows)."""

    ANSWER = "reached the listener"

    def __init__(self):
        super().__init__()
        sock = socket.create_server(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        self._start(sock, self._serve)

    def _serve(self) -> None:
        body = json.dumps({"head": {"vars": ["s"]}, "results": {"bindings": [
            {"s": {"type": "literal", "value": self.ANSWER}}]}}).encode()

        def answer(conn) -> str:
            request = conn.recv(65536).split(b"\r\n", 1)[0].decode("latin-1")
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
                         b"Content-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(body), body))
            return request.split(" ")[1] if request.count(" ") >= 2 else request

        self._accept_each(answer)

    def settle(self) -> list[str]:
        """Every path requested so far."""
        mark = f"/settle-{uuid.uuid4().hex}"
        with socket.create_connection(("127.0.0.1", self.port), timeout=SETTLE_TIMEOUT_S) as conn:
            conn.sendall(f"GET {mark} HTTP/1.1\r\n\r\n".encode())
            conn.recv(65536)
        self._wait_for(mark)
        return list(self.seen)


class DnsListener(_Recorder):
    """A DNS server on 127.0.0.1:53 (root only) that records each question's name and answers
    NXDOMAIN, so that a resolver asks nothing more."""

    def __init__(self):
        super().__init__()
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            sock.bind(("127.0.0.1", 53))
        except OSError:
            sock.close()
            raise
        self._start(sock, self._serve)

    def _serve(self) -> None:
        while True:
            try:
                data, peer = self._sock.recvfrom(4096)
            except OSError:
                return
            if self._closing:
                return
            name, end = _question_name(data)
            if end:
                reply = bytearray(data[: end + 4])  # header and question
                reply[2] |= 0x80  # a response
                reply[3] = (reply[3] & 0xF0) | 3  # NXDOMAIN
                reply[6:12] = bytes(6)  # no answer, authority or additional records
                self._sock.sendto(bytes(reply), peer)
            self._record(name)

    def settle(self) -> list[str]:
        """Every name asked so far."""
        mark = f"settle-{uuid.uuid4().hex}.test"
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.sendto(bytes(12) + _encode_name(mark) + b"\x00\x01\x00\x01", ("127.0.0.1", 53))
        self._wait_for(mark)
        return list(self.seen)


class UnixListener(_Recorder):
    """A Unix stream socket at ``path`` that records each connection and closes it unanswered
    (to stand for a local daemon such as nscd)."""

    def __init__(self, path):
        super().__init__()
        self.path = str(path)
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.bind(self.path)
        sock.listen(16)
        self._start(sock, self._serve)

    def _serve(self) -> None:
        self._accept_each(lambda conn: conn.recv(4096).decode("latin-1"))

    def settle(self) -> list[str]:
        """What each connection sent first."""
        mark = f"settle-{uuid.uuid4().hex}"
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.connect(self.path)
            conn.sendall(mark.encode())
        self._wait_for(mark)
        return list(self.seen)


def _encode_name(name: str) -> bytes:
    return b"".join(bytes([len(label)]) + label.encode() for label in name.split(".")) + b"\x00"


def _question_name(packet: bytes) -> tuple[str, int]:
    """The name of a DNS packet's first question, and where the question's name ends."""
    labels, i = [], 12
    while i < len(packet) and packet[i]:
        length = packet[i]
        labels.append(packet[i + 1: i + 1 + length].decode("latin-1"))
        i += length + 1
    return ".".join(labels), (i + 1 if i < len(packet) else 0)

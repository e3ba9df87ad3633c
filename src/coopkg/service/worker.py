"""A query worker: a process that runs queries on the store and nothing else.

``python -m coopkg.service.worker FD MEMORY_MB``. Its first act is :func:`deny_network` (so no
query, whatever its spelling, reaches any host; a network namespace needs a process with one
thread, hence before anything starts a thread), then its memory cap (``RLIMIT_AS``). Then it says
hello to its parent with the denial in force and serves requests on the inherited socket FD
until the parent closes it, in one thread with a 64 MiB stack (what Oxigraph's recursive parser
and planner may need behind the reader's bounds is then independent of the user's ``ulimit -s``).

Frames on the channel (multiprocessing's length-prefixed messages), one tag byte then the body:
``H`` hello (JSON), ``D`` a chunk of the result as pyoxigraph serialised it, ``E`` the end
(JSON: the form, the row count, whether and why it was cut, or the error). Nothing is pickled.
The parent kills the process at the time limit: pyoxigraph cannot cancel a query.
"""

from __future__ import annotations

import faulthandler
import json
import os
import sys
import threading
import time
from multiprocessing.connection import Connection

from coopkg.service.netdeny import deny_network

STACK_BYTES = 64 * 1024 * 1024
FRAME_BYTES = 64 * 1024
HELLO, DATA, END = b"H", b"D", b"E"


def _limit_memory(megabytes: int) -> None:
    try:
        import resource

        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # not on this platform: the time limit still holds
        pass


class _Frames:
    """The result's bytes as DATA frames of about FRAME_BYTES."""

    def __init__(self, conn: Connection):
        self.conn, self.buffer = conn, bytearray()

    def write(self, data) -> int:
        self.buffer += data
        if len(self.buffer) >= FRAME_BYTES:
            self.flush()
        return len(data)

    def flush(self) -> None:
        if self.buffer:
            self.conn.send_bytes(DATA + bytes(self.buffer))
            self.buffer.clear()


def _shorten(message: str, width: int = 240) -> str:
    """The parser lists every token it expected: keep the start of the list."""
    message = " ".join(message.split())
    if len(message) <= width:
        return message
    cut = message.rfind(", ", 0, width)
    return message[: cut if cut > 0 else width] + ", …"


def run(request: dict, opened: dict, sink) -> dict:
    """One request: open the store (kept open while the path stays the same), run the query,
    write the result into ``sink``; returns the END message."""
    from coopkg.rdf.formats import term_from_json
    from coopkg.service.results import CapReached, write_result
    from coopkg.sparql.reader import oxigraph_error
    from coopkg.store.base import diagnose
    from coopkg.store.embedded import EmbeddedRepository

    path = request["store"]
    started = time.perf_counter()
    try:
        if path not in opened:
            opened.clear()  # a new build was swapped in: let the old one go
            opened[path] = EmbeddedRepository.open(path)
        result = opened[path].query(request["sparql"],
                                    {k: term_from_json(v) for k, v in (request.get("substitutions") or {}).items()},
                                    default_graphs=request.get("default_graphs"),
                                    named_graphs=request.get("named_graphs"))
        written = write_result(result, request["formats"][_form(result)], sink, max_rows=request["max_rows"],
                               max_bytes=request["max_bytes"], mode=request["mode"], count_s=request.get("count_s"))
        sink.flush()
        return {"ok": True, "form": written.form, "rows": written.rows, "truncated": written.truncated,
                "total": written.total, "total_exact": written.total_exact,
                "format": request["formats"][written.form], "elapsed": time.perf_counter() - started}
    except CapReached as cap:
        return {"ok": False, "kind": cap.what, "cap": cap.cap}
    except SyntaxError as exc:
        error = oxigraph_error(exc)
        return {"ok": False, "kind": "syntax", "line": error.line, "column": error.column,
                "message": _shorten(error.message)}
    except MemoryError:
        return {"ok": False, "kind": "memory"}
    except (RuntimeError, ValueError, TypeError, OSError) as exc:
        fault = diagnose(exc, path)
        if fault is not None:
            return {"ok": False, "kind": "store", "fault": fault.kind, "message": str(fault)}
        return {"ok": False, "kind": "failed", "message": _shorten(str(exc))}


def _form(result) -> str:
    from coopkg.service.results import form_of

    return form_of(result)


def serve(conn: Connection) -> None:
    opened: dict = {}
    while True:
        try:
            request = json.loads(conn.recv_bytes())
        except (EOFError, OSError):
            return
        sink = _Frames(conn)
        try:
            end = run(request, opened, sink)
            conn.send_bytes(END + json.dumps(end).encode())
        except (EOFError, OSError, BrokenPipeError):
            return


def main(fd: int, memory_mb: int) -> int:
    denial = deny_network()  # first: before the store is opened, before any thread starts
    parent = os.getppid()
    _limit_memory(memory_mb)
    faulthandler.enable()  # a crash leaves its kind on stderr, which the parent reads
    import coopkg.service.results  # noqa: F401 - warm before the hello: the first query pays no import
    import coopkg.store.embedded  # noqa: F401

    conn = Connection(fd)
    conn.send_bytes(HELLO + json.dumps({"mechanism": denial.mechanism, "detail": denial.detail}).encode())
    threading.stack_size(STACK_BYTES)
    thread = threading.Thread(target=serve, args=(conn,), name="queries")
    thread.start()
    # A server killed outright must not leave a query running for minutes: the main thread
    # watches for the parent's end (PR_SET_PDEATHSIG would follow the parent's thread instead,
    # and the pool starts workers from short-lived threads).
    while thread.is_alive():
        thread.join(0.5)
        if os.getppid() != parent:
            os._exit(1)
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print("usage: python -m coopkg.service.worker FD MEMORY_MB", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(int(sys.argv[1]), int(sys.argv[2])))

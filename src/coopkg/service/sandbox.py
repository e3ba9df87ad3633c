"""The public query service: every query a visitor types or picks from the catalogue runs here.

- SPARQL Update and LOAD are refused before anything runs (the store is read-only anyway).
- SERVICE is refused unless its endpoint is on ``COOPKG_SERVICE_ALLOWLIST`` (empty by default),
  from a lexical scan of the query: no connection is ever attempted for a refused query.
- The query runs in a worker process that opens the current build read-only; pyoxigraph cannot
  cancel a query, so at the time limit (``COOPKG_QUERY_TIMEOUT``, 10 s) the worker is killed and
  replaced. Several workers serve several sessions at once (``COOPKG_QUERY_WORKERS``).
- At most ``COOPKG_ROW_LIMIT`` rows (1000) come back to a page, with ``truncated`` set when cut;
  :func:`download` has its own bigger cap (``COOPKG_DOWNLOAD_LIMIT``).

Results travel from the worker as SPARQL JSON (SELECT) or N-Triples (CONSTRUCT/DESCRIBE), never
as pickled pyoxigraph objects.
"""

from __future__ import annotations

import json
import logging
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox

from coopkg.config import child_environment, settings
from coopkg.i18n import t
from coopkg.rdf.formats import FILE_EXTENSIONS, MEDIA_TYPES, RESULT_FORMATS, serialize_rdf
from coopkg.rdf.namespaces import PREFIXES
from coopkg.sparql.reader import oxigraph_error, read

log = logging.getLogger(__name__)

def configured_timeout() -> float:
    return settings().query_timeout


def configured_row_limit() -> int:
    return settings().row_limit


def configured_download_limit() -> int:
    return settings().download_limit


def service_allowlist() -> set[str]:
    return set(settings().service_allowlist)


# --- what a query may do, decided from its text ------------------------------------------------

@dataclass(frozen=True)
class Refusal:
    kind: str  # "update", "service" or "syntax"
    message: str
    line: int | None = None
    column: int | None = None


def check_query(sparql: str, lang: str = "en", allowlist: set[str] | None = None) -> Refusal | None:
    """Why this query must not run, or None. Decided by the project's SPARQL reader from the text
    alone, before any execution: a text the grammar does not accept never reaches the engine."""
    allowlist = service_allowlist() if allowlist is None else allowlist
    parsed = read(sparql)
    if parsed.updates:
        keyword = parsed.updates[0]
        return Refusal("update", t("sandbox.update", lang, keyword=keyword))
    if parsed.error:
        return Refusal("syntax", parsed.error.message, parsed.error.line, parsed.error.column)
    unknown = parsed.unknown_prefixes(PREFIXES)
    if unknown:
        prefix, line, column = unknown[0]
        return Refusal("syntax", t("sandbox.unknown_prefix", lang, prefix=prefix), line, column)
    for service in parsed.services:
        if service.endpoint is None or service.endpoint not in allowlist:
            return Refusal("service", t("sandbox.service", lang, endpoint=service.endpoint or service.written))
    return None


# --- terms as SPARQL JSON (both directions) ---------------------------------------------------

def term_to_json(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": term_to_json(term.subject),
                                            "predicate": term_to_json(term.predicate),
                                            "object": term_to_json(term.object)}}
    raise TypeError(f"not an RDF term: {term!r}")


def term_from_json(data: dict):
    kind = data["type"]
    if kind == "uri":
        return ox.NamedNode(data["value"])
    if kind == "bnode":
        return ox.BlankNode(data["value"])
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in data:
            return ox.Literal(data["value"], language=data["xml:lang"])
        if "datatype" in data:
            return ox.Literal(data["value"], datatype=ox.NamedNode(data["datatype"]))
        return ox.Literal(data["value"])
    if kind == "triple":
        value = data["value"]
        return ox.Triple(term_from_json(value["subject"]), term_from_json(value["predicate"]),
                         term_from_json(value["object"]))
    raise ValueError(f"unknown SPARQL JSON term type {kind!r}")


# --- the worker process -----------------------------------------------------------------------

def _limit_memory(megabytes: int) -> None:
    try:
        import resource

        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # not on this platform: the time limit still holds
        pass


def _worker_main(conn, memory_mb: int) -> None:
    """Serve requests until the pipe closes; runs in its own process."""
    from coopkg.store import open_repository

    _limit_memory(memory_mb)
    opened: dict[str, object] = {}
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        path = request["store"]
        try:
            if path not in opened:
                opened.clear()  # a new build was swapped in: let the old one go
                opened[path] = open_repository(path)
        except (OSError, ValueError) as exc:
            response = {"ok": False, "kind": "store", "message": str(exc)}
        else:
            response = _execute(opened[path], request)
        try:
            conn.send(response)
        except (EOFError, OSError, BrokenPipeError):
            return


def _execute(repository, request: dict) -> dict:
    substitutions = {name: term_from_json(value) for name, value in (request.get("substitutions") or {}).items()}
    limit = request["limit"]
    start = time.perf_counter()
    try:
        result = repository.query(request["sparql"], substitutions or None)
        if isinstance(result, ox.QueryBoolean):
            return {"ok": True, "form": "ASK", "boolean": bool(result), "elapsed": time.perf_counter() - start}
        if isinstance(result, ox.QuerySolutions):
            names = [v.value for v in result.variables]
            bindings, truncated = [], False
            for row in result:
                if len(bindings) == limit:
                    truncated = True
                    break
                bindings.append({n: term_to_json(row[n]) for n in names if row[n] is not None})
            total, exact = len(bindings), True
            if truncated:
                total, exact = _count_rest(result, limit + 1, start + float(request.get("count_seconds") or 0))
            payload = json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, ensure_ascii=False)
            return {"ok": True, "form": "SELECT", "columns": names, "payload": payload, "truncated": truncated,
                    "total": total, "total_exact": exact, "elapsed": time.perf_counter() - start}
        triples, truncated = [], False
        for triple in result:
            if len(triples) == limit:
                truncated = True
                break
            triples.append(triple)
        payload = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        return {"ok": True, "form": "GRAPH", "payload": payload, "truncated": truncated,
                "elapsed": time.perf_counter() - start}
    except SyntaxError as exc:
        error = oxigraph_error(exc)
        return {"ok": False, "kind": "syntax", "line": error.line, "column": error.column,
                "message": _shorten(error.message)}
    except MemoryError:
        return {"ok": False, "kind": "memory", "message": ""}
    except (RuntimeError, ValueError, TypeError, OSError) as exc:
        return {"ok": False, "kind": "failed", "message": str(exc)}


def _count_rest(rows, counted: int, deadline: float) -> tuple[int, bool]:
    """Count the rows left after the cut, without keeping them, until ``deadline``: the true
    total of a cut result (exact), or how many were counted by then (a lower bound)."""
    for _ in rows:
        counted += 1
        if counted % 1000 == 0 and time.perf_counter() > deadline:
            return counted, False
    return counted, True


def _shorten(message: str, width: int = 240) -> str:
    """The parser lists every token it expected: keep the start of the list."""
    message = " ".join(message.split())
    if len(message) <= width:
        return message
    cut = message.rfind(", ", 0, width)
    return message[: cut if cut > 0 else width] + ", …"


class _Worker:
    """One worker: a fresh interpreter (``python -m coopkg.service.sandbox worker``) talking over a socket
    pair with multiprocessing's Connection (length-prefixed pickles of plain dicts and strings).

    Not ``multiprocessing.Process``: its spawn start re-runs the parent's ``__main__``, which in
    a Streamlit server is the page being rendered.
    """

    def __init__(self, memory_mb: int):
        parent, child = socket.socketpair()
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "coopkg.service.sandbox", "worker", str(child.fileno()), str(memory_mb)],
                pass_fds=(child.fileno(),), env=child_environment(), stdin=subprocess.DEVNULL, close_fds=True)
        finally:
            child.close()
        self.conn = Connection(parent.detach())

    def alive(self) -> bool:
        return self.process.poll() is None

    @property
    def exitcode(self) -> int | None:
        return self.process.poll()

    def kill(self) -> None:
        try:
            if self.process.poll() is None:
                self.process.kill()  # SIGKILL: a query running inside Rust code cannot be interrupted
            self.process.wait(2)
        except subprocess.TimeoutExpired:
            log.error("query worker %s did not exit after SIGKILL", self.process.pid)
        finally:
            self.conn.close()


class QueryService:
    """A small pool of worker processes; a worker that overruns is killed and not reused."""

    def __init__(self, workers: int | None = None, keep_idle: int = 2, memory_mb: int | None = None):
        self.max_workers = workers or settings().query_workers
        self.keep_idle = keep_idle
        self.memory_mb = memory_mb or settings().query_memory_mb
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(self.max_workers)
        self.killed = 0  # how many workers were killed at their limit (for tests and logs)

    def _take(self) -> _Worker:
        with self._lock:
            while self._idle:
                worker = self._idle.pop()
                if worker.alive():
                    return worker
                worker.kill()
        return _Worker(self.memory_mb)

    def _give_back(self, worker: _Worker) -> None:
        with self._lock:
            if len(self._idle) < self.keep_idle and worker.alive():
                self._idle.append(worker)
                return
        worker.kill()

    def call(self, request: dict, timeout_s: float) -> dict:
        deadline = time.monotonic() + timeout_s
        if not self._slots.acquire(timeout=timeout_s):
            return {"ok": False, "kind": "busy", "message": ""}
        try:
            worker = self._take()
            try:
                worker.conn.send(request)
                remaining = max(deadline - time.monotonic(), 0.0)
                if worker.conn.poll(remaining):
                    response = worker.conn.recv()
                    self._give_back(worker)
                    return response
                self.killed += 1
                log.warning("query stopped at its time limit of %.1f s", timeout_s)
                worker.kill()
                return {"ok": False, "kind": "timeout", "message": ""}
            except (EOFError, OSError, BrokenPipeError):
                # The worker died: most often the memory limit (the allocator aborts the process).
                try:
                    worker.process.wait(1)
                except subprocess.TimeoutExpired:
                    pass
                code = worker.exitcode
                worker.kill()
                log.warning("query worker died (exit code %s)", code)
                return {"ok": False, "kind": "memory" if code not in (0, None) else "failed", "message": ""}
        finally:
            self._slots.release()

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.kill()


_service: QueryService | None = None
_service_lock = threading.Lock()


def get_service() -> QueryService:
    global _service
    with _service_lock:
        if _service is None:
            _service = QueryService()
        return _service


# --- the public functions -----------------------------------------------------------------------

@dataclass
class QueryOutcome:
    """What a query gave: rows (SELECT), triples (CONSTRUCT/DESCRIBE), a boolean (ASK), or an error."""

    form: str = ""  # SELECT, ASK, GRAPH (CONSTRUCT or DESCRIBE)
    columns: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)  # pyoxigraph terms, None where unbound
    triples: list = field(default_factory=list)
    boolean: bool | None = None
    truncated: bool = False
    limit: int = 0
    total: int | None = None  # SELECT: every row of the result, also those beyond the cut
    total_exact: bool = True  # False: counting stopped at half the time limit, ``total`` is a lower bound
    elapsed: float = 0.0
    error: str | None = None
    error_kind: str | None = None  # update, service, syntax, timeout, busy, memory, store, failed
    line: int | None = None
    column: int | None = None
    payload: str = field(default="", repr=False)  # SPARQL JSON or N-Triples, as the worker sent it

    @property
    def ok(self) -> bool:
        return self.error is None

    def count(self) -> int:
        return len(self.rows) if self.form == "SELECT" else len(self.triples)

    def formats(self) -> list[str]:
        """The download formats that fit this result."""
        if self.form == "SELECT":
            return list(RESULT_FORMATS)
        if self.form == "ASK":
            return ["json", "xml"]
        if self.form == "GRAPH":
            return ["turtle", "jsonld", "ntriples", "rdfxml"]
        return []

    def serialize(self, fmt: str) -> bytes:
        """These results (as cut at the row limit) in a SPARQL results or RDF format."""
        if self.form == "GRAPH":
            return serialize_rdf(self.triples, fmt)
        if self.form == "ASK":
            data = json.dumps({"head": {}, "boolean": bool(self.boolean)})
            return ox.parse_query_results(data.encode(), format=ox.QueryResultsFormat.JSON).serialize(
                format=RESULT_FORMATS[fmt])
        solutions = ox.parse_query_results(self.payload.encode("utf-8"), format=ox.QueryResultsFormat.JSON)
        return solutions.serialize(format=RESULT_FORMATS[fmt])


def _fail(kind: str, lang: str, message: str = "", **extra) -> QueryOutcome:
    outcome = QueryOutcome(error_kind=kind, **extra)
    if kind == "syntax":
        where = (t("sandbox.syntax_at", lang, line=extra["line"], column=extra["column"])
                 if extra.get("line") else "")
        outcome.error = t("sandbox.syntax", lang, where=where, message=message)
    elif kind in ("failed",):
        outcome.error = t("sandbox.failed", lang, message=message)
    elif kind == "store":
        outcome.error = t("sandbox.store", lang)
    else:
        outcome.error = message or t(f"sandbox.{kind}", lang)
    return outcome


def run_query(sparql: str, substitutions: dict | None = None, *, timeout_s: float | None = None,
              row_limit: int | None = None, lang: str = "en", store_path: Path | None = None,
              service: QueryService | None = None) -> QueryOutcome:
    """Run a visitor's query under every rule of the service; never raises for a bad query."""
    from coopkg.store import repository_key
    from coopkg.store.base import StoreMissing

    timeout_s = timeout_s or configured_timeout()
    limit = row_limit or configured_row_limit()
    refusal = check_query(sparql, lang)
    if refusal:
        located = {"line": refusal.line, "column": refusal.column} if refusal.line else {}
        return _fail(refusal.kind, lang, refusal.message, **located)
    try:
        path = str(store_path) if store_path else repository_key()
    except StoreMissing:
        return _fail("store", lang)
    request = {
        "sparql": sparql,
        "substitutions": {str(k).lstrip("?$") if not isinstance(k, ox.Variable) else k.value: term_to_json(v)
                          for k, v in (substitutions or {}).items()},
        "store": str(path),
        "limit": limit,
        "count_seconds": timeout_s / 2,  # counting what is cut never costs the rows shown
    }
    started = time.perf_counter()
    response = (service or get_service()).call(request, timeout_s)
    elapsed = time.perf_counter() - started
    if not response["ok"]:
        kind = response["kind"]
        if kind == "timeout":
            return _fail(kind, lang, t("sandbox.timeout", lang, seconds=f"{timeout_s:g}"), elapsed=elapsed)
        if kind == "store":
            log.error("query worker could not open the store: %s", response["message"])
        return _fail(kind, lang, response.get("message", ""), elapsed=elapsed,
                     **{k: response[k] for k in ("line", "column") if k in response})
    outcome = QueryOutcome(form=response["form"], truncated=response.get("truncated", False), limit=limit,
                           elapsed=elapsed, payload=response.get("payload", ""))
    if outcome.form == "ASK":
        outcome.boolean = response["boolean"]
    elif outcome.form == "SELECT":
        outcome.columns = response["columns"]
        outcome.total = response.get("total")
        outcome.total_exact = response.get("total_exact", True)
        bindings = json.loads(outcome.payload)["results"]["bindings"]
        outcome.rows = [tuple(term_from_json(b[c]) if c in b else None for c in outcome.columns) for b in bindings]
    else:
        outcome.triples = list(ox.parse(outcome.payload.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
    return outcome


@dataclass(frozen=True)
class Download:
    data: bytes | None
    file_name: str
    media_type: str
    truncated: bool
    outcome: QueryOutcome  # the error, if data is None


def download(sparql: str, substitutions: dict | None = None, fmt: str = "csv", *, timeout_s: float | None = None,
             row_limit: int | None = None, lang: str = "en", name: str = "results",
             store_path: Path | None = None) -> Download:
    """The full results in a file format, up to the download cap (bigger than a page's)."""
    outcome = run_query(sparql, substitutions, timeout_s=timeout_s, row_limit=row_limit or configured_download_limit(),
                        lang=lang, store_path=store_path)
    if not outcome.ok:
        return Download(None, "", "", False, outcome)
    if fmt not in outcome.formats():
        fmt = outcome.formats()[0]
    return Download(outcome.serialize(fmt), f"{name}.{FILE_EXTENSIONS[fmt]}", MEDIA_TYPES[fmt],
                    outcome.truncated, outcome)


__all__ = ["QueryOutcome", "QueryService", "Download", "Refusal", "check_query", "run_query", "download",
           "configured_timeout", "configured_row_limit", "configured_download_limit", "service_allowlist"]


def _worker_cli(argv: list[str]) -> int:
    """``python -m coopkg.service.sandbox worker FD MEMORY_MB``: serve queries on the socket FD."""
    if len(argv) != 3 or argv[0] != "worker":
        print("usage: python -m coopkg.service.sandbox worker FD MEMORY_MB", file=sys.stderr)
        return 2
    _worker_main(Connection(int(argv[1])), int(argv[2]))
    return 0


if __name__ == "__main__":
    sys.exit(_worker_cli(sys.argv[1:]))

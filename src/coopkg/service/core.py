"""The one query service behind every public face: the explorer, the SPARQL endpoint, and
``coopkg query`` (the dereferencing server runs only the library's own queries; see
docs/threat-model.md).

A query goes through, in order:

1. **the reader** (``coopkg.sparql.reader``): size and nesting bounds, the grammar, updates and
   LOAD (refused), SERVICE (refused: the workers have no network), unknown prefixes; a refusal
   names the line and column;
2. **the fair share** (``coopkg.service.fairshare``): the client's budget, a slot, the long lane;
3. **a worker** (``coopkg.service.pool``, network denied by the OS, memory capped) that runs it
   and writes the result with pyoxigraph's serialisers under the caps of rows and bytes; or, for
   a remote store (``COOPKG_ENDPOINT``), this process's HTTP client with the same limits, since
   a worker cannot reach the endpoint;
4. **the spool**: the result is kept (memory, then a temporary file) until it is complete, so a
   client never receives a 200 with a truncated body. At the time limit, or when the client has
   gone (``cancelled``), the worker is killed and replaced.

Every outcome is an :class:`Answer`: the result's bytes, or a :class:`Problem` with its kind, the
HTTP status the protocol gives it, Retry-After where waiting helps, and a message in the
client's language that never holds a secret or a path of this machine.
"""

from __future__ import annotations

import json
import logging
import tempfile
import threading
import time
from dataclasses import dataclass, field
from typing import Callable

from coopkg.config import redact_address, settings
from coopkg.i18n import t
from coopkg.rdf.formats import term_to_json
from coopkg.rdf.namespaces import PREFIXES
from coopkg.service.fairshare import Admission, Refused
from coopkg.service.netdeny import NetworkDenial
from coopkg.service.pool import POLL_S, Death, Pool, Unavailable, exit_text
from coopkg.service.results import REFUSE, SPOOL_IN_MEMORY, CapReached, write_result
from coopkg.sparql.reader import ParsedQuery, read

log = logging.getLogger(__name__)

STATUS = {"update": 403, "syntax": 400, "service": 400, "format": 406, "rows": 422, "bytes": 422,
          "budget": 429, "busy": 503, "timeout": 503, "long": 503, "cancelled": 503, "killed": 503,
          "store": 503, "unavailable": 503, "remote": 502, "memory": 500, "panic": 500, "stack": 500,
          "crashed": 500, "failed": 400}
CHUNK = 64 * 1024
LONG_NICENESS = 10


@dataclass
class Problem:
    kind: str
    message: str
    retry_after: int | None = None
    line: int | None = None
    column: int | None = None

    @property
    def status(self) -> int:
        return STATUS[self.kind]


@dataclass
class Job:
    """One query and what its face allows it."""

    sparql: str
    client: str
    formats: dict[str, str]  # SELECT / ASK / GRAPH -> the format to write it in
    max_rows: int
    max_bytes: int
    timeout_s: float
    mode: str = REFUSE
    substitutions: dict | None = None  # variable name -> pyoxigraph term
    default_graphs: list[str] | None = None
    named_graphs: list[str] | None = None
    store: str | None = None  # a build or store folder; default: the configured repository
    lang: str = "en"
    count_s: float | None = None  # a SELECT cut at its rows: count them all for at most this long


@dataclass
class Answer:
    form: str = ""
    fmt: str = ""
    rows: int = 0
    truncated: str | None = None  # "rows" or "bytes": cut (the explorer's pages and downloads)
    total: int | None = None  # cut at its rows and counted on: every row of the result
    total_exact: bool = True
    elapsed: float = 0.0
    body: object = field(default=None, repr=False)  # a spooled file, complete, at position 0
    problem: Problem | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None

    def read(self) -> bytes:
        if self.body is None:
            return b""
        data = self.body.read()
        self.close()
        return data

    def chunks(self):
        try:
            while self.body is not None and (chunk := self.body.read(CHUNK)):
                yield chunk
        finally:
            self.close()

    def size(self) -> int:
        if self.body is None:
            return 0
        here = self.body.tell()
        self.body.seek(0, 2)
        end = self.body.tell()
        self.body.seek(here)
        return end - here

    def close(self) -> None:
        if self.body is not None:
            self.body.close()
            self.body = None


def form_of(parsed: ParsedQuery) -> str:
    return "GRAPH" if parsed.form in ("CONSTRUCT", "DESCRIBE") else parsed.form


def check_query(sparql: str, lang: str = "en") -> tuple[ParsedQuery, Problem | None]:
    """What the reader says of a query: refused (and why, where) or allowed to run."""
    parsed = read(sparql)
    if parsed.updates:
        return parsed, Problem("update", t("sandbox.update", lang, keyword=parsed.updates[0]))
    if parsed.error:
        error = parsed.error
        return parsed, _syntax(error.message, error.line, error.column, lang)
    prefix = next(iter(parsed.unknown_prefixes(PREFIXES)), None)
    if prefix is not None:
        return parsed, _syntax(t("sandbox.unknown_prefix", lang, prefix=prefix[0]), prefix[1], prefix[2], lang)
    for service in parsed.services:
        return parsed, Problem("service", t("sandbox.service", lang, endpoint=service.endpoint or service.written),
                               line=service.line, column=service.column)
    return parsed, None


def _syntax(message: str, line: int | None, column: int | None, lang: str) -> Problem:
    where = t("sandbox.syntax_at", lang, line=line, column=column) if line else ""
    return Problem("syntax", t("sandbox.syntax", lang, where=where, message=message), line=line, column=column)


class QueryService:
    """The pool of workers (or the remote endpoint's client), the fair share and the caps."""

    def __init__(self, workers: int | None = None, memory_mb: int | None = None, spare: int = 1,
                 remote: bool | None = None):
        current = settings()
        self.slots = workers or current.query_workers
        self.memory_mb = memory_mb or current.query_memory_mb
        self.remote = current.remote if remote is None else remote
        self.pool = None if self.remote else Pool(self.slots, self.memory_mb, spare)
        self.admission = Admission(self.slots, current.client_budget_s, current.client_refill,
                                   current.long_query_s)
        self.queue_wait_s = current.queue_wait_s
        self.store_root = current.store_root  # read once: the settings are not read per query
        self._remote_repository = None
        self._lock = threading.Lock()

    # --- life ---------------------------------------------------------------------------------

    def start(self) -> str:
        """Start the workers; the start-up line saying what denies them the network."""
        if self.remote:
            return (f"queries go to {redact_address(settings().endpoint)} from this process (workers could not "
                    "reach it), with the same time, row and byte limits; SERVICE is refused by the reader")
        denial: NetworkDenial = self.pool.start()
        if denial.enforced:
            return f"query workers: network denied by {denial.mechanism} ({denial.detail})"
        return (f"query workers: network NOT denied by the operating system ({denial.detail}); "
                "SERVICE is refused entirely")

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
        if self._remote_repository is not None:
            self._remote_repository.close()

    @property
    def deaths(self):
        return list(self.pool.deaths) if self.pool is not None else []

    # --- one query ----------------------------------------------------------------------------

    def run(self, job: Job, cancelled: Callable[[], bool] | None = None) -> Answer:
        parsed, problem = check_query(job.sparql, job.lang)
        if problem:
            return Answer(problem=problem)
        form = form_of(parsed)
        fmt = job.formats.get(form)
        if fmt is None:
            return Answer(form=form, problem=Problem("format", f"a {form} result is not offered in the formats asked"))
        try:
            store = job.store or ("" if self.remote else self._store_key())
        except Exception as exc:  # noqa: BLE001 - a store fault, said in words
            return Answer(problem=self._store_problem(exc, job.lang))
        try:
            ticket = self.admission.admit(job.client, job.timeout_s, self.queue_wait_s)
        except Refused as refused:
            key = "sandbox.budget" if refused.kind == "budget" else "sandbox.busy"
            return Answer(problem=Problem(refused.kind, t(key, job.lang, retry=refused.retry_after,
                                                          budget=f"{self.admission.budget_s:g}"),
                                          retry_after=refused.retry_after))
        try:
            if self.remote:
                return self._remote(job, form, fmt, cancelled)
            return self._local(job, store, ticket, cancelled)
        finally:
            self.admission.done(ticket)

    def _store_key(self) -> str:
        from coopkg.store.layout import current_build

        return str(current_build(self.store_root))  # followed across rebuilds

    def _store_problem(self, exc: BaseException, lang: str, kind: str | None = None) -> Problem:
        from coopkg.store.base import diagnose

        fault = diagnose(exc)
        if fault is None and kind is None:
            raise exc
        kind = fault.kind if fault is not None else kind
        log.error("query service: %s", exc)
        return Problem("store", t("sandbox.store", lang, why=t(f"store.{kind}", lang)), retry_after=60)

    def _local(self, job: Job, store: str, ticket, cancelled) -> Answer:
        try:
            worker = self.pool.acquire(max(POLL_S, self.queue_wait_s))
        except Unavailable as exc:
            return Answer(problem=Problem("unavailable", t("sandbox.unavailable", job.lang, why=str(exc)), 30))
        except TimeoutError:
            return Answer(problem=Problem("busy", t("sandbox.busy", job.lang, retry=1), 1))
        request = {"store": store, "sparql": job.sparql, "formats": job.formats, "max_rows": job.max_rows,
                   "max_bytes": job.max_bytes, "mode": job.mode, "count_s": job.count_s,
                   "default_graphs": job.default_graphs,
                   "named_graphs": job.named_graphs,
                   "substitutions": {str(k).lstrip("?$") if not hasattr(k, "value") else k.value: term_to_json(v)
                                     for k, v in (job.substitutions or {}).items()}}
        spool = tempfile.SpooledTemporaryFile(SPOOL_IN_MEMORY)
        started = time.monotonic()
        deadline = started + job.timeout_s
        retry = None
        try:
            worker.conn.send_bytes(json.dumps(request).encode())
            while True:
                now = time.monotonic()
                if cancelled is not None and cancelled():
                    worker.kill("cancelled")
                    break
                if now >= deadline:
                    worker.kill("timeout")
                    break
                retry = self.admission.may_go_on(ticket)
                if retry is not None:
                    worker.kill("long")
                    break
                if ticket.long_since is not None and not worker.niceness:
                    worker.set_niceness(LONG_NICENESS)  # short queries first when they compete for CPU
                if not worker.conn.poll(min(POLL_S, deadline - now)):
                    continue
                message = worker.conn.recv_bytes()
                if message[:1] == b"D":
                    spool.write(message[1:])
                    if spool.tell() > 4 * job.max_bytes + CHUNK:  # the worker's own cap failed
                        worker.kill("crashed")
                        break
                    continue
                end = json.loads(message[1:])
                self.pool.release(worker)
                return self._ended(job, end, spool, time.monotonic() - started)
        except (EOFError, OSError):
            pass  # the worker died: its death says why
        spool.close()
        death = self.pool.discard(worker)
        return Answer(elapsed=time.monotonic() - started, problem=self._death_problem(death, job, retry))

    def _ended(self, job: Job, end: dict, spool, elapsed: float) -> Answer:
        if end["ok"]:
            spool.seek(0)
            return Answer(form=end["form"], fmt=end["format"], rows=end["rows"], truncated=end["truncated"],
                          total=end.get("total"), total_exact=end.get("total_exact", True), elapsed=elapsed,
                          body=spool)
        spool.close()
        kind = end["kind"]
        lang = job.lang
        if kind == "syntax":
            return Answer(elapsed=elapsed, problem=_syntax(end["message"], end.get("line"), end.get("column"), lang))
        if kind == "store":
            log.error("query worker: %s", end["message"])
            return Answer(elapsed=elapsed, problem=Problem("store", t("sandbox.store", lang, why=t(
                f"store.{end['fault']}", lang)), retry_after=60))
        if kind in ("rows", "bytes"):
            return Answer(elapsed=elapsed, problem=self._cap_problem(kind, end["cap"], lang))
        if kind == "memory":
            return Answer(elapsed=elapsed, problem=Problem("memory", t("sandbox.memory", lang, mb=f"{self.memory_mb:,}")))
        return Answer(elapsed=elapsed, problem=Problem("failed", t("sandbox.failed", lang, message=end["message"])))

    @staticmethod
    def _cap_problem(kind: str, cap: int, lang: str) -> Problem:
        if kind == "rows":
            return Problem("rows", t("sandbox.rows", lang, limit=f"{cap:,}"))
        return Problem("bytes", t("sandbox.bytes", lang, mb=f"{cap / 1e6:,.0f}"))

    def _death_problem(self, death: Death, job: Job, retry: int | None) -> Problem:
        lang, seconds = job.lang, f"{job.timeout_s:g}"
        if death.kind == "timeout":
            return Problem("timeout", t("sandbox.timeout", lang, seconds=seconds), max(1, round(job.timeout_s)))
        if death.kind == "long":
            return Problem("long", t("sandbox.long", lang, seconds=f"{self.admission.long_after_s:g}",
                                     n=self.admission.long_limit, retry=retry), retry)
        if death.kind == "cancelled":
            return Problem("cancelled", "the client went away", 1)
        if death.kind == "memory":
            return Problem("memory", t("sandbox.memory", lang, mb=f"{self.memory_mb:,}"))
        if death.kind == "panic":
            hint = t("sandbox.panic_order", lang) if death.order_bug else ""
            return Problem("panic", t("sandbox.panic", lang, hint=hint))
        if death.kind == "stack":
            return Problem("stack", t("sandbox.stack", lang))
        if death.kind == "killed":
            return Problem("killed", t("sandbox.killed", lang), 5)
        return Problem("crashed", t("sandbox.crashed", lang, why=f"exit {exit_text(death.code)}"))

    # --- a remote store -------------------------------------------------------------------------

    def _remote(self, job: Job, form: str, fmt: str, cancelled) -> Answer:
        from coopkg.sparql.reader import SparqlSyntaxError
        from coopkg.store.remote import Limits, RemoteError, RemoteLimit, RemoteRepository

        with self._lock:
            if self._remote_repository is None:
                self._remote_repository = RemoteRepository.from_settings(settings())
        started = time.monotonic()
        limits = Limits(started + job.timeout_s, 4 * job.max_bytes, cancelled)
        spool = tempfile.SpooledTemporaryFile(SPOOL_IN_MEMORY)
        lang = job.lang
        try:
            result = self._remote_repository.query(job.sparql, job.substitutions, default_graphs=job.default_graphs,
                                                   named_graphs=job.named_graphs, limits=limits)
            written = write_result(result, fmt, spool, max_rows=job.max_rows, max_bytes=job.max_bytes, mode=job.mode,
                                   count_s=job.count_s)
        except CapReached as cap:
            spool.close()
            return Answer(problem=self._cap_problem(cap.what, cap.cap, lang))
        except RemoteLimit as limit:
            spool.close()
            if limit.what == "timeout":
                return Answer(problem=Problem("timeout", t("sandbox.timeout", lang, seconds=f"{job.timeout_s:g}"),
                                              max(1, round(job.timeout_s))))
            if limit.what == "bytes":
                return Answer(problem=self._cap_problem("bytes", job.max_bytes, lang))
            return Answer(problem=Problem("cancelled", "the client went away", 1))
        except SparqlSyntaxError as error:
            spool.close()
            return Answer(problem=_syntax(error.message, error.line, error.column, lang))
        except RemoteError as error:
            spool.close()
            log.warning("query service: %s", error)
            return Answer(problem=Problem("remote", t("sandbox.store", lang, why=t("store.remote", lang, why=error))))
        spool.seek(0)
        return Answer(form=written.form, fmt=fmt, rows=written.rows, truncated=written.truncated,
                      total=written.total, total_exact=written.total_exact, elapsed=time.monotonic() - started,
                      body=spool)


_service: QueryService | None = None
_service_lock = threading.Lock()


def get_service() -> QueryService:
    """This process's query service (the explorer's, the endpoint's, the command line's)."""
    global _service
    with _service_lock:
        if _service is None:
            _service = QueryService()
        return _service

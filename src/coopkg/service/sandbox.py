"""The explorer's side of the query service: a visitor's query (the SPARQL page, the catalogue)
as rows, triples or a boolean for a page, or as a file to download.

Everything runs in :mod:`coopkg.service.core`: refused by the reader before running (updates,
LOAD, SERVICE, too large or too deep), run in a worker with no network, cut at its time limit
(``COOPKG_QUERY_TIMEOUT``), within the session's fair share. A page receives at most
``COOPKG_ROW_LIMIT`` rows and ``COOPKG_PAGE_MAX_BYTES`` bytes, cut at a whole row with
``truncated`` set, so that the explorer's own process stays bounded; a download has its own caps
(``COOPKG_DOWNLOAD_LIMIT`` rows, ``COOPKG_RESULT_MAX_BYTES`` bytes).

Results travel from the worker as pyoxigraph writes them: TSV for solutions, N-Triples for
graphs (one line per row, so they are cut at a whole row), read back with pyoxigraph's parsers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from coopkg.config import settings
from coopkg.i18n import t
from coopkg.rdf.formats import FILE_EXTENSIONS, MEDIA_TYPES, RESULT_FORMATS, serialize_rdf, term_from_json, term_to_json
from coopkg.service.core import Job, Problem, QueryService, check_query, get_service
from coopkg.service.results import TRUNCATE

PAGE_FORMATS = {"SELECT": "tsv", "ASK": "json", "GRAPH": "ntriples"}


def configured_timeout() -> float:
    return settings().query_timeout


def configured_row_limit() -> int:
    return settings().row_limit


def configured_download_limit() -> int:
    return settings().download_limit


@dataclass(frozen=True)
class Refusal:
    kind: str  # "update", "service" or "syntax"
    message: str
    line: int | None = None
    column: int | None = None


def refusal(sparql: str, lang: str = "en") -> Refusal | None:
    """Why this query must not run, or None: decided by the project's SPARQL reader from the
    text alone, before anything runs."""
    _, problem = check_query(sparql, lang)
    return Refusal(problem.kind, problem.message, problem.line, problem.column) if problem else None


@dataclass
class QueryOutcome:
    """What a query gave: rows (SELECT), triples (CONSTRUCT/DESCRIBE), a boolean (ASK), or an error."""

    form: str = ""  # SELECT, ASK, GRAPH (CONSTRUCT or DESCRIBE)
    columns: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)  # pyoxigraph terms, None where unbound
    triples: list = field(default_factory=list)
    boolean: bool | None = None
    truncated: bool = False
    truncated_by: str | None = None  # "rows" (the page's row limit) or "bytes" (its byte cap)
    limit: int = 0
    total: int | None = None  # SELECT cut at its rows: every row of the result, also those beyond the cut
    total_exact: bool = True  # False: counting stopped at half the time limit, ``total`` is a lower bound
    elapsed: float = 0.0
    error: str | None = None
    error_kind: str | None = None  # update, service, syntax, timeout, busy, budget, long, memory, panic, store...
    retry_after: int | None = None
    line: int | None = None
    column: int | None = None
    payload: bytes = field(default=b"", repr=False)  # TSV or N-Triples, as the worker wrote it

    @property
    def ok(self) -> bool:
        return self.error is None

    def count(self) -> int:
        return len(self.rows) if self.form == "SELECT" else len(self.triples)

    def truncation_notice(self, lang: str = "en") -> str:
        if self.truncated_by == "bytes":
            return t("sandbox.truncated_bytes", lang, n=self.count(), mb=f"{settings().page_max_bytes / 1e6:,.0f}")
        return t("sandbox.truncated", lang, limit=self.limit)

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
        """These results (as cut for the page) in a SPARQL results or RDF format."""
        if self.form == "GRAPH":
            return serialize_rdf(self.triples, fmt)
        if self.form == "ASK":
            data = json.dumps({"head": {}, "boolean": bool(self.boolean)})
            return ox.parse_query_results(data.encode(), format=ox.QueryResultsFormat.JSON).serialize(
                format=RESULT_FORMATS[fmt])
        solutions = ox.parse_query_results(self.payload, format=ox.QueryResultsFormat.TSV)
        return solutions.serialize(format=RESULT_FORMATS[fmt])


def _failed(problem: Problem, elapsed: float = 0.0) -> QueryOutcome:
    return QueryOutcome(error=problem.message, error_kind=problem.kind, retry_after=problem.retry_after,
                        line=problem.line, column=problem.column, elapsed=elapsed)


def run_query(sparql: str, substitutions: dict | None = None, *, timeout_s: float | None = None,
              row_limit: int | None = None, lang: str = "en", store_path: Path | None = None,
              service: QueryService | None = None, client: str = "explorer") -> QueryOutcome:
    """Run a visitor's query under every rule of the service, for a page; never raises for a bad
    query. ``client``: whose fair share it counts against (the explorer session)."""
    limit = row_limit or configured_row_limit()
    job = Job(sparql, client, PAGE_FORMATS, max_rows=limit, max_bytes=settings().page_max_bytes,
              timeout_s=timeout_s or configured_timeout(), mode=TRUNCATE, substitutions=substitutions,
              store=str(store_path) if store_path else None, lang=lang,
              count_s=(timeout_s or configured_timeout()) / 2)  # counting what is cut never costs the rows shown
    answer = (service or get_service()).run(job)
    if not answer.ok:
        return _failed(answer.problem, answer.elapsed)
    payload = answer.read()
    outcome = QueryOutcome(form=answer.form, truncated=answer.truncated is not None, truncated_by=answer.truncated,
                           limit=limit, total=answer.total, total_exact=answer.total_exact, elapsed=answer.elapsed,
                           payload=payload)
    if outcome.form == "ASK":
        outcome.boolean = bool(json.loads(payload)["boolean"])
    elif outcome.form == "SELECT":
        solutions = ox.parse_query_results(payload, format=ox.QueryResultsFormat.TSV)
        outcome.columns = [v.value for v in solutions.variables]
        outcome.rows = [tuple(row[c] for c in outcome.columns) for row in solutions]
        if outcome.total is None and not outcome.truncated:
            outcome.total = len(outcome.rows)
    else:
        outcome.triples = [ox.Triple(q.subject, q.predicate, q.object)
                           for q in ox.parse(payload, format=ox.RdfFormat.N_TRIPLES)]
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
             store_path: Path | None = None, service: QueryService | None = None,
             client: str = "explorer") -> Download:
    """The full results in a file format, up to the download's caps (bigger than a page's),
    written by the worker in that format."""
    limit = row_limit or configured_download_limit()
    formats = {form: (fmt if fmt in offered else offered[0]) for form, offered in DOWNLOAD_FORMATS.items()}
    job = Job(sparql, client, formats, max_rows=limit, max_bytes=settings().result_max_bytes,
              timeout_s=timeout_s or configured_timeout(), mode=TRUNCATE, substitutions=substitutions,
              store=str(store_path) if store_path else None, lang=lang)
    answer = (service or get_service()).run(job)
    if not answer.ok:
        return Download(None, "", "", False, _failed(answer.problem, answer.elapsed))
    outcome = QueryOutcome(form=answer.form, truncated=answer.truncated is not None, truncated_by=answer.truncated,
                           limit=limit, elapsed=answer.elapsed)
    return Download(answer.read(), f"{name}.{FILE_EXTENSIONS[answer.fmt]}", MEDIA_TYPES[answer.fmt],
                    outcome.truncated, outcome)


DOWNLOAD_FORMATS = {"SELECT": list(RESULT_FORMATS), "ASK": ["json", "xml"],
                    "GRAPH": ["turtle", "jsonld", "ntriples", "rdfxml"]}

__all__ = ["QueryOutcome", "QueryService", "Download", "Refusal", "refusal", "run_query", "download",
           "configured_timeout", "configured_row_limit", "configured_download_limit", "term_to_json",
           "term_from_json"]

"""A Repository on any SPARQL 1.1 Protocol endpoint (Oxigraph's server, Fuseki, GraphDB, ...).

Callers cannot tell it from the embedded store: ``query`` answers with the same pyoxigraph types
(``QuerySolutions``, ``QueryBoolean``, ``QueryTriples``), sends the project's prefixes, checks the
syntax with the project's SPARQL reader before anything is sent, and binds substitutions as RDF
terms in ``VALUES`` blocks (``coopkg.sparql.binding``), never as pasted text.

The project's queries read the merge of the named graphs as their default graph: a built store
holds it (``coopkg serve``), other stores have a union-default-graph setting (see
docs/publishing.md). Where the endpoint's default graph is empty but named graphs exist, this
client falls back on the protocol itself: it names every graph as ``default-graph-uri`` (their
merge becomes the default graph) and as ``named-graph-uri`` (so ``GRAPH ?g`` still sees them).

Credentials (``COOPKG_ENDPOINT_USER``/``COOPKG_ENDPOINT_PASSWORD``, or user:password in the
address) go into HTTP basic authentication only: never into ``describe()``, ``repr()``, a message
or a log line.
"""

from __future__ import annotations

import re
import time
from typing import Iterable
from urllib.parse import urlencode

import httpx
import pyoxigraph as ox

from coopkg import __version__
from coopkg.config import redact_address, split_credentials
from coopkg.rdf.namespaces import sparql_prologue
from coopkg.sparql.binding import bind_values
from coopkg.sparql.catalogue import library_text
from coopkg.sparql.reader import read
from coopkg.store.base import as_substitutions

DEFAULT_TIMEOUT_S = 60.0  # when built directly, not from the settings
JSON_RESULTS = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"


class RemoteError(RuntimeError):
    """The endpoint could not answer; the message names the endpoint, never the credentials."""


class RemoteLimit(RemoteError):
    """The endpoint's answer passed a limit of the caller (``what``: "timeout", "bytes" or
    "cancelled"), checked while it arrives."""

    def __init__(self, message: str, what: str, cap: int = 0):
        super().__init__(message)
        self.what, self.cap = what, cap


class Limits:
    """What a caller allows one answer: a deadline (``time.monotonic()``), a size, and a way to
    say the caller has gone. The service uses them; the library's own calls pass none."""

    def __init__(self, deadline: float | None = None, max_bytes: int | None = None, cancelled=None):
        self.deadline, self.max_bytes, self.cancelled = deadline, max_bytes, cancelled


class RemoteRepository:
    """A SPARQL 1.1 Protocol endpoint seen through the Repository protocol of ``coopkg.store.base``."""

    def __init__(self, endpoint: str, user: str | None = None, password: str | None = None,
                 timeout_s: float = DEFAULT_TIMEOUT_S):
        endpoint, url_user, url_password = split_credentials(endpoint)
        if not re.match(r"^https?://[^/?#\s]", endpoint):
            raise RemoteError("COOPKG_ENDPOINT must be an http(s) address of a SPARQL query endpoint")
        user = user or url_user
        password = password if password is not None else url_password
        self.endpoint = endpoint
        auth = httpx.BasicAuth(user, password or "") if user else None
        self._client = httpx.Client(auth=auth, timeout=timeout_s, follow_redirects=True,
                                    headers={"User-Agent": f"coopkg/{__version__}"})
        self._dataset: list[tuple[str, str]] | None = None  # protocol parameters, once probed

    @classmethod
    def from_settings(cls, settings) -> "RemoteRepository":
        """The endpoint of ``COOPKG_ENDPOINT``, with ``COOPKG_ENDPOINT_USER``,
        ``COOPKG_ENDPOINT_PASSWORD`` and ``COOPKG_ENDPOINT_TIMEOUT_S`` (a ``coopkg.config.Settings``)."""
        if not settings.endpoint:
            raise RemoteError("COOPKG_ENDPOINT is not set")
        return cls(settings.endpoint, settings.endpoint_user or None,
                   settings.endpoint_password.get_secret_value() or None, settings.endpoint_timeout_s)

    def __repr__(self) -> str:
        return f"RemoteRepository({redact_address(self.endpoint)!r})"

    def describe(self) -> str:
        return f"SPARQL endpoint {redact_address(self.endpoint)}"

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> "RemoteRepository":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- the Repository protocol -------------------------------------------------------------

    def query(self, sparql: str, substitutions: dict | None = None, *, default_graphs: list[str] | None = None,
              named_graphs: list[str] | None = None, limits: Limits | None = None):
        parsed = read(sparql)
        if parsed.error:  # located in the caller's own text, and the endpoint never sees it
            raise parsed.error
        text = bind_values(sparql, as_substitutions(substitutions))
        form = parsed.form
        accept = N_TRIPLES if form in ("CONSTRUCT", "DESCRIBE") else JSON_RESULTS
        if default_graphs or named_graphs:
            dataset = ([("default-graph-uri", g) for g in default_graphs or []]
                       + [("named-graph-uri", g) for g in named_graphs or []])
        else:
            dataset = self._dataset_parameters()
        body = self._post(text, accept, dataset, limits)
        if accept == N_TRIPLES:
            try:
                triples = list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
            except SyntaxError as exc:
                raise self._cut_short(body, exc) from None
            # A genuine QueryTriples, like the embedded store's: pyoxigraph builds none from triples.
            holder = ox.Store()
            holder.extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples)
            return holder.query(library_text("store/all-triples"))
        try:
            # pyoxigraph reads solutions lazily: read them all once here, so that an answer cut
            # short (the endpoint's time limit) fails now, with a message, not in the caller's loop.
            parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
            if isinstance(parsed, ox.QueryBoolean):
                return parsed
            for _ in parsed:
                pass
        except (SyntaxError, ValueError) as exc:
            raise self._cut_short(body, exc) from None
        return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)

    def quads(self, graph: str | None = None) -> Iterable[ox.Quad]:
        values = {"g": ox.NamedNode(graph)} if graph else None
        rows = self.query(library_text("store/quads"), values)
        return [ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows]

    def named_graphs(self) -> list[str]:
        body = self._post(library_text("store/named-graphs"), JSON_RESULTS, [])
        rows = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        return sorted(r["g"].value for r in rows if isinstance(r["g"], ox.NamedNode))

    # --- HTTP ----------------------------------------------------------------------------------

    def _dataset_parameters(self) -> list[tuple[str, str]]:
        """Nothing if the endpoint's default graph already holds the data (a union default
        graph); else every named graph as default-graph-uri and named-graph-uri."""
        if self._dataset is None:
            has_default = self._ask(library_text("store/has-default-graph"))
            has_named = not has_default and self._ask(library_text("store/has-named-graphs"))
            graphs = self.named_graphs() if has_named else []
            self._dataset = ([("default-graph-uri", g) for g in graphs]
                             + [("named-graph-uri", g) for g in graphs])
        return self._dataset

    def _ask(self, text: str) -> bool:
        return bool(ox.parse_query_results(self._post(text, JSON_RESULTS, []), format=ox.QueryResultsFormat.JSON))

    def _post(self, text: str, accept: str, dataset: list[tuple[str, str]], limits: Limits | None = None) -> bytes:
        form = [("query", sparql_prologue() + text)] + dataset
        limits = limits or Limits()
        timeout = self._client.timeout
        if limits.deadline is not None:
            left = max(0.05, limits.deadline - time.monotonic())
            timeout = httpx.Timeout(min(left, timeout.read or left))
        try:
            with self._client.stream("POST", self.endpoint, content=urlencode(form), timeout=timeout, headers={
                    "Accept": accept, "Content-Type": "application/x-www-form-urlencoded"}) as response:
                if response.status_code >= 300:
                    response.close()  # the body is never read: it may echo the request
                    return self._refused(response)
                body = self._read_within(response, limits)
        except httpx.TimeoutException:
            if limits.deadline is not None and time.monotonic() >= limits.deadline - 0.05:
                raise RemoteLimit(f"{self.describe()} did not answer within the time limit", "timeout") from None
            raise RemoteError(f"{self.describe()} did not answer in time") from None
        except httpx.HTTPError as exc:
            raise RemoteError(f"{self.describe()} cannot be reached ({type(exc).__name__})") from None
        return body

    def _read_within(self, response, limits: Limits) -> bytes:
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if limits.max_bytes is not None and size > limits.max_bytes:
                raise RemoteLimit(f"{self.describe()} sent more than {limits.max_bytes:,} bytes", "bytes",
                                  limits.max_bytes)
            if limits.deadline is not None and time.monotonic() > limits.deadline:
                raise RemoteLimit(f"{self.describe()} did not answer within the time limit", "timeout")
            if limits.cancelled is not None and limits.cancelled():
                raise RemoteLimit("the client went away", "cancelled")
            chunks.append(chunk)
        return b"".join(chunks)

    def _refused(self, response) -> bytes:
        # An error page is never quoted: some servers echo the request, credentials included.
        if response.status_code == 400:
            raise RemoteError(f"{self.describe()} refused the query as malformed (HTTP 400), although it "
                              "follows the SPARQL 1.1 grammar: the endpoint may not support a feature it uses")
        if response.status_code in (401, 403):
            raise RemoteError(f"{self.describe()} refused access (HTTP {response.status_code}): "
                              "check COOPKG_ENDPOINT_USER and COOPKG_ENDPOINT_PASSWORD")
        kind = re.sub(r"[^\w/+.-]", "", response.headers.get("content-type", "no type").split(";")[0])[:60]
        raise RemoteError(f"{self.describe()} answered HTTP {response.status_code} ({kind}; its body is not shown)")

    def _cut_short(self, body: bytes, exc: Exception) -> RemoteError:
        return RemoteError(f"{self.describe()} sent an incomplete answer ({len(body):,} bytes): the query may have "
                           "hit the endpoint's time limit")

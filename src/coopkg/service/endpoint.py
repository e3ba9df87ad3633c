"""The SPARQL 1.1 Protocol endpoint (``coopkg serve``): read-only, over the one query service.

``/query`` answers the query operation of the W3C SPARQL 1.1 Protocol: GET with ``query=``, POST
as ``application/x-www-form-urlencoded`` or ``application/sparql-query``, with
``default-graph-uri`` and ``named-graph-uri`` naming graphs of the store (nothing is fetched).
Results are negotiated by Accept (q-values): SELECT and ASK as SPARQL JSON (the default), XML,
CSV or TSV; CONSTRUCT and DESCRIBE as Turtle (the default), N-Triples, N-Quads, TriG, JSON-LD or
RDF/XML; nothing acceptable is 406 with what is offered. ``/query`` without a query is the
service description (``sd:Service``, its default dataset and named graphs with their sizes).

Updates are refused (403: the service is read-only), whichever way they come. CORS: any origin,
no credentials, preflight answered. Errors are ``text/plain`` sentences (the status says the kind:
400 the query, 403 update, 406, 413 too large, 415, 422 the result passes a cap, 429 the client's
share is spent, 503 time limit / busy / long lane / store, 500 the engine crashed), with
Retry-After where waiting helps. A result is complete before its status is sent: the service
spools it, so a 200 never carries a cut body. A client that goes away has its query killed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from urllib.parse import parse_qsl, urlsplit

import anyio
import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from coopkg.config import settings
from coopkg.rdf.formats import MEDIA_TYPES, negotiate, serialize_rdf
from coopkg.service.core import Answer, Job, QueryService
from coopkg.sparql.catalogue import library_text
from coopkg.sparql.reader import MAX_QUERY_CHARS

log = logging.getLogger(__name__)

MAX_BODY = 8 * MAX_QUERY_CHARS  # a form-encoded query of the largest size, and its graph parameters
DISCONNECT_POLL_S = 0.1
SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
FORMATS_NS = "http://www.w3.org/ns/formats/"

# name, (media type answered, aliases accepted) in the order of preference.
SOLUTION_OFFERS = [("json", ("application/sparql-results+json", "application/json")),
                   ("xml", ("application/sparql-results+xml", "application/xml", "text/xml")),
                   ("csv", ("text/csv",)), ("tsv", ("text/tab-separated-values",))]
GRAPH_OFFERS = [("turtle", ("text/turtle", "application/x-turtle")),
                ("ntriples", ("application/n-triples", "text/plain")), ("jsonld", ("application/ld+json", "application/json")),
                ("rdfxml", ("application/rdf+xml", "application/xml", "text/xml")), ("nquads", ("application/n-quads",)),
                ("trig", ("application/trig",))]
FORMAT_IRIS = {"json": "SPARQL_Results_JSON", "xml": "SPARQL_Results_XML", "csv": "SPARQL_Results_CSV",
               "tsv": "SPARQL_Results_TSV", "turtle": "Turtle", "ntriples": "N-Triples", "jsonld": "JSON-LD",
               "rdfxml": "RDF_XML", "nquads": "N-Quads", "trig": "TriG"}
CORS = {"Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": "Retry-After, Content-Type, Content-Length"}
PREFLIGHT = {**CORS, "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
             "Access-Control-Allow-Headers": "Accept, Content-Type", "Access-Control-Max-Age": "86400"}


class BadRequest(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


def media_type(fmt: str) -> str:
    media = MEDIA_TYPES[fmt]
    return media if "charset" in media or not (media.startswith("text/") or "json" in media or "xml" in media) \
        else media + "; charset=utf-8"


def text(status: int, message: str, retry_after: int | None = None, extra: dict | None = None) -> Response:
    headers = {**CORS, **(extra or {})}
    if retry_after is not None:
        headers["Retry-After"] = str(retry_after)
    clean = "".join(c if c.isprintable() or c == "\n" else " " for c in message)
    return PlainTextResponse(clean.rstrip() + "\n", status_code=status, headers=headers)


def client_of(request: Request, trusted: tuple[str, ...]) -> str:
    """The client's address: the peer, or behind a trusted proxy the last address it added."""
    peer = request.client.host if request.client else "unknown"
    if peer in trusted:
        hops = [h.strip() for h in request.headers.get("x-forwarded-for", "").split(",") if h.strip()]
        for hop in reversed(hops):
            if hop not in trusted:
                return hop
    return peer


async def bounded_body(request: Request) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BODY:
        raise BadRequest(413, f"the request body is larger than {MAX_BODY:,} bytes; a query holds at most "
                              f"{MAX_QUERY_CHARS:,} characters")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise BadRequest(413, f"the request body is larger than {MAX_BODY:,} bytes")
    return bytes(body)


def utf8(data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadRequest(400, f"the {what} is not UTF-8 (byte {exc.start + 1})") from None


def parameters(pairs: list[tuple[str, str]]) -> tuple[str | None, list[str], list[str]]:
    names = [k for k, _ in pairs]
    if "update" in names or "using-graph-uri" in names or "using-named-graph-uri" in names:
        raise BadRequest(403, "this SPARQL endpoint is read-only: updates are refused")
    queries = [v for k, v in pairs if k == "query"]
    if len(queries) > 1:
        raise BadRequest(400, "give exactly one query parameter")
    return (queries[0] if queries else None, [v for k, v in pairs if k == "default-graph-uri"],
            [v for k, v in pairs if k == "named-graph-uri"])


async def read_operation(request: Request) -> tuple[str | None, list[str], list[str]]:
    """(query, default graphs, named graphs) from a request of the protocol's query operation."""
    if request.method == "GET":
        return parameters(parse_qsl(request.url.query, keep_blank_values=True))
    content_type = request.headers.get("content-type", "")
    base, _, params = content_type.partition(";")
    base = base.strip().lower()
    charset = next((p.split("=", 1)[1].strip().strip('"').lower() for p in params.split(";")
                    if p.strip().lower().startswith("charset=")), "utf-8")
    if base == "application/sparql-update":
        raise BadRequest(403, "this SPARQL endpoint is read-only: updates are refused")
    if base == "application/x-www-form-urlencoded":
        body = utf8(await bounded_body(request), "form")
        try:
            pairs = parse_qsl(body, keep_blank_values=True, errors="strict")
        except UnicodeDecodeError:
            raise BadRequest(400, "the form's values are not UTF-8") from None
        query, default, named = parameters(pairs)
        if query is None:
            raise BadRequest(400, "the form holds no query parameter")
        return query, default, named
    if base == "application/sparql-query":
        if charset not in ("utf-8", "utf8"):
            raise BadRequest(415, f"a query must be sent in UTF-8, not {charset}")
        query = utf8(await bounded_body(request), "query")
        _, default, named = parameters(parse_qsl(request.url.query, keep_blank_values=True))
        return query, default, named
    if not base:
        raise BadRequest(400, "a POST needs a Content-Type: application/x-www-form-urlencoded or "
                              "application/sparql-query")
    raise BadRequest(415, f"unsupported Content-Type {base!r}: use application/x-www-form-urlencoded or "
                          "application/sparql-query")


def offered(offers) -> str:
    return ", ".join(types[0] for _, types in offers)


class Endpoint:
    def __init__(self, service: QueryService, public_url: str, timeout_s: float | None = None):
        current = settings()
        self.service, self.public_url = service, public_url
        self.timeout_s = timeout_s or current.query_timeout
        self.max_rows, self.max_bytes = current.download_limit, current.result_max_bytes
        self.trusted = current.trusted_proxies
        self._description: tuple[str, list] | None = None
        self._lock = threading.Lock()

    async def query(self, request: Request) -> Response:
        if request.method == "OPTIONS":
            return Response(status_code=204, headers=PREFLIGHT)
        if request.method not in ("GET", "POST"):
            return text(405, "the query operation takes GET or POST", extra={"Allow": "GET, POST, OPTIONS"})
        try:
            query, default, named = await read_operation(request)
        except BadRequest as bad:
            return text(bad.status, bad.message)
        accept = request.headers.get("accept")
        if query is None:
            return await self.description(accept)
        formats = {}
        for form, offers in (("SELECT", SOLUTION_OFFERS), ("ASK", SOLUTION_OFFERS), ("GRAPH", GRAPH_OFFERS)):
            chosen = negotiate(accept, offers)
            if chosen is not None:
                formats[form] = chosen
        job = Job(query, client_of(request, self.trusted), formats, max_rows=self.max_rows, max_bytes=self.max_bytes,
                  timeout_s=self.timeout_s, default_graphs=default or None, named_graphs=named or None)
        started = time.monotonic()
        answer = await self.run(job, request)
        log.info("%s %s %s %s rows=%s %.0f ms", job.client, request.method,
                 answer.problem.status if answer.problem else 200, answer.form or "-", answer.rows,
                 1000 * (time.monotonic() - started))
        if answer.problem is not None:
            problem = answer.problem
            if problem.kind == "format":
                offers = GRAPH_OFFERS if answer.form == "GRAPH" else SOLUTION_OFFERS
                return text(406, f"not acceptable: a {answer.form} result is offered as {offered(offers)}",
                            extra={"Vary": "Accept"})
            return text(problem.status, problem.message, problem.retry_after)
        headers = {**CORS, "Vary": "Accept", "Content-Length": str(answer.size())}
        return StreamingResponse(answer.chunks(), media_type=media_type(answer.fmt), headers=headers)

    async def run(self, job: Job, request: Request) -> Answer:
        """The service's answer, in a thread; the query is killed if the client goes away."""
        gone = threading.Event()
        task = asyncio.ensure_future(anyio.to_thread.run_sync(self.service.run, job, gone.is_set))
        while True:
            done, _ = await asyncio.wait({task}, timeout=DISCONNECT_POLL_S)
            if done:
                return task.result()
            if not gone.is_set() and await request.is_disconnected():
                gone.set()

    async def update(self, request: Request) -> Response:
        if request.method == "OPTIONS":
            return Response(status_code=204, headers=PREFLIGHT)
        return text(403, "this SPARQL endpoint is read-only: updates are refused")

    # --- the service description ------------------------------------------------------------------

    async def description(self, accept: str | None) -> Response:
        fmt = negotiate(accept, GRAPH_OFFERS)
        if fmt is None:
            return text(406, f"not acceptable: the service description is offered as {offered(GRAPH_OFFERS)}",
                        extra={"Vary": "Accept"})
        try:
            triples = await anyio.to_thread.run_sync(self.description_triples)
        except LookupError as problem:
            return text(503, str(problem), 60)
        return Response(serialize_rdf(triples, fmt), media_type=media_type(fmt), headers={**CORS, "Vary": "Accept"})

    def _rows(self, name: str) -> list[ox.QuerySolution]:
        formats = {"SELECT": "tsv"}
        answer = self.service.run(Job(library_text(name), "service-description", formats, max_rows=100_000,
                                      max_bytes=self.max_bytes, timeout_s=self.timeout_s))
        if not answer.ok:
            raise LookupError(answer.problem.message)
        return list(ox.parse_query_results(answer.read(), format=ox.QueryResultsFormat.TSV))

    def description_triples(self) -> list[ox.Triple]:
        from coopkg.store import repository_key

        try:
            key = repository_key()
        except Exception:  # noqa: BLE001 - no store: said by the query below
            key = ""
        with self._lock:
            if self._description is not None and self._description[0] == key:
                return self._description[1]
        graphs = self._rows("read/graph-counts")
        default_size = self._rows("service/default-graph-size")
        service = ox.NamedNode(self.public_url + "#service")
        sd = lambda local: ox.NamedNode(SD + local)  # noqa: E731
        triples = [ox.Triple(service, ox.NamedNode(RDF_TYPE), sd("Service")),
                   ox.Triple(service, sd("endpoint"), ox.NamedNode(self.public_url)),
                   ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query"))]
        for name in ("json", "xml", "csv", "tsv", "turtle", "ntriples", "jsonld", "rdfxml", "nquads", "trig"):
            triples.append(ox.Triple(service, sd("resultFormat"), ox.NamedNode(FORMATS_NS + FORMAT_IRIS[name])))
        dataset, default = ox.BlankNode("dataset"), ox.BlankNode("default")
        triples += [ox.Triple(service, sd("defaultDataset"), dataset),
                    ox.Triple(dataset, ox.NamedNode(RDF_TYPE), sd("Dataset")),
                    ox.Triple(dataset, sd("defaultGraph"), default),
                    ox.Triple(default, ox.NamedNode(RDF_TYPE), sd("Graph"))]
        if default_size:
            triples.append(ox.Triple(default, ox.NamedNode(VOID + "triples"), default_size[0]["triples"]))
        for i, row in enumerate(graphs):
            named, graph = ox.BlankNode(f"named{i}"), ox.BlankNode(f"graph{i}")
            triples += [ox.Triple(dataset, sd("namedGraph"), named),
                        ox.Triple(named, ox.NamedNode(RDF_TYPE), sd("NamedGraph")),
                        ox.Triple(named, sd("name"), row["graph"]),
                        ox.Triple(named, sd("graph"), graph),
                        ox.Triple(graph, ox.NamedNode(RDF_TYPE), sd("Graph")),
                        ox.Triple(graph, ox.NamedNode(VOID + "triples"), row["triples"])]
        with self._lock:
            self._description = (key, triples)
        return triples


def create_app(service: QueryService, public_url: str, timeout_s: float | None = None) -> Starlette:
    """The ASGI app; ``public_url`` is the address of its query operation, as clients reach it
    (the service description names it; never taken from a request's Host header)."""
    endpoint = Endpoint(service, public_url, timeout_s)
    path = urlsplit(public_url).path or "/query"

    @contextlib.asynccontextmanager
    async def lifespan(app):
        # Each waiting query holds a thread; anyio's default of 40 would queue the 41st client.
        anyio.to_thread.current_default_thread_limiter().total_tokens = 256
        yield

    methods = ["GET", "POST", "OPTIONS", "PUT", "DELETE", "PATCH"]
    routes = [Route(path, endpoint.query, methods=methods)]
    if path != "/query":
        routes.append(Route("/query", endpoint.query, methods=methods))
    routes.append(Route("/update", endpoint.update, methods=methods))
    return Starlette(routes=routes, lifespan=lifespan)

"""The publishing subcommands: `coopkg export`, `coopkg serve` (SPARQL endpoint), `coopkg publish`
(dereferenceable IRIs)."""

from __future__ import annotations

import sys
from pathlib import Path

from coopkg.cli.common import language
from coopkg.rdf.formats import FILE_EXTENSIONS
from coopkg.read.export import FORMATS as EXPORT_FORMATS

LOOPBACK = ("127.0.0.1", "localhost", "::1")


# --- export ------------------------------------------------------------------------------------------

def format_for(args) -> str:
    """--format, else the output file's extension, else TriG (dataset, graph) or Turtle."""
    if args.format:
        return args.format
    if args.output and args.output != "-":
        suffix = Path(args.output).suffix.lstrip(".").lower()
        by_extension = {ext: name for name, ext in FILE_EXTENSIONS.items() if name in EXPORT_FORMATS}
        by_extension.update({"ttl": "turtle", "json": "jsonld", "xml": "rdfxml", "owl": "rdfxml"})
        if suffix in by_extension:
            return by_extension[suffix]
    return "turtle" if args.entity or args.wikidata_twinnings else "trig"


def cmd_export(args) -> int:
    from coopkg.read import export
    from coopkg.store import open_repository

    if args.write_context:
        from coopkg.build.context import write_context

        path = write_context()
        print(f"JSON-LD context written to {path}", file=sys.stderr)
        return 0
    fmt = format_for(args)
    data = export.export(open_repository(), fmt, graph=args.graph, entity=args.entity,
                         wikidata=args.wikidata_twinnings)
    if not args.output or args.output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        Path(args.output).write_bytes(data)
        print(f"{len(data)} bytes of {fmt} written to {args.output}", file=sys.stderr)
    return 0


# --- serve: the project's own SPARQL 1.1 Protocol server over the query service -------------------

def bound_address(host: str, port: int) -> str:
    where = f"[{host}]" if ":" in host else host
    return f"http://{where}:{port}/"


def cmd_serve(args) -> int:
    import uvicorn

    from coopkg.config import redact_address, settings
    from coopkg.service.core import QueryService
    from coopkg.service.endpoint import create_app
    from coopkg.store import open_repository
    from coopkg.store.layout import current_build, store_dir

    current = settings()
    open_repository()  # fail now, with a message, if there is nothing sound to serve
    where = redact_address(current.endpoint) if current.remote else str(store_dir(current_build()))
    public = (args.base or bound_address(args.host, args.port)) + "query"
    timeout_s = args.timeout_s or current.query_timeout
    service = QueryService(workers=args.workers)
    try:
        print(f"SPARQL 1.1 endpoint: {public} (read-only; store {where})", file=sys.stderr)
        print(f"limits: {timeout_s:g} s per query, {current.download_limit:,} rows and "
              f"{current.result_max_bytes / 1e6:,.0f} MB per answer, {service.slots} workers of "
              f"{service.memory_mb:,} MiB, {current.client_budget_s:g} s of query time per client in a burst",
              file=sys.stderr)
        print(service.start(), file=sys.stderr)
        if args.host not in LOOPBACK:
            print(f"warning: listening on {args.host}, not only on this machine", file=sys.stderr)
        sys.stderr.flush()
        uvicorn.run(create_app(service, public, timeout_s), host=args.host, port=args.port, log_level="warning",
                    access_log=False, timeout_graceful_shutdown=2)
    finally:
        service.close()
    return 0


# --- publish: dereferenceable IRIs ------------------------------------------------------------------

def cmd_publish(args) -> int:
    from coopkg.publish import server as publish
    from coopkg.store import open_repository

    open_repository()  # fail now, with a message, if there is nothing to serve
    base = args.base or bound_address(args.host, args.port)
    print(f"Dereferencing server: {base} serves https://w3id.org/coopkg/ "
          f"(e.g. {base}id/authority/fr-nice)", file=sys.stderr)
    if args.host not in LOOPBACK:
        print(f"warning: listening on {args.host}, not only on this machine", file=sys.stderr)
    publish.serve(args.host, args.port, base)
    return 0


# --- docs: the ontology's HTML documentation ------------------------------------------------------------

def cmd_docs(args) -> int:
    from coopkg.publish.docs import generate

    path = generate(Path(args.output), language(args))
    print(f"ontology documentation written to {path}")
    return 0


# --- registration ------------------------------------------------------------------------------------

def _port(text: str) -> int:
    import argparse

    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 0 < port < 65536:
        raise argparse.ArgumentTypeError(f"{port} is not a port number (1-65535)")
    return port


def _seconds(text: str) -> float:
    import argparse

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("the time limit must be positive")
    return value


def _count(text: str) -> int:
    import argparse

    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of workers (1 or more)")
    return int(text)


def _base(text: str) -> str:
    import argparse
    from urllib.parse import urlsplit

    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise argparse.ArgumentTypeError(f"{text!r} is not an http(s) address such as https://example.org/coopkg/")
    return text if text.endswith("/") else text + "/"


def register(sub, common) -> None:
    p = sub.add_parser(
        "export", parents=[common], help="write the dataset, a graph or an entity in an RDF format",
        description="Write the whole dataset (TriG and N-Quads keep the named graphs; Turtle, N-Triples, "
                    "JSON-LD and RDF/XML write the merged graph), one named graph (--graph), one entity "
                    "(--entity) or the Wikidata-shaped view of the twinnings (--wikidata-twinnings). A dataset "
                    "export carries the VoID/DCAT description with void:triples per graph computed now. "
                    "Reads the current build, or the endpoint of COOPKG_ENDPOINT.")
    p.add_argument("--format", "-f", choices=EXPORT_FORMATS,
                   help="RDF format (default: from the --output extension, else trig; turtle for --entity "
                        "and --wikidata-twinnings)")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--graph", "-g", metavar="GRAPH",
                      help="one named graph: IRI, prefixed name (cgraph:geonames) or slug (geonames)")
    what.add_argument("--entity", "-e", metavar="IRI",
                      help="one entity: its statements, the labels of what they point to, and the statements "
                           "pointing to it (auth:fr-nice, cid:authority/fr-nice or a full IRI)")
    what.add_argument("--wikidata-twinnings", action="store_true",
                      help="the twinnings as Wikidata statements (P190 with P580/P582 qualifiers), from "
                           "queries/export/wikidata-twinnings.rq")
    what.add_argument("--write-context", action="store_true",
                      help="regenerate ontology/context.jsonld (the JSON-LD context) from the ontology files")
    p.add_argument("--output", "-o", metavar="FILE", help="file to write (default, or -: standard output)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser(
        "serve", parents=[common], help="a read-only SPARQL 1.1 endpoint on the built store",
        description="Serve the SPARQL 1.1 Protocol's query operation at http://HOST:PORT/query over the query "
                    "service: GET and POST, results by content negotiation, CORS, a service description at "
                    "/query without a query; updates refused (403). Each query runs in a worker process that has "
                    "no network, is killed at the time limit (also when its client goes away) and answers within "
                    "caps of rows and bytes; each client address has a fair share of the workers (429 and 503 "
                    "with Retry-After). Reads the current build (followed across rebuilds) or COOPKG_ENDPOINT. "
                    "Stop it with Ctrl-C.")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default: 127.0.0.1, this machine only; 0.0.0.0 for every interface)")
    p.add_argument("--port", type=_port, default=7878, help="port (default: 7878)")
    p.add_argument("--timeout-s", type=_seconds, default=None,
                   help="time limit of each query in seconds (default: COOPKG_QUERY_TIMEOUT, 10)")
    p.add_argument("--workers", type=_count, default=None,
                   help="worker processes, as many queries at once (default: COOPKG_QUERY_WORKERS, 3)")
    p.add_argument("--base", metavar="URL", type=_base,
                   help="public address of the server, for the service description (default: http://HOST:PORT/)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser(
        "publish", parents=[common], help="serve every IRI of https://w3id.org/coopkg/ by content negotiation",
        description="Run the dereferencing server: each IRI of https://w3id.org/coopkg/ (mapped to --base) "
                    "answers 303 See Other to its document /doc/..., which is served as Turtle, JSON-LD, "
                    "N-Triples, RDF/XML, TriG, N-Quads or HTML by Accept header or ?format=ttl|jsonld|nt|rdf|"
                    "trig|nq|html. Reads the current build (followed across rebuilds) or COOPKG_ENDPOINT; "
                    "HTML requests go to the explorer when COOPKG_EXPLORER_URL is set. Stop it with Ctrl-C.")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=_port, default=8080, help="port (default: 8080)")
    p.add_argument("--base", metavar="URL", type=_base,
                   help="public address at which https://w3id.org/coopkg/ is served, e.g. https://example.org/coopkg/ "
                        "(default: http://HOST:PORT/, the bound address; never a request's Host header)")
    p.set_defaults(func=cmd_publish)

    p = sub.add_parser("docs", parents=[common], help="generate the ontology's HTML documentation (pyLODE)",
                       description="Generate the ontology's HTML documentation with pyLODE, in the language "
                                   "of --lang (en by default; fr for French).")
    p.add_argument("--output", default="site/ontology.html", help="where to write it (default: site/ontology.html)")
    p.set_defaults(func=cmd_docs)

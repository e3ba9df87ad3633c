"""The publishing subcommands: `coopkg export`, `coopkg serve` (SPARQL endpoint), `coopkg publish`
(dereferenceable IRIs)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from coopkg.cli.common import UsageError, language
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


# --- serve: Oxigraph's own SPARQL server ------------------------------------------------------------

def oxigraph_command() -> str:
    """The `oxigraph` program of the PyPI package `oxigraph`: beside this Python, else on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("oxigraph")
    if not found:
        raise FileNotFoundError("the `oxigraph` command is missing: install the PyPI package `oxigraph`")
    return found


def serve_command(location: Path, host: str, port: int, timeout_s: float) -> list[str]:
    """The command line of a read-only endpoint on ``location`` answering on host:port, each
    query stopped after ``timeout_s`` seconds. A built store's default graph is the merge of
    its named graphs (see coopkg.store.base); a store without one is served with Oxigraph's union
    of the named graphs as default graph (if this version of Oxigraph offers it)."""
    program = oxigraph_command()
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    command = [program, "serve-read-only", "--location", str(location), "--bind", bind,
               "--timeout-s", str(max(1, round(timeout_s)))]
    help_text = subprocess.run([program, "serve-read-only", "--help"], capture_output=True, text=True).stdout
    if "--union-default-graph" in help_text and not _has_default_graph(location):
        command.append("--union-default-graph")
    return command


def _has_default_graph(location: Path) -> bool:
    import pyoxigraph as ox

    from coopkg.store.embedded import has_default_graph

    try:
        store = ox.Store.read_only(str(location))
    except OSError:
        return False
    try:
        return has_default_graph(store)
    finally:
        del store


def cmd_serve(args) -> int:
    from coopkg.store.layout import current_build, store_dir

    location = store_dir(current_build())
    try:
        command = serve_command(location, args.host, args.port, args.timeout_s)
    except FileNotFoundError as exc:
        raise UsageError(str(exc)) from None
    where = f"[{args.host}]" if ":" in args.host else args.host
    print(f"SPARQL 1.1 endpoint: http://{where}:{args.port}/query (read-only; queries stopped after "
          f"{command[command.index('--timeout-s') + 1]} s; store {location})", file=sys.stderr)
    if args.host not in LOOPBACK:
        print(f"warning: listening on {args.host}, not only on this machine", file=sys.stderr)
    sys.stderr.flush()
    # Replace this process: signals (Ctrl-C, a test's terminate) reach the server itself.
    os.execv(command[0], command)
    return 0  # not reached


# --- publish: dereferenceable IRIs ------------------------------------------------------------------

def cmd_publish(args) -> int:
    from coopkg.publish import server as publish
    from coopkg.store import open_repository

    open_repository()  # fail now, with a message, if there is nothing to serve
    where = f"[{args.host}]" if ":" in args.host else args.host
    base = args.base or f"http://{where}:{args.port}/"
    print(f"Dereferencing server: {base} serves https://w3id.org/coopkg/ "
          f"(e.g. {base}id/authority/fr-nice)", file=sys.stderr)
    if args.host not in LOOPBACK:
        print(f"warning: listening on {args.host}, not only on this machine", file=sys.stderr)
    publish.serve(args.host, args.port, args.base)
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
        "serve", parents=[common], help="a read-only SPARQL 1.1 endpoint on the built store (Oxigraph server)",
        description="Start Oxigraph's own SPARQL 1.1 Protocol server (oxigraph serve-read-only) on the current "
                    "build: queries at http://HOST:PORT/query, updates refused, each query stopped after "
                    "--timeout-s seconds, the merge of the named graphs as default graph. Stop it with Ctrl-C.")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default: 127.0.0.1, this machine only; 0.0.0.0 for every interface)")
    p.add_argument("--port", type=_port, default=7878, help="port (default: 7878)")
    p.add_argument("--timeout-s", type=_seconds, default=10.0,
                   help="time limit of each query in seconds (default: 10; Oxigraph counts whole seconds)")
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
                        "(default: http://HOST:PORT/)")
    p.set_defaults(func=cmd_publish)

    p = sub.add_parser("docs", parents=[common], help="generate the ontology's HTML documentation (pyLODE)",
                       description="Generate the ontology's HTML documentation with pyLODE, in the language "
                                   "of --lang (en by default; fr for French).")
    p.add_argument("--output", default="site/ontology.html", help="where to write it (default: site/ontology.html)")
    p.set_defaults(func=cmd_docs)

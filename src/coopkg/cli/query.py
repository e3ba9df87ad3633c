"""`coopkg query`: a named query, a .rq file or SPARQL text, in a table or a results format."""

from __future__ import annotations

import sys
from pathlib import Path

from coopkg.cli.common import UsageError, language
from coopkg.sparql.reader import SparqlSyntaxError, oxigraph_error


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # a name too long for the file system is SPARQL text, not a file
        return False


def resolve_query(target: str):
    """A catalogue name, a .rq file, or inline SPARQL -> (text, label for messages, NamedQuery|None)."""
    from coopkg.sparql.catalogue import load_catalogue, parse_query_file

    catalogue = load_catalogue()
    if target in catalogue:
        named = catalogue[target]
        return named.text, str(named.path), named
    path = Path(target)
    if target.endswith(".rq") or (not any(c.isspace() for c in target) and _is_file(path)):
        if not path.is_file():
            raise UsageError(f"no query named {target!r} in queries/ and no such file "
                             f"(`coopkg query --list` lists the named queries)")
        named = parse_query_file(path)
        return named.text, str(path), named
    return target, "query", None


def cmd_query(args) -> int:
    from coopkg.sparql.catalogue import CatalogueError, load_catalogue

    lang = language(args)
    if args.list:
        for name, named in load_catalogue().items():
            params = " ".join(f"{p.name}=<{p.type}>" for p in named.params)
            print(f"{name}  {params}\n    {named.title(lang)}")
        return 0
    if not args.query:
        raise UsageError("give a query name, a .rq file or SPARQL text (`coopkg query --list`)")
    text, label, named = resolve_query(args.query)
    values = {}
    for item in args.param or []:
        key, sep, value = item.partition("=")
        if not sep:
            raise UsageError(f"--param takes NAME=VALUE, not {item!r}")
        values[key.strip()] = value
    try:
        substitutions = named.bind(values) if named else {}
    except CatalogueError as exc:
        raise UsageError(str(exc)) from None
    if values and not named:
        raise UsageError("--param is for named queries (with declared parameters)")
    out = open(args.output, "wb") if args.output else sys.stdout.buffer
    try:
        if args.trusted:
            _trusted(text, label, substitutions, args.format, out)
        else:
            _through_the_service(text, label, substitutions, args.format, out, lang)
    finally:
        if args.output:
            out.close()
        else:
            out.flush()
    return 0


def _formats(fmt: str) -> dict[str, str]:
    """What each form of query is written as, for --format."""
    from coopkg.rdf.formats import RDF_FORMATS, RESULT_FORMATS

    if fmt == "table":
        return {"SELECT": "tsv", "ASK": "json", "GRAPH": "turtle"}
    if fmt in RESULT_FORMATS:
        return {"SELECT": fmt, "ASK": fmt if fmt in ("json", "xml", "csv", "tsv") else "json"}
    if fmt in RDF_FORMATS:
        return {"GRAPH": fmt}
    raise UsageError(f"unknown format {fmt!r}")


def _through_the_service(text, label, substitutions, fmt, out, lang) -> None:
    """The query in a worker process of the query service: no network, the time limit, the caps."""
    import pyoxigraph as ox

    from coopkg.cli.text import format_table
    from coopkg.config import settings
    from coopkg.rdf.formats import RDF_FORMATS, RESULT_FORMATS
    from coopkg.service.core import Job, QueryService

    current = settings()
    formats = _formats(fmt)
    service = QueryService(workers=1, spare=0)
    try:
        answer = service.run(Job(text, "command line", formats, max_rows=current.download_limit,
                                 max_bytes=current.result_max_bytes, timeout_s=current.query_timeout,
                                 substitutions=substitutions, lang=lang))
    finally:
        service.close()
    problem = answer.problem
    if problem is not None:
        if problem.kind == "format":
            if answer.form == "GRAPH":
                raise UsageError(f"a CONSTRUCT/DESCRIBE query gives {', '.join(RDF_FORMATS)}; not {fmt!r}")
            raise UsageError(f"a {answer.form} query gives table, {', '.join(RESULT_FORMATS)}; not {fmt!r}")
        if problem.kind == "syntax" and problem.line:
            message = problem.message.split(": ", 1)[-1]
            raise UsageError(f"{label}:{problem.line}:{problem.column}: SPARQL syntax error: {message}")
        raise UsageError(f"{label}: {problem.message}" + (f" (retry in {problem.retry_after} s)"
                                                          if problem.kind in ("budget", "busy") else ""))
    if fmt == "table" and answer.form == "SELECT":
        solutions = ox.parse_query_results(answer.read(), format=ox.QueryResultsFormat.TSV)
        out.write((format_table(solutions) + "\n").encode("utf-8"))
    elif fmt == "table" and answer.form == "ASK":
        out.write(b"true\n" if ox.parse_query_results(answer.read(), format=ox.QueryResultsFormat.JSON) else b"false\n")
    else:
        for chunk in answer.chunks():
            out.write(chunk)


def _trusted(text, label, substitutions, fmt, out) -> None:
    """The owner's own query, in this process: no worker, no time limit, no caps, and the network
    of this process (SERVICE reaches what it names)."""
    import pyoxigraph as ox

    from coopkg.cli.text import format_table
    from coopkg.rdf.formats import RDF_FORMATS, RESULT_FORMATS, serialize_rdf
    from coopkg.store import open_repository

    try:
        result = open_repository().query(text, substitutions)
    except SyntaxError as exc:
        error = exc if isinstance(exc, SparqlSyntaxError) else oxigraph_error(exc)
        where = f"{label}:{error.line}:{error.column}" if error.line else label
        raise UsageError(f"{where}: SPARQL syntax error: {error.message}") from None
    if isinstance(result, ox.QuerySolutions):
        if fmt == "table":
            out.write((format_table(result) + "\n").encode("utf-8"))
        elif fmt in RESULT_FORMATS:
            out.write(result.serialize(format=RESULT_FORMATS[fmt]))
        else:
            raise UsageError(f"a SELECT query gives table, {', '.join(RESULT_FORMATS)}; not {fmt!r}")
    elif isinstance(result, ox.QueryBoolean):
        if fmt in ("json", "xml"):
            out.write(result.serialize(format=RESULT_FORMATS[fmt]))
        else:
            out.write(f"{'true' if bool(result) else 'false'}\n".encode())
    else:
        rdf_fmt = "turtle" if fmt == "table" else fmt
        if rdf_fmt not in RDF_FORMATS:
            raise UsageError(f"a CONSTRUCT/DESCRIBE query gives {', '.join(RDF_FORMATS)}; not {fmt!r}")
        out.write(serialize_rdf(result, rdf_fmt))


QUERY_FORMATS = ["table", "csv", "tsv", "json", "xml", "turtle", "ntriples", "nquads", "trig", "jsonld", "rdfxml"]


def register(sub, common) -> None:
    p = sub.add_parser("query", parents=[common], help="run a named query, a .rq file or inline SPARQL",
                       description="Run a query of queries/ by name, a .rq file, or SPARQL text, through the "
                                   "query service: in a worker process with no network, stopped at COOPKG_QUERY_TIMEOUT, "
                                   "within the caps of rows and bytes (--trusted for the owner's own queries). "
                                   "Parameters are bound as RDF terms (--param NAME=VALUE).")
    p.add_argument("query", nargs="?", help="query name (see --list), path to a .rq file, or SPARQL text")
    p.add_argument("--param", "-p", action="append", metavar="NAME=VALUE",
                   help="a parameter value: an IRI or prefixed name (auth:fr-nice), a string, a date")
    p.add_argument("--format", "-f", default="table", choices=QUERY_FORMATS,
                   help="table (default), SPARQL results CSV/TSV/JSON/XML, or an RDF format for CONSTRUCT")
    p.add_argument("--output", "-o", help="write to this file instead of standard output")
    p.add_argument("--list", action="store_true", help="list the named queries")
    p.add_argument("--trusted", action="store_true",
                   help="the owner's own query: run it in this process, without the query service's worker, time "
                        "limit, caps and network denial (SERVICE then reaches what it names); never for a query "
                        "from someone else")
    p.set_defaults(func=cmd_query)

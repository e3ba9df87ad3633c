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
    import pyoxigraph as ox

    from coopkg.cli.text import format_table
    from coopkg.rdf.formats import RDF_FORMATS, RESULT_FORMATS, serialize_rdf
    from coopkg.sparql.catalogue import CatalogueError, load_catalogue
    from coopkg.store import open_repository

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
    repository = open_repository()
    try:
        result = repository.query(text, substitutions)
    except SyntaxError as exc:
        error = exc if isinstance(exc, SparqlSyntaxError) else oxigraph_error(exc)
        where = f"{label}:{error.line}:{error.column}" if error.line else label
        raise UsageError(f"{where}: SPARQL syntax error: {error.message}") from None
    fmt = args.format
    out = open(args.output, "wb") if args.output else sys.stdout.buffer
    try:
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
    finally:
        if args.output:
            out.close()
        else:
            out.flush()
    return 0


QUERY_FORMATS = ["table", "csv", "tsv", "json", "xml", "turtle", "ntriples", "nquads", "trig", "jsonld", "rdfxml"]


def register(sub, common) -> None:
    p = sub.add_parser("query", parents=[common], help="run a named query, a .rq file or inline SPARQL",
                       description="Run a query of queries/ by name, a .rq file, or SPARQL text. "
                                   "Parameters are bound as RDF terms (--param NAME=VALUE).")
    p.add_argument("query", nargs="?", help="query name (see --list), path to a .rq file, or SPARQL text")
    p.add_argument("--param", "-p", action="append", metavar="NAME=VALUE",
                   help="a parameter value: an IRI or prefixed name (auth:fr-nice), a string, a date")
    p.add_argument("--format", "-f", default="table", choices=QUERY_FORMATS,
                   help="table (default), SPARQL results CSV/TSV/JSON/XML, or an RDF format for CONSTRUCT")
    p.add_argument("--output", "-o", help="write to this file instead of standard output")
    p.add_argument("--list", action="store_true", help="list the named queries")
    p.set_defaults(func=cmd_query)

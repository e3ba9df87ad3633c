"""The `coopkg` command: one entry point, one subcommand per job."""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
from pathlib import Path

from . import __version__
from .i18n import LANGUAGES, t


class UsageError(Exception):
    """Bad input from the user: printed as a message, never as a traceback."""


def _lang(args) -> str:
    return args.lang or os.environ.get("COOPKG_LANG", "en")


# --- build / validate / stats -----------------------------------------------------------------

def cmd_build(args) -> int:
    from . import build as builder
    from . import store as stores
    from .stats import compute, format_stats

    lang = _lang(args)
    outcome = builder.build()
    if not outcome.ok:
        key = "build.syntax_failed" if outcome.syntax_errors else "build.validation_failed"
        n = len(outcome.syntax_errors) or len(outcome.violations) + len(outcome.check_results)
        print(t(key, lang, n=n), file=sys.stderr)
        print(builder.format_report(outcome, lang), file=sys.stderr)
        try:
            print(t("build.previous_store", lang, path=stores.current_build()), file=sys.stderr)
        except stores.StoreMissing:
            print(t("build.no_previous_store", lang), file=sys.stderr)
        return 1
    if outcome.warnings:
        print(builder.format_report(outcome, lang, warning_limit=args.warnings))
    repo = stores.EmbeddedRepository.open(outcome.store_path)
    stats = compute(repo)
    print(format_stats(stats, lang))
    print(t("build.succeeded", lang, triples=stats.triples, graphs=len(stats.by_graph), path=outcome.store_path))
    if args.timings:
        print("timings: " + ", ".join(f"{k} {v:.2f}s" for k, v in outcome.timings.items()))
    return 0


def cmd_validate(args) -> int:
    from . import build as builder

    lang = _lang(args)
    outcome = builder.validate()
    report = builder.format_report(outcome, lang, warning_limit=args.warnings)
    if not outcome.ok:
        n = len(outcome.syntax_errors) or len(outcome.violations) + len(outcome.check_results)
        key = "build.syntax_failed" if outcome.syntax_errors else "validate.failed"
        print(t(key, lang, n=n), file=sys.stderr)
        print(report, file=sys.stderr)
        return 1
    if report:
        print(report)
    print(t("validate.succeeded", lang, warnings=len(outcome.warnings)))
    return 0


def cmd_stats(args) -> int:
    from .stats import compute, format_stats
    from .store import open_repository

    print(format_stats(compute(open_repository()), _lang(args)))
    return 0


# --- query --------------------------------------------------------------------------------------

_POSITION = re.compile(r"(?:error at |line )(\d+)[:, column ]+(\d+)")


def resolve_query(target: str):
    """A catalogue name, a .rq file, or inline SPARQL -> (text, label for messages, NamedQuery|None)."""
    from .catalogue import load_catalogue, parse_query_file

    catalogue = load_catalogue()
    if target in catalogue:
        named = catalogue[target]
        return named.text, str(named.path), named
    path = Path(target)
    if target.endswith(".rq") or (len(target) < 4096 and "\n" not in target and path.is_file()):
        if not path.is_file():
            raise UsageError(f"no query named {target!r} in queries/ and no such file "
                             f"(`coopkg query --list` lists the named queries)")
        named = parse_query_file(path)
        return named.text, str(path), named
    return target, "query", None


def cmd_query(args) -> int:
    import pyoxigraph as ox

    from .catalogue import CatalogueError, load_catalogue
    from .results import RDF_FORMATS, RESULT_FORMATS, format_table, serialize_rdf
    from .store import open_repository

    lang = _lang(args)
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
        match = _POSITION.search(str(exc))
        where = f"{label}:{match.group(1)}:{match.group(2)}" if match else label
        raise UsageError(f"{where}: SPARQL syntax error: {exc}") from None
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


# --- docs / import --------------------------------------------------------------------------------

def cmd_docs(args) -> int:
    from .docs import generate

    path = generate(Path(args.output), _lang(args))
    print(f"ontology documentation written to {path}")
    return 0


def cmd_import_reference(args) -> int:
    from . import refdata

    forwarded = []
    if args.reference_dir:
        forwarded += ["--reference-dir", args.reference_dir]
    if args.out:
        forwarded += ["--out", args.out]
    return refdata.main(forwarded)


# --- parser ---------------------------------------------------------------------------------------

def make_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=LANGUAGES, help="language of messages and reports (default: en, or $COOPKG_LANG)")

    parser = argparse.ArgumentParser(
        prog="coopkg",
        description="The knowledge graph of French-Russian decentralised cooperation.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"coopkg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("build", parents=[common], help="parse, validate and build the store, then swap it in",
                       description="Parse every file of ontology/ and data/, validate with SHACL and the "
                                   "queries/checks/*-violation.rq rules, write a new store and swap it in. "
                                   "On any violation the served store is left untouched.")
    p.add_argument("--timings", action="store_true", help="print how long each phase took")
    p.add_argument("--warnings", type=int, default=3, metavar="N",
                   help="focus nodes listed per warning group (default 3; violations are listed up to 20)")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("validate", parents=[common], help="validate everything, write no store",
                       description="Run every check of a build without writing a store.")
    p.add_argument("--warnings", type=int, default=3, metavar="N",
                   help="focus nodes listed per warning group (default 3)")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("query", parents=[common], help="run a named query, a .rq file or inline SPARQL",
                       description="Run a query of queries/ by name, a .rq file, or SPARQL text. "
                                   "Parameters are bound as RDF terms (--param NAME=VALUE).")
    p.add_argument("query", nargs="?", help="query name (see --list), path to a .rq file, or SPARQL text")
    p.add_argument("--param", "-p", action="append", metavar="NAME=VALUE",
                   help="a parameter value: an IRI or prefixed name (auth:fr-nice), a string, a date")
    p.add_argument("--format", "-f", default="table",
                   choices=["table", "csv", "tsv", "json", "xml", "turtle", "ntriples", "nquads", "trig", "jsonld", "rdfxml"],
                   help="table (default), SPARQL results CSV/TSV/JSON/XML, or an RDF format for CONSTRUCT")
    p.add_argument("--output", "-o", help="write to this file instead of standard output")
    p.add_argument("--list", action="store_true", help="list the named queries")
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("stats", parents=[common], help="counts per class and per source graph")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("docs", parents=[common], help="generate the ontology's HTML documentation (pyLODE)",
                       description="Generate the ontology's HTML documentation with pyLODE, in the language "
                                   "of --lang (en by default; fr for French).")
    p.add_argument("--output", default="site/ontology.html", help="where to write it (default: site/ontology.html)")
    p.set_defaults(func=cmd_docs)

    p = sub.add_parser("import-reference", parents=[common],
                       help="regenerate data/reference/*.trig from the shared reference data",
                       description="Turn ../shared/reference-data into RDF under data/reference (maintainers only: "
                                   "the generated files are committed and a build does not need the reference data).")
    p.add_argument("--reference-dir", help="folder of the reference data (default: ../shared/reference-data)")
    p.add_argument("--out", help="output folder (default: data/reference)")
    p.set_defaults(func=cmd_import_reference)

    for module in EXTRA_COMMAND_MODULES:
        importlib.import_module(module).register(sub, common)
    return parser


# Modules adding subcommands (the explorer, the publishing tools): each has register(sub, common).
EXTRA_COMMAND_MODULES: list[str] = ["coopkg.cli_publish", "coopkg.cli_app", "coopkg.repertoire"]


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    from .catalogue import CatalogueError
    from .remote import RemoteError
    from .store import StoreMissing

    try:
        return args.func(args)
    except (UsageError, StoreMissing, CatalogueError, RemoteError) as exc:
        print(f"coopkg {args.command}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - the user gets a message, the details go to --debug
        if os.environ.get("COOPKG_DEBUG"):
            raise
        print(f"coopkg {args.command}: unexpected error ({type(exc).__name__}: {exc}); "
              f"set COOPKG_DEBUG=1 for details", file=sys.stderr)
        return 3


if __name__ == "__main__":
    # Run the package's module, not this __main__ copy, so that the exception classes other
    # modules raise (coopkg.cli.UsageError) are the ones main() catches.
    from coopkg.cli import main as package_main

    sys.exit(package_main())

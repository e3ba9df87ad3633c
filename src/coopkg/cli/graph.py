"""`coopkg build`, `coopkg validate`, `coopkg stats`."""

from __future__ import annotations

import sys

from coopkg.cli.common import language
from coopkg.cli.text import format_report, format_stats
from coopkg.i18n import t


def cmd_build(args) -> int:
    from coopkg.build import pipeline
    from coopkg.read.stats import compute
    from coopkg.store.base import StoreMissing
    from coopkg.store.embedded import EmbeddedRepository
    from coopkg.store.layout import current_build

    lang = language(args)
    outcome = pipeline.build(engine=args.engine)
    if not outcome.ok:
        key = "build.syntax_failed" if outcome.syntax_errors else "build.validation_failed"
        n = len(outcome.syntax_errors) or len(outcome.violations)
        print(t(key, lang, n=n), file=sys.stderr)
        print(format_report(outcome, lang), file=sys.stderr)
        try:
            print(t("build.previous_store", lang, path=current_build()), file=sys.stderr)
        except StoreMissing:
            print(t("build.no_previous_store", lang), file=sys.stderr)
        return 1
    if outcome.warnings:
        print(format_report(outcome, lang, warning_limit=args.warnings))
    stats = compute(EmbeddedRepository.open(outcome.store_path))
    print(format_stats(stats, lang))
    print(t("build.succeeded", lang, triples=stats.triples, graphs=len(stats.by_graph), path=outcome.store_path))
    if args.timings:
        print("timings (wall, CPU seconds): " + ", ".join(f"{k} {v:.2f}s/{outcome.cpu.get(k, 0):.2f}s"
                                                          for k, v in outcome.timings.items()))
    return 0


def cmd_validate(args) -> int:
    from coopkg.build import pipeline

    lang = language(args)
    outcome = pipeline.validate(engine=args.engine)
    report = format_report(outcome, lang, warning_limit=args.warnings)
    if not outcome.ok:
        n = len(outcome.syntax_errors) or len(outcome.violations)
        key = "build.syntax_failed" if outcome.syntax_errors else "validate.failed"
        print(t(key, lang, n=n), file=sys.stderr)
        print(report, file=sys.stderr)
        return 1
    if report:
        print(report)
    print(t("validate.succeeded", lang, warnings=len(outcome.warnings)))
    return 0


def cmd_stats(args) -> int:
    from coopkg.read.stats import compute
    from coopkg.store import open_repository

    print(format_stats(compute(open_repository()), language(args)))
    return 0


def _engine_argument(parser) -> None:
    from coopkg.build.validation import DEFAULT_ENGINE, ENGINES

    parser.add_argument("--engine", choices=sorted(ENGINES), default=DEFAULT_ENGINE,
                        help=f"SHACL engine (default {DEFAULT_ENGINE}, the fast Rust engine; pyshacl is the "
                             "reference, about 50 times slower; docs/validation.md says where they differ)")


def register(sub, common) -> None:
    p = sub.add_parser("build", parents=[common], help="parse, validate and build the store, then swap it in",
                       description="Parse every file of ontology/ and data/, validate with SHACL and the "
                                   "queries/checks/*-violation.rq rules, write a new store and swap it in. "
                                   "On any violation the served store is left untouched.")
    p.add_argument("--timings", action="store_true", help="print how long each phase took")
    _engine_argument(p)
    p.add_argument("--warnings", type=int, default=3, metavar="N",
                   help="focus nodes listed per warning group (default 3; violations are listed up to 20)")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("validate", parents=[common], help="validate everything, write no store",
                       description="Run every check of a build without writing a store.")
    p.add_argument("--warnings", type=int, default=3, metavar="N",
                   help="focus nodes listed per warning group (default 3)")
    _engine_argument(p)
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("stats", parents=[common], help="counts per class and per source graph")
    p.set_defaults(func=cmd_stats)

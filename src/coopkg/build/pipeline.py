"""Build the knowledge graph: parse -> validate (SHACL, then checks) -> write -> swap in.

Per source file: parse and count; then SHACL over the merged graph; then the
``queries/checks/*-violation.rq`` rules over a staging store. Only a build with no violation is
swapped in; otherwise the staging store is removed and the served store is untouched.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from coopkg.store.embedded import EmbeddedRepository, fill

from coopkg.store.layout import discard, new_build_dir, swap_in
from coopkg.sparql.catalogue import NamedQuery, load_checks
from coopkg.i18n import t
from coopkg.build.loading import SourceError, SourceFile, describing_files, discover_files, display_path, parse_files, to_rdflib_graph
from coopkg.rdf.namespaces import compact


@dataclass(frozen=True)
class CheckResult:
    """One row of a ``*-violation.rq`` check: a violation, like a SHACL result."""

    check: NamedQuery
    focus_node: str
    message: str
    graph: str | None = None


@dataclass
class Outcome:
    """What a build or a validation found, and how long each phase took."""

    syntax_errors: list[SourceError] = field(default_factory=list)
    shape_results: list = field(default_factory=list)  # coopkg.build.validation.ShapeResult
    check_results: list[CheckResult] = field(default_factory=list)
    files: list[SourceFile] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    store_path: Path | None = None  # the build swapped in, if any

    @property
    def violations(self) -> list:
        return [r for r in self.shape_results if r.severity == "Violation"]

    @property
    def warnings(self) -> list:
        return [r for r in self.shape_results if r.severity != "Violation"]

    @property
    def ok(self) -> bool:
        return not self.syntax_errors and not self.violations and not self.check_results

    @property
    def triple_count(self) -> int:
        return sum(len(f.quads) for f in self.files)


class _Timer:
    def __init__(self, outcome: Outcome, phase: str):
        self.outcome, self.phase = outcome, phase

    def __enter__(self):
        self.start = time.perf_counter()

    def __exit__(self, *exc):
        self.outcome.timings[self.phase] = time.perf_counter() - self.start


def load_and_validate(paths: list[Path] | None = None, outcome: Outcome | None = None) -> Outcome:
    """Parse every file and run SHACL; stops after parsing if any file is unreadable."""
    from coopkg.build.validation import validate_graph  # pyshacl is slow to import: only when validating

    outcome = outcome or Outcome()
    with _Timer(outcome, "parse"):
        outcome.files, outcome.syntax_errors = parse_files(paths if paths is not None else discover_files())
    if outcome.syntax_errors:
        return outcome
    with _Timer(outcome, "merge"):
        graph = to_rdflib_graph(outcome.files)
    with _Timer(outcome, "shacl"):
        outcome.shape_results = validate_graph(graph).results
    return outcome


def run_checks(repository, checks: list[NamedQuery] | None = None) -> list[CheckResult]:
    """Every row any check returns, as a violation."""
    found = []
    for check in checks if checks is not None else load_checks():
        solutions = repository.query(check.text)
        names = {v.value for v in solutions.variables}
        for row in solutions:
            focus = row["focus"] if "focus" in names else None
            message = row["message"] if "message" in names else None
            graph = row["graph"] if "graph" in names else None
            found.append(CheckResult(
                check=check,
                focus_node=str(focus) if focus is not None else "(no focus)",
                message=message.value if isinstance(message, ox.Literal) else check.title("en"),
                graph=graph.value if isinstance(graph, ox.NamedNode) else None,
            ))
    return found


def _fill(store: ox.Store, files: list[SourceFile]) -> None:
    fill(store, (q for f in files for q in f.quads))


def validate(paths: list[Path] | None = None) -> Outcome:
    """Everything a build checks, with no store written (the checks run in memory)."""
    outcome = load_and_validate(paths)
    if outcome.syntax_errors:
        return outcome
    with _Timer(outcome, "checks"):
        memory = ox.Store()
        _fill(memory, outcome.files)
        outcome.check_results = run_checks(EmbeddedRepository(memory))
    return outcome


def build(paths: list[Path] | None = None, root: Path | None = None) -> Outcome:
    """Validate, write a new store beside the served one, and swap it in if nothing is violated.

    The checks run on the staging store even when SHACL found violations, so that one report
    lists every problem; the staging store is then removed and the served store is untouched.
    """
    outcome = load_and_validate(paths)
    if outcome.syntax_errors:
        return outcome
    partial = new_build_dir(root)
    try:
        with _Timer(outcome, "write"):
            staging = ox.Store(str(partial))
            _fill(staging, outcome.files)
        with _Timer(outcome, "checks"):
            outcome.check_results = run_checks(EmbeddedRepository(staging, str(partial)))
        if not outcome.ok:
            del staging
            discard(partial)
            return outcome
        with _Timer(outcome, "optimize"):
            staging.optimize()
            staging.flush()
            del staging  # release the write lock before readers open it
        outcome.store_path = swap_in(partial, root)
    except BaseException:
        discard(partial)
        raise
    return outcome


# --- reports ------------------------------------------------------------------------------------

def format_report(outcome: Outcome, lang: str = "en", limit: int = 20, warning_limit: int = 3) -> str:
    """A readable report grouped by shape (or check): focus node, describing file, constraint,
    message in ``lang``; at most ``limit`` focus nodes per group (``warning_limit`` for
    warnings, which do not block and would otherwise bury the rest)."""
    lines: list[str] = []
    if outcome.syntax_errors:
        for error in outcome.syntax_errors:
            lines.append(f"  {error}")
        return "\n".join(lines)
    where = describing_files(outcome.files)

    def files_of(node: str) -> str:
        paths = where.get(node, [])
        return ", ".join(display_path(p) for p in paths) or "?"

    def shape_section(title: str, results: list, limit: int) -> None:
        if not results:
            return
        lines.append(f"{title} ({len(results)})")
        groups = defaultdict(list)
        for result in results:
            groups[(result.source_shape, result.constraint)].append(result)
        for (shape, constraint), members in sorted(groups.items()):
            message = members[0].messages.get(lang) or members[0].messages.get("en") or ""
            lines.append(f"  [{shape}] {constraint} ({len(members)})")
            lines.append(f"    {message}")
            for result in members[:limit]:
                focus = _short(result.focus_node)
                detail = f"    - {t('report.focus', lang)} {focus} ({t('report.file', lang)} {files_of(result.focus_node)})"
                if result.result_path:
                    detail += f"; {t('report.path', lang)} {_short(result.result_path)}"
                if result.value is not None:
                    detail += f"; {t('report.value', lang)} {_short(result.value)}"
                lines.append(detail)
            if len(members) > limit:
                lines.append("    " + t("report.more", lang, n=len(members) - limit))

    shape_section(t("report.violations", lang), outcome.violations, limit)
    if outcome.check_results:
        lines.append(f"{t('report.check', lang).capitalize()}s ({len(outcome.check_results)})")
        groups = defaultdict(list)
        for result in outcome.check_results:
            groups[result.check.name].append(result)
        for name, members in sorted(groups.items()):
            lines.append(f"  [queries/checks/{name}.rq] {members[0].check.title(lang)} ({len(members)})")
            for result in members[:limit]:
                focus = _short(result.focus_node)
                graph = f", graph {_short('<' + result.graph + '>')}" if result.graph else ""
                lines.append(f"    - {t('report.focus', lang)} {focus} ({t('report.file', lang)} "
                             f"{files_of(result.focus_node)}{graph}): {result.message}")
            if len(members) > limit:
                lines.append("    " + t("report.more", lang, n=len(members) - limit))
    shape_section(t("report.warnings", lang), outcome.warnings, warning_limit)
    return "\n".join(lines)


def _short(n3: str) -> str:
    if n3.startswith("<") and n3.endswith(">"):
        short = compact(n3[1:-1])
        return short if short != n3[1:-1] else n3
    return n3

"""Build the knowledge graph: parse -> validate (SHACL, then checks) -> write -> swap in.

Per source file: parse and count; then SHACL over the merged graph; then the
``queries/checks/*-violation.rq`` rules over a staging store. Only a build with no violation is
swapped in, with its validation report saved beside its store (``coopkg.store.report``);
otherwise the staging folder is removed and the served build is untouched.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import pyoxigraph as ox

from coopkg.build.loading import SourceError, SourceFile, discover_files, parse_files, to_rdflib_graph
from coopkg.build.record import record_build
from coopkg.sparql.catalogue import NamedQuery, load_checks
from coopkg.store.embedded import EmbeddedRepository, fill
from coopkg.store.layout import STORE, discard, new_build_dir, swap_in
from coopkg.store.report import CHECKS, REPORT_FILE, SPARQL_COMPONENT, ValidationReport, ValidationResult


@dataclass
class Outcome:
    """What a build or a validation found, and how long each phase took."""

    syntax_errors: list[SourceError] = field(default_factory=list)
    report: ValidationReport = field(default_factory=ValidationReport)  # SHACL and check results
    files: list[SourceFile] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    store_path: Path | None = None  # the build swapped in, if any

    @property
    def violations(self) -> list[ValidationResult]:
        return self.report.violations

    @property
    def warnings(self) -> list[ValidationResult]:
        return [r for r in self.report.results if r.severity != "Violation"]

    @property
    def ok(self) -> bool:
        return not self.syntax_errors and self.report.conforms

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
        outcome.report = validate_graph(graph)
    return outcome


def run_checks(repository, checks: list[NamedQuery] | None = None) -> list[ValidationResult]:
    """Every row any check returns, as a violation of the check (a SPARQL-based constraint)."""
    found = []
    for check in checks if checks is not None else load_checks():
        solutions = repository.query(check.text)
        names = {v.value for v in solutions.variables}
        for row in solutions:
            focus = row["focus"] if "focus" in names else None
            message = row["message"] if "message" in names else None
            graph = row["graph"] if "graph" in names else None
            found.append(ValidationResult(
                severity="Violation",
                focus_node=str(focus) if focus is not None else f"<{CHECKS}{check.name}>",
                result_path=None,
                constraint=SPARQL_COMPONENT,
                source_shape=f"<{CHECKS}{check.name}>",
                value=str(graph) if isinstance(graph, ox.NamedNode) else None,
                messages={"en": message.value} if isinstance(message, ox.Literal) else dict(check.titles),
            ))
    return found


def _fill(store: ox.Store, files: list[SourceFile]) -> None:
    fill(store, (q for f in files for q in f.quads))


def _add_checks(outcome: Outcome, repository) -> None:
    outcome.report.results += run_checks(repository)
    outcome.report.sorted()


def validate(paths: list[Path] | None = None) -> Outcome:
    """Everything a build checks, with no store written (the checks run in memory)."""
    outcome = load_and_validate(paths)
    if outcome.syntax_errors:
        return outcome
    with _Timer(outcome, "checks"):
        memory = ox.Store()
        _fill(memory, outcome.files)
        _add_checks(outcome, EmbeddedRepository(memory))
    return outcome


def build(paths: list[Path] | None = None, root: Path | None = None) -> Outcome:
    """Validate, write a new store beside the served one, and swap it in if nothing is violated.

    The checks run on the staging store even when SHACL found violations, so that one report
    lists every problem; the staging folder is then removed and the served build is untouched.
    """
    started = datetime.now(timezone.utc)
    outcome = load_and_validate(paths)
    if outcome.syntax_errors:
        return outcome
    partial = new_build_dir(root)
    try:
        with _Timer(outcome, "write"):
            staging = ox.Store(str(partial / STORE))
            _fill(staging, outcome.files)
        with _Timer(outcome, "checks"):
            _add_checks(outcome, EmbeddedRepository(staging, str(partial)))
        if not outcome.ok:
            del staging
            discard(partial)
            return outcome
        with _Timer(outcome, "record"):
            record_build(staging, partial, started)  # the build's prov:Activity and void:triples
        with _Timer(outcome, "optimize"):
            staging.optimize()
            staging.flush()
            del staging  # release the write lock before readers open it
        outcome.report.save(partial / REPORT_FILE)
        outcome.store_path = swap_in(partial, root)
    except BaseException:
        discard(partial)
        raise
    return outcome

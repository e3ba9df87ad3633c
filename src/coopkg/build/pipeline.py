"""Build the knowledge graph: one pass (parse, write the store and its merge) -> validate (SHACL,
then checks) -> the build's record -> optimize -> swap in.

One pass over the source files (``coopkg.build.streaming``) writes the named graphs and their
merge (the default graph) into the staging store by bulk load, and the same statements as
N-Triples for the SHACL engine; then the ``queries/checks/*-violation.rq`` rules run on the
staging store. Only a build with no violation gets its record (``coopkg.build.record``) and is
swapped in, with its validation report saved beside
its store (``coopkg.store.report``); otherwise the staging folder is removed and the served
build is untouched.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import pyoxigraph as ox

from coopkg.build.loading import SourceError, discover_files
from coopkg.build.record import record_build
from coopkg.build.streaming import FileSink, StoreSink, Streamed, stream_files
from coopkg.build.validation import DEFAULT_ENGINE, shapes_path
from coopkg.build.validation import engine as shacl_engine
from coopkg.sparql.catalogue import NamedQuery, load_checks
from coopkg.store.embedded import EmbeddedRepository
from coopkg.store.layout import STORE, discard, new_build_dir, swap_in
from coopkg.store.report import CHECKS, REPORT_FILE, SPARQL_COMPONENT, ValidationReport, ValidationResult

STATEMENTS = "statements.nt"  # the validators' input, removed once validated
DESCRIBED_NODES = 5000  # focus nodes whose files a report names, at most


@dataclass
class Outcome:
    """What a build or a validation found, and how long each phase took."""

    syntax_errors: list[SourceError] = field(default_factory=list)
    report: ValidationReport = field(default_factory=ValidationReport)  # SHACL and check results
    streamed: Streamed = field(default_factory=Streamed)
    timings: dict[str, float] = field(default_factory=dict)  # wall seconds per phase
    cpu: dict[str, float] = field(default_factory=dict)  # CPU seconds per phase
    store_path: Path | None = None  # the build swapped in, if any
    describing: dict[str, list[Path]] = field(default_factory=dict)  # focus node (N3) -> files stating it

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
        return self.streamed.quads

    def files_of(self, node: str) -> list[Path]:
        """The files whose statements have ``node`` (N3 form) as subject."""
        return self.describing.get(node, [])


class _Timer:
    def __init__(self, outcome: Outcome, phase: str):
        self.outcome, self.phase = outcome, phase

    def __enter__(self):
        self.start, self.cpu_start = time.perf_counter(), time.process_time()

    def __exit__(self, *exc):
        self.outcome.timings[self.phase] = time.perf_counter() - self.start
        self.outcome.cpu[self.phase] = time.process_time() - self.cpu_start


def _paths(paths: list[Path] | None) -> list[Path]:
    return paths if paths is not None else discover_files()


def _stream(paths: list[Path], outcome: Outcome, workdir: Path, store: ox.Store | None) -> Path:
    """The one pass: every file into the store (if any) and into the validators' N-Triples."""
    data = workdir / STATEMENTS
    with _Timer(outcome, "load"), data.open("wb") as handle:
        sinks = [FileSink(handle)] + ([StoreSink(store)] if store is not None else [])
        outcome.streamed = stream_files(paths, sinks)
        outcome.syntax_errors = outcome.streamed.errors
    return data


def _shacl(data: Path, outcome: Outcome, engine: str) -> None:
    with _Timer(outcome, "shacl"):
        outcome.report = shacl_engine(engine).validate(data, shapes_path())
        outcome.report.triples = outcome.streamed.quads
    data.unlink(missing_ok=True)


def load_and_validate(paths: list[Path] | None = None, outcome: Outcome | None = None,
                      engine: str = DEFAULT_ENGINE) -> Outcome:
    """Parse every file and run SHACL (no store, no checks); stops after parsing if any file is
    unreadable."""
    outcome = outcome or Outcome()
    with tempfile.TemporaryDirectory(prefix="coopkg-validate-") as tmp:
        data = _stream(_paths(paths), outcome, Path(tmp), None)
        if not outcome.syntax_errors:
            _shacl(data, outcome, engine)
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


def _checks(outcome: Outcome, store: ox.Store, location: str) -> None:
    with _Timer(outcome, "checks"):
        outcome.report.results += run_checks(EmbeddedRepository(store, location))
        outcome.report.sorted()
    outcome.describing = describing(store, outcome)


def describing(store: ox.Store, outcome: Outcome) -> dict[str, list[Path]]:
    """For the focus nodes of the report (at most ``DESCRIBED_NODES``), the files that state
    something about them: their named graphs in the store, and the files of each graph."""
    files_of_graph = outcome.streamed.files_of_graph()
    found: dict[str, list[Path]] = {}
    for result in outcome.report.results:
        node = result.focus_node
        if node in found or len(found) >= DESCRIBED_NODES or not node.startswith("<"):
            continue
        graphs = {q.graph_name.value for q in store.quads_for_pattern(ox.NamedNode(node[1:-1]), None, None)
                  if isinstance(q.graph_name, ox.NamedNode)}
        found[node] = sorted({p for g in graphs for p in files_of_graph.get(g, [])})
    return found


def validate(paths: list[Path] | None = None, engine: str = DEFAULT_ENGINE) -> Outcome:
    """Everything a build checks, with no build written (the checks run on a temporary store)."""
    outcome = Outcome()
    with tempfile.TemporaryDirectory(prefix="coopkg-validate-") as tmp:
        store = ox.Store(str(Path(tmp) / STORE))
        data = _stream(_paths(paths), outcome, Path(tmp), store)
        if not outcome.syntax_errors:
            _shacl(data, outcome, engine)
            _checks(outcome, store, tmp)
        del store
    return outcome


def build(paths: list[Path] | None = None, root: Path | None = None, engine: str = DEFAULT_ENGINE) -> Outcome:
    """Validate, write a new build beside the served one, and swap it in if nothing is violated.

    The checks run on the staging store even when SHACL found violations, so that one report
    lists every problem; the staging folder is then removed and the served build is untouched.
    """
    started = datetime.now(timezone.utc)
    outcome = Outcome()
    partial = new_build_dir(root)
    try:
        staging = ox.Store(str(partial / STORE))
        data = _stream(_paths(paths), outcome, partial, staging)
        if outcome.syntax_errors:
            del staging
            discard(partial)
            return outcome
        _shacl(data, outcome, engine)
        _checks(outcome, staging, str(partial))
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

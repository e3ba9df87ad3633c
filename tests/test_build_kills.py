"""A build killed (SIGKILL) at any point leaves the served store opening and answering as before:
a generated dataset (benchmarks/generate.py) is built once, then a second build of different data
is killed at each phase, the swap included. The kill is the process's own SIGKILL from inside
the phase (fault injection), so it lands exactly there, never after a guessed delay."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from coopkg.store.embedded import EmbeddedRepository
from coopkg.store.layout import CURRENT, current_build, prune_builds

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ["SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
             "SELECT ?a ?label WHERE { ?a a coop:LocalAuthority ; skos:prefLabel ?label } ORDER BY ?a ?label LIMIT 200",
             "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"]

# Where the build is killed: the name the build calls (as the caller looks it up), and whether the
# kill comes before or after the call.
KILL_POINTS = {
    "while-writing": ("coopkg.build.streaming", "StoreSink.close", "after"),  # a batch bulk-loaded into staging
    "during-checks": ("coopkg.build.pipeline", "run_checks", "before"),
    "after-optimize": ("coopkg.store.report", "ValidationReport.save", "before"),
    "before-swap": ("coopkg.build.pipeline", "swap_in", "before"),
    "after-rename": ("pathlib", "Path.rename", "after"),  # the build folder renamed, `current` not yet moved
    "at-the-link": ("os", "replace", "before"),  # the .current.PID link made, not yet moved onto `current`
    "after-the-link": ("coopkg.store.layout", "prune_builds", "before"),  # the new build served, old not pruned
}

KILLER = r"""
import importlib, os, signal, sys
module_name, attribute, when = sys.argv[1:4]
owner = importlib.import_module(module_name)
if "." in attribute:
    class_name, attribute = attribute.split(".")
    owner = getattr(owner, class_name)
original = getattr(owner, attribute)
def killing(*args, **kwargs):
    if when == "after":
        original(*args, **kwargs)
    os.kill(os.getpid(), signal.SIGKILL)
setattr(owner, attribute, killing)
from coopkg.cli.main import main
sys.exit(main(["build"]))
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A generated project (10k quads; its shapes left out: validation is not the subject here)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import generate
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    home = tmp_path_factory.mktemp("generated")
    coverage, generate.check_coverage = generate.check_coverage, lambda *args: []  # the generator lags the shapes
    try:
        generate.generate(10_000, 7, home / "project", errors=False)
    finally:
        generate.check_coverage = coverage
    project = home / "project"
    (project / "ontology" / "shapes.ttl").write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n", encoding="utf-8")
    (project / "queries").symlink_to(ROOT / "queries")
    return project


def environment(project: Path, store: Path) -> dict:
    return {**os.environ, "COOPKG_HOME": str(project), "COOPKG_STORE": str(store),
            "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}


def answers(store: Path) -> list:
    repository = EmbeddedRepository.open(current_build(store))
    return [[tuple(str(term) for term in row) for row in repository.query(q)] for q in QUESTIONS]


@pytest.fixture(scope="module")
def served(project, tmp_path_factory):
    """The store built from the full dataset, and its answers; then one source dropped, so that
    the killed builds would answer otherwise."""
    store = tmp_path_factory.mktemp("served")
    done = subprocess.run([sys.executable, "-m", "coopkg", "build"], env=environment(project, store),
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    before = answers(store)
    dropped = max((project / "data").glob("*.trig"), key=lambda p: p.stat().st_size)
    dropped.unlink()
    return store, before


@pytest.mark.parametrize("point", list(KILL_POINTS))  # the last one changes what is served
def test_a_killed_build_leaves_the_served_store_answering(point, project, served):
    store, before = served
    module, attribute, when = KILL_POINTS[point]
    served_build = current_build(store)
    done = subprocess.run([sys.executable, "-c", KILLER, module, attribute, when], env=environment(project, store),
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == -9, f"the build was not killed at {point}: {done.returncode} {done.stderr[-2000:]}"
    if point == "at-the-link":
        assert list(store.glob(f".{CURRENT}.*")), "the kill did not land between the link and the swap"
    now = answers(store)
    if point == "after-the-link":  # the new build was swapped in whole before the kill: it is served
        assert current_build(store) != served_build and now != before
    else:
        assert current_build(store) == served_build and now == before
    serving = current_build(store)
    prune_builds(store)  # what the next build does first
    assert not list(store.glob(f".{CURRENT}.*")), "a stray swap link was left"
    assert not list((store / "builds").glob(".partial-*")), "an abandoned partial build was left"
    assert current_build(store) == serving and answers(store) == now  # cleaning kept the served build

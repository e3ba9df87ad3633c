"""The build as a user runs it: `coopkg build` on good data, then on each kind of bad input.

Each bad build must exit non-zero with a report naming the place (file:line:column, or the focus
node, the file describing it and the constraint), print no traceback, and leave the previous
store serving, unchanged.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from coopkg.cli import main as cli
from coopkg.store.embedded import EmbeddedRepository
from coopkg.store.layout import current_build

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "tests" / "fixtures" / "bad-input"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of the project (ontology, queries, data) and a store built from it."""
    home = tmp_path_factory.mktemp("project")
    for name in ("ontology", "queries", "data"):
        shutil.copytree(ROOT / name, home / name)
    store = tmp_path_factory.mktemp("store")
    saved = {k: os.environ.get(k) for k in ("COOPKG_HOME", "COOPKG_STORE")}
    os.environ["COOPKG_HOME"], os.environ["COOPKG_STORE"] = str(home), str(store)
    assert cli.main(["build"]) == 0, "the real data must build"
    yield home, store
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def build_with(project, fixture: str, capsys, extra_args=()):
    """Add one bad file to the project, run `coopkg build`, remove the file again."""
    home, store = project
    before = current_build(store)
    target = home / "data" / "test" / fixture
    target.parent.mkdir(exist_ok=True)
    shutil.copy(BAD / fixture, target)
    try:
        code = cli.main(["build", *extra_args])
    finally:
        target.unlink()
    out, err = capsys.readouterr()
    after = current_build(store)
    return code, out + err, before, after


def assert_previous_store_serves(before: Path, after: Path) -> None:
    assert after == before, "a failed build must not swap the store"
    repo = EmbeddedRepository.open(after)
    rows = list(repo.query("SELECT (COUNT(*) AS ?n) WHERE { ?p a coop:Partnership }"))
    assert int(rows[0]["n"].value) >= 60
    assert not bool(repo.query(
        "ASK { ?s ?p ?o FILTER(STRSTARTS(STR(?s), 'https://w3id.org/coopkg/id/partnership/test-')) }"))


CASES = {
    # fixture: (texts the report must contain)
    "end-before-start.trig": ("sh:LessThanOrEqualsConstraintComponent", "partnership:test-nice-saint-petersburg",
                              "data/test/end-before-start.trig", "schema:startDate"),
    "invalid-date.trig": ("sh:DatatypeConstraintComponent", "partnership:test-nice-saint-petersburg",
                          "data/test/invalid-date.trig", "2016-02-30"),
    "missing-french-label.trig": ("cshape:NamedThingShape-prefLabel-fr", "partnership:test-nice-saint-petersburg",
                                  "data/test/missing-french-label.trig"),
    "partnership-one-party.trig": ("sh:MinCountConstraintComponent", "cshape:PartnershipShape-partner",
                                   "partnership:test-nice-alone", "data/test/partnership-one-party.trig"),
    "undescribed-iri.trig": ("queries/checks/undescribed-iri-violation.rq", "auth:ru-saint-petersbrug"),
    "unknown-theme.trig": ("cshape:ThemedShape-subject", "theme:astrology", "data/test/unknown-theme.trig"),
}


@pytest.mark.parametrize("fixture", sorted(CASES))
def test_bad_input_is_reported_and_the_previous_store_serves(project, fixture, capsys):
    code, report, before, after = build_with(project, fixture, capsys)
    assert code == 1, report
    assert "Traceback" not in report
    assert "Build failed" in report and "The store was not changed" in report
    for expected in CASES[fixture]:
        assert expected in report, f"{expected!r} missing from the report:\n{report}"
    assert_previous_store_serves(before, after)


def test_malformed_turtle_names_file_line_and_column(project, capsys):
    code, report, before, after = build_with(project, "malformed-turtle.trig", capsys)
    assert code == 1
    assert "Traceback" not in report
    # The unterminated string opens on line 31; the parser reports where it gave up, with a column.
    import re

    match = re.search(r"data/test/malformed-turtle\.trig:(\d+):(\d+): ", report)
    assert match, report
    assert int(match.group(1)) >= 31
    assert_previous_store_serves(before, after)


def test_report_in_french(project, capsys):
    code, report, before, after = build_with(project, "partnership-one-party.trig", capsys, ["--lang", "fr"])
    assert code == 1
    assert "Échec de la construction" in report
    assert "Un partenariat a au moins deux coop:partner" in report
    assert_previous_store_serves(before, after)


def test_validate_writes_no_store(project, capsys, tmp_path):
    home, store = project
    before = sorted(p.name for p in (store / "builds").iterdir())
    assert cli.main(["validate"]) == 0
    out = capsys.readouterr().out
    assert "Valid: no violation" in out
    assert sorted(p.name for p in (store / "builds").iterdir()) == before


def test_a_good_build_swaps_in_a_new_store(project, capsys):
    home, store = project
    before = current_build(store)
    assert cli.main(["build"]) == 0
    out = capsys.readouterr().out
    after = current_build(store)
    assert after != before
    assert "Build succeeded" in out
    # Counts per class and per source graph end the build.
    assert "coop:Partnership" in out and "cgraph:cuf-groupe-pays-russie" in out
    # The old build is kept for readers that still hold it; older ones are pruned.
    assert before.exists()
    assert len([p for p in (store / "builds").iterdir() if not p.name.startswith(".")]) <= 2

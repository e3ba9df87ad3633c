"""Data quality of the served store: SHACL over the store's content, labels, unsourced things."""

from __future__ import annotations

from explorer_fixture import IDS

from coopkg.read import quality
from coopkg.read.labels import load_labels


def key(result):
    return (result.severity, result.constraint, result.source_shape, result.focus_node, result.result_path,
            result.value)


def test_the_saved_report_is_the_builds_own(built, repo):
    report = quality.saved_report(str(built.store_path))
    assert report is not None and report.violations == [] and report.conforms
    assert sorted(map(key, report.results)) == sorted(map(key, built.report.results))
    assert report.warnings and report.engine.startswith("shacl ") and report.triples > 8000
    result = next(r for r in report.results if r.messages.get("fr") and r.messages.get("en"))
    assert result.message("fr") != result.message("en")
    table = quality.results_table(report.results, load_labels(repo), "fr")
    assert len(table) == len(report.results) and min(len(r["message"]) for r in table) > 0
    summary = quality.results_summary(report.results, "en")
    assert sum(r["count"] for r in summary) == len(report.results)


def test_no_saved_report_for_a_store_built_elsewhere_or_a_remote_endpoint(fixture_build):
    from coopkg.store import REMOTE_KEY

    assert quality.saved_report(str(fixture_build.parent / "missing")) is None
    assert quality.saved_report(REMOTE_KEY) is None


def test_label_completeness_per_kind(fixture_repo):
    rows = {r["kind"]: r for r in quality.label_completeness(fixture_repo, "en")}
    assert rows["person"]["things"] == 2
    assert rows["person"]["fr"] == 2 and rows["person"]["en"] == 1 and rows["person"]["ru"] == 1
    assert rows["person"]["en%"] == 50.0
    assert rows["authority"]["kindLabel"] == "Local authorities"


def test_missing_labels(fixture_repo):
    missing = quality.missing_labels(fixture_repo, "en", "fr", kind="person")
    assert [r["thing"] for r in missing] == [IDS + "person/p9999"]
    assert IDS + "authority/fr-lonely" in {r["thing"] for r in quality.missing_labels(fixture_repo, "ru", "fr")}
    assert quality.missing_labels(fixture_repo, "fr", "fr", kind="authority") == []

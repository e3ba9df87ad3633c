"""Data quality of the served store: SHACL over the store's content, labels, unsourced things."""

from __future__ import annotations

from explorer_fixture import IDS, fixture_build, fixture_repo, fixture_root  # noqa: F401

from coopkg.read import quality
from coopkg.read.labels import load_labels


def test_shacl_report_of_the_store(fixture_repo):
    report = quality.shacl_report(fixture_repo)
    assert quality.shacl_report(fixture_repo) is report  # validated once per repository
    # The fixture is deliberately thin: things without an English label, a place without coordinates.
    focus = {(r.severity, r.source_shape, r.focus_node) for r in report.results}
    assert ("Warning", "cshape:TerritoryShape-lat", f"<{IDS}place/ru-nizhny-novgorod-oblast>") in focus
    assert report.elapsed > 0
    table = quality.results_table(report.results, load_labels(fixture_repo), "fr")
    row = table[(table["shape"] == "cshape:TerritoryShape-lat")
                & (table["focus"] == IDS + "place/ru-nizhny-novgorod-oblast")].iloc[0]
    assert row["focusLabel"] == "Oblast de Nijni Novgorod"
    assert row["message"] and row["message"] != quality.results_table(report.results, load_labels(fixture_repo),
                                                                       "en").loc[row.name, "message"]
    summary = quality.results_summary(report.results, "en")
    assert summary["count"].sum() == len(report.results)
    assert set(summary["severity"]) <= {"Violation", "Warning", "Info"}


def test_label_completeness_per_kind(fixture_repo):
    frame = quality.label_completeness(fixture_repo, "en").set_index("kind")
    assert frame.loc["person", "things"] == 2
    assert frame.loc["person", "fr"] == 2 and frame.loc["person", "en"] == 1 and frame.loc["person", "ru"] == 1
    assert frame.loc["person", "en%"] == 50.0
    assert frame.loc["authority", "kindLabel"] == "Local authorities"


def test_missing_labels(fixture_repo):
    missing = quality.missing_labels(fixture_repo, "en", "fr", kind="person")
    assert list(missing["thing"]) == [IDS + "person/p9999"]
    assert IDS + "authority/fr-lonely" in set(quality.missing_labels(fixture_repo, "ru", "fr")["thing"])
    assert quality.missing_labels(fixture_repo, "fr", "fr", kind="authority").empty


def test_real_store_has_no_violation(repo):
    assert quality.shacl_report(repo).violations == []

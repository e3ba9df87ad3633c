"""The validation report type: one for SHACL and check results, saved as RDF and read back."""

from __future__ import annotations

import pyoxigraph as ox

from coopkg.build import pipeline
from coopkg.store.report import CHECKS, REPORT_FILE, ValidationReport, ValidationResult, build_report

SH = "http://www.w3.org/ns/shacl#"


def sample() -> ValidationReport:
    return ValidationReport(results=[
        ValidationResult("Violation", "<https://w3id.org/coopkg/id/post/x>",
                         "^<http://www.w3.org/ns/org#member>/<http://www.w3.org/ns/org#organization>",
                         "sh:ClassConstraintComponent", "cshape:PostShape-country", '"x"@fr',
                         {"fr": "Le pays", "en": "The country"}),
        ValidationResult("Warning", "_:b1", "<http://www.w3.org/2003/01/geo/wgs84_pos#lat>",
                         "sh:MinCountConstraintComponent", "cshape:TerritoryShape-lat", None, {"en": "No latitude"}),
        ValidationResult("Violation", "<https://w3id.org/coopkg/graph/x>", None, "sh:SPARQLConstraintComponent",
                         f"<{CHECKS}named-graph-undescribed-violation>", "<https://w3id.org/coopkg/graph/x>",
                         {"en": "undescribed graph"}),
    ], engine="pyshacl 0.40.1", created="2026-12-01T10:00:00+00:00", triples=42)


def test_a_report_survives_rdf(tmp_path):
    report = sample().sorted()
    loaded = ValidationReport.load(report.save(tmp_path / REPORT_FILE))
    assert loaded.results == report.results  # paths, values, constraints and shapes kept
    assert {r.source_shape for r in loaded.results} == {r.source_shape for r in report.results}
    assert [r.messages for r in sorted(loaded.results, key=lambda r: r.source_shape)] == \
        [r.messages for r in sorted(report.results, key=lambda r: r.source_shape)]
    assert (loaded.engine, loaded.created, loaded.triples) == (report.engine, report.created, report.triples)
    check = next(r for r in loaded.results if r.is_check)
    assert check.check_name == "named-graph-undescribed-violation"
    assert len(loaded.violations) == 2 and not loaded.conforms


def test_the_saved_file_is_a_shacl_validation_report(tmp_path):
    path = sample().save(tmp_path / REPORT_FILE)
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    assert bool(store.query(f"ASK {{ ?r a <{SH}ValidationReport> ; <{SH}conforms> false ; <{SH}result> ?x . "
                            f"?x <{SH}resultSeverity> <{SH}Violation> ; <{SH}focusNode> ?f ; "
                            f"<{SH}sourceConstraintComponent> <{SH}SPARQLConstraintComponent> }}"))
    # The complex path is a SHACL path: a list whose first item is an inverse path.
    assert bool(store.query(f"ASK {{ ?x <{SH}resultPath> ?p . ?p <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> "
                            f"[ <{SH}inversePath> <http://www.w3.org/ns/org#member> ] }}"))


def test_a_build_saves_its_report_and_validate_finds_the_same(built):
    saved = build_report(built.store_path)
    validated = pipeline.validate()
    assert saved is not None
    key = lambda r: (r.severity, r.constraint, r.source_shape, r.focus_node, r.result_path, r.value)  # noqa: E731
    assert sorted(map(key, saved.results)) == sorted(map(key, validated.report.results))

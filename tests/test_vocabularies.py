"""External terms against the published vocabulary files (tests/vocabularies/, from npm packages).

Every term of an external vocabulary that ontology/, data/ or queries/ write must exist in the
vocabulary its publisher publishes; and what coopkg states about such a term must be what the
publisher states, apart from labels for the explorer and the OWL 2 DL declarations that
docs/modelling.md ("External terms") describes.
"""

from __future__ import annotations

import functools
import gzip
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.plugins.sparql import prepareQuery

from coopkg.rdf.namespaces import PREFIXES

ROOT = Path(__file__).resolve().parent.parent
VOCABULARIES = Path(__file__).resolve().parent / "vocabularies"

RDF, RDFS, OWL = PREFIXES["rdf"], PREFIXES["rdfs"], PREFIXES["owl"]
RDF_TYPE, LABEL = RDF + "type", RDFS + "label"
# schema.org publishes its vocabulary under http://schema.org/ and declares https://schema.org/ the same.
SCHEMA_HTTP = "http://schema.org/"
OWL_PROPERTY_TYPES = {OWL + "ObjectProperty", OWL + "DatatypeProperty", OWL + "AnnotationProperty"}
DECLARATION_TYPES = OWL_PROPERTY_TYPES | {OWL + "Class"}
# OWL-Time types these owl:DatatypeProperty, with datatypes outside the OWL 2 datatype map: an OWL 2
# DL ontology can only use them as annotation properties (docs/modelling.md, "External terms").
TIME_POSITIONS = {PREFIXES["time"] + local for local in ("inXSDDate", "inXSDgYear", "inXSDgYearMonth")}


def _iri(term) -> str:
    value = str(term)
    return "https://schema.org/" + value[len(SCHEMA_HTTP):] if value.startswith(SCHEMA_HTTP) else value


@functools.cache
def published() -> dict[str, dict]:
    """namespace -> {"terms": {term: {predicate: {objects}}}} for each vocabulary file."""
    vocabularies: dict[str, dict] = {}
    for path in sorted(VOCABULARIES.glob("*.nq.gz")):
        terms: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        namespaces = set()
        for quad in ox.parse(gzip.decompress(path.read_bytes()), format=ox.RdfFormat.N_QUADS):
            namespaces.add(_iri(quad.graph_name.value))
            if isinstance(quad.subject, ox.NamedNode):
                terms[_iri(quad.subject.value)][quad.predicate.value].add(_iri(quad.object.value))
        (namespace,) = namespaces
        vocabularies[namespace] = {"file": path.name, "terms": terms}
    return vocabularies


def vocabulary_of(iri: str) -> str | None:
    """The namespace of the published vocabulary ``iri`` belongs to (longest match)."""
    matches = [ns for ns in published() if iri.startswith(ns) and len(iri) > len(ns)]
    return max(matches, key=len) if matches else None


def _data_files() -> list[Path]:
    return sorted((ROOT / "ontology").glob("*.ttl")) + sorted((ROOT / "data").rglob("*.trig"))


def _rdf_iris(path: Path) -> set[str]:
    fmt = ox.RdfFormat.TRIG if path.suffix == ".trig" else ox.RdfFormat.TURTLE
    found = set()
    for quad in ox.parse(path=str(path), format=fmt):
        for term in (quad.subject, quad.predicate, quad.object):
            if isinstance(term, ox.NamedNode):
                found.add(term.value)
    return found


def _query_iris(path: Path) -> set[str]:
    found: set[str] = set()

    def walk(node):
        if isinstance(node, rdflib.URIRef):
            found.add(str(node))
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, (list, tuple, set)):
            for value in node:
                walk(value)

    query = prepareQuery(path.read_text(encoding="utf-8"), initNs=PREFIXES)
    walk(query.algebra)
    return found


def used_terms() -> dict[str, set[str]]:
    """Each IRI of a published vocabulary's namespace -> the files that write it."""
    uses: dict[str, set[str]] = defaultdict(set)
    sources = [(p, _rdf_iris(p)) for p in _data_files()]
    sources += [(p, _query_iris(p)) for p in sorted((ROOT / "queries").rglob("*.rq"))]
    for path, iris in sources:
        for iri in iris:
            if vocabulary_of(iri):
                uses[iri].add(str(path.relative_to(ROOT)))
    return uses


def test_the_vocabulary_files_are_the_packaged_ones():
    readme = (VOCABULARIES / "README.md").read_text(encoding="utf-8")
    assert len(published()) >= 15
    for namespace, vocabulary in published().items():
        assert f"`{vocabulary['file']}`" in readme, vocabulary["file"]
        assert len(vocabulary["terms"]) > 3, namespace


def test_every_external_term_exists_in_its_published_vocabulary():
    uses = used_terms()
    assert len(uses) > 100  # the check reads the ontology, the data and the queries
    missing = sorted(f"{iri}  (in {', '.join(sorted(files))})" for iri, files in uses.items()
                     if iri not in published()[vocabulary_of(iri)]["terms"])
    assert not missing, "terms that their published vocabulary does not define:\n" + "\n".join(missing)


def _ontology_statements() -> dict[str, dict[str, set[str]]]:
    statements: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for name in ("coopkg.ttl", "vocabularies.ttl"):
        for triple in ox.parse(path=str(ROOT / "ontology" / name), format=ox.RdfFormat.TURTLE):
            if isinstance(triple.subject, ox.NamedNode) and vocabulary_of(triple.subject.value):
                statements[triple.subject.value][triple.predicate.value].add(triple.object.value)
    return statements


def _declared_type_is_the_publishers(term: str, declared: set[str], theirs: set[str]) -> str | None:
    """None if coopkg's OWL declaration of ``term`` follows its publisher, else why not."""
    if OWL + "Class" in declared:
        return None if theirs & {OWL + "Class", RDFS + "Class"} else f"declared a class, published as {theirs}"
    (kind,) = declared & OWL_PROPERTY_TYPES
    owl_types = theirs & OWL_PROPERTY_TYPES
    if term in TIME_POSITIONS:
        return None if kind == OWL + "AnnotationProperty" and owl_types == {OWL + "DatatypeProperty"} else f"{kind}"
    if owl_types:
        return None if kind in owl_types else f"declared {kind}, published as {owl_types}"
    # The publisher gives no OWL type (rdf:Property only): an annotation property adds no axiom.
    return None if kind == OWL + "AnnotationProperty" else f"declared {kind}, published only as rdf:Property"


def test_external_terms_are_declared_as_their_publisher_types_them_and_said_nothing_new_of():
    deviations = []
    for term, statements in sorted(_ontology_statements().items()):
        theirs = published()[vocabulary_of(term)]["terms"].get(term, {})
        declared = statements.get(RDF_TYPE, set()) & DECLARATION_TYPES
        if declared:
            why = _declared_type_is_the_publishers(term, declared, theirs.get(RDF_TYPE, set()))
            if why:
                deviations.append(f"{term}: {why}")
        for predicate, objects in statements.items():
            if predicate == LABEL:
                continue  # labels for the explorer: annotations, no change of meaning
            for value in objects:
                if predicate == RDF_TYPE and (value in DECLARATION_TYPES or value == OWL + "NamedIndividual"):
                    continue
                if value not in theirs.get(predicate, set()):
                    deviations.append(f"{term} {predicate} {value}: not stated by its publisher")
    assert not deviations, "\n".join(deviations)


def test_every_class_and_property_the_data_uses_is_declared():
    """OWL 2 DL needs a declaration of every class and property; test_owl_profile.py checks the
    whole, this names what is missing."""
    declared = {s for s, p in ((t, k) for t, st in _ontology_statements().items() for k in st.get(RDF_TYPE, ()))
                if p in DECLARATION_TYPES}
    undeclared = set()
    for path in (p for p in _data_files() if p.name != "shapes.ttl"):  # the shapes check the data
        fmt = ox.RdfFormat.TRIG if path.suffix == ".trig" else ox.RdfFormat.TURTLE
        for quad in ox.parse(path=str(path), format=fmt):
            if vocabulary_of(quad.predicate.value) and quad.predicate.value not in declared \
                    and not quad.predicate.value.startswith((RDF, RDFS, OWL)):
                undeclared.add(quad.predicate.value)
            if quad.predicate.value == RDF_TYPE and isinstance(quad.object, ox.NamedNode) \
                    and vocabulary_of(quad.object.value) and quad.object.value not in declared \
                    and not quad.object.value.startswith((RDF, RDFS, OWL)):
                undeclared.add(quad.object.value)
    assert not undeclared, sorted(undeclared)


@pytest.mark.parametrize("term, expected", [
    ("http://www.w3.org/2006/time#inXSDgYear", True),
    ("http://www.w3.org/2006/time#inXSDGYear", False),  # the misspelling the data once used
    ("https://schema.org/roleName", True),
    ("http://purl.org/dc/terms/spatial", True),
])
def test_the_published_files_tell_existing_terms_from_misspelt_ones(term, expected):
    assert (term in published()[vocabulary_of(term)]["terms"]) is expected


def _written_by_the_code(repo) -> list[ox.Quad]:
    """What the build writes into a store (its record) and what the exports and the server add
    to what the store holds (each document's description of itself)."""
    from coopkg.read import export

    written = list(repo.quads(PREFIXES["cgraph"] + "metadata"))
    written += export.entity_quads(repo, "auth:fr-nice")
    written += export.graph_quads(repo, "wikidata-p190-2017")
    return written


def test_what_the_code_writes_uses_published_and_declared_terms(repo):
    declared = {s for s, p in ((t, k) for t, st in _ontology_statements().items() for k in st.get(RDF_TYPE, ()))
                if p in DECLARATION_TYPES}
    missing, undeclared = set(), set()
    for quad in _written_by_the_code(repo):
        for term in (quad.subject, quad.predicate, quad.object):
            if isinstance(term, ox.NamedNode) and vocabulary_of(term.value) \
                    and term.value not in published()[vocabulary_of(term.value)]["terms"]:
                missing.add(term.value)
        used = [quad.predicate] + ([quad.object] if quad.predicate.value == RDF_TYPE else [])
        for term in used:
            if isinstance(term, ox.NamedNode) and vocabulary_of(term.value) and term.value not in declared \
                    and not term.value.startswith((RDF, RDFS, OWL)):
                undeclared.add(term.value)
    assert not missing and not undeclared, (sorted(missing), sorted(undeclared))
    predicates = {q.predicate.value for q in _written_by_the_code(repo)}
    assert {PREFIXES["prov"] + "startedAtTime", PREFIXES["void"] + "triples"} <= predicates, "the record is there"

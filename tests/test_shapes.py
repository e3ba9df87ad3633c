"""SHACL shapes, ontology and vocabularies: fixtures in tests/shapes/{valid,invalid}/*.trig.

Each fixture declares in its leading comments the exact results it expects:

    # expect: Violation sh:MinCountConstraintComponent cshape:PartnershipShape-partner partnership:x

The fixture is validated as the build validates (``coopkg.build.pipeline.load_and_validate``: the
build's loader, its merge, its engine) together with ontology/coopkg.ttl and
ontology/vocabularies.ttl, and the set of (severity, constraint, source shape, focus node) must
equal the declared set: an extra or a missing result fails. ``_:`` stands for any blank node.
"""

from __future__ import annotations

import functools
import re
import tempfile
import time
from pathlib import Path

import pytest
import rdflib
from expectations import expect_lines
from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

from coopkg.build.loading import parse_file, to_rdflib_graph
from coopkg.build.pipeline import load_and_validate
from coopkg.build.validation import load_shapes, shapes_path, validate_graph
from coopkg.rdf.namespaces import PREFIXES, expand
from coopkg.store.report import ValidationReport, ValidationResult

# rdflib 7 warns about its own TriG parser internals (ConjunctiveGraph, default_context).
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology" / "coopkg.ttl"
VOCABULARIES = ROOT / "ontology" / "vocabularies.ttl"
FIXTURES = Path(__file__).resolve().parent / "shapes"

COOP = Namespace(PREFIXES["coop"])
CVOC = Namespace(PREFIXES["cvoc"])
CSHAPE = Namespace(PREFIXES["cshape"])
SCHEMA = Namespace(PREFIXES["schema"])
DCT = Namespace(PREFIXES["dct"])
VANN = Namespace(PREFIXES["vann"])
ONTOLOGY_IRI = URIRef("https://w3id.org/coopkg/ontology")

EXPECT = re.compile(r"^#\s*expect:\s*(Violation|Warning|Info)\s+(\S+)\s+(\S+)\s+(\S+)\s*$")


# --- helpers --------------------------------------------------------------------------------------

@functools.cache
def _ontology_triples() -> tuple:
    graph = rdflib.Graph()
    graph.parse(ONTOLOGY, format="turtle")
    graph.parse(VOCABULARIES, format="turtle")
    return tuple(graph)


def ontology_graph() -> rdflib.Graph:
    graph = rdflib.Graph()
    for triple in _ontology_triples():
        graph.add(triple)
    return graph


@functools.cache
def shapes_graph() -> rdflib.Graph:
    return load_shapes()


def fixture_graph(path: Path) -> rdflib.Graph:
    """Every triple of a fixture (its graphs merged), read by the build's loader."""
    parsed, errors = parse_file(path)
    assert not errors, errors
    return to_rdflib_graph([parsed])


def validate_fixture(path: Path) -> ValidationReport:
    """The fixture validated as a build validates its files (parse, merge, SHACL)."""
    outcome = load_and_validate([ONTOLOGY, VOCABULARIES, path])
    assert not outcome.syntax_errors, outcome.syntax_errors
    return outcome.report


def _focus_key(focus: str) -> str:
    if focus.startswith("_:"):
        return "_:"
    if focus.startswith("<") and focus.endswith(">"):
        return focus
    return f"<{expand(focus)}>"


def declared_expectations(path: Path) -> set[tuple[str, str, str, str]]:
    """The ``# expect:`` lines of the leading comment block."""
    return {(severity, constraint, shape, _focus_key(focus))
            for severity, constraint, shape, focus in expect_lines(path, EXPECT)}


def actual_results(report: ValidationReport) -> set[tuple[str, str, str, str]]:
    return {(r.severity, r.constraint, r.source_shape, _focus_key(r.focus_node)) for r in report.results}


def fixtures(kind: str) -> list[Path]:
    return sorted((FIXTURES / kind).glob("*.trig"))


def _fmt(items) -> str:
    return "\n".join("  " + " ".join(item) for item in sorted(items)) or "  (none)"


# --- fixtures -------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", fixtures("invalid"), ids=lambda p: p.stem)
def test_invalid_fixture_gives_exactly_the_declared_results(path):
    expected = declared_expectations(path)
    assert expected, f"{path.name} declares no '# expect:' line"
    actual = actual_results(validate_fixture(path))
    assert actual == expected, (
        f"{path.name}\nmissing:\n{_fmt(expected - actual)}\nunexpected:\n{_fmt(actual - expected)}")


@pytest.mark.parametrize("path", fixtures("valid"), ids=lambda p: p.stem)
def test_valid_fixture_has_no_violation_and_exactly_the_declared_warnings(path):
    expected = declared_expectations(path)
    assert not any(e[0] == "Violation" for e in expected), f"{path.name}: a valid fixture cannot expect a violation"
    report = validate_fixture(path)
    assert report.conforms, "\n".join(f"{r.source_shape} {r.focus_node}: {r.message()}" for r in report.violations)
    actual = actual_results(report)
    assert actual == expected, (
        f"{path.name}\nmissing:\n{_fmt(expected - actual)}\nunexpected:\n{_fmt(actual - expected)}")


def test_there_are_fixtures_of_both_kinds():
    assert len(fixtures("valid")) >= 5 and len(fixtures("invalid")) >= 30


def test_ontology_and_vocabularies_alone_give_no_result():
    report = validate_graph(ontology_graph(), shapes_graph())
    assert report.results == [], _fmt((r.severity, r.source_shape, r.focus_node) for r in report.results)


# --- coverage: every shape has a valid and an invalid fixture -------------------------------------

def _top_level_shapes(shapes: rdflib.Graph) -> set:
    targets = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
    return {s for t in targets for s in shapes.subjects(t, None)}


def _focus_nodes(shape, data: rdflib.Graph, shapes: rdflib.Graph) -> set:
    """The focus nodes of ``shape`` in ``data`` (class targets follow rdfs:subClassOf*)."""
    nodes = set(shapes.objects(shape, SH.targetNode))
    for cls in shapes.objects(shape, SH.targetClass):
        for sub in data.transitive_subjects(RDFS.subClassOf, cls):
            nodes |= set(data.subjects(RDF.type, sub))
    for prop in shapes.objects(shape, SH.targetSubjectsOf):
        nodes |= set(data.subjects(prop, None))
    for prop in shapes.objects(shape, SH.targetObjectsOf):
        nodes |= set(data.objects(None, prop))
    return nodes


def test_every_targeted_shape_has_a_focus_node_in_a_valid_fixture():
    shapes = shapes_graph()
    uncovered = set(_top_level_shapes(shapes))
    ontology = ontology_graph()
    for path in fixtures("valid"):
        own = fixture_graph(path)
        data = own + ontology  # subclass axioms come from the ontology; focus nodes from the fixture
        for shape in list(uncovered):
            if _focus_nodes(shape, data, shapes) & set(own.all_nodes()):
                uncovered.discard(shape)
    assert not uncovered, "shapes with no focus node in any valid fixture: " + ", ".join(sorted(map(str, uncovered)))


def test_every_reported_shape_is_exercised_by_an_invalid_fixture():
    """Every top-level node shape with its own constraints, and every property shape hanging
    from a top-level shape, is the source of some expected result."""
    shapes = shapes_graph()
    expected_shapes = {e[2] for path in fixtures("invalid") for e in declared_expectations(path)}
    missing = []
    node_level = {SH.nodeKind, SH["or"], SH["not"], SH["in"], SH["class"], SH.datatype}
    for shape in _top_level_shapes(shapes):
        compact = shapes.namespace_manager.normalizeUri(shape)
        constrained = (shape, SH.path, None) in shapes or set(shapes.predicates(shape, None)) & node_level
        if constrained and compact not in expected_shapes:
            missing.append(compact)
        for prop in shapes.objects(shape, SH.property):
            name = shapes.namespace_manager.normalizeUri(prop)
            if name not in expected_shapes:
                missing.append(name)
    assert not missing, "shapes no invalid fixture exercises: " + ", ".join(sorted(missing))


# --- the shapes themselves ------------------------------------------------------------------------

def _named_shapes(shapes: rdflib.Graph) -> set[URIRef]:
    typed = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape))
    return {s for s in typed if isinstance(s, URIRef)}


def test_every_shape_is_named_in_the_cshape_namespace_with_messages_and_labels_in_fr_and_en():
    shapes = shapes_graph()
    named = _named_shapes(shapes)
    assert len(named) > 80
    # No anonymous shape: every shape a result can name has an IRI.
    for prop_holder in (SH.property, SH.node, SH.qualifiedValueShape, SH["not"]):
        for value in shapes.objects(None, prop_holder):
            assert isinstance(value, URIRef), f"anonymous shape under {prop_holder}"
    for shape in named:
        assert str(shape).startswith(PREFIXES["cshape"]), shape
        messages = {m.language for m in shapes.objects(shape, SH.message)}
        labels = {m.language for m in shapes.objects(shape, RDFS.label)}
        assert {"fr", "en"} <= messages, f"{shape}: sh:message languages {messages}"
        assert {"fr", "en"} <= labels, f"{shape}: rdfs:label languages {labels}"


def test_every_targeted_property_shape_belongs_to_one_group():
    """Property shapes carry their own targets (faster in pyshacl) and are grouped for readers
    by a node shape with dct:hasPart."""
    shapes = shapes_graph()
    for shape in _top_level_shapes(shapes):
        if (shape, SH.path, None) not in shapes:
            continue
        groups = list(shapes.subjects(DCT.hasPart, shape))
        assert len(groups) == 1, f"{shape}: groups {groups}"
        assert str(shape).startswith(str(groups[0]) + "-"), f"{shape} is not named after its group {groups[0]}"
        assert not list(shapes.subjects(SH.property, shape)), f"{shape} is also nested: evaluated twice"


def test_shapes_use_core_constraints_only():
    shapes = shapes_graph()
    assert not set(shapes.subjects(SH.sparql, None)), "SHACL-SPARQL is too slow in pyshacl at scale"
    assert not set(shapes.subjects(RDF.type, SH.SPARQLConstraint))


def test_property_shapes_pin_the_contract_datatypes():
    shapes = shapes_graph()
    XSD = rdflib.XSD

    def datatype(shape):
        return shapes.value(CSHAPE[shape], SH.datatype)

    assert datatype("DatedShape-startDate") == XSD.date
    assert datatype("DatedShape-endDate") == XSD.date
    assert datatype("DatedShape-birthDate") == XSD.date
    assert datatype("DatedShape-created") == XSD.date
    assert datatype("PlaceShape-lat") == XSD.decimal
    assert datatype("PlaceShape-long") == XSD.decimal

    def datatypes_of_or(shape):
        members = rdflib.collection.Collection(shapes, shapes.value(CSHAPE[shape], SH["or"]))
        return {shapes.value(m, SH.datatype) for m in members}

    # The contract's datatype, or xsd:integer (what Oxigraph stores for every integer subtype).
    assert datatypes_of_or("CountShape-value") == {XSD.nonNegativeInteger, XSD.integer}
    assert shapes.value(CSHAPE["CountShape-value"], SH.minInclusive).toPython() == 0
    assert datatypes_of_or("EventShape-editionNumber") == {XSD.positiveInteger, XSD.integer}
    assert shapes.value(CSHAPE["EventShape-editionNumber"], SH.minInclusive).toPython() == 1
    assert shapes.value(CSHAPE["DatedShape-startDate"], SH.lessThanOrEquals) == SCHEMA.endDate
    assert shapes.value(CSHAPE["PartnershipShape-partner"], SH.minCount).toPython() == 2


# --- the ontology ---------------------------------------------------------------------------------

def _coop_terms(graph: rdflib.Graph) -> set[URIRef]:
    return {s for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(PREFIXES["coop"])}


def test_ontology_header():
    graph = ontology_graph()
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in graph
    assert graph.value(ONTOLOGY_IRI, OWL.versionIRI) == URIRef("https://w3id.org/coopkg/ontology/0.1.0")
    assert graph.value(ONTOLOGY_IRI, DCT.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert str(graph.value(ONTOLOGY_IRI, VANN.preferredNamespacePrefix)) == "coop"
    assert str(graph.value(ONTOLOGY_IRI, VANN.preferredNamespaceUri)) == PREFIXES["coop"]
    assert graph.value(ONTOLOGY_IRI, OWL.versionInfo) is not None
    assert graph.value(ONTOLOGY_IRI, DCT.creator) == URIRef(PREFIXES["organisation"] + "coopkg-editors")
    assert graph.value(ONTOLOGY_IRI, DCT.created) == Literal("2026-11-28", datatype=rdflib.XSD.date)
    # The header terms are annotation properties: OWL tools keep them as the ontology's annotations.
    for term in (DCT.title, DCT.description, DCT.license, DCT.created, DCT.creator):
        assert (term, RDF.type, OWL.AnnotationProperty) in graph, term
    assert {t.language for t in graph.objects(ONTOLOGY_IRI, DCT.title)} >= {"fr", "en"}
    assert {t.language for t in graph.objects(ONTOLOGY_IRI, DCT.description)} >= {"fr", "en"}


def test_every_coop_term_is_labelled_defined_and_aligned():
    graph = rdflib.Graph().parse(ONTOLOGY, format="turtle")
    terms = _coop_terms(graph)
    assert len(terms) > 50
    problems = []
    for term in sorted(terms):
        labels = {l.language for l in graph.objects(term, RDFS.label)}
        definitions = {d.language for d in graph.objects(term, SKOS.definition)}
        is_class = (term, RDF.type, OWL.Class) in graph
        needed = {"fr", "en", "ru"} if is_class else {"fr", "en"}
        if not needed <= labels:
            problems.append(f"{term}: labels {labels}")
        if not {"fr", "en"} <= definitions:
            problems.append(f"{term}: definitions {definitions}")
        if graph.value(term, RDFS.isDefinedBy) != ONTOLOGY_IRI:
            problems.append(f"{term}: rdfs:isDefinedBy")
        kinds = set(graph.objects(term, RDF.type))
        if not kinds & {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}:
            problems.append(f"{term}: no OWL type")
    assert not problems, "\n".join(problems)


def test_the_contract_terms_exist():
    graph = rdflib.Graph().parse(ONTOLOGY, format="turtle")
    classes = ("LocalAuthority Territory Country Network CountryGroup GoverningBody Ministry MinistryDepartment "
               "Embassy TradeRepresentation CulturalCentre Association Publisher Event Meeting Conference Workshop "
               "Forum ThematicYear CulturalEvent EventSeries Participation Count Partnership Publication "
               "PublicationEdition CooperationPhase").split()
    properties = ("country withinAuthority sirenCode inseeCode geonamesId iso31662Code wikidataId iso31661Code "
                  "editionNumber heldWithin city supportedBy coLeader hasCount participant inEvent participationRole "
                  "inCapacity onBehalfOf countSubject countOf precision partner partnershipKind partnershipStatus "
                  "involvedAuthorityKind claimedCountry retrieved eventStatus postTitle share shareOf").split()
    for name in classes:
        assert (COOP[name], RDF.type, OWL.Class) in graph, name
    for name in properties:
        assert set(graph.objects(COOP[name], RDF.type)) & {OWL.ObjectProperty, OWL.DatatypeProperty}, name
    # A note under the annotation property skos:note is an annotation property itself (OWL 2 DL).
    assert (COOP.territorialStatusNote, RDF.type, OWL.AnnotationProperty) in graph
    assert (COOP.territorialStatusNote, RDFS.subPropertyOf, SKOS.note) in graph
    # Organisations are schema:Organization: what schema:organizer, agent and publisher expect.
    for name in ("LocalAuthority", "Network", "CountryGroup", "GoverningBody", "Ministry", "MinistryDepartment",
                 "Embassy", "TradeRepresentation", "CulturalCentre", "Association", "Publisher"):
        assert (COOP[name], RDFS.subClassOf, SCHEMA.Organization) in graph, name
    # No coop property specialises a term whose published domain or values it does not respect.
    for term, superproperty in graph.subject_objects(RDFS.subPropertyOf):
        assert str(superproperty).startswith((PREFIXES["coop"], PREFIXES["skos"], PREFIXES["org"])), (term, superproperty)
    assert not set(graph.objects(COOP.partnershipKind, RDFS.subPropertyOf))
    # Alignments the shapes rely on.
    assert (COOP.LocalAuthority, RDFS.subClassOf, URIRef("http://data.europa.eu/m8g/PublicOrganisation")) in graph
    assert (COOP.Event, RDFS.subClassOf, SCHEMA.Event) in graph
    assert (COOP.Territory, RDFS.subClassOf, SCHEMA.Place) in graph


def test_every_predicate_and_class_the_fixtures_use_is_declared_with_labels():
    """The explorer names every term: what the data uses is declared with fr/en labels."""
    graph = rdflib.Graph().parse(ONTOLOGY, format="turtle")
    used = set()
    for path in fixtures("valid"):
        data = fixture_graph(path)
        used |= {p for p in data.predicates() if p != RDF.type}
        used |= set(data.objects(None, RDF.type))
    meta = (str(RDF), str(RDFS), str(OWL))  # the modelling language itself
    missing = []
    for term in sorted(t for t in used if not str(t).startswith(meta)):
        languages = {l.language for l in graph.objects(term, RDFS.label)}
        if not {"fr", "en"} <= languages:
            missing.append(str(term))
    assert not missing, "terms used by the valid fixtures without fr/en labels in the ontology:\n" + "\n".join(missing)


def test_pylode_renders_the_ontology(tmp_path):
    from pylode import OntPub

    html = OntPub(ontology=str(ONTOLOGY)).make_html()
    assert "coopkg ontology of French" in html
    for label in ("Local authority", "Partnership", "partnership kind", "Country group"):
        assert label in html, label


# --- the vocabularies -----------------------------------------------------------------------------

def test_every_concept_has_fr_en_ru_labels_and_a_scheme():
    graph = rdflib.Graph().parse(VOCABULARIES, format="turtle")
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) > 90
    schemes = set(graph.subjects(RDF.type, SKOS.ConceptScheme))
    for concept in concepts:
        languages = [l.language for l in graph.objects(concept, SKOS.prefLabel)]
        assert sorted(languages) == ["en", "fr", "ru"], (concept, languages)
        scheme = graph.value(concept, SKOS.inScheme)
        assert scheme in schemes, concept
        # Exactly one way into the hierarchy: top concept, or a broader concept of the same scheme.
        tops = set(graph.objects(concept, SKOS.topConceptOf))
        broader = set(graph.objects(concept, SKOS.broader))
        assert bool(tops) != bool(broader), concept
        for b in broader:
            assert (b, SKOS.inScheme, scheme) in graph, (concept, b)


def _in_scheme(graph, scheme: str) -> set[str]:
    return {str(c).rsplit("/", 1)[-1] for c in graph.subjects(SKOS.inScheme, CVOC[scheme])}


def test_the_contract_concepts_exist():
    graph = rdflib.Graph().parse(VOCABULARIES, format="turtle")
    themes = ("tourism heritage heritage-tourism innovation urban-services attractiveness territorial-identity "
              "urban-planning urban-development major-events culture education school-exchanges sport economy "
              "local-public-services partnerships-twinning academic-cooperation research environment gastronomy "
              "clusters-competitiveness interregional-cooperation intermunicipal-cooperation "
              "decentralised-cooperation youth health").split()
    assert set(themes) <= _in_scheme(graph, "themes")
    heritage_tourism = CVOC["theme/heritage-tourism"]
    assert set(graph.objects(heritage_tourism, SKOS.broader)) == {CVOC["theme/tourism"], CVOC["theme/heritage"]}
    assert set("commune departement region epci metropole city urban-district municipal-formation "
               "intra-city-territory oblast krai republic federal-city autonomous-okrug".split()) <= _in_scheme(graph, "authority-kinds")
    assert set("ambassador vice-minister minister special-representative trade-representative director president "
               "vice-president mayor deputy-mayor member-of-parliament council-chair minister-representative "
               "delegate technical-adviser governor vice-minister-foreign-affairs".split()) <= _in_scheme(graph, "roles")
    assert set("chair acting-chair guest-of-honour delegation-head participant speaker host excused co-leader "
               "organiser".split()) <= _in_scheme(graph, "participation-roles")
    assert set("twinning cooperation-agreement memorandum-of-understanding letter-of-intent partnership".split()) \
        <= _in_scheme(graph, "partnership-kinds")
    assert _in_scheme(graph, "event-status") == {"held", "planned"}
    assert set("participants representatives delegations local-authorities partnerships twinnings "
               "inter-university-partnerships cluster-representatives workshops".split()) <= _in_scheme(graph, "count-kinds")
    assert (CVOC["count-kind/twinnings"], SKOS.broader, CVOC["count-kind/partnerships"]) in graph
    assert _in_scheme(graph, "count-precision") == set("exact about more-than at-least just-over fewer-than".split())


def test_the_four_objectives_follow_the_cuf_sheet():
    graph = rdflib.Graph().parse(VOCABULARIES, format="turtle")
    objectives = set(graph.subjects(SKOS.inScheme, CVOC["objectives-groupe-pays-russie"]))
    assert len(objectives) == 4
    french = {str(label) for o in objectives for label in graph.objects(o, SKOS.prefLabel) if label.language == "fr"}
    for wording in ("Valorisation des différentes initiatives menées par les collectivités locales",
                    "Mutualisation des expériences",
                    "pistes d'actions aux collectivités qui souhaitent s'engager dans des coopérations avec la Russie",
                    "réflexion d'autres réseaux engagés dans la coopération franco-russe"):
        assert any(wording in label for label in french), wording


# --- the validation module ------------------------------------------------------------------------

def test_shapes_path_is_the_project_shapes_file(monkeypatch, tmp_path):
    assert shapes_path().resolve() == (ROOT / "ontology" / "shapes.ttl").resolve()
    assert len(load_shapes()) > 500
    monkeypatch.setenv("COOPKG_HOME", str(tmp_path))  # read from the settings when asked, not at import
    assert shapes_path() == tmp_path.resolve() / "ontology" / "shapes.ttl"


def test_results_carry_french_and_english_messages_from_the_shapes():
    report = validate_fixture(FIXTURES / "invalid" / "partnership-one-party.trig")
    assert not report.conforms
    [result] = report.violations
    assert result == ValidationResult(
        severity="Violation",
        focus_node="<https://w3id.org/coopkg/id/partnership/twinning-nice-nowhere>",
        result_path="<https://w3id.org/coopkg/ontology#partner>",
        constraint="sh:MinCountConstraintComponent",
        source_shape="cshape:PartnershipShape-partner",
        value=None,
    )
    assert result.messages["fr"].startswith("Un partenariat a au moins deux coop:partner")
    assert result.messages["en"].startswith("A partnership has at least two coop:partner")
    assert result.message("ru") == result.messages["en"]


def test_report_splits_violations_and_warnings():
    report = validate_fixture(FIXTURES / "invalid" / "missing-french-label.trig")
    assert {r.severity for r in report.violations} == {"Violation"}
    assert {r.severity for r in report.warnings} == {"Warning"}
    assert len(report.violations) + len(report.warnings) == len(report.results) == 3
    warnings_only = validate_fixture(FIXTURES / "valid" / "warnings-only.trig")
    assert warnings_only.conforms and warnings_only.warnings


def test_values_and_blank_nodes_in_n3_form():
    report = validate_fixture(FIXTURES / "invalid" / "negative-count.trig")
    values = {r.value for r in report.results}
    assert values == {'"-200"^^<http://www.w3.org/2001/XMLSchema#integer>',
                      '"-40"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger>',
                      '"250.5"^^<http://www.w3.org/2001/XMLSchema#decimal>'}
    [blank] = validate_fixture(FIXTURES / "invalid" / "blank-node-thing.trig").results
    assert blank.focus_node.startswith("_:") and blank.result_path is None


def test_complex_paths_are_rendered_and_unshaped_messages_fall_back_to_pyshacl():
    shapes = rdflib.Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix ex: <http://example.org/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path ( [ sh:inversePath ex:p ] ex:q ) ; sh:minCount 1 ] ,
                        [ sh:path [ sh:alternativePath ( ex:r [ sh:oneOrMorePath ex:s ] ) ] ; sh:minCount 1 ] .
    """, format="turtle")
    data = rdflib.Graph().parse(data="""
        @prefix ex: <http://example.org/> .
        ex:x a ex:C .
    """, format="turtle")
    report = validate_graph(data, shapes)
    paths = {r.result_path for r in report.results}
    assert paths == {"^<http://example.org/p>/<http://example.org/q>",
                     "<http://example.org/r>|(<http://example.org/s>+)"}
    for result in report.results:
        assert result.source_shape.startswith("_:")
        assert set(result.messages) == {"en"} and result.messages["en"]  # pyshacl's own text


def test_valid_data_stays_valid_after_an_oxigraph_round_trip():
    """The store normalises integer subtypes (xsd:nonNegativeInteger -> xsd:integer): shapes must
    accept what the explorer's quality page reads back from the store."""
    import pyoxigraph as ox

    normalised = 0
    for path in fixtures("valid"):
        store = ox.Store()
        for part in (ONTOLOGY, VOCABULARIES):
            store.load(path=str(part), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(PREFIXES["cgraph"] + "ontology"))
        store.load(path=str(path), format=ox.RdfFormat.TRIG)
        dumped = store.dump(format=ox.RdfFormat.N_QUADS)
        normalised += "nonNegativeInteger" in path.read_text(encoding="utf-8") and b"nonNegativeInteger" not in dumped
        round_trip = Path(tempfile.mkdtemp()) / "round-trip.nq"
        round_trip.write_bytes(dumped)
        report = load_and_validate([round_trip]).report
        assert report.conforms, path.name + "\n" + _fmt((r.source_shape, r.focus_node) for r in report.violations)
    assert normalised  # the store did rewrite a count's datatype: the case this test guards


# --- scale ----------------------------------------------------------------------------------------

def synthetic_graph(authorities: int) -> rdflib.Graph:
    """A realistic, valid graph: per pair of authorities, territories, a twinning, an event with
    a participation, a person with a post, and a count (about 75 triples per pair)."""
    from rdflib import XSD
    C = Namespace(PREFIXES["cid"])
    V = Namespace(PREFIXES["cvoc"])
    ORG = Namespace(PREFIXES["org"])
    FOAF = Namespace(PREFIXES["foaf"])
    GEO = Namespace(PREFIXES["geo"])
    g = ontology_graph()
    fr, ru = C["country/fr"], C["country/ru"]
    for code, node in (("FR", fr), ("RU", ru)):
        g.add((node, RDF.type, COOP.Country))
        g.add((node, COOP.iso31661Code, Literal(code)))
        for lang in ("fr", "en", "ru"):
            g.add((node, SKOS.prefLabel, Literal(code, lang=lang)))

    def labelled(node, cls, name, russian=False):
        g.add((node, RDF.type, cls))
        g.add((node, SKOS.prefLabel, Literal(name, lang="fr")))
        g.add((node, SKOS.prefLabel, Literal(name, lang="en")))
        if russian:
            g.add((node, SKOS.prefLabel, Literal(name, lang="ru")))

    for i in range(authorities // 2):
        pair = []
        for side, country in (("fr", fr), ("ru", ru)):
            auth, place = C[f"authority/{side}-town-{i}"], C[f"place/{side}-town-{i}"]
            labelled(auth, COOP.LocalAuthority, f"Town {side} {i}", russian=side == "ru")
            g.add((auth, ORG.classification, V["authority-kind/commune" if side == "fr" else "authority-kind/urban-district"]))
            g.add((auth, COOP.country, country))
            g.add((auth, DCT.spatial, place))
            labelled(place, COOP.Territory, f"Town {side} {i}", russian=True)
            g.add((place, GEO.lat, Literal(f"{40 + i % 20}.5", datatype=XSD.decimal)))
            g.add((place, GEO.long, Literal(f"{i % 60}.25", datatype=XSD.decimal)))
            pair.append(auth)
        partnership = C[f"partnership/twinning-{i}"]
        labelled(partnership, COOP.Partnership, f"Twinning {i}")
        g.add((partnership, COOP.partner, pair[0]))
        g.add((partnership, COOP.partner, pair[1]))
        g.add((partnership, COOP.partnershipKind, V["partnership-kind/twinning"]))
        g.add((partnership, DCT.date, Literal(str(1960 + i % 60), datatype=XSD.gYear)))
        g.add((partnership, DCT.subject, V["theme/culture"]))
        event, person, post, part, count = (C[f"event/e-{i}"], C[f"person/p{i:04d}"], C[f"post/p{i:04d}-mayor"],
                                            C[f"participation/e-{i}-p{i:04d}"], C[f"count/e-{i}-participants-x"])
        labelled(event, COOP.Meeting, f"Meeting {i}")
        g.add((event, SCHEMA.startDate, Literal("2016-07-05", datatype=XSD.date)))
        g.add((event, SCHEMA.endDate, Literal("2016-07-06", datatype=XSD.date)))
        g.add((event, COOP.city, C[f"place/fr-town-{i}"]))
        g.add((event, DCT.subject, V["theme/innovation"]))
        g.add((event, COOP.hasCount, count))
        labelled(person, FOAF.Person, f"Person {i}", russian=True)
        labelled(post, ORG.Membership, f"Mayor {i}")
        g.add((post, ORG.member, person))
        g.add((post, ORG.organization, pair[1]))
        g.add((post, ORG.role, V["role/mayor"]))
        labelled(part, COOP.Participation, f"Participation {i}")
        g.add((part, COOP.participant, person))
        g.add((part, COOP.inEvent, event))
        g.add((part, COOP.inCapacity, post))
        g.add((part, COOP.participationRole, V["participation-role/delegation-head"]))
        labelled(count, COOP.Count, f"Count {i}")
        g.add((count, COOP.countSubject, event))
        g.add((count, COOP.countOf, V["count-kind/participants"]))
        g.add((count, SCHEMA.value, Literal(str(i), datatype=XSD.nonNegativeInteger)))
    return g


def test_a_large_synthetic_graph_conforms_without_false_positives():
    graph = synthetic_graph(200)
    start = time.perf_counter()
    report = validate_graph(graph, shapes_graph())
    elapsed = time.perf_counter() - start
    assert report.results == [], _fmt((r.severity, r.source_shape, r.focus_node) for r in report.results[:20])
    print(f"\npyshacl: {len(graph)} triples validated in {elapsed:.2f}s")

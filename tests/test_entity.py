"""The entity page's data: labels, statements with sources, backlinks, disagreements, RDF."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from explorer_fixture import IDS, XSS_LABEL

from coopkg.read.entity import (
    ENTITY_RDF_FORMATS,
    authority_partnerships,
    describe_entity,
    entity_rdf,
    event_participants,
    load_sources,
    neighbourhood,
)
from coopkg.read.labels import load_kinds, load_labels

MEETING = IDS + "event/test-meeting-1"
NICE = IDS + "authority/fr-nice"
GRAPH = "https://w3id.org/coopkg/graph/"


def test_labels_follow_the_language_with_fallback(fixture_repo):
    labels = load_labels(fixture_repo)
    assert labels.label(IDS + "person/p0002", "fr") == "Mikhaïl Chvydkoï"
    assert labels.label(IDS + "person/p0002", "en") == "Mikhail Shvydkoy"
    assert labels.label(IDS + "person/p0002", "ru") == "Михаил Ефимович Швыдкой"
    # No English label: French first in the fallback order, then the compact IRI.
    assert labels.label(IDS + "authority/fr-lonely", "en") == "Solitaire"
    assert labels.label(IDS + "authority/nowhere", "en") == "auth:nowhere"
    assert labels.label("https://w3id.org/coopkg/ontology#Meeting", "en") == "Meeting"  # rdfs:label
    assert labels.label_language(IDS + "authority/fr-lonely", "ru") == "fr"
    assert load_labels(fixture_repo) is labels  # read once per repository


def test_kinds_follow_the_class_hierarchy(fixture_repo):
    kinds = load_kinds(fixture_repo)
    assert kinds[MEETING] == "event"  # coop:Meeting rdfs:subClassOf coop:Event
    assert kinds[NICE] == "authority"
    assert kinds[IDS + "place/fr-nice"] == "place"  # coop:Territory rdfs:subClassOf schema:Place
    assert kinds[IDS + "person/p0002"] == "person"


def test_statements_carry_their_graph_and_source(fixture_repo):
    page = describe_entity(fixture_repo, MEETING, "fr")
    assert page.exists and page.label == "Réunion d'essai" and page.kind == "event"
    assert page.classes == ["https://w3id.org/coopkg/ontology#Meeting"]
    starts = {(s.value.value, s.graph) for s in page.properties if s.predicate == "https://schema.org/startDate"}
    assert starts == {("2016-07-05", GRAPH + "source-a"), ("2016-07-06", GRAPH + "source-b")}
    start = next(s for s in page.properties if s.predicate == "https://schema.org/startDate")
    assert start.datatype == "xsd:date" and start.language == ""
    assert page.sources[GRAPH + "source-a"].title == "Minutes of the test meeting"
    assert page.sources[GRAPH + "source-a"].url == "https://example.org/minutes"
    assert {s.language for s in page.labels} == {"fr", "en"}


def test_a_javascript_address_is_never_a_link(fixture_repo):
    sources = load_sources(fixture_repo)
    assert sources[GRAPH + "source-b"].url is None
    assert sources[GRAPH + "source-b"].title == "A newspaper article"


def test_backlinks(fixture_repo):
    page = describe_entity(fixture_repo, NICE, "en")
    incoming = {(s.subject, s.predicate) for s in page.incoming}
    assert (IDS + "partnership/twinning-nice-nizhny-novgorod", "https://w3id.org/coopkg/ontology#partner") in incoming
    twinning = next(s for s in page.incoming if s.subject == IDS + "partnership/twinning-nice-nizhny-novgorod")
    assert page.sources[twinning.graph].title == "Minutes of the test meeting"


def test_an_authority_s_partnerships_with_partner_kind_dates_and_sources(fixture_repo, repo):
    rows = authority_partnerships(fixture_repo, NICE)
    assert [(r.partner, r.kind, r.dates, r.graphs) for r in rows] == [
        (IDS + "authority/ru-nizhny-novgorod", "https://w3id.org/coopkg/vocab/partnership-kind/twinning",
         ["1992-05-01"], [GRAPH + "source-a"])]
    real = authority_partnerships(repo, NICE)
    partners = {r.partner for r in real}
    assert {IDS + "authority/ru-moscow", IDS + "authority/ru-saint-petersburg", IDS + "authority/yalta"} <= partners
    assert all(r.graphs and r.kind for r in real)


def test_every_participant_of_the_6th_meeting_has_a_capacity(repo):
    rows = event_participants(repo, IDS + "event/groupe-pays-russie-meeting-6")
    assert len({r.participant for r in rows}) == 4
    assert all(r.capacity for r in rows), [r for r in rows if not r.capacity]
    assert all(r.role for r in rows)


def test_participants_of_a_meeting_without_capacities(fixture_repo):
    rows = event_participants(fixture_repo, MEETING)
    assert {(r.participant, r.capacity) for r in rows} == {(IDS + "person/p0002", None), (IDS + "person/p9999", None)}


def test_disagreements_side_by_side(fixture_repo):
    page = describe_entity(fixture_repo, MEETING, "en")
    by_predicate = {d.predicate: d for d in page.disagreements}
    start = by_predicate["https://schema.org/startDate"]
    assert {(c.graph, c.value.value) for c in start.claims} == {(GRAPH + "source-a", "2016-07-05"),
                                                                (GRAPH + "source-b", "2016-07-06")}
    count = by_predicate["https://w3id.org/coopkg/vocab/count-kind/participants"]
    assert count.about_count and {c.value.value for c in count.claims} == {"300", "250"}
    assert "https://w3id.org/coopkg/ontology#city" not in by_predicate  # both sources agree


def test_unknown_iri(fixture_repo):
    page = describe_entity(fixture_repo, IDS + "person/p4242", "fr")
    assert not page.exists and page.label == "person:p4242"


def test_neighbourhood_graph_keeps_labels_inert(fixture_repo):
    labels = load_labels(fixture_repo)
    page = describe_entity(fixture_repo, MEETING, "fr")
    hood = neighbourhood(page, labels, "fr")
    names = dict(hood.nodes)
    assert names[MEETING] == "Réunion d'essai" and names[IDS + "place/fr-nice"] == "Nice"
    assert (IDS + "participation/test-meeting-1-p0002", MEETING, "coop:inEvent") in hood.edges
    xss = neighbourhood(describe_entity(fixture_repo, IDS + "person/p9999", "fr"), labels, "fr")
    assert dict(xss.nodes)[IDS + "person/p9999"] == XSS_LABEL  # the text itself: the graph draws it as text


@pytest.mark.parametrize("fmt", ENTITY_RDF_FORMATS)
def test_entity_rdf_in_four_formats(fixture_repo, fmt):
    data = entity_rdf(fixture_repo, IDS + "person/p0002", fmt)
    parsed = list(ox.parse(data, format={"turtle": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD,
                                         "ntriples": ox.RdfFormat.N_TRIPLES, "rdfxml": ox.RdfFormat.RDF_XML}[fmt]))
    assert len(parsed) == 4  # rdf:type and three preferred labels
    assert all(t.subject == ox.NamedNode(IDS + "person/p0002") for t in parsed)
    if fmt == "jsonld":
        assert json.loads(data)


def test_sources_of_the_page(fixture_repo):
    sources = describe_entity(fixture_repo, MEETING, "en").sources
    assert set(sources) == {GRAPH + "coopkg-curation", GRAPH + "source-a", GRAPH + "source-b"}
    assert sources[GRAPH + "source-b"].url is None and sources[GRAPH + "source-a"].url == "https://example.org/minutes"


def test_real_data_entity(repo):
    page = describe_entity(repo, IDS + "event/rencontre-franco-russe-3", "fr")
    assert page.exists and page.kind == "event"
    assert any(d.predicate == "https://schema.org/startDate" for d in page.disagreements)


def test_the_backlinks_query_fetches_one_more_than_the_page_shows():
    """The page shows INCOMING_LIMIT backlinks and says when there are more: its query asks for one more."""
    from coopkg.read.entity import INCOMING_LIMIT
    from coopkg.sparql.catalogue import library_text

    assert f"LIMIT {INCOMING_LIMIT + 1}" in library_text("read/entity-backlinks")

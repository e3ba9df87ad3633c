"""The named queries of queries/: each one's metadata, and its expected answer on the real data.

Every query runs through the catalogue (``load_catalogue`` + ``NamedQuery.bind``) on the store the
session builds from the repository's files (the ``repo`` fixture), exactly as ``coopkg query`` and
the explorer run it. Rows are turned into dicts of short strings (prefixed IRIs, literal values).
"""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest

from coopkg.rdf.namespaces import compact
from coopkg.sparql.catalogue import load_catalogue
from coopkg.store.embedded import EmbeddedRepository

CATALOGUE = load_catalogue()
NAMES = sorted(CATALOGUE)
# A query whose answer on good data is empty: every named thing has an English label.
MAY_BE_EMPTY = {"missing-labels"}

CUF = "cgraph:cuf-groupe-pays-russie"
S1 = "cgraph:s1-cr-gp-russie-2016"
S2 = "cgraph:s2-crsc-2019"
S3 = "cgraph:s3-rbth-2012"
S4 = "cgraph:s4-rbth-2010"
GRAPH_NS = "https://w3id.org/coopkg/graph/"


def short(term) -> str | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return compact(term.value)
    return term.value


def run(repo, name: str, **params) -> list[dict[str, str | None]]:
    named = CATALOGUE[name]
    result = repo.query(named.text, named.bind(params))
    columns = [v.value for v in result.variables]
    return [{c: short(row[c]) for c in columns} for row in result]


def graphs(cell: str | None) -> set[str]:
    """A space-separated list of graph IRIs (GROUP_CONCAT) as prefixed names."""
    return {compact(g) for g in (cell or "").split()}


def in_order(values):
    """The values in order of first appearance."""
    seen = []
    for value in values:
        if value not in seen:
            seen.append(value)
    return seen


# --- Every query: metadata, parameters, runs as is ------------------------------------------------

def test_the_catalogue_has_at_least_15_queries():
    assert len(CATALOGUE) >= 15
    assert "conflicting-claims" in CATALOGUE


@pytest.mark.parametrize("name", NAMES)
def test_title_and_description_in_french_and_english(name):
    named = CATALOGUE[name]
    for lang in ("fr", "en"):
        assert named.titles.get(lang, "").strip(), f"{name}: no title@{lang}"
        assert len(named.descriptions.get(lang, "")) > 40, f"{name}: no description@{lang}"
    assert named.titles["fr"] != named.titles["en"] or name == "sources"


@pytest.mark.parametrize("name", NAMES)
def test_every_parameter_is_declared_with_a_default_labels_and_is_projected(name):
    named = CATALOGUE[name]
    select = named.text[named.text.index("SELECT"):named.text.index("WHERE")]
    for param in named.params:
        assert re.search(r"[?$]" + param.name + r"\b", named.text.split("SELECT", 1)[1]), param.name
        assert param.default, f"{name}: parameter {param.name} has no default"
        assert set(param.labels) >= {"fr", "en"}, f"{name}: parameter {param.name} lacks labels"
        # Oxigraph only substitutes a variable that the SELECT clause projects.
        assert re.search(r"\?" + param.name + r"\b", select), f"{name}: ?{param.name} is not projected"


@pytest.mark.parametrize("name", NAMES)
def test_every_query_runs_with_its_defaults(repo, name):
    rows = run(repo, name)
    if name not in MAY_BE_EMPTY:
        assert rows, f"{name} returned no row with its defaults"


# --- Timeline -------------------------------------------------------------------------------------

def test_timeline_has_the_seven_meetings_and_five_rencontres_in_order(repo):
    rows = run(repo, "timeline")
    meetings = in_order(r["event"] for r in rows if r["series"] == "event:groupe-pays-russie-meetings")
    rencontres = in_order(r["event"] for r in rows if r["series"] == "event:rencontres-franco-russes")
    assert meetings == [f"event:groupe-pays-russie-meeting-{n}" for n in range(1, 8)]
    assert rencontres == [f"event:rencontre-franco-russe-{n}" for n in range(1, 6)]
    keys = [r["start"] or r["date"] for r in rows]
    assert keys == sorted(keys)


def test_timeline_keeps_each_sources_dates_and_status(repo):
    rows = run(repo, "timeline")
    third = {(r["graph"], r["start"], r["end"], r["status"]) for r in rows
             if r["event"] == "event:rencontre-franco-russe-3"}
    assert third == {(CUF, "2010-11-27", "2010-11-28", "status:held"),
                     (S4, "2010-11-26", "2010-11-27", "status:planned")}
    seventh = [r for r in rows if r["event"] == "event:groupe-pays-russie-meeting-7"]
    assert [(r["start"], r["status"], r["cityLabel"]) for r in seventh] == [("2021-09-22", "status:planned", "Paris")]
    assert all(r["eventLabel"] and not r["eventLabel"].startswith("http") for r in rows)
    english = run(repo, "timeline", lang="en")
    assert "1st meeting of the Russia Country Group" in {r["eventLabel"] for r in english}


# --- Participations -------------------------------------------------------------------------------

def test_participations_give_the_role_and_the_post_of_each_source(repo):
    rows = run(repo, "participations")
    tsyb = {(r["graph"], r["role"], r["post"], r["capacityFrom"]) for r in rows
            if r["event"] == "event:groupe-pays-russie-meeting-3" and r["participant"] == "person:p0001"}
    assert tsyb == {
        (CUF, "prole:guest-of-honour", "post:p0001-vice-minister-of-economic-development", "source"),
        (S1, "prole:participant", "post:p0001-vice-minister-of-economic-development", "source"),
    }
    meshkov = {(r["graph"], r["role"], r["postRoleLabel"], r["postOrganisationLabel"]) for r in rows
               if r["event"] == "event:groupe-pays-russie-meeting-5" and r["participant"] == "person:p0003"}
    assert (CUF, "prole:delegation-head", "Ambassadeur",
            "Ambassade de la Fédération de Russie en France") in meshkov
    # Organisations take part too, without a post.
    nice = [r for r in rows if r["participant"] == "auth:fr-nice"
            and r["event"] == "event:rencontre-franco-russe-3-workshop-culture"]
    assert [(r["role"], r["post"]) for r in nice] == [("prole:co-leader", None)]


def test_event_participants_of_the_third_meeting(repo):
    rows = run(repo, "event-participants")  # default: the 3rd meeting
    assert {r["participant"] for r in rows} == {
        "person:p0101", "person:p0102", "person:p0103", "person:p0001", "person:p0104",
        "person:p0105", "person:p0106"}
    orlov = [r for r in rows if r["participant"] == "person:p0103"]
    assert [(r["post"], r["graph"], r["eventDate"]) for r in orlov] == [
        ("post:p0103-ambassador-of-russia-to-france", S1, "2016-07-05")]
    salles = {r["post"] for r in rows if r["participant"] == "person:p0101"}
    assert salles == {"post:p0101-deputy-mayor-of-nice", "post:p0101-member-of-parliament-alpes-maritimes"}


def test_event_participants_include_the_workshops_of_an_event(repo):
    rows = run(repo, "event-participants", event="event:rencontre-franco-russe-3")
    assert {(r["inEvent"], r["participant"], r["role"]) for r in rows} == {
        ("event:rencontre-franco-russe-3", "organisation:cites-unies-france", "prole:participant"),
        ("event:rencontre-franco-russe-3-workshop-culture", "organisation:cites-unies-france", "prole:co-leader"),
        ("event:rencontre-franco-russe-3-workshop-culture", "auth:fr-nice", "prole:co-leader"),
    }


FALLBACK_DATA = """
@prefix coop: <https://w3id.org/coopkg/ontology#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix schema: <https://schema.org/> .
@prefix time: <http://www.w3.org/2006/time#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix event: <https://w3id.org/coopkg/id/event/> .
@prefix participation: <https://w3id.org/coopkg/id/participation/> .
@prefix person: <https://w3id.org/coopkg/id/person/> .
@prefix post: <https://w3id.org/coopkg/id/post/> .
<https://w3id.org/coopkg/graph/test-a> {
  event:e1 schema:startDate "2016-07-05"^^xsd:date .
  participation:p1 coop:inEvent event:e1 ; coop:participant person:p9001 .
  participation:p2 coop:inEvent event:e1 ; coop:participant person:p9002 ;
      coop:inCapacity post:p9002-named .
}
<https://w3id.org/coopkg/graph/test-b> {
  post:p9001-by-year org:member person:p9001 ;
      org:memberDuring [ time:hasBeginning [ time:inXSDgYear "2008"^^xsd:gYear ] ;
                         time:hasEnd [ time:inXSDgYear "2017"^^xsd:gYear ] ] .
  post:p9001-later org:member person:p9001 ; org:memberDuring [ time:hasBeginning [ time:inXSDDate "2017-10-23"^^xsd:date ] ] .
  post:p9001-ended org:member person:p9001 ; org:memberDuring [ time:hasEnd [ time:inXSDDate "2015-12-31"^^xsd:date ] ] .
  post:p9001-undated org:member person:p9001 .
  post:p9002-by-day org:member person:p9002 ; org:memberDuring [ time:hasBeginning [ time:inXSDDate "2010-01-01"^^xsd:date ] ] .
}
"""


def test_participations_fall_back_on_the_posts_whose_dates_cover_the_event():
    store = ox.Store()
    store.load(FALLBACK_DATA.encode(), format=ox.RdfFormat.TRIG)
    rows = run(EmbeddedRepository(store), "participations")
    posts = {(r["participant"], r["post"], r["capacityFrom"]) for r in rows}
    assert posts == {
        # No post named: the one dated 2008-2017 (by year) covers 2016-07-05; the one starting in
        # 2017, the one ended in 2015 and the undated one do not.
        ("person:p9001", "post:p9001-by-year", "dates"),
        # A post named by the source: only that one, even though another one's dates cover the day.
        ("person:p9002", "post:p9002-named", "source"),
    }


# --- Partnerships and authorities ------------------------------------------------------------------

def test_partnerships_of_nice(repo):
    rows = run(repo, "authority-partnerships")  # default: Nice
    by_partnership = {r["partnership"]: r for r in rows}
    assert {r["partner"] for r in rows} >= {"auth:ru-saint-petersburg", "auth:yalta", "auth:ru-moscow"}
    loi = by_partnership["partnership:letter-of-intent-nice-yalta"]
    assert (loi["kind"], loi["startDate"]) == ("pkind:letter-of-intent", "2016-02-29")
    assert graphs(loi["graphs"]) == {"cgraph:s9-info-mediterranee-nice-yalta"}
    # Yalta carries no country: the row says so instead of showing Russia.
    assert loi["partnerCountryLabel"].startswith("(aucun pays")
    assert by_partnership["partnership:twinning-nice-saint-petersburg"]["partnerCountryLabel"] == "Russie"
    assert by_partnership["partnership:mou-nice-moscow"]["date"] == "2016"


def test_partnerships_of_bordeaux_list_every_source(repo):
    rows = run(repo, "authority-partnerships", authority="auth:fr-bordeaux", lang="en")
    spb = [r for r in rows if r["partner"] == "auth:ru-saint-petersburg"]
    assert len(spb) == 1
    assert spb[0]["date"] == "1992" and spb[0]["kindLabel"] == "Twinning"
    assert "cgraph:s9-wbomag-bordeaux" in graphs(spb[0]["graphs"])
    assert int(spb[0]["sourceCount"]) == len(graphs(spb[0]["graphs"])) >= 2


def test_authorities_within_a_region_and_a_federal_subject(repo):
    rows = run(repo, "authorities-within")  # default: Provence-Alpes-Côte d'Azur
    parent = {r["authority"]: r["parent"] for r in rows}
    assert parent["auth:fr-nice"] == "auth:fr-departement-06"
    assert parent["auth:fr-departement-06"] == "auth:fr-region-93"
    assert "auth:fr-strasbourg" not in parent
    nice = next(r for r in rows if r["authority"] == "auth:fr-nice")
    assert nice["inseeCode"] == "06088" and int(nice["partnerships"]) >= 3
    irkutsk = run(repo, "authorities-within", within="auth:ru-irkutsk-oblast")
    assert "auth:ru-irkutsk" in {r["authority"] for r in irkutsk}


def test_twinnings_by_federal_subject(repo):
    rows = run(repo, "twinnings-by-federal-subject")
    by_subject = {r["subject"]: r for r in rows}
    assert rows[0]["subject"] == "auth:ru-moscow-oblast" and rows[0]["twinnings"] == "11"
    assert "Pouchkine" in by_subject["auth:ru-saint-petersburg"]["partners"]
    # Yalta is counted on a row of its own, with no federal subject.
    crimea = by_subject[None]
    assert crimea["partners"] == "Yalta" and crimea["subjectLabel"].startswith("(aucun sujet")
    # Each twinning is counted once.
    total = list(repo.query("""
        SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE {
          ?p coop:partnershipKind pkind:twinning ; coop:partner ?fr, ?other .
          ?fr coop:country country:fr . FILTER NOT EXISTS { ?other coop:country country:fr } }"""))
    assert sum(int(r["twinnings"]) for r in rows) == int(total[0]["n"].value)


def test_partnerships_in_a_departement(repo):
    rows = run(repo, "partnerships-in-departement")  # default: Alpes-Maritimes
    pairs = {(r["french"], r["partner"]) for r in rows}
    assert {("auth:fr-antibes", "auth:ru-krasnogorsk"), ("auth:fr-menton", "auth:ru-sochi"),
            ("auth:fr-nice", "auth:ru-saint-petersburg"), ("auth:fr-nice", "auth:yalta")} <= pairs
    assert all(r["departement"] == "auth:fr-departement-06" for r in rows)
    menton = next(r for r in rows if r["french"] == "auth:fr-menton")
    assert graphs(menton["graphs"]) == {"cgraph:wikipedia-twin-towns", "cgraph:wikidata-p190-2017"}
    bouches = run(repo, "partnerships-in-departement", departement="auth:fr-departement-13")
    assert ("auth:fr-arles", "auth:ru-pskov") in {(r["french"], r["partner"]) for r in bouches}
    assert "auth:fr-nice" not in {r["french"] for r in bouches}


def test_twinning_map_gives_both_sides_coordinates_from_one_graph(repo):
    rows = run(repo, "twinning-map")
    assert len(rows) == len({r["partnership"] for r in rows}) >= 60
    nice_spb = next(r for r in rows if r["partnership"] == "partnership:twinning-nice-saint-petersburg")
    assert 43 < float(nice_spb["frenchLat"]) < 44 and 7 < float(nice_spb["frenchLong"]) < 8
    assert 59 < float(nice_spb["otherLat"]) < 60.5 and 30 < float(nice_spb["otherLong"]) < 31
    yalta = next(r for r in rows if r["partnership"] == "partnership:twinning-nice-yalta")
    assert "Crimée" in yalta["statusNote"] and 44 < float(yalta["otherLat"]) < 45
    located = [r for r in rows if r["frenchLat"] and r["otherLat"]]
    assert len(located) >= 55
    # Latitude and longitude of a side come together from the graph named beside them.
    for r in located[:10]:
        pairs = repo.query(
            "SELECT ?a ?c ?lat ?long WHERE { ?a dct:spatial ?p . GRAPH ?c { ?p geo:lat ?lat ; geo:long ?long } }",
            {"a": ox.NamedNode("https://w3id.org/coopkg/id/authority/" + r["french"].split(":")[1]),
             "c": ox.NamedNode(r["frenchCoordinates"])})
        assert (r["frenchLat"], r["frenchLong"]) in {(row["lat"].value, row["long"].value) for row in pairs}


def test_crimean_case_lists_each_sources_claim(repo):
    rows = run(repo, "crimean-case")  # default: Yalta
    claims = {(r["subject"], r["property"], r["value"], r["graph"]) for r in rows}
    assert ("auth:yalta", "coop:claimedCountry", "country:ru", "cgraph:wikidata-p190-2017") in claims
    # No source attaches a country to Yalta or its territory.
    assert not [c for c in claims if c[1] == "coop:country"]
    notes = {c[3] for c in claims if c[0] == "auth:yalta" and c[1] == "coop:territorialStatusNote"}
    assert "cgraph:s9-info-mediterranee-nice-yalta" in notes
    assert ("place:yalta", "schema:containedInPlace", "place:crimea") in {c[:3] for c in claims}
    partnerships = {(c[0], c[3]) for c in claims if c[1] == "coop:partner"}
    assert partnerships >= {("partnership:letter-of-intent-nice-yalta", "cgraph:s9-info-mediterranee-nice-yalta"),
                            ("partnership:twinning-nice-yalta", "cgraph:wikidata-p190-2017")}
    # Literals in the chosen language only.
    assert all("Crimea" in r["value"] for r in run(repo, "crimean-case", lang="en")
               if r["property"] == "coop:territorialStatusNote")


# --- Themes, posts ---------------------------------------------------------------------------------

def test_themes_over_time(repo):
    rows = run(repo, "themes-over-time")
    by_key = {(r["theme"], r["year"]): r for r in rows}
    innovation = by_key[("theme:innovation", "2010")]
    assert innovation["count"] == "1" and "3e Rencontre" in innovation["items"]
    assert graphs(innovation["graphs"]) == {CUF, S4}
    assert "Jumelages entre villes" in by_key[("theme:culture", "1960")]["items"]
    assert "theme:sport" in {r["theme"] for r in rows if r["year"] == "2021"}
    years = [int(r["year"]) for r in rows]
    assert years == sorted(years)


def test_posts_over_time(repo):
    rows = run(repo, "posts-over-time")
    ambassadors = [r for r in rows if r["organisation"] == "organisation:ru-embassy-in-france"
                   and r["post"].endswith("to-france")]
    assert in_order(r["person"] for r in ambassadors) == ["person:p0103", "person:p0003"]
    orlov = {(r["start"], r["end"], r["dateGraph"]) for r in ambassadors if r["person"] == "person:p0103"}
    # The sources date his term from 2008; its end (2017) is the editors' inference, in their graph.
    assert orlov == {("2008", None, "cgraph:s8-kommersant-3447661"), ("2008", None, "cgraph:s8-wikipedia-mechkov"),
                     (None, "2017", "cgraph:coopkg-curation")}
    meshkov = {(r["start"], r["end"], r["firstSeen"]) for r in ambassadors if r["person"] == "person:p0003"}
    assert ("2017-10-23", None, "2019-07-03") in meshkov
    salles = next(r for r in rows if r["post"] == "post:p0101-deputy-mayor-of-nice")
    assert (salles["firstSeen"], salles["lastSeen"]) == ("2012-12-13", "2019-07-03")


@pytest.mark.parametrize("date, holder", [
    ("2016-07-05", "person:p0103"),  # Orlov
    ("2019-07-03", "person:p0003"),  # Meshkov
    ("2012-01-01", "person:p0103"),
])
def test_post_holder_on_date(repo, date, holder):
    rows = run(repo, "post-holder-on-date", date=date)
    assert {r["person"] for r in rows} == {holder}
    main = next(r for r in rows if r["post"].endswith("-ambassador-of-russia-to-france"))
    if date in ("2016-07-05", "2019-07-03"):
        # Both the post's dates and an event of that day attest it.
        assert set(main["evidences"].split(", ")) == {"dates", "event"}


def test_post_holder_of_another_post(repo):
    rows = run(repo, "post-holder-on-date", organisation="organisation:ru-ministry-of-economic-development",
               role="role:vice-minister", date="2015-03-01")
    assert [(r["person"], r["start"], r["end"]) for r in rows] == [("person:p0001", "2014", "2017")]
    assert run(repo, "post-holder-on-date", organisation="organisation:ru-ministry-of-economic-development",
               role="role:vice-minister", date="2018-03-01") == []


# --- Sources and claims ------------------------------------------------------------------------------

def test_conflicting_claims(repo):
    rows = run(repo, "conflicting-claims")
    found = {(r["conflict"], r["subject"], r["property1"], r["value1"], r["graph1"], r["value2"], r["graph2"])
             for r in rows}
    assert ("date", "event:rencontre-franco-russe-3", "schema:startDate", "2010-11-27", CUF, "2010-11-26", S4) in found
    assert ("date", "event:rencontre-franco-russe-3", "schema:endDate", "2010-11-28", CUF, "2010-11-27", S4) in found
    assert ("date", "event:rencontre-franco-russe-4", "schema:startDate", "2012-12-14", CUF, "2012-12-13", S3) in found
    assert ("date-period", "event:rencontre-franco-russe-2", "schema:startDate", "2009-10-22", CUF, "2009-11", S4) in found
    # Tsybulsky's birth dates: each with the unnamed document that gives it, never one source against itself.
    assert ("date", "person:p0001", "schema:birthDate", "1979-07-15", "cgraph:s8-tsybulsky-birth-date-source-a",
            "1979-09-15", "cgraph:s8-tsybulsky-birth-date-source-b") in found
    assert not [r for r in rows if r["graph1"] == r["graph2"]]
    # Yalta's country: Wikidata's 2017 claim (Russia) against the international recognition S9 reports (Ukraine).
    s9, wikidata = "cgraph:s9-info-mediterranee-nice-yalta", "cgraph:wikidata-p190-2017"
    assert ("country", "auth:yalta", "coop:claimedCountry", "country:ua", s9, "country:ru", wikidata) in found
    # Nice-Yalta: a twinning (Wikidata) against a letter of intent (S9); a twinning against a mere
    # "partnership" (Dijon-Volgograd, S5) is no disagreement, the kinds being broader and narrower.
    kinds = {(r["subject"], r["value1"], r["value2"], r["claim1"], r["claim2"]) for r in rows if r["conflict"] == "partnership-kind"}
    assert kinds == {("auth:fr-nice", "pkind:letter-of-intent", "pkind:twinning",
                      "partnership:letter-of-intent-nice-yalta", "partnership:twinning-nice-yalta")}
    # Properties that may have several values (themes: an event may have several) are never compared.
    assert {r["property1"] for r in rows} <= {"schema:startDate", "schema:endDate", "schema:birthDate", "dct:date",
                                              "coop:country", "coop:claimedCountry", "coop:partnershipKind",
                                              "ckind:partnerships", "ckind:twinnings"}
    themes = {(r["subject"]) for r in rows if "subject" in r["property1"] or "theme" in (r["value1"] or "")}
    assert themes == set()
    counts = {(r["property1"], r["value1"], r["property2"], r["value2"]) for r in rows if r["conflict"] == "count"}
    assert ("ckind:partnerships", "40", "ckind:twinnings", "60") in counts
    # Side by side with the title of each source.
    third = next(r for r in rows if r["subject"] == "event:rencontre-franco-russe-3")
    assert third["source1Title"] == "Fiche « Groupe-pays Russie » de Cités Unies France"
    assert "RBTH" in third["source2Title"]
    # Agreeing sources (the 3rd meeting) and coarser compatible dates (2012 vs 2012-12-14) are not conflicts.
    subjects = {r["subject"] for r in rows}
    assert "event:groupe-pays-russie-meeting-3" not in subjects
    assert not [r for r in rows if r["subject"] == "event:rencontre-franco-russe-4" and r["property2"] == "dct:date"]
    # Each disagreement is listed once.
    assert len(found) == len(rows)


def test_sources_of_an_entity(repo):
    rows = run(repo, "sources-of-entity")  # default: the 3rd Rencontre
    starts = {(r["other"], r["graph"], r["publisherLabel"], r["address"]) for r in rows
              if r["position"] == "subject" and r["property"] == "schema:startDate"}
    assert starts == {
        ("2010-11-27", CUF, "Cités Unies France", None),
        ("2010-11-26", S4, "Russia Beyond the Headlines",
         "https://fr.rbth.com/articles/2010/11/02/france_russie_quand_les_regions_se_mettent_a_innover04671"),
    }
    assert ("object", "coop:inEvent", "participation:rencontre-franco-russe-3-cites-unies-france") in {
        (r["position"], r["property"], r["other"]) for r in rows}
    assert all(r["licence"] for r in rows if r["graph"] == CUF)
    # Literals only in the chosen language.
    descriptions = [r["other"] for r in rows if r["property"] == "schema:description"]
    assert descriptions and all(d.startswith("La 3ème Rencontre") for d in descriptions)


def test_sources_and_their_graphs(repo):
    rows = run(repo, "sources")
    by_graph = {}
    for r in rows:
        by_graph.setdefault(r["graph"], []).append(r)
    assert {CUF, S4, "cgraph:wikidata-p190-2017", "cgraph:coopkg-curation"} <= set(by_graph)
    cuf_quads = sum(1 for _ in repo.quads(GRAPH_NS + "cuf-groupe-pays-russie"))
    assert int(by_graph[CUF][0]["triples"]) == cuf_quads
    s4 = by_graph[S4][0]
    assert (s4["publisherLabel"], s4["issued"]) == ("Russia Beyond the Headlines", "2010-11-02")
    assert "https://creativecommons.org/publicdomain/zero/1.0/" in {
        r["sourceLicence"] for r in by_graph["cgraph:wikidata-p190-2017"]}


def test_counts(repo):
    rows = run(repo, "counts")
    facts = {(r["subject"], r["what"], r["value"], r["precisionLabel"], r["graph"]) for r in rows}
    assert ("event:rencontre-franco-russe-4", "ckind:representatives", "200", "Exact", CUF) in facts
    assert ("event:rencontre-franco-russe-4", "ckind:delegations", "40", "Plus de", S3) in facts
    assert ("organisation:cuf-groupe-pays-russie", "ckind:local-authorities", "50", "Plus de", CUF) in facts
    s7 = next(r for r in rows if r["what"] == "ckind:twinnings")
    assert s7["date"] == "2007" and s7["note"].startswith("Un peu plus de 60")


def test_missing_labels(repo):
    russian = {r["thing"] for r in run(repo, "missing-labels", lang="ru")}
    # Makarov: no Cyrillic form of his name was verified; Meshkov has one.
    assert "person:p0004" in russian
    assert "person:p0003" not in russian and "auth:ru-irkutsk" not in russian
    # French labels are required on every named thing.
    assert run(repo, "missing-labels", lang="fr") == []


# --- The country group ----------------------------------------------------------------------------

def test_objectives(repo):
    rows = run(repo, "objectives")
    assert {r["objective"] for r in rows} == {
        "objective:promoting-local-initiatives", "objective:pooling-experiences-and-partnerships",
        "objective:proposing-lines-of-action", "objective:contributing-to-other-networks"}
    assert {r["graph"] for r in rows} == {CUF}
    english = run(repo, "objectives", lang="en")
    assert "Proposing lines of action to local authorities wishing to engage in cooperation with Russia" in {
        r["objectiveLabel"] for r in english}


def test_perspectives(repo):
    rows = run(repo, "perspectives")
    dates = [r["date"] for r in rows if r["date"]]
    assert dates == sorted(dates) and dates[0] == "2021"
    meeting = next(r for r in rows if r["plan"] == "plan:groupe-pays-russie-meeting-7")
    assert (meeting["date"], meeting["object"], meeting["graph"]) == ("2021-09-22", "event:groupe-pays-russie-meeting-7", CUF)
    assert rows[-1]["plan"] == "plan:thematic-animation-groupe-pays-russie" and rows[-1]["date"] is None
    assert {r["object"] for r in rows} >= {"event:annee-croisee-2021", "event:rencontre-franco-russe-5",
                                           "pub:dossier-pays-russie", "pub:repertoire-partenariats-franco-russes"}


def test_publications(repo):
    rows = run(repo, "publications")
    dossier = next(r for r in rows if r["edition"] == "pub:dossier-pays-russie-edition-2")
    assert (dossier["editionNumber"], dossier["published"], dossier["publisherLabel"]) == ("2", "2017-10", "Cités Unies France")
    assert (dossier["plannedUpdate"], dossier["plannedUpdateDate"]) == ("plan:update-dossier-pays-russie-2022", "2022")
    repertoire = next(r for r in rows if r["publication"] == "pub:repertoire-partenariats-franco-russes")
    assert repertoire["published"] == "2017-12"


def test_cooperation_history(repo):
    rows = run(repo, "cooperation-history")
    assert [r["phase"] for r in rows][:2] == ["history:twinnings-1960s", "history:new-fields-1991"]
    first = rows[0]
    assert first["date"] == "1960" and "Culture" in first["themes"] and first["graph"] == CUF
    assert "Économie" in rows[1]["themes"]

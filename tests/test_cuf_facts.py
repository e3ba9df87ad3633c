"""Every fact of the Cités Unies France sheet "Groupe-pays Russie" can be found with a SPARQL query
in the named graph of that source, and the graph says where it comes from.

The tests follow the sheet's sections: Création, the groupe-pays, its meetings, Rôles et missions,
Événements marquants (the Rencontres franco-russes), Perspectives, Publications. Each query reads
``GRAPH cgraph:cuf-groupe-pays-russie`` only, so a fact found there is a fact of that source.
The store holds everything under ontology/ (Turtle, into cgraph:ontology) and data/ (TriG).
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from coopkg.build.loading import discover_files, parse_file, parse_files
from coopkg.rdf.namespaces import PREFIXES, compact

ROOT = Path(__file__).resolve().parent.parent
CUF = "cgraph:cuf-groupe-pays-russie"
CURATION = "cgraph:coopkg-curation"
META = "cgraph:metadata"
MY_FILES = [
    ROOT / "data" / "sources" / "cuf-groupe-pays-russie.trig",
    ROOT / "data" / "curation" / "cuf-entities.trig",
    ROOT / "data" / "curation" / "metadata.trig",
]
XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
# Oxigraph stores literals of the types derived from xsd:integer as xsd:integer; the file-level
# test below checks the datatypes as written.
INTEGER_TYPES = {XSD + t for t in ("integer", "nonNegativeInteger", "positiveInteger", "int", "long")}


@pytest.fixture(scope="module")
def store() -> ox.Store:
    """Every RDF file of the project: ontology Turtle into cgraph:ontology, TriG files as they are.
    Files of other engineers that do not parse are left out; ours are checked separately."""
    files, _errors = parse_files(discover_files(ROOT / "ontology", ROOT / "data"))
    result = ox.Store()
    for source in files:
        result.extend(source.quads)
    return result


def term(value) -> str:
    """An RDF term as a short string: prefixed IRI, ``text@lang``, ``lexical^^xsd:type``."""
    if isinstance(value, ox.NamedNode):
        return compact(value.value)
    if isinstance(value, ox.Literal):
        if value.language:
            return f"{value.value}@{value.language}"
        if value.datatype.value == XSD_STRING:
            return value.value
        if value.datatype.value in INTEGER_TYPES:
            return f"{value.value}^^xsd:integer"
        return f"{value.value}^^{compact(value.datatype.value)}"
    return str(value)


def rows(store: ox.Store, query: str) -> set[tuple[str, ...]]:
    solutions = store.query(query, prefixes=PREFIXES)
    names = [v.value for v in solutions.variables]
    return {tuple(term(s[n]) if s[n] is not None else None for n in names) for s in solutions}


def ask(store: ox.Store, query: str) -> bool:
    return bool(store.query(query, prefixes=PREFIXES))


def in_graph(graph: str, select: str, where: str) -> str:
    return f"SELECT {select} WHERE {{ GRAPH {graph} {{ {where} }} }}"


def expect(values) -> set[tuple[str, ...]]:
    return {v if isinstance(v, tuple) else (v,) for v in values}


def check(store, select, where, expected, graph=CUF):
    found = rows(store, in_graph(graph, select, where))
    assert found == expect(expected)


# --- the files themselves ---------------------------------------------------------------------------

@pytest.mark.parametrize("path", MY_FILES, ids=lambda p: p.name)
def test_file_parses_and_has_no_default_graph_triple(path):
    parsed, errors = parse_file(path)
    assert errors == [], [str(e) for e in errors]
    assert parsed.quads


def test_integer_datatypes_as_written():
    """Counts are xsd:nonNegativeInteger and edition numbers xsd:positiveInteger in the file
    (the store reports both as xsd:integer)."""
    parsed, _ = parse_file(MY_FILES[0])
    expected = {"https://schema.org/value": XSD + "nonNegativeInteger",
                "https://w3id.org/coopkg/ontology#editionNumber": XSD + "positiveInteger"}
    seen = {}
    for quad in parsed.quads:
        if quad.predicate.value in expected:
            seen.setdefault(quad.predicate.value, set()).add(quad.object.datatype.value)
    assert seen == {p: {t} for p, t in expected.items()}


def test_the_sheet_graph_holds_only_the_sheet_and_its_description():
    """The sheet's file writes into its own graph and the metadata graph, nowhere else."""
    parsed, _ = parse_file(MY_FILES[0])
    graphs = {compact(q.graph_name.value) for q in parsed.quads}
    assert graphs == {CUF, META}


# --- provenance: the graph, its source --------------------------------------------------------------

def test_graph_is_derived_from_the_sheet(store):
    check(store, "?source ?agent",
          f"{CUF} a prov:Entity, sd:Graph ; prov:wasDerivedFrom ?source ; prov:wasAttributedTo ?agent",
          [("csrc:cuf-groupe-pays-russie", "organisation:coopkg-editors")], graph=META)


def test_graph_has_titles_in_french_and_english(store):
    found = rows(store, in_graph(META, "(lang(?t) AS ?l)", f"{CUF} dct:title ?t"))
    assert found == {("fr",), ("en",)}


def test_source_description(store):
    check(store, "?publisher ?language ?issued",
          "csrc:cuf-groupe-pays-russie a prov:Entity, dct:BibliographicResource ; "
          "dct:publisher ?publisher ; dct:language ?language ; dct:issued ?issued",
          [("organisation:cites-unies-france", "http://publications.europa.eu/resource/authority/language/FRA",
            "2021^^xsd:gYear")], graph=META)


def test_source_title_names_the_sheet(store):
    assert ask(store, f"""ASK {{ GRAPH {META} {{ csrc:cuf-groupe-pays-russie dct:title ?t
        FILTER(lang(?t) = "en" && CONTAINS(?t, "Groupe-pays Russie") && CONTAINS(?t, "Cités Unies France")) }} }}""")


@pytest.mark.parametrize("phrase", [
    "Date inferred from the contents", "No URL of the sheet is known", "Licence unknown",
])
def test_source_notes_explain_what_is_unknown(store, phrase):
    assert ask(store, f"""ASK {{ GRAPH {META} {{ csrc:cuf-groupe-pays-russie skos:note ?n
        FILTER(lang(?n) = "en" && STRSTARTS(?n, "{phrase}")) }} }}""")


def test_a_fact_leads_to_its_source(store):
    """The way the explorer cites a fact: GRAPH ?g, then the graph's source in cgraph:metadata."""
    found = rows(store, """SELECT ?source ?date WHERE {
        GRAPH ?g { event:rencontre-franco-russe-4 schema:startDate ?date }
        GRAPH cgraph:metadata { ?g prov:wasDerivedFrom ?source . ?source dct:publisher organisation:cites-unies-france } }""")
    assert found == {("csrc:cuf-groupe-pays-russie", "2012-12-14^^xsd:date")}


@pytest.mark.parametrize("prop", ["schema:url", "coop:retrieved/time:inXSDDate", "dct:license"])
def test_source_states_nothing_it_does_not_know(store, prop):
    assert not ask(store, f"ASK {{ GRAPH ?g {{ csrc:cuf-groupe-pays-russie {prop} ?v }} }}")


def test_the_retrieval_of_the_sheet_is_stated_without_a_date(store):
    """The sheet was consulted, when is not recorded: an instant with no date, and a note saying why."""
    check(store, "?n", "csrc:cuf-groupe-pays-russie coop:retrieved ?i . ?i a time:Instant ; skos:note ?n "
          "FILTER(lang(?n) = 'en')", ["Not recorded: the sheet was received as a plain-text extract, with no date.@en"],
          graph=META)


# --- Création: history of the cooperation -------------------------------------------------------------

HISTORY = [
    ("1960s-date", "?d", "history:twinnings-1960s dct:date ?d", ["1960^^xsd:gYear"]),
    ("1960s-themes", "?t", "history:twinnings-1960s dct:subject ?t",
     ["theme:partnerships-twinning", "theme:culture", "theme:school-exchanges"]),
    ("1960s-kinds", "?k", "history:twinnings-1960s coop:involvedAuthorityKind ?k",
     ["akind:commune", "akind:city"]),
    ("1991-date", "?d", "history:new-fields-1991 dct:date ?d", ["1991^^xsd:gYear"]),
    ("1991-themes", "?t", "history:new-fields-1991 dct:subject ?t",
     ["theme:economy", "theme:local-public-services"]),
    ("today-date", "?d", "history:all-levels-today dct:date ?d", ["2021^^xsd:gYear"]),
    ("today-kinds", "?k", "history:all-levels-today coop:involvedAuthorityKind ?k",
     ["akind:commune", "akind:departement", "akind:region", "akind:epci"]),
    ("today-supported-by-cuf", "?o", "history:all-levels-today coop:supportedBy ?o",
     ["organisation:cites-unies-france"]),
]


@pytest.mark.parametrize("select,where,expected", [h[1:] for h in HISTORY], ids=[h[0] for h in HISTORY])
def test_history(store, select, where, expected):
    check(store, select, where, expected)


# Sentences of the sheet kept as descriptions/notes (French as printed, English translation).
TEXTS = [
    ("history:twinnings-1960s", "dct:description", "née dans les années 1960", "born in the 1960s"),
    ("history:twinnings-1960s", "dct:description", "jumelages entre villes", "twinnings between towns"),
    ("history:new-fields-1991", "dct:description", "l’effondrement de l’URSS en 1991", "collapse of the USSR"),
    ("history:new-fields-1991", "dct:description", "d’autres domaines que la culture ou l’éducation",
     "fields other than culture or education"),
    ("history:all-levels-today", "dct:description", "conseils régionaux et généraux",
     "regional and general"),
    ("history:all-levels-today", "dct:description", "puis plus récemment les structures d’intercommunalité",
     "then, more recently, intercommunal structures"),
    ("history:all-levels-today", "skos:note", "la fiche ne dit pas quand", "the sheet does not say when"),
    ("history:all-levels-today", "dct:description", "activement suivie et soutenue par Cités Unies France",
     "actively followed and supported by Cités Unies France"),
    ("organisation:cuf-groupe-pays-russie", "skos:note", "bureau exécutif de Cités Unies France du 20 février 2013",
     "executive bureau of Cités Unies France of 20 February 2013"),
    ("organisation:cuf-groupe-pays-russie", "skos:note", "soutenue par le ministère de l’Europe et des Affaires étrangères",
     "supported by the Ministry for Europe and Foreign Affairs"),
    ("organisation:cuf-groupe-pays-russie", "skos:note", "la contribution à la réflexion d’autres réseaux",
     "contributing to the thinking of other networks"),
    ("event:groupe-pays-russie-meeting-1", "schema:description", "réunion de lancement", "launch meeting"),
    ("event:groupe-pays-russie-meeting-2", "schema:description", "Forum de l’Action Internationale des Collectivités",
     "within the Forum"),
    ("event:groupe-pays-russie-meeting-3", "schema:description", "honorée par la présence de M. Alexandre Tsyboulski",
     "honoured by the presence"),
    ("event:groupe-pays-russie-meeting-5", "schema:description", "délégation russe prestigieuse et venue en grand nombre",
     "the sheet gives no figure"),
    ("event:groupe-pays-russie-meeting-6", "schema:description", "délégation russe prestigieuse et venue en grand nombre",
     "the sheet gives no figure"),
    ("event:groupe-pays-russie-meeting-7", "schema:description", "Maison de la Métropole Nice Côte d’Azur & Région Sud, Paris",
     "planned"),
    ("event:rencontres-franco-russes", "schema:description", "axées sur un thème particulier à chaque édition",
     "each edition focused on a particular theme"),
    ("event:rencontre-franco-russe-1", "schema:description", "mise en valeur du patrimoine touristique",
     "enhancement of tourist heritage"),
    ("event:rencontre-franco-russe-1", "schema:description", "savoir-faire français en matière touristique",
     "French know-how in tourism"),
    ("event:rencontre-franco-russe-2", "schema:description", "Congrès russe des Municipalités",
     "Russian Congress of Municipalities"),
    ("event:rencontre-franco-russe-3", "schema:description", "domaines d’excellence des collectivités des deux pays",
     "fields of excellence"),
    ("event:rencontre-franco-russe-3", "schema:description", "de multiples acteurs", "many actors"),
    ("event:rencontre-franco-russe-3-workshop-culture", "schema:description", "co-chef de file avec la Ville de Nice",
     "co-leader with the City of Nice"),
    ("event:rencontre-franco-russe-4", "schema:description", "ayant un lien d’échanges ou souhaitant en créer",
     "have an exchange link or wish to create one"),
    ("event:rencontre-franco-russe-4", "schema:description", "représentants des villes ou collectivités russes",
     "Russian cities or authorities"),
    ("event:rencontre-franco-russe-5", "schema:description", "fin 2021, en Russie", "end of 2021 in Russia"),
    ("count:cuf-groupe-pays-russie-local-authorities-cuf", "skos:note", "Plus de 50 collectivités", "More than 50"),
    ("count:rencontre-franco-russe-4-representatives-cuf", "skos:note", "200 représentants", "200 representatives"),
    ("count:rencontre-franco-russe-4-cluster-representatives-cuf", "skos:note", "40 représentants de clusters",
     "40 representatives of clusters"),
    ("plan:thematic-animation-groupe-pays-russie", "schema:description", "travail de coordination et de concertation",
     "coordinating"),
    ("plan:co-organise-annee-croisee-2021", "schema:description", "Année croisée franco-russe 2021", "cross year"),
    ("plan:update-dossier-pays-russie-2022", "schema:description", "prévue pour 2022", "planned for 2022"),
]


@pytest.mark.parametrize("subject,prop,fr,en", TEXTS, ids=[f"{t[0]}-{t[2][:24]}" for t in TEXTS])
def test_sheet_wording_is_kept_in_french_with_english(store, subject, prop, fr, en):
    for lang, phrase in (("fr", fr), ("en", en)):
        assert ask(store, f"""ASK {{ GRAPH {CUF} {{ {subject} {prop} ?text
            FILTER(lang(?text) = "{lang}" && CONTAINS(?text, "{phrase}")) }} }}"""), (subject, lang, phrase)


# --- The groupe-pays Russie ------------------------------------------------------------------------

GROUP = [
    ("unit-of-cuf", "?o", "organisation:cuf-groupe-pays-russie org:unitOf ?o", ["organisation:cites-unies-france"]),
    ("created", "?d", "organisation:cuf-groupe-pays-russie dct:created ?d", ["2013-02-20^^xsd:date"]),
    ("resulted-from", "?e", "organisation:cuf-groupe-pays-russie org:resultedFrom ?e",
     ["event:cuf-bureau-executif-2013-02-20"]),
    ("creation-meeting", "?org ?date ?status",
     "event:cuf-bureau-executif-2013-02-20 schema:organizer ?org ; schema:startDate ?date ; "
     "coop:eventStatus ?status",
     [("organisation:cuf-bureau-executif", "2013-02-20^^xsd:date", "status:held")]),
    ("bureau-unit-of-cuf", "?o", "organisation:cuf-bureau-executif org:unitOf ?o", ["organisation:cites-unies-france"]),
    ("animation-supported-by-meae", "?o", "organisation:cuf-groupe-pays-russie coop:supportedBy ?o",
     ["organisation:fr-meae"]),
    ("objectives", "?p", "organisation:cuf-groupe-pays-russie org:purpose ?p",
     ["objective:promoting-local-initiatives", "objective:pooling-experiences-and-partnerships",
      "objective:proposing-lines-of-action", "objective:contributing-to-other-networks"]),
    ("more-than-50-authorities", "?c ?subject ?kind ?value ?precision",
     "?c a coop:Count ; coop:countSubject ?subject ; coop:countOf ?kind ; schema:value ?value ; "
     "coop:precision ?precision FILTER(?subject = organisation:cuf-groupe-pays-russie)",
     [("count:cuf-groupe-pays-russie-local-authorities-cuf", "organisation:cuf-groupe-pays-russie",
       "ckind:local-authorities", "50^^xsd:integer", "precision:more-than")]),
    ("group-has-count", "?c", "organisation:cuf-groupe-pays-russie coop:hasCount ?c",
     ["count:cuf-groupe-pays-russie-local-authorities-cuf"]),
]


@pytest.mark.parametrize("select,where,expected", [g[1:] for g in GROUP], ids=[g[0] for g in GROUP])
def test_groupe_pays(store, select, where, expected):
    check(store, select, where, expected)


def test_objectives_are_the_four_of_the_controlled_list(store):
    """« Rôles et missions »: the group's purposes are exactly the concepts of its objectives scheme."""
    purposes = rows(store, in_graph(CUF, "?p", "organisation:cuf-groupe-pays-russie org:purpose ?p"))
    scheme = rows(store, in_graph("cgraph:ontology", "?p", "?p skos:inScheme cvoc:objectives-groupe-pays-russie"))
    assert len(purposes) == 4 and purposes == scheme


# --- The meetings of the groupe-pays ------------------------------------------------------------------

def test_seven_meetings_with_numbers_dates_and_status(store):
    check(store, "?m ?n ?start ?end ?status",
          "?m schema:superEvent event:groupe-pays-russie-meetings ; coop:editionNumber ?n ; "
          "schema:startDate ?start ; schema:endDate ?end ; coop:eventStatus ?status",
          [(f"event:groupe-pays-russie-meeting-{n}", f"{n}^^xsd:integer", f"{d}^^xsd:date",
            f"{d}^^xsd:date", f"status:{s}")
           for n, d, s in [(1, "2014-02-12", "held"), (2, "2015-06-30", "held"), (3, "2016-07-05", "held"),
                           (4, "2017-10-10", "held"), (5, "2019-07-03", "held"), (6, "2020-09-22", "held"),
                           (7, "2021-09-22", "planned")]])


def test_meetings_are_organised_by_the_group_and_cuf(store):
    for n in range(1, 8):
        check(store, "?o", f"event:groupe-pays-russie-meeting-{n} schema:organizer ?o",
              ["organisation:cuf-groupe-pays-russie", "organisation:cites-unies-france"])


MEETINGS = [
    ("2nd-within-forum-2015", "?f", "event:groupe-pays-russie-meeting-2 coop:heldWithin ?f", ["event:forum-aict-2015"]),
    ("5th-within-rencontres-2019", "?f", "event:groupe-pays-russie-meeting-5 coop:heldWithin ?f",
     ["event:forum-aict-2019"]),
    ("6th-within-rencontres-2020", "?f", "event:groupe-pays-russie-meeting-6 coop:heldWithin ?f",
     ["event:forum-aict-2020"]),
    ("forum-editions", "?f ?year",
     "?f schema:superEvent event:forum-aict ; dct:date ?year ; coop:eventStatus status:held",
     [("event:forum-aict-2015", "2015^^xsd:gYear"), ("event:forum-aict-2019", "2019^^xsd:gYear"),
      ("event:forum-aict-2020", "2020^^xsd:gYear")]),
    ("forum-of-cuf", "?o", "event:forum-aict schema:organizer ?o", ["organisation:cites-unies-france"]),
    ("forum-names-as-printed", "?l", "event:forum-aict skos:altLabel ?l",
     ["Forum de l’Action Internationale des Collectivités@fr", "Rencontres de l’AICT de CUF@fr"]),
    ("7th-venue", "?venue ?city", "event:groupe-pays-russie-meeting-7 schema:location ?venue ; coop:city ?city",
     [("place:maison-de-la-metropole-nice-cote-d-azur-region-sud-paris", "place:fr-paris")]),
    ("7th-venue-in-paris", "?p",
     "place:maison-de-la-metropole-nice-cote-d-azur-region-sud-paris schema:containedInPlace ?p", ["place:fr-paris"]),
    ("7th-venue-of-metropole-and-region", "?a",
     "place:maison-de-la-metropole-nice-cote-d-azur-region-sud-paris org:siteOf ?a",
     ["auth:fr-epci-200030195", "auth:fr-region-93"]),
    ("launch-meeting-name", "?l", "event:groupe-pays-russie-meeting-1 skos:altLabel ?l",
     ["réunion de lancement du groupe-pays Russie@fr"]),
]


@pytest.mark.parametrize("select,where,expected", [m[1:] for m in MEETINGS], ids=[m[0] for m in MEETINGS])
def test_meetings(store, select, where, expected):
    check(store, select, where, expected)


PEOPLE = {
    "person:p0001": ("post:p0001-vice-minister-of-economic-development",
                     "organisation:ru-ministry-of-economic-development", "role:vice-minister",
                     "Vice-Ministre russe du Développement économique", "Alexandre Tsyboulski"),
    "person:p0002": ("post:p0002-special-representative-for-international-cultural-cooperation",
                     "organisation:ru-presidency", "role:special-representative",
                     "Représentant spécial du Président de la Fédération de Russie pour la coopération "
                     "internationale culturelle", "Mikhail Shvydkoy"),
    "person:p0003": ("post:p0003-ambassador-of-russia-to-france", "organisation:ru-embassy-in-france",
                     "role:ambassador", "Ambassadeur de Russie en France", "Alexey Meshkov"),
    "person:p0004": ("post:p0004-trade-representative-of-russia-in-france",
                     "organisation:ru-trade-representation-in-france", "role:trade-representative",
                     "Représentant commercial de la Fédération de Russie en France", "Mikhael Makarov"),
    "person:p0005": ("post:p0005-director-of-the-russian-centre-for-science-and-culture-paris",
                     "organisation:ru-centre-for-science-and-culture-paris", "role:director",
                     "Directeur du Centre de Russie pour la science et la culture à Paris", "Konstantin Volkov"),
}


def test_posts_as_the_sheet_words_them(store):
    check(store, "?post ?person ?org ?role ?name",
          "?post a org:Membership ; org:member ?person ; org:organization ?org ; org:role ?role ; "
          "coop:postTitle ?name FILTER(lang(?name) = 'fr')",
          [(post, person, org, role, f"{name}@fr") for person, (post, org, role, name, _) in PEOPLE.items()])


def test_posts_carry_no_dates_in_the_sheet_graph(store):
    """The sheet does not date the posts; dates come from other sources' graphs."""
    assert not ask(store, f"""ASK {{ GRAPH {CUF} {{ ?post a org:Membership .
        {{ ?post schema:startDate ?d }} UNION {{ ?post schema:endDate ?d }} }} }}""")


def test_names_as_printed(store):
    check(store, "?person ?name", "?person skos:altLabel ?name FILTER(STRSTARTS(STR(?person), STR(person:)))",
          [(person, f"{printed}@fr") for person, (*_, printed) in PEOPLE.items()])


def test_participations(store):
    """3rd meeting: Tsyboulski guest of honour; 5th and 6th: the delegation led by Shvydkoy and
    Meshkov, with Makarov and Volkov; each in the post the sheet names."""
    expected = [("event:groupe-pays-russie-meeting-3", "person:p0001", "prole:guest-of-honour", PEOPLE["person:p0001"][0])]
    for n in (5, 6):
        for person, role in (("person:p0002", "delegation-head"), ("person:p0003", "delegation-head"),
                             ("person:p0004", "participant"), ("person:p0005", "participant")):
            expected.append((f"event:groupe-pays-russie-meeting-{n}", person, f"prole:{role}", PEOPLE[person][0]))
    check(store, "?event ?person ?role ?post",
          "?p a coop:Participation ; coop:inEvent ?event ; coop:participant ?person ; "
          "coop:participationRole ?role ; coop:inCapacity ?post",
          expected)


def test_participation_iris_follow_the_pattern(store):
    found = rows(store, in_graph(CUF, "?p", "?p coop:participant ?who ; coop:inEvent ?e "
                                 "FILTER(STRSTARTS(STR(?who), STR(person:)))"))
    assert {p for (p,) in found} == {"participation:groupe-pays-russie-meeting-3-p0001"} | {
        f"participation:groupe-pays-russie-meeting-{n}-p000{i}" for n in (5, 6) for i in (2, 3, 4, 5)}


# --- Événements marquants: the Rencontres franco-russes ---------------------------------------------------

def test_rencontres_editions(store):
    check(store, "?e ?n ?start ?end ?status",
          "?e schema:superEvent event:rencontres-franco-russes ; coop:editionNumber ?n ; "
          "coop:eventStatus ?status OPTIONAL { ?e schema:startDate ?start ; schema:endDate ?end }",
          [(f"event:rencontre-franco-russe-{n}", f"{n}^^xsd:integer",
            f"{s}^^xsd:date" if s else None, f"{e}^^xsd:date" if e else None, f"status:{st}")
           for n, s, e, st in [(1, "2008-11-27", "2008-11-28", "held"), (2, "2009-10-22", "2009-10-23", "held"),
                               (3, "2010-11-27", "2010-11-28", "held"), (4, "2012-12-14", "2012-12-15", "held"),
                               (5, None, None, "planned")]])


RENCONTRES = [
    ("organisers", "?o", "event:rencontres-franco-russes schema:organizer ?o",
     ["organisation:fr-meae", "organisation:fr-embassy-in-russia"]),
    ("locations", "?e ?where",
     "?e schema:superEvent event:rencontres-franco-russes ; schema:location ?where",
     [("event:rencontre-franco-russe-1", "place:ambassade-de-france-a-moscou"),
      ("event:rencontre-franco-russe-2", "place:ru-saint-petersburg"),
      ("event:rencontre-franco-russe-3", "place:fr-strasbourg"),
      ("event:rencontre-franco-russe-4", "place:fr-nice"),
      ("event:rencontre-franco-russe-5", "country:ru")]),
    ("cities", "?e ?city", "?e schema:superEvent event:rencontres-franco-russes ; coop:city ?city",
     [("event:rencontre-franco-russe-1", "place:ru-moscow"),
      ("event:rencontre-franco-russe-2", "place:ru-saint-petersburg"),
      ("event:rencontre-franco-russe-3", "place:fr-strasbourg"),
      ("event:rencontre-franco-russe-4", "place:fr-nice")]),
    ("embassy-venue", "?p ?org",
     "place:ambassade-de-france-a-moscou schema:containedInPlace ?p ; org:siteOf ?org",
     [("place:ru-moscow", "organisation:fr-embassy-in-russia")]),
    ("themes", "?e ?theme", "?e schema:superEvent event:rencontres-franco-russes ; dct:subject ?theme",
     [("event:rencontre-franco-russe-1", "theme:heritage-tourism"),
      ("event:rencontre-franco-russe-3", "theme:innovation"),
      ("event:rencontre-franco-russe-4", "theme:attractiveness"),
      ("event:rencontre-franco-russe-4", "theme:territorial-identity")]),
    ("2nd-support", "?o", "event:rencontre-franco-russe-2 coop:supportedBy ?o",
     ["organisation:ru-ministry-of-regional-development", "organisation:ru-congress-of-municipalities"]),
    ("3rd-cuf-took-part", "?who ?role",
     "?p a coop:Participation ; coop:inEvent event:rencontre-franco-russe-3 ; coop:participant ?who ; "
     "coop:participationRole ?role",
     [("organisation:cites-unies-france", "prole:participant")]),
    ("3rd-culture-workshop", "?parent ?theme ?status ?month",
     "event:rencontre-franco-russe-3-workshop-culture schema:superEvent ?parent ; dct:subject ?theme ; "
     "coop:eventStatus ?status ; dct:date ?month",
     [("event:rencontre-franco-russe-3", "theme:culture", "status:held", "2010-11^^xsd:gYearMonth")]),
    ("3rd-workshop-co-leaders", "?o", "event:rencontre-franco-russe-3-workshop-culture coop:coLeader ?o",
     ["organisation:cites-unies-france", "auth:fr-nice"]),
    ("3rd-workshop-organisers", "?o", "event:rencontre-franco-russe-3-workshop-culture schema:organizer ?o",
     ["organisation:cites-unies-france", "auth:fr-nice"]),
    ("3rd-workshop-co-leader-participations", "?who",
     "?p coop:inEvent event:rencontre-franco-russe-3-workshop-culture ; coop:participant ?who ; "
     "coop:participationRole prole:co-leader",
     ["organisation:cites-unies-france", "auth:fr-nice"]),
    ("4th-name-as-printed", "?l", "event:rencontre-franco-russe-4 skos:altLabel ?l",
     ["4ème Rencontre franco-russe de la coopération décentralisée@fr"]),
    ("4th-counts", "?c ?kind ?value ?precision",
     "event:rencontre-franco-russe-4 coop:hasCount ?c . ?c a coop:Count ; "
     "coop:countSubject event:rencontre-franco-russe-4 ; coop:countOf ?kind ; schema:value ?value ; "
     "coop:precision ?precision",
     [("count:rencontre-franco-russe-4-representatives-cuf", "ckind:representatives",
       "200^^xsd:integer", "precision:exact"),
      ("count:rencontre-franco-russe-4-cluster-representatives-cuf", "ckind:cluster-representatives",
       "40^^xsd:integer", "precision:exact")]),
    ("5th-year", "?y", "event:rencontre-franco-russe-5 dct:date ?y", ["2021^^xsd:gYear"]),
]


@pytest.mark.parametrize("select,where,expected", [r[1:] for r in RENCONTRES], ids=[r[0] for r in RENCONTRES])
def test_rencontres(store, select, where, expected):
    check(store, select, where, expected)


# --- Perspectives ------------------------------------------------------------------------------------------

def test_plans(store):
    check(store, "?plan ?object ?date",
          "?plan schema:agent organisation:cuf-groupe-pays-russie ; "
          "schema:actionStatus schema:PotentialActionStatus ; schema:object ?object "
          "OPTIONAL { ?plan dct:date ?date }",
          [("plan:groupe-pays-russie-meeting-7", "event:groupe-pays-russie-meeting-7", "2021-09-22^^xsd:date"),
           ("plan:co-organise-annee-croisee-2021", "event:annee-croisee-2021", "2021^^xsd:gYear"),
           ("plan:co-organise-rencontre-franco-russe-5", "event:rencontre-franco-russe-5", "2021^^xsd:gYear"),
           ("plan:update-dossier-pays-russie-2022", "pub:dossier-pays-russie", "2022^^xsd:gYear"),
           ("plan:update-repertoire-partenariats-franco-russes-2022", "pub:repertoire-partenariats-franco-russes",
            "2022^^xsd:gYear"),
           ("plan:thematic-animation-groupe-pays-russie", "organisation:cuf-groupe-pays-russie", None)])


PERSPECTIVES = [
    ("cross-year", "?y ?status", "event:annee-croisee-2021 dct:date ?y ; coop:eventStatus ?status",
     [("2021^^xsd:gYear", "status:planned")]),
    ("cross-year-name", "?l", "event:annee-croisee-2021 skos:altLabel ?l",
     ["Année croisée franco-russe 2021 de la coopération décentralisée@fr"]),
]


@pytest.mark.parametrize("select,where,expected", [p[1:] for p in PERSPECTIVES], ids=[p[0] for p in PERSPECTIVES])
def test_perspectives(store, select, where, expected):
    check(store, select, where, expected)


# --- Publications -------------------------------------------------------------------------------------------

PUBLICATIONS = [
    ("dossier-edition-2", "?work ?n ?date ?publisher",
     "pub:dossier-pays-russie-edition-2 schema:exampleOfWork ?work ; schema:version ?n ; "
     "dct:issued ?date ; schema:publisher ?publisher",
     [("pub:dossier-pays-russie", "2^^xsd:integer", "2017-10^^xsd:gYearMonth", "organisation:cites-unies-france")]),
    ("repertoire-2017", "?work ?date ?publisher",
     "pub:repertoire-partenariats-franco-russes-2017 schema:exampleOfWork ?work ; "
     "dct:issued ?date ; schema:publisher ?publisher",
     [("pub:repertoire-partenariats-franco-russes", "2017-12^^xsd:gYearMonth", "organisation:cites-unies-france")]),
    ("dossier-names-as-printed", "?l", "pub:dossier-pays-russie skos:altLabel ?l", ["Dossier-pays Russie@fr"]),
    ("repertoire-short-name", "?l", "pub:repertoire-partenariats-franco-russes skos:altLabel ?l",
     ["Répertoire des partenariats franco-russes@fr"]),
]


@pytest.mark.parametrize("select,where,expected", [p[1:] for p in PUBLICATIONS], ids=[p[0] for p in PUBLICATIONS])
def test_publications(store, select, where, expected):
    check(store, select, where, expected)


# --- Links to things described elsewhere ----------------------------------------------------------------------

def test_authorities_places_and_countries_named_by_the_sheet(store):
    """The sheet's graph refers to local authorities, territories and countries by the IRIs the
    slug rules give; they are described in the authorities' files."""
    found = rows(store, in_graph(CUF, "DISTINCT ?x", """{ ?s ?p ?x } UNION { ?x ?p ?o }
        FILTER(isIRI(?x) && (STRSTARTS(STR(?x), STR(auth:)) || STRSTARTS(STR(?x), STR(country:))
               || REGEX(STR(?x), "/place/(fr|ru)-")))"""))
    assert found == expect(["auth:fr-nice", "auth:fr-epci-200030195", "auth:fr-region-93", "place:fr-paris",
                            "place:fr-nice", "place:fr-strasbourg", "place:ru-moscow",
                            "place:ru-saint-petersburg", "country:ru"])


def test_every_concept_used_is_in_the_controlled_lists(store):
    """Themes, roles, kinds, statuses and objectives used by the sheet's graph are concepts of
    ontology/vocabularies.ttl, each in its scheme."""
    missing = rows(store, f"""SELECT DISTINCT ?c WHERE {{
        GRAPH {CUF} {{ ?s ?p ?c FILTER(isIRI(?c) && STRSTARTS(STR(?c), STR(cvoc:))) }}
        FILTER NOT EXISTS {{ GRAPH cgraph:ontology {{ ?c a skos:Concept ; skos:inScheme ?scheme }} }} }}""")
    assert missing == set()


# --- Curation: preferred labels and classes of what the sheet names ---------------------------------------------

RUSSIAN = {  # things that need a Russian preferred label: Russian persons and organisations, events in Russia
    "person:p0001", "person:p0002", "person:p0003", "person:p0005",
    "organisation:ru-embassy-in-france", "organisation:ru-ministry-of-economic-development",
    "organisation:ru-ministry-of-regional-development", "organisation:ru-congress-of-municipalities",
    "organisation:ru-presidency", "organisation:ru-trade-representation-in-france",
    "organisation:ru-centre-for-science-and-culture-paris",
    "event:rencontre-franco-russe-1", "event:rencontre-franco-russe-2", "event:rencontre-franco-russe-5",
    "event:rencontres-franco-russes", "event:annee-croisee-2021",
}
# Reified statements of the sheet: described in its graph, not named things of their own.
NOT_NAMED = ("participation:", "post:", "count:")
# Described by the authorities' files.
ELSEWHERE = ("auth:", "country:", "place:fr-", "place:ru-")


def named_things(store) -> set[str]:
    found = rows(store, in_graph(CUF, "DISTINCT ?x", """{ ?x ?p ?o } UNION { ?s ?p ?x }
        FILTER(isIRI(?x) && STRSTARTS(STR(?x), STR(cid:)))"""))
    return {x for (x,) in found if not x.startswith(NOT_NAMED + ELSEWHERE)}


def test_the_sheet_names_the_expected_number_of_things(store):
    # 12 organisations, 5 persons, 21 events and series, 2 venues, 4 publications, 6 plans, 3 phases
    assert len(named_things(store)) == 53


def test_every_named_thing_has_a_class_and_one_label_per_language(store):
    things = named_things(store)
    for thing in sorted(things):
        labels = rows(store, in_graph(CURATION, "?l", f"{thing} skos:prefLabel ?l"))
        langs = [label.rsplit("@", 1)[1] for (label,) in labels]
        assert sorted(set(langs)) == sorted(langs), (thing, labels)  # at most one per language
        assert "fr" in langs and "en" in langs, (thing, labels)
        if thing in RUSSIAN:
            assert "ru" in langs, thing
        assert rows(store, in_graph(CURATION, "?c", f"{thing} a ?c")), thing


def test_posts_participations_and_counts_have_one_label_per_language(store):
    """The sheet's reified statements are named too (a French label is required), in the curation graph."""
    found = rows(store, in_graph(CUF, "DISTINCT ?x", "?x a ?c FILTER(?c IN (org:Membership, coop:Participation, coop:Count))"))
    assert len(found) == 5 + 12 + 3
    for (thing,) in sorted(found):
        labels = rows(store, in_graph(CURATION, "(lang(?l) AS ?lang)", f"{thing} skos:prefLabel ?l"))
        assert sorted(labels) == [("en",), ("fr",)], thing
        everywhere = rows(store, f"SELECT ?g ?l WHERE {{ GRAPH ?g {{ {thing} skos:prefLabel ?l }} }}")
        assert {g for g, _ in everywhere} == {CURATION} and len(everywhere) == 2, (thing, everywhere)


def test_labels_are_stated_in_the_curation_graph_only(store):
    assert rows(store, in_graph(CUF, "?s", "?s skos:prefLabel ?l")) == set()


def test_classes_of_the_groupe_pays_and_its_meetings(store):
    check(store, "?x ?c", """VALUES ?x { organisation:cuf-groupe-pays-russie organisation:cuf-bureau-executif
            organisation:cites-unies-france event:cuf-bureau-executif-2013-02-20 event:groupe-pays-russie-meetings
            event:rencontre-franco-russe-3-workshop-culture event:annee-croisee-2021 event:forum-aict-2015 }
          ?x a ?c""",
          [("organisation:cuf-groupe-pays-russie", "coop:CountryGroup"),
           ("organisation:cuf-bureau-executif", "coop:GoverningBody"),
           ("organisation:cites-unies-france", "coop:Network"),
           ("event:cuf-bureau-executif-2013-02-20", "coop:Meeting"),
           ("event:cuf-bureau-executif-2013-02-20", "org:ChangeEvent"),
           ("event:groupe-pays-russie-meetings", "coop:EventSeries"),
           ("event:rencontre-franco-russe-3-workshop-culture", "coop:Workshop"),
           ("event:annee-croisee-2021", "coop:ThematicYear"),
           ("event:forum-aict-2015", "coop:Forum")], graph=CURATION)


def test_person_labels(store):
    check(store, "?p ?l", "?p a foaf:Person ; skos:prefLabel ?l FILTER(STRSTARTS(STR(?p), STR(person:p000)))", [
        ("person:p0001", "Alexandre Tsyboulski@fr"), ("person:p0001", "Alexander Tsybulsky@en"),
        ("person:p0001", "Александр Витальевич Цыбульский@ru"),
        ("person:p0002", "Mikhaïl Chvydkoï@fr"), ("person:p0002", "Mikhail Shvydkoy@en"),
        ("person:p0002", "Михаил Ефимович Швыдкой@ru"),
        ("person:p0003", "Alexeï Mechkov@fr"), ("person:p0003", "Alexey Meshkov@en"),
        ("person:p0003", "Алексей Юрьевич Мешков@ru"),
        ("person:p0004", "Mikhaïl Makarov@fr"), ("person:p0004", "Mikhail Makarov@en"),
        ("person:p0005", "Konstantin Volkov@fr"), ("person:p0005", "Konstantin Volkov@en"),
        ("person:p0005", "Константин Михайлович Волков@ru"),
    ], graph=CURATION)


def test_makarov_has_no_invented_cyrillic_name(store):
    assert not ask(store, "ASK { GRAPH ?g { person:p0004 ?p ?l FILTER(isLiteral(?l) && lang(?l) = 'ru') } }")
    assert ask(store, f"""ASK {{ GRAPH {CURATION} {{ person:p0004 skos:note ?n
        FILTER(lang(?n) = "en" && CONTAINS(?n, "No Cyrillic form")) }} }}""")


def test_editors_agent(store):
    check(store, "?c", "organisation:coopkg-editors a ?c", ["foaf:Organization", "prov:Agent"], graph=CURATION)


# --- Metadata: the curation and ontology graphs, the dataset -----------------------------------------------------

def test_editorial_graphs_are_described(store):
    check(store, "?g ?source ?agent",
          "?g a prov:Entity, sd:Graph ; prov:wasDerivedFrom ?source ; prov:wasAttributedTo ?agent ; dct:license ?l "
          "FILTER(?g IN (cgraph:coopkg-curation, cgraph:ontology))",
          [("cgraph:coopkg-curation", "csrc:coopkg-curation", "organisation:coopkg-editors"),
           ("cgraph:ontology", "csrc:coopkg-ontology", "organisation:coopkg-editors")], graph=META)


def test_curation_source_is_described(store):
    check(store, "?publisher", "csrc:coopkg-curation a prov:Entity ; dct:publisher ?publisher ; dct:description ?d "
          "FILTER(lang(?d) = 'en' && CONTAINS(?d, 'translations') && CONTAINS(?d, 'ISO 3166-2 codes') "
          "&& CONTAINS(?d, 'federal subject') && CONTAINS(?d, 'former French régions') && CONTAINS(?d, 'Orlov'))",
          ["organisation:coopkg-editors"], graph=META)


DATASET = "<https://w3id.org/coopkg/id/dataset/coopkg>"


def test_dataset_description(store):
    check(store, "?license ?publisher ?space",
          f"{DATASET} a void:Dataset, dcat:Dataset ; dct:license ?license ; dct:publisher ?publisher ; "
          "void:uriSpace ?space",
          [("https://creativecommons.org/licenses/by-sa/4.0/", "organisation:coopkg-editors",
            "https://w3id.org/coopkg/id/")], graph=META)
    endpoint = rows(store, in_graph(META, "?e", f"{DATASET} void:sparqlEndpoint ?e"))
    assert endpoint == {("https://w3id.org/coopkg/sparql",)}
    languages = rows(store, in_graph(META, "?l", f"{DATASET} dct:language ?l . ?l a dct:LinguisticSystem"))
    assert languages == {(f"http://publications.europa.eu/resource/authority/language/{code}",) for code in ("FRA", "ENG", "RUS")}
    assert rows(store, in_graph(META, "?r", f"{DATASET} dct:rights ?r . ?r a dct:RightsStatement"))
    assert rows(store, in_graph(META, "?c", f"?c a dcat:Catalog ; dcat:dataset {DATASET}"))
    for prop in ("dct:title", "dct:description", "dcat:keyword"):
        langs = rows(store, in_graph(META, "DISTINCT (lang(?v) AS ?l)", f"{DATASET} {prop} ?v"))
        assert {("fr",), ("en",)} <= langs, prop
    vocabularies = {v for (v,) in rows(store, in_graph(META, "?v", f"{DATASET} void:vocabulary ?v"))}
    assert {"https://w3id.org/coopkg/ontology"} | {
        PREFIXES[p] for p in ("schema", "org", "prov", "skos", "dct", "foaf", "time")} <= vocabularies
    # The modelling language is not an individual of the dataset (OWL 2 DL reserves its IRIs).
    assert not vocabularies & {PREFIXES["owl"], PREFIXES["rdfs"]}


FORMATS = {"trig": ("coopkg.trig", "application/trig"), "nquads": ("coopkg.nq", "application/n-quads"),
           "turtle": ("coopkg.ttl", "text/turtle"), "ntriples": ("coopkg.nt", "application/n-triples"),
           "jsonld": ("coopkg.jsonld", "application/ld+json"), "rdfxml": ("coopkg.rdf", "application/rdf+xml")}


def test_one_distribution_and_one_dump_per_export_format(store):
    from coopkg.read.export import FORMATS as EXPORT_FORMATS

    assert set(FORMATS) == set(EXPORT_FORMATS)
    found = rows(store, in_graph(META, "?d ?download ?access ?media ?license",
                                 f"{DATASET} dcat:distribution ?d ; void:dataDump ?download . "
                                 "?d a dcat:Distribution ; dcat:downloadURL ?download ; dcat:accessURL ?access ; "
                                 "dcat:mediaType ?media ; dct:license ?license . ?media a dct:MediaType"))
    assert {(d.rsplit("/", 1)[-1], download, access, media, license) for d, download, access, media, license in found} == {
        (f"coopkg-{fmt}", f"https://w3id.org/coopkg/dumps/{name}", f"https://w3id.org/coopkg/dumps/{name}",
         f"http://www.iana.org/assignments/media-types/{media}", "https://creativecommons.org/licenses/by-sa/4.0/")
        for fmt, (name, media) in FORMATS.items()}


def test_every_publisher_and_creator_of_the_metadata_is_a_named_agent(store):
    agents = rows(store, in_graph(META, "DISTINCT ?a", "?x dct:publisher|dct:creator ?a"))
    named = rows(store, in_graph(META, "DISTINCT ?a", "?a a foaf:Agent ; foaf:name ?n"))
    assert len(agents) > 15 and agents <= named


def test_every_named_graph_is_a_subset_of_the_dataset(store):
    graphs = {compact(g.value) for g in store.named_graphs()}
    subsets = rows(store, in_graph(META, "?g", f"{DATASET} void:subset ?s . "
                                   "?s a void:Dataset, sd:NamedGraph ; sd:name ?g ; dct:title ?t"))
    assert graphs <= {g for (g,) in subsets}


def test_the_dataset_lists_every_described_source(store):
    described = rows(store, in_graph(META, "DISTINCT ?s", "?s a prov:Entity FILTER(STRSTARTS(STR(?s), STR(csrc:)))"))
    listed = rows(store, in_graph(META, "?s", f"{DATASET} prov:wasDerivedFrom ?s"))
    assert listed == described
    # DCAT's dct:source is for datasets; the sources are documents.
    assert not ask(store, f"ASK {{ GRAPH ?g {{ {DATASET} dct:source ?s }} }}")


def test_every_consulted_source_says_when_without_inventing_a_date(store):
    """coop:retrieved on every source the editors consulted: none has a recorded day, so each is an
    instant with no date and a note, never a made-up date."""
    sources = rows(store, in_graph(META, "DISTINCT ?s", "?g prov:wasDerivedFrom ?s FILTER NOT EXISTS { "
                                   "?s dct:publisher organisation:coopkg-editors } FILTER NOT EXISTS { ?s dct:isReferencedBy ?o }"))
    assert len(sources) == 22  # the CUF sheet, 13 secondary sources, 8 reference sources
    for (source,) in sorted(sources):
        retrieved = rows(store, in_graph(META, "?i ?date ?note", f"{source} coop:retrieved ?i . ?i a time:Instant "
                                         "OPTIONAL { ?i time:inXSDDate ?date } OPTIONAL { ?i skos:note ?note FILTER(lang(?note) = 'en') }"))
        assert len(retrieved) == 1, (source, retrieved)
        (_, date, note), = retrieved
        assert date is None and note.startswith("Not recorded"), (source, date, note)
    assert not ask(store, "ASK { GRAPH ?g { ?s coop:retrieved ?d FILTER(isLiteral(?d)) } }")

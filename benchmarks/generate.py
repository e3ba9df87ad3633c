"""A deterministic generator of coopkg graphs, valid under the shapes, at any size.

    python benchmarks/generate.py --triples 100000 --seed 1 -o DIR [--inject-errors]

DIR receives:
  ontology/     the project's ontology, vocabularies and shapes, copied as they are
  data/*.trig   one file per source named graph, each with its PROV description in cgraph:metadata
  manifest.json seed, sizes, triples per graph and instances per class
  expected-results.json   (with --inject-errors) every SHACL result the injected errors must give

The world it makes has the real data's shape: French communes in EPCI, départements and régions
(INSEE-like codes, GeoNames-like coordinates), Russian cities in federal subjects, twinnings with
French, Russian and other cities stated by two overlapping list sources (the same partnership in
both graphs, dates that sometimes disagree), and reports (one source graph each) of meetings,
conferences, workshops, forums and thematic years with their participants, posts, counts,
publications, plans and cooperation phases. Labels are fr/en, plus ru (Cyrillic) for Russian things.

Without --inject-errors the output gives no SHACL result at all (no violation, no warning) and no
row from queries/checks/*-violation.rq. With it, a known list of errors (``inject_errors``) covers every
constraint component the targeted shapes use, and expected-results.json lists the results that
pyshacl (the reference) reports for them, as (severity, focus, path, component, shape, value) in the
N3 forms of coopkg.validation.ShapeResult.

The vocabulary choices are few and central (``TERMS``, ``KIND_CONCEPTS``; the prefixes are coopkg's),
other concepts are drawn from ontology/vocabularies.ttl, and after generating, every sh:targetClass / sh:targetSubjectsOf /
sh:targetObjectsOf of ontology/shapes.ttl is checked to have a focus node: when the shapes change,
the generator says what it no longer covers.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from coopkg.rdf.namespaces import PREFIXES, compact as _compact  # noqa: E402
ONTOLOGY_FILES = ("coopkg.ttl", "vocabularies.ttl", "shapes.ttl")


# Every class and property the generator writes, by role. When the ontology or the shapes rename
# a term (issue 9), this table is the one place to change.
TERMS = {
    # classes
    "LocalAuthority": "coop:LocalAuthority", "Territory": "coop:Territory", "Place": "schema:Place",
    "Country": "coop:Country", "Network": "coop:Network", "CountryGroup": "coop:CountryGroup",
    "GoverningBody": "coop:GoverningBody", "Ministry": "coop:Ministry",
    "MinistryDepartment": "coop:MinistryDepartment", "Embassy": "coop:Embassy",
    "TradeRepresentation": "coop:TradeRepresentation", "CulturalCentre": "coop:CulturalCentre",
    "Association": "coop:Association", "Publisher": "coop:Publisher", "Person": "foaf:Person",
    "Membership": "org:Membership", "ChangeEvent": "org:ChangeEvent", "EventSeries": "coop:EventSeries",
    "Meeting": "coop:Meeting", "Conference": "coop:Conference", "Workshop": "coop:Workshop",
    "Forum": "coop:Forum", "CulturalEvent": "coop:CulturalEvent", "ThematicYear": "coop:ThematicYear",
    "Participation": "coop:Participation", "Count": "coop:Count", "Partnership": "coop:Partnership",
    "Publication": "coop:Publication", "PublicationEdition": "coop:PublicationEdition",
    "PlanAction": "schema:PlanAction", "CooperationPhase": "coop:CooperationPhase",
    "DecentralisedCooperation": "coop:DecentralisedCooperation", "Graph": "sd:Graph",
    "Entity": "prov:Entity", "Document": "foaf:Document", "OwlClass": "owl:Class",
    "Concept": "skos:Concept",
    # properties
    "prefLabel": "skos:prefLabel", "altLabel": "skos:altLabel", "note": "skos:note",
    "inScheme": "skos:inScheme", "classification": "org:classification", "country": "coop:country",
    "spatial": "dct:spatial", "withinAuthority": "coop:withinAuthority", "memberOf": "org:memberOf",
    "unitOf": "org:unitOf", "purpose": "org:purpose", "resultedFrom": "org:resultedFrom",
    "siren": "coop:sirenCode", "insee": "coop:inseeCode", "iso31662": "coop:iso31662Code",
    "iso31661": "coop:iso31661Code", "geonames": "coop:geonamesId", "wikidata": "coop:wikidataId",
    "sameAs": "schema:sameAs", "containedInPlace": "schema:containedInPlace",
    "lat": "geo:lat", "long": "geo:long", "partner": "coop:partner",
    "partnershipKind": "coop:partnershipKind", "partnershipStatus": "coop:partnershipStatus",
    "date": "dct:date", "subject": "dct:subject", "description": "dct:description",
    "schemaDescription": "schema:description", "scopeNote": "skos:scopeNote",
    "startDate": "schema:startDate", "endDate": "schema:endDate", "superEvent": "schema:superEvent",
    "heldWithin": "coop:heldWithin", "editionNumber": "coop:editionNumber", "location": "schema:location",
    "city": "coop:city", "organizer": "schema:organizer", "supportedBy": "coop:supportedBy",
    "coLeader": "coop:coLeader", "eventStatus": "schema:eventStatus", "hasCount": "coop:hasCount",
    "givenName": "foaf:givenName", "familyName": "foaf:familyName", "birthDate": "schema:birthDate",
    "member": "org:member", "organization": "org:organization", "role": "org:role",
    "roleName": "schema:roleName", "postTitle": "coop:postTitle", "memberDuring": "org:memberDuring",
    "Interval": "time:Interval", "Instant": "time:Instant", "hasBeginning": "time:hasBeginning", "hasEnd": "time:hasEnd",
    "inXSDDate": "time:inXSDDate", "inXSDgYear": "time:inXSDgYear", "dissolutionDate": "schema:dissolutionDate",
    "language": "dct:language", "rights": "dct:rights", "RightsStatement": "dct:RightsStatement", "label": "rdfs:label",
    "participant": "coop:participant", "inEvent": "coop:inEvent",
    "participationRole": "coop:participationRole", "inCapacity": "coop:inCapacity",
    "onBehalfOf": "coop:onBehalfOf", "countSubject": "coop:countSubject", "countOf": "coop:countOf",
    "value": "schema:value", "precision": "coop:precision", "publisher": "schema:publisher",
    "exampleOfWork": "schema:exampleOfWork", "bookEdition": "schema:bookEdition",
    "datePublished": "schema:datePublished", "agent": "schema:agent", "object": "schema:object",
    "actionStatus": "schema:actionStatus", "scheduledTime": "schema:scheduledTime",
    "involvedAuthorityKind": "coop:involvedAuthorityKind", "territorialStatusNote": "coop:territorialStatusNote",
    "wasDerivedFrom": "prov:wasDerivedFrom", "title": "dct:title", "license": "dct:license",
    "wasAttributedTo": "prov:wasAttributedTo", "sourcePublisher": "dct:publisher",
    "retrieved": "coop:retrieved", "issued": "dct:issued", "created": "dct:created",
    "rdfsLabel": "rdfs:label",
}

# The concepts the generator needs by name; the others (themes, roles...) are drawn from their
# scheme in ontology/vocabularies.ttl.
KIND_CONCEPTS = {
    "commune": "akind:commune", "departement": "akind:departement", "region": "akind:region",
    "epci": "akind:epci", "city": "akind:city", "urban-district": "akind:urban-district",
    "oblast": "akind:oblast", "republic": "akind:republic", "krai": "akind:krai",
    "twinning": "pkind:twinning", "cooperation-agreement": "pkind:cooperation-agreement",
    "held": "status:held", "planned": "status:planned",
    "participants": "ckind:participants", "twinnings": "ckind:twinnings",
}
SCHEMES = {
    "themes": "cvoc:themes", "roles": "cvoc:roles", "participation-roles": "cvoc:participation-roles",
    "partnership-statuses": "cvoc:partnership-statuses", "count-kinds": "cvoc:count-kinds",
    "count-precision": "cvoc:count-precision", "authority-kinds": "cvoc:authority-kinds",
    "objectives": "cvoc:objectives-groupe-pays-russie",
}
LICENCE = "<https://creativecommons.org/licenses/by/4.0/>"

# How many of each thing per French commune (the unit of size); about 31 quads per commune.
RATES = {
    "epci": 1 / 28, "departement": 1 / 350, "region": 1 / 2000, "ru_city": 1 / 5, "ru_subject": 1 / 400,
    "foreign_city": 1 / 10, "twinning": 1 / 3, "event": 1 / 8, "publication": 1 / 800,
    "phase": 1 / 3000, "organisation": 1 / 200,
}
EVENTS_PER_REPORT = 40
FOREIGN_COUNTRIES = (("de", "Allemagne", "Germany", "Германия"), ("it", "Italie", "Italy", "Италия"),
                     ("pl", "Pologne", "Poland", "Польша"), ("gb", "Royaume-Uni", "United Kingdom", "Великобритания"),
                     ("ua", "Ukraine", "Ukraine", "Украина"), ("us", "États-Unis", "United States", "США"))


# --- names ------------------------------------------------------------------------------------------

FR_HEADS = ("Saint-", "Mont", "Beau", "Ville", "Bourg", "Château", "Roche", "Fontaine", "Clair", "Val",
            "Pont", "Font", "Mar", "Ker", "Plou", "Lan", "Bel", "Haut", "Neuf", "Vieux", "Sainte-", "Bois")
FR_TAILS = ("mont", "ville", "court", "fort", "val", "lieu", "champ", "bourg", "pré", "lac", "roche",
            "mer", "fontaine", "vignes", "ay", "ac", "an", "elle", "ier", "ange", "ois", "aix")
FR_SUFFIXES = ("", "", "", "", "-sur-Loire", "-sur-Mer", "-les-Bains", "-en-Vallée", "-le-Château",
               "-la-Forêt", "-sur-Seine", "-d'Azur", "-lès-Nancy")
RU_HEADS = ("Ново", "Бело", "Красно", "Нижне", "Верхне", "Старо", "Каменно", "Озёрно", "Сосново",
            "Берёзово", "Горно", "Дубово", "Яро", "Щучье", "Жуково", "Черно", "Юрь", "Ель")
RU_TAILS = ("горск", "град", "поль", "ск", "ово", "ино", "ец", "ки", "славль", "морск", "дар", "речье",
            "шахтинск", "хабаровка", "цк", "ярск", "йск")
FIRST_FR = ("Jean", "Marie", "Pierre", "Anne", "Michel", "Claire", "Rudy", "Christian", "Hélène", "Bertrand",
            "Isabelle", "François", "Sophie", "Luc", "Élise")
LAST_FR = ("Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Laurent", "Garnier", "Chevalier", "Roussel",
           "Fontaine", "Mercier", "Blanchard", "Guérin", "Perrin")
FIRST_RU = ("Александр", "Алексей", "Зинаида", "Михаил", "Ольга", "Сергей", "Юрий", "Наталья", "Евгений",
            "Татьяна", "Дмитрий", "Жанна", "Щепан")
LAST_RU = ("Иванов", "Цыбульский", "Мешков", "Орлов", "Шувалов", "Жуков", "Чернов", "Юдин", "Хромов",
           "Щербаков", "Ершов", "Яковлев")

# The sources spell Russian names the French and the English way (unidecode gives one spelling only):
# the explorer's search has to bring both, and the Cyrillic, together.
_CYR = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
_FR = ("a", "b", "v", "g", "d", "e", "io", "j", "z", "i", "ï", "k", "l", "m", "n", "o", "p", "r", "s", "t",
       "ou", "f", "kh", "ts", "tch", "ch", "chtch", "", "y", "", "e", "iou", "ia")
_EN = ("a", "b", "v", "g", "d", "e", "yo", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t",
       "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya")
TO_FR = {c: r for c, r in zip(_CYR, _FR)}
TO_EN = {c: r for c, r in zip(_CYR, _EN)}


def romanise(cyrillic: str, table: dict[str, str]) -> str:
    out = []
    for char in cyrillic:
        low = char.lower()
        latin = table.get(low, char)
        out.append(latin.capitalize() if char != low else latin)
    return "".join(out)


# --- output -----------------------------------------------------------------------------------------

def lit(text: str, lang: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"@{lang}' if lang else f'"{escaped}"'


def typed(value, datatype: str) -> str:
    return f'"{value}"^^xsd:{datatype}'


@dataclass
class Graph:
    name: str  # local name under cgraph:
    title: str
    lines: list[str] = field(default_factory=list)


class World:
    """The statements of every graph, and what was written (for the manifest and the checks)."""

    def __init__(self) -> None:
        self.graphs: dict[str, Graph] = {}
        self.metadata: list[str] = []
        self.types: Counter = Counter()
        self.predicates: Counter = Counter()

    def graph(self, name: str, title: str) -> Graph:
        if name not in self.graphs:
            self.graphs[name] = Graph(name, title)
            self.describe_graph(name, title)
        return self.graphs[name]

    def add(self, graph: Graph | list, s: str, p: str, o: str) -> None:
        (graph.lines if isinstance(graph, Graph) else graph).append(f"{s} {p} {o} .")
        self.predicates[p] += 1
        if p == "a":
            self.types[o] += 1

    def thing(self, graph, node: str, cls: str, fr: str, en: str, ru: str | None = None) -> str:
        self.add(graph, node, "a", cls)
        self.labels(graph, node, fr, en, ru)
        return node

    def labels(self, graph, node: str, fr: str | None, en: str | None, ru: str | None = None) -> None:
        for text, lang in ((fr, "fr"), (en, "en"), (ru, "ru")):
            if text:
                self.add(graph, node, T.prefLabel, lit(text, lang))

    def describe_graph(self, name: str, title: str) -> None:
        """The PROV description of a graph and its source, as the named-graph checks want it."""
        graph, source = f"cgraph:{name}", f"csrc:{name}"
        meta = self.metadata
        self.add(meta, graph, "a", T.Entity)
        self.add(meta, graph, "a", T.Graph)
        self.add(meta, graph, T.wasDerivedFrom, source)
        self.add(meta, graph, T.title, lit(f"Facts from {title}", "en"))
        self.add(meta, graph, T.license, LICENCE)
        self.add(meta, graph, T.wasAttributedTo, EDITORS)
        self.add(meta, source, "a", T.Entity)
        self.add(meta, source, "a", T.Document)
        self.add(meta, source, T.title, lit(title, "en"))
        self.add(meta, source, T.sourcePublisher, EDITORS)
        consulted = f"_:consulted-{name}"  # when the editors consulted it: an OWL-Time instant
        self.add(meta, source, T.retrieved, consulted)
        self.add(meta, consulted, "a", T.Instant)
        self.add(meta, consulted, T.inXSDDate, typed("2026-01-15", "date"))
        self.add(meta, source, T.issued, typed(2020 + len(self.graphs) % 6, "gYear"))
        self.add(meta, source, T.language, "<http://publications.europa.eu/resource/authority/language/ENG>")
        rights = f"_:rights-{name}"
        self.add(meta, source, T.rights, rights)
        self.add(meta, rights, "a", T.RightsStatement)
        self.add(meta, rights, T.label, lit(f"Reused under the terms of {title}", "en"))

    def quad_count(self) -> int:
        return sum(len(g.lines) for g in self.graphs.values()) + len(self.metadata)


class _Terms:
    def __getattr__(self, name: str) -> str:
        return TERMS[name]


T = _Terms()
EDITORS = "organisation:gen-editors"


# --- the vocabularies -------------------------------------------------------------------------------

def read_vocabularies(ontology_dir: Path) -> dict[str, list[str]]:
    """Concepts of each scheme of vocabularies.ttl (compact names, sorted for determinism)."""
    store = ox.Store()
    store.load(path=str(ontology_dir / "vocabularies.ttl"), format=ox.RdfFormat.TURTLE)
    schemes: dict[str, list[str]] = defaultdict(list)
    for quad in store.quads_for_pattern(None, ox.NamedNode(PREFIXES["skos"] + "inScheme"), None):
        schemes[compact(quad.object.value)].append(compact(quad.subject.value))
    found = {name: sorted(schemes.get(scheme, [])) for name, scheme in SCHEMES.items()}
    missing = [name for name, concepts in found.items() if not concepts]
    missing += [c for c in KIND_CONCEPTS.values() if not any(c in cs for cs in schemes.values())]
    if missing:
        raise SystemExit(f"generate.py: not in ontology/vocabularies.ttl any more: {', '.join(missing)}; "
                         "update SCHEMES / KIND_CONCEPTS")
    return found


def compact(iri: str) -> str:
    """The prefixed name of an IRI (coopkg's prefixes), or the IRI in angle brackets."""
    short = _compact(iri)
    return short if short != iri else f"<{iri}>"


# --- the world --------------------------------------------------------------------------------------

class Generator:
    def __init__(self, communes: int, seed: int, vocab: dict[str, list[str]], action_statuses: list[str]):
        self.n = communes
        self.rng = random.Random(seed)
        self.vocab = vocab
        self.kind = KIND_CONCEPTS
        self.action_statuses = action_statuses
        self.w = World()
        # what later steps and the error injection refer to
        self.fr_communes: list[str] = []
        self.ru_cities: list[str] = []
        self.russian_people: list[str] = []
        self.events: list[str] = []
        self.partnerships: list[str] = []
        self.territories: list[str] = []
        self.counts: list[str] = []
        self.plans: list[str] = []
        self.posts: list[str] = []
        self.participations: list[str] = []
        self.organisations: dict[str, list[str]] = defaultdict(list)

    def scaled(self, key: str, minimum: int = 1) -> int:
        return max(minimum, round(self.n * RATES[key]))

    def pick(self, items):
        return items[self.rng.randrange(len(items))]

    def coordinates(self, graph, place: str, lat_range, long_range) -> None:
        lat = self.rng.uniform(*lat_range)
        long = self.rng.uniform(*long_range)
        self.w.add(graph, place, T.lat, typed(f"{lat:.4f}", "decimal"))
        self.w.add(graph, place, T.long, typed(f"{long:.4f}", "decimal"))

    def fr_name(self) -> str:
        return self.pick(FR_HEADS) + self.pick(FR_TAILS) + self.pick(FR_SUFFIXES)

    def ru_name(self) -> tuple[str, str, str]:
        cyrillic = self.pick(RU_HEADS) + self.pick(RU_TAILS)
        return romanise(cyrillic, TO_FR), romanise(cyrillic, TO_EN), cyrillic

    # The sources -------------------------------------------------------------------------------------

    def run(self) -> World:
        w = self.w
        self.curation = w.graph("gen-curation", "Editorial statements of the generated data")
        self.cog = w.graph("gen-cog", "Generated official geographic code (INSEE-like)")
        self.geo = w.graph("gen-geonames", "Generated gazetteer (GeoNames-like)")
        self.list_a = w.graph("gen-twinnings-wikipedia", "Generated twin-town lists (Wikipedia-like)")
        self.list_b = w.graph("gen-twinnings-wikidata", "Generated twinning statements (Wikidata-like)")
        self.countries()
        self.organisations_and_networks()
        self.french_units()
        self.russian_units()
        self.foreign_cities()
        self.twinnings()
        self.reports()
        return w

    def countries(self) -> None:
        c = self.curation
        self.w.thing(c, EDITORS, T.Association, "Éditeurs des données générées", "Editors of the generated data")
        self.w.add(c, EDITORS, T.country, "country:fr")
        rows = (("fr", "France", "France", "Франция"), ("ru", "Russie", "Russia", "Россия")) + FOREIGN_COUNTRIES
        for code, fr, en, ru in rows:
            node = f"country:{code}"
            self.w.thing(c, node, T.Country, fr, en, ru)
            self.w.add(c, node, T.iso31661, lit(code.upper()))
        self.foreign = [r[0] for r in FOREIGN_COUNTRIES]

    def organisations_and_networks(self) -> None:
        c, w = self.curation, self.w
        for i in range(self.scaled("organisation")):
            network = w.thing(c, f"organisation:gen-network-{i}", T.Network, f"Réseau de coopération {i}",
                              f"Cooperation network {i}")
            w.add(c, network, T.country, "country:fr")
            group = w.thing(c, f"organisation:gen-network-{i}-group-russia", T.CountryGroup,
                            f"Groupe-pays Russie du réseau {i}", f"Russia country group of network {i}",
                            f"Страновая группа «Россия» сети {i}")
            w.add(c, group, T.unitOf, network)
            for objective in self.vocab["objectives"][: 1 + i % 4]:
                w.add(c, group, T.purpose, objective)
            board = w.thing(c, f"organisation:gen-network-{i}-board", T.GoverningBody, f"Bureau du réseau {i}",
                            f"Board of network {i}")
            w.add(c, board, T.unitOf, network)
            founding = w.thing(c, f"event:gen-network-{i}-founding", T.Meeting, f"Fondation du groupe {i}",
                               f"Founding of group {i}")
            w.add(c, founding, "a", T.ChangeEvent)
            w.add(c, founding, T.startDate, typed(f"{2000 + i % 20}-02-20", "date"))
            w.add(c, founding, T.endDate, typed(f"{2000 + i % 20}-02-20", "date"))
            w.add(c, founding, T.organizer, board)
            w.add(c, group, T.resultedFrom, founding)
            w.add(c, group, T.created, typed(f"{2000 + i % 20}-02-20", "date"))
            self.organisations["network"].append(network)
            self.organisations["group"].append(group)
            side = "fr" if i % 2 == 0 else "ru"
            ministry = w.thing(c, f"organisation:gen-{side}-ministry-{i}", T.Ministry, f"Ministère {i}",
                               f"Ministry {i}", f"Министерство {i}" if side == "ru" else None)
            w.add(c, ministry, T.country, f"country:{side}")
            department = w.thing(c, f"organisation:gen-{side}-ministry-{i}-department", T.MinistryDepartment,
                                 f"Direction {i}", f"Department {i}", f"Департамент {i}" if side == "ru" else None)
            w.add(c, department, T.unitOf, ministry)
            w.add(c, department, T.country, f"country:{side}")
            other = "ru" if side == "fr" else "fr"
            for cls, fr, en, ru in ((T.Embassy, "Ambassade", "Embassy", "Посольство"),
                                    (T.TradeRepresentation, "Représentation commerciale", "Trade representation",
                                     "Торговое представительство"),
                                    (T.CulturalCentre, "Centre culturel", "Cultural centre", "Культурный центр")):
                node = w.thing(c, f"organisation:gen-{other}-{cls.split(':')[1].lower()}-{i}", cls, f"{fr} {i}",
                               f"{en} {i}", f"{ru} {i}" if other == "ru" else None)
                w.add(c, node, T.country, f"country:{other}")
                self.organisations[other].append(node)
            publisher = w.thing(c, f"organisation:gen-publisher-{i}", T.Publisher, f"Éditions {i}", f"Publisher {i}")
            w.add(c, publisher, T.country, "country:fr")
            self.organisations["ministry"].append(ministry)
            self.organisations["publisher"].append(publisher)
            self.organisations[side].append(ministry)
            self.organisations[side].append(department)

    def authority(self, slug: str, kind: str, country: str | None, names: tuple, graph_facts) -> tuple[str, str]:
        """An authority and its territory: types, labels and kind in the curation graph, facts elsewhere."""
        w, c = self.w, self.curation
        fr, en, ru = names
        node, place = f"auth:{slug}", f"place:{slug}"
        w.thing(c, node, T.LocalAuthority, fr, en, ru)
        w.add(c, node, T.classification, self.kind[kind])
        if country:
            w.add(c, node, T.country, f"country:{country}")
        w.add(c, node, T.spatial, place)
        w.thing(c, place, T.Territory, fr, en, ru)
        self.territories.append(place)
        return node, place

    def french_units(self) -> None:
        w, cog, geo = self.w, self.cog, self.geo
        regions, departements, epcis = [], [], []
        for r in range(self.scaled("region", 2)):
            name = self.fr_name()
            node, place = self.authority(f"gen-fr-region-{r}", "region", "fr", (name, name, None), cog)
            w.add(cog, place, T.insee, lit(f"{10 + r:02d}"))
            self.coordinates(geo, place, (42.5, 50.5), (-4.5, 7.5))
            regions.append((node, place))
        # A former région, merged away: its last day, as the editors state it.
        former, territory = self.authority("gen-fr-former-region", "region", "fr", ("Ancienne région", "Former region", None), cog)
        self.coordinates(geo, territory, (42.5, 50.5), (-4.5, 7.5))
        w.add(self.curation, former, T.dissolutionDate, typed("2015-12-31", "date"))
        for d in range(self.scaled("departement", 3)):
            name = self.fr_name()
            code = f"{1 + d % 95:02d}"
            node, place = self.authority(f"gen-fr-departement-{d}", "departement", "fr", (name, name, None), cog)
            region, region_place = regions[d % len(regions)]
            w.add(cog, node, T.withinAuthority, region)
            w.add(cog, place, T.containedInPlace, region_place)
            w.add(cog, place, T.insee, lit(code))
            w.add(cog, place, T.iso31662, lit(f"FR-{code}"))
            self.coordinates(geo, place, (42.5, 50.5), (-4.5, 7.5))
            departements.append((node, place, code))
        for e in range(self.scaled("epci")):
            name = "Communauté de communes " + self.fr_name()
            node, place = self.authority(f"gen-fr-epci-{e}", "epci", "fr",
                                         (name, name.replace("Communauté de communes", "Community of"), None), cog)
            w.add(cog, node, T.siren, lit(f"{200000000 + e:09d}"))
            w.add(cog, node, T.withinAuthority, departements[e % len(departements)][0])
            self.coordinates(geo, place, (42.5, 50.5), (-4.5, 7.5))
            epcis.append(node)
        for i in range(self.n):
            name = self.fr_name()
            dep, dep_place, code = departements[i % len(departements)]
            node, place = self.authority(f"gen-fr-commune-{i}", "commune", "fr", (name, name, None), cog)
            w.add(cog, node, T.siren, lit(f"{210000000 + i:09d}"))
            w.add(cog, node, T.withinAuthority, dep)
            w.add(cog, node, T.memberOf, epcis[i % len(epcis)])
            w.add(cog, place, T.insee, lit(f"{code}{i % 1000:03d}"))
            w.add(cog, place, T.containedInPlace, dep_place)
            self.coordinates(geo, place, (42.5, 50.5), (-4.5, 7.5))
            w.add(geo, place, T.geonames, lit(str(3000000 + i)))
            w.add(geo, place, T.sameAs, f"<https://sws.geonames.org/{3000000 + i}/>")
            self.fr_communes.append(node)

    def russian_units(self) -> None:
        w, geo = self.w, self.geo
        subjects = []
        kinds = (("oblast", "Oblast de {}", "{} Oblast", "{} область"),
                 ("republic", "République de {}", "Republic of {}", "Республика {}"),
                 ("krai", "Kraï de {}", "{} Krai", "{} край"))
        for s in range(self.scaled("ru_subject", 2)):
            names = self.ru_name()
            kind, *patterns = kinds[s % 3]
            node, place = self.authority(f"gen-ru-subject-{s}", kind, "ru",
                                         tuple(p.format(n) for p, n in zip(patterns, names)), geo)
            w.add(geo, place, T.iso31662, lit(f"RU-{chr(65 + s % 26)}{chr(65 + s // 26 % 26)}{s % 10}"))
            self.coordinates(geo, place, (43.0, 68.0), (28.0, 140.0))
            subjects.append((node, place))
        for i in range(self.scaled("ru_city")):
            names = self.ru_name()
            subject, subject_place = subjects[i % len(subjects)]
            kind = "city" if i % 3 else "urban-district"
            node, place = self.authority(f"gen-ru-city-{i}", kind, "ru", names, geo)
            w.add(geo, node, T.withinAuthority, subject)
            w.add(geo, place, T.containedInPlace, subject_place)
            self.coordinates(geo, place, (43.0, 68.0), (28.0, 140.0))
            w.add(geo, place, T.geonames, lit(str(500000 + i)))
            w.add(geo, place, T.sameAs, f"<https://sws.geonames.org/{500000 + i}/>")
            w.add(geo, place, T.wikidata, lit(f"Q{900000 + i}"))
            self.ru_cities.append(node)

    def foreign_cities(self) -> None:
        w, geo = self.w, self.geo
        self.foreign_authorities = []
        for i in range(self.scaled("foreign_city")):
            name = self.fr_name().replace("Saint-", "San ").replace("-", " ")
            country = self.foreign[i % len(self.foreign)]
            node, place = self.authority(f"gen-{country}-city-{i}", "city", country, (name, name, None), geo)
            self.coordinates(geo, place, (36.0, 58.0), (-10.0, 30.0))
            self.foreign_authorities.append(node)
        # A disputed city (the Crimean case): no country, a status note instead.
        names = self.ru_name()
        node, place = self.authority("gen-disputed-city", "city", None, names, geo)
        for n in (node, place):
            w.add(geo, n, T.territorialStatusNote, lit("Status disputed: no country is attached.", "en"))
            w.add(geo, n, T.territorialStatusNote, lit("Statut contesté : aucun pays n'est attribué.", "fr"))
            w.add(geo, n, T.note, lit("After the generated gazetteer.", "en"))
        self.coordinates(geo, place, (44.0, 45.0), (33.0, 35.0))

    def twinnings(self) -> None:
        """Each partnership in the Wikipedia-like list; a third of them also in the Wikidata-like
        one, under the same IRI, with a date that sometimes disagrees."""
        w, a, b = self.w, self.list_a, self.list_b
        for i in range(self.scaled("twinning")):
            french = self.fr_communes[(i * 7) % len(self.fr_communes)]
            other = (self.ru_cities[i % len(self.ru_cities)] if i % 3 == 0
                     else self.foreign_authorities[i % len(self.foreign_authorities)])
            node = f"partnership:gen-twinning-{i}"
            w.thing(a, node, T.Partnership, f"Jumelage {i}", f"Twinning {i}")
            if i % 2 == 0:  # the list spells the partner as it prints it
                w.add(a, other, T.altLabel, lit(f"{other.split('-')[-1]} (list {i})", "en"))
            w.add(a, node, T.partner, french)
            w.add(a, node, T.partner, other)
            w.add(a, node, T.partnershipKind, self.kind["twinning"] if i % 5 else self.kind["cooperation-agreement"])
            year = 1955 + self.rng.randrange(65)
            w.add(a, node, T.date, typed(year, "gYear"))
            if i % 4 == 0:
                w.add(a, node, T.partnershipStatus, self.pick(self.vocab["partnership-statuses"]))
                w.add(a, node, T.subject, self.pick(self.vocab["themes"]))
            if i % 3 == 0:
                w.add(b, node, "a", T.Partnership)
                w.add(b, node, T.partner, french)
                w.add(b, node, T.partner, other)
                w.add(b, node, T.partnershipKind, self.kind["twinning"])
                w.add(b, node, T.date, typed(year + (1 if i % 9 == 0 else 0), "gYear"))
            self.partnerships.append(node)

    def reports(self) -> None:
        """Events, grouped by source document (one graph each), with everything they involve."""
        w = self.w
        events = self.scaled("event")
        reports = self.report_count = max(1, -(-events // EVENTS_PER_REPORT))
        series = []
        for s in range(max(2, events // 25)):
            node = w.thing(self.curation, f"event:gen-series-{s}", T.EventSeries, f"Rencontres {s}",
                           f"Conference series {s}")
            w.add(self.curation, node, T.organizer, self.organisations["group"][s % len(self.organisations["group"])])
            series.append(node)
        classes = (T.Meeting, T.Conference, T.Forum, T.CulturalEvent, T.ThematicYear)
        cooperation = w.thing(self.curation, "history:gen-franco-russian-cooperation", T.DecentralisedCooperation,
                              "Coopération décentralisée franco-russe (générée)",
                              "Franco-Russian decentralised cooperation (generated)",
                              "Французско-российское децентрализованное сотрудничество")
        for r in range(reports):
            g = self.report(r)
            first = r * EVENTS_PER_REPORT
            for e in range(first, min(events, first + EVENTS_PER_REPORT)):
                self.event(g, e, classes[e % len(classes)], series[e % len(series)])
            if r % 4 == 0:
                self.count(g, f"count:gen-cooperation-{r}", cooperation, "twinnings", 100 + r)
        for p in range(self.scaled("publication")):
            self.publication(self.report(p % reports), p)
        for h in range(self.scaled("phase")):
            g = self.report(h % reports)
            node = w.thing(g, f"history:gen-phase-{h}", T.CooperationPhase, f"Phase {h} de la coopération",
                           f"Cooperation phase {h}")
            w.add(g, node, T.date, typed(1960 + 10 * (h % 6), "gYear"))
            w.add(g, node, T.subject, self.pick(self.vocab["themes"]))
            w.add(g, node, T.involvedAuthorityKind, self.kind["commune"])
            w.add(g, node, T.description, lit(f"Surtout des jumelages entre villes ({h}).", "fr"))
            w.add(g, node, T.scopeNote, lit(f"Phase {h} as the report periodises it.", "en"))

    def report(self, number: int) -> Graph:
        return self.w.graph(f"gen-report-{number}", f"generated report no. {number}")

    def event(self, g: Graph, e: int, cls: str, series: str) -> None:
        w, rng = self.w, self.rng
        node = w.thing(g, f"event:gen-{e}", cls, f"Réunion {e} du groupe-pays", f"Country group meeting {e}")
        year, month, day = 1995 + rng.randrange(30), 1 + rng.randrange(12), 1 + rng.randrange(27)
        held = year < 2024
        w.add(g, node, T.superEvent, series)
        w.add(g, node, T.editionNumber, typed(1 + e // 7, "positiveInteger" if e % 2 else "integer"))
        if e % 6 == 5:
            w.add(g, node, T.date, typed(f"{year}-{month:02d}" if e % 12 == 5 else year,
                                         "gYearMonth" if e % 12 == 5 else "gYear"))
        else:
            w.add(g, node, T.startDate, typed(f"{year}-{month:02d}-{day:02d}", "date"))
            w.add(g, node, T.endDate, typed(f"{year}-{month:02d}-{day + 1:02d}", "date"))
        city = self.pick(self.fr_communes if e % 2 else self.ru_cities).replace("auth:", "place:")
        w.add(g, node, T.city, city)
        w.add(g, node, T.eventStatus, self.kind["held" if held else "planned"])
        w.add(g, node, T.subject, self.pick(self.vocab["themes"]))
        if e % 3 == 0:
            w.add(g, node, T.schemaDescription, lit(f"Compte rendu de la réunion {e}.", "fr"))
        organiser = self.organisations["group"][e % len(self.organisations["group"])]
        w.add(g, node, T.organizer, organiser)
        if e % 5 == 0:
            venue = w.thing(g, f"place:gen-venue-{e}", T.Place, f"Palais des congrès {e}", f"Congress centre {e}")
            w.add(g, node, T.location, venue)
            w.add(g, node, T.supportedBy, self.pick(self.organisations["ministry"]))
            w.add(g, node, T.coLeader, self.pick(self.organisations["ru"]))
        if e % 10 == 0 and self.report_count > 1:
            # a second source dates the same event (by its year): one row per source in the timeline
            other = (e // EVENTS_PER_REPORT + 1) % self.report_count
            w.add(self.report(other), node, T.date, typed(year, "gYear"))
        if cls == T.Conference:
            workshop = w.thing(g, f"event:gen-{e}-workshop", T.Workshop, f"Atelier de la réunion {e}",
                               f"Workshop of meeting {e}")
            w.add(g, workshop, T.heldWithin, node)
            w.add(g, workshop, T.startDate, typed(f"{year}-{month:02d}-{day:02d}", "date"))
            w.add(g, workshop, T.subject, self.pick(self.vocab["themes"]))
        participants = 3 + e % 5
        for k in range(participants):
            self.participant(g, node, e, k, held)
        self.count(g, f"count:gen-{e}-participants", node, "participants", participants * 10 + e % 7)
        w.add(g, node, T.hasCount, f"count:gen-{e}-participants")
        self.events.append(node)

    def participant(self, g: Graph, event: str, e: int, k: int, held: bool) -> None:
        w, rng = self.w, self.rng
        russian = k % 2 == 1
        pid = f"gen-{e}-{k}"
        person = f"person:{pid}"
        if russian:
            first, last = self.pick(FIRST_RU), self.pick(LAST_RU)
            cyr = f"{first} {last}"
            w.thing(g, person, T.Person, romanise(cyr, TO_FR), romanise(cyr, TO_EN), cyr)
            w.add(g, person, T.givenName, lit(romanise(first, TO_EN)))
            w.add(g, person, T.familyName, lit(romanise(last, TO_EN)))
            organisation = self.pick(self.ru_cities)
            self.russian_people.append(person)
        else:
            first, last = self.pick(FIRST_FR), self.pick(LAST_FR)
            w.thing(g, person, T.Person, f"{first} {last}", f"{first} {last}")
            w.add(g, person, T.givenName, lit(first))
            w.add(g, person, T.familyName, lit(last))
            organisation = self.pick(self.fr_communes)
        if k == 0:
            w.add(g, person, T.birthDate, typed(f"{1950 + rng.randrange(40)}-0{1 + rng.randrange(9)}-1{rng.randrange(10)}", "date"))
        post = f"post:{pid}"
        role = self.pick(self.vocab["roles"])
        w.thing(g, post, T.Membership, f"Fonction de {pid}", f"Post of {pid}")
        w.add(g, post, T.member, person)
        w.add(g, post, T.organization, organisation)
        w.add(g, post, T.role, role)
        w.add(g, post, T.roleName, lit(f"{role.split('/')[-1].rstrip('>')} of {organisation.split(':')[1]}", "en"))
        w.add(g, post, T.postTitle, lit(f"Fonction {role.split('/')[-1].rstrip('>')} ({organisation.split(':')[1]})", "fr"))
        if k == 0:  # a term with its ends: a day, a year
            term, start, end = f"_:term-{pid}", f"_:start-{pid}", f"_:end-{pid}"
            w.add(g, post, T.memberDuring, term)
            w.add(g, term, "a", T.Interval)
            w.add(g, term, T.hasBeginning, start)
            w.add(g, start, "a", T.Instant)
            w.add(g, start, T.inXSDDate, typed(f"201{rng.randrange(10)}-0{1 + rng.randrange(9)}-1{rng.randrange(10)}", "date"))
            w.add(g, term, T.hasEnd, end)
            w.add(g, end, "a", T.Instant)
            w.add(g, end, T.inXSDgYear, typed(2021 + rng.randrange(4), "gYear"))
        participation = f"participation:{pid}"
        w.thing(g, participation, T.Participation, f"Participation de {pid}", f"Participation of {pid}")
        w.add(g, participation, T.participant, person)
        w.add(g, participation, T.inEvent, event)
        w.add(g, participation, T.participationRole, self.pick(self.vocab["participation-roles"]))
        w.add(g, participation, T.inCapacity, post)
        if k == 1:
            w.add(g, participation, T.onBehalfOf, organisation)
        self.posts.append(post)
        self.participations.append(participation)

    def count(self, g: Graph, node: str, subject: str, kind: str, value: int) -> None:
        w = self.w
        w.thing(g, node, T.Count, f"Dénombrement {node.split(':')[1]}", f"Count {node.split(':')[1]}")
        w.add(g, node, T.countSubject, subject)
        w.add(g, node, T.countOf, self.kind[kind])
        w.add(g, node, T.value, typed(value, "nonNegativeInteger" if value % 2 else "integer"))
        w.add(g, node, T.precision, self.pick(self.vocab["count-precision"]))
        self.counts.append(node)

    def publication(self, g: Graph, p: int) -> None:
        w = self.w
        publisher = self.organisations["publisher"][p % len(self.organisations["publisher"])]
        work = w.thing(g, f"pub:gen-{p}", T.Publication, f"Dossier pays {p}", f"Country file {p}")
        w.add(g, work, T.publisher, publisher)
        for edition in (1, 2):
            node = w.thing(g, f"pub:gen-{p}-edition-{edition}", T.PublicationEdition,
                           f"Dossier pays {p}, édition {edition}", f"Country file {p}, edition {edition}")
            w.add(g, node, T.exampleOfWork, work)
            w.add(g, node, T.bookEdition, typed(edition, "integer"))
            w.add(g, node, T.datePublished, typed(f"{2010 + p % 12}-{edition * 3:02d}", "gYearMonth"))
            w.add(g, node, T.publisher, publisher)
        plan = w.thing(g, f"plan:gen-{p}", T.PlanAction, f"Mise à jour du dossier {p}", f"Update of country file {p}")
        w.add(g, plan, T.agent, self.organisations["group"][p % len(self.organisations["group"])])
        w.add(g, plan, T.object, work)
        w.add(g, plan, T.actionStatus, self.action_statuses[p % len(self.action_statuses)])
        w.add(g, plan, T.date, typed(2022 + p % 4, "gYear"))
        w.add(g, plan, T.scheduledTime, typed(f"{2022 + p % 4}-06-30", "date") if p % 2
              else typed(f"{2022 + p % 4}-06-30T10:00:00", "dateTime"))
        self.plans.append(plan)


# --- error injection ---------------------------------------------------------------------------------

def n3(name: str) -> str:
    """The N3 form coopkg.validation.ShapeResult uses for a node written here."""
    if name.startswith("_:"):
        return "_:"
    if name.startswith("<"):
        return name
    if name.startswith('"'):
        return literal_n3(name)
    prefix, local = name.split(":", 1)
    return f"<{PREFIXES[prefix]}{local}>"


def literal_n3(text: str) -> str:
    value, _, suffix = text.rpartition('"')
    if suffix.startswith("^^xsd:"):
        return f'{value}"^^<{PREFIXES["xsd"]}{suffix[6:]}>'
    return text


@dataclass(frozen=True)
class Expected:
    severity: str
    focus: str
    path: str | None
    component: str
    shape: str
    value: str | None
    error: str  # which injection

    def as_dict(self) -> dict:
        return {"severity": self.severity, "focus_node": n3(self.focus), "result_path": n3(self.path) if self.path else None,
                "constraint": self.component, "source_shape": self.shape,
                "value": n3(self.value) if self.value else None, "error": self.error}


def inject_errors(gen: Generator) -> list[Expected]:
    """Add one error per case below to the generated graphs; return what each must give.

    Each case is a node that is otherwise valid, changed in one way: the expected results are
    exactly its own, with no cascade (the focus nodes are chosen so that nothing else fires).
    """
    w = gen.w
    g = w.graph("gen-errors", "generated errors")
    expected: list[Expected] = []

    def expect(error, severity, focus, path, component, shape, value=None):
        expected.append(Expected(severity, focus, path, f"sh:{component}ConstraintComponent", f"cshape:{shape}",
                                 value, error))

    def fresh(kind: str, cls: str, fr: str | None, en: str | None, ru: str | None = None) -> str:
        node = f"{kind}:gen-error-{len(expected)}"
        w.add(g, node, "a", cls)
        w.labels(g, node, fr, en, ru)
        return node

    V = "Violation"
    W = "Warning"
    partnership_ok = (T.partnershipKind, gen.kind["twinning"])

    # sh:minCount: a partnership with one partner
    node = fresh("partnership", T.Partnership, "Jumelage incomplet", "Incomplete twinning")
    w.add(g, node, T.partner, gen.fr_communes[0])
    w.add(g, node, *partnership_ok)
    expect("partnership with one partner", V, node, T.partner, "MinCount", "PartnershipShape-partner")

    # sh:maxCount: an authority with two kinds
    w.add(g, gen.fr_communes[1], T.classification, gen.kind["region"])
    expect("authority with two kinds", V, gen.fr_communes[1], T.classification, "MaxCount",
           "LocalAuthorityShape-classification")

    # sh:datatype: a birth date given as a year
    person = gen.russian_people[0]
    w.add(g, person, T.birthDate, typed(1970, "gYear"))
    expect("birth date as a year", V, person, T.birthDate, "Datatype", "DatedShape-birthDate", typed(1970, "gYear"))

    # sh:class: a participant that is a place
    participation = gen.participations[2]
    place = gen.territories[5]
    w.add(g, participation, T.onBehalfOf, place)
    expect("on behalf of a place", V, participation, T.onBehalfOf, "Class", "ParticipationShape-onBehalfOf", place)

    # sh:in: an action status outside the list
    plan = gen.plans[0]
    w.add(g, plan, T.actionStatus, "schema:PlannedStatus")
    expect("unknown action status", V, plan, T.actionStatus, "In", "PlanShape-actionStatus", "schema:PlannedStatus")
    expect("unknown action status (second status)", V, plan, T.actionStatus, "MaxCount", "PlanShape-actionStatus")

    # sh:pattern: a SIREN number of five digits
    epci = "auth:gen-fr-epci-0"
    node = fresh("auth", T.LocalAuthority, "Commune au SIREN court", "Commune with a short SIREN")
    w.add(g, node, T.classification, gen.kind["commune"])
    w.add(g, node, T.country, "country:fr")
    w.add(g, node, T.siren, lit("12345"))
    w.add(g, node, T.memberOf, epci)
    expect("short SIREN", V, node, T.siren, "Pattern", "IdentifierShape-sirenCode", lit("12345"))

    # sh:minInclusive: a negative count
    count = fresh("count", T.Count, "Dénombrement négatif", "Negative count")
    w.add(g, count, T.countSubject, gen.events[0])
    w.add(g, count, T.countOf, gen.kind["participants"])
    w.add(g, count, T.value, typed(-5, "integer"))
    expect("negative count", V, count, T.value, "MinInclusive", "CountShape-value", typed(-5, "integer"))

    # sh:maxInclusive: a latitude of 95
    place = "place:gen-fr-commune-2"
    w.add(g, place, T.lat, typed("95.0", "decimal"))
    expect("latitude beyond 90", V, place, T.lat, "MaxInclusive", "PlaceShape-lat", typed("95.0", "decimal"))

    # sh:qualifiedValueShape + sh:qualifiedMinCount: no French preferred label (and none in English: warning)
    node = fresh("event", T.Meeting, None, None, "Встреча без названия")
    w.add(g, node, T.startDate, typed("2015-03-01", "date"))
    expect("no French label", V, node, T.prefLabel, "QualifiedMinCount", "NamedThingShape-prefLabel-fr")
    expect("no English label", W, node, T.prefLabel, "QualifiedMinCount", "NamedThingShape-prefLabel-en")

    # sh:node: a partnership kind taken from the themes
    node = fresh("partnership", T.Partnership, "Jumelage mal qualifié", "Wrongly kinded twinning")
    w.add(g, node, T.partner, gen.fr_communes[3])
    w.add(g, node, T.partner, gen.ru_cities[0])
    theme = gen.vocab["themes"][0]
    w.add(g, node, T.partnershipKind, theme)
    expect("partnership kind from the themes", V, node, T.partnershipKind, "Node", "PartnershipShape-partnershipKind",
           theme)

    # sh:or: a date as plain text
    partnership = gen.partnerships[1]
    w.add(g, partnership, T.date, lit("1992"))
    expect("date as plain text", V, partnership, T.date, "Or", "DatedShape-date", lit("1992"))

    # sh:languageIn: a German alternative label
    authority = gen.fr_communes[4]
    w.add(g, authority, T.altLabel, lit("Stadt", "de"))
    expect("German alternative label", V, authority, T.altLabel, "LanguageIn", "LabelShape-altLabel", lit("Stadt", "de"))

    # sh:uniqueLang: two French preferred labels
    authority = gen.fr_communes[5]
    w.add(g, authority, T.prefLabel, lit("Autre nom", "fr"))
    expect("two French preferred labels", V, authority, T.prefLabel, "UniqueLang", "LabelShape-prefLabel")

    # sh:nodeKind: a blank node named thing; a literal where an IRI is expected
    w.add(g, "_:gen-error-blank", "a", T.Meeting)
    w.labels(g, "_:gen-error-blank", "Réunion anonyme", "Anonymous meeting")
    expect("blank node event", V, "_:gen-error-blank", None, "NodeKind", "NamedThingShape", "_:gen-error-blank")
    place = "place:gen-fr-commune-6"
    w.add(g, place, T.sameAs, lit("https://sws.geonames.org/1/"))
    expect("sameAs as a literal", V, place, T.sameAs, "NodeKind", "PlaceShape-sameAs", lit("https://sws.geonames.org/1/"))

    # sh:lessThanOrEquals: an event ending before it starts
    node = fresh("event", T.Meeting, "Réunion à rebours", "Backwards meeting")
    w.add(g, node, T.startDate, typed("2016-07-06", "date"))
    w.add(g, node, T.endDate, typed("2016-07-05", "date"))
    expect("end before start", V, node, T.startDate, "LessThanOrEquals", "DatedShape-startDate",
           typed("2016-07-06", "date"))

    # sh:or at node level (a warning): a Russian city without a Russian label; a person holding a
    # Russian post without a Russian label (sh:not and a sequence path with an inverse inside)
    node = fresh("auth", T.LocalAuthority, "Ville russe sans nom russe", "Russian city without a Russian name")
    w.add(g, node, T.classification, gen.kind["city"])
    w.add(g, node, T.country, "country:ru")
    expect("Russian city without a Russian name", W, node, None, "Or", "RussianAuthorityLabelShape", node)
    person = fresh("person", T.Person, "Personne sans nom russe", "Person without a Russian name")
    post = fresh("post", T.Membership, "Fonction russe", "Russian post")
    w.add(g, post, T.member, person)
    w.add(g, post, T.organization, gen.ru_cities[1])
    w.add(g, post, T.role, gen.vocab["roles"][0])
    expect("Russian post holder without a Russian name", W, person, None, "Or", "RussianPersonLabelShape", person)

    # sh:minCount with severity Warning: a territory without longitude; a source without retrieval date
    node = fresh("place", T.Territory, "Territoire sans longitude", "Territory without longitude")
    w.add(g, node, T.lat, typed("45.0", "decimal"))
    expect("territory without longitude", W, node, T.long, "MinCount", "TerritoryShape-long")
    source = "csrc:gen-undated-source"
    w.add(w.metadata, source, "a", T.Entity)
    w.add(w.metadata, source, T.title, lit("A source with no retrieval date", "en"))
    w.add(w.metadata, source, T.sourcePublisher, EDITORS)
    w.add(w.metadata, "cgraph:gen-errors", T.wasDerivedFrom, source)
    expect("source without retrieval date", W, source, T.retrieved, "MinCount", "SourceRecommendedShape-retrieved")

    # an ontology term with a French label only; a concept without a Russian label (warning)
    term = "coop:GeneratedUnlabelledClass"
    w.add(g, term, "a", T.OwlClass)
    w.add(g, term, T.rdfsLabel, lit("Classe générée", "fr"))
    expect("class without English label", V, term, T.rdfsLabel, "QualifiedMinCount", "OntologyTermShape-label-en")
    concept = "theme:gen-error-theme"
    w.add(g, concept, "a", T.Concept)
    w.labels(g, concept, "Thème généré", "Generated theme")
    w.add(g, concept, T.inScheme, SCHEMES["themes"])
    expect("concept without Russian label", W, concept, T.prefLabel,
           "QualifiedMinCount", "ConceptShape-prefLabel-ru")

    # an ill-typed literal: "-40"^^xsd:nonNegativeInteger is neither a valid nonNegativeInteger nor an
    # integer (sh:or); pyshacl reports no sh:minInclusive for it, which SHACL 4.4.1 requires (see
    # /work/notes/scale-validators.md): the spec's extra result is listed apart.
    count = fresh("count", T.Count, "Dénombrement mal typé", "Ill-typed count")
    w.add(g, count, T.countSubject, gen.events[1])
    w.add(g, count, T.countOf, gen.kind["participants"])
    w.add(g, count, T.value, typed(-40, "nonNegativeInteger"))
    expect("ill-typed count", V, count, T.value, "Or", "CountShape-value", typed(-40, "nonNegativeInteger"))
    return expected


SPEC_ONLY = (
    # (error, severity, component, shape): results SHACL requires that pyshacl 0.40 does not give
    ("ill-typed count", "Violation", "sh:MinInclusiveConstraintComponent", "cshape:CountShape-value"),
)


# --- shapes coverage ----------------------------------------------------------------------------------

def check_coverage(world: World, ontology_dir: Path) -> list[str]:
    """Targets of the shapes that no generated node reaches (class targets follow rdfs:subClassOf)."""
    shapes, store = ox.Store(), ox.Store()
    shapes.load(path=str(ontology_dir / "shapes.ttl"), format=ox.RdfFormat.TURTLE)
    store.load(path=str(ontology_dir / "coopkg.ttl"), format=ox.RdfFormat.TURTLE)
    subclasses: dict[str, set[str]] = defaultdict(set)
    for quad in store.quads_for_pattern(None, ox.NamedNode(PREFIXES["rdfs"] + "subClassOf"), None):
        subclasses[quad.object.value].add(quad.subject.value)

    def below(cls: str) -> set[str]:
        seen, todo = set(), [cls]
        while todo:
            c = todo.pop()
            if c not in seen:
                seen.add(c)
                todo.extend(subclasses.get(c, ()))
        return seen

    # The output holds the ontology and the vocabularies too: their terms and concepts count.
    store.load(path=str(ontology_dir / "vocabularies.ttl"), format=ox.RdfFormat.TURTLE)
    copied_classes = {q.object.value for q in store.quads_for_pattern(None, ox.NamedNode(PREFIXES["rdf"] + "type"), None)}
    copied_predicates = {q.predicate.value for q in store.quads_for_pattern(None, None, None)}
    written_classes = {n3(c)[1:-1] for c in world.types} | copied_classes
    written_predicates = {n3(p)[1:-1] for p in world.predicates if p != "a"} | copied_predicates
    missing = []
    sh = PREFIXES["sh"]
    for quad in shapes.quads_for_pattern(None, ox.NamedNode(sh + "targetClass"), None):
        if not below(quad.object.value) & written_classes:
            missing.append(f"{compact(quad.subject.value)} sh:targetClass {compact(quad.object.value)}")
    for target in ("targetSubjectsOf", "targetObjectsOf"):
        for quad in shapes.quads_for_pattern(None, ox.NamedNode(sh + target), None):
            if quad.object.value not in written_predicates:
                missing.append(f"{compact(quad.subject.value)} sh:{target} {compact(quad.object.value)}")
    return sorted(set(missing))


def action_statuses(ontology_dir: Path) -> list[str]:
    """The sh:in list of the plan's schema:actionStatus, read from the shapes."""
    store = ox.Store()
    store.load(path=str(ontology_dir / "shapes.ttl"), format=ox.RdfFormat.TURTLE)
    rows = store.query("""
        PREFIX sh: <http://www.w3.org/ns/shacl#>
        SELECT ?value WHERE { ?shape sh:path <https://schema.org/actionStatus> ; sh:in/rdf:rest*/rdf:first ?value }""",
        prefixes=PREFIXES)
    values = sorted(compact(row["value"].value) for row in rows)
    if not values:
        raise SystemExit("generate.py: no sh:in list for schema:actionStatus in the shapes")
    return values


# --- files --------------------------------------------------------------------------------------------

def header() -> str:
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items())


def write(world: World, out: Path) -> dict[str, int]:
    data = out / "data"
    data.mkdir(parents=True, exist_ok=True)
    counts = {}
    prologue = header()
    for graph in world.graphs.values():
        path = data / f"{graph.name}.trig"
        with path.open("w", encoding="utf-8") as f:
            f.write(f"# Generated by benchmarks/generate.py: {graph.title}.\n{prologue}\n")
            f.write(f"GRAPH cgraph:{graph.name} {{\n")
            f.write("\n".join(graph.lines))
            f.write("\n}\n")
        counts[f"cgraph:{graph.name}"] = len(graph.lines)
    with (data / "metadata.trig").open("w", encoding="utf-8") as f:
        f.write(f"# Generated by benchmarks/generate.py: PROV descriptions of every graph.\n{prologue}\n")
        f.write("GRAPH cgraph:metadata {\n" + "\n".join(world.metadata) + "\n}\n")
    counts["cgraph:metadata"] = len(world.metadata)
    return counts


def ontology_triples(ontology_dir: Path) -> int:
    return sum(len(list(ox.parse(path=str(ontology_dir / name), format=ox.RdfFormat.TURTLE)))
               for name in ONTOLOGY_FILES if name != "shapes.ttl")


def generate(triples: int, seed: int, out: Path, errors: bool, ontology_dir: Path = ROOT / "ontology") -> dict:
    started, cpu_started = time.perf_counter(), time.process_time()
    vocab = read_vocabularies(ontology_dir)
    statuses = action_statuses(ontology_dir)
    fixed = ontology_triples(ontology_dir)
    # Size: quads grow linearly with the number of communes; measure the slope on a small world.
    probe = [Generator(n, seed, vocab, statuses).run().quad_count() for n in (400, 800)]
    slope = (probe[1] - probe[0]) / 400
    communes = max(20, round((triples - fixed - (probe[0] - 400 * slope)) / slope))
    gen = Generator(communes, seed, vocab, statuses)
    world = gen.run()
    uncovered = check_coverage(world, ontology_dir)
    if uncovered:
        raise SystemExit("generate.py: shapes targets with no generated focus node (update the generator):\n  "
                         + "\n  ".join(uncovered))
    expected = inject_errors(gen) if errors else []
    if out.exists():
        shutil.rmtree(out)
    (out / "ontology").mkdir(parents=True)
    for name in ONTOLOGY_FILES:
        shutil.copyfile(ontology_dir / name, out / "ontology" / name)
    per_graph = write(world, out)
    manifest = {
        "generator": "benchmarks/generate.py", "seed": seed, "requested_triples": triples, "communes": communes,
        "quads": world.quad_count() + fixed, "data_quads": world.quad_count(), "ontology_triples": fixed,
        "graphs": len(per_graph) + 1, "inject_errors": errors, "quads_per_graph": per_graph,
        "instances_per_class": dict(sorted(world.types.items())),
        "seconds": round(time.perf_counter() - started, 2), "cpu_seconds": round(time.process_time() - cpu_started, 2),
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if errors:
        report = {
            "reference": "pyshacl, results selected as in coopkg.validation (top-level sh:result only)",
            "results": sorted((e.as_dict() for e in expected),
                              key=lambda r: (r["severity"] != "Violation", r["source_shape"], r["focus_node"], r["value"] or "")),
            "spec_only": [{"error": e, "severity": s, "constraint": c, "source_shape": sh,
                           "focus_node": next(x.as_dict()["focus_node"] for x in expected if x.error == e)}
                          for e, s, c, sh in SPEC_ONLY],
            "components": sorted({e.component for e in expected}),
        }
        (out / "expected-results.json").write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n",
                                                   encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--triples", type=int, required=True, help="about how many quads in all (ontology included)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", type=Path, required=True, help="folder to write (replaced)")
    parser.add_argument("--inject-errors", action="store_true", help="add the known errors, write expected-results.json")
    args = parser.parse_args(argv)
    manifest = generate(args.triples, args.seed, args.output, args.inject_errors)
    print(f"{args.output}: {manifest['quads']} quads ({manifest['data_quads']} generated, "
          f"{manifest['ontology_triples']} ontology and vocabularies) in {manifest['graphs']} graphs, "
          f"{manifest['communes']} communes; {manifest['seconds']} s, {manifest['cpu_seconds']} CPU s", file=sys.stderr)


if __name__ == "__main__":
    main()

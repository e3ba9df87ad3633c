"""Everything the Répertoire prints, gathered through the named queries of queries/repertoire/.

Each list of the document is the answer of one named query (so that a reader can ask the same
thing in SPARQL); this module only groups, orders and numbers those answers. It reads any
repository of ``coopkg.store`` (the current embedded build or a remote endpoint).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox

from coopkg.config import queries_dir
from coopkg.sparql.catalogue import NamedQuery, load_catalogue
from coopkg.store.layout import build_of

from .model import (
    Authority,
    Claim,
    CountRow,
    DateClaim,
    Departement,
    Directory,
    District,
    Edition,
    Event,
    Figure,
    GroupFacts,
    IndexEntry,
    MapArc,
    Note,
    Participation,
    Partnership,
    Plan,
    Publication,
    Region,
    RussianPartner,
    Source,
    Subject,
)

QUERY_FOLDER = "repertoire"
NOTE_SEPARATOR = "\x1f"  # queries/repertoire/sources.rq joins a source's notes with it (any order)
SERIES_MEETINGS = "https://w3id.org/coopkg/id/event/groupe-pays-russie-meetings"
SERIES_RENCONTRES = "https://w3id.org/coopkg/id/event/rencontres-franco-russes"
TWINNING = "https://w3id.org/coopkg/vocab/partnership-kind/twinning"
COUNTRY_GROUP = "https://w3id.org/coopkg/id/org/cuf-groupe-pays-russie"
COOPERATION = "https://w3id.org/coopkg/id/history/franco-russian-decentralised-cooperation"
# A build folder is named by its UTC time of writing: 20261201T091806-22155.
BUILD_NAME = re.compile(r"^(\d{8}T\d{6})-\d+$")


def catalogue(folder: Path | None = None) -> dict[str, NamedQuery]:
    """The named queries of the Répertoire, by name."""
    return load_catalogue(folder or queries_dir() / QUERY_FOLDER)


def _value(term):
    if term is None:
        return None
    if isinstance(term, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return term.value
    return str(term)


def run(repository, named: NamedQuery, lang: str) -> list[dict[str, str | None]]:
    """The rows of a named query as dicts of plain strings (IRIs and literal values)."""
    values = {"lang": lang} if any(p.name == "lang" for p in named.params) else {}
    result = repository.query(named.text, named.bind(values))
    columns = [v.value for v in result.variables]
    return [{c: _value(row[c]) for c in columns} for row in result]


def sort_key(text: str | None) -> tuple:
    """Alphabetical order for names in Latin or Cyrillic script: accents and case ignored
    (é with e, ё with е), then the exact text to break ties."""
    text = text or ""
    folded = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    folded = re.sub(r"[^\w\s]", " ", folded.casefold())
    return (" ".join(folded.split()), text)


# --- gathering ----------------------------------------------------------------------------------

def edition_of(repository, dataset: dict | None) -> Edition:
    """The build this edition is made from: its folder name and the date in it for an embedded
    store; for a remote endpoint, the latest generation time the store records, else today."""
    location = getattr(repository, "location", None)
    build_id = None
    date = None
    if location:
        name = build_of(location).name
        match = BUILD_NAME.match(name)
        if match:
            build_id = name
            date = dt.datetime.strptime(match.group(1), "%Y%m%dT%H%M%S").date()
    if date is None and dataset and dataset.get("generatedAt"):
        try:
            date = dt.date.fromisoformat(dataset["generatedAt"][:10])
        except ValueError:
            date = None
    return Edition(
        date=date or dt.date.today(),
        build_id=build_id,
        where=repository.describe(),
        dataset_title=(dataset or {}).get("title") or "coopkg",
        licence=(dataset or {}).get("licence"),
        rights=(dataset or {}).get("rights"),
    )


def _sources(rows) -> tuple[list[Source], dict[str, Source]]:
    """The list of sources, one per document, numbered in order of title; and by graph."""
    by_document: dict[str, Source] = {}
    for row in rows:
        document = row["source"]
        source = by_document.get(document)
        if source is None:
            source = by_document[document] = Source(
                number=0, source=document, title=row["sourceTitle"], publisher=row["publisherLabel"],
                issued=row["issued"], address=row["address"], licence=row["sourceLicence"],
                retrieved=row["retrieved"], via_title=row["viaTitle"], via_address=row["viaAddress"],
                via_licence=row["viaLicence"], notes=" ".join(sorted(row["notes"].split(NOTE_SEPARATOR))) if row["notes"] else None)
        source.graphs.append((row["graph"], row["graphTitle"], row["graphLicence"]))
    ordered = sorted(by_document.values(), key=lambda s: sort_key(s.title))
    for number, source in enumerate(ordered, start=1):
        source.number = number
    by_graph = {graph: s for s in ordered for graph, _, _ in s.graphs}
    return ordered, by_graph


def gather(repository, lang: str, folder: Path | None = None) -> Directory:
    """Run every named query of the Répertoire and shape the answers into a Directory."""
    queries = catalogue(folder)

    def rows(name: str) -> list[dict]:
        return run(repository, queries[name], lang)

    dataset = next(iter(rows("edition")), None)
    sources, by_graph = _sources(rows("sources"))

    partnerships = _partnerships(rows("partnerships"))
    _attach_notes(partnerships, rows("partnership-sources"), by_graph)
    claims = defaultdict(list)
    for row in rows("territorial-status"):
        claims[row["partner"]].append(Claim(row["claim"], row["property"], row["sourceTitle"], by_graph.get(row["graph"])))
    for p in partnerships:
        p.status_claims = claims.get(p.partner, [])

    regions = _part1(partnerships)
    # Entries are numbered in the order Part 1 prints them.
    number = 0
    for region in regions:
        for authority in region.own + [a for d in region.departements for a in d.authorities]:
            for p in authority.partnerships:
                number += 1
                p.number = number
    note_number = 0
    for p in sorted(partnerships, key=lambda p: p.number):
        for note in p.notes:
            note_number += 1
            note.number = note_number

    events = _events(rows("events"), rows("event-themes"), rows("participants"), by_graph)
    figure_rows = rows("figures")
    figures_by_subject = defaultdict(list)
    for row in figure_rows:
        figures_by_subject[row["subject"]].append(_figure(row, by_graph))
    for event in events:
        event.figures = figures_by_subject.get(event.iri, [])

    return Directory(
        lang=lang,
        edition=edition_of(repository, dataset),
        sources=sources,
        partnerships=sorted(partnerships, key=lambda p: p.number),
        regions=regions,
        districts=_part2(partnerships, lang),
        by_kind=[CountRow(r["kind"], r["kindLabel"], int(r["partnerships"])) for r in rows("counts-by-kind")],
        by_decade=[CountRow(r["decade"], r["decade"], int(r["partnerships"])) for r in rows("counts-by-decade")],
        by_region=sorted((CountRow(r["region"], r["regionLabel"], int(r["partnerships"]), int(r["authorities"]))
                          for r in rows("counts-by-region")), key=lambda c: (-c.count, sort_key(c.label))),
        by_district=sorted((CountRow(r["district"], r["districtLabel"], int(r["partnerships"]), int(r["authorities"]),
                                     r["districtLabelRu"]) for r in rows("counts-by-federal-district")),
                           key=lambda c: (c.key is None, -c.count, sort_key(c.label))),
        arcs=_arcs(rows("map")),
        meetings=sorted((e for e in events if e.series == SERIES_MEETINGS), key=_edition_order),
        rencontres=sorted((e for e in events if e.series == SERIES_RENCONTRES), key=_edition_order),
        group=_group(rows("country-group"), rows("objectives"), figures_by_subject.get(COUNTRY_GROUP, []), by_graph),
        cooperation_figures=figures_by_subject.get(COOPERATION, []),
        plans=[Plan(r["date"], r["objectLabel"], r["description"], by_graph.get(r["graph"])) for r in rows("perspectives")],
        publications=_publications(rows("publications")),
        index=_index(rows("index"), lang),
    )


def _edition_order(event: Event) -> tuple:
    return (int(event.edition) if event.edition and event.edition.isdigit() else 10**6, event.sort_date)


def _partnerships(rows) -> list[Partnership]:
    found: dict[str, Partnership] = {}
    for r in rows:
        if r["partnership"] in found:  # one row per partnership; a second is a data error upstream
            continue
        found[r["partnership"]] = Partnership(
            iri=r["partnership"], kind=r["kind"], kind_label=r["kindLabel"] or "",
            start=r["startDate"] or None, date=r["date"] or None, end=r["endDate"] or None,
            status_label=r["statusLabel"], themes=" · ".join(sorted(r["themes"].split(" · "))) if r["themes"] else None,
            french=r["french"], french_label=r["frenchLabel"], french_kind=r["frenchKindLabel"],
            epci=r["epci"], epci_label=r["epciLabel"],
            departement=r["departement"], departement_label=r["departementLabel"], departement_code=r["departementCode"],
            region=r["region"], region_label=r["regionLabel"],
            partner=r["partner"], partner_label=r["partnerLabel"], partner_label_ru=r["partnerLabelRu"],
            partner_kind=r["partnerKindLabel"],
            subject=r["subject"], subject_label=r["subjectLabel"], subject_label_ru=r["subjectLabelRu"],
            subject_kind=r["subjectKindLabel"],
            district=r["district"], district_label=r["districtLabel"], district_label_ru=r["districtLabelRu"])
    return list(found.values())


def _attach_notes(partnerships: list[Partnership], rows, by_graph: dict[str, Source]) -> None:
    by_iri = {p.iri: p for p in partnerships}
    seen = set()
    for r in rows:
        p = by_iri.get(r["partnership"])
        key = (r["partnership"], r["graph"], r["source"])
        if p is None or key in seen:
            continue
        seen.add(key)
        p.notes.append(Note(
            number=0, source=by_graph.get(r["graph"]), title=r["sourceTitle"], publisher=r["publisherLabel"],
            issued=r["issued"], address=r["address"], licence=r["licence"], via_title=r["viaTitle"],
            via_address=r["viaAddress"], date=r["date"], note=r["note"]))


def _part1(partnerships: list[Partnership]) -> list[Region]:
    """Région → département → French authority → partnerships, each level in alphabetical order
    (départements by code)."""
    regions: dict[str | None, Region] = {}
    for p in partnerships:
        region = regions.setdefault(p.region, Region(p.region, p.region_label))
        if p.french == p.region:
            group = region.own
        else:
            departement = next((d for d in region.departements if d.iri == p.departement), None)
            if departement is None:
                departement = Departement(p.departement, p.departement_label, p.departement_code)
                region.departements.append(departement)
            group = departement.authorities
        authority = next((a for a in group if a.iri == p.french), None)
        if authority is None:
            authority = Authority(p.french, p.french_label, p.french_kind, p.epci, p.epci_label)
            group.append(authority)
        authority.partnerships.append(p)
    for region in regions.values():
        region.departements.sort(key=lambda d: (d.code is None, d.code or "", sort_key(d.label)))
        for departement in region.departements:
            # The département's own council first, then its communes.
            departement.authorities.sort(key=lambda a: (a.iri != departement.iri, sort_key(a.label)))
        for authority in region.own + [a for d in region.departements for a in d.authorities]:
            authority.partnerships.sort(key=lambda p: (sort_key(p.partner_label), p.kind_label, p.iri))
    return sorted(regions.values(), key=lambda r: (r.iri is None, sort_key(r.label)))


def _part2(partnerships: list[Partnership], lang: str) -> list[District]:
    """Federal district → federal subject → Russian partner → partnerships; partners outside every
    federal subject (the Crimean case) come last, under a district and subject of None. In the
    Russian edition names are ordered by their Cyrillic form."""

    def name(label: str | None, label_ru: str | None) -> tuple:
        return sort_key(label_ru or label) if lang == "ru" else sort_key(label)

    districts: dict[str | None, District] = {}
    for p in partnerships:
        district = districts.setdefault(p.district, District(p.district, p.district_label, p.district_label_ru))
        subject = next((s for s in district.subjects if s.iri == p.subject), None)
        if subject is None:
            subject = Subject(p.subject, p.subject_label, p.subject_label_ru, p.subject_kind)
            district.subjects.append(subject)
        partner = next((x for x in subject.partners if x.iri == p.partner), None)
        if partner is None:
            partner = RussianPartner(p.partner, p.partner_label, p.partner_label_ru, p.partner_kind,
                                     status_claims=p.status_claims)
            subject.partners.append(partner)
        partner.partnerships.append(p)
    for district in districts.values():
        district.subjects.sort(key=lambda s: (s.iri is None, name(s.label, s.label_ru)))
        for subject in district.subjects:
            # The federal city itself first (Moscow, Saint Petersburg), then the places in it.
            subject.partners.sort(key=lambda x: (x.iri != subject.iri, name(x.label, x.label_ru)))
            for partner in subject.partners:
                partner.partnerships.sort(key=lambda p: p.number)
    return sorted(districts.values(), key=lambda d: (d.iri is None, name(d.label, d.label_ru)))


def _arcs(rows) -> list[MapArc]:
    def point(lat, long):
        return (float(long), float(lat)) if lat is not None and long is not None else None

    arcs = {}
    for r in rows:
        arcs.setdefault(r["partnership"], MapArc(
            r["partnership"], r["kind"] == TWINNING, r["frenchLabel"], r["partnerLabel"],
            point(r["frenchLat"], r["frenchLong"]), point(r["partnerLat"], r["partnerLong"])))
    return list(arcs.values())


def _figure(r, by_graph) -> Figure:
    return Figure(r["whatLabel"], r["precision"], r["precisionLabel"], r["value"], r["date"], r["note"],
                  by_graph.get(r["graph"]), r["sourceTitle"])


def _events(event_rows, theme_rows, participant_rows, by_graph) -> list[Event]:
    events: dict[str, Event] = {}
    for r in event_rows:
        event = events.setdefault(r["event"], Event(r["event"], r["series"], r["eventLabel"], r["edition"]))
        source = by_graph.get(r["graph"])
        claim = DateClaim(r["start"], r["end"], r["date"], r["status"], r["statusLabel"], source, r["sourceTitle"])
        if claim not in event.dates:
            event.dates.append(claim)
        if r["cityLabel"]:
            city = next((c for c in event.cities if c[0] == r["cityLabel"]), None)
            if city is None:
                event.cities.append((r["cityLabel"], [source], r["cityAuthority"]))
            elif source not in city[1]:
                city[1].append(source)
        for value, target in ((r["venueLabel"], event.venues), (r["frameworkLabel"], event.frameworks)):
            found = next((v for v in target if v[0] == value), None) if value else None
            if value and found is None:
                target.append((value, [source]))
            elif found is not None and source not in found[1]:
                found[1].append(source)
        if r["description"] and (r["description"], source) not in event.descriptions:
            event.descriptions.append((r["description"], source))
    for event in events.values():
        event.dates.sort(key=lambda c: ((c.start or c.date or ""), c.source.number if c.source else 0))

    themes: dict[str, dict[str, list]] = defaultdict(dict)
    workshops: dict[str, dict[str, list[str]]] = defaultdict(dict)
    for r in theme_rows:
        if r["event"] not in events:
            continue
        if r["subEvent"] == r["event"]:
            found = themes[r["event"]].setdefault(r["themeLabel"], [])
            source = by_graph.get(r["graph"])
            if source not in found:
                found.append(source)
        else:
            workshop = workshops[r["event"]].setdefault(r["subEventLabel"], [])
            if r["themeLabel"] not in workshop:
                workshop.append(r["themeLabel"])
    for iri, event in events.items():
        event.themes = sorted(themes[iri].items(), key=lambda t: sort_key(t[0]))
        event.workshops = sorted(workshops[iri].items())

    # One participation per participant, sub-event and role; its capacities and sources merged,
    # so that two sources giving two roles show as two lines, each with its source.
    for r in participant_rows:
        event = events.get(r["event"])
        if event is None:
            continue
        key = (r["participant"], r["inEvent"], r["roleLabel"])
        found = next((p for p in event.participations
                      if (p.participant, p.in_event, p.role_label) == key), None)
        if found is None:
            found = Participation(r["participant"], r["participantLabel"], r["participantLabelRu"],
                                  r["participantType"], r["inEvent"], r["inEventLabel"], r["roleLabel"],
                                  on_behalf_of=r["onBehalfOfLabel"])
            event.participations.append(found)
        capacity = _capacity(r)
        if capacity and capacity not in found.capacities:
            found.capacities.append(capacity)
        source = by_graph.get(r["graph"])
        if source not in found.sources:
            found.sources.append(source)
    order = {"person": 0, "authority": 1, "organisation": 2}
    for event in events.values():
        event.participations.sort(key=lambda p: (p.in_event != event.iri, order.get(p.type, 3), sort_key(p.label)))
    return list(events.values())


def _capacity(r) -> str | None:
    """The post as the source words it in the document's language, else its role and organisation."""
    if r["postWording"]:
        return r["postWording"]
    parts = [x for x in (r["postRoleLabel"], r["postOrganisationLabel"]) if x]
    return ", ".join(parts) or None


def _group(group_rows, objective_rows, figures, by_graph) -> GroupFacts:
    facts = GroupFacts(figures=figures)
    for r in group_rows:
        source = by_graph.get(r["graph"])
        if r["created"]:
            facts.created.append((r["created"], r["creationEventLabel"], source))
        if r["networkLabel"]:
            facts.networks.append((r["networkLabel"], source))
        if r["supporterLabel"]:
            facts.supporters.append((r["supporterLabel"], source))
        if r["president"]:
            facts.presidents.append((r["president"], r["presidentLabel"], source))
    facts.objectives = [(r["objectiveLabel"], by_graph.get(r["graph"])) for r in objective_rows]
    return facts


def _publications(rows) -> list[Publication]:
    found: dict[str, Publication] = {}
    for r in rows:
        publication = found.setdefault(r["publication"], Publication(r["publicationLabel"], [], r["plannedUpdate"]))
        edition = (r["editionLabel"], r["published"], r["publisherLabel"])
        if r["editionLabel"] and edition not in publication.editions:
            publication.editions.append(edition)
    return sorted(found.values(), key=lambda p: sort_key(p.label))


def _index(rows, lang: str) -> list[IndexEntry]:
    """Every authority and person with its name in the document's language first, then its other
    forms: the French and English names (Latin script) and the Russian one (Cyrillic)."""
    entries = {}
    for r in rows:
        if r["thing"] in entries:
            continue
        french, english, russian = r["labelFr"], r["labelEn"], r["labelRu"]
        order = {"fr": (french, english, russian), "en": (english, french, russian),
                 "ru": (russian, french, english)}[lang]
        names = []
        for name in order:
            if name and name not in names:
                names.append(name)
        names = names or [r["label"]]
        entries[r["thing"]] = IndexEntry(r["thing"], r["type"], names[0], names[1:], bool(russian),
                                         r["kindLabel"], r["countryLabel"])
    return sorted(entries.values(), key=lambda e: sort_key(e.name))

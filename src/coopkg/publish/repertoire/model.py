"""What the Répertoire is made of: the edition, its sources and notes, the partnerships grouped
for Parts 1 and 2, the country group's events for Part 3, the counts, the map and the index."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class Edition:
    date: dt.date
    build_id: str | None  # the build folder's name; None for a remote endpoint
    where: str  # the repository, for messages (never credentials)
    dataset_title: str = ""
    licence: str | None = None
    rights: str | None = None


@dataclass
class Source:
    """A document of the list of sources (front matter), numbered [1], [2]..."""

    number: int
    source: str
    title: str
    publisher: str | None
    issued: str | None
    address: str | None
    licence: str | None
    retrieved: str | None
    via_title: str | None
    via_address: str | None
    via_licence: str | None
    notes: str | None
    graphs: list[tuple[str, str, str | None]] = field(default_factory=list)  # (graph, title, licence)


@dataclass
class Note:
    """A numbered source note under a Part 1 entry."""

    number: int
    source: Source | None
    title: str
    publisher: str | None
    issued: str | None
    address: str | None
    licence: str | None
    via_title: str | None
    via_address: str | None
    date: str | None
    note: str | None


@dataclass
class Claim:
    """What one source says on a disputed point, with its source."""

    text: str
    property: str
    source_title: str
    source: Source | None


@dataclass
class Partnership:
    iri: str
    number: int = 0
    kind: str | None = None
    kind_label: str = ""
    start: str | None = None
    date: str | None = None
    end: str | None = None
    status_label: str | None = None
    themes: str | None = None
    french: str = ""
    french_label: str = ""
    french_kind: str | None = None
    epci: str | None = None
    epci_label: str | None = None
    departement: str | None = None
    departement_label: str | None = None
    departement_code: str | None = None
    region: str | None = None
    region_label: str | None = None
    partner: str = ""
    partner_label: str = ""
    partner_label_ru: str | None = None
    partner_kind: str | None = None
    subject: str | None = None
    subject_label: str | None = None
    subject_label_ru: str | None = None
    subject_kind: str | None = None
    district: str | None = None
    district_label: str | None = None
    district_label_ru: str | None = None
    notes: list[Note] = field(default_factory=list)
    status_claims: list[Claim] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"p{self.number}"

    @property
    def first_date(self) -> str | None:
        return self.start or self.date


@dataclass
class Authority:
    """A French authority of Part 1 with its partnerships."""

    iri: str
    label: str
    kind: str | None
    epci: str | None
    epci_label: str | None
    partnerships: list[Partnership] = field(default_factory=list)


@dataclass
class Departement:
    iri: str | None
    label: str | None
    code: str | None
    authorities: list[Authority] = field(default_factory=list)


@dataclass
class Region:
    iri: str | None
    label: str | None
    own: list[Authority] = field(default_factory=list)  # the région itself as a partner
    departements: list[Departement] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(a.partnerships) for a in self.own) + sum(
            len(a.partnerships) for d in self.departements for a in d.authorities)


@dataclass
class RussianPartner:
    iri: str
    label: str
    label_ru: str | None
    kind: str | None
    partnerships: list[Partnership] = field(default_factory=list)
    status_claims: list[Claim] = field(default_factory=list)


@dataclass
class Subject:
    iri: str | None
    label: str | None
    label_ru: str | None
    kind: str | None
    partners: list[RussianPartner] = field(default_factory=list)


@dataclass
class District:
    iri: str | None
    label: str | None
    label_ru: str | None
    subjects: list[Subject] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(p.partnerships) for s in self.subjects for p in s.partners)


@dataclass
class DateClaim:
    start: str | None
    end: str | None
    date: str | None  # a month or a year
    status: str | None
    status_label: str | None
    source: Source | None
    source_title: str


def _compatible(a: DateClaim, b: DateClaim) -> bool:
    if a.start and b.start:
        return (a.start, a.end or a.start) == (b.start, b.end or b.start)
    if a.date and b.date:
        return a.date.startswith(b.date) or b.date.startswith(a.date)
    period, days = (a.date, b) if a.date else (b.date, a)
    return bool(period) and days.start.startswith(period) and (days.end or days.start).startswith(period)


@dataclass
class Participation:
    participant: str
    label: str
    label_ru: str | None
    type: str  # person, authority, organisation
    in_event: str
    in_event_label: str
    role_label: str | None
    capacities: list[str] = field(default_factory=list)
    on_behalf_of: str | None = None
    sources: list[Source | None] = field(default_factory=list)


@dataclass
class Figure:
    what: str
    precision: str | None
    precision_label: str | None
    value: str
    date: str | None
    note: str | None
    source: Source | None
    source_title: str


@dataclass
class Event:
    iri: str
    series: str
    label: str
    edition: str | None
    dates: list[DateClaim] = field(default_factory=list)
    # (label, the sources that say it, the local authority of the city): one line per value.
    cities: list[tuple[str, list[Source | None], str | None]] = field(default_factory=list)
    venues: list[tuple[str, list[Source | None]]] = field(default_factory=list)
    frameworks: list[tuple[str, list[Source | None]]] = field(default_factory=list)
    descriptions: list[tuple[str, Source | None]] = field(default_factory=list)
    themes: list[tuple[str, list[Source | None]]] = field(default_factory=list)
    workshops: list[tuple[str, list[str]]] = field(default_factory=list)  # (label, themes)
    participations: list[Participation] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return "e-" + self.iri.rsplit("/", 1)[-1]

    @property
    def short_label(self) -> str:
        return self.label

    @property
    def sort_date(self) -> str:
        return min((c.start or c.date or "9999") for c in self.dates) if self.dates else "9999"

    @property
    def dates_disagree(self) -> bool:
        """Whether two sources date the event incompatibly; a month or year that contains the days
        another source gives is no disagreement (2008-11 and 27-28 November 2008)."""
        return any(not _compatible(a, b) for i, a in enumerate(self.dates) for b in self.dates[i + 1:])

    @property
    def best_dates(self) -> "DateClaim":
        """The most precise claim (used when the sources agree)."""
        return max(self.dates, key=lambda c: (c.start is not None, len(c.date or "")))

    @property
    def only_planned(self) -> bool:
        """Whether every source that gives a status gives "planned" (no source reports it held)."""
        statuses = {c.status for c in self.dates if c.status}
        return bool(statuses) and all(s.endswith("/planned") for s in statuses)


@dataclass
class Plan:
    date: str | None
    object_label: str
    description: str | None
    source: Source | None


@dataclass
class GroupFacts:
    created: list[tuple[str, str | None, Source | None]] = field(default_factory=list)  # (date, event, source)
    networks: list[tuple[str, Source | None]] = field(default_factory=list)
    supporters: list[tuple[str, Source | None]] = field(default_factory=list)
    presidents: list[tuple[str, str, Source | None]] = field(default_factory=list)  # (iri, label, source)
    objectives: list[tuple[str, Source | None]] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)


@dataclass
class Publication:
    label: str
    editions: list[tuple[str, str | None, str | None]]  # (label, published, publisher)
    planned_update: str | None


@dataclass
class CountRow:
    key: str | None
    label: str | None
    count: int
    authorities: int | None = None
    label_ru: str | None = None


@dataclass
class MapArc:
    partnership: str
    twinning: bool
    french_label: str
    partner_label: str
    french: tuple[float, float] | None  # (longitude, latitude)
    partner: tuple[float, float] | None


@dataclass
class IndexEntry:
    iri: str
    type: str  # authority or person
    name: str  # in the document's language (Cyrillic in the Russian edition, where there is one)
    other_names: list[str]  # the other forms, Latin (French, English) or Cyrillic
    has_cyrillic: bool
    kind: str | None
    country: str | None


@dataclass
class Directory:
    lang: str
    edition: Edition
    sources: list[Source]
    partnerships: list[Partnership]
    regions: list[Region]
    districts: list[District]
    by_kind: list[CountRow]
    by_decade: list[CountRow]
    by_region: list[CountRow]
    by_district: list[CountRow]
    arcs: list[MapArc]
    meetings: list[Event]
    rencontres: list[Event]
    group: GroupFacts
    cooperation_figures: list[Figure]
    plans: list[Plan]
    publications: list[Publication]
    index: list[IndexEntry]

    @property
    def french_authorities(self) -> int:
        return len({p.french for p in self.partnerships})

    @property
    def russian_partners(self) -> int:
        return len({p.partner for p in self.partnerships})

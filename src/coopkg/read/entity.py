"""Everything the entity page shows about one IRI.

Its labels and kinds, every statement about it and every statement pointing at it, each with
the named graph it comes from and that graph's source document; the claims on which sources
disagree, side by side; its neighbourhood as a small graph; its own RDF in several formats.
"""

from __future__ import annotations

import threading
import weakref
from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from coopkg.rdf.formats import serialize_rdf
from coopkg.rdf.namespaces import PREFIXES, compact
from coopkg.read.labels import LABEL_PREDICATES, Labels, load_kinds, load_labels
from coopkg.sparql.catalogue import library_text

RDF_TYPE = PREFIXES["rdf"] + "type"
XSD_STRING = PREFIXES["xsd"] + "string"
RDF_LANG_STRING = PREFIXES["rdf"] + "langString"
# Free text and names: sources word them differently without disagreeing.
NOT_COMPARED = set(LABEL_PREDICATES) | {RDF_TYPE} | {
    PREFIXES[p] + local for p, local in (
        ("skos", "note"), ("skos", "definition"), ("dct", "description"), ("schema", "description"),
        ("coop", "postTitle"), ("dct", "title"), ("coop", "hasCount"), ("coop", "territorialStatusNote"),
    )
}
INCOMING_LIMIT = 500
NEIGHBOURS_LIMIT = 40
ENTITY_RDF_FORMATS = ("turtle", "jsonld", "ntriples", "rdfxml")



@dataclass(frozen=True)
class Source:
    """A named graph and the document it was made from."""

    graph: str
    graph_title: str = ""
    document: str | None = None  # the csrc: IRI
    title: str = ""
    url: str | None = None  # only http(s) addresses, so a link can never run script
    license: str | None = None
    publisher: str | None = None


@dataclass(frozen=True)
class Statement:
    subject: str
    predicate: str
    value: object  # a pyoxigraph term
    graph: str

    @property
    def is_iri(self) -> bool:
        return isinstance(self.value, ox.NamedNode)

    @property
    def language(self) -> str:
        return self.value.language or "" if isinstance(self.value, ox.Literal) else ""

    @property
    def datatype(self) -> str:
        if isinstance(self.value, ox.Literal) and not self.value.language:
            iri = self.value.datatype.value
            return "" if iri == XSD_STRING else compact(iri)
        return ""


@dataclass(frozen=True)
class Claim:
    graph: str
    value: object


@dataclass(frozen=True)
class Disagreement:
    """Sources that each state one value for the same property (or count) and do not agree."""

    predicate: str  # the property, or the count kind for counts
    claims: tuple[Claim, ...]
    about_count: bool = False


@dataclass
class Neighbourhood:
    nodes: list[tuple[str, str]] = field(default_factory=list)  # (iri, label)
    edges: list[tuple[str, str, str]] = field(default_factory=list)  # (from, to, property label)


@dataclass
class EntityPage:
    iri: str
    label: str
    exists: bool
    kind: str | None
    classes: list[str]
    labels: list[Statement]  # prefLabel, altLabel, rdfs:label statements
    properties: list[Statement]  # every other statement about it
    incoming: list[Statement]  # statements pointing at it (backlinks)
    incoming_truncated: bool
    disagreements: list[Disagreement]
    sources: dict[str, Source]  # graph -> its source, for every graph used above

    def graphs(self) -> list[str]:
        found = {s.graph for s in self.labels + self.properties + self.incoming}
        return sorted(found)


_sources_cache: "weakref.WeakKeyDictionary[object, dict[str, Source]]" = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def _safe_url(term) -> str | None:
    value = term.value if term is not None else ""
    return value if value.startswith(("http://", "https://")) else None


def load_sources(repository) -> dict[str, Source]:
    """Every named graph described in the metadata graph, with its source document."""
    with _lock:
        cached = _sources_cache.get(repository)
    if cached is not None:
        return cached
    found: dict[str, Source] = {}
    for row in repository.query(library_text("read/sources")):
        graph = row["graph"].value
        if graph in found and found[graph].document:
            continue
        found[graph] = Source(
            graph=graph,
            graph_title=row["graphTitle"].value if row["graphTitle"] is not None else "",
            document=row["source"].value if isinstance(row["source"], ox.NamedNode) else None,
            title=row["title"].value if row["title"] is not None else "",
            url=_safe_url(row["url"]),
            license=row["license"].value if row["license"] is not None else None,
            publisher=row["publisher"].value if isinstance(row["publisher"], ox.NamedNode) else None,
        )
    with _lock:
        _sources_cache[repository] = found
    return found


def source_of(graph: str, sources: dict[str, Source]) -> Source:
    return sources.get(graph) or Source(graph=graph)


def find_disagreements(statements: list[Statement]) -> list[Disagreement]:
    """Properties that two or more graphs state with one value each, and different values."""
    by_predicate: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for st in statements:
        if st.predicate not in NOT_COMPARED:
            by_predicate[st.predicate][st.graph].add(st.value)
    found = []
    for predicate, per_graph in sorted(by_predicate.items()):
        if len(per_graph) < 2 or any(len(values) != 1 for values in per_graph.values()):
            continue
        if len({next(iter(values)) for values in per_graph.values()}) > 1:
            found.append(Disagreement(predicate, tuple(Claim(g, next(iter(v))) for g, v in sorted(per_graph.items()))))
    return found


def count_disagreements(repository, iri: str) -> list[Disagreement]:
    """Figures about the entity (participants, delegations...) that sources give differently."""
    per_kind: dict[str, list[Claim]] = defaultdict(list)
    for row in repository.query(library_text("read/entity-counts"), {"entity": ox.NamedNode(iri)}):
        what = row["what"].value if row["what"] is not None else ""
        value = row["value"]
        if row["precision"] is not None:
            value = ox.Literal(f"{compact(row['precision'].value).split(':')[-1]} {value.value}")
        per_kind[what].append(Claim(row["g"].value, value))
    found = []
    for what, claims in sorted(per_kind.items()):
        if len({c.graph for c in claims}) > 1 and len({c.value for c in claims}) > 1:
            found.append(Disagreement(what, tuple(sorted(claims, key=lambda c: c.graph)), about_count=True))
    return found


def describe_entity(repository, iri: str, lang: str = "en", labels: Labels | None = None) -> EntityPage:
    """All the entity page needs about ``iri`` (which may be unknown: ``exists`` is then False)."""
    labels = labels or load_labels(repository)
    node = ox.NamedNode(iri)
    outgoing = [Statement(iri, row["p"].value, row["o"], row["g"].value)
                for row in repository.query(library_text("read/entity-statements"), {"entity": node})]
    incoming_rows = list(repository.query(library_text("read/entity-backlinks"), {"entity": node}))
    incoming = [Statement(row["s"].value if isinstance(row["s"], ox.NamedNode) else str(row["s"]),
                          row["p"].value, node, row["g"].value)
                for row in incoming_rows[:INCOMING_LIMIT]]
    label_statements = [s for s in outgoing if s.predicate in LABEL_PREDICATES]
    properties = [s for s in outgoing if s.predicate not in LABEL_PREDICATES and s.predicate != RDF_TYPE]
    classes = sorted({s.value.value for s in outgoing if s.predicate == RDF_TYPE and s.is_iri})
    order = {p: i for i, p in enumerate(LABEL_PREDICATES)}
    label_statements.sort(key=lambda s: (order[s.predicate], s.language, s.value.value, s.graph))
    properties.sort(key=lambda s: (compact(s.predicate), str(s.value), s.graph))
    incoming.sort(key=lambda s: (compact(s.predicate), s.subject, s.graph))
    sources = load_sources(repository)
    used = {s.graph for s in outgoing + incoming}
    disagreements = find_disagreements(outgoing) + count_disagreements(repository, iri)
    used |= {c.graph for d in disagreements for c in d.claims}
    return EntityPage(
        iri=iri,
        label=labels.label(iri, lang),
        exists=bool(outgoing or incoming),
        kind=load_kinds(repository).get(iri),
        classes=classes,
        labels=label_statements,
        properties=properties,
        incoming=incoming,
        incoming_truncated=len(incoming_rows) > INCOMING_LIMIT,
        disagreements=disagreements,
        sources={g: source_of(g, sources) for g in sorted(used)},
    )


def neighbourhood(page: EntityPage, labels: Labels, lang: str = "en", limit: int = NEIGHBOURS_LIMIT) -> Neighbourhood:
    """The entity and the things it links to or is linked from, for a small graph."""
    result = Neighbourhood(nodes=[(page.iri, labels.label(page.iri, lang))])
    seen = {page.iri}
    edges = set()
    links = [(page.iri, s.value.value, s.predicate) for s in page.properties if s.is_iri]
    links += [(s.subject, page.iri, s.predicate) for s in page.incoming]
    for source, target, predicate in links:
        other = target if source == page.iri else source
        if other not in seen:
            if len(seen) > limit:
                continue
            seen.add(other)
            result.nodes.append((other, labels.label(other, lang)))
        edge = (source, target, labels.label(predicate, lang))
        if edge not in edges:
            edges.add(edge)
            result.edges.append(edge)
    return result


def entity_rdf(repository, iri: str, fmt: str = "turtle") -> bytes:
    """The statements about ``iri`` (all sources merged) in an RDF format."""
    if fmt not in ENTITY_RDF_FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(ENTITY_RDF_FORMATS)}")
    triples = list(repository.query(library_text("read/entity-rdf"), {"entity": ox.NamedNode(iri)}))
    return serialize_rdf(triples, fmt)


# --- what an authority's and an event's page answer at once -------------------------------------

@dataclass
class PartnershipRow:
    """One partnership of an authority with one partner: every date, status and source graph
    the sources give."""

    partnership: str
    partner: str
    kind: str | None = None
    dates: list[str] = field(default_factory=list)  # lexical forms: a day, a month or a year
    status: str | None = None
    graphs: list[str] = field(default_factory=list)


def authority_partnerships(repository, iri: str) -> list[PartnershipRow]:
    """The partnerships ``iri`` is party to, one row per partnership and partner."""
    found: dict[tuple[str, str], PartnershipRow] = {}
    for row in repository.query(library_text("read/authority-partnerships"), {"entity": ox.NamedNode(iri)}):
        key = (row["partnership"].value, row["partner"].value)
        entry = found.setdefault(key, PartnershipRow(*key))
        if row["kind"] is not None:
            entry.kind = row["kind"].value
        if row["status"] is not None:
            entry.status = row["status"].value
        if row["date"] is not None and row["date"].value not in entry.dates:
            entry.dates.append(row["date"].value)
        if row["graph"].value not in entry.graphs:
            entry.graphs.append(row["graph"].value)
    for entry in found.values():
        entry.dates.sort()
    return list(found.values())


@dataclass(frozen=True)
class ParticipantRow:
    """Who took part in an event (or one of its sub-events), in which role and capacity, as one
    source says."""

    event: str  # the event or sub-event taken part in
    participant: str
    role: str | None
    capacity: str | None  # the post held, as the source names it
    on_behalf_of: str | None
    graph: str


def event_participants(repository, iri: str) -> list[ParticipantRow]:
    def text(term):
        return term.value if term is not None else None

    return [ParticipantRow(row["inEvent"].value, row["participant"].value, text(row["role"]), text(row["capacity"]),
                           text(row["onBehalfOf"]), row["graph"].value)
            for row in repository.query(library_text("read/event-participants"), {"entity": ox.NamedNode(iri)})]

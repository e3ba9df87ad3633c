"""Names of things: the label of any IRI in a chosen language, and the kind of each thing.

Every label of the store is read once (one query) and kept per repository; a label is looked up
in the chosen language, then French, English, Russian, then untagged, and an IRI without any
label shows in its compact form (``auth:fr-nice``).
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass

import pyoxigraph as ox

from coopkg.i18n import t
from coopkg.rdf.namespaces import PREFIXES, compact
from coopkg.sparql.catalogue import library_text

SKOS = PREFIXES["skos"]
RDFS = PREFIXES["rdfs"]
# Preferred first: a prefLabel beats an rdfs:label (ontology terms), which beats a dct:title
# (sources, graphs, datasets), which beats an altLabel.
LABEL_PREDICATES = (SKOS + "prefLabel", RDFS + "label", PREFIXES["dct"] + "title", SKOS + "altLabel")
FALLBACK_LANGUAGES = ("fr", "en", "ru")



def language_order(lang: str) -> tuple[str, ...]:
    """The chosen language first, then the fallbacks, then untagged labels."""
    return (lang,) + tuple(x for x in FALLBACK_LANGUAGES if x != lang) + ("",)


@dataclass(frozen=True)
class LabelEntry:
    thing: str
    text: str
    lang: str  # "" when untagged
    predicate: str  # full IRI of prefLabel, rdfs:label, dct:title or altLabel


class Labels:
    """Every label of a store, by thing and language."""

    def __init__(self, entries: list[LabelEntry]):
        self.entries = entries
        rank = {p: i for i, p in enumerate(LABEL_PREDICATES)}
        best: dict[str, dict[str, tuple[int, str]]] = {}
        for entry in entries:
            per_lang = best.setdefault(entry.thing, {})
            key = (rank[entry.predicate], entry.text)
            if entry.lang not in per_lang or key < per_lang[entry.lang]:
                per_lang[entry.lang] = key
        self._best = {thing: {lang: text for lang, (_, text) in langs.items()} for thing, langs in best.items()}
        self._preferred = {}
        for entry in entries:
            if entry.predicate == LABEL_PREDICATES[0]:
                self._preferred.setdefault(entry.thing, set()).add(entry.lang)

    def __len__(self) -> int:
        return len(self._best)

    def __contains__(self, iri: str) -> bool:
        return iri in self._best

    def label(self, thing, lang: str = "en") -> str:
        """The label of an IRI (or a term) in ``lang`` with fallback; literals give their text."""
        if isinstance(thing, ox.Literal):
            return thing.value
        if isinstance(thing, ox.BlankNode):
            return f"_:{thing.value}"
        iri = thing.value if isinstance(thing, ox.NamedNode) else str(thing)
        per_lang = self._best.get(iri)
        if per_lang:
            for candidate in language_order(lang):
                if candidate in per_lang:
                    return per_lang[candidate]
            return next(iter(per_lang.values()))
        return compact(iri)

    def label_language(self, iri: str, lang: str = "en") -> str | None:
        """Which language the label shown for ``iri`` is in (None: no label, the IRI is shown)."""
        per_lang = self._best.get(iri, {})
        for candidate in language_order(lang):
            if candidate in per_lang:
                return candidate
        return next(iter(per_lang), None)

    def preferred_languages(self, iri: str) -> set[str]:
        """The languages in which ``iri`` has a skos:prefLabel."""
        return set(self._preferred.get(iri, ()))

    def things(self) -> list[str]:
        return list(self._best)


_cache: "weakref.WeakKeyDictionary[object, Labels]" = weakref.WeakKeyDictionary()
_kinds_cache: "weakref.WeakKeyDictionary[object, dict[str, str]]" = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def load_labels(repository) -> Labels:
    """Every label of the repository, read once and kept while the repository object lives."""
    with _lock:
        cached = _cache.get(repository)
        if cached is not None:
            return cached
    entries = [
        LabelEntry(row["thing"].value, row["label"].value, row["label"].language or "", row["predicate"].value)
        for row in repository.query(library_text("read/labels"))
    ]
    labels = Labels(entries)
    with _lock:
        _cache[repository] = labels
    return labels


# --- kinds ----------------------------------------------------------------------------------------

# The broad kinds things are grouped by (search results, facets), most specific first: a thing
# takes the first kind one of its classes falls under (through rdfs:subClassOf in the ontology).
KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("authority", ("coop:LocalAuthority",)),
    ("person", ("foaf:Person",)),
    ("organisation", ("org:Organization", "org:FormalOrganization", "org:OrganizationalUnit",
                      "cpov:PublicOrganisation", "foaf:Organization", "schema:Organization")),
    ("series", ("coop:EventSeries", "schema:EventSeries")),
    ("event", ("coop:Event", "schema:Event")),
    ("partnership", ("coop:Partnership",)),
    ("participation", ("coop:Participation",)),
    ("post", ("org:Membership",)),
    ("count", ("coop:Count",)),
    ("publication", ("coop:Publication", "coop:PublicationEdition", "schema:CreativeWork")),
    ("plan", ("schema:PlanAction",)),
    ("history", ("coop:CooperationPhase",)),
    ("country", ("coop:Country",)),
    ("place", ("coop:Territory", "schema:Place", "dct:Location")),
    ("concept", ("skos:Concept", "skos:ConceptScheme")),
    ("source", ("foaf:Document", "dct:BibliographicResource")),
    ("graph", ("sd:Graph",)),
    ("dataset", ("void:Dataset", "dcat:Dataset")),
    ("term", ("owl:Class", "owl:ObjectProperty", "owl:DatatypeProperty", "owl:AnnotationProperty",
              "rdf:Property", "owl:Ontology")),
)
OTHER_KIND = "other"


def _expand(name: str) -> str:
    prefix, _, local = name.partition(":")
    return PREFIXES[prefix] + local




def load_kinds(repository) -> dict[str, str]:
    """The broad kind (a key of ``KINDS``) of every typed IRI; kept per repository object."""
    with _lock:
        cached = _kinds_cache.get(repository)
        if cached is not None:
            return cached
    order = {}
    for rank, (key, classes) in enumerate(KINDS):
        for name in classes:
            order.setdefault(_expand(name), (rank, key))
    best: dict[str, tuple[int, str]] = {}
    for row in repository.query(library_text("read/kinds")):
        found = order.get(row["class"].value)
        thing = row["thing"].value
        if found is None:
            best.setdefault(thing, (len(KINDS), OTHER_KIND))
        elif found < best.get(thing, (len(KINDS) + 1, "")):
            best[thing] = found
    kinds = {thing: key for thing, (_, key) in best.items()}
    with _lock:
        _kinds_cache[repository] = kinds
    return kinds


CLASS_TYPES = {PREFIXES["owl"] + "Class", RDFS + "Class"}


def ontology_term_kinds(repository) -> dict[str, str]:
    """Every class and property the ontology graph declares: IRI -> "class" or "property"."""
    found: dict[str, str] = {}
    for row in repository.query(library_text("export/ontology-terms")):
        kind = "class" if row["kind"].value in CLASS_TYPES else "property"
        found.setdefault(row["term"].value, kind)
    return found


def kind_label(kind: str, lang: str = "en") -> str:
    return t(f"kind.{kind}", lang)

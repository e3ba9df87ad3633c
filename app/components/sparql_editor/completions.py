"""What the editor completes, read from the library: the ontology's classes and properties, and
entities found by label in any script (the library's search)."""

from __future__ import annotations

from typing import Callable

from coopkg.rdf.namespaces import compact
from coopkg.read.labels import Labels, ontology_term_kinds
from coopkg.read.search import search

from . import Completion

ENTITY_LIMIT = 12


def ontology_terms(repository, labels: Labels, lang: str) -> list[Completion]:
    """The classes and properties the store declares, as ``coop:Event`` with their label beside."""
    completions = []
    for iri, kind in ontology_term_kinds(repository).items():
        name = compact(iri)
        if name == iri:  # no known prefix: not worth typing in full
            continue
        completions.append(Completion(name, name, labels.label(iri, lang), kind))
    return sorted(completions, key=lambda c: c.label)


def entity_finder(repository, lang: str, limit: int = ENTITY_LIMIT) -> Callable[[str], list[Completion]]:
    """A function from a typed word to the entities whose labels match it (any script, any
    language, the search ranking), shown by their label in ``lang`` and inserted as compact IRIs."""

    def find(word: str) -> list[Completion]:
        hits = sorted((hit for group in search(repository, word, lang, limit=limit) for hit in group.hits),
                      key=lambda h: -h.score)
        completions = []
        for hit in hits[:limit]:
            name = compact(hit.iri)
            apply = name if name != hit.iri else f"<{hit.iri}>"
            matched = f"{hit.matched} · " if hit.matched != hit.label else ""
            completions.append(Completion(hit.label, apply, f"{matched}{name}", "entity"))
        return completions

    return find

"""What the editor completes, read from the library: the ontology's classes and properties, and
entities found by label in any script (the explorer's search index)."""

from __future__ import annotations

from typing import Callable

from coopkg.labels import Labels
from coopkg.namespaces import compact
from coopkg.search import SearchIndex

from . import Completion

ENTITY_LIMIT = 12

_TERMS = """
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT DISTINCT ?term ?type WHERE {
  VALUES (?class ?type) { (owl:Class "class") (rdfs:Class "class") (owl:ObjectProperty "property")
                          (owl:DatatypeProperty "property") (owl:AnnotationProperty "property") (rdf:Property "property") }
  ?term a ?class .
  FILTER(isIRI(?term))
}
"""


def ontology_terms(repository, labels: Labels, lang: str) -> list[Completion]:
    """The classes and properties the store declares, as ``coop:Event`` with their label beside."""
    terms: dict[str, str] = {}
    for solution in repository.query(_TERMS):
        iri = solution["term"].value
        terms.setdefault(iri, solution["type"].value)
    completions = []
    for iri, kind in terms.items():
        name = compact(iri)
        if name == iri:  # no known prefix: not worth typing in full
            continue
        completions.append(Completion(name, name, labels.label(iri, lang), kind))
    return sorted(completions, key=lambda c: c.label)


def entity_finder(index: SearchIndex, lang: str, limit: int = ENTITY_LIMIT) -> Callable[[str], list[Completion]]:
    """A function from a typed word to the entities whose labels match it (any script, any
    language, the search ranking), shown by their label in ``lang`` and inserted as compact IRIs."""

    def find(word: str) -> list[Completion]:
        completions = []
        for hit in index.search(word, lang, limit=limit):
            name = compact(hit.iri)
            apply = name if name != hit.iri else f"<{hit.iri}>"
            matched = f"{hit.matched} · " if hit.matched != hit.label else ""
            completions.append(Completion(hit.label, apply, f"{matched}{name}", "entity"))
        return completions

    return find

"""The rows behind the explorer's views: map, timeline, network of authorities, themes over time.

Each view is a named query of ``queries/views/`` (same header as the catalogue, see
docs/queries.md). A view's rows come back unfiltered, as plain Python values (an IRI as its text,
a number as a number, a date as its lexical form); its facets come from a second query,
``facets-*.rq``, that gives every item's values for each facet (``?item ?facet ?value``). The
explorer counts, narrows and applies the facets over these rows (app/facets.py), so that a facet
never adds a filter to a query (no ``FILTER(... || EXISTS {...})``, which Oxigraph 0.5 may
evaluate in full for every row). Tables and charts are the explorer's job, not this module's.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from coopkg.config import queries_dir
from coopkg.rdf.formats import term_text
from coopkg.rdf.namespaces import expand
from coopkg.read.labels import load_kinds
from coopkg.sparql.catalogue import NamedQuery, Param, library_text, load_catalogue

MAP_AUTHORITIES = "map-authorities"
MAP_PARTNERSHIPS = "map-partnerships"
TIMELINE = "timeline-events"
NETWORK = "authority-network"
THEMES = "themes-over-time"
UNSOURCED = "unsourced"
PARTNERSHIP_FACETS = "facets-partnerships"
EVENT_FACETS = "facets-events"


def views_dir() -> Path:
    return queries_dir() / "views"


_catalogues: dict[Path, tuple[float, dict[str, NamedQuery]]] = {}


def view_queries() -> dict[str, NamedQuery]:
    """The queries of ``queries/views/`` by name (re-read when the folder changes)."""
    folder = views_dir()
    stamp = max((p.stat().st_mtime for p in folder.glob("*.rq")), default=0.0)
    cached = _catalogues.get(folder)
    if cached is None or cached[0] != stamp:
        cached = (stamp, load_catalogue(folder))
        _catalogues[folder] = cached
    return cached[1]


def view_query(name: str) -> NamedQuery:
    return view_queries()[name]


def value(term) -> object:
    """A term as a plain value: integers and decimals as numbers, IRIs, dates and other literals
    as their text, blank nodes in their N-Triples form; None for an unbound variable."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value.rsplit("#", 1)[-1]
        if datatype in ("integer", "int", "long", "nonNegativeInteger", "positiveInteger"):
            return int(term.value)
        if datatype in ("decimal", "double", "float"):
            return float(term.value)
        return term.value
    if isinstance(term, ox.NamedNode):
        return term.value
    return term_text(term)


@dataclass
class ViewRows:
    """A view's rows (one dict per solution, by variable), and the query that gave them."""

    query: NamedQuery
    columns: list[str]
    rows: list[dict[str, object]]
    bindings: dict[str, object] = field(default_factory=dict)  # parameter name -> RDF term bound

    def __len__(self) -> int:
        return len(self.rows)

    def sparql(self) -> str:
        """The query text, preceded by the values bound to its parameters (as RDF terms, never
        pasted into the text)."""
        if not self.bindings:
            return self.query.text
        lines = ["# Values bound to this query's variables (as RDF terms):"]
        lines += [f"#   ?{name} = {term}" for name, term in self.bindings.items()]
        return "\n".join(lines) + "\n" + self.query.text


def run_view(repository, name: str, values: dict[str, str] | None = None) -> ViewRows:
    """Run the view query ``name``, with parameter values given as text (a form's values)."""
    query = view_query(name)
    known = {p.name for p in query.params}
    bindings = query.bind({k: v for k, v in (values or {}).items() if k in known and v not in (None, "")})
    solutions = repository.query(query.text, bindings)
    columns = [v.value for v in solutions.variables]
    rows = [{c: value(row[c]) for c in columns} for row in solutions]
    return ViewRows(query, columns, rows, bindings)


def facet_values(repository, name: str) -> dict[str, dict[str, set]]:
    """The facet query ``name`` (``?item ?facet ?value``) as item -> facet -> values."""
    found: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for row in run_view(repository, name).rows:
        if row["item"] is not None and row["value"] is not None:
            found[row["item"]][row["facet"]].add(row["value"])
    return {item: dict(facets) for item, facets in found.items()}


# --- parameters of the catalogue's queries ------------------------------------------------------

def param_choices(repository, param: Param) -> list[str]:
    """The IRIs offered for an IRI parameter: the instances of the parameter's class (through
    rdfs:subClassOf), or the concepts of a concept scheme when the "class" is a scheme."""
    if not param.of_class:
        return []
    rows = repository.query(library_text("read/instances"), {"class": ox.NamedNode(expand(param.of_class))})
    return sorted({row["value"].value for row in rows if isinstance(row["value"], ox.NamedNode)})


# --- the overview -----------------------------------------------------------------------------------

def kind_counts(repository) -> list[tuple[str, int]]:
    """How many things of each kind the graph holds, most first."""
    return Counter(load_kinds(repository).values()).most_common()


__all__ = ["ViewRows", "view_queries", "view_query", "run_view", "facet_values", "param_choices", "kind_counts",
           "value", "MAP_AUTHORITIES", "MAP_PARTNERSHIPS", "TIMELINE", "NETWORK", "THEMES", "UNSOURCED",
           "PARTNERSHIP_FACETS", "EVENT_FACETS"]

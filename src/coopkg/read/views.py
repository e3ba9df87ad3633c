"""The data behind the explorer's views: map, timeline, network, themes over time.

Each view is a named query of ``queries/views/`` (same header as the catalogue, see
docs/queries.md) whose parameters are its facets; facet values are bound as RDF terms through
``NamedQuery.bind``, an empty facet keeps every row. A view returns its rows as a table with
labels in the chosen language, and the query text with the values bound, to show "the query
behind this view".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyoxigraph as ox

from coopkg.config import queries_dir
from coopkg.rdf.formats import term_text
from coopkg.rdf.namespaces import expand
from coopkg.read.labels import Labels, load_kinds, load_labels
from coopkg.sparql.catalogue import NamedQuery, Param, library_text, load_catalogue

MAP_AUTHORITIES = "map-authorities"
MAP_PARTNERSHIPS = "map-partnerships"
TIMELINE = "timeline-events"
NETWORK = "network"
THEMES = "themes-over-time"
UNSOURCED = "unsourced"
FACET_PREFIX = "facet-"


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


@dataclass
class View:
    """A view's rows, and how they were obtained."""

    query: NamedQuery
    bindings: dict[str, object]  # facet name -> RDF term bound
    frame: pd.DataFrame
    extra: dict = field(default_factory=dict)

    def sparql(self) -> str:
        """The query text, preceded by the facet values it ran with (they are bound as RDF
        terms, not pasted into the text)."""
        if not self.bindings:
            return self.query.text
        lines = ["# Values bound to this query's variables (as RDF terms):"]
        lines += [f"#   ?{name} = {term}" for name, term in self.bindings.items()]
        return "\n".join(lines) + "\n" + self.query.text


def _value(term):
    """A term as a table cell: numbers stay numbers, dates and IRIs become text."""
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


def run_view(repository, name: str, facets: dict[str, str] | None = None) -> View:
    """Run the view query ``name`` with the facet values given (text, as a form gives them)."""
    query = view_query(name)
    known = {p.name for p in query.params}
    values = {k: v for k, v in (facets or {}).items() if k in known and v not in (None, "")}
    bindings = query.bind(values)
    solutions = repository.query(query.text, bindings)
    columns = [v.value for v in solutions.variables]
    rows = [[_value(row[c]) for c in columns] for row in solutions]
    return View(query, bindings, pd.DataFrame(rows, columns=columns))


def add_labels(frame: pd.DataFrame, labels: Labels, lang: str, columns: list[str]) -> pd.DataFrame:
    """A ``<column>Label`` beside each IRI column, in ``lang`` with fallback."""
    frame = frame.copy()
    for column in columns:
        if column in frame:
            frame[column + "Label"] = [labels.label(v, lang) if isinstance(v, str) else "" for v in frame[column]]
    return frame


# --- facets -----------------------------------------------------------------------------------------

def param_choices(repository, param: Param, lang: str = "en", labels: Labels | None = None,
                  facet_queries: dict[str, NamedQuery] | None = None) -> list[tuple[str, str]]:
    """The values offered for an IRI parameter, as (IRI, label) sorted by label.

    A view's facet may have its own query ``queries/views/facet-NAME.rq`` (``?value``);
    otherwise the choices are the instances of the parameter's class (through rdfs:subClassOf),
    or the concepts of a concept scheme when the "class" is a scheme.
    """
    labels = labels or load_labels(repository)
    facet = (facet_queries or {}).get(FACET_PREFIX + param.name)
    if facet is not None:
        values = {row["value"].value for row in repository.query(facet.text) if isinstance(row["value"], ox.NamedNode)}
    elif param.of_class:
        values = {row["value"].value for row in repository.query(library_text("read/instances"), {"class": ox.NamedNode(expand(param.of_class))})
                  if isinstance(row["value"], ox.NamedNode)}
    else:
        return []
    return sorted(((v, labels.label(v, lang)) for v in values), key=lambda c: (c[1].casefold(), c[0]))




def facet_choices(repository, name: str, lang: str = "en", labels: Labels | None = None) -> dict[str, list[tuple[str, str]]]:
    """The choices of every IRI facet of view ``name``."""
    query = view_query(name)
    facets = view_queries()
    return {p.name: param_choices(repository, p, lang, labels, facets) for p in query.params if p.type == "iri"}


def period_bounds(repository) -> tuple[int, int] | None:
    """The first and last year of the dated events and partnerships."""
    rows = list(repository.query(view_query(FACET_PREFIX + "period").text))
    if not rows or rows[0]["first"] is None:
        return None
    return int(rows[0]["first"].value), int(rows[0]["last"].value)


# --- the views ----------------------------------------------------------------------------------------

def map_view(repository, facets: dict[str, str] | None = None, lang: str = "en",
             labels: Labels | None = None) -> tuple[View, View]:
    """Points of the authorities and arcs of the partnerships between them."""
    labels = labels or load_labels(repository)
    points = run_view(repository, MAP_AUTHORITIES, facets)
    points.frame = add_labels(points.frame, labels, lang, ["authority", "authorityCountry", "classification"])
    arcs = run_view(repository, MAP_PARTNERSHIPS, facets)
    arcs.frame = add_labels(arcs.frame, labels, lang, ["partnership", "a", "b", "kind"])
    arcs.frame["title"] = [_arc_title(r) for r in arcs.frame.itertuples()]
    return points, arcs


def _arc_title(row) -> str:
    """"Bordeaux – Saint-Pétersbourg (twinning, 1992)": the text of an arc's tooltip."""
    details = [d for d in (row.kindLabel, str(int(row.year)) if pd.notna(row.year) else "") if d]
    return f"{row.aLabel} – {row.bLabel}" + (f" ({', '.join(details)})" if details else "")


def timeline_view(repository, facets: dict[str, str] | None = None, lang: str = "en",
                  labels: Labels | None = None) -> View:
    """Dated events, one row per source dating, with ``when`` (a date) for charts."""
    labels = labels or load_labels(repository)
    view = run_view(repository, TIMELINE, facets)
    frame = add_labels(view.frame, labels, lang, ["event", "class", "series", "city", "status", "graph"])
    if not frame.empty:
        # The row of the chart an event sits on: its series, or its kind when it belongs to none.
        frame["track"] = [series_label if isinstance(series, str) else class_label
                          for series, series_label, class_label in zip(frame["series"], frame["seriesLabel"],
                                                                        frame["classLabel"])]
        frame["when"] = pd.to_datetime(frame["start"].fillna(frame["date"]).astype(str).str.slice(0, 10)
                                       .str.replace(r"^(\d{4})$", r"\1-07-01", regex=True)
                                       .str.replace(r"^(\d{4}-\d{2})$", r"\1-15", regex=True),
                                       errors="coerce")
    view.frame = frame
    return view


def network_view(repository, facets: dict[str, str] | None = None, lang: str = "en",
                 labels: Labels | None = None, kinds_shown: set[str] | None = None) -> View:
    """Links between persons, organisations and events; ``extra["nodes"]`` gives each node's
    label and kind. ``kinds_shown`` keeps only links whose both ends are of those kinds."""
    labels = labels or load_labels(repository)
    kinds = load_kinds(repository)
    view = run_view(repository, NETWORK, facets)
    frame = view.frame
    if kinds_shown and not frame.empty:
        keep = [kinds.get(a) in kinds_shown and kinds.get(b) in kinds_shown for a, b in zip(frame["from"], frame["to"])]
        frame = frame[keep]
    frame = add_labels(frame, labels, lang, ["from", "to", "relation", "graph"])
    view.frame = frame.reset_index(drop=True)
    nodes = {}
    for column in ("from", "to"):
        for iri in frame[column] if not frame.empty else []:
            nodes.setdefault(iri, (labels.label(iri, lang), kinds.get(iri, "other")))
    view.extra["nodes"] = nodes
    return view


def network_layout(view: View, iterations: int = 300, seed: int = 7) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Positions for the network (a Fruchterman–Reingold spring layout, deterministic): nodes
    (iri, label, kind, x, y, degree) and edges (x, y, x2, y2) for a chart."""
    import numpy as np

    nodes = list(view.extra.get("nodes", {}).items())
    index = {iri: i for i, (iri, _) in enumerate(nodes)}
    pairs = sorted({(index[a], index[b]) for a, b in zip(view.frame.get("from", []), view.frame.get("to", []))
                    if a in index and b in index and a != b})
    n = len(nodes)
    if n == 0:
        return (pd.DataFrame(columns=["iri", "label", "kind", "x", "y", "degree"]),
                pd.DataFrame(columns=["x", "y", "x2", "y2"]))
    rng = np.random.default_rng(seed)
    position = rng.uniform(-1, 1, size=(n, 2))
    k = 1.0 / np.sqrt(n)
    edges = np.array(pairs, dtype=int).reshape(-1, 2)
    temperature = 0.2
    for _ in range(iterations):
        delta = position[:, None, :] - position[None, :, :]
        distance = np.maximum(np.linalg.norm(delta, axis=2), 1e-3)
        force = (delta / distance[..., None] * (k * k / distance)[..., None]).sum(axis=1)  # repulsion
        if len(edges):
            d = position[edges[:, 0]] - position[edges[:, 1]]
            length = np.maximum(np.linalg.norm(d, axis=1), 1e-3)
            pull = d / length[:, None] * (length * length / k)[:, None]
            np.add.at(force, edges[:, 0], -pull)
            np.add.at(force, edges[:, 1], pull)
        force -= position * 0.05 * n * k  # gravity keeps unconnected parts near the centre
        step = np.linalg.norm(force, axis=1)
        position += force / np.maximum(step, 1e-9)[:, None] * np.minimum(step, temperature)[:, None]
        temperature = max(temperature * 0.985, 0.002)
    degree = np.bincount(edges.ravel(), minlength=n) if len(edges) else np.zeros(n, dtype=int)
    node_frame = pd.DataFrame({"iri": [iri for iri, _ in nodes], "label": [lab for _, (lab, _) in nodes],
                               "kind": [kind for _, (_, kind) in nodes], "x": position[:, 0], "y": position[:, 1],
                               "degree": degree})
    edge_frame = pd.DataFrame({"x": position[edges[:, 0], 0] if len(edges) else [],
                               "y": position[edges[:, 0], 1] if len(edges) else [],
                               "x2": position[edges[:, 1], 0] if len(edges) else [],
                               "y2": position[edges[:, 1], 1] if len(edges) else []})
    return node_frame, edge_frame


def themes_view(repository, facets: dict[str, str] | None = None, lang: str = "en",
                labels: Labels | None = None) -> View:
    labels = labels or load_labels(repository)
    view = run_view(repository, THEMES, facets)
    view.frame = add_labels(view.frame, labels, lang, ["theme"])
    return view


# --- query results -------------------------------------------------------------------------------

def outcome_table(outcome, labels: Labels, lang: str = "en") -> tuple[pd.DataFrame, list[str]]:
    """A sandbox outcome as a table: each variable shown as text (an IRI by its label), and for
    a variable holding IRIs, a column ``NAME (IRI)`` with the IRIs themselves. Returns the table
    and the names of its IRI columns."""
    if outcome.form == "GRAPH":
        names = ["subject", "predicate", "object"]
        rows = [(q.subject, q.predicate, q.object) for q in outcome.triples]
    else:
        names, rows = outcome.columns, outcome.rows
    data: dict[str, list] = {}
    iri_columns = []
    for i, name in enumerate(names):
        values = [row[i] for row in rows]
        data[name] = [labels.label(v, lang) if isinstance(v, ox.NamedNode) else term_text(v) for v in values]
        if any(isinstance(v, ox.NamedNode) for v in values):
            column = f"{name} (IRI)"
            data[column] = [v.value if isinstance(v, ox.NamedNode) else None for v in values]
            iri_columns.append(column)
    return pd.DataFrame(data, columns=list(data)), iri_columns


# --- the overview -----------------------------------------------------------------------------------

def kind_counts(repository) -> list[tuple[str, int]]:
    """How many things of each kind the graph holds, most first."""
    return Counter(load_kinds(repository).values()).most_common()


def unsourced(repository, lang: str = "en", labels: Labels | None = None) -> View:
    """Things only the curation graph speaks of."""
    labels = labels or load_labels(repository)
    view = run_view(repository, UNSOURCED)
    view.frame = add_labels(view.frame, labels, lang, ["thing", "class"])
    return view


__all__ = ["View", "view_queries", "view_query", "run_view", "param_choices", "facet_choices", "period_bounds",
           "map_view", "timeline_view", "network_view", "network_layout", "themes_view", "kind_counts", "unsourced",
           "add_labels", "outcome_table"]

"""Counts per class and per source graph, for `coopkg stats` and the end of every build."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from coopkg.sparql.catalogue import library_text


@dataclass(frozen=True)
class Stats:
    by_class: list[tuple[str, int]]
    by_graph: list[tuple[str, int, str]]

    @property
    def triples(self) -> int:
        return sum(n for _, n, _ in self.by_graph)


def graph_counts(repository) -> list[tuple[str, int, str]]:
    """(graph IRI, triples, English title of its source) for every named graph."""
    by_graph = []
    for row in repository.query(library_text("read/graph-counts")):
        title = row["title"]
        by_graph.append((row["graph"].value, int(row["triples"].value),
                         title.value if isinstance(title, ox.Literal) else ""))
    return by_graph


def compute(repository) -> Stats:
    by_class = [(row["class"].value, int(row["count"].value)) for row in repository.query(library_text("read/class-counts"))]
    return Stats(by_class, graph_counts(repository))

"""The embedded store: a pyoxigraph store opened from disk (read-only) or held in memory.

A built store holds each source's facts in its named graph and, in the default graph, the RDF
merge of all of them (each distinct triple once). Queries read that default graph: Oxigraph's own
"union default graph" is a bag, so a fact stated by four sources would come back four times.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

import pyoxigraph as ox

from coopkg.rdf.namespaces import PREFIXES
from coopkg.sparql.reader import oxigraph_error
from coopkg.store.base import as_substitutions, diagnose
from coopkg.store.layout import current_build, store_dir


def fill(store: ox.Store, quads: Iterable[ox.Quad]) -> None:
    """Write the named graphs' quads and their merge as the default graph.

    ``bulk_extend`` skips transactions: several times faster and smaller than add/extend.
    """
    quads = [q for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)]
    store.bulk_extend(quads)
    merged = {(q.subject, q.predicate, q.object) for q in quads}
    store.bulk_extend(ox.Quad(s, p, o, ox.DefaultGraph()) for s, p, o in merged)
    store.flush()


def has_default_graph(store: ox.Store) -> bool:
    """Whether the store was filled by fill(), with the merge in its default graph."""
    return any(True for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))


class EmbeddedRepository:
    """A pyoxigraph store opened from disk (read-only by default) or held in memory."""

    def __init__(self, store: ox.Store, location: str = "in memory"):
        self.store = store
        self.location = location
        # A store filled by fill() has the merge in its default graph; a store loaded some
        # other way (a test fixture) is read through Oxigraph's union of the named graphs.
        self._union = not has_default_graph(store)

    @classmethod
    def open(cls, path: Path | None = None, read_only: bool = True) -> "EmbeddedRepository":
        """A build folder's store (the current build by default), or a store folder itself."""
        path = store_dir(Path(path) if path is not None else current_build())
        try:
            store = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
            return cls(store, str(path))
        except (OSError, RuntimeError) as exc:
            fault = diagnose(exc, str(path))
            if fault is None:
                raise
            raise fault from None

    def query(self, sparql: str, substitutions: dict | None = None, *, default_graphs: list[str] | None = None,
              named_graphs: list[str] | None = None):
        """``default_graphs``/``named_graphs``: the dataset of the SPARQL protocol's
        ``default-graph-uri`` and ``named-graph-uri`` (graph IRIs of this store; nothing is fetched)."""
        dataset = {}
        if default_graphs:
            dataset["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        if named_graphs:
            dataset["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        try:
            return self.store.query(
                sparql,
                prefixes=PREFIXES,
                use_default_graph_as_union=self._union and not default_graphs,
                substitutions=as_substitutions(substitutions),
                **dataset,
            )
        except SyntaxError as exc:
            raise oxigraph_error(exc) from None
        except (OSError, RuntimeError) as exc:
            fault = diagnose(exc, self.location)
            if fault is None:
                raise
            raise fault from None

    def quads(self, graph: str | None = None) -> Iterable[ox.Quad]:
        if graph:
            return self.store.quads_for_pattern(None, None, None, ox.NamedNode(graph))
        # The named graphs only: the default graph is their merge, derived at build time.
        return (q for q in self.store.quads_for_pattern(None, None, None)
                if not isinstance(q.graph_name, ox.DefaultGraph))

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode))

    def describe(self) -> str:
        return f"Oxigraph store at {self.location}"

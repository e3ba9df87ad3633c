"""What every repository offers, embedded or remote, and the errors of the store layer."""

from __future__ import annotations

from typing import Iterable, Protocol

import pyoxigraph as ox


class StoreMissing(RuntimeError):
    """No build has been swapped in yet."""


class Repository(Protocol):
    """What the rest of the code needs from a store, embedded or remote."""

    def query(self, sparql: str, substitutions: dict | None = None):
        """Run a SPARQL query with the project's prefixes and the merge of the named graphs as
        default graph; ``substitutions`` maps variable names (or ``ox.Variable``) to RDF terms."""

    def quads(self, graph: str | None = None) -> Iterable[ox.Quad]:
        """Every quad, or those of one named graph."""

    def named_graphs(self) -> list[str]:
        """The IRIs of the named graphs."""

    def describe(self) -> str:
        """Where this repository is (for messages; never includes credentials)."""


def as_substitutions(values: dict | None) -> dict[ox.Variable, object] | None:
    if not values:
        return None
    return {(k if isinstance(k, ox.Variable) else ox.Variable(str(k).lstrip("?$"))): v for k, v in values.items()}

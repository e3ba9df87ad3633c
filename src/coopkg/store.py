"""The repository layer: where queries are answered.

An embedded on-disk Oxigraph store by default; the layout of the store folder lets a build write
a new store beside the one being served and swap it in atomically:

    <store root>/builds/<build id>/   one folder per successful build
    <store root>/current              symlink to the build being served

Readers resolve ``current`` once and open that build read-only, so a build never writes into a
store that someone reads (Oxigraph leaves that undefined).

A built store holds each source's facts in its named graph and, in the default graph, the RDF
merge of all of them (each distinct triple once). Queries read that default graph: Oxigraph's own
"union default graph" is a bag, so a fact stated by four sources would come back four times.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from typing import Iterable, Protocol

import pyoxigraph as ox

from .namespaces import PREFIXES
from .paths import store_root

CURRENT = "current"
BUILDS = "builds"
KEEP_BUILDS = 2  # the served build and the previous one, for readers still holding it


class StoreMissing(RuntimeError):
    """No build has been swapped in yet."""


class Repository(Protocol):
    """What the rest of the code needs from a store, embedded or remote."""

    def query(self, sparql: str, substitutions: dict | None = None):
        """Run a SPARQL query with the project's prefixes and the union of the named graphs as
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
        path = Path(path) if path is not None else current_build()
        store = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
        return cls(store, str(path))

    def query(self, sparql: str, substitutions: dict | None = None):
        return self.store.query(
            sparql,
            prefixes=PREFIXES,
            use_default_graph_as_union=self._union,
            substitutions=as_substitutions(substitutions),
        )

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


# The key of a remote repository: the endpoint's address itself may carry credentials.
REMOTE_KEY = "remote endpoint (COOPKG_ENDPOINT)"


def repository_key() -> str:
    """What names the configured repository, for caches and worker processes: the current build's
    folder (which changes when a build is swapped in), or REMOTE_KEY if ``COOPKG_ENDPOINT`` is set."""
    if os.environ.get("COOPKG_ENDPOINT"):
        return REMOTE_KEY
    return str(current_build())


def open_repository(key: str | None = None) -> Repository:
    """The repository the configuration asks for (or that ``key`` names): a remote endpoint if
    ``COOPKG_ENDPOINT`` is set, else the current embedded build, opened read-only."""
    key = key or repository_key()
    if key == REMOTE_KEY:
        from .remote import RemoteRepository  # only needed for remote stores

        return RemoteRepository.from_environment()
    return EmbeddedRepository.open(Path(key))


# --- the store folder -------------------------------------------------------------------------

def current_build(root: Path | None = None) -> Path:
    """The build being served; ``StoreMissing`` if none has been built."""
    root = root or store_root()
    link = root / CURRENT
    if not link.exists():
        raise StoreMissing(f"no store has been built in {root}: run `coopkg build` first")
    return link.resolve()


def new_build_dir(root: Path | None = None) -> Path:
    """A fresh, not yet served folder for a build (a dot-name, so it is never mistaken for one)."""
    root = root or store_root()
    builds = root / BUILDS
    builds.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    path = builds / f".partial-{stamp}-{os.getpid()}"
    if path.exists():
        shutil.rmtree(path)
    return path


def swap_in(partial: Path, root: Path | None = None) -> Path:
    """Rename a finished build into place and point ``current`` at it in one atomic step."""
    root = root or store_root()
    final = partial.with_name(partial.name.removeprefix(".partial-"))
    partial.rename(final)
    tmp_link = root / f".{CURRENT}.{os.getpid()}"
    if tmp_link.is_symlink() or tmp_link.exists():
        tmp_link.unlink()
    tmp_link.symlink_to(Path(BUILDS) / final.name)
    os.replace(tmp_link, root / CURRENT)  # atomic on POSIX: readers see the old or the new build
    prune_builds(root)
    return final


def discard(partial: Path) -> None:
    shutil.rmtree(partial, ignore_errors=True)


def prune_builds(root: Path | None = None, keep: int = KEEP_BUILDS) -> None:
    """Remove old builds and abandoned partial ones, never the served build."""
    root = root or store_root()
    builds = root / BUILDS
    served = (root / CURRENT).resolve() if (root / CURRENT).exists() else None
    finished = sorted((p for p in builds.iterdir() if p.is_dir() and not p.name.startswith(".")),
                      key=lambda p: p.name, reverse=True)
    for old in finished[keep:]:
        if old != served:
            shutil.rmtree(old, ignore_errors=True)
    for partial in builds.glob(".partial-*"):
        pid = partial.name.rsplit("-", 1)[-1]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            shutil.rmtree(partial, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True

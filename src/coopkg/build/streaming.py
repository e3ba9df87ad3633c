"""The build's one pass over the source files: each is parsed once, in chunks, and every chunk
goes to its sinks as N-Quads (the named graphs) and N-Triples (the same statements, for the
default graph's merge and for the validators).

Nothing holds a whole file: memory is bounded by ``CHUNK`` quads whatever the size of the data.
The validators read the N-Triples that pyoxigraph's parser wrote, never a dump of the store
(the store rewrites literals into canonical form: ``"95.0"^^xsd:decimal`` comes back ``"95"``,
an ill-typed ``"-40"^^xsd:nonNegativeInteger`` as a valid ``xsd:integer``).

This is the seam for parallel loading: ``stream_file`` depends on nothing but its path and its
sinks, so files (or their named graphs) can be handed to several workers, each with its own
sinks, and the results concatenated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import BinaryIO, Protocol

import pyoxigraph as ox

from coopkg.build.loading import (
    SourceError,
    holds_graphs,
    open_rdf,
    rdf_format,
    stray_error,
    syntax_error,
    target_graph,
)

CHUNK = 200_000  # quads per chunk: a few tens of MB at most


class Sink(Protocol):
    def add(self, nquads: bytes, ntriples: bytes) -> None:
        """One chunk, as N-Quads and as N-Triples (the same statements without their graph)."""

    def close(self) -> None:
        """Everything added is written."""


@dataclass(frozen=True)
class StreamedFile:
    """What a file held: how many quads, in which named graphs."""

    path: Path
    quads: int
    graphs: frozenset[str]


@dataclass
class Streamed:
    files: list[StreamedFile] = field(default_factory=list)
    errors: list[SourceError] = field(default_factory=list)

    @property
    def quads(self) -> int:
        return sum(f.quads for f in self.files)

    def files_of_graph(self) -> dict[str, list[Path]]:
        found: dict[str, list[Path]] = {}
        for streamed in self.files:
            for graph in streamed.graphs:
                found.setdefault(graph, []).append(streamed.path)
        return found


class StoreSink:
    """Named graphs into a store, their merge into its default graph (the store is a set: a
    triple several graphs state is kept once there), both by bulk load. Small files are
    gathered into loads of ``BATCH_BYTES``: each bulk load has a fixed cost."""

    BATCH_BYTES = 64 << 20

    def __init__(self, store: ox.Store):
        self.store = store
        self.nquads: list[bytes] = []
        self.ntriples: list[bytes] = []
        self.size = 0

    def add(self, nquads: bytes, ntriples: bytes) -> None:
        self.nquads.append(nquads)
        self.ntriples.append(ntriples)
        self.size += len(nquads)
        if self.size >= self.BATCH_BYTES:
            self.close()

    def close(self) -> None:
        if self.nquads:
            # Parsed here, then extended: ``bulk_load`` would rename the blank nodes of each load,
            # so that a blank node of a named graph and its copy in the merge (or its statements in
            # the next batch) would become different nodes. The parser keeps the labels it wrote.
            for chunks, fmt in ((self.nquads, ox.RdfFormat.N_QUADS), (self.ntriples, ox.RdfFormat.N_TRIPLES)):
                self.store.bulk_extend(ox.parse(b"".join(chunks), format=fmt))
        self.nquads, self.ntriples, self.size = [], [], 0


class FileSink:
    """Every statement as N-Triples in one file: what the validators read."""

    def __init__(self, handle: BinaryIO):
        self.handle = handle

    def add(self, nquads: bytes, ntriples: bytes) -> None:
        self.handle.write(ntriples)

    def close(self) -> None:
        self.handle.flush()


def strip_graphs(nquads: bytes) -> bytes:
    """N-Quads of named graphs -> the same statements as N-Triples. The graph is the last term
    of a line, an IRI or a blank node label, neither of which holds a space: the last " <" or
    " _:" of the line starts it (a literal before it cannot move it)."""
    if not nquads:
        return b""
    lines = nquads.splitlines()
    return b"\n".join(line[:max(line.rindex(b" <"), line.rfind(b" _:"))] + b" ." for line in lines) + b"\n"


def stream_file(path: Path, sinks: list[Sink]) -> tuple[StreamedFile | None, list[SourceError]]:
    """Parse one file in chunks into ``sinks``; errors come back located, never raised. After a
    syntax error the sinks may hold the file's first chunks: the caller discards them."""
    fmt = rdf_format(path)
    if fmt is None:
        return None, [SourceError(path, None, None, f"unknown RDF file extension {path.suffix!r}")]
    graph = target_graph(path)
    count, stray, graphs = 0, 0, set()
    try:
        with open_rdf(path) as handle:
            quads = ox.parse(handle, format=fmt)
            if graph is not None:  # a Turtle file of the ontology: small
                quads = (ox.Quad(q.subject, q.predicate, q.object, graph) for q in quads)
            while batch := list(islice(quads, CHUNK)):
                names = {q.graph_name for q in batch}
                if any(isinstance(g, ox.DefaultGraph) for g in names):
                    stray += sum(1 for q in batch if isinstance(q.graph_name, ox.DefaultGraph))
                    batch = [q for q in batch if not isinstance(q.graph_name, ox.DefaultGraph)]
                graphs |= {g.value if isinstance(g, ox.NamedNode) else str(g) for g in names
                           if not isinstance(g, ox.DefaultGraph)}
                nquads = ox.serialize(batch, format=ox.RdfFormat.N_QUADS)
                ntriples = strip_graphs(nquads)
                for sink in sinks:
                    sink.add(nquads, ntriples)
                count += len(batch)
    except OSError as exc:
        return None, [SourceError(path, None, None, f"cannot read the file: {exc.strerror or exc}")]
    except SyntaxError as exc:
        return None, [syntax_error(path, exc)]
    except ValueError as exc:  # e.g. invalid UTF-8
        return None, [SourceError(path, None, None, str(exc))]
    errors = [stray_error(path, stray)] if stray and holds_graphs(path) else []
    return StreamedFile(path, count, frozenset(graphs)), errors


def stream_files(paths: list[Path], sinks: list[Sink]) -> Streamed:
    """Every file into the sinks, collecting all errors rather than stopping at the first."""
    out = Streamed()
    for path in paths:
        streamed, problems = stream_file(path, sinks)
        out.errors.extend(problems)
        if streamed is not None:
            out.files.append(streamed)
    for sink in sinks:
        sink.close()
    return out

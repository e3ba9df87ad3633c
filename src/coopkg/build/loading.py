"""Finding and parsing the project's RDF files.

Two ways to read them. ``parse_file``/``parse_files`` give each file's quads as Python objects
(small inputs: the JSON-LD context, tests). The build streams instead (``coopkg.build.streaming``):
each file is parsed once and written in chunks as N-Quads and N-Triples, never held whole.
Both report anything unreadable as a located ``SourceError``.

Generated files may be committed compressed: ``name.trig.gz`` or ``name.nq.gz`` (gzip) read as
their inner format.
"""

from __future__ import annotations

import gzip
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from coopkg.config import data_dir, ontology_dir, project_root
from coopkg.rdf.namespaces import ONTOLOGY_GRAPH

# Files of ontology/ that are not data: the shapes check the data, they are not part of it.
NOT_DATA = {"shapes.ttl"}

FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
    ".nt": ox.RdfFormat.N_TRIPLES,
}


@dataclass(frozen=True)
class SourceError:
    """A problem in one input file, located as precisely as the parser allows."""

    path: Path
    line: int | None
    column: int | None
    message: str

    def __str__(self) -> str:
        where = display_path(self.path)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


@dataclass
class SourceFile:
    path: Path
    quads: list[ox.Quad] = field(default_factory=list)


COMPRESSED = ".gz"


def rdf_format(path: Path) -> ox.RdfFormat | None:
    """The RDF format of a file by its extension (``.trig``, or ``.trig.gz`` compressed)."""
    suffixes = path.suffixes
    if suffixes and suffixes[-1] == COMPRESSED:
        return FORMATS.get(suffixes[-2]) if len(suffixes) > 1 else None
    return FORMATS.get(path.suffix)


def open_rdf(path: Path):
    """The bytes of a file, decompressed as they are read when it is gzip-compressed."""
    return gzip.open(path, "rb") if path.suffix == COMPRESSED else path.open("rb")


def is_rdf_file(path: Path) -> bool:
    return path.is_file() and rdf_format(path) is not None


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(project_root()))
    except ValueError:
        return str(path)


def discover_files(ontology: Path | None = None, data: Path | None = None) -> list[Path]:
    """Every RDF file of the build, in a stable order: the ontology first, then the data."""
    ontology = ontology or ontology_dir()
    data = data or data_dir()
    found = sorted(p for p in ontology.glob("*.ttl") if p.name not in NOT_DATA)
    found += sorted(p for p in data.rglob("*") if is_rdf_file(p))
    return found


def target_graph(path: Path) -> ox.NamedNode | None:
    """Turtle files of ontology/ go into the ontology graph; TriG files name their own graphs."""
    if rdf_format(path) in (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES):
        return ox.NamedNode(ONTOLOGY_GRAPH)
    return None


def holds_graphs(path: Path) -> bool:
    return rdf_format(path) in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS)


_POSITION = re.compile(r"line (\d+) column (\d+)")


def syntax_error(path: Path, exc: SyntaxError) -> SourceError:
    """The located error of a parser's SyntaxError."""
    line = column = None
    if exc.args and len(exc.args) > 1 and isinstance(exc.args[1], tuple):
        _, line, column = exc.args[1][:3]
    else:
        match = _POSITION.search(str(exc))
        if match:
            line, column = int(match.group(1)), int(match.group(2))
    return SourceError(path, line, column, str(exc.args[0] if exc.args else exc))


def stray_error(path: Path, stray: int) -> SourceError:
    return SourceError(path, None, None,
                       f"{stray} triple(s) outside any named graph: every fact belongs to the graph of its source")


def parse_file(path: Path) -> tuple[SourceFile | None, list[SourceError]]:
    """Parse one file; a syntax error comes back as a located ``SourceError``, never raised."""
    fmt = rdf_format(path)
    if fmt is None:
        return None, [SourceError(path, None, None, f"unknown RDF file extension {path.suffix!r}")]
    graph = target_graph(path)
    try:
        with open_rdf(path) as handle:
            parsed = ox.parse(handle, format=fmt)
            if graph is not None:
                quads = [ox.Quad(q.subject, q.predicate, q.object, graph) for q in parsed]
            else:
                quads = list(parsed)
    except OSError as exc:
        return None, [SourceError(path, None, None, f"cannot read the file: {exc.strerror or exc}")]
    except SyntaxError as exc:
        return None, [syntax_error(path, exc)]
    except ValueError as exc:  # e.g. invalid UTF-8
        return None, [SourceError(path, None, None, str(exc))]
    errors = []
    if holds_graphs(path):
        stray = sum(1 for q in quads if isinstance(q.graph_name, ox.DefaultGraph))
        if stray:
            errors.append(stray_error(path, stray))
    return SourceFile(path, quads), errors


def parse_files(paths: list[Path]) -> tuple[list[SourceFile], list[SourceError]]:
    """Parse every file, collecting all errors rather than stopping at the first."""
    files, errors = [], []
    for path in paths:
        parsed, problems = parse_file(path)
        errors.extend(problems)
        if parsed is not None:
            files.append(parsed)
    return files, errors


def describing_files(files: list[SourceFile]) -> dict[str, list[Path]]:
    """Which files describe each subject (N3 form), to name the file in a validation report."""
    where: dict[str, list[Path]] = defaultdict(list)
    for source in files:
        seen = set()
        for quad in source.quads:
            key = str(quad.subject)
            if key not in seen:
                seen.add(key)
                where[key].append(source.path)
    return where


def to_rdflib_graph(files: list[SourceFile]):
    """All quads merged into one rdflib Graph, as pyshacl wants it (not oxrdflib: see README)."""
    import rdflib

    graph = rdflib.Graph()
    for source in files:
        if not source.quads:
            continue
        triples = (ox.Triple(q.subject, q.predicate, q.object) for q in source.quads)
        payload = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        graph.parse(data=payload.decode("utf-8"), format="nt")
    return graph

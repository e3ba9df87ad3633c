"""Finding and parsing the project's RDF files.

This is the seam where loading can be replaced or parallelised: everything downstream sees a
list of ``SourceFile`` with their quads, and ``SourceError`` for anything that could not be read.
"""

from __future__ import annotations

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
    found += sorted(p for p in data.rglob("*") if p.suffix in FORMATS and p.is_file())
    return found


def _target_graph(path: Path) -> ox.NamedNode | None:
    """Turtle files of ontology/ go into the ontology graph; TriG files name their own graphs."""
    if path.suffix in (".ttl", ".nt"):
        return ox.NamedNode(ONTOLOGY_GRAPH)
    return None


_POSITION = re.compile(r"line (\d+) column (\d+)")


def parse_file(path: Path) -> tuple[SourceFile | None, list[SourceError]]:
    """Parse one file; a syntax error comes back as a located ``SourceError``, never raised."""
    fmt = FORMATS.get(path.suffix)
    if fmt is None:
        return None, [SourceError(path, None, None, f"unknown RDF file extension {path.suffix!r}")]
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [SourceError(path, None, None, f"cannot read the file: {exc.strerror}")]
    graph = _target_graph(path)
    try:
        parsed = ox.parse(raw, format=fmt)
        if graph is not None:
            quads = [ox.Quad(q.subject, q.predicate, q.object, graph) for q in parsed]
        else:
            quads = list(parsed)
    except SyntaxError as exc:
        line = column = None
        if exc.args and len(exc.args) > 1 and isinstance(exc.args[1], tuple):
            _, line, column = exc.args[1][:3]
        else:
            match = _POSITION.search(str(exc))
            if match:
                line, column = int(match.group(1)), int(match.group(2))
        message = str(exc.args[0] if exc.args else exc)
        return None, [SourceError(path, line, column, message)]
    except ValueError as exc:  # e.g. invalid UTF-8
        return None, [SourceError(path, None, None, str(exc))]
    errors = []
    if fmt in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS):
        stray = sum(1 for q in quads if isinstance(q.graph_name, ox.DefaultGraph))
        if stray:
            errors.append(SourceError(path, None, None,
                f"{stray} triple(s) outside any named graph: every fact belongs to the graph of its source"))
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

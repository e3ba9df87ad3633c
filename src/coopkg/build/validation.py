"""The SHACL validation seam: ontology/shapes.ttl checked over every statement of the build.

Two engines read the same input, the N-Triples the build's parser wrote
(``coopkg.build.streaming``: what was parsed, never a dump of the store), and each gives a SHACL
report graph that ``coopkg.store.report.report_from_triples`` reads, with each shape's messages
in every language:

- ``shacl`` (default): the Rust engine of PyPI's ``shacl``, about 50 times faster than pyshacl
  and within a few hundred MiB at a million triples. ``tests/test_engines.py`` runs both
  engines on every fixture and on generated graphs with errors of every constraint kind: they
  agree on every result except where pyshacl contradicts the SHACL specification
  (docs/validation.md, divergence A).
- ``pyshacl``: the reference engine (``coopkg validate --engine pyshacl``). The statements are
  merged into ONE plain rdflib Graph (pyshacl over oxrdflib reports false sh:in violations and
  is slow) and validated with inference "none": class checks follow the rdfs:subClassOf axioms
  that the ontology puts in the data graph.

An engine is anything with ``name`` and ``validate(data, shapes) -> ValidationReport``: a
parallel one (shapes split by focus class, results concatenated) fits the same seam.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from coopkg.config import ontology_dir
from coopkg.rdf.namespaces import PREFIXES
from coopkg.store.report import ValidationReport, now, report_from_triples

SH = PREFIXES["sh"]
DEFAULT_ENGINE = "shacl"


def shapes_path() -> Path:
    return ontology_dir() / "shapes.ttl"


def shape_triples(path: Path | None = None) -> list[ox.Triple]:
    return list(ox.parse(path=str(path or shapes_path()), format=ox.RdfFormat.TURTLE))


def shape_messages(triples: list[ox.Triple]) -> dict[str, dict[str, str]]:
    """sh:message of every shape (by its N3 form), by language (untagged messages count as English)."""
    found: dict[str, dict[str, str]] = {}
    for triple in triples:
        if triple.predicate.value == SH + "message" and isinstance(triple.object, ox.Literal):
            found.setdefault(str(triple.subject), {}).setdefault(triple.object.language or "en", triple.object.value)
    return found


class Engine(Protocol):
    name: str

    def validate(self, data: Path, shapes: Path) -> ValidationReport:
        """The report of ``data`` (an N-Triples file) against the shapes file."""


class FastEngine:
    """PyPI's ``shacl`` (Rust): reads the N-Triples file itself; no Python object per triple."""

    name = "shacl"

    def validate(self, data: Path, shapes: Path) -> ValidationReport:
        import shacl

        started = time.perf_counter()
        triples = shape_triples(shapes)
        report = shacl.Shapes.from_file(str(shapes)).validate_file(str(data), allow_warnings=True)
        graph = ox.parse(report.serialize("ntriples").encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
        out = report_from_triples(graph, shape_messages(triples), triples)
        out.engine = f"shacl {shacl.__version__}"
        out.created = now()
        out.elapsed = time.perf_counter() - started
        return out


class PyshaclEngine:
    """pyshacl over an rdflib Graph parsed from the same file."""

    name = "pyshacl"

    def validate(self, data: Path, shapes: Path) -> ValidationReport:
        from rdflib import Graph

        graph = Graph()
        graph.parse(data, format="nt")
        return validate_graph(graph, load_shapes(shapes))


ENGINES: dict[str, type] = {"shacl": FastEngine, "pyshacl": PyshaclEngine}


def engine(name: str = DEFAULT_ENGINE) -> Engine:
    try:
        return ENGINES[name]()
    except KeyError:
        raise ValueError(f"unknown SHACL engine {name!r}; choose one of {', '.join(ENGINES)}") from None


# --- pyshacl over rdflib graphs ---------------------------------------------------------------------

def load_shapes(path: Path | None = None):
    """The shapes graph as an rdflib Graph (a fresh Graph: callers may add to it)."""
    from rdflib import Graph

    shapes = Graph()
    shapes.parse(path or shapes_path(), format="turtle")
    return shapes


def validate_graph(data, shapes=None) -> ValidationReport:
    """Validate an rdflib Graph (ontology + vocabularies + all data, merged) with pyshacl."""
    import pyshacl  # slow to import: only when validating

    shapes = shapes if shapes is not None else load_shapes()
    started = time.perf_counter()
    _conforms, results_graph, _text = pyshacl.validate(
        data,
        shacl_graph=shapes,
        inference="none",
        abort_on_first=False,
        allow_infos=True,
        allow_warnings=True,
        advanced=False,
        inplace=True,  # nothing is inferred, so nothing is written; avoids copying a big graph
    )
    shape_graph = _triples(shapes)
    report = report_from_triples(_triples(results_graph), shape_messages(shape_graph), shape_graph)
    report.engine = f"pyshacl {pyshacl.__version__}"
    report.created = now()
    report.triples = len(data)
    report.elapsed = time.perf_counter() - started
    return report


def _triples(graph) -> list[ox.Triple]:
    return list(ox.parse(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES))

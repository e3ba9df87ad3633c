"""The SHACL validation seam: ontology/shapes.ttl checked over one merged graph.

The reference engine is pyshacl: the build merges the ontology, the vocabularies and every named
graph into ONE plain rdflib Graph (pyshacl over oxrdflib reports false sh:in violations and is
slow) and validates it with inference "none": class checks follow the rdfs:subClassOf axioms that
the ontology puts in the data graph. The engine's report graph is read by
``coopkg.store.report.report_from_triples``, with each shape's messages in every language (pyshacl
keeps one and drops its language tag).
"""

from __future__ import annotations

import time
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal
from rdflib.namespace import SH

from coopkg.config import ontology_dir
from coopkg.store.report import ValidationReport, now, report_from_triples


def shapes_path() -> Path:
    return ontology_dir() / "shapes.ttl"


def load_shapes(path: Path | None = None) -> Graph:
    """The shapes graph (a fresh Graph: callers may add to it)."""
    shapes = Graph()
    shapes.parse(path or shapes_path(), format="turtle")
    return shapes


def validate_graph(data: Graph, shapes: Graph | None = None) -> ValidationReport:
    """Validate ``data`` (ontology + vocabularies + all data, merged) against the shapes."""
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
    report = report_from_triples(_triples(results_graph), shape_messages(shapes), _triples(shapes))
    report.engine = f"pyshacl {pyshacl.__version__}"
    report.created = now()
    report.triples = len(data)
    report.elapsed = time.perf_counter() - started
    return report


def shape_messages(shapes: Graph) -> dict[str, dict[str, str]]:
    """sh:message of every shape (by its N3 form), by language (untagged messages count as English)."""
    found: dict[str, dict[str, str]] = {}
    for shape, message in shapes.subject_objects(SH.message):
        if isinstance(message, Literal):
            found.setdefault(shape.n3(), {}).setdefault(message.language or "en", str(message))
    return found


def _triples(graph: Graph) -> list[ox.Triple]:
    return list(ox.parse(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES))

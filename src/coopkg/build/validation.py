"""The SHACL validation seam: ontology/shapes.ttl checked by pyshacl over one merged graph.

The build merges the ontology, the vocabularies and every named graph into ONE plain rdflib
Graph (pyshacl over oxrdflib reports false sh:in violations and is slow) and validates it with
inference "none": class checks follow the rdfs:subClassOf axioms that the ontology puts in the
data graph. Results come back as ``ShapeResult`` values whose messages are taken from the
language-tagged ``sh:message`` of the shape (pyshacl drops the language tags).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import rdflib
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH

from coopkg.config import project_root
from coopkg.rdf.namespaces import PREFIXES, compact

SHAPES_PATH: Path = project_root() / "ontology" / "shapes.ttl"

SEVERITIES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}


@dataclass(frozen=True)
class ShapeResult:
    """One sh:ValidationResult, with every node in N3 form and shapes in compact form."""

    severity: str  # "Violation" | "Warning" | "Info"
    focus_node: str  # "<iri>" or "_:b0"
    result_path: str | None  # N3 form of the path ("<p>", "^<p>", "<p>/<q>"), or None
    constraint: str  # e.g. "sh:MinCountConstraintComponent"
    source_shape: str  # e.g. "cshape:PartnershipShape-partner" (N3 if not compactable)
    value: str | None  # N3 form of the offending value
    messages: dict[str, str] = field(default_factory=dict, hash=False, compare=False)  # {"fr": ..., "en": ...}

    def message(self, lang: str = "en") -> str:
        return self.messages.get(lang) or self.messages.get("en") or next(iter(self.messages.values()), "")


@dataclass
class ValidationReport:
    results: list[ShapeResult]

    @property
    def violations(self) -> list[ShapeResult]:
        return [r for r in self.results if r.severity == "Violation"]

    @property
    def warnings(self) -> list[ShapeResult]:
        return [r for r in self.results if r.severity == "Warning"]

    @property
    def conforms(self) -> bool:
        """True when no result is a Violation (warnings and infos do not stop a build)."""
        return not self.violations


def load_shapes(path: Path | None = None) -> Graph:
    """The shapes graph (a fresh Graph: callers may add to it)."""
    shapes = Graph()
    shapes.parse(path or SHAPES_PATH, format="turtle")
    return shapes


def merge_dataset(ds: rdflib.Dataset) -> Graph:
    """Every triple of every graph of ``ds`` (default graph included) in one plain Graph."""
    merged = Graph()
    for prefix, namespace in PREFIXES.items():
        merged.bind(prefix, namespace, override=True)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        merged.add((s, p, o))
    return merged


def validate_graph(data: Graph, shapes: Graph | None = None) -> ValidationReport:
    """Validate ``data`` (ontology + vocabularies + all data, merged) against the shapes."""
    import pyshacl  # slow to import: only when validating

    shapes = shapes if shapes is not None else load_shapes()
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
    messages = _shape_messages(shapes)
    # Only the report's own results: pyshacl also types the nested sh:detail results of
    # sh:node/sh:or as sh:ValidationResult, and those are explained by their parent.
    top = [node for report in results_graph.subjects(RDF.type, SH.ValidationReport)
           for node in results_graph.objects(report, SH.result)]
    results = [_result(results_graph, shapes, node, messages) for node in top]
    results.sort(key=lambda r: (r.severity != "Violation", r.source_shape, r.focus_node, r.value or ""))
    return ValidationReport(results)


# --- internals ----------------------------------------------------------------------------------

def _shape_messages(shapes: Graph) -> dict[rdflib.term.Node, dict[str, str]]:
    """sh:message of every shape, by language (untagged messages count as English)."""
    found: dict[rdflib.term.Node, dict[str, str]] = {}
    for shape, message in shapes.subject_objects(SH.message):
        if isinstance(message, Literal):
            found.setdefault(shape, {}).setdefault(message.language or "en", str(message))
    return found


def _result(graph: Graph, shapes: Graph, node, messages) -> ShapeResult:
    severity = graph.value(node, SH.resultSeverity)
    focus = graph.value(node, SH.focusNode)
    path = graph.value(node, SH.resultPath)
    component = graph.value(node, SH.sourceConstraintComponent)
    shape = graph.value(node, SH.sourceShape)
    value = graph.value(node, SH.value)
    own = messages.get(shape)
    if own:
        texts = dict(own)
    else:
        fallback = [str(m) for m in graph.objects(node, SH.resultMessage)]
        texts = {"en": "; ".join(fallback)} if fallback else {}
    return ShapeResult(
        severity=SEVERITIES.get(severity, _local(severity)),
        focus_node=_n3(focus),
        result_path=_path_n3(path, graph, shapes) if path is not None else None,
        constraint=_compact(component),
        source_shape=_compact(shape),
        value=_n3(value) if value is not None else None,
        messages=texts,
    )


def _n3(node) -> str:
    if node is None:
        return ""
    return node.n3()


def _compact(node) -> str:
    if isinstance(node, URIRef):
        short = compact(str(node))
        return short if short != str(node) else node.n3()
    return _n3(node)


def _local(node) -> str:
    text = str(node or "")
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _path_n3(path, graph: Graph, shapes: Graph) -> str:
    """A SHACL property path in SPARQL-like N3: <p>, ^<p>, <p>/<q>, <p>|<q>, <p>*, <p>+, <p>?."""
    if isinstance(path, URIRef):
        return path.n3()
    # pyshacl may copy complex paths into the results graph, or leave them in the shapes graph.
    for g in (graph, shapes):
        if (path, None, None) in g:
            return _render_path(path, g)
    return _n3(path)


def _render_path(path, g: Graph) -> str:
    if isinstance(path, URIRef):
        return path.n3()
    inverse = g.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + _wrap(_render_path(inverse, g))
    alternatives = g.value(path, SH.alternativePath)
    if alternatives is not None:
        return "|".join(_wrap(_render_path(p, g)) for p in Collection(g, alternatives))
    for predicate, suffix in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
        inner = g.value(path, predicate)
        if inner is not None:
            return _wrap(_render_path(inner, g)) + suffix
    if g.value(path, RDF.first) is not None:
        return "/".join(_wrap(_render_path(p, g)) for p in Collection(g, path))
    return _n3(path)


def _wrap(text: str) -> str:
    return text if text.startswith("<") and text.endswith(">") or text.startswith("^") else f"({text})"

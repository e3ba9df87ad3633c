"""The validation report of a build, saved beside its store, read by every face.

One type for everything a validation finds: ``ValidationResult`` is a SHACL result (a shape's
constraint on a focus node) or the row of a ``queries/checks/*-violation.rq`` check (a SPARQL-based
constraint: ``sh:SPARQLConstraintComponent``, its check's IRI as source). ``ValidationReport``
holds them with the engine and time of the validation.

Saved as RDF in the SHACL report vocabulary (``report.ttl`` in the build folder): one
``sh:ValidationReport`` with a ``sh:ValidationResult`` per result, the result messages in every
language the shapes give (``sh:resultMessage "..."@fr``), the paths as SHACL paths. ``coopkg build``
writes it; ``coopkg validate``, the build's own report and the explorer's quality page read the
same results (the page opens the saved file instead of validating again). Any SHACL engine's
report graph reads through ``results_from_triples``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import pyoxigraph as ox

from coopkg.rdf.namespaces import BASE, PREFIXES, compact

SH = PREFIXES["sh"]
RDF = PREFIXES["rdf"]
XSD = PREFIXES["xsd"]
CHECKS = BASE + "check/"  # the IRI of a check is CHECKS + the name of its file
REPORT_FILE = "report.ttl"
SEVERITIES = {SH + "Violation": "Violation", SH + "Warning": "Warning", SH + "Info": "Info"}
SPARQL_COMPONENT = "sh:SPARQLConstraintComponent"


@dataclass(frozen=True)
class ValidationResult:
    """One result, with every node in N3 form and shapes in compact form."""

    severity: str  # "Violation" | "Warning" | "Info"
    focus_node: str  # "<iri>" or "_:b0"
    result_path: str | None  # N3 form of the path ("<p>", "^<p>", "<p>/<q>"), or None
    constraint: str  # e.g. "sh:MinCountConstraintComponent", "sh:SPARQLConstraintComponent" for checks
    source_shape: str  # e.g. "cshape:PartnershipShape-partner", or the check ("<https://w3id.org/coopkg/check/x>")
    value: str | None  # N3 form of the offending value (for checks: the graph the row names)
    messages: dict[str, str] = field(default_factory=dict, hash=False, compare=False)  # {"fr": ..., "en": ...}

    def message(self, lang: str = "en") -> str:
        return self.messages.get(lang) or self.messages.get("en") or next(iter(self.messages.values()), "")

    @property
    def is_check(self) -> bool:
        return self.constraint == SPARQL_COMPONENT

    @property
    def check_name(self) -> str | None:
        """The file name of the check (``queries/checks/NAME.rq``) that gave this result."""
        iri = self.source_shape[1:-1] if self.source_shape.startswith("<") else self.source_shape
        return iri[len(CHECKS):] if self.is_check and iri.startswith(CHECKS) else None


@dataclass
class ValidationReport:
    results: list[ValidationResult] = field(default_factory=list)
    engine: str = ""  # which validator made it, with its version
    created: str = ""  # ISO 8601 date and time
    triples: int = 0  # how many triples were validated
    elapsed: float = 0.0  # seconds the validation took

    @property
    def violations(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity == "Violation"]

    @property
    def warnings(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity == "Warning"]

    @property
    def infos(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity == "Info"]

    @property
    def conforms(self) -> bool:
        """True when no result is a Violation (warnings and infos do not stop a build)."""
        return not self.violations

    def sorted(self) -> "ValidationReport":
        self.results.sort(key=lambda r: (r.severity != "Violation", r.source_shape, r.focus_node, r.value or ""))
        return self

    # --- as RDF ---------------------------------------------------------------------------------

    def to_triples(self) -> list[ox.Triple]:
        report = ox.BlankNode()
        triples = [ox.Triple(report, _iri(RDF + "type"), _iri(SH + "ValidationReport")),
                   ox.Triple(report, _iri(SH + "conforms"), _literal(str(self.conforms).lower(), "boolean"))]
        if self.engine:
            triples.append(ox.Triple(report, _iri(PREFIXES["dct"] + "creator"), ox.Literal(self.engine)))
        if self.created:
            triples.append(ox.Triple(report, _iri(PREFIXES["dct"] + "created"), _literal(self.created, "dateTime")))
        if self.triples:
            triples.append(ox.Triple(report, _iri(PREFIXES["void"] + "triples"), _literal(str(self.triples), "integer")))
        for result in self.results:
            node = ox.BlankNode()
            triples.append(ox.Triple(report, _iri(SH + "result"), node))
            triples += _result_triples(node, result)
        return triples

    def save(self, path: Path) -> Path:
        path.write_bytes(ox.serialize(self.to_triples(), format=ox.RdfFormat.TURTLE,
                                      prefixes={p: PREFIXES[p] for p in ("sh", "dct", "xsd", "void", "cshape")}))
        return path

    @classmethod
    def load(cls, path: Path) -> "ValidationReport":
        triples = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
        return report_from_triples(triples)


def build_report(build: Path) -> ValidationReport | None:
    """The report saved with a build (its folder), or None for a build that has none."""
    path = build / REPORT_FILE
    return ValidationReport.load(path) if path.is_file() else None


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


# --- reading any SHACL report graph --------------------------------------------------------------

def report_from_triples(triples: Iterable[ox.Triple], shape_messages: dict[str, dict[str, str]] | None = None,
                        path_triples: Iterable[ox.Triple] = ()) -> ValidationReport:
    """The report a SHACL report graph holds (ours, pyshacl's or another engine's). Only the
    report's own ``sh:result`` objects count: engines also type the nested ``sh:detail`` results
    of ``sh:node``/``sh:or`` as results, and those are explained by their parent.

    ``shape_messages`` (shape in N3 form -> {lang: message}) gives the messages of each shape in
    every language, where the engine kept only one; ``path_triples`` are where complex paths
    are described if the engine left them out of its graph (in the shapes graph)."""
    graph = _Graph(triples, path_triples)
    out = ValidationReport()
    for report in graph.subjects(RDF + "type", SH + "ValidationReport"):
        out.engine = out.engine or _text(graph.value(report, PREFIXES["dct"] + "creator"))
        out.created = out.created or _text(graph.value(report, PREFIXES["dct"] + "created"))
        count = graph.value(report, PREFIXES["void"] + "triples")
        out.triples = out.triples or (int(count.value) if isinstance(count, ox.Literal) else 0)
        for node in graph.objects(report, SH + "result"):
            out.results.append(_result(graph, node, shape_messages or {}))
    return out.sorted()


class _Graph:
    """The few look-ups a report needs, over a list of triples."""

    def __init__(self, triples: Iterable[ox.Triple], extra: Iterable[ox.Triple] = ()):
        self.by_subject: dict[object, list[ox.Triple]] = {}
        for triple in list(triples) + list(extra):
            self.by_subject.setdefault(triple.subject, []).append(triple)
        self.all = [t for ts in self.by_subject.values() for t in ts]

    def objects(self, subject, predicate: str) -> list:
        return [t.object for t in self.by_subject.get(subject, ()) if t.predicate.value == predicate]

    def value(self, subject, predicate: str):
        found = self.objects(subject, predicate)
        return found[0] if found else None

    def subjects(self, predicate: str, obj: str) -> list:
        return [t.subject for t in self.all if t.predicate.value == predicate and isinstance(t.object, ox.NamedNode)
                and t.object.value == obj]


def _result(graph: _Graph, node, shape_messages: dict[str, dict[str, str]]) -> ValidationResult:
    severity = graph.value(node, SH + "resultSeverity")
    focus = graph.value(node, SH + "focusNode")
    path = graph.value(node, SH + "resultPath")
    component = graph.value(node, SH + "sourceConstraintComponent")
    shape = graph.value(node, SH + "sourceShape")
    value = graph.value(node, SH + "value")
    messages: dict[str, str] = {}
    for message in graph.objects(node, SH + "resultMessage"):
        if isinstance(message, ox.Literal):
            messages.setdefault(message.language or "en", message.value)
    shape_n3 = _compact(shape)
    messages = {**messages, **shape_messages.get(str(shape), {})}
    return ValidationResult(
        severity=SEVERITIES.get(severity.value if isinstance(severity, ox.NamedNode) else "", _local(severity)),
        focus_node=str(focus) if focus is not None else "",
        result_path=_render_path(path, graph) if path is not None else None,
        constraint=_compact(component),
        source_shape=shape_n3,
        value=str(value) if value is not None else None,
        messages=messages,
    )


def _render_path(path, graph: _Graph) -> str:
    """A SHACL property path in SPARQL-like N3: <p>, ^<p>, <p>/<q>, <p>|<q>, <p>*, <p>+, <p>?."""
    if isinstance(path, ox.NamedNode):
        return str(path)
    inverse = graph.value(path, SH + "inversePath")
    if inverse is not None:
        return "^" + _wrap(_render_path(inverse, graph))
    alternatives = graph.value(path, SH + "alternativePath")
    if alternatives is not None:
        return "|".join(_wrap(_render_path(p, graph)) for p in _items(alternatives, graph))
    for predicate, suffix in (("zeroOrMorePath", "*"), ("oneOrMorePath", "+"), ("zeroOrOnePath", "?")):
        inner = graph.value(path, SH + predicate)
        if inner is not None:
            return _wrap(_render_path(inner, graph)) + suffix
    if graph.value(path, RDF + "first") is not None:
        return "/".join(_wrap(_render_path(p, graph)) for p in _items(path, graph))
    return str(path)


def _items(head, graph: _Graph) -> list:
    items = []
    while head is not None and not (isinstance(head, ox.NamedNode) and head.value == RDF + "nil"):
        first = graph.value(head, RDF + "first")
        if first is None:
            break
        items.append(first)
        head = graph.value(head, RDF + "rest")
    return items


def _wrap(text: str) -> str:
    return text if text.startswith("<") and text.endswith(">") or text.startswith("^") else f"({text})"


# --- writing --------------------------------------------------------------------------------------

def _result_triples(node: ox.BlankNode, result: ValidationResult) -> list[ox.Triple]:
    def add(predicate: str, obj) -> None:
        triples.append(ox.Triple(node, _iri(SH + predicate), obj))

    triples: list[ox.Triple] = []
    add("resultSeverity", _iri(SH + result.severity))
    add("focusNode", _term(result.focus_node))
    if result.result_path:
        path_node, path_triples = _path_terms(result.result_path)
        add("resultPath", path_node)
        triples += path_triples
    add("sourceConstraintComponent", _term(result.constraint))
    add("sourceShape", _term(result.source_shape))
    if result.value is not None:
        add("value", _term(result.value))
    for lang, text in sorted(result.messages.items()):
        add("resultMessage", ox.Literal(text, language=lang))
    return triples


def _term(n3: str):
    """A term from its N3 form or compact IRI (the forms ValidationResult keeps)."""
    if n3.startswith("<") and n3.endswith(">"):
        return ox.NamedNode(n3[1:-1])
    if n3.startswith("_:"):
        return ox.BlankNode(n3[2:])
    if n3.startswith('"'):
        return next(iter(ox.parse(f"<x:s> <x:p> {n3} .".encode(), format=ox.RdfFormat.N_TRIPLES))).object
    prefix, _, local = n3.partition(":")
    return ox.NamedNode(PREFIXES[prefix] + local)


def _path_terms(rendered: str):
    """A rendered path back as SHACL path triples (the forms ``_render_path`` writes)."""
    return _PathReader(rendered).path()


class _PathReader:
    """Reads back what ``_render_path`` writes: alternatives of sequences of (inverse) steps."""

    def __init__(self, text: str):
        self.text, self.i, self.triples = text, 0, []

    def path(self):
        node = self.alternatives()
        return node, self.triples

    def alternatives(self):
        options = [self.sequence()]
        while self.peek("|"):
            self.i += 1
            options.append(self.sequence())
        return options[0] if len(options) == 1 else self.node(SH + "alternativePath", self.list(options))

    def sequence(self):
        steps = [self.step()]
        while self.peek("/"):
            self.i += 1
            steps.append(self.step())
        return steps[0] if len(steps) == 1 else self.list(steps)

    def step(self):
        if self.peek("^"):
            self.i += 1
            return self.node(SH + "inversePath", self.step())
        if self.peek("("):
            self.i += 1
            inner = self.alternatives()
            self.i += 1  # ")"
        else:
            end = self.text.index(">", self.i) + 1
            inner, self.i = ox.NamedNode(self.text[self.i + 1:end - 1]), end
        for suffix, predicate in (("*", "zeroOrMorePath"), ("+", "oneOrMorePath"), ("?", "zeroOrOnePath")):
            if self.peek(suffix):
                self.i += 1
                return self.node(SH + predicate, inner)
        return inner

    def peek(self, char: str) -> bool:
        return self.i < len(self.text) and self.text[self.i] == char

    def node(self, predicate: str, obj):
        node = ox.BlankNode()
        self.triples.append(ox.Triple(node, ox.NamedNode(predicate), obj))
        return node

    def list(self, items: list):
        head = ox.NamedNode(RDF + "nil")
        for item in reversed(items):
            cell = ox.BlankNode()
            self.triples += [ox.Triple(cell, ox.NamedNode(RDF + "first"), item),
                             ox.Triple(cell, ox.NamedNode(RDF + "rest"), head)]
            head = cell
        return head


def _iri(value: str) -> ox.NamedNode:
    return ox.NamedNode(value)


def _literal(value: str, datatype: str) -> ox.Literal:
    return ox.Literal(value, datatype=ox.NamedNode(XSD + datatype))


def _text(term) -> str:
    return term.value if isinstance(term, ox.Literal) else ""


def _compact(node) -> str:
    if isinstance(node, ox.NamedNode):
        short = compact(node.value)
        return short if short != node.value else str(node)
    return str(node) if node is not None else ""


def _local(node) -> str:
    text = node.value if isinstance(node, ox.NamedNode) else str(node or "")
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]

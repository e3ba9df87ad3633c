"""Exports of the knowledge graph: the dataset, one graph, one entity, the Wikidata-shaped twinnings.

Every export is a list of quads built from a Repository (embedded or remote), then written in one
of the RDF formats of ``results.RDF_FORMATS``. TriG and N-Quads keep the named graphs; the other
formats write the merged graph (each triple once). JSON-LD is compacted with the project's
published context (``ontology/context.jsonld``), carried inline so that the file reads alone.

A whole-dataset export carries the dataset's VoID/DCAT description (it is data, in
``cgraph:metadata``: ``cid:dataset/coopkg`` and one ``void:subset`` per named graph, named by
``sd:name``) plus statistics computed at export time: ``void:triples`` of each subset and of the
dataset. They describe the exported file itself: the count of ``cgraph:metadata`` includes the
statistics' own triples, and the dataset's count is the number of distinct triples of the merged
graph.
"""

from __future__ import annotations

import functools
import json
from typing import Iterable

import pyoxigraph as ox

from coopkg.config import ontology_dir, queries_dir
from coopkg.rdf.formats import OUTPUT_PREFIXES, RDF_FORMATS, serialize_rdf
from coopkg.rdf.namespaces import BASE, GRAPH, METADATA_GRAPH, PREFIXES, compact, expand
from coopkg.rdf.namespaces import DATASET as DATASET  # the dataset's IRI, re-exported for the exports' users
from coopkg.sparql.catalogue import library_text, parse_query_file
from coopkg.store.statistics import statistics

FORMATS = tuple(RDF_FORMATS)
QUAD_FORMATS = ("trig", "nquads")

RDF_TYPE = PREFIXES["rdf"] + "type"
VOID = PREFIXES["void"]
XSD = PREFIXES["xsd"]
DOCUMENTS = BASE + "doc/"  # where the dereferencing server serves the document of each thing

WIKIDATA_TWINNINGS = "wikidata-twinnings"
WIKIDATA_PREFIXES = {
    "wdt": "http://www.wikidata.org/prop/direct/",
    "p": "http://www.wikidata.org/prop/",
    "ps": "http://www.wikidata.org/prop/statement/",
    "pq": "http://www.wikidata.org/prop/qualifier/",
    "pqv": "http://www.wikidata.org/prop/qualifier/value/",
    "wd": "http://www.wikidata.org/entity/",
    "pr": "http://www.wikidata.org/prop/reference/",
    "wikibase": "http://wikiba.se/ontology#",
}


class ExportError(ValueError):
    """Bad input (an unknown graph, entity or format): one line for the user."""


# --- what is exported -----------------------------------------------------------------------------

def dataset_quads(repository) -> list[ox.Quad]:
    """Every quad of the store, plus the export-time statistics (in ``cgraph:metadata``)."""
    quads = list(repository.quads())
    graphs = sorted({q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)}
                    | {METADATA_GRAPH})
    return quads + statistics(repository, graphs, dataset=True)


def graph_quads(repository, graph: str) -> list[ox.Quad]:
    """One named graph, with its description from ``cgraph:metadata`` (provenance, source,
    licence), its size and the description of the document itself (``document_description``):
    an export of the Wikipedia graph alone still says whose it is."""
    graph = resolve_graph(repository, graph)
    quads = list(repository.quads(graph))
    if graph != METADATA_GRAPH:
        quads += _graph_description(repository, graph)
    quads += statistics(repository, [graph], dataset=False)
    return _with_description(repository, graph, quads)


def entity_quads(repository, entity: str) -> list[ox.Quad]:
    """An entity's description, each statement in the graph of its source: its outgoing
    statements (with the blank nodes they lead to), the statements pointing to it (inverse
    relations), the labels of every IRI on the other side of either, and the description of the
    document itself (``document_description``). The dataset's document is its whole description,
    ``cgraph:metadata``: catalogue, distributions, subsets and their counts, sources, the build."""
    iri = resolve_entity(repository, entity)
    seen: dict[ox.Quad, None] = {}
    for row in repository.query(library_text("export/entity-description"), {"entity": ox.NamedNode(iri)}):
        seen[ox.Quad(row["s"], row["p"], row["o"], row["g"])] = None
    if iri == DATASET:
        seen.update(dict.fromkeys(repository.quads(METADATA_GRAPH)))
    return _with_description(repository, iri, list(seen))


def document_iri(topic: str) -> ox.NamedNode | ox.BlankNode:
    """The document describing ``topic`` on the dereferencing server: ``doc/`` + its path for a
    project IRI (``cid:authority/fr-nice`` -> ``https://w3id.org/coopkg/doc/id/authority/fr-nice``);
    a blank node for anything else (a document that no address serves)."""
    if topic.startswith(BASE) and topic[len(BASE):].startswith(("id/", "vocab/", "graph/", "source/")):
        return ox.NamedNode(DOCUMENTS + topic[len(BASE):])
    return ox.BlankNode()


def document_description(repository, topic: str, quads: list[ox.Quad]) -> list[ox.Quad]:
    """What a document says of itself, in ``cgraph:metadata``: a ``foaf:Document`` (for the
    dataset, a ``void:DatasetDescription``) whose ``foaf:primaryTopic`` is ``topic``, in the
    dataset (``void:inDataset``), under the dataset's licence, with the dataset's title and
    licence; and the description of every named graph its statements come from (its licence,
    attribution, source, subset and generating build), since the document mixes them."""
    document = document_iri(topic)
    metadata = ox.NamedNode(METADATA_GRAPH)

    def quad(subject, predicate: str, obj) -> ox.Quad:
        return ox.Quad(subject, ox.NamedNode(predicate), obj, metadata)

    kind = VOID + "DatasetDescription" if topic == DATASET else PREFIXES["foaf"] + "Document"
    described = [quad(document, RDF_TYPE, ox.NamedNode(kind)),
                 quad(document, PREFIXES["foaf"] + "primaryTopic", ox.NamedNode(topic)),
                 quad(document, VOID + "inDataset", ox.NamedNode(DATASET))]
    for row in repository.query(library_text("export/dataset-terms"), {"dataset": ox.NamedNode(DATASET)}):
        described.append(quad(ox.NamedNode(DATASET), row["p"].value, row["o"]))
        if row["p"].value == PREFIXES["dct"] + "license":
            described.append(quad(document, PREFIXES["dct"] + "license", row["o"]))
    # cgraph:metadata too: this description is written there
    graphs = sorted({q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)} | {METADATA_GRAPH})
    for graph in graphs:
        described += _graph_description(repository, graph)
    return described


def _with_description(repository, topic: str, quads: list[ox.Quad]) -> list[ox.Quad]:
    return list(dict.fromkeys(quads + document_description(repository, topic, quads)))


def wikidata_twinnings(repository) -> list[ox.Triple]:
    """The Wikidata-shaped view of the twinnings (``queries/export/wikidata-twinnings.rq``)."""
    query = parse_query_file(queries_dir() / "export" / f"{WIKIDATA_TWINNINGS}.rq")
    return list(repository.query(query.text))


# --- resolving names --------------------------------------------------------------------------------

def resolve_graph(repository, name: str) -> str:
    """A named graph by IRI, prefixed name (``cgraph:geonames``) or slug (``geonames``)."""
    graphs = repository.named_graphs()
    for candidate in (expand(name.strip()), GRAPH + name.strip()):
        if candidate in graphs:
            return candidate
    known = ", ".join(compact(g) for g in graphs)
    raise ExportError(f"no named graph {name!r} in {repository.describe()}; known graphs: {known}")


def resolve_entity(repository, name: str) -> str:
    """An IRI (``<...>``, full, or prefixed: ``auth:fr-nice``, ``cid:authority/fr-nice``) that
    is the subject of at least one statement."""
    iri = expand(name.strip())
    if ":" not in iri or any(c in iri for c in ' <>"{}|\\^`'):
        raise ExportError(f"{name!r} is not an IRI or a known prefixed name (e.g. auth:fr-nice)")
    found = repository.query(library_text("read/entity-exists"), {"entity": ox.NamedNode(iri)})
    if not bool(found):
        raise ExportError(f"no statement about {compact(iri)} in {repository.describe()}")
    return iri


# --- statistics -------------------------------------------------------------------------------------






def _graph_description(repository, graph: str) -> list[ox.Quad]:
    metadata = ox.NamedNode(METADATA_GRAPH)
    rows = repository.query(library_text("export/graph-description"), {"graph": ox.NamedNode(graph)})
    return list(dict.fromkeys(ox.Quad(r["s"], r["p"], r["o"], metadata) for r in rows))


# --- the JSON-LD context ---------------------------------------------------------------------------



def load_context() -> dict:
    path = ontology_dir() / "context.jsonld"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ExportError(f"{path} is missing: run `coopkg export --write-context`") from None


# --- writing -----------------------------------------------------------------------------------------

def serialize(items: Iterable, fmt: str, extra_prefixes: dict[str, str] | None = None) -> bytes:
    """Quads or triples in ``fmt``; the merged formats write each triple once. ``extra_prefixes``
    (e.g. Wikidata's) are added to the project's in Turtle, TriG, RDF/XML and JSON-LD."""
    if fmt not in RDF_FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    items = list(items)
    if fmt not in QUAD_FORMATS:
        items = list(dict.fromkeys(ox.Triple(i.subject, i.predicate, i.object) for i in items))
    if fmt == "jsonld":
        context = load_context()
        if extra_prefixes:
            context = {"@context": {**context["@context"], **extra_prefixes}}
        return to_jsonld(items, context)
    if extra_prefixes and fmt in ("turtle", "trig", "rdfxml"):
        if fmt == "trig":
            items = [i if isinstance(i, ox.Quad) else ox.Quad(i.subject, i.predicate, i.object, ox.DefaultGraph())
                     for i in items]
        return ox.serialize(items, format=RDF_FORMATS[fmt], prefixes={**OUTPUT_PREFIXES, **extra_prefixes})
    return serialize_rdf(items, fmt)


def to_jsonld(triples: list[ox.Triple], context: dict) -> bytes:
    """Compact JSON-LD with ``context`` inline (rdflib compacts: pyld took 25x longer here)."""
    import rdflib

    graph = rdflib.Graph()
    for triple in triples:
        graph.add(tuple(_rdflib_term(t) for t in (triple.subject, triple.predicate, triple.object)))
    document = _converter_class()(context["@context"]).convert(graph)
    if isinstance(document, dict):  # {"@graph": nodes}, or a single node unwrapped
        document = document["@graph"] if set(document) == {"@graph"} else [document] if document else []
    document = {"@context": context["@context"], "@graph": document}
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _rdflib_term(term):
    """An rdflib term with the literal's lexical form kept: rdflib's parsers normalise literals
    ("2026-12-01T11:29:19Z" would become "...+00:00", "01" would become "1")."""
    import rdflib

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    if term.datatype.value == XSD + "string":
        return rdflib.Literal(term.value)  # RDF 1.1: a simple literal is an xsd:string
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value), normalize=False)


@functools.cache
def _converter_class():
    from rdflib.plugins.serializers.jsonld import Converter
    from rdflib.plugins.shared.jsonld.context import Context
    from rdflib.plugins.shared.jsonld.keys import ID
    from rdflib.term import BNode

    class LosslessConverter(Converter):
        """rdflib's compaction, minus two losses (rdflib 7.6): a blank node under a term coerced
        to @id was written as a bare "_:id" and its own statements dropped; and integers,
        booleans and doubles became JSON numbers, which do not keep their lexical form."""

        def __init__(self, context_data: dict):
            super().__init__(Context(context_data), use_native_types=False, use_rdf_type=False)
            self.use_native_types = False

        def type_coerce(self, o, coerce_type):
            if coerce_type == ID and isinstance(o, BNode):
                return None  # written as a node of its own, referenced by its id
            return super().type_coerce(o, coerce_type)

    return LosslessConverter


def export(repository, fmt: str = "trig", graph: str | None = None, entity: str | None = None,
           wikidata: bool = False) -> bytes:
    """What ``coopkg export`` writes."""
    if fmt not in RDF_FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    chosen = [name for name, on in (("--graph", graph), ("--entity", entity), ("--wikidata-twinnings", wikidata)) if on]
    if len(chosen) > 1:
        raise ExportError(f"choose one of {', '.join(chosen)}")
    if graph:
        return serialize(graph_quads(repository, graph), fmt)
    if entity:
        return serialize(entity_quads(repository, entity), fmt)
    if wikidata:
        return serialize(wikidata_twinnings(repository), fmt, WIKIDATA_PREFIXES)
    return serialize(dataset_quads(repository), fmt)

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
from pathlib import Path
from typing import Iterable

import pyoxigraph as ox

from .catalogue import parse_query_file
from .namespaces import GRAPH, ID, METADATA_GRAPH, PREFIXES, compact, expand
from .paths import ontology_dir, queries_dir
from .results import OUTPUT_PREFIXES, RDF_FORMATS, serialize_rdf

DATASET = ID + "dataset/coopkg"
FORMATS = tuple(RDF_FORMATS)
QUAD_FORMATS = ("trig", "nquads")

RDF_TYPE = PREFIXES["rdf"] + "type"
VOID = PREFIXES["void"]
XSD = PREFIXES["xsd"]

# Properties whose values are language-tagged text: a language map reads best ({"fr": ..., "en": ...}).
LANGUAGE_MAPS = ("skos:prefLabel", "skos:altLabel", "skos:definition", "skos:note", "rdfs:label",
                 "rdfs:comment", "dct:title", "dct:description", "schema:description", "coop:postTitle",
                 "coop:territorialStatusNote")
# Who gets a short key when vocabularies share a local name: coopkg's terms, then the vocabularies
# docs/modelling.md builds on, in the order it names them.
KEY_PRECEDENCE = ("coop", "rdf", "rdfs", "owl", "skos", "dct", "org", "cpov", "schema", "foaf", "geo",
                  "prov", "dcat", "void", "sd", "time", "vann", "sh", "xsd")
TERM_KINDS = {"owl:Class": "class", "rdfs:Class": "class", "owl:ObjectProperty": "object",
              "owl:DatatypeProperty": "data", "owl:AnnotationProperty": "data", "rdf:Property": "data"}
WIKIDATA_TWINNINGS = "wikidata-twinnings"
WIKIDATA_PREFIXES = {
    "wdt": "http://www.wikidata.org/prop/direct/",
    "p": "http://www.wikidata.org/prop/",
    "ps": "http://www.wikidata.org/prop/statement/",
    "pq": "http://www.wikidata.org/prop/qualifier/",
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
    licence) and its size: an export of the Wikipedia graph alone still says whose it is."""
    graph = resolve_graph(repository, graph)
    quads = list(repository.quads(graph))
    if graph != METADATA_GRAPH:
        quads += _graph_description(repository, graph)
    return quads + statistics(repository, [graph], dataset=False)


# Blank nodes are followed two levels down (a post's org:memberDuring interval and its instants),
# in one query: a remote endpoint's blank node labels hold only within one answer.
ENTITY_DESCRIPTION = """
SELECT ?entity ?s ?p ?o ?g WHERE {
  { GRAPH ?g { ?entity ?p ?o } BIND(?entity AS ?s) }
  UNION { GRAPH ?g { ?s ?p ?entity } BIND(?entity AS ?o) }
  UNION {
    { GRAPH ?any { ?entity ?via ?s } FILTER(isIRI(?s)) }
    UNION { GRAPH ?any { ?s ?via ?entity } }
    VALUES ?p { skos:prefLabel rdfs:label }
    GRAPH ?g { ?s ?p ?o }
  }
  UNION { GRAPH ?any { ?entity ?via ?s } FILTER(isBlank(?s)) GRAPH ?g { ?s ?p ?o } }
  UNION {
    GRAPH ?any { ?entity ?via ?blank } FILTER(isBlank(?blank))
    GRAPH ?any2 { ?blank ?via2 ?s } FILTER(isBlank(?s))
    GRAPH ?g { ?s ?p ?o }
  }
}
"""


def entity_quads(repository, entity: str) -> list[ox.Quad]:
    """An entity's description, each statement in the graph of its source: its outgoing
    statements (with the blank nodes they lead to), the statements pointing to it (inverse
    relations), and the labels of every IRI on the other side of either."""
    iri = resolve_entity(repository, entity)
    seen: dict[ox.Quad, None] = {}
    for row in repository.query(ENTITY_DESCRIPTION, {"entity": ox.NamedNode(iri)}):
        seen[ox.Quad(row["s"], row["p"], row["o"], row["g"])] = None
    return list(seen)


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
    found = repository.query("ASK { ?entity ?p ?o }", {"entity": ox.NamedNode(iri)})
    if not bool(found):
        raise ExportError(f"no statement about {compact(iri)} in {repository.describe()}")
    return iri


# --- statistics -------------------------------------------------------------------------------------

UNION_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }"

# The dataset's subsets: one per named graph, the subset's sd:name being the graph (as in
# data/curation/metadata.trig).
SUBSETS = "SELECT ?graph ?subset WHERE { GRAPH cgraph:metadata { ?subset sd:name ?graph } }"

# What the store already says about the dataset and its subsets, in any graph.
DESCRIBED = """
SELECT ?dataset ?s ?p ?o ?g WHERE {
  { GRAPH ?g { ?dataset ?p ?o } BIND(?dataset AS ?s) }
  UNION { GRAPH cgraph:metadata { ?s sd:name ?name } GRAPH ?g { ?s ?p ?o } }
}
"""

GRAPH_DESCRIPTION = """
SELECT ?graph ?s ?p ?o WHERE {
  { GRAPH cgraph:metadata { ?graph ?p ?o } BIND(?graph AS ?s) }
  UNION { GRAPH cgraph:metadata { ?graph prov:wasDerivedFrom ?s . ?s ?p ?o } }
  UNION { GRAPH cgraph:metadata { ?s sd:name ?graph ; ?p ?o } }
}
"""


def _graph_description(repository, graph: str) -> list[ox.Quad]:
    metadata = ox.NamedNode(METADATA_GRAPH)
    rows = repository.query(GRAPH_DESCRIPTION, {"graph": ox.NamedNode(graph)})
    return list(dict.fromkeys(ox.Quad(r["s"], r["p"], r["o"], metadata) for r in rows))


def statistics(repository, graphs: list[str], dataset: bool) -> list[ox.Quad]:
    """``void:triples`` for the subset of each graph of ``graphs`` (and, if ``dataset``, for the
    dataset: its distinct triples), as they will be in the export, in ``cgraph:metadata``.

    The subset of a graph is the one whose ``sd:name`` it is; a graph without one gets
    ``cid:dataset/coopkg/{slug}``, linked with ``void:subset`` and ``sd:name``. The added triples
    are counted too (they are in ``cgraph:metadata``), hence a few rounds until the figures
    stop changing."""
    from .stats import graph_counts

    counts = {g: 0 for g in graphs}
    counts.update((g, n) for g, n, _ in graph_counts(repository) if g in counts)
    union = int(next(iter(repository.query(UNION_COUNT)))["n"].value) if dataset else 0
    subsets = {r["graph"].value: r["subset"] for r in repository.query(SUBSETS)}
    existing = {ox.Quad(r["s"], r["p"], r["o"], r["g"])
                for r in repository.query(DESCRIBED, {"dataset": ox.NamedNode(DATASET)})}
    existing_triples = {ox.Triple(q.subject, q.predicate, q.object) for q in existing}
    metadata = ox.NamedNode(METADATA_GRAPH)

    def quad(subject, predicate: str, obj) -> ox.Quad:
        return ox.Quad(subject, ox.NamedNode(predicate), obj, metadata)

    def make(counts: dict[str, int], union: int) -> list[ox.Quad]:
        made = [quad(ox.NamedNode(DATASET), VOID + "triples", _integer(union))] if dataset else []
        for graph in graphs:
            subset = subsets.get(graph) or ox.NamedNode(f"{DATASET}/{graph.rsplit('/', 1)[-1]}")
            if graph not in subsets:
                made.append(quad(subset, RDF_TYPE, ox.NamedNode(VOID + "Dataset")))
                made.append(quad(subset, PREFIXES["sd"] + "name", ox.NamedNode(graph)))
                if dataset:
                    made.append(quad(ox.NamedNode(DATASET), VOID + "subset", subset))
            made.append(quad(subset, VOID + "triples", _integer(counts[graph])))
        return list(dict.fromkeys(made))

    made = make(counts, union)
    for _ in range(5):
        new = [q for q in made if q not in existing]
        adjusted = dict(counts)
        if METADATA_GRAPH in adjusted:
            adjusted[METADATA_GRAPH] += len(new)
        new_triples = {ox.Triple(q.subject, q.predicate, q.object) for q in new} - existing_triples
        again = make(adjusted, union + len(new_triples))
        if again == made:
            break
        made = again
    return [q for q in made if q not in existing]


def _integer(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=ox.NamedNode(XSD + "integer"))


# --- the JSON-LD context ---------------------------------------------------------------------------

def context_path() -> Path:
    return ontology_dir() / "context.jsonld"


ONTOLOGY_TERMS = """
SELECT ?term ?kind ?range WHERE {
  GRAPH cgraph:ontology { ?term a ?kind }
  VALUES ?kind { owl:Class rdfs:Class owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty rdf:Property }
  OPTIONAL { GRAPH cgraph:ontology { ?term rdfs:range ?range } }
  FILTER(isIRI(?term))
}
"""


def make_context(repository) -> dict:
    """The context: a short key (the local name) for each class and property the ontology
    declares, ``coop:`` terms first; prefixes for everything else.

    A key never shadows a prefix (``country`` is the prefix of ``country:fr``, so the property
    ``coop:country`` stays prefixed), and where two vocabularies share a local name the first of
    ``KEY_PRECEDENCE`` keeps it (``Organization`` is ``org:Organization``, not FOAF's)."""
    kinds: dict[str, set[str]] = {}
    ranges: dict[str, set[str]] = {}
    for row in repository.query(ONTOLOGY_TERMS):
        term = row["term"].value
        kinds.setdefault(term, set()).add(TERM_KINDS[compact(row["kind"].value)])
        if isinstance(row["range"], ox.NamedNode):
            ranges.setdefault(term, set()).add(row["range"].value)
    context: dict[str, object] = {"id": "@id", "type": "@type"}
    context.update(PREFIXES)
    order = [PREFIXES[p] for p in KEY_PRECEDENCE] + [ns for p, ns in PREFIXES.items() if p not in KEY_PRECEDENCE]

    def rank(term: str) -> tuple:
        namespace = max((ns for ns in order if term.startswith(ns)), key=len, default="")
        return (order.index(namespace) if namespace else len(order), term)

    for term in sorted(kinds, key=rank):
        short = compact(term)
        if short == term:
            continue  # outside every known namespace: no short key
        key = short.split(":", 1)[1]
        if key in context or not key.replace("_", "").isalnum():
            continue
        kind = kinds[term]
        if "class" in kind:
            context[key] = short
        elif "object" in kind:
            context[key] = {"@id": short, "@type": "@id"}
        else:
            definition: dict[str, str] = {"@id": short}
            datatypes = ranges.get(term, set())
            if short in LANGUAGE_MAPS or datatypes == {PREFIXES["rdf"] + "langString"}:
                definition["@container"] = "@language"
            elif len(datatypes) == 1:
                (datatype,) = datatypes
                if datatype.startswith(XSD) and datatype != XSD + "string":
                    definition["@type"] = compact(datatype)
            context[key] = definition
    return {"@context": context}


def load_context() -> dict:
    path = context_path()
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ExportError(f"{path} is missing: run `coopkg export --write-context`") from None


def ontology_repository():
    """The ontology files of ``ontology/`` in an in-memory store: the context needs no build."""
    from .loading import discover_files, parse_files
    from .store import EmbeddedRepository, fill

    files, errors = parse_files([p for p in discover_files() if p.parent == ontology_dir()])
    if errors:
        raise ExportError(f"cannot read the ontology: {errors[0]}")
    store = ox.Store()
    fill(store, (q for f in files for q in f.quads))
    return EmbeddedRepository(store, "the ontology files")


def write_context(repository=None, path: Path | None = None) -> Path:
    """Write the context made from ``repository`` (default: the ontology files)."""
    repository = repository or ontology_repository()
    path = path or context_path()
    text = json.dumps(make_context(repository), ensure_ascii=False, indent=2) + "\n"
    path.write_text(text, encoding="utf-8")
    return path


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
    if triples:
        graph.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    document = _converter_class()(context["@context"]).convert(graph)
    if isinstance(document, dict):  # {"@graph": nodes}, or a single node unwrapped
        document = document["@graph"] if set(document) == {"@graph"} else [document] if document else []
    document = {"@context": context["@context"], "@graph": document}
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


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

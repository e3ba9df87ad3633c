"""Query results: SPARQL results formats, RDF formats, and a table for the terminal."""

from __future__ import annotations

from typing import Iterable

import pyoxigraph as ox

from coopkg.rdf.namespaces import PREFIXES, compact

RESULT_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
}

RDF_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}

FILE_EXTENSIONS = {"csv": "csv", "tsv": "tsv", "json": "srj", "xml": "srx", "turtle": "ttl",
                   "ntriples": "nt", "nquads": "nq", "trig": "trig", "jsonld": "jsonld", "rdfxml": "rdf"}

MEDIA_TYPES = {name: fmt.media_type for name, fmt in {**RESULT_FORMATS, **RDF_FORMATS}.items()}

# Prefixes written in Turtle/TriG output: only those of the project and the common vocabularies.
OUTPUT_PREFIXES = {p: ns for p, ns in PREFIXES.items()}


def serialize_rdf(triples_or_quads: Iterable, fmt: str) -> bytes:
    """Triples (or quads, for TriG/N-Quads) in the RDF format named ``fmt``."""
    rdf_format = RDF_FORMATS[fmt]
    items = list(triples_or_quads)
    if rdf_format in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG):
        items = [q if isinstance(q, ox.Quad) else ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
                 for q in items]
    elif items and isinstance(items[0], ox.Quad):
        items = [ox.Triple(q.subject, q.predicate, q.object) for q in items]
    kwargs = {}
    if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.RDF_XML):
        kwargs["prefixes"] = OUTPUT_PREFIXES
    return ox.serialize(items, format=rdf_format, **kwargs)


def term_text(term, short: bool = True) -> str:
    """A term as a person reads it: a compact IRI, a literal's lexical form."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return compact(term.value) if short else term.value
    if isinstance(term, ox.Literal):
        return term.value + (f"@{term.language}" if term.language else "")
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term)

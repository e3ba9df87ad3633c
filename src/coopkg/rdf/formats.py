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


# --- RDF terms as SPARQL 1.1 JSON results terms (both directions) ----------------------------------

def term_to_json(term) -> dict:
    """A term as the SPARQL JSON results format writes it."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": term_to_json(term.subject),
                                            "predicate": term_to_json(term.predicate),
                                            "object": term_to_json(term.object)}}
    raise TypeError(f"not an RDF term: {term!r}")


def term_from_json(data: dict):
    """The term a SPARQL JSON results term stands for."""
    kind = data["type"]
    if kind == "uri":
        return ox.NamedNode(data["value"])
    if kind == "bnode":
        return ox.BlankNode(data["value"])
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in data:
            return ox.Literal(data["value"], language=data["xml:lang"])
        if "datatype" in data:
            return ox.Literal(data["value"], datatype=ox.NamedNode(data["datatype"]))
        return ox.Literal(data["value"])
    if kind == "triple":
        value = data["value"]
        return ox.Triple(term_from_json(value["subject"]), term_from_json(value["predicate"]),
                         term_from_json(value["object"]))
    raise ValueError(f"unknown SPARQL JSON term type {kind!r}")


# --- content negotiation (RFC 9110 Accept, q-values) ----------------------------------------------

def accepted_ranges(accept: str | None) -> list[tuple[str, float]]:
    """The media ranges of an Accept header with their q-values (malformed q counts as 0)."""
    ranges = []
    for part in (accept or "").split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append((media, q))
    return ranges


def negotiate(accept: str | None, offers: list[tuple[str, tuple[str, ...]]]) -> str | None:
    """The offer to serve for an Accept header: ``offers`` is (name, media types) in the server's
    order of preference (the first media type is the one to answer with, the others aliases). The
    most specific matching range gives an offer its q; the highest q wins, ties going to the
    server's order. No header (or an empty one) takes the first offer; nothing acceptable, None."""
    ranges = accepted_ranges(accept)
    if not ranges:
        return offers[0][0] if offers else None
    best, best_q = None, 0.0
    for name, types in offers:
        q, specificity = 0.0, -1
        for pattern, quality in ranges:
            for media in types:
                kind = media.split("/")[0]
                level = 2 if pattern == media else 1 if pattern == f"{kind}/*" else 0 if pattern == "*/*" else -1
                if level > specificity:
                    q, specificity = quality, level
        if q > best_q:
            best, best_q = name, q
    return best


# --- text from the data, safe to print -----------------------------------------------------------

# C0 and C1 controls and DEL (ESC starts terminal escape sequences, BEL rings, BS and CR overwrite
# what was printed), and the bidirectional formatting characters, which reorder the text around
# them (Trojan Source, CVE-2021-42574). Shown as \uXXXX so that a reader sees they are there.
_INVISIBLE = "".join(chr(c) for c in [*range(0x00, 0x20), *range(0x7F, 0xA0)]) + (
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_SHOWN = {ord(c): f"\\u{ord(c):04X}" for c in _INVISIBLE}
_SHOWN.update({ord("\n"): " ", ord("\t"): " "})


def visible(text: str) -> str:
    """``text`` with every control and bidirectional formatting character made visible (as
    ``\\uXXXX``; newlines and tabs as spaces): what a terminal or a table may show of data."""
    return text.translate(_SHOWN)

"""The project's namespaces and the prefixes every query knows without declaring them."""

from __future__ import annotations

BASE = "https://w3id.org/coopkg/"
COOP = BASE + "ontology#"
ID = BASE + "id/"
GRAPH = BASE + "graph/"
SOURCE = BASE + "source/"
VOCAB = BASE + "vocab/"
SHAPES = BASE + "shapes#"

ONTOLOGY_GRAPH = GRAPH + "ontology"
METADATA_GRAPH = GRAPH + "metadata"
DATASET = ID + "dataset/coopkg"  # the dataset every graph is a subset of (data/curation/metadata.trig)

PREFIXES: dict[str, str] = {
    "coop": COOP,
    "cid": ID,
    "cgraph": GRAPH,
    "csrc": SOURCE,
    "cvoc": VOCAB,
    "cshape": SHAPES,
    # One prefix per kind of thing: Turtle and SPARQL forbid "/" in a prefixed name.
    "auth": ID + "authority/",
    "place": ID + "place/",
    "country": ID + "country/",
    "organisation": ID + "org/",
    "person": ID + "person/",
    "post": ID + "post/",
    "event": ID + "event/",
    "participation": ID + "participation/",
    "partnership": ID + "partnership/",
    "count": ID + "count/",
    "pub": ID + "publication/",
    "plan": ID + "plan/",
    "history": ID + "history/",
    "theme": VOCAB + "theme/",
    "akind": VOCAB + "authority-kind/",
    "role": VOCAB + "role/",
    "prole": VOCAB + "participation-role/",
    "pkind": VOCAB + "partnership-kind/",
    "status": VOCAB + "event-status/",
    "pstatus": VOCAB + "partnership-status/",
    "ckind": VOCAB + "count-kind/",
    "precision": VOCAB + "count-precision/",
    "objective": VOCAB + "objective/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "void": "http://rdfs.org/ns/void#",
    "prov": "http://www.w3.org/ns/prov#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "org": "http://www.w3.org/ns/org#",
    "cpov": "http://data.europa.eu/m8g/",
    "schema": "https://schema.org/",
    "geo": "http://www.w3.org/2003/01/geo/wgs84_pos#",
    "time": "http://www.w3.org/2006/time#",
    "sh": "http://www.w3.org/ns/shacl#",
    "sd": "http://www.w3.org/ns/sparql-service-description#",
    "vann": "http://purl.org/vocab/vann/",
}


def compact(iri: str) -> str:
    """``https://schema.org/Event`` -> ``schema:Event``; an IRI outside every prefix is kept whole."""
    best = ""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(namespace) > len(best):
            best, best_prefix = namespace, prefix
    if best:
        local = iri[len(best):]
        if local and all(c.isalnum() or c in "-_." for c in local) and not local.endswith("."):
            return f"{best_prefix}:{local}"
    return iri


def expand(name: str) -> str:
    """``schema:Event`` -> the full IRI; ``<...>`` and full IRIs are returned bare."""
    if name.startswith("<") and name.endswith(">"):
        return name[1:-1]
    if ":" in name:
        prefix, local = name.split(":", 1)
        if prefix in PREFIXES and not local.startswith("//"):
            return PREFIXES[prefix] + local
    return name


def sparql_prologue() -> str:
    """PREFIX lines for engines that take no default prefixes (remote endpoints)."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())

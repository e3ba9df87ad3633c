"""HTML documentation of the ontology, generated with pyLODE (never written by hand)."""

from __future__ import annotations

from pathlib import Path

from coopkg.config import ontology_dir


def ontology_in(lang: str):
    """The ontology as an rdflib Graph keeping one language of each text: pyLODE would otherwise
    run a term's French, English and Russian labels together into one heading."""
    import rdflib

    graph = rdflib.Graph().parse(ontology_dir() / "coopkg.ttl", format="turtle")
    for s, p, o in list(graph):
        if isinstance(o, rdflib.Literal) and o.language and o.language != lang:
            graph.remove((s, p, o))
    return graph


def generate(destination: Path, lang: str = "en") -> Path:
    """Write the ontology's HTML documentation in ``lang`` to ``destination``; return its path."""
    from pylode import OntPub

    destination.parent.mkdir(parents=True, exist_ok=True)
    OntPub(ontology=ontology_in(lang)).make_html(destination=destination)
    return destination

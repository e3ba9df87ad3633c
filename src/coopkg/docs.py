"""HTML documentation of the ontology, generated with pyLODE (never written by hand)."""

from __future__ import annotations

from pathlib import Path

from .paths import ontology_dir


def generate(destination: Path) -> Path:
    """Write the ontology's HTML documentation to ``destination`` and return its path."""
    from pylode import OntPub

    destination.parent.mkdir(parents=True, exist_ok=True)
    OntPub(ontology=str(ontology_dir() / "coopkg.ttl")).make_html(destination=destination)
    return destination

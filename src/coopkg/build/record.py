"""The build's own record, written into the store it builds, in ``cgraph:metadata``.

What only a build knows, beside what the editors wrote in ``data/curation/metadata.trig``: the
build as a ``prov:Activity`` (``cid:build/{build id}``, its start and end as ``xsd:dateTime`` in
UTC, associated with the coopkg editors), ``prov:wasGeneratedBy`` it from the dataset and from
every named graph, the dataset's ``dct:modified`` (the build's end) and the VoID statistics
(``void:triples`` of the dataset and of each subset, ``coopkg.store.statistics``), which count the
record's own triples. The dereferencing server's validators (``ETag``, ``Last-Modified``) come
from it, so does every dump it serves.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pyoxigraph as ox

from coopkg.rdf.namespaces import DATASET, ID, METADATA_GRAPH, PREFIXES
from coopkg.store.embedded import EmbeddedRepository, fill
from coopkg.store.statistics import statistics

PROV, RDF, RDFS, XSD = PREFIXES["prov"], PREFIXES["rdf"], PREFIXES["rdfs"], PREFIXES["xsd"]
EDITORS = PREFIXES["organisation"] + "coopkg-editors"


def build_iri(build_id: str) -> str:
    return f"{ID}build/{build_id}"


def _time(moment: datetime) -> ox.Literal:
    text = moment.astimezone(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return ox.Literal(text, datatype=ox.NamedNode(XSD + "dateTime"))


def record_quads(build_id: str, started: datetime, ended: datetime, graphs: list[str]) -> list[ox.Quad]:
    """The activity and what it generated (without the statistics)."""
    activity = ox.NamedNode(build_iri(build_id))
    metadata = ox.NamedNode(METADATA_GRAPH)

    def quad(subject, predicate: str, obj) -> ox.Quad:
        return ox.Quad(subject, ox.NamedNode(predicate), obj, metadata)

    quads = [
        quad(activity, RDF + "type", ox.NamedNode(PROV + "Activity")),
        quad(activity, RDFS + "label", ox.Literal(f"coopkg build {build_id}", language="en")),
        quad(activity, RDFS + "label", ox.Literal(f"construction coopkg {build_id}", language="fr")),
        quad(activity, RDFS + "label", ox.Literal(f"сборка coopkg {build_id}", language="ru")),
        quad(activity, PROV + "startedAtTime", _time(started)),
        quad(activity, PROV + "endedAtTime", _time(ended)),
        quad(activity, PROV + "wasAssociatedWith", ox.NamedNode(EDITORS)),
        quad(ox.NamedNode(DATASET), PROV + "wasGeneratedBy", activity),
        quad(ox.NamedNode(DATASET), PREFIXES["dct"] + "modified", _time(ended)),
    ]
    quads += [quad(ox.NamedNode(g), PROV + "wasGeneratedBy", activity) for g in graphs]
    return quads


def record_build(store: ox.Store, build_folder: Path, started: datetime) -> None:
    """Write the record of the build that is filling ``store`` in ``build_folder`` (its id is the
    folder's final name) into the store, ending now; its statistics count the whole store."""
    build_id = Path(build_folder).name.removeprefix(".partial-")
    repository = EmbeddedRepository(store, str(build_folder))
    graphs = sorted(set(repository.named_graphs()) | {METADATA_GRAPH})
    fill(store, record_quads(build_id, started, datetime.now(timezone.utc), graphs))
    fill(store, statistics(repository, graphs, dataset=True))

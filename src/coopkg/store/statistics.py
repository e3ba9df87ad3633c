"""VoID statistics of a store: ``void:triples`` of the dataset and of each of its subsets.

Computed by the build, which keeps them in the store's ``cgraph:metadata`` (``coopkg.build.record``),
and by an export of a store that has none (one loaded from elsewhere). A subset is the
``void:Dataset`` whose ``sd:name`` is the graph (``data/curation/metadata.trig``); a graph without
one gets ``cid:dataset/coopkg/{slug}``, linked with ``void:subset`` and ``sd:name``. The counts
include the statistics' own triples, which sit in ``cgraph:metadata``.
"""

from __future__ import annotations

import pyoxigraph as ox

from coopkg.rdf.namespaces import DATASET, METADATA_GRAPH, PREFIXES
from coopkg.sparql.catalogue import library_text

RDF_TYPE = PREFIXES["rdf"] + "type"
VOID = PREFIXES["void"]
XSD = PREFIXES["xsd"]


def integer(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=ox.NamedNode(XSD + "integer"))


def statistics(repository, graphs: list[str], dataset: bool) -> list[ox.Quad]:
    """``void:triples`` for the subset of each graph of ``graphs`` (and, if ``dataset``, for the
    dataset: its distinct triples), as they will be once the returned quads are added to the
    store (or to an export of it), in ``cgraph:metadata``. Quads the store already holds are not
    returned: on a store whose counts are right, the answer is empty.

    The added triples are counted too, hence a few rounds until the figures stop changing."""
    counts = {g: 0 for g in graphs}
    for row in repository.query(library_text("read/graph-counts")):
        if row["graph"].value in counts:
            counts[row["graph"].value] = int(row["triples"].value)
    union = int(next(iter(repository.query(library_text("export/distinct-triples"))))["n"].value) if dataset else 0
    subsets = {r["graph"].value: r["subset"] for r in repository.query(library_text("export/subsets"))}
    existing = {ox.Quad(r["s"], r["p"], r["o"], r["g"])
                for r in repository.query(library_text("export/dataset-description"), {"dataset": ox.NamedNode(DATASET)})}
    existing_triples = {ox.Triple(q.subject, q.predicate, q.object) for q in existing}
    metadata = ox.NamedNode(METADATA_GRAPH)

    def quad(subject, predicate: str, obj) -> ox.Quad:
        return ox.Quad(subject, ox.NamedNode(predicate), obj, metadata)

    def make(counts: dict[str, int], union: int) -> list[ox.Quad]:
        made = [quad(ox.NamedNode(DATASET), VOID + "triples", integer(union))] if dataset else []
        for graph in graphs:
            subset = subsets.get(graph) or ox.NamedNode(f"{DATASET}/{graph.rsplit('/', 1)[-1]}")
            if graph not in subsets:
                made.append(quad(subset, RDF_TYPE, ox.NamedNode(VOID + "Dataset")))
                made.append(quad(subset, PREFIXES["sd"] + "name", ox.NamedNode(graph)))
                if dataset:
                    made.append(quad(ox.NamedNode(DATASET), VOID + "subset", subset))
            made.append(quad(subset, VOID + "triples", integer(counts[graph])))
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

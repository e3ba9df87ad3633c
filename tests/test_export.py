"""`coopkg export`: every format parses back, with pyoxigraph and with rdflib, to the store's content
(plus the statistics the export adds); graphs, entities, the Wikidata view, the JSON-LD context."""

from __future__ import annotations

import json
import os
import subprocess
import time
from collections import Counter

import pyoxigraph as ox
import pytest
import rdflib
from publishing_servers import FIXTURES, coopkg_command, coopkg_env
from rdflib.compare import isomorphic

from coopkg.build import context
from coopkg.rdf.namespaces import GRAPH, METADATA_GRAPH, PREFIXES, expand
from coopkg.read import export
from coopkg.store.embedded import EmbeddedRepository

# rdflib's own TriG/N-Quads parsers use its deprecated ConjunctiveGraph API.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")

VOID = PREFIXES["void"]
SD_NAME = PREFIXES["sd"] + "name"
RDFLIB_FORMATS = {"trig": "trig", "nquads": "nquads", "turtle": "turtle", "ntriples": "nt",
                  "jsonld": "json-ld", "rdfxml": "xml"}


def triples_of(quads) -> set[ox.Triple]:
    return {ox.Triple(q.subject, q.predicate, q.object) for q in quads}


def rdflib_graph(triples) -> rdflib.Graph:
    graph = rdflib.Graph()
    graph.parse(data=ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES).decode(), format="nt")
    return graph


def has_blank_nodes(items) -> bool:
    return any(isinstance(t, ox.BlankNode) for i in items for t in (i.subject, i.object))


def assert_same_triples(back, expected) -> None:
    """Equal as sets where no blank node is involved, isomorphic as a whole."""
    back, expected = triples_of(back), triples_of(expected)
    assert {t for t in back if not has_blank_nodes([t])} == {t for t in expected if not has_blank_nodes([t])}
    assert len(back) == len(expected)
    assert isomorphic(rdflib_graph(back), rdflib_graph(expected))


def by_graph(quads) -> dict[str, set[ox.Triple]]:
    graphs: dict[str, set[ox.Triple]] = {}
    for q in quads:
        graphs.setdefault(q.graph_name.value, set()).add(ox.Triple(q.subject, q.predicate, q.object))
    return graphs


def assert_same_dataset(back, expected) -> None:
    back, expected = by_graph(back), by_graph(expected)
    assert set(back) == set(expected)
    for name in expected:
        assert_same_triples(back[name], expected[name])


@pytest.fixture(scope="module")
def expected(repo) -> list[ox.Quad]:
    """What a dataset export holds: the store's quads (with the build's statistics)."""
    return export.dataset_quads(repo)


@pytest.fixture(scope="module")
def exported(repo) -> dict[str, bytes]:
    return {fmt: export.export(repo, fmt) for fmt in export.FORMATS}


def test_a_built_store_carries_its_statistics_and_the_export_is_the_store(repo, expected):
    """The build wrote the counts (coopkg.build.record): the export adds nothing to a built store."""
    assert set(expected) == set(repo.quads())
    counts = [q for q in repo.quads(METADATA_GRAPH) if q.predicate.value == VOID + "triples"]
    assert len(counts) == len(repo.named_graphs()) + 1, "each subset and the dataset"


def test_the_export_adds_the_statistics_a_store_lacks():
    """A store loaded some other way (no build record): the export computes the counts."""
    store = ox.Store()
    store.bulk_load(path=str(FIXTURES / "dataset.trig"), format=ox.RdfFormat.TRIG)
    repository = EmbeddedRepository(store)
    exported = export.dataset_quads(repository)
    added = set(exported) - set(repository.quads())
    assert added, "the export adds its statistics"
    assert {q.predicate.value for q in added} <= {VOID + "triples", VOID + "subset", SD_NAME,
                                                  PREFIXES["rdf"] + "type"}
    assert {q.graph_name.value for q in added} == {METADATA_GRAPH}
    per_graph = Counter(q.graph_name.value for q in exported)
    names = {q.subject: q.object.value for q in exported if q.predicate.value == SD_NAME}
    for q in added:
        if q.predicate.value == VOID + "triples" and q.subject in names:
            assert int(q.object.value) == per_graph[names[q.subject]]


@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_quad_formats_keep_the_named_graphs(fmt, exported, expected):
    data = exported[fmt]
    assert_same_dataset(ox.parse(data, format=export.RDF_FORMATS[fmt]), expected)
    # rdflib reads the same dataset, graph by graph.
    dataset = rdflib.Dataset()
    dataset.parse(data=data.decode("utf-8"), format=RDFLIB_FORMATS[fmt])
    graphs = by_graph(expected)
    assert {str(g.identifier) for g in dataset.graphs() if len(g)} == set(graphs)
    for name, triples in graphs.items():
        assert isomorphic(dataset.graph(rdflib.URIRef(name)), rdflib_graph(triples)), name


@pytest.mark.parametrize("fmt", ["turtle", "ntriples", "jsonld", "rdfxml"])
def test_merged_formats_hold_the_merged_graph(fmt, exported, expected):
    data = exported[fmt]
    merged = triples_of(expected)
    assert_same_triples(ox.parse(data, format=export.RDF_FORMATS[fmt]), merged)
    graph = rdflib.Graph()
    graph.parse(data=data.decode("utf-8"), format=RDFLIB_FORMATS[fmt])
    assert len(graph) == len(merged)
    assert isomorphic(graph, rdflib_graph(merged))


def test_void_triples_count_what_the_export_holds(exported):
    back = list(ox.parse(exported["nquads"], format=ox.RdfFormat.N_QUADS))
    per_graph = Counter(q.graph_name.value for q in back)
    names = {q.subject: q.object.value for q in back if q.predicate.value == SD_NAME}
    counts = {q.subject: int(q.object.value) for q in back if q.predicate.value == VOID + "triples"}
    dataset = ox.NamedNode(export.DATASET)
    assert counts.pop(dataset) == len(triples_of(back))
    assert {names[s] for s in counts} == set(per_graph), "one count per named graph"
    for subset, count in counts.items():
        assert count == per_graph[names[subset]], names[subset]
    subsets = {q.object for q in back if q.subject == dataset and q.predicate.value == VOID + "subset"}
    assert subsets == set(counts)


def test_the_export_carries_the_dataset_description(exported):
    back = set(ox.parse(exported["turtle"], format=ox.RdfFormat.TURTLE))
    about = {(t.predicate.value, t.object) for t in back if t.subject == ox.NamedNode(export.DATASET)}
    predicates = {p for p, _ in about}
    assert (PREFIXES["rdf"] + "type", ox.NamedNode(VOID + "Dataset")) in about
    assert (PREFIXES["rdf"] + "type", ox.NamedNode(PREFIXES["dcat"] + "Dataset")) in about
    assert {PREFIXES["dct"] + "license", PREFIXES["prov"] + "wasDerivedFrom", PREFIXES["dct"] + "title",
            VOID + "sparqlEndpoint", VOID + "dataDump", PREFIXES["dcat"] + "distribution"} <= predicates
    # every source graph names its source and licence
    wikipedia = ox.NamedNode(GRAPH + "wikipedia-twin-towns")
    assert any(t.subject == wikipedia and t.predicate.value == PREFIXES["dct"] + "license" for t in back)


def test_jsonld_is_compacted_with_the_published_context(exported):
    document = json.loads(exported["jsonld"])
    published = json.loads(context.context_path().read_text(encoding="utf-8"))
    assert document["@context"] == published["@context"]
    keys = Counter(k for node in document["@graph"] for k in node)
    assert keys["prefLabel"] > 0 and keys["partner"] > 0 and keys["type"] > 0
    assert not any(k.startswith("http") for k in keys), "every property has a short key or a prefix"
    nice = next(n for n in document["@graph"] if n.get("id") == "auth:fr-nice")
    assert nice["prefLabel"]["fr"] == "Nice"


def test_the_published_context_agrees_with_the_ontology():
    """Every short key of ontology/context.jsonld means what the ontology says. A term added to
    the ontology since the context was written only compacts to its prefixed name until
    `coopkg export --write-context` runs; a key that now means something else is an error."""
    published = json.loads(context.context_path().read_text(encoding="utf-8"))["@context"]
    current = context.make_context(context.ontology_repository())["@context"]
    contradicted = {k: (v, current[k]) for k, v in published.items() if k in current and current[k] != v}
    assert not contradicted, f"run `coopkg export --write-context`: {contradicted}"
    assert published["partner"] == {"@id": "coop:partner", "@type": "@id"}
    assert published["prefLabel"] == {"@id": "skos:prefLabel", "@container": "@language"}
    assert published["country"] == PREFIXES["country"], "a prefix is never shadowed by a term"


def test_one_graph_with_its_description(repo):
    graph = GRAPH + "wikidata-p190-2017"
    data = export.export(repo, "trig", graph="wikidata-p190-2017")
    back = list(ox.parse(data, format=ox.RdfFormat.TRIG))
    content = [q for q in back if q.graph_name.value == graph]
    assert set(content) == set(repo.quads(graph))
    described = [q for q in back if q.graph_name.value == METADATA_GRAPH]
    assert {q.graph_name.value for q in back} == {graph, METADATA_GRAPH}
    licence = [q.object for q in described if q.subject.value == graph and q.predicate.value == PREFIXES["dct"] + "license"]
    assert licence, "the graph's licence comes with it"
    subset = next(q.subject for q in described if q.predicate.value == SD_NAME and q.object.value == graph)
    count = next(q.object for q in described if q.subject == subset and q.predicate.value == VOID + "triples")
    assert int(count.value) == len(content)
    # the same graph by IRI and by prefixed name
    assert export.export(repo, "nquads", graph=graph) == export.export(repo, "nquads", graph="cgraph:wikidata-p190-2017")


def test_one_entity_with_inverse_relations_and_labels(repo):
    nice = "auth:fr-nice"
    quads = export.entity_quads(repo, nice)
    iri = expand(nice)
    outgoing = {(q.predicate, q.object) for q in quads if q.subject.value == iri}
    store_outgoing = {(q.predicate, q.object) for q in repo.store.quads_for_pattern(ox.NamedNode(iri), None, None)}
    assert outgoing == store_outgoing
    incoming = {q.subject for q in quads if isinstance(q.object, ox.NamedNode) and q.object.value == iri}
    assert any(s.value.startswith(expand("partnership:")) for s in incoming), "partnerships point to Nice"
    labelled = {q.subject for q in quads if q.predicate.value == PREFIXES["skos"] + "prefLabel"}
    assert ox.NamedNode(expand("country:fr")) in labelled, "the label of what Nice points to"
    for fmt in export.FORMATS:
        data = export.export(repo, fmt, entity=nice)
        back = list(ox.parse(data, format=export.RDF_FORMATS[fmt]))
        if fmt in export.QUAD_FORMATS:
            assert_same_dataset(back, quads)
        else:
            assert_same_triples(back, triples_of(quads))
        graph = rdflib.Graph() if fmt not in export.QUAD_FORMATS else rdflib.Dataset()
        graph.parse(data=data.decode("utf-8"), format=RDFLIB_FORMATS[fmt])
        assert len(graph) == len(triples_of(quads)) or fmt in export.QUAD_FORMATS


def named(quads) -> set:
    """The quads of the named graphs (the default graph is their merge, not exported)."""
    return {q for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)}


def test_an_entity_brings_the_blank_nodes_it_leads_to(repo):
    found = repo.query("SELECT ?e ?b WHERE { ?e ?p ?b FILTER(isIRI(?e) && isBlank(?b)) } LIMIT 1")
    (row,) = list(found)
    quads = export.entity_quads(repo, row["e"].value)
    blank = row["b"]
    about_blank = named(repo.store.quads_for_pattern(blank, None, None))
    assert about_blank and about_blank <= set(quads)
    deeper = {q.object for q in about_blank if isinstance(q.object, ox.BlankNode)}
    for node in deeper:
        assert named(repo.store.quads_for_pattern(node, None, None)) <= set(quads)
    for fmt in ("turtle", "jsonld", "rdfxml"):
        back = ox.parse(export.export(repo, fmt, entity=row["e"].value), format=export.RDF_FORMATS[fmt])
        assert_same_triples(back, triples_of(quads))


def test_unknown_names_are_refused(repo):
    with pytest.raises(export.ExportError, match="no named graph"):
        export.export(repo, "trig", graph="no-such-graph")
    with pytest.raises(export.ExportError, match="no statement about"):
        export.export(repo, "turtle", entity="auth:fr-atlantis")
    with pytest.raises(export.ExportError, match="not an IRI"):
        export.export(repo, "turtle", entity="not an iri")
    with pytest.raises(export.ExportError, match="unknown format"):
        export.export(repo, "yaml")


WD = {k: v for k, v in export.WIKIDATA_PREFIXES.items()}


def wikidata_view(repo) -> rdflib.Graph:
    graph = rdflib.Graph()
    graph.parse(data=export.export(repo, "turtle", wikidata=True).decode(), format="turtle")
    return graph


def test_wikidata_view_has_p190_both_ways_for_every_twinning(repo):
    pairs = {(r["a"].value, r["b"].value) for r in repo.query(
        "SELECT ?a ?b WHERE { ?p coop:partnershipKind pkind:twinning ; coop:partner ?a , ?b FILTER(?a != ?b) }")}
    assert len(pairs) >= 100, "the 60 reference pairs, both ways"
    graph = wikidata_view(repo)
    direct = {(str(s), str(o)) for s, o in graph.subject_objects(rdflib.URIRef(WD["wdt"] + "P190"))}
    assert direct == pairs
    statements = set(graph.objects(None, rdflib.URIRef(WD["p"] + "P190")))
    assert len(statements) >= len(pairs)
    for statement in statements:
        assert (statement, rdflib.URIRef(WD["ps"] + "P190"), None) in graph


def time_value(graph: rdflib.Graph, statement, prop: str):
    """(timeValue, timePrecision) of a statement's full qualifier value (pqv:), as in Wikidata's
    RDF dump: a wikibase:TimeValue in UTC on the proleptic Gregorian calendar; None if absent."""
    wikibase = WD["wikibase"]
    node = graph.value(statement, rdflib.URIRef(WD["pqv"] + prop))
    if node is None:
        return None
    assert (node, rdflib.RDF.type, rdflib.URIRef(wikibase + "TimeValue")) in graph
    assert graph.value(node, rdflib.URIRef(wikibase + "timeTimezone")) == rdflib.Literal(0)
    assert graph.value(node, rdflib.URIRef(wikibase + "timeCalendarModel")) == rdflib.URIRef(WD["wd"] + "Q1985727")
    value = graph.value(node, rdflib.URIRef(wikibase + "timeValue"))
    assert value == graph.value(statement, rdflib.URIRef(WD["pq"] + prop)), "the simple value is the full value's"
    precision = graph.value(node, rdflib.URIRef(wikibase + "timePrecision"))
    assert precision.datatype == rdflib.XSD.integer
    return value, int(precision)


def test_wikidata_qualifiers_on_fixture_dates(tmp_path):
    store = ox.Store()
    store.bulk_load(path=str(FIXTURES / "dataset.trig"), format=ox.RdfFormat.TRIG)
    graph = wikidata_view(EmbeddedRepository(store))
    start, end = rdflib.URIRef(WD["pq"] + "P580"), rdflib.URIRef(WD["pq"] + "P582")
    nice = rdflib.URIRef(expand("auth:fr-nice"))
    (statement,) = graph.objects(nice, rdflib.URIRef(WD["p"] + "P190"))
    assert graph.value(statement, rdflib.URIRef(WD["ps"] + "P190")) == rdflib.URIRef(expand("auth:ru-irkutsk"))
    assert graph.value(statement, start) == rdflib.Literal("1995-05-12T00:00:00Z", datatype=rdflib.XSD.dateTime)
    assert graph.value(statement, end) == rdflib.Literal("2022-03-01T00:00:00Z", datatype=rdflib.XSD.dateTime)
    # Bordeaux: 1992 (a year, in one source) is earlier than 1992-03-01 (in another)
    bordeaux = rdflib.URIRef(expand("auth:fr-bordeaux"))
    (statement,) = graph.objects(bordeaux, rdflib.URIRef(WD["p"] + "P190"))
    assert graph.value(statement, start) == rdflib.Literal("1992-01-01T00:00:00Z", datatype=rdflib.XSD.dateTime)
    assert graph.value(statement, end) is None
    assert time_value(graph, statement, "P580") == (rdflib.Literal("1992-01-01T00:00:00Z", datatype=rdflib.XSD.dateTime), 9), "a year, with Wikidata's year precision"
    assert time_value(graph, statement, "P582") is None, "no value node where no date"
    (nice_statement,) = graph.objects(nice, rdflib.URIRef(WD["p"] + "P190"))
    assert time_value(graph, nice_statement, "P580") == (rdflib.Literal("1995-05-12T00:00:00Z", datatype=rdflib.XSD.dateTime), 11), "a day"
    reference = graph.value(statement, rdflib.URIRef(PREFIXES["prov"] + "wasDerivedFrom"))
    assert graph.value(reference, rdflib.URIRef(WD["pr"] + "P854")) == rdflib.URIRef(
        expand("partnership:twinning-bordeaux-saint-petersburg"))
    assert (nice, rdflib.RDFS.label, rdflib.Literal("Ницца", lang="ru")) in graph


# --- the command ----------------------------------------------------------------------------------

def run_export(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(coopkg_command("export", *args), capture_output=True, timeout=120,
                          env={**os.environ, **coopkg_env()})


def test_command_writes_a_file_in_the_format_of_its_extension(built, tmp_path):
    target = tmp_path / "coopkg.nq"
    started = time.perf_counter()
    done = run_export("--output", str(target))
    assert done.returncode == 0, done.stderr
    assert time.perf_counter() - started < 60
    quads = list(ox.parse(path=str(target), format=ox.RdfFormat.N_QUADS))
    assert len(quads) > 1000 and all(isinstance(q.graph_name, ox.NamedNode) for q in quads)


def test_command_entity_to_standard_output(built):
    done = run_export("--entity", "auth:fr-nice", "--format", "jsonld")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["@graph"]


@pytest.mark.parametrize("args, message", [
    (["--graph", "nowhere"], b"no named graph 'nowhere'"),
    (["--entity", "auth:fr-atlantis"], b"no statement about auth:fr-atlantis"),
    (["--format", "yaml"], b"invalid choice: 'yaml'"),
    (["--graph", "geonames", "--entity", "auth:fr-nice"], b"not allowed with argument"),
])
def test_command_bad_input_gets_one_line(built, args, message):
    done = run_export(*args)
    assert done.returncode == 2
    assert message in done.stderr
    assert b"Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert lines[-1].startswith(b"coopkg export: ")
    assert lines[0].startswith(b"usage:") or len(lines) == 1  # argparse prints its usage first


# --- where the data goes, its licence goes ------------------------------------------------------

def assert_carries_its_licences(triples: set[ox.Triple], topic: str, graphs: set[str]) -> None:
    """The document names its topic, its dataset and licence, and, for every graph it mixes, the
    graph's licence, attribution and source."""
    def objects(subject: str, predicate: str) -> set:
        return {t.object for t in triples if t.subject == ox.NamedNode(subject) and t.predicate.value == predicate}

    documents = {t.subject for t in triples if t.predicate.value == PREFIXES["foaf"] + "primaryTopic"
                 and t.object == ox.NamedNode(topic)}
    assert len(documents) == 1, "one document whose primary topic is the thing"
    (document,) = documents
    assert objects(document.value, PREFIXES["void"] + "inDataset") == {ox.NamedNode(export.DATASET)}
    assert objects(document.value, PREFIXES["dct"] + "license") == objects(export.DATASET, PREFIXES["dct"] + "license") != set()
    assert graphs, "the document mixes graphs"
    for graph in graphs:
        assert objects(graph, PREFIXES["dct"] + "license"), f"licence of {graph}"
        assert objects(graph, PREFIXES["prov"] + "wasDerivedFrom") or graph == METADATA_GRAPH, f"source of {graph}"
        for source in objects(graph, PREFIXES["prov"] + "wasDerivedFrom"):
            assert objects(source.value, PREFIXES["dct"] + "title"), f"title of the source of {graph}"
        assert objects(graph, PREFIXES["prov"] + "wasAttributedTo") or objects(graph, PREFIXES["prov"] + "wasGeneratedBy")


@pytest.mark.parametrize("fmt", export.FORMATS)
def test_an_entity_export_carries_the_licences_of_the_graphs_it_mixes(repo, fmt):
    nice = expand("auth:fr-nice")
    quads = export.entity_quads(repo, nice)
    graphs = {q.graph_name.value for q in quads if q.subject.value == nice or q.object == ox.NamedNode(nice)}
    assert {GRAPH + "wikipedia-twin-towns", GRAPH + "wikidata-p190-2017", GRAPH + "coopkg-curation"} <= graphs
    back = triples_of(ox.parse(export.export(repo, fmt, entity="auth:fr-nice"), format=export.RDF_FORMATS[fmt]))
    assert_carries_its_licences(back, nice, graphs)
    document = ox.NamedNode("https://w3id.org/coopkg/doc/id/authority/fr-nice")
    assert ox.Triple(document, ox.NamedNode(PREFIXES["foaf"] + "primaryTopic"), ox.NamedNode(nice)) in back


def test_a_graph_export_carries_its_licence_and_the_document_its_own(repo):
    graph = GRAPH + "geonames"
    back = triples_of(ox.parse(export.export(repo, "turtle", graph="geonames"), format=ox.RdfFormat.TURTLE))
    assert_carries_its_licences(back, graph, {graph, METADATA_GRAPH})

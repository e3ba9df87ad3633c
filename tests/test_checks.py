"""The queries/checks/*-violation.rq rules, run as the build runs them: on an Oxigraph store with
the union of the named graphs as default graph, the ontology and vocabularies in cgraph:ontology.

Fixtures in tests/checks/{valid,invalid}/*.trig declare every row they expect, as
``# expect: CHECK-NAME FOCUS`` (the check is the file name without ``-violation.rq``).
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from expectations import expect_lines

from coopkg.rdf.namespaces import ONTOLOGY_GRAPH, PREFIXES, expand
from coopkg.sparql.catalogue import load_checks, parse_query_file

# rdflib 7 warns about its own TriG parser internals (ConjunctiveGraph, default_context).
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")

ROOT = Path(__file__).resolve().parent.parent
CHECKS_DIR = ROOT / "queries" / "checks"
FIXTURES = Path(__file__).resolve().parent / "checks"
ONTOLOGY_FILES = [ROOT / "ontology" / "coopkg.ttl", ROOT / "ontology" / "vocabularies.ttl"]

EXPECT = re.compile(r"^#\s*expect:\s*(\S+)\s+(\S+)\s*$")
REQUIRED = {"named-graph-undescribed", "undescribed-iri", "source-undescribed"}


def check_name(query) -> str:
    return query.name.removesuffix("-violation")


def new_store(with_ontology: bool = True) -> ox.Store:
    store = ox.Store()
    if with_ontology:
        for path in ONTOLOGY_FILES:
            store.load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(ONTOLOGY_GRAPH))
    return store


def run_checks(store: ox.Store) -> set[tuple[str, str]]:
    rows = set()
    for query in load_checks(CHECKS_DIR):
        for solution in store.query(query.text, prefixes=PREFIXES, use_default_graph_as_union=True):
            rows.add((check_name(query), solution["focus"].value))
    return rows


def declared(path: Path) -> set[tuple[str, str]]:
    return {(check, expand(focus)) for check, focus in expect_lines(path, EXPECT)}


def fixtures(kind: str) -> list[Path]:
    return sorted((FIXTURES / kind).glob("*.trig"))


def _fmt(rows) -> str:
    return "\n".join(f"  {c} <{f}>" for c, f in sorted(rows)) or "  (none)"


@pytest.mark.parametrize("path", fixtures("invalid"), ids=lambda p: p.stem)
def test_invalid_fixture_returns_exactly_the_declared_rows(path):
    expected = declared(path)
    assert expected, f"{path.name} declares no '# expect:' line"
    store = new_store()
    store.load(path=str(path), format=ox.RdfFormat.TRIG)
    actual = run_checks(store)
    assert actual == expected, f"{path.name}\nmissing:\n{_fmt(expected - actual)}\nunexpected:\n{_fmt(actual - expected)}"


@pytest.mark.parametrize("path", fixtures("valid"), ids=lambda p: p.stem)
def test_valid_fixture_returns_no_row(path):
    assert declared(path) == set()
    store = new_store()
    store.load(path=str(path), format=ox.RdfFormat.TRIG)
    assert run_checks(store) == set()


def test_every_check_has_valid_and_invalid_fixtures():
    names = {check_name(q) for q in load_checks(CHECKS_DIR)}
    assert REQUIRED <= names
    exercised = {check for path in fixtures("invalid") for check, _ in declared(path)}
    assert names <= exercised, f"checks without an invalid fixture: {names - exercised}"
    assert fixtures("valid")


def test_ontology_and_vocabularies_alone_pass_every_check():
    assert run_checks(new_store()) == set()


def test_the_ontology_graph_needs_its_owl_ontology_header():
    """cgraph:ontology is exempt from cgraph:metadata only because it describes itself."""
    store = ox.Store()
    store.load(path=str(ONTOLOGY_FILES[1]), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(ONTOLOGY_GRAPH))
    rows = run_checks(store)
    assert ("named-graph-undescribed", ONTOLOGY_GRAPH) in rows


@pytest.mark.parametrize("path", sorted(CHECKS_DIR.glob("*-violation.rq")), ids=lambda p: p.stem)
def test_check_headers_and_variables(path):
    query = parse_query_file(path)
    assert {"en", "fr"} <= set(query.titles) and {"en", "fr"} <= set(query.descriptions)
    assert query.form == "SELECT" and not query.params
    # Runs without the default prefixes too (any SPARQL endpoint).
    solutions = new_store(with_ontology=False).query(query.text, use_default_graph_as_union=True)
    variables = {v.value for v in solutions.variables}
    assert {"focus", "message"} <= variables


def test_messages_are_english_sentences_naming_the_focus():
    store = new_store()
    for path in fixtures("invalid"):
        store.load(path=str(path), format=ox.RdfFormat.TRIG)
    for query in load_checks(CHECKS_DIR):
        for solution in store.query(query.text, prefixes=PREFIXES, use_default_graph_as_union=True):
            message = solution["message"].value
            assert solution["focus"].value in message and message.endswith(".")


@pytest.mark.slow
def test_checks_scale_to_a_large_store():
    """About 375,000 quads in 50 graphs, with one planted fault per check: found, and fast."""
    store = new_store()
    ID, TYPE = PREFIXES["cid"], ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    label = ox.NamedNode(PREFIXES["skos"] + "prefLabel")
    partner = ox.NamedNode(PREFIXES["coop"] + "partner")
    derived = ox.NamedNode(PREFIXES["prov"] + "wasDerivedFrom")
    title = ox.NamedNode(PREFIXES["dct"] + "title")
    entity = ox.NamedNode(PREFIXES["prov"] + "Entity")
    metadata = ox.NamedNode(PREFIXES["cgraph"] + "metadata")
    quads = []
    graphs = [ox.NamedNode(PREFIXES["cgraph"] + f"g{i}") for i in range(50)]
    for i, graph in enumerate(graphs):
        source = ox.NamedNode(PREFIXES["csrc"] + f"g{i}")
        quads += [ox.Quad(graph, derived, source, metadata), ox.Quad(source, TYPE, entity, metadata),
                  ox.Quad(source, title, ox.Literal(f"Source {i}"), metadata)]
    n = 125_000
    for i in range(n):
        graph = graphs[i % 50]
        thing = ox.NamedNode(ID + f"partnership/p{i}")
        quads += [ox.Quad(thing, TYPE, ox.NamedNode(PREFIXES["coop"] + "Partnership"), graph),
                  ox.Quad(thing, label, ox.Literal(f"P {i}", language="fr"), graph),
                  ox.Quad(thing, partner, ox.NamedNode(ID + f"authority/a{i % 1000}"), graph)]
    quads += [ox.Quad(ox.NamedNode(ID + f"authority/a{i}"), TYPE, ox.NamedNode(PREFIXES["coop"] + "LocalAuthority"),
                      graphs[0]) for i in range(999)]  # a999 stays untyped
    orphan = ox.NamedNode(PREFIXES["cgraph"] + "orphan")
    quads.append(ox.Quad(ox.NamedNode(ID + "authority/a0"), label, ox.Literal("A"), orphan))
    quads.append(ox.Quad(ox.NamedNode(ID + "authority/a0"), ox.NamedNode(PREFIXES["dct"] + "source"),
                         ox.NamedNode(PREFIXES["csrc"] + "nowhere"), graphs[1]))
    store.bulk_extend(quads)
    assert len(store) > 350_000
    start = time.perf_counter()
    rows = run_checks(store)
    elapsed = time.perf_counter() - start
    assert rows == {
        ("undescribed-iri", ID + "authority/a999"),
        ("undescribed-iri", PREFIXES["csrc"] + "nowhere"),
        ("named-graph-undescribed", PREFIXES["cgraph"] + "orphan"),
        ("source-undescribed", PREFIXES["csrc"] + "nowhere"),
    }
    print(f"\nchecks: {len(store)} quads in {elapsed:.2f}s")
    assert elapsed < 60  # generous: the machine is shared; typically a few seconds

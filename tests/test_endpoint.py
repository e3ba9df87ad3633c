"""`coopkg serve`: Oxigraph's SPARQL 1.1 endpoint on the built store, queried with SPARQLWrapper
(a client this project did not write) over loopback."""

from __future__ import annotations

import os
import subprocess
import time
import urllib.error

import httpx
import pyoxigraph as ox
import pytest
import rdflib
from publishing_servers import coopkg_command, coopkg_env, free_port, running
from rdflib.compare import isomorphic
from SPARQLWrapper import JSON, POST, TURTLE, XML, SPARQLWrapper

from coopkg.cli.main import make_parser
from coopkg.cli.publishing import serve_command
from coopkg.rdf.namespaces import sparql_prologue
from coopkg.store.layout import store_dir

TIMEOUT_S = 1
AUTHORITIES = sparql_prologue() + "SELECT ?a WHERE { ?a a coop:LocalAuthority } ORDER BY ?a"
# Every pair of triples compared as text: about 10^8 pairs on the real data, far beyond a second.
# (Oxigraph checks its time limit between rows: a query still building a big join, or one already
# streaming rows, is not cut at once; see docs/publishing.md.)
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f FILTER(STR(?c) != STR(?f)) }"


@pytest.fixture(scope="module")
def endpoint(built):
    port = free_port()
    command = coopkg_command("serve", "--port", str(port), "--timeout-s", str(TIMEOUT_S))
    with running(command, f"http://127.0.0.1:{port}/query", env=coopkg_env()):
        yield f"http://127.0.0.1:{port}"


def client(endpoint: str, query: str, fmt: str) -> SPARQLWrapper:
    sparql = SPARQLWrapper(endpoint + "/query")
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    sparql.setTimeout(30)
    return sparql


def authorities(repo) -> list[str]:
    return [row["a"].value for row in repo.query(AUTHORITIES)]


def test_select_in_json(endpoint, repo):
    result = client(endpoint, AUTHORITIES, JSON).queryAndConvert()
    got = [b["a"]["value"] for b in result["results"]["bindings"]]
    assert got == authorities(repo)
    assert len(got) > 100


def test_select_in_xml(endpoint, repo):
    document = client(endpoint, AUTHORITIES, XML).queryAndConvert()
    uris = [node.firstChild.data for node in document.getElementsByTagName("uri")]
    assert uris == authorities(repo)


def test_construct_in_turtle(endpoint, repo):
    query = sparql_prologue() + "CONSTRUCT { auth:fr-nice ?p ?o } WHERE { auth:fr-nice ?p ?o }"
    data = client(endpoint, query, TURTLE).queryAndConvert()
    got = rdflib.Graph().parse(data=data, format="turtle")
    expected = rdflib.Graph().parse(data=repo.query(query).serialize(format=ox.RdfFormat.N_TRIPLES), format="nt")
    assert len(got) > 5
    assert isomorphic(got, expected)


def test_default_graph_is_the_merge_of_the_named_graphs(endpoint):
    # A query without GRAPH sees every source's facts, each distinct triple once (a bag union
    # would return the type of Nice once per graph that states it).
    query = sparql_prologue() + "SELECT ?type WHERE { auth:fr-nice a ?type }"
    rows = client(endpoint, query, JSON).queryAndConvert()["results"]["bindings"]
    types = [row["type"]["value"] for row in rows]
    assert "https://w3id.org/coopkg/ontology#LocalAuthority" in types
    assert len(types) == len(set(types))


def test_service_description(endpoint):
    response = httpx.get(endpoint + "/query", headers={"Accept": "text/turtle"}, timeout=10)
    assert response.status_code == 200
    description = rdflib.Graph().parse(data=response.text, format="turtle")
    SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    (service,) = description.subjects(rdflib.RDF.type, SD.Service)
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in description
    # The built store's default graph is the merge of the named graphs, not Oxigraph's union.
    assert (service, SD.feature, SD.UnionDefaultGraph) not in description
    assert (service, SD.supportedLanguage, SD.SPARQL11Update) not in description


def test_runaway_query_is_stopped(endpoint):
    started = time.monotonic()
    with pytest.raises(Exception) as caught:  # the answer is cut short: no parsable result
        client(endpoint, RUNAWAY, JSON).queryAndConvert()
    elapsed = time.monotonic() - started
    assert elapsed < TIMEOUT_S + 5, f"stopped after {elapsed:.1f} s"
    raw = httpx.post(endpoint + "/query", data={"query": RUNAWAY},
                     headers={"Accept": "application/sparql-results+json"}, timeout=30)
    assert b"cancelled" in raw.content
    assert caught.value is not None
    # the server is free again at once
    started = time.monotonic()
    assert client(endpoint, "ASK { ?s ?p ?o }", JSON).queryAndConvert()["boolean"] is True
    assert time.monotonic() - started < 2


def test_updates_are_refused(endpoint):
    update = "INSERT DATA { GRAPH <urn:x:g> { <urn:x:s> <urn:x:p> <urn:x:o> } }"
    sparql = SPARQLWrapper(endpoint + "/query", updateEndpoint=endpoint + "/update")
    sparql.setMethod(POST)
    sparql.setQuery(update)
    with pytest.raises(urllib.error.HTTPError) as refused:
        sparql.query()
    assert refused.value.code == 403
    answer = client(endpoint, "ASK { GRAPH ?g { <urn:x:s> ?p ?o } }", JSON).queryAndConvert()
    assert answer["boolean"] is False


def test_serve_listens_on_this_machine_only_by_default(tmp_path):
    args = make_parser().parse_args(["serve"])
    assert (args.host, args.port, args.timeout_s) == ("127.0.0.1", 7878, 10.0)
    command = serve_command(tmp_path, args.host, args.port, args.timeout_s)
    assert command[1] == "serve-read-only"
    assert command[command.index("--bind") + 1] == "127.0.0.1:7878"
    assert command[command.index("--timeout-s") + 1] == "10"
    # No built store there: Oxigraph's union of the named graphs stands in for the merge.
    assert "--union-default-graph" in command


def test_a_built_store_is_served_with_its_merged_default_graph(built):
    command = serve_command(store_dir(built.store_path), "127.0.0.1", 7878, 10)
    assert "--union-default-graph" not in command


@pytest.mark.parametrize("command", ["serve", "publish"])
def test_servers_without_a_build_say_so(tmp_path, command):
    done = subprocess.run(coopkg_command(command, "--port", str(free_port())), capture_output=True, timeout=60,
                          env={**os.environ, **coopkg_env(), "COOPKG_STORE": str(tmp_path)})
    assert done.returncode == 2
    assert b"run `coopkg build` first" in done.stderr
    assert b"Traceback" not in done.stderr

"""`coopkg serve`: the project's SPARQL 1.1 Protocol server over the query service, as a client
sees it over loopback: SPARQLWrapper (a client this project did not write), the W3C SPARQL 1.1
protocol test cases that apply to a read-only endpoint (named as in the W3C manifest), content
negotiation, CORS, the service description, and the limits in the protocol's terms."""

from __future__ import annotations

import os
import socket
import subprocess
import urllib.error

import httpx
import pyoxigraph as ox
import pytest
import rdflib
from hostile_corpus import MILLIONS_OF_ROWS, NO_ROW_RUNAWAY, ORDER_BY_PANIC, UPDATES, nested
from publishing_servers import coopkg_command, coopkg_env, free_port, running
from rdflib.compare import isomorphic
from SPARQLWrapper import JSON, POST, TURTLE, XML, SPARQLWrapper

from coopkg.cli.main import make_parser
from coopkg.rdf.namespaces import sparql_prologue

TIMEOUT_S = 2
AUTHORITIES = sparql_prologue() + "SELECT ?a WHERE { ?a a coop:LocalAuthority } ORDER BY ?a"
SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def endpoint(built):
    port = free_port()
    command = coopkg_command("serve", "--port", str(port), "--timeout-s", str(TIMEOUT_S))
    env = {**coopkg_env(), "COOPKG_DOWNLOAD_LIMIT": "50000"}
    with running(command, f"http://127.0.0.1:{port}/query", env=env) as process:
        yield f"http://127.0.0.1:{port}"
    assert process.returncode is not None


@pytest.fixture(scope="module")
def graphs(repo):
    """Two named graphs of the store, the larger first, with their sizes."""
    sized = sorted(((sum(1 for _ in repo.quads(g)), g) for g in repo.named_graphs()), reverse=True)
    return [(g, n) for n, g in sized[:2]]


def client(endpoint: str, query: str, fmt: str) -> SPARQLWrapper:
    sparql = SPARQLWrapper(endpoint + "/query")
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    sparql.setTimeout(30)
    return sparql


def get(endpoint, params, **kwargs) -> httpx.Response:
    return httpx.get(endpoint + "/query", params=params, timeout=60, **kwargs)


def post(endpoint, **kwargs) -> httpx.Response:
    return httpx.post(endpoint + "/query", timeout=60, **kwargs)


def count(response: httpx.Response) -> int:
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def authorities(repo) -> list[str]:
    return [row["a"].value for row in repo.query(AUTHORITIES)]


# --- a client this project did not write -----------------------------------------------------------

def test_select_in_json(endpoint, repo):
    result = client(endpoint, AUTHORITIES, JSON).queryAndConvert()
    got = [b["a"]["value"] for b in result["results"]["bindings"]]
    assert got == authorities(repo) and len(got) > 100


def test_select_in_xml(endpoint, repo):
    document = client(endpoint, AUTHORITIES, XML).queryAndConvert()
    assert [node.firstChild.data for node in document.getElementsByTagName("uri")] == authorities(repo)


def test_construct_in_turtle(endpoint, repo):
    query = sparql_prologue() + "CONSTRUCT { auth:fr-nice ?p ?o } WHERE { auth:fr-nice ?p ?o }"
    got = rdflib.Graph().parse(data=client(endpoint, query, TURTLE).queryAndConvert(), format="turtle")
    expected = rdflib.Graph().parse(data=repo.query(query).serialize(format=ox.RdfFormat.N_TRIPLES), format="nt")
    assert len(got) > 5 and isomorphic(got, expected)


def test_default_graph_is_the_merge_of_the_named_graphs(endpoint):
    query = sparql_prologue() + "SELECT ?type WHERE { auth:fr-nice a ?type }"
    types = [row["type"]["value"] for row in client(endpoint, query, JSON).queryAndConvert()["results"]["bindings"]]
    assert "https://w3id.org/coopkg/ontology#LocalAuthority" in types and len(types) == len(set(types))


def test_updates_are_refused_to_sparqlwrapper(endpoint):
    sparql = SPARQLWrapper(endpoint + "/query", updateEndpoint=endpoint + "/update")
    sparql.setMethod(POST)
    sparql.setQuery("INSERT DATA { GRAPH <urn:x:g> { <urn:x:s> <urn:x:p> <urn:x:o> } }")
    with pytest.raises(urllib.error.HTTPError) as refused:
        sparql.query()
    assert refused.value.code == 403
    assert client(endpoint, "ASK { GRAPH ?g { <urn:x:s> ?p ?o } }", JSON).queryAndConvert()["boolean"] is False


# --- the W3C SPARQL 1.1 protocol tests (protocol/manifest.ttl), for a read-only service ---------------

def test_query_get(endpoint):
    assert get(endpoint, {"query": "ASK {}"}).json() == {"head": {}, "boolean": True}


def test_query_post_form(endpoint):
    assert post(endpoint, data={"query": "ASK {}"}).json()["boolean"] is True


def test_query_post_direct(endpoint):
    response = post(endpoint, content="ASK {}".encode(), headers={"Content-Type": "application/sparql-query"})
    assert response.json()["boolean"] is True


def test_query_dataset_default_graph(endpoint, graphs):
    (first, size), _ = graphs
    assert count(get(endpoint, {"query": COUNT, "default-graph-uri": first})) == size


def test_query_dataset_default_graphs_get_and_post(endpoint, graphs):
    (first, n1), (second, n2) = graphs
    params = [("query", COUNT), ("default-graph-uri", first), ("default-graph-uri", second)]
    both = count(get(endpoint, params))
    assert max(n1, n2) < both <= n1 + n2
    assert count(post(endpoint, data={"query": COUNT, "default-graph-uri": [first, second]})) == both


def test_query_dataset_named_graphs_get_and_post(endpoint, graphs):
    (first, _), _ = graphs
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    for response in (get(endpoint, {"query": query, "named-graph-uri": first}),
                     post(endpoint, data={"query": query, "named-graph-uri": first})):
        assert [b["g"]["value"] for b in response.json()["results"]["bindings"]] == [first]


def test_query_dataset_full(endpoint, graphs):
    (first, n1), (second, _) = graphs
    query = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
    assert count(get(endpoint, [("query", query), ("default-graph-uri", first), ("named-graph-uri", second)])) \
        == n1 + graphs[1][1]


def test_query_multiple_dataset(endpoint, graphs):
    """The protocol's dataset wins over the query's FROM."""
    (first, n1), (second, _) = graphs
    query = f"SELECT (COUNT(*) AS ?n) FROM <{second}> WHERE {{ ?s ?p ?o }}"
    assert count(get(endpoint, {"query": query, "default-graph-uri": first})) == n1


@pytest.mark.parametrize("accept, media", [
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("text/csv", "text/csv"), ("text/tab-separated-values", "text/tab-separated-values"),
    ("text/html;q=0.9, application/sparql-results+xml;q=0.5, text/csv;q=0.8", "text/csv"),
    (None, "application/sparql-results+json"), ("*/*", "application/sparql-results+json"),
])
def test_query_content_type_select(endpoint, accept, media):
    response = get(endpoint, {"query": "SELECT ?s WHERE { ?s ?p ?o } LIMIT 3"},
                   headers={"Accept": accept} if accept else {})
    assert response.status_code == 200 and response.headers["content-type"].startswith(media)
    assert response.headers["vary"] == "Accept"


def test_query_content_type_ask(endpoint):
    response = get(endpoint, {"query": "ASK {}"}, headers={"Accept": "application/sparql-results+xml"})
    assert response.headers["content-type"].startswith("application/sparql-results+xml")
    assert b"<boolean>true</boolean>" in response.content


@pytest.mark.parametrize("form", ["DESCRIBE auth:fr-nice", "CONSTRUCT WHERE { auth:fr-nice ?p ?o }"])
@pytest.mark.parametrize("accept, media, parse", [
    (None, "text/turtle", "turtle"), ("application/rdf+xml", "application/rdf+xml", "xml"),
    ("application/n-triples", "application/n-triples", "nt"), ("application/ld+json", "application/ld+json", "json-ld"),
])
def test_query_content_type_describe_and_construct(endpoint, form, accept, media, parse):
    response = get(endpoint, {"query": sparql_prologue() + form}, headers={"Accept": accept} if accept else {})
    assert response.headers["content-type"].startswith(media)
    assert len(rdflib.Graph().parse(data=response.content, format=parse)) > 5


def test_nothing_acceptable_is_406_naming_what_is_offered(endpoint):
    response = get(endpoint, {"query": "ASK {}"}, headers={"Accept": "image/png"})
    assert response.status_code == 406 and "application/sparql-results+json" in response.text


@pytest.mark.parametrize("name, request_args, status", [
    ("bad_query_method", {"method": "PUT", "params": {"query": "ASK {}"}}, 405),
    ("bad_multiple_queries", {"method": "GET", "params": [("query", "ASK {}"), ("query", "SELECT * {}")]}, 400),
    ("bad_query_wrong_media_type", {"method": "POST", "content": b"ASK {}", "headers": {"Content-Type": "text/plain"}}, 415),
    ("bad_query_missing_form_type", {"method": "POST", "content": b"query=ASK%20%7B%7D"}, 400),
    ("bad_query_missing_direct_type", {"method": "POST", "content": b"ASK {}"}, 400),
    ("bad_query_non_utf8", {"method": "POST", "content": "ASK {}".encode("utf-16"),
                            "headers": {"Content-Type": "application/sparql-query; charset=UTF-16"}}, 415),
    ("bad_query_non_utf8 (undeclared)", {"method": "POST", "content": "ASK { FILTER(\"é\") }".encode("utf-16"),
                                         "headers": {"Content-Type": "application/sparql-query"}}, 400),
    ("bad_query_syntax", {"method": "GET", "params": {"query": "ASK {"}}, 400),
    ("bad_update_get", {"method": "GET", "params": {"update": "CLEAR ALL"}}, 403),
    ("bad_multiple_updates", {"method": "POST", "data": {"update": ["CLEAR NAMED", "CLEAR DEFAULT"]}}, 403),
    ("bad_update_wrong_media_type", {"method": "POST", "content": b"CLEAR NAMED",
                                     "headers": {"Content-Type": "text/plain"}}, 415),
    ("bad_update_missing_form_type", {"method": "POST", "content": b"update=CLEAR%20NAMED"}, 400),
    ("bad_update_syntax", {"method": "POST", "data": {"update": "CLEAR XYZ"}}, 403),
    ("bad_update_dataset_conflict", {"method": "POST", "data": {"update": "CLEAR ALL", "using-graph-uri": "urn:x:g"}}, 403),
    ("update_post_form", {"method": "POST", "data": {"update": "CLEAR ALL"}}, 403),
    ("update_post_direct", {"method": "POST", "content": b"CLEAR ALL",
                            "headers": {"Content-Type": "application/sparql-update"}}, 403),
    ("query operation given an update", {"method": "POST", "data": {"query": "CLEAR ALL"}}, 403),
])
def test_bad_requests_get_the_protocols_answer(endpoint, name, request_args, status):
    method = request_args.pop("method")
    response = httpx.request(method, endpoint + "/query", timeout=60, **request_args)
    assert response.status_code == status, (name, response.text)
    assert response.headers["content-type"].startswith("text/plain") and response.text.strip()
    assert response.headers["access-control-allow-origin"] == "*"


@pytest.mark.parametrize("name", sorted(UPDATES))
def test_every_form_of_update_is_refused_and_the_store_unchanged(endpoint, name, repo):
    before = count(get(endpoint, {"query": COUNT}))
    for response in (post(endpoint, data={"update": UPDATES[name]}), post(endpoint, data={"query": UPDATES[name]}),
                     httpx.post(endpoint + "/update", data={"update": UPDATES[name]}, timeout=60)):
        assert response.status_code == 403, response.text
        assert "read-only" in response.text or "refused" in response.text
    assert count(get(endpoint, {"query": COUNT})) == before


# --- CORS and the service description ------------------------------------------------------------

def test_cors_preflight_and_answers(endpoint):
    preflight = httpx.options(endpoint + "/query", headers={
        "Origin": "https://yasgui.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"}, timeout=30)
    assert preflight.status_code == 204
    assert preflight.headers["access-control-allow-origin"] == "*"
    assert "POST" in preflight.headers["access-control-allow-methods"]
    assert "content-type" in preflight.headers["access-control-allow-headers"].lower()
    answer = get(endpoint, {"query": "ASK {}"}, headers={"Origin": "https://yasgui.example"})
    assert answer.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in answer.headers
    assert "Retry-After" in answer.headers["access-control-expose-headers"]


def test_service_description_names_the_dataset(endpoint, repo):
    response = httpx.get(endpoint + "/query", headers={"Accept": "text/turtle", "Host": "evil.example"}, timeout=30)
    assert response.status_code == 200
    description = rdflib.Graph().parse(data=response.text, format="turtle")
    (service,) = description.subjects(rdflib.RDF.type, SD.Service)
    assert (service, SD.endpoint, rdflib.URIRef(endpoint + "/query")) in description  # never the Host header
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in description
    assert (service, SD.supportedLanguage, SD.SPARQL11Update) not in description
    assert (service, SD.feature, SD.UnionDefaultGraph) not in description  # the default graph is the merge
    names = {str(n) for n in description.objects(None, SD.name)}
    assert names == set(repo.named_graphs())
    (dataset,) = description.objects(service, SD.defaultDataset)
    assert (dataset, SD.defaultGraph, None) in description
    jsonld = httpx.get(endpoint + "/query", headers={"Accept": "application/ld+json"}, timeout=30)
    assert jsonld.headers["content-type"].startswith("application/ld+json")


# --- the limits, in the protocol's terms --------------------------------------------------------------

def test_a_runaway_query_is_503_with_retry_after_and_the_server_answers_next(endpoint):
    response = post(endpoint, data={"query": NO_ROW_RUNAWAY})
    assert response.status_code == 503 and "time limit" in response.text
    assert response.headers["retry-after"] == str(TIMEOUT_S)
    assert get(endpoint, {"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True


def test_millions_of_rows_are_never_a_cut_200(endpoint):
    response = post(endpoint, data={"query": MILLIONS_OF_ROWS}, headers={"Accept": "application/sparql-results+json"})
    assert response.status_code in (422, 503), response.status_code  # the row cap, or the time limit
    assert "LIMIT" in response.text or "time limit" in response.text


def test_a_client_that_goes_away_has_its_query_killed(built):
    """Queries that never yield a row, each from a client that hangs up at once, on a server
    whose time limit and long lane would let them run ten minutes: had their workers kept
    running, this one client's next queries would find no slot (one query at a time per client
    on two workers) and get 503."""
    port = free_port()
    command = coopkg_command("serve", "--port", str(port), "--timeout-s", "600", "--workers", "2")
    with running(command, f"http://127.0.0.1:{port}/query", env={**coopkg_env(), "COOPKG_LONG_QUERY_S": "600"}):
        encoded = str(httpx.QueryParams({"query": NO_ROW_RUNAWAY})).encode()
        for _ in range(3):
            with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
                conn.sendall(b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded"
                             b"\r\nContent-Length: %d\r\n\r\n%s" % (len(encoded), encoded))
        for _ in range(5):
            response = httpx.get(f"http://127.0.0.1:{port}/query", params={"query": "ASK { ?s ?p ?o }"}, timeout=60)
            assert response.status_code == 200, response.text


def test_the_engine_crashing_costs_one_worker_never_the_endpoint(endpoint):
    crashed = get(endpoint, {"query": ORDER_BY_PANIC})
    assert crashed.status_code == 500 and "known Oxigraph bug" in crashed.text
    too_deep = get(endpoint, {"query": nested(5000)})
    assert too_deep.status_code == 400 and "nested more than 128" in too_deep.text
    assert get(endpoint, {"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True


def test_a_request_body_past_the_bound_is_413(endpoint):
    response = post(endpoint, content=b"ASK {}" + b" " * 600_000, headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 413


# --- the command -------------------------------------------------------------------------------------

def test_serve_listens_on_this_machine_only_by_default():
    args = make_parser().parse_args(["serve"])
    assert (args.host, args.port) == ("127.0.0.1", 7878)


@pytest.mark.parametrize("command", ["serve", "publish"])
def test_servers_without_a_build_say_so(tmp_path, command):
    done = subprocess.run(coopkg_command(command, "--port", str(free_port())), capture_output=True, timeout=60,
                          env={**os.environ, **coopkg_env(), "COOPKG_STORE": str(tmp_path)})
    assert done.returncode == 2
    assert b"run `coopkg build` first" in done.stderr
    assert b"Traceback" not in done.stderr

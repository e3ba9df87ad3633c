"""The dereferencing server's HTTP as clients expect it (over real HTTP on loopback): validators
and conditional GETs, HEAD, Vary and Content-Language, CORS on every answer, the media types'
aliases; what a consumer finds at /, /.well-known/void, /doc/..., /dumps/... and /repertoire/...
"""

from __future__ import annotations

from email.utils import format_datetime, parsedate_to_datetime

import httpx
import pyoxigraph as ox
import pytest
import rdflib
from publishing_servers import uvicorn_app
from test_dcat_ap import shapes, to_rdflib, violations  # noqa: F401 (shapes is a fixture)
from test_export import assert_carries_its_licences, assert_same_dataset, triples_of

from coopkg.publish.files import PUBLISHED
from coopkg.publish.server import create_app, document_quads
from coopkg.rdf.namespaces import BASE, DATASET, GRAPH, PREFIXES, expand
from coopkg.read import export
from coopkg.store.layout import build_of

NICE = expand("auth:fr-nice")
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
RDF = {"text/turtle": ox.RdfFormat.TURTLE, "application/ld+json": ox.RdfFormat.JSON_LD,
       "application/n-triples": ox.RdfFormat.N_TRIPLES, "application/rdf+xml": ox.RdfFormat.RDF_XML,
       "application/trig": ox.RdfFormat.TRIG, "application/n-quads": ox.RdfFormat.N_QUADS}
VOID, DCAT, DCT, PROV = PREFIXES["void"], PREFIXES["dcat"], PREFIXES["dct"], PREFIXES["prov"]


@pytest.fixture(scope="module")
def site(built):
    with uvicorn_app(create_app()) as address:
        yield address


@pytest.fixture(scope="module")
def http():
    with httpx.Client(timeout=120) as client:
        yield client


def objects(triples, subject: str, predicate: str) -> set:
    return {t.object for t in triples if t.subject == ox.NamedNode(subject) and t.predicate.value == predicate}


# --- validators, conditional requests, HEAD -------------------------------------------------------

@pytest.mark.parametrize("path, accept", [("doc/id/authority/fr-nice", "text/turtle"),
                                          ("doc/id/authority/fr-nice", "text/html"),
                                          ("doc/ontology", "application/rdf+xml"),
                                          ("doc/graph/geonames", "application/n-quads"),
                                          ("dumps/coopkg.nt", None), ("context.jsonld", None)])
def test_a_conditional_get_is_answered_304(site, http, path, accept):
    headers = {"Accept": accept} if accept else {}
    first = http.get(site + path, headers=headers)
    assert first.status_code == 200
    etag = first.headers["etag"]
    assert etag.startswith('"') and etag.endswith('"')
    assert first.headers["cache-control"].startswith("public, max-age=")
    again = http.get(site + path, headers={**headers, "If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == etag and again.headers["access-control-allow-origin"] == "*"
    assert again.headers.get("vary") == first.headers.get("vary")
    weak = http.get(site + path, headers={**headers, "If-None-Match": f'"other", W/{etag}'})
    assert weak.status_code == 304, "If-None-Match compares weakly and takes a list"
    assert http.get(site + path, headers={**headers, "If-None-Match": '"other"'}).status_code == 200
    if path != "context.jsonld":  # the context is a file of the project, not of a build: no date
        modified = parsedate_to_datetime(first.headers["last-modified"])
        assert http.get(site + path, headers={**headers, "If-Modified-Since": first.headers["last-modified"]}).status_code == 304
        earlier = format_datetime(modified.replace(year=modified.year - 1), usegmt=True)
        assert http.get(site + path, headers={**headers, "If-Modified-Since": earlier}).status_code == 200
        assert http.get(site + path, headers={**headers, "If-Modified-Since": "yesterday"}).status_code == 200


def test_each_representation_has_its_own_etag(site, http):
    tags = {http.get(site + "doc/id/authority/fr-nice", headers={"Accept": accept, "Accept-Language": lang}).headers["etag"]
            for accept, lang in (("text/turtle", "en"), ("application/ld+json", "en"), ("text/html", "en"),
                                 ("text/html", "fr"))}
    assert len(tags) == 4
    turtle = http.get(site + "doc/id/authority/fr-nice", headers={"Accept": "text/turtle"}).headers["etag"]
    html = http.get(site + "doc/id/authority/fr-nice", headers={"Accept": "text/html", "If-None-Match": turtle})
    assert html.status_code == 200, "the Turtle's tag does not validate the HTML"


def test_the_validators_come_from_the_build(site, http, repo):
    (row,) = list(repo.query("SELECT ?end WHERE { GRAPH cgraph:metadata { <%s> prov:wasGeneratedBy/prov:endedAtTime ?end } }" % DATASET))
    response = http.get(site + "doc/id/authority/fr-nice", headers={"Accept": "text/turtle"})
    assert parsedate_to_datetime(response.headers["last-modified"]).isoformat().replace("+00:00", "Z") == row["end"].value


@pytest.mark.parametrize("path", ["doc/id/authority/fr-nice", "doc/ontology", "dumps/coopkg.ttl", "id/authority/fr-nice",
                                  "doc/id/authority/fr-atlantis"])
def test_head_is_get_without_the_body(site, http, path):
    get, head = http.get(site + path), http.head(site + path)
    assert head.status_code == get.status_code and head.content == b""
    for name in ("content-type", "content-length", "etag", "last-modified", "vary", "cache-control", "location",
                 "access-control-allow-origin"):
        assert head.headers.get(name) == get.headers.get(name), name


# --- Vary and Content-Language, the languages of the pages -----------------------------------------

@pytest.mark.parametrize("accept_language, lang, heading", [("fr-FR,fr;q=0.9,en;q=0.5", "fr", "Déclarations"),
                                                            ("de;q=1, ru;q=0.8, fr;q=0.3", "ru", "Утверждения"),
                                                            ("en;q=0.2, fr;q=0.9", "fr", "Déclarations"),
                                                            ("de", "en", "Statements"), (None, "en", "Statements")])
def test_the_html_says_its_language_and_what_it_varies_with(site, http, accept_language, lang, heading):
    headers = {"Accept": BROWSER} | ({"Accept-Language": accept_language} if accept_language else {})
    response = http.get(site + "doc/id/authority/ru-saint-petersburg", headers=headers)
    assert response.headers["content-language"] == lang
    assert response.headers["vary"] == "Accept, Accept-Language"
    assert f'<html lang="{lang}">' in response.text and f"<h2>{heading}</h2>" in response.text
    rdf = http.get(site + "doc/id/authority/ru-saint-petersburg", headers={**headers, "Accept": "text/turtle"})
    assert rdf.headers["vary"] == "Accept" and "content-language" not in rdf.headers


# --- CORS -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("method, path, headers, status", [
    ("GET", "", {"Accept": "text/turtle"}, 303),
    ("GET", "id/authority/fr-nice", {}, 303),
    ("GET", "doc/id/authority/fr-nice", {"Accept": "application/ld+json"}, 200),
    ("GET", "doc/id/authority/fr-atlantis", {}, 404),
    ("GET", "doc/id/authority/fr-nice", {"Accept": "image/png"}, 406),
    ("GET", "doc/id/authority/fr-nice?format=yaml", {}, 400),
    ("POST", "doc/id/authority/fr-nice", {}, 405),
    ("GET", "nowhere", {}, 404),
    ("OPTIONS", "doc/id/authority/fr-nice", {}, 204),
])
def test_every_answer_carries_cors_headers(site, http, method, path, headers, status):
    response = http.request(method, site + path, headers={"Origin": "http://elsewhere.example", **headers})
    assert response.status_code == status
    assert response.headers["access-control-allow-origin"] == "*"
    assert "ETag" in response.headers["access-control-expose-headers"]
    assert "origin" not in response.headers.get("vary", "").lower(), "the answer is the same for every origin"


def test_a_cors_preflight_for_json_ld_with_a_profile(site, http):
    response = http.options(site + "doc/id/authority/fr-nice", headers={
        "Origin": "http://elsewhere.example", "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "accept, if-none-match"})
    assert response.status_code == 204
    assert response.headers["access-control-allow-origin"] == "*"
    assert "GET" in response.headers["access-control-allow-methods"]
    assert response.headers["access-control-allow-headers"] == "accept, if-none-match"
    assert int(response.headers["access-control-max-age"]) > 0
    document = http.get(site + "doc/id/authority/fr-nice",
                        headers={"Accept": 'application/ld+json;profile="http://www.w3.org/ns/json-ld#compacted"'})
    assert document.headers["content-type"] == "application/ld+json" and document.json()["@context"]


# --- media types ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("alias, served, fmt", [("text/n3", "text/turtle", ox.RdfFormat.TURTLE),
                                                ("application/x-turtle", "text/turtle", ox.RdfFormat.TURTLE),
                                                ("application/xml", "application/rdf+xml", ox.RdfFormat.RDF_XML),
                                                ("text/xml", "application/rdf+xml", ox.RdfFormat.RDF_XML),
                                                ("application/json", "application/ld+json", ox.RdfFormat.JSON_LD)])
def test_the_usual_aliases_are_accepted(site, http, repo, alias, served, fmt):
    response = http.get(site + "doc/id/authority/fr-nice", headers={"Accept": alias})
    assert response.status_code == 200 and response.headers["content-type"].split(";")[0] == served
    assert triples_of(ox.parse(response.content, format=fmt)) == triples_of(export.entity_quads(repo, NICE))


# --- what a consumer finds ---------------------------------------------------------------------------

@pytest.mark.parametrize("accept", sorted(RDF))
def test_documents_carry_the_licences_of_the_graphs_they_mix(site, http, repo, accept):
    for path, topic in (("doc/id/authority/fr-nice", NICE), ("doc/graph/wikipedia-twin-towns", GRAPH + "wikipedia-twin-towns"),
                        ("doc/vocab/theme/culture", BASE + "vocab/theme/culture")):
        response = http.get(site + path, headers={"Accept": accept})
        back = list(ox.parse(response.content, format=RDF[accept]))
        mixed = {q.graph_name.value for q in document_quads(repo, topic) if isinstance(q.graph_name, ox.NamedNode)}
        assert_carries_its_licences(triples_of(back), topic, mixed)


def test_the_root_and_the_well_known_void_lead_to_the_dataset_description(site, http, repo, shapes):  # noqa: F811
    for path in ("", ".well-known/void"):
        response = http.get(site + path, headers={"Accept": "text/turtle"})
        assert response.status_code == 303 and response.headers["location"] == site + "doc/id/dataset/coopkg"
    response = http.get(site + ".well-known/void", headers={"Accept": "text/turtle"}, follow_redirects=True)
    back = triples_of(ox.parse(response.content, format=ox.RdfFormat.TURTLE))
    document = ox.NamedNode(BASE + "doc/id/dataset/coopkg")
    assert ox.NamedNode(VOID + "DatasetDescription") in objects(back, document.value, PREFIXES["rdf"] + "type")
    assert objects(back, document.value, PREFIXES["foaf"] + "primaryTopic") == {ox.NamedNode(DATASET)}
    (count,) = objects(back, DATASET, VOID + "triples")
    assert int(count.value) == sum(1 for _ in repo.query("SELECT DISTINCT ?s ?p ?o { GRAPH ?g { ?s ?p ?o } }"))
    assert objects(back, DATASET, VOID + "sparqlEndpoint") == {ox.NamedNode(BASE + "sparql")}
    dumps = objects(back, DATASET, VOID + "dataDump")
    assert {d.value.rsplit(".", 1)[-1] for d in dumps} == {"trig", "nq", "ttl", "nt", "jsonld", "rdf"}
    for distribution in objects(back, DATASET, DCAT + "distribution"):
        (download,) = objects(back, distribution.value, DCAT + "downloadURL")
        assert download in dumps and objects(back, distribution.value, DCAT + "accessURL")
        assert objects(back, distribution.value, DCAT + "mediaType")
    catalogues = {t.subject for t in back if t.predicate.value == DCAT + "dataset" and t.object == ox.NamedNode(DATASET)}
    assert catalogues and all(ox.NamedNode(DCAT + "Catalog") in objects(back, c.value, PREFIXES["rdf"] + "type")
                              for c in catalogues)
    (build,) = objects(back, DATASET, PROV + "wasGeneratedBy")
    assert objects(back, build.value, PROV + "startedAtTime") and objects(back, build.value, PROV + "endedAtTime")
    for graph in repo.named_graphs():
        assert objects(back, graph, PROV + "wasGeneratedBy") == {build}, graph
    assert violations(to_rdflib(back), shapes) == [], "the served description is DCAT-AP"


@pytest.mark.parametrize("name, fmt", [("coopkg.trig", "trig"), ("coopkg.nq", "nquads"), ("coopkg.ttl", "turtle"),
                                       ("coopkg.nt", "ntriples"), ("coopkg.jsonld", "jsonld"), ("coopkg.rdf", "rdfxml")])
def test_the_dumps_are_where_the_description_says(site, http, repo, name, fmt):
    described = {t.object.value for t in repo.query(
        "CONSTRUCT { ?d ?p ?o } WHERE { GRAPH cgraph:metadata { ?d ?p ?o FILTER(?p IN (void:dataDump, dcat:downloadURL)) } }")}
    assert BASE + "dumps/" + name in described
    response = http.get(site + "dumps/" + name)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == export.RDF_FORMATS[fmt].media_type
    assert response.headers["content-disposition"] == f'attachment; filename="{name}"'
    back = list(ox.parse(response.content, format=export.RDF_FORMATS[fmt]))
    if fmt in export.QUAD_FORMATS:
        assert_same_dataset(back, export.dataset_quads(repo))
    else:
        assert len(triples_of(back)) == len(triples_of(export.dataset_quads(repo)))
    kept = build_of(repo.location) / PUBLISHED / name
    assert kept.read_bytes() == response.content, "made once for the build, kept in its folder"


@pytest.mark.parametrize("lang", ["fr", "ru"])
def test_the_repertoire_is_served_for_the_build(site, http, built, lang):
    response = http.get(site + f"repertoire/{lang}.html")
    assert response.status_code == 200 and response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.headers["content-language"] == lang and f'<html lang="{lang}">' in response.text
    assert "script-src" not in response.headers["content-security-policy"]
    assert response.headers["etag"] and response.headers["last-modified"]
    assert http.get(site + f"repertoire/{lang}.html", headers={"If-None-Match": response.headers["etag"]}).status_code == 304
    assert (build_of(built.store_path) / PUBLISHED / f"repertoire-{lang}.html").is_file()


def test_the_repertoire_as_pdf(site, http):
    response = http.get(site + "repertoire/en.pdf")
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-") and response.headers["content-language"] == "en"
    assert response.headers["content-disposition"] == 'inline; filename="repertoire-en.pdf"'
    assert int(response.headers["content-length"]) == len(response.content)


def test_a_store_without_a_build_record_gets_no_validators(tmp_path, http):
    from publishing_servers import fixture_store

    from coopkg.store.embedded import EmbeddedRepository

    repository = EmbeddedRepository.open(fixture_store(tmp_path / "store", "dataset.trig"))
    with uvicorn_app(create_app(repository)) as site:
        response = http.get(site + "doc/id/authority/fr-nice", headers={"Accept": "text/turtle"})
        assert response.status_code == 200 and "etag" not in response.headers
        assert response.headers["cache-control"] == "no-cache"
        assert len(rdflib.Graph().parse(data=response.text, format="turtle")) > 0, "still served"

"""The dereferencing server over real HTTP: uvicorn on loopback, queried with httpx."""

from __future__ import annotations

import json
import re

import httpx
import pyoxigraph as ox
import pytest
from publishing_servers import coopkg_command, coopkg_env, fixture_store, free_port, running, uvicorn_app

from coopkg.build import context
from coopkg.publish.server import create_app, negotiate
from coopkg.rdf.namespaces import BASE, expand
from coopkg.read import export
from coopkg.store.embedded import EmbeddedRepository

NICE = expand("auth:fr-nice")
RDF_TYPES = {  # Accept -> pyoxigraph format
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/trig": ox.RdfFormat.TRIG,
    "application/n-quads": ox.RdfFormat.N_QUADS,
}
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"


@pytest.fixture(scope="module")
def site(built):
    """The app on the session's current build, as `coopkg publish` runs it."""
    with uvicorn_app(create_app()) as address:
        yield address


@pytest.fixture(scope="module")
def http():
    with httpx.Client(timeout=30) as client:
        yield client


def triples(quads) -> set[ox.Triple]:
    return {ox.Triple(q.subject, q.predicate, q.object) for q in quads}


def test_a_thing_answers_303_to_its_document(site, http):
    response = http.get(site + "id/authority/fr-nice", headers={"Accept": "text/turtle"})
    assert response.status_code == 303
    assert response.headers["location"] == site + "doc/id/authority/fr-nice"


@pytest.mark.parametrize("accept", sorted(RDF_TYPES))
def test_every_rdf_type_by_content_negotiation(site, http, repo, accept):
    response = http.get(site + "id/authority/fr-nice", headers={"Accept": accept}, follow_redirects=True)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == accept
    assert response.headers["vary"] == "Accept"
    back = list(ox.parse(response.content, format=RDF_TYPES[accept]))
    expected = export.entity_quads(repo, NICE)
    if accept in ("application/trig", "application/n-quads"):
        assert set(back) == set(expected), "graphs kept"
    else:
        assert triples(back) == triples(expected)
    assert ox.Triple(ox.NamedNode(NICE), ox.NamedNode(expand("skos:prefLabel")), ox.Literal("Nice", language="fr")) in triples(back)


def test_jsonld_uses_the_published_context(site, http):
    response = http.get(site + "doc/id/authority/fr-nice", headers={"Accept": "application/ld+json"})
    document = response.json()
    assert document["@context"] == json.loads(context.context_path().read_text())["@context"]
    published = http.get(site + "context.jsonld")
    assert published.status_code == 200 and published.headers["content-type"] == "application/ld+json"
    assert published.json()["@context"] == document["@context"]


def test_html_page_with_labels_and_links(site, http):
    response = http.get(site + "id/authority/fr-nice", headers={"Accept": BROWSER}, follow_redirects=True)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["vary"] == "Accept, Accept-Language"
    assert response.headers["content-language"] == "en"
    assert "script-src" not in response.headers["content-security-policy"]
    assert "default-src 'none'" in response.headers["content-security-policy"]
    page = response.text
    assert "<h1>Nice</h1>" in page
    assert f'href="{site}id/country/fr"' in page, "links stay on the served host"
    assert f'href="{site}doc/id/authority/fr-nice?format=ttl"' in page
    russian = http.get(site + "doc/id/authority/ru-saint-petersburg", headers={"Accept": BROWSER,
                                                                             "Accept-Language": "fr-FR,fr;q=0.9"})
    assert '<html lang="fr">' in russian.text
    assert "<h1>Saint-Pétersbourg</h1>" in russian.text
    assert "Санкт-Петербург" in russian.text


@pytest.mark.parametrize("fmt, media", [("ttl", "text/turtle"), ("jsonld", "application/ld+json"),
                                        ("nt", "application/n-triples"), ("rdf", "application/rdf+xml"),
                                        ("html", "text/html"), ("trig", "application/trig"), ("nq", "application/n-quads")])
def test_format_parameter_wins_over_accept(site, http, fmt, media):
    response = http.get(site + f"id/authority/fr-nice?format={fmt}", headers={"Accept": BROWSER}, follow_redirects=True)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media
    assert str(response.url) == site + f"doc/id/authority/fr-nice?format={fmt}"


def test_a_bad_format_parameter_is_refused(site, http):
    response = http.get(site + "doc/id/authority/fr-nice?format=yaml")
    assert response.status_code == 400
    assert "ttl" in response.text


@pytest.mark.parametrize("path", ["id/authority/fr-atlantis", "doc/id/authority/fr-atlantis", "id/", "vocab/theme/nothing",
                                  "graph/nothing", "doc/graph/nothing", "source/nothing", "elsewhere", "doc/elsewhere",
                                  "ontology/9.9.9", "doc/ontology/9.9.9", "dumps/coopkg.yaml", "dumps/",
                                  "repertoire/de.pdf", "repertoire/fr.docx", ".well-known/other"])
def test_unknown_iris_are_404(site, http, path):
    response = http.get(site + path, headers={"Accept": "text/turtle"})
    assert response.status_code == 404


def test_nothing_acceptable_is_406(site, http):
    response = http.get(site + "doc/id/authority/fr-nice", headers={"Accept": "image/png"})
    assert response.status_code == 406


def test_any_type_gets_turtle_and_a_browser_gets_html():
    assert negotiate("*/*") == "turtle"
    assert negotiate(None) == "turtle"
    assert negotiate(BROWSER) == "html"
    assert negotiate("application/json") == "jsonld"
    assert negotiate("text/html;q=0.5, application/rdf+xml") == "rdfxml"
    assert negotiate("text/*") == "turtle"
    assert negotiate("image/png") is None


def test_vocabulary_concepts_graphs_and_sources(site, http, repo):
    for path in ("vocab/theme/culture", "graph/wikidata-p190-2017", "source/wikidata-p190-2017"):
        first = http.get(site + path, headers={"Accept": "application/n-triples"})
        assert first.status_code == 303, path
        response = http.get(first.headers["location"], headers={"Accept": "application/n-triples"})
        assert response.status_code == 200, path
        subjects = {t.subject for t in ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES)}
        assert ox.NamedNode(BASE + path) in subjects, path
    # a graph's document holds the whole graph
    graph = BASE + "graph/wikidata-p190-2017"
    response = http.get(site + "doc/graph/wikidata-p190-2017", headers={"Accept": "application/n-quads"})
    back = list(ox.parse(response.content, format=ox.RdfFormat.N_QUADS))
    assert {q for q in back if q.graph_name.value == graph} == set(repo.quads(graph))


def test_the_ontology_answers_as_the_w3c_recipes_say(site, http):
    """Best Practice Recipes for Publishing RDF Vocabularies, recipe 3 (hash namespace): the
    vocabulary IRI answers 303 to a document; RDF/XML by default, HTML for a browser."""
    for accept in ("application/rdf+xml", "text/html", BROWSER, "*/*", None, "text/turtle"):
        response = http.get(site + "ontology", headers={"Accept": accept} if accept else {})
        assert response.status_code == 303, accept
        assert response.headers["location"] == site + "doc/ontology"
    default = http.get(site + "doc/ontology", headers={"Accept": "*/*"})
    assert default.headers["content-type"] == "application/rdf+xml"
    assert http.get(site + "doc/ontology").headers["content-type"] == "application/rdf+xml", "no Accept"
    assert http.get(site + "doc/ontology", headers={"Accept": BROWSER}).headers["content-type"].startswith("text/html")
    response = http.get(site + "doc/ontology", headers={"Accept": "text/turtle"})
    back = triples(ox.parse(response.content, format=ox.RdfFormat.TURTLE))
    partnership = ox.NamedNode(expand("coop:Partnership"))
    assert ox.Triple(partnership, ox.NamedNode(expand("rdfs:label")), ox.Literal("Partnership", language="en")) in back
    assert not any(t.subject.value.startswith(BASE + "vocab/") for t in back if isinstance(t.subject, ox.NamedNode))
    rdfxml = triples(ox.parse(default.content, format=ox.RdfFormat.RDF_XML))
    assert rdfxml == back
    page = http.get(site + "ontology", headers={"Accept": "text/html"}, follow_redirects=True).text
    assert 'id="Partnership"' in page, "/ontology#Partnership lands on its row"
    version = http.get(site + "ontology/0.1.0", headers={"Accept": "text/turtle"})
    assert version.status_code == 303 and version.headers["location"] == site + "doc/ontology/0.1.0"
    assert http.get(version.headers["location"], headers={"Accept": "text/turtle"}).status_code == 200


def test_the_root_leads_to_the_dataset(site, http):
    response = http.get(site, headers={"Accept": "text/turtle"})
    assert response.status_code == 303
    assert response.headers["location"] == site + "doc/id/dataset/coopkg"


def test_served_under_another_base(built, http):
    port = free_port()
    base = f"http://127.0.0.1:{port}/kg/"
    with uvicorn_app(create_app(base=base), port=port) as root:
        assert http.get(root + "id/authority/fr-nice").status_code == 404, "outside the base"
        first = http.get(base + "id/authority/fr-nice", headers={"Accept": "text/turtle"})
        assert first.status_code == 303
        assert first.headers["location"] == base + "doc/id/authority/fr-nice"
        document = http.get(first.headers["location"], headers={"Accept": "text/turtle"})
        subjects = {t.subject for t in ox.parse(document.content, format=ox.RdfFormat.TURTLE)}
        assert ox.NamedNode(NICE) in subjects, "the data keeps its canonical IRIs"
        page = http.get(first.headers["location"], headers={"Accept": "text/html"}).text
        assert f'href="{base}id/country/fr"' in page


def test_html_goes_to_the_explorer_when_configured(built, http):
    explorer = "http://explorer.example/entity?iri={iri}"
    with uvicorn_app(create_app(explorer_url=explorer)) as site:
        response = http.get(site + "doc/id/authority/fr-nice", headers={"Accept": BROWSER})
        assert response.status_code == 303
        assert response.headers["location"] == "http://explorer.example/entity?iri=https%3A%2F%2Fw3id.org%2Fcoopkg%2Fid%2Fauthority%2Ffr-nice"
        rdf = http.get(site + "doc/id/authority/fr-nice", headers={"Accept": "text/turtle"})
        assert rdf.status_code == 200
    with uvicorn_app(create_app(explorer_url="http://localhost:8501/")) as site:
        response = http.get(site + "id/authority/fr-nice?format=html", follow_redirects=False)
        response = http.get(response.headers["location"], follow_redirects=False)
        assert response.headers["location"] == "http://localhost:8501/entity?iri=https%3A%2F%2Fw3id.org%2Fcoopkg%2Fid%2Fauthority%2Ffr-nice"


def test_hostile_labels_are_escaped(tmp_path, http):
    store = fixture_store(tmp_path / "store", "dataset.trig", "hostile.trig")
    repository = EmbeddedRepository.open(store)
    with uvicorn_app(create_app(repository)) as site:
        page = http.get(site + "doc/id/authority/fr-hostile", headers={"Accept": "text/html"}).text
        nice = http.get(site + "doc/id/authority/fr-nice", headers={"Accept": "text/html"}).text
    for html in (page, nice):
        assert not re.search(r"<(script|img|iframe|b)\b", html, re.IGNORECASE), "no markup from the data"
    assert "&lt;script&gt;alert(&#39;label&#39;)&lt;/script&gt;" in page
    assert "&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;iframe" in page
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&lt;b onmouseover=alert(3)&gt;Nice&lt;/b&gt;" in nice
    assert 'href="javascript' not in page, "only http(s) addresses become links"
    assert "javascript:alert(2)" in page, "shown as text"


def test_publish_command_serves(built, http):
    port = free_port()
    command = coopkg_command("publish", "--port", str(port))
    with running(command, f"http://127.0.0.1:{port}/", env=coopkg_env()):
        response = http.get(f"http://127.0.0.1:{port}/id/authority/fr-nice", headers={"Accept": "text/turtle"},
                            follow_redirects=True)
        assert response.status_code == 200
        assert ox.NamedNode(NICE) in {t.subject for t in ox.parse(response.content, format=ox.RdfFormat.TURTLE)}

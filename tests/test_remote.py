"""The library against a remote SPARQL 1.1 endpoint (Oxigraph's server on loopback) through
RemoteRepository: the same answers as the embedded store, and credentials never shown."""

from __future__ import annotations

import base64
import json
import logging
import os
import re
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
from publishing_servers import coopkg_command, coopkg_env, free_port, oxigraph_endpoint, uvicorn_app
from starlette.applications import Starlette
from starlette.responses import JSONResponse, PlainTextResponse
from starlette.routing import Route

from coopkg.config import ConfigError, settings
from coopkg.rdf.namespaces import expand
from coopkg.read import entity, export, labels, search, stats
from coopkg.sparql.binding import bind_values
from coopkg.sparql.catalogue import load_catalogue, parse_query_file
from coopkg.sparql.reader import read
from coopkg.store.remote import RemoteError, RemoteRepository

ROOT = Path(__file__).resolve().parent.parent
USER = "coopkg-reader"
SECRET = "s3cr3t-Pa55-7e1f"
ENCODED = base64.b64encode(f"{USER}:{SECRET}".encode()).decode()
CATALOGUE = sorted(load_catalogue())
QUERIES = ROOT / "queries"
# Every SPARQL text the product runs, by its path under queries/ (catalogue, views, checks, exports,
# the library's own, examples).
EVERY_QUERY = sorted(str(p.relative_to(QUERIES).with_suffix("")) for p in QUERIES.rglob("*.rq"))


@pytest.fixture(scope="module")
def endpoint(built):
    # As `coopkg serve` runs it: the built store's default graph is the merge of its named graphs.
    with oxigraph_endpoint(built.store_path, union=False) as url:
        yield url


@pytest.fixture(scope="module")
def remote(endpoint):
    with RemoteRepository(endpoint, USER, SECRET) as repository:
        yield repository


def sampled(query: str) -> set[str]:
    """Variables a query fills with SAMPLE: any value of the group is right, not compared."""
    return set(re.findall(r"SAMPLE\s*\((?:[^()]|\([^()]*\))*\)\s+AS\s+\?(\w+)", query, re.IGNORECASE))


def separators(query: str) -> list[str]:
    """The separators of the GROUP_CONCATs of a query (escapes applied)."""
    return [read(f'ASK {{ FILTER("{s}" = "") }}').text.split('"')[1] for s in re.findall(r'separator\s*=\s*"((?:[^"\\]|\\.)*)"', query, re.I)]


def canonical(result, ignore: set[str] = frozenset(), joined_by: list[str] = ()):
    """A comparable form of any query result. Blank nodes are anonymous, and the parts of a
    GROUP_CONCAT list ("a, b, c", IRIs joined by spaces, or the query's own separators) are sorted:
    their order is the engine's, not the data's."""
    def term(t):
        for separator in joined_by:
            if isinstance(t, ox.Literal) and separator in t.value:
                return separator.join(sorted(t.value.split(separator))) + f"@{t.language}"
        if isinstance(t, ox.BlankNode):
            return "_:"
        if isinstance(t, ox.Literal) and ", " in t.value:
            return str(ox.Literal(", ".join(sorted(t.value.split(", "))), language=t.language)
                       if t.language else ox.Literal(", ".join(sorted(t.value.split(", ")))))
        if isinstance(t, ox.Literal) and t.value.startswith("http") and " " in t.value:
            return " ".join(sorted(t.value.split()))
        return str(t)

    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    if isinstance(result, ox.QuerySolutions):
        names = sorted(v.value for v in result.variables if v.value not in ignore)
        return names, sorted(tuple(term(row[n]) for n in names) for row in result)
    return sorted((term(t.subject), term(t.predicate), term(t.object)) for t in result)


# --- the same answers ------------------------------------------------------------------------------

@pytest.mark.parametrize("name", CATALOGUE)
def test_every_named_query_answers_the_same(name, repo, remote):
    query = load_catalogue()[name]
    values = query.bind({})
    ignore = sampled(query.text)
    assert canonical(remote.query(query.text, values), ignore) == canonical(repo.query(query.text, values), ignore)


@pytest.mark.parametrize("name", EVERY_QUERY)
def test_every_query_file_answers_the_same_on_an_endpoint(name, repo, remote):
    query = parse_query_file(QUERIES / f"{name}.rq")
    values = query.bind({})
    ignore, joined_by = sampled(query.text), separators(query.text)
    here = repo.query(query.text, values)
    assert canonical(remote.query(query.text, values), ignore, joined_by) == canonical(here, ignore, joined_by)


def test_parameters_change_the_answer_the_same_way(repo, remote):
    query = load_catalogue()["authority-partnerships"]
    for authority in ("auth:fr-nice", "auth:fr-bordeaux", "auth:ru-irkutsk"):
        values = query.bind({"authority": authority})
        embedded = canonical(repo.query(query.text, values))
        assert embedded[1], authority
        assert canonical(remote.query(query.text, values)) == embedded


def test_a_value_is_bound_as_a_term_not_pasted(repo, remote):
    query = "SELECT ?thing ?name WHERE { ?thing skos:prefLabel ?name }"
    hostile = ox.Literal('Nice"@fr } UNION { ?thing ?p ?name } #\n', language="fr")
    values = {"name": hostile}
    assert canonical(remote.query(query, values)) == canonical(repo.query(query, values)) == (["name", "thing"], [])
    values = {"name": ox.Literal("Nice", language="fr")}
    assert canonical(remote.query(query, values)) == canonical(repo.query(query, values))
    assert len(canonical(repo.query(query, values))[1]) >= 2  # Nice, and its territory


def test_filters_see_the_bound_value(repo, remote):
    # A trailing VALUES block would be joined after the filter and keep every authority.
    query = """SELECT ?a ?lang WHERE { ?a a coop:LocalAuthority
               FILTER NOT EXISTS { ?a skos:prefLabel ?l FILTER(LANG(?l) = ?lang) } }"""
    for lang in ("fr", "ru", "en"):
        values = {"lang": ox.Literal(lang)}
        assert canonical(remote.query(query, values)) == canonical(repo.query(query, values)), lang
    everyone = len(list(repo.query("SELECT ?a WHERE { ?a a coop:LocalAuthority }")))
    assert len(list(remote.query(query, {"lang": ox.Literal("fr")}))) < everyone
    # An OPTIONAL with no group inside gets no block: its filter, the left join's condition, sees it.
    label = "SELECT ?l ?lang WHERE { auth:ru-irkutsk a coop:LocalAuthority OPTIONAL { auth:ru-irkutsk skos:prefLabel ?l FILTER(LANG(?l) = ?lang) } }"
    for lang in ("fr", "ru", "en"):
        rows = list(remote.query(label, {"lang": ox.Literal(lang)}))
        assert [r["l"].language for r in rows] == [lang], lang
        assert canonical(remote.query(label, {"lang": ox.Literal(lang)})) == canonical(repo.query(label, {"lang": ox.Literal(lang)}))


def test_construct_gives_the_same_type(repo, remote):
    query = "CONSTRUCT { ?entity ?p ?o } WHERE { ?entity ?p ?o }"
    values = {"entity": ox.NamedNode(expand("auth:fr-nice"))}
    answer = remote.query(query, values)
    assert isinstance(answer, ox.QueryTriples)
    assert canonical(answer) == canonical(repo.query(query, values))


def test_repository_protocol(repo, remote):
    assert remote.named_graphs() == repo.named_graphs()
    graph = expand("cgraph:wikidata-p190-2017")
    assert set(remote.quads(graph)) == set(repo.quads(graph))
    assert len(remote.quads()) == len(list(repo.quads()))


def test_statistics_and_exports(repo, remote):
    assert stats.compute(remote) == stats.compute(repo)
    assert set(export.entity_quads(remote, "auth:fr-nice")) == set(export.entity_quads(repo, "auth:fr-nice"))
    assert export.statistics(remote, remote.named_graphs(), True) == export.statistics(repo, repo.named_graphs(), True)
    remote_ttl = set(ox.parse(export.export(remote, "ntriples", wikidata=True), format=ox.RdfFormat.N_TRIPLES))
    local_ttl = set(ox.parse(export.export(repo, "ntriples", wikidata=True), format=ox.RdfFormat.N_TRIPLES))
    assert len(remote_ttl) == len(local_ttl)


def test_explorer_functions(repo, remote):
    assert sorted(labels.load_labels(remote).entries, key=repr) == sorted(labels.load_labels(repo).entries, key=repr)
    assert labels.load_kinds(remote) == labels.load_kinds(repo)
    for text in ("Nijni", "Санкт", "Bordeaux", "groupe pays"):
        assert search.search(remote, text, "fr") == search.search(repo, text, "fr"), text
    for iri in ("auth:fr-nice", "event:groupe-pays-russie-meeting-3", "cgraph:geonames", "theme:culture"):
        assert entity.describe_entity(remote, expand(iri), "fr") == entity.describe_entity(repo, expand(iri), "fr"), iri


def test_explorer_views(repo, remote):
    views = pytest.importorskip("coopkg.read.views")
    for name, query in views.view_queries().items():
        ignore = [c for c in sampled(query.text)]
        here, there = views.run_view(repo, name), views.run_view(remote, name)
        assert there.columns == here.columns, name
        kept = [c for c in here.columns if c not in ignore]

        def bag(view):
            return sorted(tuple(str(row.get(c)) for c in kept) for row in view.rows)

        assert bag(there) == bag(here), name


def test_without_a_default_graph(repo, tmp_path):
    """A store loaded from the TriG export: named graphs only, an empty default graph. The
    client names them in the request (default-graph-uri, named-graph-uri) and answers the same."""
    named_only = ox.Store(str(tmp_path / "named-only"))
    named_only.bulk_extend(repo.quads())
    named_only.flush()
    del named_only
    with oxigraph_endpoint(tmp_path / "named-only", union=False) as url, RemoteRepository(url) as plain:
        assert bool(plain.query("ASK { auth:fr-nice ?p ?o }"))
        assert plain._dataset, "the graphs are named in each request"
        for name in ("timeline", "authority-partnerships", "conflicting-claims"):
            query = load_catalogue()[name]
            values, ignore = query.bind({}), sampled(query.text)
            assert canonical(plain.query(query.text, values), ignore) == canonical(repo.query(query.text, values), ignore), name
        assert stats.compute(plain) == stats.compute(repo)


def test_syntax_errors_point_at_the_callers_text(repo, remote):
    broken = "SELECT ?s\nWHERE {\n  ?s ?p }"
    with pytest.raises(SyntaxError) as here:
        repo.query(broken)
    with pytest.raises(SyntaxError) as there:
        remote.query(broken)
    assert there.value.line == here.value.line == 3 and there.value.column and here.value.column


def test_a_runaway_query_ends_with_a_clear_error(built):
    with oxigraph_endpoint(built.store_path, timeout_s=1) as url, RemoteRepository(url) as short:
        with pytest.raises(RemoteError, match="incomplete answer"):
            short.query("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f FILTER(STR(?c) != STR(?f)) }")


# --- where the VALUES blocks go --------------------------------------------------------------------

def group_starts(query: str) -> list[int]:
    return list(read(query).group_starts)


def marked(query: str) -> str:
    """The query with | after each brace that opens a group."""
    for position in reversed(group_starts(query)):
        query = query[:position] + "|" + query[position:]
    return query


@pytest.mark.parametrize("query, expected", [
    ("SELECT * WHERE { ?s ?p ?o }", "SELECT * WHERE {| ?s ?p ?o }"),
    ('PREFIX a: <http://x/#{> # a { comment\nSELECT ?s { ?s a:p "{" }',
     'PREFIX a: <http://x/#{> # a { comment\nSELECT ?s {| ?s a:p "{" }'),
    ("SELECT (EXISTS { ?s ?p ?o } AS ?e) WHERE { ?s ?p ?o }", "SELECT (EXISTS {| ?s ?p ?o } AS ?e) WHERE {| ?s ?p ?o }"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", "CONSTRUCT { ?s ?p ?o } WHERE {| GRAPH ?g {| ?s ?p ?o } }"),
    ("SELECT ?s WHERE { VALUES ?p { <a:b> } OPTIONAL { ?s ?p ?o FILTER NOT EXISTS { ?o ?q ?r } } }",
     "SELECT ?s WHERE {| VALUES ?p { <a:b> } OPTIONAL {| ?s ?p ?o FILTER NOT EXISTS {| ?o ?q ?r } } }"),
    ("SELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?o } } UNION { ?s ?q ?o } } VALUES ?o { 1 }",
     "SELECT ?s WHERE {| { SELECT ?s WHERE {| ?s ?p ?o } } UNION {| ?s ?q ?o } } VALUES ?o { 1 }"),
    ("ASK { ?s ?p '''{'''}", "ASK {| ?s ?p '''{'''}"),
    ("select ?where where { ?where ?p ?o }", "select ?where where {| ?where ?p ?o }"),
])
def test_values_open_every_group(query, expected):
    assert marked(query) == expected


@pytest.mark.parametrize("query", ["CONSTRUCT WHERE { ?s ?p ?o }", "DESCRIBE <http://x/y>"])
def test_forms_without_a_group_get_a_trailing_block(query):
    assert group_starts(query) == []
    assert bind_values(query, {ox.Variable("s"): ox.NamedNode("http://x/s")}).endswith('VALUES (?s) { (<http://x/s>) } ')


def test_blank_nodes_cannot_be_bound():
    with pytest.raises(ValueError, match="only IRIs and literals"):
        bind_values("SELECT * WHERE { ?s ?p ?o }", {ox.Variable("s"): ox.BlankNode()})


# --- credentials -----------------------------------------------------------------------------------

def test_credentials_are_never_shown_or_logged(remote, caplog):
    with caplog.at_level(logging.DEBUG):
        remote.query("ASK { ?s ?p ?o }")
        stats.compute(remote)
    text = caplog.text + repr(remote) + remote.describe() + str(vars(remote))
    assert caplog.records, "httpx and httpcore did log"
    for secret in (SECRET, ENCODED):
        assert secret not in text
    assert USER not in repr(remote) + remote.describe()


@pytest.fixture(scope="module")
def guarded():
    """An endpoint that wants HTTP basic authentication and records what it got."""
    seen: list[str] = []

    async def query(request):
        auth = request.headers.get("authorization", "")
        seen.append(auth)
        if auth != f"Basic {ENCODED}":
            return PlainTextResponse("who are you?", status_code=401, headers={"WWW-Authenticate": 'Basic realm="kg"'})
        return JSONResponse({"head": {}, "boolean": True}, media_type="application/sparql-results+json")

    app = Starlette(routes=[Route("/query", query, methods=["POST"])])
    with uvicorn_app(app) as address:
        yield address + "query", seen


def test_credentials_are_sent(guarded):
    url, seen = guarded
    with RemoteRepository(url, USER, SECRET) as repository:
        assert bool(repository.query("ASK { ?s ?p ?o }")) is True
    assert seen[-1] == f"Basic {ENCODED}"
    # user:password in the address works the same, and disappears from it
    with RemoteRepository(url.replace("http://", f"http://{USER}:{SECRET}@")) as repository:
        assert bool(repository.query("ASK { ?s ?p ?o }")) is True
        assert SECRET not in repository.describe() and SECRET not in repr(repository)
    assert seen[-1] == f"Basic {ENCODED}"


def test_refused_credentials_give_a_message_without_them(guarded, caplog):
    url, _ = guarded
    with caplog.at_level(logging.DEBUG), RemoteRepository(url, USER, "wrong-" + SECRET) as repository:
        with pytest.raises(RemoteError) as refused:
            repository.query("ASK { ?s ?p ?o }")
    assert "refused access (HTTP 401)" in str(refused.value)
    assert SECRET not in str(refused.value) and SECRET not in caplog.text


def test_unreachable_endpoint_message_without_credentials():
    port = free_port()
    with RemoteRepository(f"http://{USER}:{SECRET}@127.0.0.1:{port}/query") as repository:
        with pytest.raises(RemoteError) as failed:
            repository.query("ASK { ?s ?p ?o }")
    assert "cannot be reached" in str(failed.value)
    assert SECRET not in str(failed.value) and USER not in str(failed.value)


def test_from_settings():
    env = {"COOPKG_ENDPOINT": "http://127.0.0.1:1/query", "COOPKG_ENDPOINT_USER": USER,
           "COOPKG_ENDPOINT_PASSWORD": SECRET, "COOPKG_ENDPOINT_TIMEOUT_S": "5"}
    repository = RemoteRepository.from_settings(settings(env))
    assert repository.describe() == "SPARQL endpoint http://127.0.0.1:1/query"
    with pytest.raises(RemoteError, match="COOPKG_ENDPOINT is not set"):
        RemoteRepository.from_settings(settings({}))
    with pytest.raises(ConfigError, match="COOPKG_ENDPOINT=.*http") as refused:
        settings({"COOPKG_ENDPOINT": f"ftp://{USER}:{SECRET}@host/q"})
    assert SECRET not in str(refused.value)


# --- the command line on a remote endpoint ----------------------------------------------------------

def run(*args: str, endpoint: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, **coopkg_env()}
    env.pop("COOPKG_ENDPOINT", None)
    if endpoint:
        env.update({"COOPKG_ENDPOINT": endpoint, "COOPKG_ENDPOINT_USER": USER, "COOPKG_ENDPOINT_PASSWORD": SECRET})
    return subprocess.run(coopkg_command(*args), capture_output=True, timeout=120, env=env)


def test_command_line_on_the_endpoint(endpoint):
    for args in (("query", "timeline", "--format", "json"), ("stats",)):
        there, here = run(*args, endpoint=endpoint), run(*args)
        assert there.returncode == here.returncode == 0, there.stderr
        assert SECRET.encode() not in there.stdout + there.stderr
        if args[0] == "query":
            rows = lambda out: sorted(json.dumps(b, sort_keys=True) for b in json.loads(out)["results"]["bindings"])  # noqa: E731
            assert rows(there.stdout) == rows(here.stdout)
        else:
            assert there.stdout == here.stdout
    there, here = run("export", "--entity", "auth:fr-nice", "-f", "nquads", endpoint=endpoint), run(
        "export", "--entity", "auth:fr-nice", "-f", "nquads")
    assert set(there.stdout.splitlines()) == set(here.stdout.splitlines())


def test_command_line_with_an_unreachable_endpoint():
    done = run("export", "--entity", "auth:fr-nice", endpoint=f"http://127.0.0.1:{free_port()}/query")
    assert done.returncode == 2
    assert b"cannot be reached" in done.stderr
    assert SECRET.encode() not in done.stderr and b"Traceback" not in done.stderr


# --- the explorer on a remote endpoint ------------------------------------------------------------

def test_the_explorer_query_service_reads_the_endpoint(endpoint, repo, monkeypatch, tmp_path):
    """A visitor's query runs in a worker process against the endpoint (no local build there)."""
    from coopkg.service import sandbox

    monkeypatch.setenv("COOPKG_ENDPOINT", endpoint)
    monkeypatch.setenv("COOPKG_STORE", str(tmp_path))  # empty: only the endpoint can answer
    service = sandbox.QueryService(workers=1)  # workers spawned now inherit the endpoint setting
    try:
        query = "SELECT ?p WHERE { ?p a coop:Partnership } ORDER BY ?p"
        outcome = sandbox.run_query(query, service=service)
        assert outcome.ok, outcome.error
        assert [row[0].value for row in outcome.rows] == [row["p"].value for row in repo.query(query)]
        refused = sandbox.run_query("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
                                    service=service)
        assert not refused.ok
    finally:
        service.close()


def test_the_explorer_pages_read_the_endpoint(endpoint, monkeypatch, tmp_path):
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("COOPKG_ENDPOINT", endpoint)
    monkeypatch.setenv("COOPKG_STORE", str(tmp_path))
    app = Path(__file__).resolve().parent.parent / "app"
    at = AppTest.from_file(str(app / "Home.py"), default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    from coopkg.read.labels import kind_label

    metrics = {m.label: m.value for m in at.metric}
    label = next(kind_label("partnership", lang) for lang in ("en", "fr", "ru") if kind_label("partnership", lang) in metrics)
    assert int(str(metrics[label]).replace("\u202f", "").replace(" ", "")) >= 60


# --- the query service on a remote store: this process's HTTP client, with the same limits ---------

def test_the_service_queries_a_remote_store_from_its_own_process(endpoint, monkeypatch):
    """Workers have no network, so with COOPKG_ENDPOINT the service's process asks the endpoint,
    under the same reader, time limit and caps; messages never show the credentials."""
    from coopkg.service import sandbox
    from coopkg.service.core import Job, QueryService

    monkeypatch.setenv("COOPKG_ENDPOINT", endpoint.replace("http://", f"http://{USER}:{SECRET}@") + "?token=T0K")
    svc = QueryService()
    try:
        assert svc.pool is None and "from this process" in svc.start() and SECRET not in svc.start()
        outcome = sandbox.run_query("SELECT ?a WHERE { ?a a coop:LocalAuthority } LIMIT 5", service=svc)
        assert outcome.ok and len(outcome.rows) == 5
        refused = sandbox.run_query("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", service=svc)
        assert refused.error_kind == "service"
        capped = svc.run(Job("SELECT * WHERE { ?s ?p ?o }", "c", {"SELECT": "json"}, max_rows=10, max_bytes=1 << 20,
                             timeout_s=30))
        assert capped.problem.kind == "rows" and capped.problem.status == 422
        slow = svc.run(Job("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f FILTER(STR(?c) != STR(?f)) }", "c",
                           {"SELECT": "json"}, max_rows=10, max_bytes=1 << 20, timeout_s=1))
        assert slow.problem.kind == "timeout"
        for message in (refused.error, capped.problem.message, slow.problem.message):
            assert SECRET not in message and "T0K" not in message
    finally:
        svc.close()


def test_a_remote_error_page_is_never_shown(monkeypatch):
    """An endpoint whose error page echoes the request's Authorization header: the message names
    the status and the type only."""
    from coopkg.service import sandbox
    from coopkg.service.core import QueryService

    async def echo(request):
        return PlainTextResponse(f"boom: {request.headers.get('authorization')}", status_code=500)

    with uvicorn_app(Starlette(routes=[Route("/query", echo, methods=["GET", "POST"])])) as address:
        monkeypatch.setenv("COOPKG_ENDPOINT", address.replace("http://", f"http://{USER}:{SECRET}@") + "query")
        svc = QueryService()
        try:
            outcome = sandbox.run_query("SELECT * WHERE { ?s ?p ?o } LIMIT 1", service=svc)
        finally:
            svc.close()
    assert outcome.error_kind == "remote" and "HTTP 500" in outcome.error
    assert SECRET not in outcome.error and ENCODED not in outcome.error and "boom" not in outcome.error

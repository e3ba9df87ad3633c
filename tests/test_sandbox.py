"""The public query service: read-only, no network, a time limit that kills, a row cap."""

from __future__ import annotations

import json
import os
import socket
import threading
import time

import pyoxigraph as ox
import pytest
from explorer_fixture import IDS

from coopkg.config import ConfigError
from coopkg.service import sandbox

RUNAWAY = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"


@pytest.fixture(scope="module")
def service():
    svc = sandbox.QueryService(workers=3)
    yield svc
    svc.close()


def run(sparql, fixture_build, service, **kwargs):
    return sandbox.run_query(sparql, store_path=fixture_build, service=service, **kwargs)


# --- refused before running --------------------------------------------------------------------

@pytest.mark.parametrize("text, keyword", [
    ("INSERT DATA { <http://a> <http://b> <http://c> }", "INSERT"),
    ("PREFIX ex: <http://ex/>\nDELETE WHERE { ?s ?p ?o }", "DELETE"),
    ("load <http://example.org/data.ttl>", "LOAD"),
    ("CLEAR ALL", "CLEAR"),
    ("DROP GRAPH <http://g>", "DROP"),
    ("WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "WITH"),
    ("# a comment first\n\\u0049NSERT DATA { <http://a> <http://b> <http://c> }", "INSERT"),
])
def test_updates_are_refused_with_a_clear_message(text, keyword):
    refusal = sandbox.refusal(text)
    assert refusal is not None and refusal.kind == "update"
    assert keyword in refusal.message and "refused" in refusal.message
    assert "refusé" in sandbox.refusal(text, lang="fr").message
    assert "запрещено" in sandbox.refusal(text, lang="ru").message


@pytest.mark.parametrize("text", [
    'SELECT * WHERE { ?s ?p "INSERT DATA and LOAD are words here" }',
    "SELECT * WHERE { ?s ?p ?o } # DELETE everything? no, a comment",
    "SELECT * WHERE { ?s <http://example.org/service#load> ?o }",
    "SELECT ?load ?insert WHERE { ?load ?insert ?o }",
    'SELECT * WHERE { ?s ?p "x"@load }',
    "PREFIX drop: <http://example.org/> SELECT * WHERE { ?s drop:add ?o }",
    'SELECT * WHERE { ?s ?p """multi\nline SERVICE <http://evil> { } text""" }',
])
def test_words_inside_strings_iris_comments_and_names_are_not_keywords(text):
    assert sandbox.refusal(text) is None


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { service silent <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE ?endpoint { ?s ?p ?o } }",
    "PREFIX ex: <http://127.0.0.1:9/>\nSELECT * WHERE { SeRvIcE ex:sparql { ?s ?p ?o } }",
    "SELECT * WHERE { # comment <\n SERVICE\n\t<http://127.0.0.1:9/x> { ?s ?p ?o } }",
    "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }",
    "BASE <http://127.0.0.1:9/> SELECT * WHERE { SERVICE <sparql> { ?s ?p ?o } }",
])
def test_service_is_refused_with_where_it_is(text):
    refusal = sandbox.refusal(text)
    assert refusal is not None and refusal.kind == "service"
    assert refusal.line >= 1 and refusal.column >= 1


def test_refused_service_never_connects(fixture_build, service):
    """A listening socket records any connection: a refused SERVICE must not make one."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(0.5)
    port = listener.getsockname()[1]
    try:
        started = time.perf_counter()
        outcome = run(f"SELECT * WHERE {{ SERVICE SILENT <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
                      fixture_build, service)
        elapsed = time.perf_counter() - started
        assert outcome.error_kind == "service" and str(port) in outcome.error
        assert elapsed < 0.5  # immediate: no worker, no connection
        with pytest.raises(socket.timeout):
            listener.accept()
    finally:
        listener.close()


# --- running --------------------------------------------------------------------------------------

def test_select_rows_come_back_as_terms_with_the_project_prefixes(fixture_build, service):
    outcome = run("SELECT ?name WHERE { person:p0002 skos:prefLabel ?name } ORDER BY ?name", fixture_build, service)
    assert outcome.ok and outcome.form == "SELECT" and outcome.columns == ["name"]
    assert {row[0].language for row in outcome.rows} == {"fr", "en", "ru"}
    assert ox.Literal("Михаил Ефимович Швыдкой", language="ru") in [row[0] for row in outcome.rows]
    assert not outcome.truncated


def test_substitutions_are_bound_as_terms(fixture_build, service):
    outcome = run("SELECT ?thing ?name WHERE { ?thing skos:prefLabel ?name }", fixture_build, service,
                  substitutions={"thing": ox.NamedNode(IDS + "authority/ru-nizhny-novgorod")})
    assert {row[1].value for row in outcome.rows} == {"Nijni Novgorod", "Nizhny Novgorod", "Нижний Новгород"}


def test_rows_are_capped_and_the_cut_is_said(fixture_build, service):
    outcome = run("SELECT * WHERE { ?s ?p ?o }", fixture_build, service, row_limit=5)
    assert len(outcome.rows) == 5 and outcome.truncated and outcome.limit == 5
    full = run("SELECT * WHERE { ?s ?p ?o }", fixture_build, service, row_limit=100000)
    assert len(full.rows) > 5 and not full.truncated
    # A cut result still says how many rows it has: the page shows "5 of N".
    assert outcome.total == len(full.rows) and outcome.total_exact and full.total == len(full.rows)


def test_row_limit_comes_from_the_environment(fixture_build, service, monkeypatch):
    monkeypatch.setenv("COOPKG_ROW_LIMIT", "3")
    outcome = run("SELECT * WHERE { ?s ?p ?o }", fixture_build, service)
    assert len(outcome.rows) == 3 and outcome.truncated
    assert sandbox.configured_row_limit() == 3
    monkeypatch.setenv("COOPKG_ROW_LIMIT", "nonsense")
    with pytest.raises(ConfigError, match="COOPKG_ROW_LIMIT='nonsense'"):
        sandbox.configured_row_limit()  # a bad value is never replaced by a default in silence


def test_ask_construct_and_describe(fixture_build, service):
    ask = run("ASK { person:p0002 a foaf:Person }", fixture_build, service)
    assert ask.form == "ASK" and ask.boolean is True
    assert json.loads(ask.serialize("json"))["boolean"] is True
    graph = run("CONSTRUCT { ?s skos:prefLabel ?o } WHERE { ?s skos:prefLabel ?o FILTER(?s = person:p0002) }",
                fixture_build, service)
    assert graph.form == "GRAPH" and len(graph.triples) == 3
    assert "Швыдкой".encode() in graph.serialize("turtle")
    assert json.loads(graph.serialize("jsonld"))
    describe = run("DESCRIBE person:p0002", fixture_build, service)
    assert describe.form == "GRAPH" and describe.triples


def test_select_downloads_in_the_four_result_formats(fixture_build, service):
    outcome = run("SELECT ?s ?o WHERE { ?s skos:prefLabel ?o FILTER(?s = auth:fr-nice) } ORDER BY ?o",
                  fixture_build, service)
    assert outcome.formats() == ["csv", "tsv", "json", "xml"]
    assert outcome.serialize("csv").startswith(b"s,o\r\n")
    assert "Ницца".encode() in outcome.serialize("tsv")
    assert len(json.loads(outcome.serialize("json"))["results"]["bindings"]) == 3
    assert b"<sparql" in outcome.serialize("xml")


def test_download_has_its_own_bigger_cap(fixture_build, monkeypatch):
    monkeypatch.setenv("COOPKG_ROW_LIMIT", "2")
    monkeypatch.setenv("COOPKG_DOWNLOAD_LIMIT", "7")
    result = sandbox.download("SELECT * WHERE { ?s ?p ?o }", fmt="csv", store_path=fixture_build, name="all")
    assert result.data.count(b"\r\n") == 8 and result.truncated  # header + 7 rows
    assert result.file_name == "all.csv" and result.media_type == "text/csv; charset=utf-8"
    turtle = sandbox.download("CONSTRUCT WHERE { ?s a foaf:Person }", fmt="turtle", store_path=fixture_build)
    assert turtle.file_name == "results.ttl" and b"foaf:Person" in turtle.data


def test_syntax_errors_give_line_and_column(fixture_build, service):
    outcome = run("# a comment\n\nSELECT ?s WHERE { ?s ?p ?o ) }", fixture_build, service)
    assert outcome.error_kind == "syntax"
    assert outcome.line == 3 and outcome.column > 20  # where the parser gave up, on the third line
    assert f"line 3, column {outcome.column}" in outcome.error
    french = run("SELECT ?s WHERE {", fixture_build, service, lang="fr")
    assert french.error.startswith("Erreur de syntaxe SPARQL (ligne 1, colonne")
    assert len(outcome.error) < 400  # the parser's list of expected tokens is cut


def test_errors_never_raise_and_name_no_internal_path(fixture_build, service):
    outcome = run("SELECT ?x WHERE { ?s ?p ?o }", fixture_build, service,
                  substitutions={"nope": ox.Literal("x")})
    assert not outcome.ok and outcome.error_kind == "failed"
    missing = sandbox.run_query("SELECT * WHERE { ?s ?p ?o }", store_path=fixture_build.parent / "nothing-here",
                                service=service)
    assert missing.error_kind == "store" and "nothing-here" not in missing.error


# --- the time limit ----------------------------------------------------------------------------

def wait_until(condition, timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "the condition never held"
        time.sleep(0.01)


def test_a_runaway_query_is_killed_at_its_limit_while_others_get_answers(fixture_build, service):
    results = {}

    def runaway():
        started = time.perf_counter()
        results["runaway"] = run(RUNAWAY, fixture_build, service, timeout_s=2, client="runaway session")
        results["runaway_s"] = time.perf_counter() - started

    before = service.pool.counts().get("timeout", 0)
    thread = threading.Thread(target=runaway)
    thread.start()
    wait_until(lambda: service.admission.running() == 1)
    quick = run("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", fixture_build, service)
    answered_first = "runaway" not in results
    thread.join(30)
    assert quick.ok and int(quick.rows[0][0].value) > 50
    assert answered_first, "another session waited for the runaway query"
    outcome = results["runaway"]
    assert outcome.error_kind == "timeout" and "2 s" in outcome.error
    assert 1.9 <= results["runaway_s"]  # never cut before its limit
    assert service.pool.counts()["timeout"] == before + 1
    # The pool replaced the killed worker: the next query is answered.
    assert run("ASK { ?s ?p ?o }", fixture_build, service).boolean is True


def test_the_killed_worker_process_is_gone(fixture_build):
    svc = sandbox.QueryService(workers=1, spare=0)
    try:
        outcome = sandbox.run_query(RUNAWAY, store_path=fixture_build, service=svc, timeout_s=1)
        assert outcome.error_kind == "timeout"
        (death,) = svc.deaths
        assert death.kind == "timeout"
        with pytest.raises(ProcessLookupError):
            os.kill(death.pid, 0)
    finally:
        svc.close()


def test_time_limit_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("COOPKG_QUERY_TIMEOUT", "3.5")
    assert sandbox.configured_timeout() == 3.5
    monkeypatch.delenv("COOPKG_QUERY_TIMEOUT")
    assert sandbox.configured_timeout() == 10.0


# --- terms travel as SPARQL JSON -----------------------------------------------------------------

@pytest.mark.parametrize("term", [
    ox.NamedNode("https://w3id.org/coopkg/id/person/p0002"),
    ox.Literal("Нижний Новгород", language="ru"),
    ox.Literal("2016-07-05", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")),
    ox.Literal("plain"),
    ox.BlankNode("b0"),
])
def test_terms_round_trip_through_sparql_json(term):
    assert sandbox.term_from_json(json.loads(json.dumps(sandbox.term_to_json(term)))) == term

"""The one reader of SPARQL text (coopkg.sparql.reader): what every face decides from."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from coopkg.sparql.reader import MAX_NESTING, MAX_QUERY_CHARS, SparqlSyntaxError, oxigraph_error, query_form, read

ROOT = Path(__file__).resolve().parent.parent


def test_every_query_of_the_project_reads_without_error():
    queries = sorted((ROOT / "queries").rglob("*.rq"))
    assert len(queries) > 30
    for path in queries:
        parsed = read(path.read_text(encoding="utf-8"))
        assert parsed.ok, f"{path}: {parsed.error}"
        assert parsed.form in ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")


@pytest.mark.parametrize("text, form", [
    ("# SELECT in a comment\nCONSTRUCT { ?s <http://x/SELECT> ?o } WHERE { ?s ?p ?o }", "CONSTRUCT"),
    ("ASK { ?s ?p ?o }", "ASK"),
    ("describe <http://x/y>", "DESCRIBE"),
    ('SELECT ?s WHERE { ?s ?p "CONSTRUCT" }', "SELECT"),
    ("PREFIX ex: <http://x/> INSERT DATA { ex:a ex:b ex:c }", "UPDATE"),
])
def test_the_form_of_a_query(text, form):
    assert query_form(text) == form


def test_prologue_prefixes_and_base():
    parsed = read("BASE <http://base.example/> PREFIX ex: <rel/> PREFIX : <http://default/> SELECT * { ?s ex:p :o }")
    assert parsed.base == "http://base.example/"
    assert parsed.prefixes == {"ex": "http://base.example/rel/", "": "http://default/"}
    assert [p for p, _, _ in parsed.prefixes_used] == ["ex", ""]


@pytest.mark.parametrize("text, keyword", [
    ("INSERT DATA { <http://a> <http://b> <http://c> }", "INSERT"),
    ("delete where { ?s ?p ?o }", "DELETE"),
    ("WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "WITH"),
    ("LOAD <http://example.org/data.ttl>", "LOAD"),
    ("CLEAR ALL", "CLEAR"), ("DROP GRAPH <http://g>", "DROP"), ("CREATE GRAPH <http://g>", "CREATE"),
    ("COPY DEFAULT TO <http://g>", "COPY"), ("MOVE <http://a> TO <http://b>", "MOVE"), ("ADD <http://a> TO <http://b>", "ADD"),
    ("# comment\n\\u0049NSERT DATA { <http://a> <http://b> <http://c> }", "INSERT"),
    ("SELECT * WHERE { ?s ?p ?o } ; INSERT DATA { <http://a> <http://b> <http://c> }", None),
])
def test_updates_are_seen_in_every_spelling(text, keyword):
    parsed = read(text)
    if keyword is None:  # a query followed by an update is not SPARQL: refused as a syntax error
        assert not parsed.ok
    else:
        assert parsed.updates and parsed.updates[0] == keyword


@pytest.mark.parametrize("text, endpoint", [
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/s> { ?s ?p ?o } }", "http://127.0.0.1:9/s"),
    ("select * where { service silent <http://127.0.0.1:9/s> { ?s ?p ?o } }", "http://127.0.0.1:9/s"),
    ("PREFIX x: <http://127.0.0.1:9/> SELECT * WHERE { SERVICE x:t { ?s ?p ?o } }", "http://127.0.0.1:9/t"),
    ("BASE <http://0x7f000001:9/> SELECT * WHERE { SERVICE <s> { ?s ?p ?o } }", "http://0x7f000001:9/s"),
    ("SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/\\u0073> { ?s ?p ?o } }", "http://127.0.0.1:9/s"),
    ("SELECT * WHERE { ?s ?p ?o FILTER(1<2)SERVICE#>\n<http://127.0.0.1:9/s> { ?s ?p ?o } }", "http://127.0.0.1:9/s"),
    ("SELECT * WHERE { SERVICE ?where { ?s ?p ?o } }", None),
])
def test_service_calls_are_found_with_their_endpoint(text, endpoint):
    parsed = read(text)
    assert parsed.ok and len(parsed.services) == 1
    assert parsed.services[0].endpoint == endpoint


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { SERVICESILENT<http://127.0.0.1:9/> { ?s ?p ?o } }",
    "PREFIX x: <http://127.0.0.1:9/> SELECT * WHERE { SERVICEx:t { ?s ?p ?o } }",
])
def test_spellings_only_a_lenient_engine_accepts_are_syntax_errors(text):
    """Oxigraph reads these as SERVICE calls; the SPARQL grammar does not: they never reach it."""
    parsed = read(text)
    assert not parsed.ok and parsed.error.line == 1


@pytest.mark.parametrize("text", [
    'SELECT * WHERE { ?s ?p "SERVICE <http://127.0.0.1:9/> { }" }',
    "SELECT * WHERE { ?s <http://example.org/service#load> ?o } # SERVICE <http://127.0.0.1:9/>",
    "SELECT ?service WHERE { ?service ?p ?o }",
])
def test_words_in_strings_iris_comments_and_variables_are_not_calls(text):
    parsed = read(text)
    assert parsed.ok and not parsed.services and not parsed.updates


@pytest.mark.parametrize("text, line, column, says", [
    ("SELECT ?s\nWHERE {\n  ?s ?p }", 3, 8, "expected"),
    ("SELECT * WHERE { ?s ?p ?o ", 1, 26, "'}'"),
    ('SELECT * WHERE {\n ?s ?p \'x\' .\n ?s ?p "abc }', 3, 8, "never closed"),
    ("SELEC * WHERE { }", 1, 1, "unexpected"),
    ('SELECT * WHERE { ?s ?p "\\U00110000" }', 1, 25, "not a Unicode character"),
])
def test_syntax_errors_are_located(text, line, column, says):
    error = read(text).error
    assert isinstance(error, SparqlSyntaxError) and isinstance(error, SyntaxError)
    assert (error.line, error.column) == (line, column) and says in error.message


def test_columns_count_characters_not_bytes():
    error = read('SELECT * WHERE { ?s ?p "Нижний" . ?s ?p ?o . FILTER(?x = ) }').error
    assert error.column == len('SELECT * WHERE { ?s ?p "Нижний" . ?s ?p ?o . FILTER(?x =') + 1


@pytest.mark.parametrize("text", [
    "SELECT (group_concat(?o; separator=',') AS ?all) WHERE { ?s ?p ?o }",
    "SELECT * WHERE { ?s ?p TRUE FILTER(ISIRI(?s) || IsBlank(?s)) }",
])
def test_keywords_in_any_letter_case(text):
    assert read(text).ok


def test_unknown_prefixes_are_named():
    parsed = read("SELECT * WHERE { ?s nope:p ?o . ?s ex:q ?o }")
    assert parsed.unknown_prefixes({"ex": "http://x/"}) == [("nope", 1, 21)]


def marked(text: str, starts) -> str:
    for position in reversed(starts):
        text = text[:position] + "|" + text[position:]
    return text


def test_group_starts_skip_templates_data_blocks_and_subquery_wrappers():
    text = "SELECT ?s WHERE { VALUES ?p { <a:b> } { SELECT ?s WHERE { ?s ?p ?o } } OPTIONAL { ?s ?q ?r } }"
    assert marked(text, read(text).group_starts) == (
        "SELECT ?s WHERE {| VALUES ?p { <a:b> } { SELECT ?s WHERE {| ?s ?p ?o } } OPTIONAL {| ?s ?q ?r } }")


def test_leaf_optionals_are_the_optional_groups_holding_no_group():
    text = "SELECT ?s WHERE { VALUES ?p { <a:b> } { SELECT ?s WHERE { ?s ?p ?o } } OPTIONAL { ?s ?q ?r } }"
    assert marked(text, read(text).leaf_optional_starts) == (
        "SELECT ?s WHERE { VALUES ?p { <a:b> } { SELECT ?s WHERE { ?s ?p ?o } } OPTIONAL {| ?s ?q ?r } }")
    # An OPTIONAL holding a group is no leaf: the inner OPTIONAL's filter sees only its own
    # surroundings, the outer OPTIONAL's group, which must have the bound values.
    nested = "SELECT ?s WHERE { ?s a ?t OPTIONAL { ?s ?k ?c OPTIONAL { ?c ?l ?x FILTER(lang(?x) = ?lang) } } }"
    assert marked(nested, read(nested).leaf_optional_starts) == (
        "SELECT ?s WHERE { ?s a ?t OPTIONAL { ?s ?k ?c OPTIONAL {| ?c ?l ?x FILTER(lang(?x) = ?lang) } } }")


def test_size_and_nesting_are_bounded_before_parsing():
    assert "at most" in read("SELECT * WHERE { ?s ?p ?o }" + " " * MAX_QUERY_CHARS).error.message
    deep = "SELECT * WHERE { FILTER(" + "(" * (MAX_NESTING + 1) + "1" + ")" * (MAX_NESTING + 1) + ") }"
    assert "nested" in read(deep).error.message


def test_reading_is_linear_in_the_size_of_the_text():
    """A 40 KB adversarial text ("a.a.a..."), read next to a 4 KB one: ten times the text must cost
    far less than a hundred times the time (a quadratic reader would)."""
    def cost(n: int) -> float:
        text = "SELECT * WHERE { ?s ?p " + "a." * n + "a }"
        started = time.process_time()
        for _ in range(5):
            read(text)
        return time.process_time() - started

    small, large = cost(2_000), cost(20_000)
    assert large < 30 * max(small, 1e-3)


def test_oxigraph_errors_are_located_the_same_way():
    error = oxigraph_error(SyntaxError("error at 2:28: expected one of ABS, AVG"))
    assert (error.line, error.column, error.message) == (2, 28, "expected one of ABS, AVG")

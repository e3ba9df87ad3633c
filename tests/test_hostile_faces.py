"""The hostile corpus (tests/hostile_corpus.py) through every public face: the explorer's query
service, the SPARQL endpoint, `coopkg query`, and the dereferencing server. A listener on this
machine records every connection: it must see none, whatever the face and the spelling."""

from __future__ import annotations

import httpx
import pytest
from hostile_corpus import (
    DEEP,
    HOSTILE_LABELS,
    HOSTILE_SEARCHES,
    HUGE,
    MILLIONS_OF_ROWS,
    TRAVERSALS,
    UPDATES,
    service_spellings,
)
from loopback_listeners import HttpListener
from publishing_servers import coopkg_command, coopkg_env, free_port, running

from coopkg.cli.main import main as coopkg_main
from coopkg.cli.text import format_table
from coopkg.publish.server import create_app
from coopkg.service import sandbox
from coopkg.service.core import QueryService

LISTENER = HttpListener()
SPELLINGS = service_spellings(LISTENER.port)


@pytest.fixture(scope="module")
def listener():
    yield LISTENER
    LISTENER.close()


@pytest.fixture(scope="module")
def service():
    svc = QueryService(workers=2)
    svc.start()
    yield svc
    svc.close()


@pytest.fixture(scope="module")
def endpoint(built):
    port = free_port()
    with running(coopkg_command("serve", "--port", str(port)), f"http://127.0.0.1:{port}/query", env=coopkg_env()):
        yield f"http://127.0.0.1:{port}/query"


def assert_no_contact(listener) -> None:
    assert listener.settle() == [], "a query reached the listener"


# --- SERVICE, LOAD, FROM to loopback: refused or harmless, no connection, on every face ------------------

@pytest.mark.parametrize("name", sorted(SPELLINGS))
def test_explorer_face(name, listener, service, fixture_build):
    outcome = sandbox.run_query(SPELLINGS[name], store_path=fixture_build, service=service)
    assert outcome.error_kind in ("service", "syntax", "update", None), outcome.error
    if outcome.ok:  # FROM / FROM NAMED name graphs of the store: nothing is fetched
        assert name in ("from", "from-named", "file") and outcome.rows == []
    assert_no_contact(listener)


@pytest.mark.parametrize("name", sorted(SPELLINGS))
def test_endpoint_face(name, listener, endpoint):
    response = httpx.post(endpoint, data={"query": SPELLINGS[name]}, timeout=60)
    expected = {"load": 403}.get(name, 200 if name in ("from", "from-named", "file") else 400)
    assert response.status_code == expected, response.text
    assert "reached the listener" not in response.text
    assert_no_contact(listener)


@pytest.mark.parametrize("name", ["plain", "glued-silent", "glued-prefix", "comment-trick", "from", "load"])
def test_command_line_face(name, listener, built, capsys):
    code = coopkg_main(["query", SPELLINGS[name]])
    captured = capsys.readouterr()
    assert "reached the listener" not in captured.out
    assert code == (0 if name == "from" else 2), captured.err
    assert_no_contact(listener)


# --- updates, deep and huge texts on the explorer and the command line -----------------------------------

@pytest.mark.parametrize("name", sorted(UPDATES))
def test_updates_are_refused_by_the_explorer_and_the_command_line(name, service, fixture_build, built, capsys):
    outcome = sandbox.run_query(UPDATES[name], store_path=fixture_build, service=service)
    assert outcome.error_kind == "update", outcome.error
    assert coopkg_main(["query", UPDATES[name]]) == 2
    assert "is refused" in capsys.readouterr().err


@pytest.mark.parametrize("name", sorted({**DEEP, **HUGE}))
def test_deep_and_huge_texts_are_refused_before_the_engine_or_answered(name, service, fixture_build):
    text = {**DEEP, **HUGE}[name]
    outcome = sandbox.run_query(text, store_path=fixture_build, service=service, timeout_s=20)
    if name == "plus-chain":  # 32 KiB of a flat sum: within the bounds, the engine answers or times out
        assert outcome.error_kind in (None, "timeout")
    else:
        assert outcome.error_kind == "syntax" and ("nested more than 128" in outcome.error
                                                   or "at most 32,768" in outcome.error)
    assert not [d for d in service.deaths if d.kind in ("stack", "crashed")]


def test_millions_of_rows_reach_a_page_cut_at_its_limit(service, fixture_build):
    outcome = sandbox.run_query(MILLIONS_OF_ROWS, store_path=fixture_build, service=service, row_limit=1000)
    assert outcome.ok and outcome.count() == 1000 and outcome.truncated and outcome.truncated_by == "rows"


# --- what comes back: labels and search strings -----------------------------------------------------------

@pytest.mark.parametrize("name", sorted(HOSTILE_LABELS))
def test_labels_come_back_as_the_characters_they_hold(name, service, fixture_build):
    """The service returns data exactly (the explorer escapes it for Markdown, see
    docs/threat-model.md); the command line's table makes controls and bidi overrides visible."""
    label = HOSTILE_LABELS[name]
    escaped = label.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    outcome = sandbox.run_query(f'SELECT ?x WHERE {{ BIND("{escaped}" AS ?x) }}', store_path=fixture_build,
                                service=service)
    assert outcome.ok and outcome.rows[0][0].value == label
    import pyoxigraph as ox

    table = format_table(ox.Store().query(f'SELECT ?x WHERE {{ BIND("{escaped}" AS ?x) }}'))
    assert not any(c in table for c in "\x1b\x07\x08\r\u202e\u202c\u2067\u2069")
    if name in ("escape", "bidi-override"):
        assert "\\u001B" in table or "\\u202E" in table


@pytest.mark.parametrize("text", HOSTILE_SEARCHES)
def test_search_strings_holding_sparql_are_data(text, service, fixture_build, fixture_repo):
    """The search page reads an index in memory (no query is built from the text), and a
    catalogue parameter is bound as one literal: SPARQL syntax in either stays text."""
    import pyoxigraph as ox

    from coopkg.read.search import load_index

    assert isinstance(load_index(fixture_repo).search(text), list)
    outcome = sandbox.run_query("SELECT ?q (STRLEN(?q) AS ?x) WHERE { }", {"q": ox.Literal(text)},
                                store_path=fixture_build, service=service)
    assert outcome.ok and outcome.rows[0][0].value == text and int(outcome.rows[0][1].value) == len(text)


# --- the dereferencing server: every traversal and odd byte answers 4xx, cleanly ---------------------------

@pytest.mark.parametrize("path", TRAVERSALS)
def test_dereferencing_server_paths(path, built, caplog):
    from starlette.testclient import TestClient

    app = TestClient(create_app(base="http://127.0.0.1:8080/"), raise_server_exceptions=False)
    response = app.get(path, headers={"Accept": "text/turtle", "Host": "evil.example"}, follow_redirects=False)
    assert response.status_code in (400, 404, 414), (path, response.status_code)
    assert "root:" not in response.text and "[project]" not in response.text
    assert not any(c in response.text for c in "\x00\x1b")
    assert "Traceback" not in caplog.text and "\x00" not in caplog.text
    assert "evil.example" not in response.headers.get("location", "")


def test_dereferencing_server_redirects_to_the_bound_address_not_the_host_header(built):
    port = free_port()
    with running(coopkg_command("publish", "--port", str(port)), f"http://127.0.0.1:{port}/", env=coopkg_env()):
        response = httpx.get(f"http://127.0.0.1:{port}/id/authority/fr-nice", headers={"Host": "evil.example"},
                             timeout=30)
    assert response.status_code == 303
    assert response.headers["location"] == f"http://127.0.0.1:{port}/doc/id/authority/fr-nice"

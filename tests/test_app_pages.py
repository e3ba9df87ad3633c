"""Each page of the explorer, rendered with streamlit.testing on the explorer's fixture store."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from explorer_fixture import IDS, MD_LABEL, XSS_LABEL
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parent.parent / "app"
sys.path.insert(0, str(APP))  # app/common.py, as Streamlit puts it on the path
import common  # noqa: E402


@pytest.fixture
def app(fixture_root, monkeypatch):
    monkeypatch.setenv("COOPKG_STORE", str(fixture_root))

    def open_page(page: str | None = None, **params) -> AppTest:
        at = AppTest.from_file(str(APP / "Home.py"), default_timeout=60)
        if page:
            at.switch_page(common.PAGES[page])
        for key, value in params.items():
            at.query_params[key] = value
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return open_page


def texts(at, kind) -> list[str]:
    return [e.value for e in at.get(kind)]


def test_markdown_escape_shows_every_character():
    assert common.md(XSS_LABEL) == r"\<img src\=x onerror\=alert\(1\)\>"
    assert common.md(MD_LABEL) == r"\[x\]\(javascript\:alert\(1\)\)"
    assert common.md("**$x$** :red[y]") == r"\*\*\$x\$\*\* \:red\[y\]"
    assert common.entity_url(IDS + "authority/fr-nice") == "entity?iri=auth:fr-nice"
    assert common.entity_url("http://x.org/a b?c") == "entity?iri=http:%2F%2Fx.org%2Fa%20b%3Fc"
    assert common.web_url("javascript:alert(1)") is None and common.web_url("https://a.org") == "https://a.org"


def test_overview(app):
    at = app()
    assert texts(at, "title") == ["Coopération décentralisée franco-russe"]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Collectivités territoriales"] == "5" and metrics["Partenariats"] == "1"
    assert len(at.get("page_link")) == 5
    assert at.get("vega_lite_chart") and at.get("deck_gl_json_chart")


def test_language_switch(app):
    at = app()
    at.sidebar.get("button_group")[0].set_value("en").run()
    assert texts(at, "title") == ["French–Russian decentralised cooperation"]
    at = app("entity", iri="person:p0002", lang="en")
    assert texts(at, "title") == ["Mikhail Shvydkoy"]
    at = app("entity", iri="person:p0002", lang="fr")
    assert texts(at, "title") == [common.md("Mikhaïl Chvydkoï")]


@pytest.mark.parametrize("query", ["Nijni", "Nizhny", "Нижний"])
def test_search_across_scripts(app, query):
    at = app("search", q=query)
    assert "Collectivités territoriales (2)" in texts(at, "subheader")  # the city and its oblast
    first = at.get("page_link")[0].proto
    assert first.label == "Nijni Novgorod" and first.query_string == "iri=auth%3Aru-nizhny-novgorod"


def test_search_shows_html_labels_as_text(app):
    at = app("search", q="img onerror")
    labels = [link.proto.label for link in at.get("page_link")]
    assert labels == [common.md(XSS_LABEL)]
    at = app("search", q="nothing-like-this")
    assert texts(at, "info") == ["Rien trouvé. Essayez moins de mots, ou une autre graphie."]


def test_entity_page(app):
    at = app("entity", iri="event:test-meeting-1", lang="en")
    assert texts(at, "title") == [common.md("Test meeting")]
    assert at.query_params["lang"] in ("en", ["en"])  # the address stays a permalink
    disagreements = at.dataframe[0].value
    assert list(disagreements.columns) == ["property", "Minutes of the test meeting", "A newspaper article"]
    properties = at.dataframe[2].value
    assert {"entity?iri=place:fr-nice"} <= set(properties["link"].dropna())
    assert set(properties["source"]) == {"Minutes of the test meeting", "A newspaper article"}
    incoming = at.dataframe[3].value
    assert "entity?iri=participation:test-meeting-1-p0002" in set(incoming["link"])
    sources = at.dataframe[4].value.set_index("graph")
    assert sources["address"].isna()["cgraph:source-b"]  # a javascript: address is no link
    assert [b.proto.label for b in at.get("download_button")] == ["turtle", "jsonld", "ntriples", "rdfxml"]
    assert "digraph" in at.get("graphviz_chart")[0].proto.spec
    assert at.get("page_link")[0].proto.query_string == "iri=event%3Atest-meeting-1"


def test_entity_page_of_an_xss_label(app):
    at = app("entity", iri="person:p9999")
    assert texts(at, "title") == [common.md(XSS_LABEL)]
    labels = at.dataframe[0].value
    assert set(labels["value"]) == {XSS_LABEL, MD_LABEL}  # dataframe cells are text


def test_entity_page_unknown_and_invalid(app):
    at = app("entity", iri="person:p4242")
    assert texts(at, "warning") == ["Le graphe ne dit rien de cette IRI."]
    at = app("entity", iri="<not an iri>")
    assert texts(at, "error") == [common.tr("app.error")]  # a message, never a traceback
    assert not at.exception
    at = app("entity")
    assert texts(at, "title") == ["Fiche d'une entité"]


@pytest.mark.parametrize("view, chart", [("map", "deck_gl_json_chart"), ("timeline", "vega_lite_chart"),
                                         ("network", "vega_lite_chart"), ("themes", "vega_lite_chart")])
def test_views(app, view, chart):
    at = app("views", view=view)
    assert at.get(chart), f"no {chart} in the {view} view"
    code = [c.value for c in at.code]
    assert code and "#+ title@en:" in code[-1]  # the query behind the view


def test_view_facets_filter(app):
    at = app("views", view="timeline")
    assert "2 ligne(s)" in texts(at, "caption")
    at.selectbox(key="timeline-country").set_value(IDS + "country/ru").run()
    assert "0 ligne(s)" in texts(at, "caption")
    assert "?country = <https://w3id.org/coopkg/id/country/ru>" in at.code[-1].value


def test_catalogue(app):
    from coopkg.sparql.catalogue import load_catalogue

    catalogue = load_catalogue()
    if not catalogue:
        pytest.skip("no named query in queries/ yet")
    at = app("catalogue")
    assert not texts(at, "error"), texts(at, "error")
    names = at.selectbox(key="name").options
    assert len(names) == len(catalogue)
    assert at.get("download_button") or texts(at, "info")  # results shown at once (or "No result")


def test_sparql_editor_runs_and_downloads(app):
    at = app("sparql")
    assert at.text_area(key="query").value.startswith("# Les préfixes du projet")
    at.text_area(key="query").set_value("SELECT ?p ?name WHERE { ?p a foaf:Person ; skos:prefLabel ?name } ORDER BY ?name")
    at.button[0].click().run()
    frame = at.dataframe[0].value
    assert set(frame.columns) == {"p", "p (IRI)", "name"}
    assert "entity?iri=person:p0002" in set(frame["p (IRI)"])
    assert [b.proto.label for b in at.get("download_button")] == ["CSV", "TSV", "JSON", "XML"]
    assert any("résultat(s)" in c for c in texts(at, "caption"))
    assert len(at.session_state["sparql-history"]) == 1


def test_sparql_editor_errors_are_readable(app):
    at = app("sparql")
    at.text_area(key="query").set_value("SELECT ?s WHERE {\n  ?s ?p ?o ) }").run()
    at.button[0].click().run()
    assert "ligne 2" in at.error[0].value and "Erreur de syntaxe SPARQL" in at.error[0].value.replace("\\", "")
    at.text_area(key="query").set_value("DELETE WHERE { ?s ?p ?o }").run()
    at.button[0].click().run()
    assert "refusé" in at.error[0].value.replace("\\", "")
    at.text_area(key="query").set_value("CONSTRUCT WHERE { ?s a foaf:Person }").run()
    at.button[0].click().run()
    assert [b.proto.label for b in at.get("download_button")] == ["TURTLE", "JSONLD", "NTRIPLES", "RDFXML"]
    assert len(at.session_state["sparql-history"]) == 3


def test_sparql_permalink_runs_its_query(app):
    at = app("sparql", query="ASK { person:p0002 a foaf:Person }")
    assert texts(at, "success") == [common.tr("app.ask_true")]


def test_quality_page(app):
    at = app("quality")
    metrics = {m.label: m.value for m in at.metric}
    assert int(metrics["Avertissements"]) > 0
    assert len(at.dataframe) == 5
    completeness = at.dataframe[2].value.set_index("kind")
    assert completeness.loc["person", "ru"] == 1


def test_no_store_gives_a_message(tmp_path, monkeypatch):
    monkeypatch.setenv("COOPKG_STORE", str(tmp_path))
    at = AppTest.from_file(str(APP / "Home.py"), default_timeout=30)
    at.run()
    assert not at.exception
    assert texts(at, "error") == [common.tr("app.no_store")]


def test_coopkg_app_command_line(fixture_root, monkeypatch, capsys):
    from coopkg.cli import app as cli_app
    from coopkg.cli import main as cli

    command = cli_app.streamlit_command("0.0.0.0", 9999)
    assert command[1:4] == ["-m", "streamlit", "run"] and command[4].endswith("app/Home.py")
    for flag in ("--server.headless=true", "--client.toolbarMode=viewer", "--client.showErrorDetails=none",
                 "--global.developmentMode=false", "--browser.gatherUsageStats=false",
                 "--server.address=0.0.0.0", "--server.port=9999"):
        assert flag in command
    monkeypatch.setenv("COOPKG_STORE", str(fixture_root))
    assert cli.main(["app", "--port", "9999", "--dry-run"]) == 0
    assert "--server.port=9999" in capsys.readouterr().out


def test_coopkg_app_without_a_store(tmp_path, monkeypatch, capsys):
    from coopkg.cli import main as cli

    monkeypatch.setenv("COOPKG_STORE", str(tmp_path))
    assert cli.main(["app", "--lang", "fr"]) == 2
    assert "Aucun store n'a encore été construit" in capsys.readouterr().err


def test_streamlit_configuration_faces_the_public():
    import tomllib

    config = tomllib.loads((APP.parent / ".streamlit" / "config.toml").read_text())
    assert config["client"]["showErrorDetails"] == "none" and config["client"]["toolbarMode"] == "viewer"
    assert config["server"]["headless"] is True and config["browser"]["gatherUsageStats"] is False
    sources = "".join(p.read_text() for p in APP.rglob("*.py"))
    assert "unsafe_allow_html" not in sources and "st.markdown(" not in sources and "st.html(" not in sources

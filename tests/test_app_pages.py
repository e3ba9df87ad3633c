"""Each page of the explorer, rendered with streamlit.testing on the explorer's fixture store (and
on the real build where the users' tasks need the real data): the state in the address, three
languages, inert text."""

from __future__ import annotations

from pathlib import Path

import common  # app/common.py: app/ is on pytest's path, as Streamlit puts it
import pytest
import state
from explorer_fixture import BIDI_LABEL, IDS, LINK_LABEL, MD_LABEL, XSS_LABEL
from streamlit.testing.v1 import AppTest

from coopkg.i18n import MESSAGES, t

APP = Path(__file__).resolve().parent.parent / "app"


def opener(monkeypatch, root):
    monkeypatch.setenv("COOPKG_STORE", str(root))
    monkeypatch.setattr(common, "_served", [0.0, ""])  # the store of this test, not the previous one's

    def open_page(page: str | None = None, **params) -> AppTest:
        at = AppTest.from_file(str(APP / "Home.py"), default_timeout=60)
        if page:
            at.switch_page(common.PAGES[page])
        params.setdefault("lang", "fr")  # lang=None: none in the address
        for key, value in params.items():
            if value is not None:
                at.query_params[key] = value
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return open_page


@pytest.fixture
def app(fixture_root, monkeypatch):
    return opener(monkeypatch, fixture_root)


@pytest.fixture
def real_app(built, store_root, monkeypatch):
    return opener(monkeypatch, store_root)


def texts(at, kind) -> list[str]:
    return [e.value for e in at.get(kind)]


def param(at, name):
    value = at.query_params.get(name)
    return value[0] if isinstance(value, list) and len(value) == 1 else value


def test_data_text_is_inert():
    assert common.md(XSS_LABEL) == r"\<img src\=x onerror\=alert\(1\)\>"
    assert common.md(MD_LABEL) == r"\[x\]\(javascript\:alert\(1\)\)"
    assert common.md("**$x$** :red[y]") == r"\*\*\$x\$\*\* \:red\[y\]"
    assert common.md(LINK_LABEL) == r"see http\:\/\/evil\.example\/x now"  # no autolink
    assert common.plain(BIDI_LABEL) == "trusted⟨U+202E⟩exe.txt"  # the override shown, not obeyed
    assert common.plain("a\u2066b\u200fc") == "a⟨U+2066⟩b⟨U+200F⟩c"
    assert common.web_url("javascript:alert(1)") is None and common.web_url("https://a.org") == "https://a.org"


def test_links_between_pages_carry_the_language():
    assert state.entity_url(IDS + "authority/fr-nice", "ru") == "entity?iri=auth:fr-nice&lang=ru"
    assert state.entity_url("http://x.org/a b?c", "en", "Ab & c") == \
        "entity?iri=http:%2F%2Fx.org%2Fa%20b%3Fc&lang=en#Ab%20%26%20c"
    assert state.link_params("fr", iri="auth:fr-nice", q="") == {"iri": "auth:fr-nice", "lang": "fr"}


@pytest.mark.parametrize("header, locale, expected", [
    ("ru-RU,ru;q=0.9,en;q=0.8", "", "ru"), ("de-DE,de;q=0.9,en;q=0.5,fr;q=0.7", "", "fr"),
    ("fr;q=0, en", "", "en"), ("", "ru-RU", "ru"), ("de", "de-DE", None), ("*", "", None)])
def test_the_browser_language(header, locale, expected):
    assert state.pick_language(header, locale) == expected


def test_every_message_in_three_languages_and_every_explorer_key_used():
    assert all(set(entry) == {"en", "fr", "ru"} and all(entry.values()) for entry in MESSAGES.values())
    sources = "\n".join(p.read_text(encoding="utf-8") for p in APP.rglob("*.py"))
    library = "\n".join(p.read_text(encoding="utf-8") for p in (APP.parent / "src").rglob("*.py"))
    for key in MESSAGES:
        if key.startswith(("editor.", "graph.")):
            continue  # the components' tables (tests/test_components.py checks them)
        prefix = key.rsplit(".", 1)[0] + "."
        used = f'"{key}"' in sources + library or f"'{key}'" in sources + library or \
            f'"{prefix}' in sources + library or f"'{prefix}" in sources + library or \
            f'f"{prefix}{{' in sources + library
        assert used, f"{key} is used nowhere"


def test_without_lang_the_language_is_the_settings_one(app):
    from coopkg.config import settings

    at = app(lang=None)
    assert param(at, "lang") == settings().lang  # no browser in streamlit.testing: COOPKG_LANG decides
    assert texts(at, "title") == [t("app.overview.title", settings().lang)]


def test_overview(app):
    at = app()
    assert texts(at, "title") == ["Coopération décentralisée franco-russe"]
    assert param(at, "lang") == "fr"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Collectivités territoriales"] == "5" and metrics["Partenariats"] == "1"
    links = at.get("page_link")
    assert len(links) == 5 and all("lang=fr" in link.proto.query_string for link in links)
    assert at.get("deck_gl_json_chart") and at.get("vega_lite_chart")  # the map and its legend
    assert [b.proto.label for b in at.get("download_button")][:2] == ["PDF", "HTML"]  # the Répertoire


@pytest.mark.parametrize("lang, title, page", [("en", "French–Russian decentralised cooperation", "Search"),
                                               ("ru", "Французско-российское децентрализованное сотрудничество",
                                                "Поиск")])
def test_language_switch_redraws_every_label(app, lang, title, page):
    at = app()
    at.sidebar.get("button_group")[0].set_value(lang).run()
    assert texts(at, "title") == [title] and param(at, "lang") == lang
    assert page in [link.proto.label for link in at.get("page_link")]
    assert at.sidebar.get("button_group")[0].value == lang


def test_language_switch_keeps_the_screen(app):
    at = app("views", view="timeline", lang="fr")
    at.multiselect(key="views.country.fr").set_value(["country:fr"]).run()
    assert param(at, "country") == "country:fr"
    at.sidebar.get("button_group")[0].set_value("en").run()
    assert param(at, "view") == "timeline" and param(at, "country") == "country:fr"
    box = at.multiselect(key="views.country.en")
    assert box.label == "Country" and box.value == ["country:fr"]
    assert box.options[0] == "France (1)"


@pytest.mark.parametrize("query", ["Nijni", "Nizhny", "Нижний"])
def test_search_across_scripts(app, query):
    at = app("search", q=query)
    assert "Collectivités territoriales (2)" in texts(at, "subheader")  # the city and its oblast
    first = at.get("page_link")[0].proto
    assert first.label == "Nijni Novgorod" and first.query_string == "iri=auth%3Aru-nizhny-novgorod&lang=fr"


def test_search_shows_html_markdown_links_and_bidi_as_text(app):
    labels = [link.proto.label for link in app("search", q="img onerror").get("page_link")]
    assert labels == [common.md(XSS_LABEL)]
    labels = [link.proto.label for link in app("search", q="evil example", lang="en").get("page_link")]
    assert len(labels) == 1 and labels[0].endswith(common.md(LINK_LABEL))
    labels = [link.proto.label for link in app("search", q="trusted").get("page_link")]
    assert labels == [common.md(f"{XSS_LABEL} — trusted⟨U+202E⟩exe.txt")]
    at = app("search", q="nothing-like-this", lang="ru")
    assert texts(at, "info") == [t("app.search.none", "ru")]


def test_entity_page(app):
    at = app("entity", iri="event:test-meeting-1", lang="en")
    assert texts(at, "title") == [common.md("Test meeting")]
    assert param(at, "iri") == "event:test-meeting-1" and param(at, "lang") == "en"  # a permalink
    disagreements = at.dataframe[0].value
    assert list(disagreements.columns) == ["property", "https://w3id.org/coopkg/graph/source-a",
                                           "https://w3id.org/coopkg/graph/source-b"]
    headers = at.dataframe[0].proto.columns
    assert "Minutes of the test meeting" in headers and "A newspaper article" in headers
    participants = at.dataframe[1].value
    assert {c.split("#")[-1] for c in participants["participant"]} == {"Mikha%C3%AFl%20Chvydko%C3%AF%20%5Bfr%5D",
                                                                       "%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E%20%5Bfr%5D"} or \
        len(participants) == 2
    assert all(link.startswith(("entity?iri=", "#")) for link in participants["participant"])
    assert "lang=en" in participants["participant"][0]
    assert [b.proto.label for b in at.get("download_button")][-4:] == ["turtle", "jsonld", "ntriples", "rdfxml"]
    csv = [b for b in at.get("download_button") if b.proto.label == t("app.download_table", "en")]
    assert len(csv) == len(at.dataframe)  # every table downloadable


def test_entity_tables_show_no_none_and_sources_by_title(app):
    at = app("entity", iri="auth:fr-nice", lang="fr")
    partnerships = at.dataframe[0].value
    assert partnerships["partner"][0].endswith("#Nijni%20Novgorod")
    assert partnerships["dates"][0] == "1992-05-01" and partnerships["sources"][0] == "Minutes of the test meeting"
    for frame in (d.value for d in at.dataframe):
        assert not frame.astype(str).isin(["None", "nan"]).any().any()


def test_entity_page_of_hostile_labels(app):
    at = app("entity", iri="person:p9999")
    assert texts(at, "title") == [common.md(XSS_LABEL)]
    names = at.dataframe[0].value
    assert set(names["value"]) == {XSS_LABEL, MD_LABEL, LINK_LABEL, "trusted⟨U+202E⟩exe.txt"}  # cells are text


def test_a_name_in_iri_leads_to_the_search(app):
    at = app("entity", iri="Nice", lang="en")
    assert texts(at, "title") == ["Search"] and param(at, "q") == "Nice" and param(at, "lang") == "en"
    at = app("entity", iri="person:p4242")
    assert texts(at, "warning") == ["Le graphe ne dit rien de cette IRI."]
    at = app("entity")
    assert texts(at, "title") == ["Fiche d'une entité"]


@pytest.mark.parametrize("view, chart", [("map", "deck_gl_json_chart"), ("timeline", "vega_lite_chart"),
                                         ("network", "component_instance"), ("themes", "vega_lite_chart")])
def test_views(app, view, chart):
    at = app("views", view=view, lang="ru")
    assert at.get(chart), f"no {chart} in the {view} view"
    assert "#+ title@en:" in at.code[-1].value  # the query behind the view
    assert texts(at, "title") == ["Представления"]


def test_view_facets_count_narrow_and_live_in_the_address(app):
    at = app("views", view="map")
    country = at.multiselect(key="views.country.fr")
    assert country.options == ["France (1)", "Russie (1)"]
    assert "1 partenariats entre 3 collectivités" in texts(at, "caption")
    at.multiselect(key="views.theme.fr").set_value(["theme:tourism"]).run()
    assert param(at, "theme") == "theme:tourism"
    at = app("views", view="timeline", country="country:ru")
    assert at.get("info") and t("app.views.empty", "fr") in texts(at, "info")[0]  # nothing left: a hint
    at = app("views", view="timeline", theme="theme:culture", country="country:fr")
    assert "1 événements, 2 datations (dont 1 où les sources divergent) ; 0 sans date" in texts(at, "caption")
    assert at.multiselect(key="views.theme.fr").value == ["theme:culture"]


def test_a_period_counts_what_it_leaves_out(real_app):
    at = real_app("views", view="map", period="1990-2000")
    undated = [c for c in texts(at, "caption") if "sans date" in c]
    assert undated, texts(at, "caption")
    at = real_app("views", view="map", period="1990-2000", undated="1")
    assert not [c for c in texts(at, "caption") if "ne sont pas dans cette période" in c]


def test_catalogue_state_in_the_address(app):
    from coopkg.sparql.catalogue import load_catalogue

    at = app("catalogue", q="authority-partnerships", **{"p.authority": "auth:ru-nizhny-novgorod"})
    assert not texts(at, "error"), texts(at, "error")
    assert len(at.selectbox(key="catalogue.q.fr").options) == len(load_catalogue())
    assert at.selectbox(key="catalogue.q.fr").value == "authority-partnerships"
    headers = at.dataframe[0].proto.columns
    assert "Partenaire" in headers and "partnerLabel" not in headers
    at.sidebar.get("button_group")[0].set_value("ru").run()
    assert param(at, "q") == "authority-partnerships" and param(at, "p.authority") == "auth:ru-nizhny-novgorod"
    assert at.selectbox(key="catalogue.q.ru").format_func("authority-partnerships") == "Партнёрства органа власти"
    link = next(p for p in at.get("page_link") if "query=" in p.proto.query_string)
    assert "VALUES" in link.proto.query_string and "ru-nizhny-novgorod" in link.proto.query_string


def test_catalogue_open_in_the_editor_keeps_the_bound_parameters(real_app):
    at = real_app("catalogue", q="authority-partnerships", **{"p.authority": "auth:fr-nice"}, lang="en")
    rows = len(at.dataframe[0].value)
    link = next(p for p in at.get("page_link") if "query=" in p.proto.query_string)
    from urllib.parse import parse_qs

    query = parse_qs(link.proto.query_string)["query"][0]
    editor = real_app("sparql", query=query, lang="en")
    assert len(editor.dataframe[0].value) == rows


def test_sparql_editor_runs_and_downloads(app):
    at = app("sparql")
    at.session_state["sparql-editor"] = {"text": "SELECT ?p ?name WHERE { ?p a foaf:Person ; skos:prefLabel ?name }"
                                                 " ORDER BY ?name", "runs": 1, "complete": None}
    at.run()
    frame = at.dataframe[0].value
    assert list(frame.columns) == ["p", "name"]  # one column per variable
    assert any(link.startswith("entity?iri=person:p0002&lang=fr#") for link in frame["p"])
    labels = [b.proto.label for b in at.get("download_button")]
    assert {"CSV", "TSV", "JSON", "XML", t("app.download_table", "fr")} <= set(labels)
    assert param(at, "query").startswith("SELECT ?p ?name")


def test_sparql_errors_are_located_and_readable(app):
    at = app("sparql", query="SELECT ?s WHERE {\n  ?s ?p ?o ) }")
    message = at.error[0].value.replace("\\", "")
    assert "ligne 2" in message and "Erreur de syntaxe SPARQL" in message
    at = app("sparql", query="SELECT ?s WHERE { ?s nope:x ?o }", lang="ru")
    message = at.error[0].value.replace("\\", "")
    assert "неизвестный префикс nope" in message
    at = app("sparql", query="DELETE WHERE { ?s ?p ?o }", lang="en")
    assert "refused" in at.error[0].value.replace("\\", "")


def test_sparql_permalink_runs_its_query(app):
    at = app("sparql", query="ASK { person:p0002 a foaf:Person }")
    assert texts(at, "success") == [t("app.ask_true", "fr")]


def test_quality_page(app):
    at = app("quality", lang="ru")
    metrics = {m.label: m.value for m in at.metric}
    assert int(metrics["Предупреждения"]) > 0
    summary = at.dataframe[0].value
    assert set(summary["severity"]) <= {"Нарушение", "Предупреждение", "Информация"}
    assert "Warning" not in set(summary["severity"])


# A typical visit of each page on the real build: no page may end in the generic error message.
VISITS = {"overview": {}, "search": {"q": "Nice"}, "entity": {"iri": "auth:fr-nice"},
          "views": {"view": "timeline"}, "catalogue": {}, "sparql": {}, "quality": {}}


@pytest.mark.parametrize("lang", ["fr", "en", "ru"])
@pytest.mark.parametrize("page", list(common.PAGES))
def test_every_page_renders_on_the_real_build_without_an_error(real_app, page, lang):
    at = real_app(page, lang=lang, **VISITS[page])
    assert texts(at, "error") == []
    expected = {"overview": t("app.overview.title", lang), "entity": "Nice"}.get(page, t(f"app.page.{page}", lang))
    assert at.title and at.title[0].value.startswith(expected)  # the page itself (Nice has no ru label: "Nice [fr]")


def test_no_store_gives_a_message(tmp_path, monkeypatch):
    monkeypatch.setenv("COOPKG_STORE", str(tmp_path))
    monkeypatch.setattr(common, "_served", [0.0, ""])
    at = AppTest.from_file(str(APP / "Home.py"), default_timeout=30)
    at.run()
    assert not at.exception
    assert texts(at, "error") == [t("app.no_store", "en")] or texts(at, "error") == [common.tr("app.no_store")]


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
    assert "unsafe_allow_html" not in sources and "st.html(" not in sources and "st.markdown(" not in sources
    assert ":material/" not in (APP / "Home.py").read_text().split("page_icon")[1].split(",")[0]  # no web font icon

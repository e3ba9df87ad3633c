"""The explorer in a real headless Chromium (Debian's), driven by Playwright.

Starts `coopkg app` on free loopback ports: one server on the session's built store (the real
data), one on the explorer's fixture store (labels that are HTML and Markdown). The servers
run with a short query time limit (3 s). Screenshots of each page go to tests/screenshots/.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from explorer_fixture import MD_LABEL, XSS_LABEL
from publishing_servers import free_port

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("COOPKG_CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS = ROOT / "tests" / "screenshots"
TIME_LIMIT_S = 3
# An ORDER BY over a cross product of the whole store that keeps (almost) no row: it runs for
# hours on CPU without growing in memory, so the time limit, not the memory cap, stops it.
RUNAWAY = ("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i "
           "FILTER(STRLEN(CONCAT(STR(?c), STR(?f), STR(?i))) < 0) } ORDER BY ?c ?f ?i")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run", "--disable-quic"]


def _require_chromium() -> None:
    if not CHROMIUM.exists():
        message = f"Chromium not found at {CHROMIUM} (Debian package chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


class Server:
    def __init__(self, store_root: Path, log: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ, COOPKG_STORE=str(store_root), COOPKG_QUERY_TIMEOUT=str(TIME_LIMIT_S),
                   PYTHONPATH=os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]))
        self.log = log.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "coopkg", "app", "--host", "127.0.0.1", "--port", str(self.port)],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"coopkg app exited with {self.process.returncode}; see {log}")
            try:
                with urllib.request.urlopen(self.url + "/_stcore/health", timeout=2) as response:
                    if response.read().strip() == b"ok":
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"coopkg app did not answer within 60 s; see {log}")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, 15)  # the server and its query workers, started in their own group
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, 9)
        self.log.close()


@pytest.fixture(scope="module")
def browser():
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def real_server(browser, built, store_root, tmp_path_factory):
    server = Server(store_root, tmp_path_factory.mktemp("logs") / "real-app.log")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def fixture_server(browser, fixture_root, tmp_path_factory):
    server = Server(fixture_root, tmp_path_factory.mktemp("logs") / "fixture-app.log")
    yield server
    server.stop()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1600}, accept_downloads=True)
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.dialogs = dialogs
    yield page
    context.close()


def settle(page, timeout_ms: int = 30_000) -> None:
    """Wait until the script has run (Streamlit marks its root) and the page stopped moving."""
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=timeout_ms)
    page.wait_for_timeout(600)
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=timeout_ms)


def open_page(page, url: str) -> None:
    page.goto(url)
    settle(page)
    assert page.locator("[data-testid=stException]").count() == 0
    main = page.locator("[data-testid=stMain]").inner_text()
    assert "Traceback" not in main and "/work/" not in main and str(ROOT) not in main


def shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(800)  # charts draw after the script has run
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


PAGES = [
    ("overview", "/", "Coopération décentralisée franco-russe"),
    ("search", "/search?q=Nijni", "Recherche"),
    ("entity", "/entity?iri=event:rencontre-franco-russe-3", "Rencontre"),
    ("views-map", "/views", "Vues"),
    ("views-timeline", "/views?view=timeline", "Vues"),
    ("views-network", "/views?view=network", "Vues"),
    ("views-themes", "/views?view=themes", "Vues"),
    ("catalogue", "/catalogue", "Catalogue de requêtes"),
    ("sparql", "/sparql", "Éditeur SPARQL"),
    ("quality", "/quality", "Qualité des données"),
    ("overview-en", "/?lang=en", "French–Russian decentralised cooperation"),
]


@pytest.mark.parametrize("name, path, heading", PAGES, ids=[p[0] for p in PAGES])
def test_each_page_opens(real_server, page, name, path, heading):
    open_page(page, real_server.url + path)
    assert heading in page.locator("h1").first.inner_text()
    shoot(page, name)


def test_no_developer_menu(real_server, page):
    open_page(page, real_server.url + "/")
    page.locator("[data-testid=stMainMenu]").click() if page.locator("[data-testid=stMainMenu]").count() else None
    text = page.locator("body").inner_text()
    for developer_item in ("Rerun", "Clear cache", "Deploy", "Developer options"):
        assert developer_item not in text


@pytest.mark.parametrize("query", ["Nijni", "Nizhny", "Нижний"])
def test_search_across_scripts_then_open_the_entity(real_server, page, query):
    open_page(page, real_server.url + "/search")
    box = page.get_by_label("Nom d'une collectivité", exact=False)
    box.fill(query)
    box.press("Enter")
    settle(page)
    link = page.locator("[data-testid=stPageLink] a", has_text="Nijni Novgorod").first
    link.wait_for()
    link.click()
    settle(page)
    assert "iri=auth" in page.url and "nizhny-novgorod" in page.url
    assert page.locator("h1").first.inner_text() == "Nijni Novgorod"
    assert page.get_by_text("Ce qui y renvoie").count() == 1


@pytest.mark.parametrize("query", ["Chvydkoï", "Shvydkoy", "Швыдкой"])
def test_search_finds_the_person(real_server, page, query):
    open_page(page, f"{real_server.url}/search?q={query}")
    assert page.locator("[data-testid=stPageLink] a", has_text="Mikhaïl Chvydkoï").count() >= 1


def test_entity_page_and_its_rdf(real_server, page):
    open_page(page, real_server.url + "/entity?iri=event:rencontre-franco-russe-3&lang=en")
    assert "Where sources disagree" in page.locator("[data-testid=stMain]").inner_text()
    with page.expect_download() as download:
        page.get_by_role("button", name="turtle", exact=True).click()
    data = Path(download.value.path()).read_text(encoding="utf-8")
    assert "rencontre-franco-russe-3" in data and "@prefix" in data


def test_catalogue_query_and_download(real_server, page):
    open_page(page, real_server.url + "/catalogue")
    page.get_by_text("résultat(s) en").first.wait_for()
    with page.expect_download() as download:
        page.get_by_role("button", name="CSV", exact=True).click()
    lines = Path(download.value.path()).read_text(encoding="utf-8").splitlines()
    assert len(lines) >= 2  # a header and at least one row


def run_typed(page, server_url: str, query: str) -> float:
    """Type a query in the editor and run it; returns when it was sent."""
    open_page(page, server_url + "/sparql")
    area = page.locator("textarea").first
    area.fill(query)
    area.press("Control+Enter")  # commits the text area
    settle(page)
    page.get_by_role("button", name="Exécuter").click()
    sent = time.monotonic()
    page.wait_for_timeout(300)
    return sent


def test_typed_query_results_and_downloads(real_server, page):
    run_typed(page, real_server.url,
              "SELECT ?person ?name WHERE { ?person a foaf:Person ; skos:prefLabel ?name FILTER(lang(?name) = 'ru') }")
    settle(page)
    page.get_by_text("résultat(s) en").first.wait_for()
    assert page.locator("[data-testid=stDataFrame]").count() >= 1
    with page.expect_download() as download:
        page.get_by_role("button", name="JSON", exact=True).click()
    import json

    payload = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    names = {b["name"]["value"] for b in payload["results"]["bindings"]}
    assert "Михаил Ефимович Швыдкой" in names
    assert "query=" in page.url  # the permalink holds the query
    shoot(page, "sparql-results")


def test_syntax_error_shows_line_and_column(real_server, page):
    run_typed(page, real_server.url, "SELECT ?s WHERE {\n  ?s ?p ?o ) }")
    settle(page)
    error = page.locator("[data-testid=stAlertContentError]").first
    error.wait_for()
    assert "Erreur de syntaxe SPARQL (ligne 2, colonne" in error.inner_text()


def test_runaway_query_is_stopped_while_another_session_gets_answers(real_server, browser, page):
    started = run_typed(page, real_server.url, RUNAWAY)
    # Meanwhile, a second visitor searches and opens an entity page.
    other = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    try:
        other_started = time.monotonic()
        open_page(other, real_server.url + "/search?q=Bordeaux")
        other.locator("[data-testid=stPageLink] a", has_text="Bordeaux").first.wait_for(timeout=10_000)
        other_seconds = time.monotonic() - other_started
    finally:
        other.context.close()
    error = page.locator("[data-testid=stAlertContentError]").first
    error.wait_for(timeout=(TIME_LIMIT_S + 20) * 1000)
    stopped_after = time.monotonic() - started
    assert f"arrêtée après {TIME_LIMIT_S} s" in error.inner_text()
    assert TIME_LIMIT_S <= stopped_after < TIME_LIMIT_S + 10
    assert other_seconds < TIME_LIMIT_S + 5
    shoot(page, "sparql-runaway-stopped")
    print(f"runaway query stopped: its page showed the message {stopped_after:.1f} s after Run; "
          f"the other session was served in {other_seconds:.1f} s")


def test_update_is_refused_in_the_page(real_server, page):
    run_typed(page, real_server.url, "INSERT DATA { <http://a> <http://b> <http://c> }")
    settle(page)
    error = page.locator("[data-testid=stAlertContentError]").first
    error.wait_for()
    assert "INSERT" in error.inner_text() and "refusé" in error.inner_text()


def test_html_and_markdown_labels_show_as_text(fixture_server, page):
    open_page(page, fixture_server.url + "/search?q=img%20onerror")
    link = page.locator("[data-testid=stPageLink] a").first
    assert link.inner_text().splitlines()[-1].strip() == XSS_LABEL  # after the icon's name
    link.click()
    settle(page)
    assert page.locator("h1").first.inner_text() == XSS_LABEL
    main = page.locator("[data-testid=stMain]")
    assert main.locator("img[src=x]").count() == 0
    open_page(page, fixture_server.url + "/search?q=javascript&lang=en")
    link = page.locator("[data-testid=stPageLink] a").first
    assert MD_LABEL in link.inner_text()
    assert page.locator("a[href^='javascript:']").count() == 0
    open_page(page, fixture_server.url + "/entity?iri=person:p9999")
    page.wait_for_timeout(1500)
    assert not page.dialogs, page.dialogs
    shoot(page, "entity-xss-label")

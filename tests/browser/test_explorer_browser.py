"""The explorer in a real headless Chromium (Debian's), driven by Playwright, as its users use it.

Starts `coopkg app` on free loopback ports: one server on the session's built store (the real
data), one on the explorer's fixture store (labels that are HTML, Markdown, links and bidi
overrides). The servers run with a short query time limit (3 s). Every context records the
requests that would leave the machine and fails on any (tests/browser/offline.py). The users'
tasks run in French, English and Russian; every page is opened, shot (tests/screenshots/), and
its address opened again in a fresh browser, which must show the same screen.
"""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from explorer_fixture import IDS, MD_LABEL, XSS_LABEL
from offline import EDITOR, GRAPH, MAP, TABLE, OfflineRecorder
from publishing_servers import free_port

from coopkg.i18n import t

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("COOPKG_CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS = ROOT / "tests" / "screenshots"
TIME_LIMIT_S = 3
TIMEOUT_MS = 60_000
LANGS = ("fr", "en", "ru")
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


class Context:
    """A fresh browser (context) whose every request leaving the machine is stopped and recorded."""

    def __init__(self, browser, locale: str = "fr-FR"):
        self.context = browser.new_context(viewport={"width": 1400, "height": 1500}, accept_downloads=True,
                                           locale=locale)
        self.offline = OfflineRecorder(self.context).__enter__()
        self.page = self.context.new_page()
        self.page.dialogs = []
        self.page.on("dialog", lambda d: (self.page.dialogs.append(d.message), d.dismiss()))

    def close(self) -> None:
        self.offline.__exit__(None, None, None)
        self.context.close()
        assert self.offline.external == [], self.offline.report()
        assert all(url.startswith("ws://127.0.0.1") for url in self.offline.websockets), self.offline.websockets


@pytest.fixture
def fresh(browser):
    made = []

    def make(locale: str = "fr-FR") -> Context:
        made.append(Context(browser, locale))
        return made[-1]

    yield make
    for context in made:
        context.close()


@pytest.fixture
def page(fresh):
    return fresh().page


def settle(page, timeout_ms: int = TIMEOUT_MS) -> None:
    """Wait until the script has run (Streamlit marks its root) and the page stopped moving."""
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=timeout_ms)
    page.wait_for_load_state("networkidle")
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=timeout_ms)


def follow(page, link) -> None:
    """Click a link to another screen and wait until that screen's script has run."""
    before = page.url
    link.click()
    page.wait_for_url(lambda url: url != before, timeout=TIMEOUT_MS)  # the navigation's rerun has begun
    settle(page)


def heading_is(page, text: str) -> None:
    """The page's first heading reads ``text`` (waited for: a rerun may still be drawing it)."""
    from playwright.sync_api import expect

    expect(page.locator("h1").first).to_have_text(text, timeout=TIMEOUT_MS)


def open_page(page, url: str, drawn: str | None = None) -> None:
    page.goto(url)
    settle(page)
    if drawn:
        page.locator(drawn).first.wait_for(timeout=TIMEOUT_MS)
        settle(page)
    assert page.locator("[data-testid=stException]").count() == 0
    main = page.locator("[data-testid=stMain]").inner_text()
    assert "Traceback" not in main and "/work/" not in main and str(ROOT) not in main


# What the page shows, for comparing two opens of one address: its main text, with the times a
# query took left out (in the page, so that Playwright can wait for it to read something).
SCREEN = r"""() => document.querySelector("[data-testid=stMain]").innerText
    .replace(/\d+[.,]\d+ (s|с)(?![\p{L}\p{N}_])/gu, "T")"""


def screen_becomes(page, expected: str) -> str:
    """The page's screen once it reads ``expected`` (a table may still be filling in after the
    script has finished), or as it is when the wait gives up."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(f"expected => ({SCREEN})() === expected", arg=expected, timeout=TIMEOUT_MS)
    except PlaywrightTimeout:
        pass  # the caller's comparison shows the difference
    return screen(page)


def shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def pattern(key: str, lang: str, **fields: str) -> re.Pattern:
    """The message ``key`` as a regular expression, each field matching its own expression."""
    marked = t(key, lang, **{name: f"\x00{name}\x00" for name in fields})
    text = re.escape(marked)
    for name, expression in fields.items():
        text = text.replace(re.escape(f"\x00{name}\x00"), expression)
    return re.compile(text)


def screen(page) -> str:
    return page.evaluate(SCREEN)


def download(page, name: str) -> str:
    with page.expect_download() as event:
        page.get_by_role("button", name=name, exact=True).first.click()
    return Path(event.value.path()).read_text(encoding="utf-8-sig")


# --- every page, three languages, offline, and its permalink --------------------------------------

PAGES = [  # name, address, what shows it is drawn, the page's title (a key of coopkg.i18n)
    ("overview", "/", MAP, "app.overview.title"),
    ("search", "/search?q=Nice", "[data-testid=stPageLink]", "app.search.title"),
    ("entity-nice", "/entity?iri=auth:fr-nice", GRAPH, None),
    ("entity-meeting-6", "/entity?iri=event:groupe-pays-russie-meeting-6", TABLE, None),
    ("views-map", "/views?view=map&country=country:ru", MAP, "app.views.title"),
    ("views-timeline", "/views?view=timeline&period=2012-2020", "[data-testid=stVegaLiteChart]", "app.views.title"),
    ("views-network", "/views?view=network", GRAPH, "app.views.title"),
    ("views-themes", "/views?view=themes", "[data-testid=stVegaLiteChart]", "app.views.title"),
    ("catalogue", "/catalogue?q=authority-partnerships&p.authority=auth:fr-nice&sort=partner", TABLE,
     "app.catalogue.title"),
    ("sparql", "/sparql?query=SELECT%20%3Fe%20WHERE%20%7B%20%3Fe%20a%20coop%3AMeeting%20%7D", TABLE,
     "app.sparql.title"),
    ("quality", "/quality?severity=Warning", "[data-testid=stMetric]", "app.quality.title"),
]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name, path, drawn, title", PAGES, ids=[p[0] for p in PAGES])
def test_each_page_in_each_language_offline_and_its_permalink(real_server, fresh, name, path, drawn, title, lang):
    first = fresh().page
    separator = "&" if "?" in path else "?"
    open_page(first, f"{real_server.url}{path}{separator}lang={lang}", drawn)
    heading = first.locator("h1").first.inner_text()
    if title:
        assert heading == t(title, lang)
    assert f"lang={lang}" in first.url
    shoot(first, f"{name}-{lang}")
    # The address, opened in another browser (another language of its own), shows the same screen.
    again = fresh({"fr": "en-GB", "en": "ru-RU", "ru": "fr-FR"}[lang]).page
    open_page(again, first.url, drawn)
    assert again.locator("h1").first.inner_text() == heading
    assert screen_becomes(again, screen(first)) == screen(first)


def test_the_browser_language_is_the_first_choice_without_lang(real_server, fresh):
    page = fresh("ru-RU").page
    open_page(page, real_server.url + "/", MAP)
    assert page.locator("h1").first.inner_text() == t("app.overview.title", "ru") and "lang=ru" in page.url


def test_switching_language_keeps_the_screen_and_links_keep_the_language(real_server, page):
    open_page(page, real_server.url + "/views?view=timeline&lang=fr", "[data-testid=stVegaLiteChart]")
    page.locator("[data-testid=stSidebar]").get_by_role("radio", name="English").click()
    page.wait_for_url(re.compile(r"[?&]lang=en\b"), timeout=TIMEOUT_MS)  # the click's rerun has begun
    settle(page)
    assert "view=timeline" in page.url
    heading_is(page, "Views")
    assert page.get_by_text("Kind of event", exact=True).count() == 1  # the facets' labels too
    follow(page, page.locator("[data-testid=stSidebarNav] a", has_text="Search"))
    heading_is(page, "Search")
    assert "lang=en" in page.url


# --- the users' tasks, in three languages ----------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_nices_partnerships_to_csv(real_server, page, lang):
    """An international-relations officer of Nice: find the town, see its partnerships, take them away."""
    open_page(page, f"{real_server.url}/search?lang={lang}")
    box = page.get_by_label(t("app.search.box", lang))
    box.fill("Nice")
    box.press("Enter")
    settle(page)
    link = page.locator("[data-testid=stPageLink] a").first
    link.wait_for()
    follow(page, link)
    page.locator(GRAPH).first.wait_for(timeout=TIMEOUT_MS)
    assert "iri=auth:fr-nice" in page.url.replace("%3A", ":") and f"lang={lang}" in page.url
    heading = page.get_by_role("heading", name=re.compile("^" + t("app.entity.partnerships", lang)))
    heading.wait_for()
    rows = list(csv.reader(io.StringIO(table_csv(page, t("app.entity.partnerships", lang), lang))))
    header = rows[0]
    assert header[:2] == [t("app.col.partner", lang), t("app.iri_column", lang, title=t("app.col.partner", lang))]
    partners = {row[1] for row in rows[1:]}
    assert {IDS + "authority/ru-moscow", IDS + "authority/ru-saint-petersburg", IDS + "authority/yalta"} <= partners
    sources = header.index(t("app.col.sources", lang))
    assert all(row[sources] for row in rows[1:])  # every partnership with the title of its sources
    shoot(page, f"task-nice-partnerships-{lang}")


def table_csv(page, heading: str, lang: str) -> str:
    """The CSV of the table under the section ``heading`` (its own download button)."""
    button = page.locator(f"xpath=//*[self::h2 or self::h3][starts-with(normalize-space(.), '{heading}')]"
                          f"/following::button[contains(normalize-space(.), '{t('app.download_table', lang)}')][1]")
    with page.expect_download() as event:
        button.click()
    return Path(event.value.path()).read_text(encoding="utf-8-sig")


@pytest.mark.parametrize("lang", LANGS)
def test_the_6th_meeting_s_participants_with_their_capacities(real_server, page, lang):
    """A researcher: who attended the 6th meeting of the groupe-pays Russie, in which capacity."""
    open_page(page, f"{real_server.url}/entity?iri=event:groupe-pays-russie-meeting-6&lang={lang}", TABLE)
    assert page.get_by_role("heading", name=f"{t('app.entity.participants', lang)} (4)").count() == 1
    rows = list(csv.DictReader(io.StringIO(table_csv(page, t("app.entity.participants", lang), lang))))
    capacity = t("app.col.capacity", lang)
    assert len({row[t("app.iri_column", lang, title=t("app.col.participant", lang))] for row in rows}) == 4
    assert all(row[capacity] and row[capacity] != t("app.entity.no_capacity", lang) for row in rows), rows
    shoot(page, f"task-meeting-6-{lang}")


@pytest.mark.parametrize("lang", LANGS)
def test_disagreeing_dates_side_by_side_and_on_the_timeline(real_server, page, lang):
    open_page(page, f"{real_server.url}/entity?iri=event:rencontre-franco-russe-3&lang={lang}", TABLE)
    assert page.get_by_role("heading", name=t("app.entity.disagreements", lang)).count() == 1
    open_page(page, f"{real_server.url}/views?view=timeline&lang={lang}", "[data-testid=stVegaLiteChart]")
    counts = page.get_by_text(pattern("app.views.timeline_counts", lang, events=r"\d+", datings=r"\d+",
                                      disagreeing=r"[1-9]\d*", undated=r"\d+"))
    assert counts.count() == 1
    page.locator("[data-testid=stVegaLiteChart] canvas, [data-testid=stVegaLiteChart] svg").first.wait_for()
    shoot(page, f"task-timeline-{lang}")


@pytest.mark.parametrize("lang", LANGS)
def test_the_map_follows_the_facets_and_says_what_it_leaves_out(real_server, page, lang):
    open_page(page, f"{real_server.url}/views?view=map&lang={lang}", MAP)
    main = page.locator("[data-testid=stMain]")
    assert page.locator("[data-testid=stVegaLiteChart]").count() == 1  # the legend (its text is drawn on a canvas)
    assert t("app.views.crimea_note", lang) in main.inner_text()
    everything = main.get_by_text(pattern("app.views.map_counts", lang, partnerships=r"\d+",
                                          authorities=r"\d+")).first.inner_text()
    # Choose Russia in the country facet, as a visitor does: click, pick the value with its count.
    facet = page.locator("[data-testid=stMultiSelect]").first
    facet.click()
    option = page.get_by_role("option", name=re.compile(r"^(Russie|Russia|Россия) \(\d+\)$"))
    option.first.click()
    page.keyboard.press("Escape")
    page.wait_for_url(re.compile(r"country=country(%3A|:)ru"), timeout=TIMEOUT_MS)  # the choice's rerun has begun
    settle(page)
    narrowed = main.get_by_text(pattern("app.views.map_counts", lang, partnerships=r"\d+",
                                        authorities=r"\d+")).first.inner_text()
    assert narrowed != everything
    open_page(page, f"{real_server.url}/views?view=map&period=1990-2000&lang={lang}", MAP)
    assert page.get_by_text(pattern("app.views.undated", lang, n=r"\d+", what=".+")).count() == 1  # undated counted
    shoot(page, f"task-map-{lang}")


@pytest.mark.parametrize("lang", LANGS)
def test_the_network_of_authorities_zooms_and_clicks_through(real_server, page, lang):
    open_page(page, f"{real_server.url}/views?view=network&lang={lang}", GRAPH)
    frame = page.frame_locator(GRAPH)
    frame.locator("body[data-layout=done]").wait_for(timeout=TIMEOUT_MS)
    graph = page.frame(url=lambda u: "network_graph" in u)
    nodes = graph.evaluate("() => window.coopkgGraph.nodes().length")
    assert nodes > 50
    zoom = graph.evaluate("() => window.coopkgGraph.zoom()")
    frame.get_by_role("button", name=t("graph.zoom_in", lang)).click()
    assert graph.evaluate("() => window.coopkgGraph.zoom()") > zoom
    shoot(page, f"task-network-{lang}")
    frame.locator("select.chooser").select_option(IDS + "authority/fr-nice")
    frame.get_by_role("button", name=t("graph.open", lang)).click()
    page.wait_for_url(re.compile(r"/entity\?"), timeout=TIMEOUT_MS)
    settle(page)
    assert "fr-nice" in page.url and f"lang={lang}" in page.url


def type_in_editor(page, text: str) -> None:
    frame = page.frame_locator(EDITOR)
    frame.locator("body[data-ready=true] .cm-content").wait_for(timeout=TIMEOUT_MS)
    frame.locator(".cm-content").click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(text)


@pytest.mark.parametrize("lang", LANGS)
def test_a_query_typed_broken_and_fixed(real_server, page, lang):
    open_page(page, f"{real_server.url}/sparql?lang={lang}", EDITOR)
    frame = page.frame_locator(EDITOR)
    type_in_editor(page, "SELECT ?person ?name WHERE {\n  ?person a foaf:Person ; skos:prefLabel ?name )\n}")
    page.keyboard.press("Control+Enter")
    error = page.locator("[data-testid=stAlertContentError]").first
    error.wait_for(timeout=TIMEOUT_MS)
    where = pattern("sandbox.syntax_at", lang, line="2", column=r"\d+")
    assert where.search(error.inner_text()), error.inner_text()
    frame.locator(".cm-lintRange-error").wait_for(timeout=TIMEOUT_MS)  # marked in the text
    shoot(page, f"task-sparql-broken-{lang}")
    type_in_editor(page, "SELECT ?person ?name WHERE {\n  ?person a foaf:Person ; skos:prefLabel ?name\n}")
    page.keyboard.press("Control+Enter")
    page.locator(TABLE).first.wait_for(timeout=TIMEOUT_MS)
    settle(page)
    assert page.locator("[data-testid=stAlertContentError]").count() == 0
    assert frame.locator(".cm-lintRange-error").count() == 0
    assert "query=" in page.url and f"lang={lang}" in page.url
    data = download(page, "JSON")
    assert "Михаил Ефимович Швыдкой" in data
    shoot(page, f"task-sparql-fixed-{lang}")


def test_catalogue_opens_in_the_editor_with_its_parameters(real_server, page):
    open_page(page, f"{real_server.url}/catalogue?q=authority-partnerships&p.authority=auth:fr-nice&lang=en", TABLE)
    caption = page.get_by_text(re.compile(r"^\d+ result\(s\)")).first.inner_text()
    follow(page, page.get_by_role("link", name=t("app.catalogue.edit_bound", "en")))
    page.locator(TABLE).first.wait_for(timeout=TIMEOUT_MS)
    settle(page)
    assert page.get_by_text(re.compile(r"^\d+ result\(s\)")).first.inner_text().split()[0] == caption.split()[0]


def test_runaway_query_is_stopped_while_another_session_gets_answers(real_server, browser, fresh):
    page = fresh().page
    open_page(page, real_server.url + "/sparql?lang=fr", EDITOR)
    type_in_editor(page, RUNAWAY)
    page.keyboard.press("Control+Enter")
    started = time.monotonic()
    other = fresh().page
    other_started = time.monotonic()
    open_page(other, real_server.url + "/search?q=Bordeaux&lang=fr")
    other.locator("[data-testid=stPageLink] a", has_text="Bordeaux").first.wait_for(timeout=10_000)
    other_seconds = time.monotonic() - other_started
    error = page.locator("[data-testid=stAlertContentError]").first
    error.wait_for(timeout=(TIME_LIMIT_S + 20) * 1000)
    stopped_after = time.monotonic() - started
    assert f"arrêtée après {TIME_LIMIT_S} s" in error.inner_text()
    assert TIME_LIMIT_S <= stopped_after < TIME_LIMIT_S + 10
    assert other_seconds < TIME_LIMIT_S + 5
    print(f"runaway query stopped: its page showed the message {stopped_after:.1f} s after Run; "
          f"the other session was served in {other_seconds:.1f} s")


def test_update_is_refused_in_the_page(real_server, page):
    open_page(page, real_server.url + "/sparql?lang=fr", EDITOR)
    type_in_editor(page, "INSERT DATA { <http://a> <http://b> <http://c> }")
    page.keyboard.press("Control+Enter")
    error = page.locator("[data-testid=stAlertContentError]").first
    error.wait_for(timeout=TIMEOUT_MS)
    assert "INSERT" in error.inner_text() and "refusé" in error.inner_text()


def test_no_developer_menu(real_server, page):
    open_page(page, real_server.url + "/")
    if page.locator("[data-testid=stMainMenu]").count():
        page.locator("[data-testid=stMainMenu]").click()
    text = page.locator("body").inner_text()
    for developer_item in ("Rerun", "Clear cache", "Deploy", "Developer options"):
        assert developer_item not in text


def test_hostile_labels_show_as_text(fixture_server, page):
    open_page(page, fixture_server.url + "/search?q=img%20onerror&lang=fr")
    link = page.locator("[data-testid=stPageLink] a").first
    assert link.inner_text().splitlines()[-1].strip() == XSS_LABEL  # after the icon's name
    follow(page, link)
    heading_is(page, XSS_LABEL)
    main = page.locator("[data-testid=stMain]")
    assert main.locator("img[src=x]").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0
    assert page.locator("a[href^='http://evil']").count() == 0  # a label's address is no autolink
    open_page(page, fixture_server.url + "/search?q=trusted&lang=fr")
    assert "⟨U+202E⟩" in page.locator("[data-testid=stPageLink] a").first.inner_text()  # the override shown
    open_page(page, fixture_server.url + "/search?q=javascript&lang=en")
    assert MD_LABEL in page.locator("[data-testid=stPageLink] a").first.inner_text()
    open_page(page, fixture_server.url + "/entity?iri=person:p9999&lang=fr", GRAPH)
    page.wait_for_load_state("networkidle")
    assert not page.dialogs, page.dialogs
    shoot(page, "entity-hostile-labels")

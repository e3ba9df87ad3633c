"""The explorer's components (app/components) in a real headless Chromium, each on the demo page
tests/browser/component_demo.py served by Streamlit on loopback over the session's built store.

Every test records the requests that would leave the machine (tests/browser/offline.py) and
fails on any. Waits are for conditions (an element, a text, a count), never fixed delays.
Screenshots go to tests/screenshots/components-*.png.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from offline import OfflineRecorder
from publishing_servers import free_port

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
DEMO = Path(__file__).resolve().parent / "component_demo.py"
CHROMIUM = Path(os.environ.get("COOPKG_CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS = ROOT / "tests" / "screenshots"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run", "--disable-quic"]
TIMEOUT_MS = 30_000


@pytest.fixture(scope="module")
def demo_url(built, store_root, tmp_path_factory):
    if not CHROMIUM.exists():
        message = f"Chromium not found at {CHROMIUM} (Debian package chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    port = free_port()
    log_path = tmp_path_factory.mktemp("logs") / "components-demo.log"
    env = dict(os.environ, COOPKG_STORE=str(store_root),
               PYTHONPATH=os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]))
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(DEMO), "--server.headless=true",
             "--server.address=127.0.0.1", f"--server.port={port}", "--server.fileWatcherType=none",
             "--browser.gatherUsageStats=false", "--global.developmentMode=false"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                if process.poll() is not None:
                    raise RuntimeError(f"the demo exited with {process.returncode}; see {log_path}")
                try:
                    with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
                        if response.read().strip() == b"ok":
                            break
                except OSError:
                    if time.monotonic() > deadline:
                        raise RuntimeError(f"the demo did not answer within 60 s; see {log_path}")
                    time.sleep(0.3)
            yield url
        finally:
            os.killpg(process.pid, 15)
            process.wait(10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1300, "height": 1000})
    with OfflineRecorder(context) as offline:
        context.offline_recorder = offline
        yield context
    context.close()
    assert offline.external == [], offline.report()
    assert all(url.startswith("ws://127.0.0.1") for url in offline.websockets), offline.websockets


def open_demo(context, url: str):
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=TIMEOUT_MS)
    assert page.locator("[data-testid=stException]").count() == 0
    return page


def shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"components-{name}.png"), full_page=True)


# --- the SPARQL editor ------------------------------------------------------------------------------

def open_editor(context, url: str, lang: str = "fr"):
    page = open_demo(context, f"{url}/?demo=editor&lang={lang}")
    frame = page.frame_locator("iframe[title*=sparql_editor]")
    frame.locator("body[data-ready=true] .cm-content").wait_for(timeout=TIMEOUT_MS)
    return page, frame


def type_query(page, frame, text: str) -> None:
    frame.locator(".cm-content").click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(text)


def wait_for_runs(page, n: int) -> None:
    page.get_by_text(f"runs handled by the page: {n}", exact=True).wait_for(timeout=TIMEOUT_MS)


def test_editor_highlights_sparql_with_line_numbers(context, demo_url):
    page, frame = open_editor(context, demo_url)
    keyword = frame.locator(".cm-line span", has_text="SELECT").first
    variable = frame.locator(".cm-line span", has_text="?s").first
    name = frame.locator(".cm-line span", has_text="coop:LocalAuthority").first
    colours = {token: locator.evaluate("e => getComputedStyle(e).color")
               for token, locator in (("keyword", keyword), ("variable", variable), ("name", name))}
    assert colours == {"keyword": "rgb(5, 80, 174)", "variable": "rgb(149, 56, 0)", "name": "rgb(17, 99, 41)"}
    assert frame.locator(".cm-lineNumbers .cm-gutterElement", has_text="3").count() == 1
    shoot(page, "editor")


@pytest.mark.parametrize("keys", ["Control+Enter", "Meta+Enter"])
def test_editor_shortcut_runs_the_query(context, demo_url, keys):
    page, frame = open_editor(context, demo_url)
    wait_for_runs(page, 0)
    type_query(page, frame, "ASK { ?s ?p ?o }")
    page.keyboard.press(keys)
    wait_for_runs(page, 1)
    page.get_by_text("result: ", exact=False).wait_for()
    frame.locator(".cm-content").click()
    page.keyboard.press(keys)
    wait_for_runs(page, 2)


def test_editor_marks_the_error_at_its_line_and_column(context, demo_url):
    page, frame = open_editor(context, demo_url)
    type_query(page, frame, "SELECT ?s WHERE {\n  ?s nowhere:name ?o }")  # an unknown prefix
    frame.get_by_role("button", name="Exécuter").click()
    message = frame.locator(".error-message")
    message.wait_for(timeout=TIMEOUT_MS)
    assert message.inner_text().startswith("Erreur de syntaxe SPARQL (ligne 2, colonne 6) : préfixe inconnu nowhere")
    mark = frame.locator(".cm-lintRange-error")
    mark.wait_for()
    line_of_mark = mark.evaluate("e => [...e.closest('.cm-content').children].indexOf(e.closest('.cm-line')) + 1")
    assert line_of_mark == 2
    assert mark.inner_text() == "nowhere:name"  # the token before that place
    assert frame.locator(".cm-gutter-lint .cm-lint-marker-error").count() == 1
    shoot(page, "editor-error")
    type_query(page, frame, "SELECT ?s WHERE {\n  ?s ?p ?o }")
    page.keyboard.press("Control+Enter")
    message.wait_for(state="hidden", timeout=TIMEOUT_MS)
    assert frame.locator(".cm-lintRange-error").count() == 0


def test_editor_text_can_be_replaced_from_python(context, demo_url):
    page, frame = open_editor(context, demo_url)
    type_query(page, frame, "ASK {}")
    page.get_by_role("button", name="Example").click()  # set_editor_text() in the page
    frame.locator(".cm-content", has_text="coop:Meeting").wait_for(timeout=TIMEOUT_MS)
    assert frame.locator(".cm-content").inner_text().startswith("SELECT ?event WHERE {")


def completion_labels(frame) -> list[str]:
    options = frame.locator(".cm-tooltip-autocomplete li .cm-completionLabel")
    options.first.wait_for(timeout=TIMEOUT_MS)
    return options.all_inner_texts()


def test_editor_completes_prefixes_terms_and_entities_in_any_script(context, demo_url):
    page, frame = open_editor(context, demo_url)
    type_query(page, frame, "SELECT * WHERE { ?a a ")
    page.keyboard.type("aut")
    assert "auth:" in completion_labels(frame)
    page.keyboard.press("Escape")
    page.keyboard.type("h:x ; a coop:LocalAu")
    assert completion_labels(frame)[0] == "coop:LocalAuthority"  # a class, its label beside it
    page.keyboard.press("Escape")
    timings = {}
    for word in ("Nijni", "Нижний", "Nizhny"):
        page.keyboard.press("Control+End")
        page.keyboard.type(" . ?a ?p ")
        page.keyboard.type(word)
        option = frame.locator(".cm-tooltip-autocomplete li", has_text="auth:ru-nizhny-novgorod").first
        option.wait_for(timeout=TIMEOUT_MS)
        assert "Nijni Novgorod" in completion_labels(frame)
        timings[word] = frame.locator("body").get_attribute("data-last-entity-completion-ms")
        if word == "Нижний":
            shoot(page, "editor-completion")
        page.keyboard.press("Escape")
    page.keyboard.press("Control+End")
    page.keyboard.type(" . ?a ?p Nijn")
    city = frame.locator(".cm-tooltip-autocomplete li").filter(
        has=frame.locator(".cm-completionLabel", has_text=re.compile(r"^Nijni Novgorod$"))).filter(
        has=frame.locator(".cm-completionDetail", has_text=re.compile(r"auth:ru-nizhny-novgorod$")))
    city.click()
    assert frame.locator(".cm-content").inner_text().rstrip().endswith("?a ?p auth:ru-nizhny-novgorod")
    print("entity completion round trips (ms):", timings)


def test_editor_history_survives_a_new_browser_session(browser, context, demo_url):
    page, frame = open_editor(context, demo_url)
    query = "SELECT ?e WHERE { ?e a coop:Meeting } LIMIT 3"
    type_query(page, frame, query)
    page.keyboard.press("Control+Enter")
    wait_for_runs(page, 1)
    storage = context.storage_state()
    later = browser.new_context(viewport={"width": 1300, "height": 1000}, storage_state=storage)
    try:
        with OfflineRecorder(later) as offline:
            page, frame = open_editor(later, demo_url)
            picker = frame.get_by_label("Historique")
            options = picker.locator("option").all_inner_texts()
            assert options[0] == "Requêtes précédentes (1)" and options[1].endswith(query)
            picker.select_option("0")
            frame.locator(".cm-content", has_text="coop:Meeting").wait_for()
            assert frame.locator(".cm-content").inner_text() == query
            shoot(page, "editor-history")
        assert offline.external == [], offline.report()
    finally:
        later.close()


@pytest.mark.parametrize("lang, run_label, history_label", [("en", "Run", "History"), ("fr", "Exécuter", "Historique"),
                                                           ("ru", "Выполнить", "История")])
def test_editor_speaks_the_interface_language(context, demo_url, lang, run_label, history_label):
    page, frame = open_editor(context, demo_url, lang)
    assert frame.get_by_role("button", name=run_label, exact=True).count() == 1
    assert frame.get_by_label(history_label, exact=True).count() == 1
    assert frame.locator(".cm-content").get_attribute("aria-label") == {"en": "SPARQL query", "fr": "Requête SPARQL",
                                                                        "ru": "Запрос SPARQL"}[lang]


def test_editor_is_reachable_and_left_by_keyboard(context, demo_url):
    page, frame = open_editor(context, demo_url)
    frame.locator(".cm-content").focus()
    page.keyboard.press("Tab")  # Tab leaves the editor (no keyboard trap)...
    assert frame.locator("button.run").evaluate("e => e === document.activeElement")
    page.keyboard.press("Enter")  # ...to the Run button
    wait_for_runs(page, 1)


# --- the network graph ------------------------------------------------------------------------------

NICE = "https://w3id.org/coopkg/id/authority/fr-nice"


def open_graph(context, url: str, extra: str = ""):
    page = open_demo(context, f"{url}/?demo=graph{extra}")
    frame_locator = page.frame_locator("iframe[title*=network_graph]")
    frame_locator.locator("body[data-layout=done]").wait_for(timeout=60_000)
    frame = page.frame(url=lambda u: "network_graph" in u)
    return page, frame_locator, frame


LABEL_OVERLAPS = """() => {
  const cy = window.coopkgGraph;
  const boxes = cy.nodes().map((n) => n.boundingBox({ includeLabels: true, includeOverlays: false }));
  let overlaps = 0;
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], b = boxes[j];
    if (Math.min(a.x2, b.x2) > Math.max(a.x1, b.x1) && Math.min(a.y2, b.y2) > Math.max(a.y1, b.y1)) overlaps++;
  }
  const fontPx = 12 * cy.zoom();
  return { nodes: cy.nodes().length, overlaps, labelsDrawn: fontPx >= 6, fontPx };
}"""


def test_graph_labels_do_not_overlap_at_rest_and_a_click_returns_the_iri(context, demo_url):
    page, frame_locator, frame = open_graph(context, demo_url)
    state = frame.evaluate(LABEL_OVERLAPS)
    assert state["nodes"] > 30 and state["overlaps"] == 0 and state["labelsDrawn"], state
    legend = frame_locator.locator(".legend-label").all_inner_texts()
    # The network of authorities: authorities, and the events they share; the legend lists the kinds drawn.
    assert legend == ["Collectivité", "Événement"]
    shoot(page, "graph")
    # Bring Nice into view as a visitor would (pan), then click it where it is drawn.
    position = frame.evaluate("""(iri) => { const cy = window.coopkgGraph; const n = cy.getElementById(iri);
        cy.center(n); const p = n.renderedPosition(); return { x: p.x, y: p.y }; }""", NICE)
    graph_box = frame_locator.locator(".graph").bounding_box()
    page.mouse.click(graph_box["x"] + position["x"], graph_box["y"] + position["y"])
    page.get_by_text(f"clicked: {NICE}", exact=False).wait_for(timeout=TIMEOUT_MS)


def test_graph_zooms_and_opens_a_node_from_the_keyboard(context, demo_url):
    page, frame_locator, frame = open_graph(context, demo_url, "&lang=en")
    before = frame.evaluate("() => window.coopkgGraph.zoom()")
    frame_locator.get_by_role("button", name="Zoom in").click()
    assert frame.evaluate("() => window.coopkgGraph.zoom()") > before
    chooser = frame_locator.get_by_label("Node", exact=True)
    chooser.focus()
    chooser.select_option(NICE)
    page.keyboard.press("Tab")
    assert frame.evaluate("() => document.activeElement.textContent") == "Open"
    page.keyboard.press("Enter")
    page.get_by_text(f"clicked: {NICE}", exact=False).wait_for(timeout=TIMEOUT_MS)


def test_graph_shows_html_labels_as_text(context, demo_url):
    page, frame_locator, frame = open_graph(context, demo_url, "&nodes=xss")
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    labels = frame.evaluate("() => window.coopkgGraph.nodes().map((n) => n.data('label'))")
    assert labels == ["<img src=x onerror=alert(1)>", "**bold**"]
    assert frame_locator.locator("img").count() == 0
    options = frame_locator.locator("select.chooser option").all_inner_texts()
    assert "<img src=x onerror=alert(1)> (Personne)" in options
    assert not dialogs


# --- the offline base map -----------------------------------------------------------------------------

def test_map_draws_coastlines_and_borders_with_no_external_request(context, demo_url):
    import numpy as np
    from components.basemap_map import BORDER, LAND, OCEAN
    from PIL import Image

    page = open_demo(context, f"{demo_url}/?demo=map")
    chart = page.locator("[data-testid=stDeckGlJsonChart]")
    chart.locator("canvas").first.wait_for(timeout=TIMEOUT_MS)
    page.locator("[data-testid=stVegaLiteChart]").first.wait_for()  # the legend
    path = SCREENSHOTS / "components-map.png"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def shares() -> dict[str, float]:
        chart.screenshot(path=str(path))
        pixels = np.asarray(Image.open(path).convert("RGB"), dtype=int).reshape(-1, 3)

        def share(colour, tolerance):
            return float((np.abs(pixels - np.array(colour[:3])) <= tolerance).all(axis=1).mean())

        return {"ocean": share(OCEAN, 3), "land": share(LAND, 3), "border": share(BORDER, 40)}

    page.wait_for_function("() => document.querySelector('[data-testid=stDeckGlJsonChart] canvas').width > 0")
    seen = shares()
    deadline = time.monotonic() + 30
    while not (seen["ocean"] > 0.15 and seen["land"] > 0.25 and seen["border"] > 0.01) and time.monotonic() < deadline:
        page.wait_for_function("() => new Promise((r) => requestAnimationFrame(() => r(true)))")
        seen = shares()
    assert seen["ocean"] > 0.15 and seen["land"] > 0.25 and seen["border"] > 0.01, seen
    page.screenshot(path=str(SCREENSHOTS / "components-map-page.png"), full_page=True)

"""The dereferencing server as a browser on another origin sees it (Debian's Chromium, driven by
Playwright, everything on loopback): a script of http://localhost:B reads documents of
http://127.0.0.1:A: the CORS preflight that JSON-LD with a profile needs, conditional GETs the
script makes and the ones the browser's own cache makes, redirects and errors it can read; and
the pages a person opens (the language, the ontology's anchors through the 303).
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from publishing_servers import free_port, uvicorn_app
from test_explorer_browser import CHROMIUM, LAUNCH_ARGS, SCREENSHOTS, _require_chromium

from coopkg.publish.server import create_app

pytestmark = pytest.mark.browser
PROFILE = 'application/ld+json;profile="http://www.w3.org/ns/json-ld#compacted"'


class Recorder:
    """An ASGI wrapper keeping (method, path, request headers, status) of every exchange."""

    def __init__(self, app):
        self.app, self.seen = app, []

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        record = {"method": scope["method"], "path": scope["path"],
                  "headers": {k.decode().lower(): v.decode() for k, v in scope["headers"]}}

        async def sending(message):
            if message["type"] == "http.response.start":
                record["status"] = message["status"]
                self.seen.append(record)
            await send(message)

        return await self.app(scope, receive, sending)


@pytest.fixture(scope="module")
def browser():
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def site(built):
    recorder = Recorder(create_app())
    with uvicorn_app(recorder) as address:
        yield address, recorder


@pytest.fixture(scope="module")
def other_origin():
    """A blank page on http://localhost:B, the origin the scripts run from."""

    class Blank(BaseHTTPRequestHandler):
        def do_GET(self):
            body = b"<!DOCTYPE html><html><head><title>elsewhere</title></head><body>elsewhere</body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", free_port()), Blank)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://localhost:{server.server_address[1]}/"
    finally:
        server.shutdown()
        thread.join(timeout=10)


@pytest.fixture()
def page(browser, other_origin):
    context = browser.new_context()
    page = context.new_page()
    page.goto(other_origin)
    yield page
    context.close()


def exchanges(recorder, method: str, path: str) -> list[dict]:
    return [r for r in recorder.seen if r["method"] == method and r["path"] == path]


def test_json_ld_with_a_profile_from_another_origin_is_preflighted_and_read(page, site):
    address, recorder = site
    result = page.evaluate("""async ([url, accept]) => {
        const response = await fetch(url, {headers: {Accept: accept}});
        const body = await response.json();
        return {status: response.status, type: response.headers.get('content-type'), etag: response.headers.get('etag'),
                context: Boolean(body['@context']), nodes: body['@graph'].length};
    }""", [address + "doc/id/authority/fr-nice", PROFILE])
    assert result["status"] == 200 and result["type"] == "application/ld+json"
    assert result["etag"], "the ETag is exposed to scripts"
    assert result["context"] and result["nodes"] > 10
    preflights = exchanges(recorder, "OPTIONS", "/doc/id/authority/fr-nice")
    assert preflights, "Chromium asked first: the profile makes Accept a non-safelisted header"
    assert preflights[-1]["status"] == 204 and preflights[-1]["headers"]["access-control-request-method"] == "GET"


def test_a_script_s_conditional_get_gets_304(page, site):
    address, _ = site
    result = page.evaluate("""async (url) => {
        const first = await fetch(url, {headers: {Accept: 'text/turtle'}});
        await first.text();
        const etag = first.headers.get('etag');
        const again = await fetch(url, {headers: {Accept: 'text/turtle', 'If-None-Match': etag}});
        const since = await fetch(url, {headers: {Accept: 'text/turtle', 'If-Modified-Since': first.headers.get('last-modified')}});
        return {first: first.status, again: again.status, body: (await again.text()).length, since: since.status};
    }""", address + "doc/id/authority/fr-nice")
    assert result == {"first": 200, "again": 304, "body": 0, "since": 304}


def test_the_browser_cache_revalidates_with_the_etag(page, site):
    address, recorder = site
    url = address + "doc/graph/geonames"
    result = page.evaluate("""async (url) => {
        const first = await fetch(url, {headers: {Accept: 'application/n-triples'}});
        const size = (await first.text()).length;
        const again = await fetch(url, {headers: {Accept: 'application/n-triples'}, cache: 'no-cache'});
        return {first: first.status, again: again.status, same: (await again.text()).length === size, size};
    }""", url)
    assert result["first"] == 200 and result["again"] == 200 and result["same"] and result["size"] > 1000
    revalidated = [r for r in exchanges(recorder, "GET", "/doc/graph/geonames") if "if-none-match" in r["headers"]]
    assert revalidated and revalidated[-1]["status"] == 304, "the browser asked with its cached ETag and got 304"


def test_redirects_and_errors_are_readable_from_another_origin(page, site):
    address, _ = site
    result = page.evaluate("""async (base) => {
        const thing = await fetch(base + 'id/authority/fr-nice', {headers: {Accept: 'application/n-triples'}});
        const missing = await fetch(base + 'doc/id/authority/fr-atlantis');
        const refused = await fetch(base + 'doc/id/authority/fr-nice', {headers: {Accept: 'image/png'}});
        const bad = await fetch(base + 'doc/id/authority/fr-nice?format=yaml');
        const dump = await fetch(base + 'dumps/coopkg.nt', {method: 'HEAD'});
        const voidDoc = await fetch(base + '.well-known/void', {headers: {Accept: 'text/turtle'}});
        return {redirected: thing.redirected, url: thing.url, status: thing.status,
                missing: missing.status, refused: refused.status, bad: bad.status, badText: await bad.text(),
                dump: dump.status, dumpType: dump.headers.get('content-type'), voidUrl: voidDoc.url,
                voidTriples: (await voidDoc.text()).includes('void:triples')};
    }""", address)
    assert result["redirected"] and result["url"] == address + "doc/id/authority/fr-nice" and result["status"] == 200
    assert (result["missing"], result["refused"], result["bad"]) == (404, 406, 400)
    assert "unknown format" in result["badText"]
    assert result["dump"] == 200 and result["dumpType"] == "application/n-triples"
    assert result["voidUrl"] == address + "doc/id/dataset/coopkg" and result["voidTriples"]


def test_a_person_reads_the_pages_in_their_language(browser, site):
    address, _ = site
    context = browser.new_context(locale="fr-FR", extra_http_headers={"Accept-Language": "fr-FR,fr;q=0.9"})
    page = context.new_page()
    response = page.goto(address + "id/authority/fr-nice")
    assert response.status == 200 and response.headers["content-language"] == "fr"
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("h1").inner_text() == "Nice"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "publish-nice-fr.png"), full_page=False)
    page.goto(address + "ontology#Partnership")
    assert page.url == address + "doc/ontology#Partnership", "the fragment survives the 303"
    assert page.locator("#Partnership").is_visible()
    assert page.evaluate("() => document.getElementById('Partnership').getBoundingClientRect().top") < 200, "scrolled to it"
    page.screenshot(path=str(SCREENSHOTS / "publish-ontology-fr.png"), full_page=False)
    context.close()

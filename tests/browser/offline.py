"""Record every request a page makes that would leave the machine, and stop it.

Route interception on a whole browser context: a request to a loopback host (127.0.0.0/8,
localhost, ::1) or to a ``data:``/``blob:`` address goes on; any other one is aborted and
recorded with its resource type and the frame that asked for it. Websockets are recorded too
(Playwright's routes do not see them), so a test can assert that the only socket is Streamlit's
own on loopback.

    with OfflineRecorder(context) as offline:
        page.goto(url)
        ...
    assert offline.external == [], offline.report()
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from urllib.parse import urlsplit

LOCAL_SCHEMES = ("data", "blob", "about", "chrome-extension")


def is_loopback(url: str) -> bool:
    """Whether ``url`` stays on this machine (its host is loopback, or it has no host at all)."""
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    host = (parts.hostname or "").strip("[]")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class ExternalRequest:
    url: str
    resource_type: str  # document, script, stylesheet, font, image, fetch, xhr, websocket, other
    frame_url: str  # the page or iframe that made it
    method: str = "GET"

    def __str__(self) -> str:
        return f"{self.method} {self.url} ({self.resource_type}, from {self.frame_url or '?'})"


@dataclass
class OfflineRecorder:
    """Abort and record the non-loopback requests of a Playwright ``BrowserContext``."""

    context: object
    external: list[ExternalRequest] = field(default_factory=list)
    websockets: list[str] = field(default_factory=list)
    local_requests: int = 0

    def __enter__(self) -> "OfflineRecorder":
        self.context.route("**/*", self._route)
        self.context.on("page", self._watch_page)
        for page in self.context.pages:
            self._watch_page(page)
        return self

    def __exit__(self, *exc) -> None:
        self.context.unroute("**/*", self._route)

    def _watch_page(self, page) -> None:
        page.on("websocket", self._on_websocket)

    def _on_websocket(self, websocket) -> None:
        self.websockets.append(websocket.url)
        if not is_loopback(websocket.url):
            self.external.append(ExternalRequest(websocket.url, "websocket", ""))

    def _route(self, route) -> None:
        request = route.request
        if is_loopback(request.url):
            self.local_requests += 1
            route.continue_()
            return
        try:
            frame_url = request.frame.url
        except Exception:  # noqa: BLE001 - a service worker's request has no frame
            frame_url = ""
        self.external.append(ExternalRequest(request.url, request.resource_type, frame_url, request.method))
        route.abort("blockedbyclient")

    def report(self) -> str:
        return "\n".join(str(r) for r in self.external) or "no external request"


MAP = "[data-testid=stDeckGlJsonChart] canvas"
CHART = "[data-testid=stVegaLiteChart]"
TABLE = "[data-testid=stDataFrame]"
GRAPH = "iframe[title*=network_graph]"
EDITOR = "iframe[title*=sparql_editor]"
# Each page with what shows it is fully drawn (maps and charts load their code after the script ran).
EXPLORER_PAGES = (("/", MAP), ("/search?q=Nice", "[data-testid=stPageLink]"),
                  ("/entity?iri=auth:fr-nice", GRAPH), ("/entity?iri=event:groupe-pays-russie-meeting-6", TABLE),
                  ("/views?view=map", MAP), ("/views?view=timeline", CHART), ("/views?view=network", GRAPH),
                  ("/views?view=themes", CHART), ("/catalogue?q=authority-partnerships&p.authority=auth:fr-nice", TABLE),
                  ("/sparql", EDITOR), ("/quality", "[data-testid=stMetric]"))


def audit(base_url: str, paths=EXPLORER_PAGES, chromium: str = "/usr/bin/chromium") -> dict[str, list[ExternalRequest]]:
    """Open each page of a running explorer in a fresh context, wait until its ``drawn`` selector
    shows and the network is idle; the external requests of each page."""
    from playwright.sync_api import sync_playwright

    found: dict[str, list[ExternalRequest]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"])
        for path, drawn in paths:
            context = browser.new_context(viewport={"width": 1400, "height": 1400})
            with OfflineRecorder(context) as offline:
                page = context.new_page()
                page.goto(base_url.rstrip("/") + path)
                page.locator(drawn).first.wait_for(timeout=60_000)
                page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=60_000)
                page.wait_for_load_state("networkidle")
            found[path] = list(offline.external)
            context.close()
        browser.close()
    return found


if __name__ == "__main__":  # python tests/browser/offline.py http://127.0.0.1:8501
    import sys

    for path, requests in audit(sys.argv[1]).items():
        print(path, "->", "; ".join(str(r) for r in requests) or "none")

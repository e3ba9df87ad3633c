"""What every page of the explorer shares: the store (opened once per build) and what the
library reads once from it (labels, kinds, sources: the library's own per-repository cache, the
only one; Streamlit's caches keep only what the library does not: view rows, figures), the interface language, inert text, and the guard that turns any error into a
readable message (details go to the server log, never to the page).
"""

from __future__ import annotations

import logging
import re
import threading
import time

import state
import streamlit as st

from coopkg.i18n import t
from coopkg.read.entity import Source, load_sources
from coopkg.read.labels import Labels, load_kinds, load_labels
from coopkg.store import open_repository, repository_key
from coopkg.store.base import Repository, diagnose

log = logging.getLogger("coopkg.app")

LANGUAGES = state.LANGUAGE_NAMES

# Pages by role, relative to app/Home.py (st.page_link and st.switch_page take these paths).
PAGES = {
    "overview": "explorer_pages/overview.py",
    "search": "explorer_pages/search.py",
    "entity": "explorer_pages/entity.py",
    "views": "explorer_pages/views.py",
    "catalogue": "explorer_pages/catalogue.py",
    "sparql": "explorer_pages/sparql.py",
    "quality": "explorer_pages/quality.py",
}


# --- language -------------------------------------------------------------------------------------

def lang() -> str:
    return state.language()


def tr(key: str, **values) -> str:
    return t(key, lang(), **values)


# --- inert text ---------------------------------------------------------------------------------------

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&:\"'=/^@%;?,])")
# Bidirectional controls and other invisible format characters: shown by name, so a label can
# never reorder or hide the text around it.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def plain(text: object) -> str:
    """Text from the data as it should be seen: invisible and bidi control characters made
    visible (``⟨U+202E⟩``), line breaks as spaces."""
    text = "" if text is None else str(text)
    return _INVISIBLE.sub(lambda m: f"⟨U+{ord(m.group(0)):04X}⟩", text).replace("\r", " ").replace("\n", " ")


def md(text: object) -> str:
    """Text for elements that render Markdown (titles, labels of buttons and links, alerts):
    every ASCII punctuation mark escaped, so data always shows as the characters it holds."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", plain(text))


def web_url(url: str | None) -> str | None:
    """Only http(s) addresses become links: a ``javascript:`` address stays text."""
    return url if url and url.startswith(("http://", "https://")) else None


# --- the store and what is read once from it --------------------------------------------------------

_served: list = [0.0, ""]  # when the served build was last looked up, and its key


def build_path() -> str:
    """What names the repository being served: the current build or the remote endpoint of
    COOPKG_ENDPOINT. Looked up at most once a second (a page asks for it for every label): a new
    build is picked up at the next rerun after that."""
    now = time.monotonic()
    if now - _served[0] > 1.0 or not _served[1]:
        _served[1] = repository_key()
        _served[0] = now
    return _served[1]


_opened: dict[str, Repository] = {}  # the served repository, by its key: opened once for every session
_opening = threading.Lock()


def repository() -> Repository:
    """The served repository, opened once per build (a new build replaces the old one here)."""
    key = build_path()
    repo = _opened.get(key)
    if repo is None:
        with _opening:
            repo = _opened.get(key)
            if repo is None:
                repo = open_repository(key)
                _opened.clear()
                _opened[key] = repo
    return repo


# Labels, kinds and sources are read once per repository object by the library itself (its
# caches live as long as the repository, which Streamlit keeps above): no second cache here.

def labels() -> Labels:
    return load_labels(repository())


def kinds() -> dict[str, str]:
    return load_kinds(repository())


def sources() -> dict[str, Source]:
    return load_sources(repository())


def label(iri_or_term, language: str | None = None, mark: bool = True) -> str:
    """The label of an IRI in the interface language, inert; where it is only known in another
    language, that language shows after it (``Нижний Новгород [ru]``)."""
    language = language or lang()
    known = labels()
    text = plain(known.label(iri_or_term, language))
    iri = getattr(iri_or_term, "value", iri_or_term)
    if mark and isinstance(iri, str) and not hasattr(iri_or_term, "language"):
        shown_in = known.label_language(iri, language)
        if shown_in not in (None, "", language):
            text += f" [{shown_in}]"
    return text


def source_title(graph: str, language: str | None = None) -> str:
    """The title of a named graph's source document in the interface language (else the graph's)."""
    language = language or lang()
    source = sources().get(graph)
    if source and source.document and source.document in labels():
        return label(source.document, language)
    return label(graph, language)


# --- the guard --------------------------------------------------------------------------------------

def guard(body) -> None:
    """Run a page body; any error becomes a readable message and a log entry."""
    try:
        body()
    except Exception as exc:  # noqa: BLE001 - the visitor gets a message, the log gets the details
        fault = diagnose(exc)
        if fault is None:
            log.exception("page failed")
            st.error(tr("app.error"))
        elif fault.kind == "missing":
            st.error(tr("app.no_store"))
        else:  # damaged, unreadable, locked: said as such, the folder only in the log
            log.error("page failed: %s", fault)
            st.error(md(tr("sandbox.store", why=tr(f"store.{fault.kind}"))))


def client_key() -> str:
    """Whose fair share of the query service a query counts against: this browser session."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    context = get_script_run_ctx()
    return f"explorer session {context.session_id}" if context is not None else "explorer"

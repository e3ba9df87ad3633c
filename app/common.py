"""What every page of the explorer shares: the cached store and labels, the interface language,
safe text, links to entity pages, the results table, and the guard that turns any error into a
readable message (details go to the server log, never to the page).

Nothing here shapes data or holds a query: that is the library's job (``coopkg.*``).
"""

from __future__ import annotations

import logging
import re
from urllib.parse import quote

import pandas as pd
import streamlit as st

from coopkg.i18n import t
from coopkg.rdf.formats import FILE_EXTENSIONS, MEDIA_TYPES
from coopkg.rdf.namespaces import compact
from coopkg.read.labels import Labels, load_kinds, load_labels
from coopkg.read.views import outcome_table
from coopkg.service import sandbox
from coopkg.store import open_repository, repository_key
from coopkg.store.base import Repository, diagnose

log = logging.getLogger("coopkg.app")

LANGUAGES = {"fr": "Français", "en": "English"}
DEFAULT_LANGUAGE = "fr"
PAGE_SIZES = (25, 100, 250, 1000)

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
    chosen = st.session_state.get("lang") or st.query_params.get("lang") or DEFAULT_LANGUAGE
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


def url_state(key: str, default: str, allowed) -> None:
    """Start a widget's state from the URL (``?key=value``) once per session; ``keep_in_url``
    writes it back, so the address is a permalink."""
    if key not in st.session_state:
        value = st.query_params.get(key)
        st.session_state[key] = value if value in allowed else default


def keep_in_url(key: str, default: str) -> None:
    value = st.session_state.get(key)
    if value and value != default:
        st.query_params[key] = value
    elif key in st.query_params:
        del st.query_params[key]


def tr(key: str, **values) -> str:
    return t(key, lang(), **values)


# --- safe text ----------------------------------------------------------------------------------------

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&:\"'=/^@%;?,])")


def md(text: object) -> str:
    """Text for elements that render Markdown (titles, labels of buttons and links, alerts):
    every ASCII punctuation mark escaped, so data always shows as the characters it holds."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


def entity_url(iri: str) -> str:
    """A relative link to the entity page of ``iri`` (relative, so a base path still works),
    naming it in compact form where it has one (``entity?iri=auth:fr-nice``)."""
    return "entity?iri=" + quote(compact(iri), safe=":")


def web_url(url: str | None) -> str | None:
    """Only http(s) addresses become links: a ``javascript:`` address stays text."""
    return url if url and url.startswith(("http://", "https://")) else None


# --- the store and what is read once from it --------------------------------------------------------

@st.cache_resource(show_spinner=False)
def _repository(key: str) -> Repository:
    return open_repository(key)


def build_path() -> str:
    """What names the repository being served: the current build (a new build is picked up at
    the next rerun) or the remote endpoint of COOPKG_ENDPOINT."""
    return repository_key()


def repository() -> Repository:
    return _repository(build_path())


@st.cache_resource(show_spinner=False)
def _labels(path: str) -> Labels:
    return load_labels(_repository(path))


@st.cache_resource(show_spinner=False)
def _kinds(path: str) -> dict[str, str]:
    return load_kinds(_repository(path))


def labels() -> Labels:
    return _labels(build_path())


def kinds() -> dict[str, str]:
    return _kinds(build_path())


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


# --- results ----------------------------------------------------------------------------------------

def links(frame: pd.DataFrame, iri_columns: list[str]) -> tuple[pd.DataFrame, dict]:
    """IRI columns turned into links to entity pages (showing the compact IRI); the frame for
    st.dataframe and its column_config."""
    frame = frame.copy()
    config = {}
    for column in iri_columns:
        if column in frame:
            frame[column] = [entity_url(v) if isinstance(v, str) and v else "" for v in frame[column]]
            config[column] = st.column_config.LinkColumn(column, display_text=r"entity\?iri=(.*)$")
    return frame, config


def show_outcome(outcome: sandbox.QueryOutcome, key: str, name: str = "results") -> None:
    """An outcome on the page: the error, or the rows with paging, sorting and downloads."""
    lang_ = lang()
    if not outcome.ok:
        st.error(md(outcome.error))
        return
    if outcome.form == "ASK":
        st.success(tr("app.ask_true") if outcome.boolean else tr("app.ask_false"))
        _downloads(outcome, key, name)
        return
    frame, iri_columns = outcome_table(outcome, labels(), lang_)
    st.caption(tr("app.result_count", n=outcome.count(), seconds=f"{outcome.elapsed:.2f}"))
    if outcome.truncated:
        st.warning(md(outcome.truncation_notice(lang_)))
    if frame.empty:
        st.info(tr("app.no_rows"))
    else:
        size_col, page_col, sort_col, order_col = st.columns([1, 1, 2, 1])
        size = size_col.selectbox(tr("app.page_size"), PAGE_SIZES, index=1, key=f"{key}-size")
        pages = max(1, -(-len(frame) // size))
        page = page_col.number_input(tr("app.page"), 1, pages, 1, key=f"{key}-page")
        sort = sort_col.selectbox(tr("app.sort_by"), [""] + [c for c in frame.columns if not c.endswith(")")],
                                  key=f"{key}-sort", format_func=lambda c: c or tr("app.unsorted"))
        descending = order_col.toggle(tr("app.descending"), key=f"{key}-desc")
        if sort:
            frame = frame.sort_values(sort, ascending=not descending, kind="stable", key=lambda s: s.astype(str).str.casefold())
        start = (int(page) - 1) * size
        shown, config = links(frame.iloc[start:start + size], iri_columns)
        st.dataframe(shown, column_config=config, hide_index=True, width="stretch")
        st.caption(tr("app.page_of", page=int(page), pages=pages))
    _downloads(outcome, key, name)


def _downloads(outcome: sandbox.QueryOutcome, key: str, name: str) -> None:
    formats = outcome.formats()
    if not formats:
        return
    st.caption(tr("app.downloads"))
    columns = st.columns(len(formats) + (1 if outcome.truncated else 0))
    for column, fmt in zip(columns, formats):
        column.download_button(fmt.upper(), data=outcome.serialize(fmt), key=f"{key}-dl-{fmt}",
                               file_name=f"{name}.{FILE_EXTENSIONS[fmt]}", mime=MEDIA_TYPES[fmt],
                               on_click="ignore")
    if outcome.truncated and "sparql" in st.session_state.get(f"{key}-request", {}):
        request = st.session_state[f"{key}-request"]
        fmt = formats[0]

        def full() -> bytes:
            result = sandbox.download(request["sparql"], request.get("substitutions"), fmt, lang=lang(), name=name,
                                      client=client_key())
            return result.data if result.data is not None else (result.outcome.error or "").encode("utf-8")

        columns[-1].download_button(tr("app.download_all", limit=sandbox.configured_download_limit(), fmt=fmt.upper()),
                                    data=full, key=f"{key}-dl-all", file_name=f"{name}-all.{FILE_EXTENSIONS[fmt]}",
                                    mime=MEDIA_TYPES[fmt], on_click="ignore")


def client_key() -> str:
    """Whose fair share of the query service a query counts against: this browser session."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    context = get_script_run_ctx()
    return f"explorer session {context.session_id}" if context is not None else "explorer"


def run_and_remember(sparql: str, substitutions: dict | None, key: str) -> sandbox.QueryOutcome:
    """Run a query in the sandbox, once per distinct request in this session."""
    request = {"sparql": sparql, "substitutions": substitutions or {}}
    previous = st.session_state.get(f"{key}-request")
    cached = st.session_state.get(f"{key}-outcome")
    if cached is not None and previous == request and st.session_state.get(f"{key}-lang") == lang():
        return cached
    with st.spinner(tr("app.running")):
        outcome = sandbox.run_query(sparql, substitutions, lang=lang(), client=client_key())
    st.session_state[f"{key}-request"] = request
    st.session_state[f"{key}-outcome"] = outcome
    st.session_state[f"{key}-lang"] = lang()
    return outcome


# --- the map (shared by the overview and the views) -------------------------------------------------

COUNTRY_COLOURS = {"https://w3id.org/coopkg/id/country/fr": [31, 119, 180, 200],
                   "https://w3id.org/coopkg/id/country/ru": [214, 39, 40, 200]}


def partnership_map(points: pd.DataFrame, arcs: pd.DataFrame, height: int = 450, zoom: float = 2.3) -> None:
    """Authorities as dots (France blue, Russia red, others grey; bigger with more partnerships)
    and partnerships as arcs. Names show in tooltips, which are plain text (deck.gl sets
    innerText); no text layer: deck.gl draws only the glyphs it is given up front."""
    import pydeck as pdk

    dots = [{"position": [float(r.long), float(r.lat)], "name": str(r.authorityLabel),
             "radius": 12000 + 6000 * min(int(r.partnerships or 0), 8),
             "colour": COUNTRY_COLOURS.get(r.authorityCountry, [120, 120, 120, 200])}
            for r in points.dropna(subset=["lat", "long"]).itertuples()]
    lines = [{"source": [float(r.longA), float(r.latA)], "target": [float(r.longB), float(r.latB)], "name": r.title}
             for r in arcs.dropna(subset=["latA", "longA", "latB", "longB"]).itertuples()]
    layers = [
        pdk.Layer("ArcLayer", lines, get_source_position="source", get_target_position="target",
                  get_source_color=[31, 119, 180, 140], get_target_color=[214, 39, 40, 140], get_width=1.5,
                  get_height=0.4, pickable=True),
        pdk.Layer("ScatterplotLayer", dots, get_position="position", get_radius="radius", radius_min_pixels=3,
                  radius_max_pixels=10, get_fill_color="colour", stroked=True, get_line_color=[255, 255, 255],
                  line_width_min_pixels=1, pickable=True),
    ]
    deck = pdk.Deck(layers=layers, initial_view_state=pdk.ViewState(latitude=52, longitude=38, zoom=zoom),
                    tooltip={"text": "{name}"}, map_style=None)
    st.pydeck_chart(deck, height=height)

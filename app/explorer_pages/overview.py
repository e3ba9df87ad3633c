"""Overview: what the graph holds, the ways in, a map of the partnerships, the sources, and the
Répertoire (the printable directory of partnerships) to download."""

import charts
import common
import pyoxigraph as ox
import state
import streamlit as st
import tables
from components.basemap_map import basemap_map

from coopkg.publish.repertoire import MEDIA_TYPES, file_name, make_directory
from coopkg.read import stats, views
from coopkg.read.labels import kind_label

PAGE = "overview"


@st.cache_data(show_spinner=False, max_entries=2)
def _numbers(path: str) -> dict:
    repo = common.repository()
    numbers = stats.compute(repo)
    return {"triples": numbers.triples, "graphs": [(g, n) for g, n, _ in numbers.by_graph],
            "kinds": views.kind_counts(repo),
            "arcs": views.run_view(repo, views.MAP_PARTNERSHIPS).rows,
            "dots": views.run_view(repo, views.MAP_AUTHORITIES).rows}


@st.cache_data(show_spinner=False, max_entries=6)
def _repertoire(path: str, lang: str, fmt: str) -> bytes:
    """The Répertoire of this build (seconds to make: made once per build, language and format)."""
    return make_directory(common.repository(), lang, fmt)


def main():
    lang = common.lang()
    path = common.build_path()
    state.keep_only([])
    st.title(common.tr("app.overview.title"))
    st.write(common.tr("app.overview.intro"))
    numbers = _numbers(path)
    counts = dict(numbers["kinds"])
    cols = st.columns(5)
    cols[0].metric(common.tr("app.overview.triples"), f"{numbers['triples']:,}".replace(",", " "))
    cols[1].metric(common.tr("app.overview.sources"), len(numbers["graphs"]))
    for col, kind in zip(cols[2:], ("authority", "partnership", "event")):
        col.metric(kind_label(kind, lang), counts.get(kind, 0))

    st.subheader(common.tr("app.overview.ways_in"))
    links = st.columns(5)
    for col, page in zip(links, ("search", "views", "catalogue", "sparql", "quality")):
        col.page_link(common.PAGES[page], label=common.tr(f"app.page.{page}"), icon=":material/arrow_forward:",
                      query_params=state.link_params(lang))

    left, right = st.columns([3, 2])
    with left:
        st.subheader(common.tr("app.overview.map"))
        partners = {}
        for r in numbers["arcs"]:
            for a in (r["a"], r["b"]):
                partners[a] = partners.get(a, 0) + 1
        dots, arcs, _ = charts.map_layers(numbers["arcs"], numbers["dots"], lang, partners)
        basemap_map(dots, arcs, charts.map_legend(), height=400, zoom=1.9)
    with right:
        st.subheader(common.tr("app.overview.repertoire"))
        st.caption(common.tr("app.overview.repertoire_hint"))
        buttons = st.columns(2)
        for column, fmt in zip(buttons, ("pdf", "html")):
            column.download_button(common.tr(f"app.overview.repertoire_{fmt}"),
                                   data=lambda fmt=fmt: _repertoire(path, lang, fmt), key=f"repertoire-{fmt}-{lang}",
                                   file_name=file_name(lang, fmt), mime=MEDIA_TYPES[fmt], on_click="ignore",
                                   icon=":material/menu_book:")
        st.subheader(common.tr("app.overview.kinds"))
        integer = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
        tables.show([{"kind": ox.Literal(kind_label(k, lang)), "count": ox.Literal(str(n), datatype=integer)}
                     for k, n in numbers["kinds"]],
                    [tables.Column("kind", common.tr("app.col.kind")),
                     tables.Column("count", common.tr("app.col.count"), tables.NUMBER)],
                    key="kinds", name="kinds", lang=lang, height=280)
    st.subheader(common.tr("app.overview.graphs"))
    sources = common.sources()
    rows = [{"graph": ox.NamedNode(g), "triples": ox.Literal(str(n), datatype=integer),
             "address": ox.Literal(common.web_url(sources[g].url)) if g in sources and common.web_url(sources[g].url)
             else None} for g, n in numbers["graphs"]]
    tables.show(rows, [tables.Column("graph", common.tr("app.col.source"), tables.GRAPH),
                       tables.Column("triples", common.tr("app.col.triples"), tables.NUMBER),
                       tables.Column("address", common.tr("app.col.address"))],
                key="graphs", name="sources", lang=lang)


common.guard(main)

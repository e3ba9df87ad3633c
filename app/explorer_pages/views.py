"""Views built from the data: the map of partnerships, the timeline of events, the network of
authorities, themes over time. Each has its facets (several values each, with counts, narrowing
each other, all in the address), counts what it cannot draw (undated, without coordinates), its
data as a table to download, and the query behind it."""

import charts
import common
import facets
import state
import streamlit as st
import tables
from components.basemap_map import basemap_map
from components.network_graph import network_graph

from coopkg.i18n import t
from coopkg.read import views

PAGE = "views"
VIEWS = ("map", "timeline", "network", "themes")
FACETS = {  # view -> facets, in the order shown (the names are the address's keys)
    "map": ("country", "region", "kind", "theme", "source"),
    "timeline": ("eventClass", "theme", "country", "region", "source"),
    "network": ("relation", "country", "source"),
    "themes": ("what", "theme", "source"),
}
QUERIES = {"map": views.MAP_PARTNERSHIPS, "timeline": views.TIMELINE, "network": views.NETWORK,
           "themes": views.THEMES}
IRI_COLUMNS = ("partnership", "a", "b", "kind", "event", "class", "series", "city", "status", "authority", "other",
               "via", "authorityCountry", "otherCountry", "thing", "theme", "country")


@st.cache_data(show_spinner=False, max_entries=16)
def _rows(path: str, name: str) -> list[dict]:
    return views.run_view(common.repository(), name).rows


@st.cache_data(show_spinner=False, max_entries=8)
def _facet_values(path: str, name: str) -> dict:
    return views.facet_values(common.repository(), name)


def items_of(name: str, path: str) -> tuple[dict, str]:
    """The view's items, each with its facet values; and the row column naming the item."""
    if name == "map":
        return _facet_values(path, views.PARTNERSHIP_FACETS), "partnership"
    if name == "timeline":
        return _facet_values(path, views.EVENT_FACETS), "event"
    rows = _rows(path, QUERIES[name])
    items: dict[str, dict[str, set]] = {}
    if name == "network":
        for i, r in enumerate(rows):
            items[str(i)] = {"relation": {r["relation"]}, "source": {r["graph"]},
                             "country": {c for c in (r.get("authorityCountry"), r.get("otherCountry")) if c}}
        return items, ""
    for r in rows:  # themes: one item per thing
        entry = items.setdefault(r["thing"], {"what": set(), "theme": set(), "source": set(), "date": set()})
        entry["what"].add(r["what"])
        entry["theme"].add(r["theme"])
        entry["source"].add(r["graph"])
        if r.get("date"):
            entry["date"].add(r["date"])
    return items, "thing"


def facet_titles(name: str, lang: str) -> dict[str, str]:
    return {f: common.tr(f"app.views.facet.{f}") if f != "relation" else common.tr("app.views.relations")
            for f in FACETS[name]}


def show_table(name: str, rows: list[dict], lang: str) -> None:
    query = views.view_query(QUERIES[name])
    converted = tables.plain_rows(rows, iri_columns=IRI_COLUMNS, graph_columns=("graph",))
    variables = [c for c in (rows[0].keys() if rows else []) if not c.startswith(("lat", "long"))]
    hidden = {c for c in variables if query.column_title(c, lang) is None}
    with st.expander(common.tr("app.views.table")):
        tables.show(converted, tables.columns_of(variables, converted, query, lang, hidden=hidden),
                    key=f"{name}-data", name=f"view-{name}", lang=lang)


def main():
    lang = common.lang()
    path = common.build_path()
    state.keep_only(["view", "period", "undated", *{f for fs in FACETS.values() for f in fs}])
    st.title(common.tr("app.views.title"))
    name = state.segmented(PAGE, "view", common.tr("app.views.choose"), VIEWS, lang=lang, default="map",
                           format_func=lambda v: t(f"app.views.{v}" if v != "network" else "app.views.network_of", lang))
    query = views.view_query(QUERIES[name])
    st.caption(common.plain(query.description(lang)))
    items, item_column = items_of(name, path)
    words = {"relation": lambda v: common.tr(f"app.views.relation.{v}"),
             "what": lambda v: common.tr(f"app.views.what.{v}")}  # facets whose values are words, not IRIs
    selection = facets.widgets(PAGE, items, facet_titles(name, lang), lang, with_period=name != "network",
                               names=words)
    chosen = facets.kept(items, selection)
    rows = _rows(path, QUERIES[name])
    if name == "network":
        shown = [r for i, r in enumerate(rows) if str(i) in chosen]
    else:
        shown = [r for r in rows if r.get(item_column) in chosen]
    if not shown:
        facets.empty_hint()
    dropped = facets.undated(items, selection) if selection.period and not selection.keep_undated else 0
    if dropped:
        st.caption(common.tr("app.views.undated", n=dropped, what=common.tr(f"app.views.what.{'event' if name == 'timeline' else 'partnership'}").lower()))

    if name == "map":
        dots_rows = _rows(path, views.MAP_AUTHORITIES)
        partners = {a for r in shown for a in (r["a"], r["b"])}
        if not selection.empty:
            dots_rows = [r for r in dots_rows if r["authority"] in partners]
        counts = {}
        for r in shown:
            for a in (r["a"], r["b"]):
                counts[a] = counts.get(a, 0) + 1
        dots, arcs, unplaced = charts.map_layers(shown, dots_rows, lang, counts)
        st.caption(common.tr("app.views.map_counts", partnerships=len({r["partnership"] for r in shown}),
                             authorities=len(dots)))
        if unplaced:
            st.caption(common.tr("app.views.map_unplaced", n=unplaced))
        basemap_map(dots, arcs, charts.map_legend(), height=540, caption=common.tr("app.views.crimea_note"))
    elif name == "timeline":
        events = {r["event"] for r in shown}
        dated = [r for r in shown if r.get("start") or r.get("date")]
        per_event = {}
        for r in dated:
            per_event.setdefault(r["event"], set()).add(str(r.get("start") or r.get("date")))
        undated_events = sorted(events - set(per_event), key=lambda e: common.label(e, lang).casefold())
        st.caption(common.tr("app.views.timeline_counts", events=len(events), datings=len(dated),
                             disagreeing=sum(1 for d in per_event.values() if len(d) > 1), undated=len(undated_events)))
        st.caption(common.tr("app.views.timeline_hint"))
        chart = charts.timeline_chart(dated, lang)
        if chart is not None:
            st.altair_chart(chart, width="stretch")
        if undated_events:
            st.subheader(common.tr('app.views.undated_lane'))
            for event in undated_events:
                st.page_link(common.PAGES["entity"], label=common.md(common.label(event, lang)),
                             query_params=state.link_params(lang, iri=state.iri_param(event)))
    elif name == "network":
        nodes, edges, styles, counts = charts.network(shown, lang)
        st.caption(common.tr("app.views.network_counts", **counts) + " · " + common.tr("app.views.network_hint"))
        if nodes:
            clicked = network_graph(nodes, edges, kinds=styles, key=f"authority-network-{lang}", lang=lang, height=640)
            if clicked:
                st.switch_page(common.PAGES["entity"], query_params=state.link_params(lang, iri=state.iri_param(clicked)))
    else:
        things = {r["thing"] for r in shown}
        undated_things = things - {r["thing"] for r in shown if r.get("date")}
        st.caption(common.tr("app.views.themes_counts", themes=len({r["theme"] for r in shown}), things=len(things),
                             undated=len(undated_things)))
        chart = charts.themes_chart(shown, lang)
        if chart is not None:
            st.altair_chart(chart, width="stretch")
    show_table(name, shown, lang)
    with st.expander(common.tr("app.views.query")):
        text = query.text
        if not selection.empty:
            lines = [common.tr("app.views.query_facets")]
            lines += [f"#   {f} = {', '.join(sorted(state.iri_param(v) for v in vs))}"
                      for f, vs in selection.values.items() if vs]
            if selection.period:
                lines.append(f"#   period = {selection.period[0]}–{selection.period[1]}")
            text = "\n".join(lines) + "\n" + text
        st.code(text, language="sparql")


common.guard(main)

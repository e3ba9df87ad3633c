"""Views built from the data: map, timeline, network, themes over time; each with its facets and
the query behind it."""

import altair as alt
import common
import streamlit as st

from coopkg.read import views
from coopkg.read.labels import kind_label

VIEWS = {"map": views.MAP_PARTNERSHIPS, "timeline": views.TIMELINE, "network": views.NETWORK, "themes": views.THEMES}


@st.cache_data(show_spinner=False)
def _choices(path: str, name: str, lang: str):
    return views.facet_choices(common._repository(path), name, lang, common._labels(path))


@st.cache_data(show_spinner=False)
def _bounds(path: str):
    return views.period_bounds(common._repository(path))


def facets(view_name: str) -> dict[str, str]:
    """The facet widgets of a view, from the parameters its query declares."""
    lang = common.lang()
    path = common.build_path()
    query = views.view_query(VIEWS[view_name])
    choices = _choices(path, query.name, lang)
    values: dict[str, str] = {}
    params = [p for p in query.params if p.type == "iri"]
    cols = st.columns(min(len(params), 4) or 1)
    for i, param in enumerate(params):
        options = [""] + [iri for iri, _ in choices.get(param.name, [])]
        names = dict(choices.get(param.name, []))
        values[param.name] = cols[i % len(cols)].selectbox(
            param.label(lang), options, key=f"{view_name}-{param.name}",
            format_func=lambda v, names=names: names.get(v, v) if v else common.tr("app.views.any"))
    if {"since", "until"} <= {p.name for p in query.params}:
        bounds = _bounds(path)
        if bounds and bounds[0] < bounds[1]:
            since, until = st.slider(common.tr("app.views.period"), bounds[0], bounds[1], bounds,
                                     key=f"{view_name}-period")
            if (since, until) != tuple(bounds):
                values["since"], values["until"] = str(since), str(until)
    return {k: v for k, v in values.items() if v}


@st.cache_data(show_spinner=False)
def _view(path: str, name: str, facet_items: tuple, lang: str, kinds_shown: tuple = ()):
    repo, labels = common._repository(path), common._labels(path)
    chosen = dict(facet_items)
    if name == "map":
        points, arcs = views.map_view(repo, chosen, lang, labels)
        return points.frame, arcs.frame, points.sparql() + "\n\n" + arcs.sparql(), {}
    if name == "timeline":
        view = views.timeline_view(repo, chosen, lang, labels)
    elif name == "network":
        view = views.network_view(repo, chosen, lang, labels, set(kinds_shown) or None)
        nodes, edges = views.network_layout(view)
        return view.frame, None, view.sparql(), {"nodes": nodes, "edges": edges}
    else:
        view = views.themes_view(repo, chosen, lang, labels)
    return view.frame, None, view.sparql(), {}


def _kind_names(lang: str) -> str:
    """A Vega expression naming the kinds in the interface language (legend labels)."""
    names = {k: kind_label(k, lang) for k in ("person", "organisation", "authority", "event")}
    return " : ".join(f"datum.label == '{k}' ? '{v}'" for k, v in names.items()) + " : datum.label"


def main():
    lang = common.lang()
    st.title(common.tr("app.views.title"))
    common.url_state("view", "map", VIEWS)
    name = st.segmented_control(common.tr("app.views.choose"), list(VIEWS), key="view", required=True,
                                format_func=lambda v: common.tr(f"app.views.{v}"))
    common.keep_in_url("view", "map")
    query = views.view_query(VIEWS[name])
    st.caption(query.description(lang))
    chosen = facets(name)
    kinds_shown = ()
    if name == "network":
        kinds_shown = tuple(st.multiselect(
            common.tr("app.views.kinds"), ["person", "organisation", "authority", "event"],
            default=["person", "organisation", "authority", "event"], key="network-kinds",
            format_func=lambda k: kind_label(k, lang)))
    frame, arcs, sparql, extra = _view(common.build_path(), name, tuple(sorted(chosen.items())), lang, kinds_shown)

    if name == "map":
        st.caption(common.tr("app.views.map_count", points=len(frame), arcs=len(arcs)))
        common.partnership_map(frame, arcs, height=520)
        table, iri_columns = arcs[["aLabel", "bLabel", "kindLabel", "year", "partnership"]], ["partnership"]
    elif name == "timeline":
        st.caption(common.tr("app.views.rows", n=len(frame)))
        if not frame.empty:
            st.altair_chart(alt.Chart(frame.dropna(subset=["when"])).mark_circle(size=110).encode(
                x=alt.X("when:T", title=None),
                y=alt.Y("track:N", title=None, axis=alt.Axis(labelLimit=360)),
                color=alt.Color("classLabel:N", title=common.tr("app.col.kind")),
                tooltip=[alt.Tooltip("eventLabel:N", title=common.tr("app.col.event")),
                         alt.Tooltip("when:T", title=common.tr("app.col.date")),
                         alt.Tooltip("cityLabel:N", title=common.tr("app.col.city")),
                         alt.Tooltip("graphLabel:N", title=common.tr("app.col.source"))],
            ).properties(height=360), width="stretch")
        table = frame[["start", "end", "date", "eventLabel", "classLabel", "cityLabel", "statusLabel", "graphLabel",
                       "event"]] if not frame.empty else frame
        iri_columns = ["event"]
    elif name == "network":
        nodes, edges = extra["nodes"], extra["edges"]
        st.caption(common.tr("app.views.network_count", nodes=len(nodes), links=len(frame)))
        if not frame.empty:
            kinds = alt.Color("kind:N", title=common.tr("app.col.kind"),
                              scale=alt.Scale(domain=["person", "organisation", "authority", "event"],
                                              range=["#f08c00", "#1c7ed6", "#37b24d", "#ae3ec9"]),
                              legend=alt.Legend(labelExpr=_kind_names(lang)))
            axis = alt.Axis(labels=False, ticks=False, grid=False, domain=False, title=None)
            lines = alt.Chart(edges).mark_rule(color="#ced4da").encode(
                x=alt.X("x:Q", axis=axis), y=alt.Y("y:Q", axis=axis), x2="x2:Q", y2="y2:Q")
            dots = alt.Chart(nodes).mark_circle(opacity=1).encode(
                x="x:Q", y="y:Q", color=kinds, size=alt.Size("degree:Q", legend=None, scale=alt.Scale(range=[60, 500])),
                tooltip=[alt.Tooltip("label:N", title=common.tr("app.col.title"))])
            names = alt.Chart(nodes).mark_text(dy=-11, fontSize=11, limit=200).encode(x="x:Q", y="y:Q", text="label:N")
            st.altair_chart((lines + dots + names).properties(height=700).configure_view(stroke=None), width="stretch")
        table = frame[["fromLabel", "relationLabel", "toLabel", "graphLabel", "from", "to"]] if not frame.empty else frame
        iri_columns = ["from", "to"]
    else:
        st.caption(common.tr("app.views.rows", n=len(frame)))
        if not frame.empty:
            st.altair_chart(alt.Chart(frame).mark_rect().encode(
                x=alt.X("year:O", title=None),
                y=alt.Y("themeLabel:N", title=None, axis=alt.Axis(labelLimit=320)),
                color=alt.Color("sum(count):Q", title=common.tr("app.col.count")),
                tooltip=[alt.Tooltip("themeLabel:N", title=common.tr("app.col.theme")), "year:O",
                         alt.Tooltip("sum(count):Q", title=common.tr("app.col.count"))],
            ).properties(height=max(200, 22 * frame["theme"].nunique())), width="stretch")
        table = frame[["year", "themeLabel", "what", "count", "theme"]] if not frame.empty else frame
        iri_columns = ["theme"]
    with st.expander(common.tr("app.views.table")):
        shown, config = common.links(table, iri_columns)
        st.dataframe(shown, column_config=config, hide_index=True, width="stretch")
    with st.expander(common.tr("app.views.query")):
        st.code(sparql, language="sparql")


common.guard(main)

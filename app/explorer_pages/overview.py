"""Overview: what the graph holds, a timeline and a map, and the ways in."""

import altair as alt
import common
import streamlit as st

from coopkg.rdf.namespaces import compact
from coopkg.read import stats, views
from coopkg.read.entity import load_sources
from coopkg.read.labels import kind_label


@st.cache_data(show_spinner=False)
def _overview(path: str, lang: str):
    repo = common.repository()
    numbers = stats.compute(repo)
    sources = load_sources(repo)
    graphs = [{"graph": compact(g), "title": sources[g].title or sources[g].graph_title if g in sources else title,
               "triples": n, "address": common.web_url(sources[g].url) if g in sources else None}
              for g, n, title in numbers.by_graph]
    kinds = [{"kind": kind_label(k, lang), "count": n} for k, n in views.kind_counts(repo)]
    timeline = views.timeline_view(repo, {}, lang, common.labels()).frame
    points, arcs = views.map_view(repo, {}, lang, common.labels())
    return numbers.triples, kinds, graphs, timeline, points.frame, arcs.frame


def main():
    st.title(common.tr("app.overview.title"))
    st.write(common.tr("app.overview.intro"))
    triples, kinds, graphs, timeline, points, arcs = _overview(common.build_path(), common.lang())
    counts = {row["kind"]: row["count"] for row in kinds}
    cols = st.columns(5)
    cols[0].metric(common.tr("app.overview.triples"), f"{triples:,}".replace(",", " "))
    cols[1].metric(common.tr("app.overview.sources"), len(graphs))
    for col, kind in zip(cols[2:], ("authority", "partnership", "event")):
        col.metric(kind_label(kind, common.lang()), counts.get(kind_label(kind, common.lang()), 0))

    st.subheader(common.tr("app.overview.ways_in"))
    links = st.columns(5)
    for col, page in zip(links, ("search", "views", "catalogue", "sparql", "quality")):
        col.page_link(common.PAGES[page], label=common.tr(f"app.page.{page}"), icon=":material/arrow_forward:")

    left, right = st.columns([3, 2])
    with left:
        st.subheader(common.tr("app.overview.timeline"))
        if not timeline.empty:
            chart = alt.Chart(timeline.dropna(subset=["when"])).mark_circle(size=90).encode(
                x=alt.X("when:T", title=None),
                y=alt.Y("classLabel:N", title=None, axis=alt.Axis(labelLimit=220)),
                color=alt.Color("classLabel:N", legend=None),
                tooltip=[alt.Tooltip("eventLabel:N", title=common.tr("app.col.event")),
                         alt.Tooltip("when:T", title=common.tr("app.col.date")),
                         alt.Tooltip("cityLabel:N", title=common.tr("app.col.city"))],
            ).properties(height=260)
            st.altair_chart(chart, width="stretch")
        st.subheader(common.tr("app.overview.map"))
        common.partnership_map(points, arcs, height=380, zoom=1.9)
    with right:
        st.subheader(common.tr("app.overview.kinds"))
        st.dataframe(kinds, hide_index=True, width="stretch",
                     column_config={"kind": common.tr("app.col.kind"), "count": common.tr("app.col.count")})
        st.subheader(common.tr("app.overview.graphs"))
        st.dataframe(graphs, hide_index=True, width="stretch", column_config={
            "graph": common.tr("app.col.graph"), "title": common.tr("app.col.title"),
            "triples": common.tr("app.col.triples"),
            "address": st.column_config.LinkColumn(common.tr("app.col.address"), display_text="↗")})


common.guard(main)

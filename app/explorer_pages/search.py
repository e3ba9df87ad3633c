"""Search: one box, any label, any language or script; results grouped by kind."""

import common
import streamlit as st

from coopkg.rdf.namespaces import compact
from coopkg.read.search import group_by_kind, load_index


@st.cache_resource(show_spinner=False)
def _index(path: str):
    return load_index(common._repository(path))


def main():
    st.title(common.tr("app.search.title"))
    query = st.text_input(common.tr("app.search.box"), key="q", bind="query-params",
                          placeholder=common.tr("app.search.placeholder"))
    if not query.strip():
        st.caption(common.tr("app.search.hint"))
        return
    lang = common.lang()
    hits = _index(common.build_path()).search(query, lang, limit=200)
    groups = group_by_kind(hits, lang)
    if not groups:
        st.info(common.tr("app.search.none"))
        return
    st.caption(common.tr("app.search.count", n=len(hits)))
    for group in groups:
        st.subheader(f"{group.title} ({len(group.hits)})")
        for hit in group.hits:
            text = hit.label if hit.matched in (hit.label, "") else f"{hit.label} — {hit.matched}"
            st.page_link(common.PAGES["entity"], label=common.md(text), query_params={"iri": compact(hit.iri)},
                         icon=":material/chevron_right:")


common.guard(main)

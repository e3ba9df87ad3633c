"""Search: one box, any label, any language or script; results grouped by kind, each a link to
its entity page in the interface language."""

import common
import state
import streamlit as st

from coopkg.read.search import search

PAGE = "search"
LIMIT = 200


def main():
    lang = common.lang()
    state.keep_only(["q"])
    st.title(common.tr("app.search.title"))
    query = state.text_input(PAGE, "q", common.tr("app.search.box"), lang=lang,
                             placeholder=common.tr("app.search.placeholder"))
    if not query.strip():
        st.caption(common.tr("app.search.hint"))
        return
    groups = search(common.repository(), query, lang, limit=LIMIT)
    if not groups:
        st.info(common.tr("app.search.none"))
        return
    st.caption(common.tr("app.search.count", n=sum(len(g.hits) for g in groups)))
    for group in groups:
        st.subheader(f"{group.title} ({len(group.hits)})")
        for hit in group.hits:
            text = common.label(hit.iri, lang)
            if hit.matched not in (hit.label, ""):
                text += " — " + common.plain(hit.matched)
            st.page_link(common.PAGES["entity"], label=common.md(text),
                         query_params=state.link_params(lang, iri=state.iri_param(hit.iri)),
                         icon=":material/chevron_right:")


common.guard(main)

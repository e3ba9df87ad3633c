"""The coopkg explorer: `coopkg app` (or `streamlit run app/Home.py`) starts it on the built store.

This script only sets the page up, offers the language switch and routes to the pages of
``explorer_pages/``; each page is a thin view over the ``coopkg`` library.
"""

import common  # first: makes the package importable from a clone
import streamlit as st

st.set_page_config(page_title="coopkg", page_icon=":material/hub:", layout="wide", menu_items={})

common.url_state("lang", common.DEFAULT_LANGUAGE, common.LANGUAGES)
with st.sidebar:
    st.segmented_control("Langue · Language", list(common.LANGUAGES), key="lang", format_func=common.LANGUAGES.get,
                         required=True)
common.keep_in_url("lang", common.DEFAULT_LANGUAGE)

ICONS = {"overview": ":material/home:", "search": ":material/search:", "entity": ":material/description:",
         "views": ":material/insights:", "catalogue": ":material/list_alt:", "sparql": ":material/code:",
         "quality": ":material/fact_check:"}
pages = [st.Page(path, title=common.tr(f"app.page.{name}"), icon=ICONS[name], url_path=name,
                 default=name == "overview")
         for name, path in common.PAGES.items()]
st.navigation(pages).run()

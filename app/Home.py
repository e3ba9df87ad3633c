"""The coopkg explorer: `coopkg app` (or `streamlit run app/Home.py`) starts it on the built store.

This script only sets the page up, offers the language switch and routes to the pages of
``explorer_pages/``; each page is a thin view over the ``coopkg`` library.
"""

from pathlib import Path

import common  # first: makes the package importable from a clone
import state
import streamlit as st

# The icon is a file of the explorer (inlined by Streamlit as a data: address): a ":material/…:"
# name would make the browser fetch it from a web font service.
st.set_page_config(page_title="coopkg", page_icon=str(Path(__file__).with_name("icon.svg")), layout="wide",
                   menu_items={})

lang = common.lang()
with st.sidebar:
    # Keyed by the language: after a switch, a new control, drawn in the new language.
    chosen = st.segmented_control("Langue · Language · Язык", list(common.LANGUAGES), default=lang,
                                  key=f"lang-switch.{lang}", format_func=common.LANGUAGES.get, required=True)
if chosen and chosen != lang:
    state.switch_language(chosen)
    st.rerun()

ICONS = {"overview": ":material/home:", "search": ":material/search:", "entity": ":material/description:",
         "views": ":material/insights:", "catalogue": ":material/list_alt:", "sparql": ":material/code:",
         "quality": ":material/fact_check:"}
pages = [st.Page(path, title=common.tr(f"app.page.{name}"), icon=ICONS[name], url_path=name,
                 default=name == "overview")
         for name, path in common.PAGES.items()]
st.navigation(pages).run()

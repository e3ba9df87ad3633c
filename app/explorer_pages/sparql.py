"""SPARQL editor: CodeMirror 6 with SPARQL highlighting, the error of the last run marked at its
line and column, Ctrl+Enter to run, completion of the project's prefixes, the ontology's classes
and properties and entities by label in any script, a history kept in the browser; results with
labels and links, downloads. The address holds the query (``?query=``): a link runs it at once."""

import common
import results
import state
import streamlit as st
from components.sparql_editor import EditorError, set_editor_text, sparql_editor
from components.sparql_editor.completions import entity_finder, ontology_terms

from coopkg.rdf.namespaces import PREFIXES
from coopkg.sparql.catalogue import library_query

PAGE = "sparql"


def example(lang: str) -> str:
    """The editor's first query, its comments in the interface language."""
    return library_query(f"examples/first-query.{lang}").body


@st.cache_resource(show_spinner=False, max_entries=6)
def _terms(path: str, lang: str):
    return ontology_terms(common.repository(), common.labels(), lang)


def main():
    lang = common.lang()
    state.keep_only(["query", "sort", "desc", "page", "size"])
    st.title(common.tr("app.sparql.title"))
    linked = state.get("query")
    key = "sparql-editor"
    # A permalink's query is loaded into the editor and run, once per address.
    if linked and st.session_state.get("sparql-linked") != linked:
        st.session_state["sparql-linked"] = linked
        set_editor_text(key, linked)
        st.session_state["sparql-run"] = linked
    outcome = st.session_state.get("sparql-last")
    error = None
    if outcome is not None and not outcome[1].ok:
        error = EditorError(outcome[1].error, outcome[1].line, outcome[1].column)
    value = sparql_editor(key=key, default_text=linked or example(lang), lang=lang, prefixes=PREFIXES,
                          terms=_terms(common.build_path(), lang),
                          entity_completions=entity_finder(common.repository(), lang), error=error, height=300)
    st.caption(common.tr("app.sparql.completion_hint"))
    text = value.text
    if value.run and text.strip():
        st.session_state["sparql-run"] = text
    to_run = st.session_state.get("sparql-run")
    if to_run:
        if to_run.strip() != linked.strip():
            state.put("query", to_run)
            st.session_state["sparql-linked"] = to_run
        ran = results.run(to_run, None, key="sparql")
        if outcome is None or outcome[0] != to_run or outcome[1] is not ran:
            st.session_state["sparql-last"] = (to_run, ran)
            if not ran.ok or (outcome is not None and not outcome[1].ok):
                st.rerun()  # the editor marks the new error (or clears the old one)
        results.show(ran, sparql=to_run, key="sparql", name="query-results", page=PAGE)
    with st.expander(common.tr("app.sparql.prefixes")):
        st.code("\n".join(f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items()), language="sparql")


common.guard(main)

"""SPARQL editor: the project's prefixes known, an example, results with labels and links,
downloads, syntax errors located, permalinks and a history of the session's queries."""

import time

import common
import streamlit as st

from coopkg.rdf.namespaces import PREFIXES
from coopkg.sparql.catalogue import library_query


def example() -> str:
    """The editor's first query, its comments in the interface language."""
    return library_query(f"examples/first-query.{common.lang()}").body



def remember(text: str, outcome) -> None:
    history = st.session_state.setdefault("sparql-history", [])
    entry = {"time": time.strftime("%H:%M:%S"), "query": text,
             "result": outcome.error_kind or f"{outcome.count() if outcome.form != 'ASK' else outcome.boolean}",
             "seconds": round(outcome.elapsed, 2)}
    if not history or history[0]["query"] != text:
        history.insert(0, entry)
    else:
        history[0] = entry
    del history[50:]


def load(text: str) -> None:
    st.session_state["query"] = text
    st.session_state.pop("sparql-outcome", None)


def main():
    st.title(common.tr("app.sparql.title"))
    # A permalink runs its query at once, on the session's first visit only (typing also
    # writes the query into the address).
    from_link = bool(st.query_params.get("query")) and not st.session_state.get("sparql-visited")
    st.session_state["sparql-visited"] = True
    if not st.session_state.get("query") and not st.query_params.get("query"):
        st.session_state["query"] = example()
    text = st.text_area(common.tr("app.sparql.query"), key="query", height=260, bind="query-params")
    run_col, example_col, _ = st.columns([1, 1, 4])
    run = run_col.button(common.tr("app.sparql.run"), type="primary", icon=":material/play_arrow:")
    example_col.button(common.tr("app.sparql.example"), on_click=load, args=(example(),))
    with st.expander(common.tr("app.sparql.highlighted")):
        st.code(text, language="sparql", line_numbers=True)
    with st.expander(common.tr("app.sparql.prefixes")):
        st.code("\n".join(f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items()), language="sparql")

    if (run or from_link) and text.strip():
        outcome = common.run_and_remember(text, None, key="sparql")
        remember(text, outcome)
    outcome = st.session_state.get("sparql-outcome")
    if outcome is not None and st.session_state.get("sparql-request", {}).get("sparql") == text:
        common.show_outcome(outcome, key="sparql", name="query-results")

    history = st.session_state.get("sparql-history", [])
    if history:
        with st.expander(common.tr("app.sparql.history", n=len(history))):
            for i, entry in enumerate(history):
                cols = st.columns([1, 5, 1, 1])
                cols[0].text(entry["time"])
                cols[1].code(entry["query"][:400], language="sparql")
                cols[2].text(f"{entry['result']} · {entry['seconds']} s")
                cols[3].button(common.tr("app.sparql.reload"), key=f"history-{i}", on_click=load, args=(entry["query"],))


common.guard(main)

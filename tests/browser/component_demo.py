"""A small page that shows each component alone (``?demo=map``, ``editor`` or ``graph``), for the
browser tests of tests/browser/test_components_browser.py and for trying a component by hand:

    streamlit run tests/browser/component_demo.py -- (then open /?demo=editor)
"""

from __future__ import annotations

import sys
from pathlib import Path

APP = Path(__file__).resolve().parent.parent.parent / "app"
if str(APP) not in sys.path:  # a test page outside app/: make ``components`` importable as the pages have it
    sys.path.insert(0, str(APP))

import streamlit as st  # noqa: E402
from components.basemap_map import Arc, Dot, LegendEntry, basemap_map  # noqa: E402

st.set_page_config(page_title="coopkg components", layout="wide")
demo = st.query_params.get("demo", "map")

if demo == "map":
    paris, nice, moscow, kazan = (2.35, 48.86), (7.26, 43.70), (37.62, 55.76), (49.11, 55.79)
    basemap_map(
        dots=[Dot(*paris, "Paris", (31, 119, 180, 220)), Dot(*nice, "Nice", (31, 119, 180, 220)),
              Dot(*moscow, "Москва", (214, 39, 40, 220)), Dot(*kazan, "Казань <b>x</b>", (214, 39, 40, 220))],
        arcs=[Arc(paris, moscow, "Paris – Moscou"), Arc(nice, kazan, "Nice – Kazan")],
        legend=[LegendEntry("Collectivité française", (31, 119, 180)), LegendEntry("Collectivité russe", (214, 39, 40)),
                LegendEntry("Partenariat <i>(jumelage)</i>", (120, 120, 200), "arc")],
        height=520, caption="4 collectivités, 2 partenariats")

elif demo == "editor":
    from components.sparql_editor import EditorError, set_editor_text, sparql_editor
    from components.sparql_editor.completions import entity_finder, ontology_terms

    from coopkg.rdf.namespaces import PREFIXES
    from coopkg.read.labels import load_labels
    from coopkg.service import sandbox
    from coopkg.store import open_repository, repository_key

    lang = st.query_params.get("lang", "fr")

    @st.cache_resource(show_spinner=False)
    def _store(key: str):
        repository = open_repository(key)
        return repository, load_labels(repository)

    repository, labels = _store(repository_key())
    if st.button("Example", key="example"):
        set_editor_text("editor", "SELECT ?event WHERE {\n  ?event a coop:Meeting .\n}\nLIMIT 5\n")
    outcome = st.session_state.get("outcome")
    error = EditorError(outcome.error, outcome.line, outcome.column) if outcome is not None and not outcome.ok else None
    value = sparql_editor(key="editor", default_text="SELECT ?s WHERE {\n  ?s a coop:LocalAuthority .\n}\n", lang=lang,
                          prefixes=PREFIXES, terms=ontology_terms(repository, labels, lang),
                          entity_completions=entity_finder(repository, lang), error=error)
    if value.run:
        st.session_state["outcome"] = outcome = sandbox.run_query(value.text, lang=lang)
        st.session_state["page-runs"] = st.session_state.get("page-runs", 0) + 1
        st.rerun()  # the editor shows the new error (or none)
    st.text(f"runs handled by the page: {st.session_state.get('page-runs', 0)}")
    if outcome is not None:
        st.text(f"result: {outcome.count()} rows" if outcome.ok else f"error: {outcome.error}")

elif demo == "graph":
    from components.network_graph import GraphEdge, GraphNode, KindStyle, network_graph

    from coopkg.read import views
    from coopkg.read.labels import load_labels
    from coopkg.store import open_repository, repository_key

    lang = st.query_params.get("lang", "fr")
    KINDS = {"person": KindStyle({"fr": "Personne", "en": "Person", "ru": "Человек"}[lang], "#f08c00"),
             "organisation": KindStyle({"fr": "Organisation", "en": "Organisation", "ru": "Организация"}[lang], "#1c7ed6"),
             "authority": KindStyle({"fr": "Collectivité", "en": "Local authority", "ru": "Муниципалитет"}[lang], "#37b24d"),
             "event": KindStyle({"fr": "Événement", "en": "Event", "ru": "Событие"}[lang], "#ae3ec9")}

    @st.cache_data(show_spinner=False)
    def _network(key: str, lang: str):
        """The network of authorities (partnerships, and the events and networks they share)."""
        repository = open_repository(key)
        labels = load_labels(repository)
        rows = views.run_view(repository, views.NETWORK).rows
        degree: dict[str, int] = {}
        pairs = set()
        for r in rows:
            other = r["other"] or r["via"]
            pairs.add((r["authority"], other))
        for a, b in pairs:
            degree[a] = degree.get(a, 0) + 1
            degree[b] = degree.get(b, 0) + 1
        kinds = {a: "authority" for a, _ in pairs} | {r["via"]: "event" for r in rows if r["relation"] == "event"}
        kinds |= {r["other"]: "authority" for r in rows if r["other"]}
        nodes = [GraphNode(iri, labels.label(iri, lang), kinds.get(iri, "organisation"), n) for iri, n in degree.items()]
        return nodes, [GraphEdge(a, b) for a, b in sorted(pairs)]

    nodes, edges = _network(repository_key(), lang)
    if st.query_params.get("nodes") == "xss":  # labels that are HTML: they must show as text
        nodes = [GraphNode("urn:x:1", "<img src=x onerror=alert(1)>", "person"), GraphNode("urn:x:2", "**bold**", "event")]
        edges = [GraphEdge("urn:x:1", "urn:x:2")]
    clicked = network_graph(nodes, edges, kinds=KINDS, key="graph", lang=lang, height=700)
    if clicked:
        st.session_state["clicked"] = clicked
    st.text(f"{len(nodes)} nodes, {len(edges)} links; clicked: {st.session_state.get('clicked', '-')}")

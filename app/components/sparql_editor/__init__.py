"""The SPARQL editor: CodeMirror 6 with SPARQL highlighting, line numbers, the error marked at its
line and column, Ctrl+Enter (Cmd+Enter) to run, completion of prefixes, classes, properties and
entities, and a history of run queries kept in the browser (localStorage, across sessions).

    value = sparql_editor(key="sparql", default_text=EXAMPLE, lang=lang, prefixes=PREFIXES,
                          terms=ontology_terms, entity_completions=find_entities, error=last_error)
    if value.run:
        outcome = run_query(value.text)

The bundle (``frontend/dist``) is built and committed: running it needs no npm and no network.
Entity completion goes through Python: the editor sends the word being typed as its value, the
editor's fragment reruns, ``entity_completions(word)`` answers, and the answer comes back in the
editor's arguments. Only the editor reruns for that (an ``st.fragment``), not the page; a run
asks for a rerun of the whole page.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Mapping, Sequence

import streamlit as st
import streamlit.components.v1 as components

from coopkg.i18n import strings as translations

__all__ = ["Completion", "EditorError", "EditorValue", "sparql_editor", "set_editor_text", "SPARQL_KEYWORDS"]

_DIST = Path(__file__).resolve().parent / "frontend" / "dist"
_component = components.declare_component("sparql_editor", path=str(_DIST))

SPARQL_KEYWORDS = (
    "SELECT", "DISTINCT", "REDUCED", "CONSTRUCT", "DESCRIBE", "ASK", "WHERE", "FROM", "NAMED", "PREFIX", "BASE",
    "OPTIONAL", "FILTER", "UNION", "MINUS", "GRAPH", "SERVICE", "BIND", "VALUES", "GROUP BY", "HAVING",
    "ORDER BY", "ASC", "DESC", "LIMIT", "OFFSET", "AS", "EXISTS", "NOT EXISTS", "IN", "NOT IN", "COUNT", "SUM",
    "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT", "SEPARATOR", "STR", "LANG", "LANGMATCHES", "DATATYPE", "BOUND",
    "IRI", "BNODE", "COALESCE", "IF", "REGEX", "CONTAINS", "STRSTARTS", "STRENDS", "LCASE", "UCASE", "YEAR",
)


@dataclass(frozen=True)
class Completion:
    """One completion: ``label`` is shown (and matched against what is typed, except for
    entities, which Python has already matched), ``apply`` is inserted, ``detail`` is shown beside."""

    label: str
    apply: str
    detail: str = ""
    type: str = ""  # class, property, namespace, entity (the icon)


@dataclass(frozen=True)
class EditorError:
    """The error of the last run, marked in the text at ``line`` and ``column`` (1-based)."""

    message: str
    line: int | None = None
    column: int | None = None


@dataclass(frozen=True)
class EditorValue:
    text: str
    runs: int  # how many runs were asked in this browser session of the editor
    run: bool  # a run was asked since the page last read the editor


def set_editor_text(key: str, text: str) -> None:
    """Replace the editor's text from Python (an example, a permalink's query), before or after
    the editor is drawn: it shows at the next run of the page."""
    document = st.session_state.get(f"{key}-document", {"revision": 0})
    st.session_state[f"{key}-document"] = {"text": text, "revision": document["revision"] + 1}


def _read(key: str, default_text: str) -> dict:
    value = st.session_state.get(key)
    if isinstance(value, dict) and isinstance(value.get("text"), str):
        return value
    document = st.session_state.get(f"{key}-document")
    return {"text": document["text"] if document else default_text, "runs": 0, "complete": None}


def _entities(request: object, entity_completions: Callable[[str], Sequence[Completion]] | None) -> dict | None:
    if not entity_completions or not isinstance(request, dict):
        return None
    word = str(request.get("word", ""))[:200]
    items = [asdict(c) for c in entity_completions(word)] if word.strip() else []
    return {"id": request.get("id"), "items": items}


def sparql_editor(*, key: str, default_text: str = "", lang: str = "en", strings: Mapping[str, str] | None = None,
                  prefixes: Mapping[str, str] | None = None, terms: Sequence[Completion] = (),
                  entity_completions: Callable[[str], Sequence[Completion]] | None = None,
                  error: EditorError | None = None, height: int = 260, entity_min_chars: int = 3,
                  history_key: str = "coopkg.sparql.history", isolate: bool = True) -> EditorValue:
    """Draw the editor; returns its text, its run counter and whether a run was just asked.

    ``strings`` override the interface strings of ``lang`` (the ``editor.*`` keys of coopkg.i18n);
    ``prefixes`` maps prefix to namespace; ``terms`` are the classes and properties to complete;
    ``entity_completions(word)`` returns the entities whose labels match ``word`` (any script),
    best first; ``error`` is marked in the text. ``isolate`` reruns only the editor while the
    visitor types (completion); turn it off inside a fragment of your own.
    """
    if f"{key}-document" not in st.session_state:
        st.session_state[f"{key}-document"] = {"text": default_text, "revision": 0}
    interface = {**translations("editor", lang), **(strings or {})}
    prefix_options = [asdict(Completion(f"{p}:", f"{p}:", ns, "namespace")) for p, ns in (prefixes or {}).items()]
    term_options = [asdict(t) for t in terms]
    handled_key = f"{key}-handled-runs"

    def draw() -> EditorValue:
        current = _read(key, default_text)
        value = _component(
            key=key, default=None, document=st.session_state[f"{key}-document"], strings=interface,
            prefixes=prefix_options, terms=term_options, keywords=list(SPARQL_KEYWORDS), height=height,
            error=({**asdict(error), "run": st.session_state.get(handled_key, 0)} if error else None),
            entities=_entities(current.get("complete"), entity_completions), entity_min_chars=entity_min_chars,
            history_key=history_key, runs=int(current.get("runs") or 0))
        value = value if isinstance(value, dict) and isinstance(value.get("text"), str) else current
        runs = int(value.get("runs") or 0)
        run = runs > st.session_state.get(handled_key, 0)
        if run and isolate and _in_fragment_rerun():
            st.rerun(scope="app")  # the page shows the results: rerun all of it
        st.session_state[handled_key] = runs
        return EditorValue(value["text"], runs, run)

    if isolate:
        return st.fragment(draw)()
    return draw()


def _in_fragment_rerun() -> bool:
    """Whether this script run reruns fragments only (not the whole page)."""
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    ctx = get_script_run_ctx()
    return bool(ctx and ctx.fragment_ids_this_run)

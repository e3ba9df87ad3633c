"""A query's outcome on a page (the catalogue and the SPARQL editor): its error, with the kind the
query service gives it; or its rows as a table (tables.py), the true total when the result was
cut, and downloads (the SPARQL results formats, a CSV with labels and IRIs, all the results).
"""

from __future__ import annotations

import common
import streamlit as st
import tables

from coopkg.rdf.formats import FILE_EXTENSIONS, MEDIA_TYPES
from coopkg.service import sandbox


def run(sparql: str, substitutions: dict | None, key: str) -> sandbox.QueryOutcome:
    """Run a query in the service, once per distinct request and language in this session."""
    lang = common.lang()
    request = (sparql, tuple(sorted((str(k), str(v)) for k, v in (substitutions or {}).items())), lang)
    remembered = st.session_state.get(f"{key}-outcome")
    if remembered is not None and remembered[0] == request:
        return remembered[1]
    with st.spinner(common.tr("app.running")):
        outcome = sandbox.run_query(sparql, substitutions, lang=lang, client=common.client_key())
    st.session_state[f"{key}-outcome"] = (request, outcome)
    return outcome


def show_error(outcome: sandbox.QueryOutcome) -> None:
    """The service's message (a syntax error names its line and column), after the kind of error
    when the message does not already say it."""
    kind = outcome.error_kind or "failed"
    text = common.md(outcome.error)
    st.error(text if kind == "syntax" else f"{common.md(common.tr(f'app.error_kind.{kind}'))} — {text}",
             icon=":material/error:")


def show(outcome: sandbox.QueryOutcome, *, query=None, sparql: str = "", substitutions: dict | None = None,
         key: str, name: str, page: str) -> None:
    lang = common.lang()
    if not outcome.ok:
        show_error(outcome)
        return
    if outcome.form == "ASK":
        st.success(common.tr("app.ask_true") if outcome.boolean else common.tr("app.ask_false"))
        _downloads(outcome, key, name, sparql, substitutions, [], [])
        return
    if outcome.form == "GRAPH":
        variables = ["subject", "predicate", "object"]
        rows = [{"subject": q.subject, "predicate": q.predicate, "object": q.object} for q in outcome.triples]
    else:
        variables = outcome.columns
        rows = [dict(zip(outcome.columns, row)) for row in outcome.rows]
    hidden = _constant_parameters(rows, substitutions)
    columns = tables.columns_of(variables, rows, query, lang, hidden=hidden)
    st.caption(common.tr("app.result_count", n=len(rows), seconds=f"{outcome.elapsed:.2f}"))
    if outcome.truncated:
        message = "app.true_total" if outcome.total_exact else "app.true_total_at_least"
        st.warning(common.tr(message, shown=len(rows), total=outcome.total or len(rows), limit=outcome.limit,
                             download=sandbox.configured_download_limit()))
    tables.show(rows, columns, key=key, name=name, lang=lang, paged=True, page=page)
    _downloads(outcome, key, name, sparql, substitutions, columns, rows)


def _constant_parameters(rows: list[dict], substitutions: dict | None) -> set[str]:
    """Parameters bound by the form whose column repeats that value on every row."""
    hidden = set()
    for name, term in (substitutions or {}).items():
        name = str(name).lstrip("?$")
        if rows and all(r.get(name) in (None, term) for r in rows):
            hidden.add(name)
    return hidden


def _downloads(outcome, key: str, name: str, sparql: str, substitutions, columns, rows) -> None:
    formats = outcome.formats()
    if not formats:
        return
    lang = common.lang()
    st.caption(common.tr("app.downloads"))
    buttons = st.columns(len(formats) + (1 if outcome.truncated else 0))
    for column, fmt in zip(buttons, formats):
        column.download_button(fmt.upper(), data=outcome.serialize(fmt), key=f"{key}-dl-{fmt}",
                               file_name=f"{name}.{FILE_EXTENSIONS[fmt]}", mime=MEDIA_TYPES[fmt], on_click="ignore")
    if outcome.truncated and sparql:
        client = common.client_key()  # now: the button calls ``everything`` later

        def everything() -> bytes:
            full = sandbox.run_query(sparql, substitutions, lang=lang, row_limit=sandbox.configured_download_limit(),
                                     client=client)
            if not full.ok:
                return (full.error or "").encode("utf-8")
            all_rows = [dict(zip(full.columns, row)) for row in full.rows]
            return tables.csv_bytes(all_rows, columns, lang)

        buttons[-1].download_button(
            common.tr("app.download_all", limit=sandbox.configured_download_limit(), fmt="CSV"), data=everything,
            key=f"{key}-dl-all", file_name=f"{name}-all.{lang}.csv", mime="text/csv", on_click="ignore")

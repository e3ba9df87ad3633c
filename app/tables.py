"""Tables of the explorer: rows (from a query, a view or an entity) turned into one column per
variable, headed by the query's declared column title in the interface language.

- A column of IRIs shows each one's label (in the interface language, its language marked where
  it falls back), linked to its entity page in the same language; the IRI itself is in the
  address of the link and in the CSV download.
- A column of named graphs shows the title of each graph's source document.
- ``?xLabel`` columns that repeat the label of an IRI column ``?x``, and columns holding a bound
  parameter's value on every row, are left out: the table says each thing once.
- The CSV download has, for every IRI column, the label column and the IRI column beside it.

Cells are text (a data frame draws them on a canvas): nothing from the data is HTML or Markdown.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from urllib.parse import quote

import common
import pandas as pd
import pyoxigraph as ox
import state
import streamlit as st

from coopkg.i18n import t

IRI, GRAPH, GRAPHS, NUMBER, TEXT = "iri", "graph", "graphs", "number", "text"
PAGE_SIZES = ("25", "100", "250", "1000")
_NUMERIC = ("integer", "int", "long", "decimal", "double", "float", "nonNegativeInteger", "positiveInteger")
_LINK_TEXT = r"#(.*)$"  # the cell's text: what follows '#' in its address (state.entity_url)


@dataclass(frozen=True)
class Column:
    name: str  # the variable
    title: str  # the header, in the interface language
    kind: str = TEXT


def _is_iri(value) -> bool:
    return isinstance(value, ox.NamedNode)


def columns_of(variables: list[str], rows: list[dict], query=None, lang: str = "en", hidden=(),
               graphs: tuple[str, ...] = ("graph", "g", "source")) -> list[Column]:
    """The columns of a result: each variable with its declared title (or its name), its kind
    read from the values; companion ``?xLabel`` columns and ``hidden`` ones left out."""
    found = []
    kinds = {}
    for name in variables:
        values = [r.get(name) for r in rows if r.get(name) is not None]
        if values and any(_is_iri(v) for v in values):
            kinds[name] = GRAPH if name in graphs else IRI
        elif values and all(isinstance(v, ox.Literal) and v.datatype.value.rsplit("#", 1)[-1] in _NUMERIC
                            for v in values):
            kinds[name] = NUMBER
        elif values and name in ("graphs", "sources") and all(
                isinstance(v, ox.Literal) and all(p.startswith("http") for p in v.value.split()) for v in values):
            kinds[name] = GRAPHS
        else:
            kinds[name] = TEXT
    for name in variables:
        if name in hidden:
            continue
        if name.endswith("Label") and kinds.get(name[:-5]) in (IRI, GRAPH):
            continue  # the label of ?x, which the ?x column already shows
        title = (query.column_title(name, lang) if query is not None else None) or name
        found.append(Column(name, title, kinds[name]))
    return found


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, ox.Literal):
        return common.plain(value.value)
    if isinstance(value, ox.NamedNode):
        return value.value
    if isinstance(value, ox.BlankNode):
        return f"_:{value.value}"
    return common.plain(value)


def _number(value):
    if value is None:
        return None
    try:
        return float(value.value) if "." in value.value or "e" in value.value.lower() else int(value.value)
    except (AttributeError, ValueError):
        return None


def cell(column: Column, value, lang: str):
    """What a cell shows (for a link column: the address whose '#' part is the text)."""
    if value is None:
        return None
    if column.kind in (IRI, GRAPH):
        if _is_iri(value):
            text = common.source_title(value.value, lang) if column.kind == GRAPH else common.label(value.value, lang)
            return state.entity_url(value.value, lang, text)
        return "#" + quote(_text(value), safe="")  # a literal among IRIs: text, and a harmless link
    if column.kind == NUMBER:
        return _number(value)
    if column.kind == GRAPHS:
        return "; ".join(common.source_title(g, lang) for g in value.value.split())
    return _text(value)


def sort_key(column: Column, value, lang: str):
    if value is None:
        return (1, "")
    if column.kind == NUMBER:
        number = _number(value)
        return (0, number if number is not None else 0)
    if column.kind in (IRI, GRAPH) and _is_iri(value):
        text = common.source_title(value.value, lang) if column.kind == GRAPH else common.label(value.value, lang)
        return (0, text.casefold())
    return (0, _text(value).casefold())


def frame(rows: list[dict], columns: list[Column], lang: str) -> tuple[pd.DataFrame, dict]:
    """The data frame shown and its column configuration (titles, link columns)."""
    # An empty cell is empty ("" rather than None, which a data frame writes "None"), numbers aside.
    data = {c.name: [cell(c, r.get(c.name), lang) if r.get(c.name) is not None else (None if c.kind == NUMBER else "")
                     for r in rows] for c in columns}
    shown = pd.DataFrame(data, columns=[c.name for c in columns])
    config = {}
    for c in columns:
        if c.kind in (IRI, GRAPH):
            config[c.name] = st.column_config.LinkColumn(c.title, display_text=_LINK_TEXT)
        elif c.kind == NUMBER:
            config[c.name] = st.column_config.NumberColumn(c.title)
        else:
            config[c.name] = st.column_config.TextColumn(c.title)
    return shown, config


def csv_bytes(rows: list[dict], columns: list[Column], lang: str) -> bytes:
    """The rows as CSV (UTF-8 with a byte order mark, for spreadsheets): labels and titles in
    the interface language, and for each IRI column, the IRIs beside it."""
    out = io.StringIO()
    writer = csv.writer(out)
    header = []
    for c in columns:
        header.append(c.title)
        if c.kind in (IRI, GRAPH):
            header.append(common.tr("app.iri_column", title=c.title))
    writer.writerow(header)
    for r in rows:
        line = []
        for c in columns:
            value = r.get(c.name)
            if c.kind in (IRI, GRAPH):
                if _is_iri(value):
                    line.append(common.source_title(value.value, lang) if c.kind == GRAPH else common.label(value.value, lang))
                    line.append(value.value)
                else:
                    line += [_text(value), ""]
            elif c.kind == GRAPHS and value is not None:
                line.append("; ".join(common.source_title(g, lang) for g in value.value.split()))
            else:
                shown = cell(c, value, lang)
                line.append("" if shown is None else shown)
        writer.writerow(line)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def show(rows: list[dict], columns: list[Column], *, key: str, name: str, lang: str, paged: bool = False,
         page: str = "", height: int | None = None) -> None:
    """A table: optional sort and paging controls (kept in the address under ``sort``, ``desc``,
    ``page``, ``size``), the rows, and a CSV download of all of them with labels and IRIs."""
    if paged and rows:
        by_name = {c.name: c for c in columns}
        size_col, page_col, sort_col, order_col = st.columns([1, 1, 2, 1])
        size = int(state.selectbox(page, "size", common.tr("app.page_size"), PAGE_SIZES, lang=lang, default="100",
                                   container=size_col))
        pages = max(1, -(-len(rows) // size))
        number = state.number(page, "page", common.tr("app.page"), lang=lang, minimum=1, maximum=pages, default=1,
                              container=page_col)
        sort = state.selectbox(page, "sort", common.tr("app.sort_by"), [""] + list(by_name), lang=lang, default="",
                               container=sort_col,
                               format_func=lambda n: by_name[n].title if n else t("app.unsorted", lang))
        descending = state.toggle(page, "desc", common.tr("app.descending"), lang=lang, container=order_col)
        if sort:
            rows = sorted(rows, key=lambda r: sort_key(by_name[sort], r.get(sort), lang), reverse=descending)
        shown_rows = rows[(number - 1) * size:number * size]
    else:
        shown_rows, pages, number = rows, 1, 1
    if not rows:
        st.info(common.tr("app.no_rows"))
        return
    shown, config = frame(shown_rows, columns, lang)
    st.dataframe(shown, column_config=config, hide_index=True, width="stretch", key=f"{key}-table",
                 **({"height": height} if height else {}))
    if paged and pages > 1:
        st.caption(common.tr("app.page_of", page=number, pages=pages))
    st.download_button(common.tr("app.download_table"), data=csv_bytes(rows, columns, lang), key=f"{key}-csv",
                       file_name=f"{name}.{lang}.csv", mime="text/csv", on_click="ignore", icon=":material/download:")


def plain_rows(rows: list[dict], iri_columns=(), graph_columns=()) -> list[dict]:
    """A view's or the library's rows (plain values) as terms, for ``columns_of`` and ``show``."""
    out = []
    for r in rows:
        converted = {}
        for k, v in r.items():
            if v is None:
                converted[k] = None
            elif k in iri_columns or k in graph_columns:
                converted[k] = ox.NamedNode(v) if isinstance(v, str) and ":" in v else ox.Literal(str(v))
            elif isinstance(v, bool):
                converted[k] = ox.Literal(str(v).lower())
            elif isinstance(v, int):
                converted[k] = ox.Literal(str(v), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
            elif isinstance(v, float):
                converted[k] = ox.Literal(repr(v), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal"))
            else:
                converted[k] = ox.Literal(str(v))
        out.append(converted)
    return out

"""Faceted search over a view's items, as portals do it (Sampo-UI, Europeana):

- several values per facet (an item is kept when it has any of them), facets combined with AND;
- beside each value, how many items it would keep given the other facets (its own facet left
  out), so a value that would empty the screen shows 0 and the lists narrow each other;
- a period (years), where undated items are counted and either kept or said to be left out;
- every choice in the address: ``?country=country:ru&country=country:fr&period=1990-2010&undated=1``.

Items and their values come from the library (``coopkg.read.views.facet_values``): item ->
facet -> set of values (IRIs, or dates for ``date``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import common
import state
import streamlit as st

from coopkg.rdf.namespaces import compact, expand

DATE = "date"


def year_of(text: str) -> int | None:
    head = str(text)[:5].lstrip("-")[:4]
    return int(head) if head.isdigit() else None


@dataclass
class Selection:
    """What the visitor chose: values per facet (full IRIs), and a period."""

    values: dict[str, set[str]] = field(default_factory=dict)
    period: tuple[int, int] | None = None  # None: every year
    keep_undated: bool = False

    @property
    def empty(self) -> bool:
        return not any(self.values.values()) and self.period is None


def years(item_values: dict[str, set]) -> set[int]:
    return {y for y in (year_of(d) for d in item_values.get(DATE, ())) if y is not None}


def matches(item_values: dict[str, set], selection: Selection, skip: str | None = None) -> bool:
    for facet, chosen in selection.values.items():
        if facet != skip and chosen and not (item_values.get(facet, set()) & chosen):
            return False
    if selection.period is not None and skip != DATE:
        known = years(item_values)
        if not known:
            return selection.keep_undated
        if not any(selection.period[0] <= y <= selection.period[1] for y in known):
            return False
    return True


def kept(items: dict[str, dict[str, set]], selection: Selection) -> set[str]:
    return {item for item, item_values in items.items() if matches(item_values, selection)}


def counts(items: dict[str, dict[str, set]], selection: Selection, facet: str) -> Counter:
    """For each value of ``facet``: how many items it keeps, the other facets applied."""
    found: Counter = Counter()
    for item_values in items.values():
        if matches(item_values, selection, skip=facet):
            for value in item_values.get(facet, ()):
                found[value] += 1
    return found


def undated(items: dict[str, dict[str, set]], selection: Selection) -> int:
    """Items the other facets keep that have no date (those a period leaves out, or shows apart)."""
    no_period = Selection(selection.values, None)
    return sum(1 for v in items.values() if not years(v) and matches(v, no_period))


def bounds(items: dict[str, dict[str, set]]) -> tuple[int, int] | None:
    every = {y for v in items.values() for y in years(v)}
    return (min(every), max(every)) if every else None


def widgets(page: str, items: dict[str, dict[str, set]], facets: dict[str, str], lang: str,
            with_period: bool = True, names: dict | None = None) -> Selection:
    """The facet widgets (one multi-select per facet, values with their counts, then the period)
    and the selection they make, read from and written to the address. ``names`` gives, for a
    facet whose values are words rather than IRIs, the function that names them."""
    names = names or {}
    selection = Selection()
    for facet in facets:  # the address first: each facet's counts depend on the others
        selection.values[facet] = {expand(v) for v in state.get_list(facet)}
    span = bounds(items) if with_period else None
    if span and span[0] < span[1]:
        first, _, last = state.get("period").partition("-")
        if first.isdigit() and last.isdigit():
            selection.period = (max(int(first), span[0]), min(int(last), span[1]))
        selection.keep_undated = state.get("undated") == "1"
    columns = st.columns(min(len(facets), 3) or 1)
    for i, (facet, title) in enumerate(facets.items()):
        found = counts(items, selection, facet)
        chosen = selection.values[facet]
        name_of = names.get(facet) or (lambda v: common.label(v, lang))
        options = sorted(set(found) | chosen, key=lambda v: (-found.get(v, 0), name_of(v).casefold()))
        compacts = [compact(v) for v in options]
        shown = {compact(v): f"{name_of(v)} ({found.get(v, 0)})" for v in options}
        picked = state.multiselect(page, facet, title, compacts, lang=lang, format_func=shown.get,
                                   container=columns[i % len(columns)], placeholder=common.tr("app.views.any"))
        selection.values[facet] = {expand(v) for v in picked}
    if span and span[0] < span[1]:
        left, right = st.columns([3, 1])
        chosen = state.year_range(page, "period", common.tr("app.views.period"), span, lang=lang, container=left)
        selection.period = None if chosen == span else chosen
        dropped = undated(items, selection)
        selection.keep_undated = state.toggle(page, "undated", common.tr("app.views.undated_include"), lang=lang,
                                              container=right) if selection.period else False
        if selection.period is None:
            state.put("undated", "")
        if selection.period and dropped and not selection.keep_undated:
            right.caption(common.tr("app.views.undated_count", n=dropped))
    return selection


def empty_hint() -> None:
    st.info(common.tr("app.views.empty"), icon=":material/filter_alt_off:")

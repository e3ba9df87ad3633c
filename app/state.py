"""The explorer's one state model: every page's state lives in the address, under stable keys that
do not depend on the interface language.

- Keys are short names (``lang``, ``view``, ``q``, ``iri``, ``sort``, ``desc``, ``page``, ``size``,
  a view's facet names, a catalogue query's parameter names prefixed ``p.``); values are query
  ids, compact IRIs (``auth:fr-nice``), literals or numbers, never a translated title.
- A widget is drawn from the address: its session key carries the page, the name and the
  interface language (``catalogue.q.en``), so that a language switch draws a new widget with
  every label in the new language, started from the same value. When the address changes under
  a widget (a link followed inside the session), the address wins.
- After the widget, its value goes back into the address (a default value is left out, except
  the language, which every address carries, so a permalink opened anywhere shows the same screen).

The interface language is, in this order: ``?lang=``, the one chosen earlier in this session,
the browser's (Accept-Language, then its locale), then ``COOPKG_LANG``.
"""

from __future__ import annotations

from typing import Callable, Iterable, Sequence
from urllib.parse import quote, urlencode

import streamlit as st

from coopkg.config import settings
from coopkg.i18n import LANGUAGES
from coopkg.rdf.namespaces import compact, expand

LANGUAGE_NAMES = {"fr": "Français", "en": "English", "ru": "Русский"}


# --- the language ---------------------------------------------------------------------------------

def browser_language() -> str | None:
    """The first of the browser's languages (Accept-Language, then its locale) the explorer speaks."""
    try:
        header = st.context.headers.get("Accept-Language") or ""
        locale = st.context.locale or ""
    except Exception:  # noqa: BLE001 - no browser context (a bare script run)
        return None
    return pick_language(header, locale)


def pick_language(header: str, locale: str = "") -> str | None:
    """The best language of an Accept-Language header (by quality, then order), else of the
    browser's locale, among fr, en and ru; None when neither names one of them."""
    ranked = []
    for position, part in enumerate(header.split(",")):
        tag, _, weight = part.strip().partition(";q=")
        try:
            quality = float(weight) if weight else 1.0
        except ValueError:
            quality = 0.0
        if quality > 0 and tag.strip():
            ranked.append((-quality, position, tag.strip().lower()))
    tags = [tag for _, _, tag in sorted(ranked)] + [locale.lower()]
    for tag in tags:
        primary = tag.split("-")[0]
        if primary in LANGUAGES:
            return primary
    return None


def language() -> str:
    """The interface language of this run (see the module's docstring)."""
    chosen = st.query_params.get("lang")
    if chosen not in LANGUAGES:
        chosen = st.session_state.get("_lang") or browser_language() or settings().lang
    st.session_state["_lang"] = chosen
    if st.query_params.get("lang") != chosen:
        st.query_params["lang"] = chosen
    return chosen


def switch_language(chosen: str) -> None:
    st.session_state["_lang"] = chosen
    st.query_params["lang"] = chosen


# --- values in the address -------------------------------------------------------------------------

def get(name: str, default: str = "") -> str:
    value = st.query_params.get(name)
    return value if value is not None else default


def get_list(name: str) -> list[str]:
    return [v for v in st.query_params.get_all(name) if v]


def put(name: str, value, default=None) -> None:
    """Write a value (a string, a number, or a list for a repeated key) into the address; an
    empty value or the default leaves the key out."""
    if isinstance(value, (list, tuple)):
        values = [str(v) for v in value if v not in (None, "")]
        if values and list(values) != list(default or []):
            if st.query_params.get_all(name) != values:
                st.query_params[name] = values
        elif name in st.query_params:
            del st.query_params[name]
        return
    text = "" if value is None else str(value)
    if text and text != ("" if default is None else str(default)):
        if st.query_params.get(name) != text:
            st.query_params[name] = text
    elif name in st.query_params:
        del st.query_params[name]


def _widget_key(page: str, name: str, lang: str) -> str:
    return f"{page}.{name}.{lang}"


def _start(key: str, name: str, from_address, multi: bool) -> None:
    """Give the widget ``key`` the address's value when it is new, or when the address changed
    since this session last wrote it (a link followed)."""
    address = tuple(get_list(name)) if multi else get(name)
    seen_key = f"_seen.{key}"
    if key not in st.session_state or st.session_state.get(seen_key) != address:
        st.session_state[key] = from_address(address)
    st.session_state[seen_key] = address


def _seen(key: str, name: str, multi: bool) -> None:
    st.session_state[f"_seen.{key}"] = tuple(get_list(name)) if multi else get(name)


def selectbox(page: str, name: str, label: str, options: Sequence[str], *, lang: str, default: str = "",
              format_func: Callable[[str], str] = str, container=st, **kwargs) -> str:
    """A select box whose value is the address's ``name`` (one of ``options``, else ``default``)."""
    key = _widget_key(page, name, lang)
    _start(key, name, lambda v: v if v and v in options else (default if default in options else options[0]), False)
    chosen = container.selectbox(label, list(options), key=key, format_func=format_func, **kwargs)
    put(name, chosen, default)
    _seen(key, name, False)
    return chosen


def segmented(page: str, name: str, label: str, options: Sequence[str], *, lang: str, default: str,
              format_func: Callable[[str], str] = str, container=st) -> str:
    key = _widget_key(page, name, lang)
    _start(key, name, lambda v: v if v in options else default, False)
    chosen = container.segmented_control(label, list(options), key=key, format_func=format_func,
                                         required=True) or default
    put(name, chosen, default)
    _seen(key, name, False)
    return chosen


def multiselect(page: str, name: str, label: str, options: Sequence[str], *, lang: str,
                format_func: Callable[[str], str] = str, container=st, **kwargs) -> list[str]:
    """A multi-select whose values are the address's repeated ``name`` (those among ``options``)."""
    key = _widget_key(page, name, lang)
    _start(key, name, lambda values: [v for v in values if v in options], True)
    chosen = container.multiselect(label, list(options), key=key, format_func=format_func, **kwargs)
    put(name, list(chosen))
    _seen(key, name, True)
    return list(chosen)


def text_input(page: str, name: str, label: str, *, lang: str, default: str = "", container=st, **kwargs) -> str:
    key = _widget_key(page, name, lang)
    _start(key, name, lambda v: v or default, False)
    typed = container.text_input(label, key=key, **kwargs)
    put(name, typed.strip(), default)
    _seen(key, name, False)
    return typed


def number(page: str, name: str, label: str, *, lang: str, minimum: int, maximum: int, default: int,
           container=st) -> int:
    key = _widget_key(page, name, lang)

    def parse(text: str) -> int:
        try:
            return min(max(int(text), minimum), maximum)
        except ValueError:
            return default

    _start(key, name, parse, False)
    if not minimum <= st.session_state[key] <= maximum:
        st.session_state[key] = default
    chosen = int(container.number_input(label, min_value=minimum, max_value=maximum, step=1, key=key))
    put(name, chosen, default)
    _seen(key, name, False)
    return chosen


def toggle(page: str, name: str, label: str, *, lang: str, container=st) -> bool:
    key = _widget_key(page, name, lang)
    _start(key, name, lambda v: v == "1", False)
    on = container.toggle(label, key=key)
    put(name, "1" if on else "")
    _seen(key, name, False)
    return on


def year_range(page: str, name: str, label: str, bounds: tuple[int, int], *, lang: str, container=st) -> tuple[int, int]:
    """A year slider; the address holds ``name=FIRST-LAST`` when it is narrower than ``bounds``."""
    key = _widget_key(page, name, lang)

    def parse(text: str) -> tuple[int, int]:
        first, _, last = text.partition("-")
        try:
            chosen = (max(int(first), bounds[0]), min(int(last), bounds[1]))
        except ValueError:
            return bounds
        return chosen if chosen[0] <= chosen[1] else bounds

    _start(key, name, parse, False)
    chosen = container.slider(label, bounds[0], bounds[1], key=key)
    chosen = (int(chosen[0]), int(chosen[1]))
    put(name, "" if chosen == tuple(bounds) else f"{chosen[0]}-{chosen[1]}")
    _seen(key, name, False)
    return chosen


# --- IRIs in the address, and links between pages ----------------------------------------------------

def iri_param(iri: str) -> str:
    """An IRI as an address value: its compact form where it has one (``auth:fr-nice``)."""
    return compact(iri)


def iri_from_param(text: str) -> str:
    return expand(text.strip())


def page_url(page: str, lang: str, **params) -> str:
    """A relative address of ``page`` (``entity``, ``search``...) with ``params`` and the language."""
    items = [(k, v) for k, v in params.items() if v not in (None, "")] + [("lang", lang)]
    return f"{page}?" + urlencode(items, quote_via=quote, safe=":")


def entity_url(iri: str, lang: str, label: str | None = None) -> str:
    """The entity page of ``iri``; with ``label``, after a ``#``, for the tables' link columns,
    which show that part of the address (decoded) as the cell's text."""
    url = page_url("entity", lang, iri=iri_param(iri))
    return url + "#" + quote(label, safe="") if label is not None else url


def link_params(lang: str, **params) -> dict[str, str]:
    """Query parameters for st.page_link / st.switch_page, the language included."""
    return {**{k: str(v) for k, v in params.items() if v not in (None, "")}, "lang": lang}


def keep_only(names: Iterable[str]) -> None:
    """Drop from the address the keys of other pages (after a page switch by the navigation)."""
    keep = set(names) | {"lang"}
    for name in list(st.query_params.keys()):
        if name not in keep:
            del st.query_params[name]

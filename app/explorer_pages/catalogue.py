"""Query catalogue: the named queries of queries/, their parameters as a form, results at once.

The address names the query by its id (``q=authority-partnerships``) and each parameter by its
name (``p.authority=auth:fr-nice``), so a link gives the same results in any language. A
parameter of type ``lang`` (the language of the labels a query computes) follows the interface.
"""

import datetime as dt

import common
import pyoxigraph as ox
import results
import state
import streamlit as st

from coopkg.i18n import t
from coopkg.rdf.namespaces import compact, expand
from coopkg.read import views
from coopkg.sparql.binding import bind_values
from coopkg.sparql.catalogue import CatalogueError, load_catalogue

PAGE = "catalogue"


@st.cache_data(show_spinner=False, max_entries=64)
def _choices(path: str, query_name: str, param_name: str) -> list[str]:
    param = next(p for p in load_catalogue()[query_name].params if p.name == param_name)
    return views.param_choices(common.repository(), param)


def form(query, lang: str) -> dict[str, str]:
    """One widget per parameter, its value in the address (``p.NAME``); values as text, bound
    as RDF terms by NamedQuery.bind."""
    values = {}
    shown = [p for p in query.params if p.type != "lang"]
    columns = st.columns(min(len(shown), 3)) if shown else []
    for i, param in enumerate(query.params):
        name = f"p.{param.name}"
        if param.type == "lang":
            values[param.name] = lang
            continue
        box = columns[i % len(columns)] if columns else st
        label = param.label(lang)
        if param.type == "iri":
            choices = [compact(iri) for iri in _choices(common.build_path(), query.name, param.name)]
            default = compact(expand(param.default)) if param.default else ""
            wanted = state.get(name)
            options = [""] + sorted(choices, key=lambda c: common.label(expand(c), lang).casefold())
            for extra in (default, wanted):
                if extra and extra not in options:
                    options.append(extra)
            chosen = state.selectbox(PAGE, name, label, options, lang=lang, default=default, container=box,
                                     format_func=lambda c: common.label(expand(c), lang) if c else t("app.catalogue.none", lang))
            values[param.name] = chosen
        elif param.type == "date":
            default = param.default or ""
            typed = state.get(name, default)
            try:
                initial = dt.date.fromisoformat(typed) if typed else None
            except ValueError:
                initial = None
            key = f"{PAGE}.{name}.{lang}"
            if key not in st.session_state:
                st.session_state[key] = initial
            chosen = box.date_input(label, key=key, min_value=dt.date(1900, 1, 1))
            values[param.name] = chosen.isoformat() if chosen else ""
            state.put(name, values[param.name], default)
        else:
            typed = state.text_input(PAGE, name, label, lang=lang, default=param.default or "", container=box)
            values[param.name] = typed.strip()
    return values


def main():
    lang = common.lang()
    catalogue = load_catalogue()
    params = [f"p.{p.name}" for q in catalogue.values() for p in q.params]
    state.keep_only(["q", "sort", "desc", "page", "size", *params])
    st.title(common.tr("app.catalogue.title"))
    if not catalogue:
        st.info(common.tr("app.catalogue.empty"))
        return
    names = sorted(catalogue, key=lambda n: catalogue[n].title(lang).casefold())
    name = state.selectbox(PAGE, "q", common.tr("app.catalogue.choose"), names, lang=lang, default=names[0],
                           format_func=lambda n: catalogue[n].title(lang))
    query = catalogue[name]
    st.caption(common.plain(query.description(lang)))
    values = form(query, lang) if query.params else {}
    try:
        bound = query.bind(values)
    except CatalogueError as exc:
        st.error(common.md(exc))
        return
    outcome = results.run(query.text, bound, key="catalogue")
    results.show(outcome, query=query, sparql=query.text, substitutions=bound, key="catalogue", name=name, page=PAGE)
    with st.expander(common.tr("app.catalogue.text")):
        st.code(query.text, language="sparql")
    editable = bind_values(query.body, {ox.Variable(k): v for k, v in bound.items()})
    st.page_link(common.PAGES["sparql"], label=common.tr("app.catalogue.edit_bound"), icon=":material/edit:",
                 query_params=state.link_params(lang, query=editable))


common.guard(main)

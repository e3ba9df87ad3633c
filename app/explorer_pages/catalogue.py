"""Query catalogue: the named queries of queries/, their parameters as a form, results at once."""

import datetime as dt

import common
import streamlit as st

from coopkg.rdf.namespaces import expand
from coopkg.read import views
from coopkg.sparql.catalogue import CatalogueError, load_catalogue


@st.cache_data(show_spinner=False)
def _choices(path: str, query_name: str, param_name: str, lang: str):
    param = next(p for p in load_catalogue()[query_name].params if p.name == param_name)
    return views.param_choices(common._repository(path), param, lang, common._labels(path), views.view_queries())


def form(query) -> dict[str, str]:
    """One widget per parameter; values as text, bound as RDF terms by NamedQuery.bind."""
    lang = common.lang()
    values = {}
    for param in query.params:
        key = f"cat-{query.name}-{param.name}"
        label = param.label(lang)
        if param.type == "iri":
            choices = _choices(common.build_path(), query.name, param.name, lang)
            names = dict(choices)
            options = [""] + [iri for iri, _ in choices]
            default = expand(param.default) if param.default else ""
            if default and default not in names:
                options.append(default)
            values[param.name] = st.selectbox(label, options, index=options.index(default) if default else 0, key=key,
                                              format_func=lambda v, names=names: names.get(v, v) if v else "—")
        elif param.type == "lang":
            options = ["fr", "en", "ru"]
            values[param.name] = st.selectbox(label, options, key=key,
                                              index=options.index(param.default) if param.default in options else
                                              options.index(lang))
        elif param.type == "date":
            default = dt.date.fromisoformat(param.default) if param.default else None
            chosen = st.date_input(label, value=default, key=key, min_value=dt.date(1900, 1, 1))
            values[param.name] = chosen.isoformat() if chosen else ""
        elif param.type == "integer":
            chosen = st.number_input(label, value=int(param.default) if param.default else None, step=1, key=key)
            values[param.name] = str(int(chosen)) if chosen is not None else ""
        else:
            values[param.name] = st.text_input(label, value=param.default or "", key=key)
    return values


def main():
    lang = common.lang()
    st.title(common.tr("app.catalogue.title"))
    catalogue = load_catalogue()
    if not catalogue:
        st.info(common.tr("app.catalogue.empty"))
        return
    names = sorted(catalogue, key=lambda n: catalogue[n].title(lang).casefold())
    name = st.selectbox(common.tr("app.catalogue.choose"), names, key="name", bind="query-params",
                        format_func=lambda n: catalogue[n].title(lang))
    query = catalogue[name]
    st.text(query.description(lang))
    values = form(query) if query.params else {}
    try:
        bound = query.bind(values)
    except CatalogueError as exc:
        st.error(common.md(exc))
        return
    outcome = common.run_and_remember(query.text, bound, key="catalogue")
    common.show_outcome(outcome, key="catalogue", name=name)
    with st.expander(common.tr("app.catalogue.text")):
        st.code(query.text, language="sparql")
        st.page_link(common.PAGES["sparql"], label=common.tr("app.catalogue.edit"), icon=":material/edit:",
                     query_params={"query": query.text})


common.guard(main)

"""Entity page: everything the graph says about one IRI, with its sources."""

import common
import streamlit as st

from coopkg.rdf.formats import FILE_EXTENSIONS, MEDIA_TYPES
from coopkg.rdf.namespaces import compact, expand
from coopkg.read.entity import (
    ENTITY_RDF_FORMATS,
    describe_entity,
    disagreements_frame,
    entity_rdf,
    neighbourhood,
    neighbourhood_dot,
    sources_frame,
    statements_frame,
)
from coopkg.read.labels import kind_label


def column_names():
    return {"property": common.tr("app.col.property"), "value": common.tr("app.col.value"),
            "lang": common.tr("app.col.lang"), "datatype": common.tr("app.col.datatype"),
            "source": common.tr("app.col.source"), "graph": common.tr("app.col.graph")}


def show_table(frame, key, with_links=True):
    shown, config = common.links(frame if with_links else frame.drop(columns=["link"]), ["link"] if with_links else [])
    config.update(column_names())
    if with_links:
        config["link"] = st.column_config.LinkColumn(common.tr("app.col.link"), display_text=r"entity\?iri=(.*)$")
    st.dataframe(shown, column_config=config, hide_index=True, width="stretch", key=key)


def main():
    lang = common.lang()
    typed = st.text_input(common.tr("app.entity.iri"), key="iri", bind="query-params",
                          placeholder="auth:fr-nice, person:p0002, https://w3id.org/coopkg/id/...")
    if not typed.strip():
        st.title(common.tr("app.page.entity"))
        st.caption(common.tr("app.entity.hint"))
        return
    iri = expand(typed.strip())
    repo, labels = common.repository(), common.labels()
    page = describe_entity(repo, iri, lang, labels)
    st.title(common.md(page.label))
    st.code(iri, language=None)
    if not page.exists:
        st.warning(common.tr("app.entity.unknown"))
        return
    kinds = ", ".join(labels.label(c, lang) for c in page.classes)
    st.caption(common.md(f"{kind_label(page.kind or 'other', lang)} · {kinds}"))

    if page.disagreements:
        st.subheader(common.tr("app.entity.disagreements"))
        st.caption(common.tr("app.entity.disagreements_hint"))
        st.dataframe(disagreements_frame(page, labels, lang), hide_index=True, width="stretch",
                     column_config={"property": common.tr("app.col.property")})

    st.subheader(common.tr("app.entity.labels"))
    show_table(statements_frame(page.labels, labels, lang, page.sources), "labels", with_links=False)
    st.subheader(common.tr("app.entity.properties"))
    show_table(statements_frame(page.properties, labels, lang, page.sources), "properties")
    st.subheader(common.tr("app.entity.incoming"))
    if page.incoming:
        show_table(statements_frame(page.incoming, labels, lang, page.sources, incoming=True), "incoming")
        if page.incoming_truncated:
            st.caption(common.tr("app.entity.incoming_cut", n=len(page.incoming)))
    else:
        st.caption(common.tr("app.entity.no_incoming"))

    st.subheader(common.tr("app.entity.sources"))
    st.dataframe(sources_frame(page), hide_index=True, width="stretch", column_config={
        "graph": common.tr("app.col.graph"), "title": common.tr("app.col.title"),
        "address": st.column_config.LinkColumn(common.tr("app.col.address")),
        "licence": common.tr("app.col.licence")})

    st.subheader(common.tr("app.entity.neighbourhood"))
    st.graphviz_chart(neighbourhood_dot(neighbourhood(page, labels, lang)))

    st.subheader(common.tr("app.entity.rdf"))
    cols = st.columns(len(ENTITY_RDF_FORMATS) + 1)
    name = compact(iri).replace(":", "-").replace("/", "-")
    for col, fmt in zip(cols, ENTITY_RDF_FORMATS):
        col.download_button(fmt, data=lambda fmt=fmt: entity_rdf(repo, iri, fmt), key=f"rdf-{fmt}",
                            file_name=f"{name}.{FILE_EXTENSIONS[fmt]}", mime=MEDIA_TYPES[fmt], on_click="ignore")
    cols[-1].page_link(common.PAGES["entity"], label=common.tr("app.entity.permalink"),
                       query_params={"iri": compact(iri)}, icon=":material/link:")


common.guard(main)

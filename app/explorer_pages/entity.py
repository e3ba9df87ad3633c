"""Entity page: everything the graph says about one IRI, with its sources. An authority's page
lists its partnerships (partner, kind, dates, status, sources); an event's page its participants
with their role and capacity. A name that is not an IRI (``?iri=Nice``) leads to the search.
Every table can be downloaded as CSV."""

import re

import common
import state
import streamlit as st
import tables
from components.network_graph import GraphEdge, GraphNode, KindStyle, network_graph

from coopkg.i18n import strings
from coopkg.rdf.formats import FILE_EXTENSIONS, MEDIA_TYPES
from coopkg.rdf.namespaces import compact, expand
from coopkg.read.entity import (
    ENTITY_RDF_FORMATS,
    authority_partnerships,
    describe_entity,
    entity_rdf,
    event_participants,
    neighbourhood,
)
from coopkg.read.labels import kind_label

PAGE = "entity"
ABSOLUTE_IRI = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|\\^`]+$")
KIND_COLOURS = {"authority": "#37b24d", "person": "#f08c00", "organisation": "#1c7ed6", "event": "#ae3ec9",
                "partnership": "#e8590c", "participation": "#868e96", "place": "#0ca678", "concept": "#f783ac"}


def col(name: str, key: str, kind: str = tables.TEXT) -> tables.Column:
    return tables.Column(name, common.tr(key), kind)


def statement_rows(statements, incoming: bool = False) -> list[dict]:
    import pyoxigraph as ox

    rows = []
    for s in statements:
        rows.append({"property": ox.NamedNode(s.predicate),
                     "value": ox.NamedNode(s.subject) if incoming else s.value,
                     "lang": ox.Literal(s.language) if s.language else None,
                     "datatype": ox.Literal(s.datatype) if s.datatype else None,
                     "graph": ox.NamedNode(s.graph)})
    return rows


def statement_columns(with_value_links: bool = True) -> list[tables.Column]:
    return [col("property", "app.col.property", tables.IRI),
            col("value", "app.col.value", tables.IRI if with_value_links else tables.TEXT),
            col("lang", "app.col.lang"), col("datatype", "app.col.datatype"),
            col("graph", "app.col.source", tables.GRAPH)]


def partnerships_table(repo, iri: str, lang: str) -> None:
    rows = authority_partnerships(repo, iri)
    if not rows:
        return
    import pyoxigraph as ox

    st.subheader(common.tr("app.entity.partnerships") + f" ({len(rows)})")
    shown = [{"partner": ox.NamedNode(r.partner), "kind": ox.NamedNode(r.kind) if r.kind else None,
              "dates": ox.Literal(" / ".join(r.dates)) if r.dates else None,
              "status": ox.NamedNode(r.status) if r.status else None,
              "sources": ox.Literal(" ".join(r.graphs)), "partnership": ox.NamedNode(r.partnership)}
             for r in sorted(rows, key=lambda r: common.label(r.partner, lang).casefold())]
    columns = [col("partner", "app.col.partner", tables.IRI), col("kind", "app.col.kind", tables.IRI),
               col("dates", "app.col.date"), col("status", "app.col.status", tables.IRI),
               col("sources", "app.col.sources", tables.GRAPHS),
               col("partnership", "app.col.partnership", tables.IRI)]
    tables.show(shown, columns, key="partnerships", name=f"{compact(iri).replace(':', '-')}-partnerships", lang=lang)


def participants_table(repo, iri: str, lang: str) -> None:
    rows = event_participants(repo, iri)
    if not rows:
        return
    import pyoxigraph as ox

    st.subheader(common.tr("app.entity.participants") + f" ({len({r.participant for r in rows})})")

    def node(value):
        return ox.NamedNode(value) if value else None

    shown = [{"participant": node(r.participant), "role": node(r.role),
              "capacity": node(r.capacity) if r.capacity else ox.Literal(common.tr("app.entity.no_capacity")),
              "onBehalfOf": node(r.on_behalf_of), "event": node(r.event), "graph": node(r.graph)} for r in rows]
    columns = [col("participant", "app.col.participant", tables.IRI), col("role", "app.col.role", tables.IRI),
               col("capacity", "app.col.capacity", tables.IRI), col("onBehalfOf", "app.col.on_behalf_of", tables.IRI),
               col("event", "app.col.event", tables.IRI), col("graph", "app.col.source", tables.GRAPH)]
    tables.show(shown, columns, key="participants", name=f"{compact(iri).replace(':', '-')}-participants", lang=lang)


def disagreements_table(page, lang: str) -> None:
    st.subheader(common.tr("app.entity.disagreements"))
    st.caption(common.tr("app.entity.disagreements_hint"))
    import pyoxigraph as ox

    graphs = sorted({c.graph for d in page.disagreements for c in d.claims})
    rows = []
    for d in page.disagreements:
        row = {"property": ox.NamedNode(d.predicate) if d.predicate.startswith("http") else ox.Literal(d.predicate)}
        for claim in d.claims:
            text = common.label(claim.value, lang)
            row[claim.graph] = ox.Literal(f"{row[claim.graph].value} / {text}" if claim.graph in row else text)
        rows.append(row)
    columns = [col("property", "app.col.property", tables.IRI)]
    columns += [tables.Column(g, common.source_title(g, lang)) for g in graphs]
    tables.show(rows, columns, key="disagreements", name=f"{compact(page.iri).replace(':', '-')}-disagreements",
                lang=lang)


def neighbourhood_graph(page, lang: str) -> None:
    st.subheader(common.tr("app.entity.neighbourhood"))
    hood = neighbourhood(page, common.labels(), lang)
    kinds = common.kinds()
    nodes = [GraphNode(iri, common.plain(text), kinds.get(iri, "other"), 3 if iri == page.iri else 1)
             for iri, text in hood.nodes]
    edges = [GraphEdge(a, b, common.plain(text)) for a, b, text in hood.edges]
    styles = {k: KindStyle(kind_label(k, lang), colour) for k, colour in KIND_COLOURS.items()}
    clicked = network_graph(nodes, edges, kinds=styles, key=f"hood-{lang}", lang=lang, height=420,
                            strings=strings("graph", lang))
    if clicked and clicked != page.iri:
        st.switch_page(common.PAGES["entity"], query_params=state.link_params(lang, iri=state.iri_param(clicked)))


def main():
    lang = common.lang()
    state.keep_only(["iri"])
    typed = state.text_input(PAGE, "iri", common.tr("app.entity.iri"), lang=lang,
                             placeholder="auth:fr-nice, person:p0002, https://w3id.org/coopkg/id/...")
    if not typed.strip():
        st.title(common.tr("app.page.entity"))
        st.caption(common.tr("app.entity.hint"))
        return
    iri = expand(typed.strip().strip("<>"))
    if not ABSOLUTE_IRI.match(iri):  # a name, not an IRI: search for it
        st.switch_page(common.PAGES["search"], query_params=state.link_params(lang, q=typed.strip()))
    repo = common.repository()
    page = describe_entity(repo, iri, lang, common.labels())
    st.title(common.md(common.label(iri, lang)))
    st.code(iri, language=None)
    if not page.exists:
        st.warning(common.tr("app.entity.unknown"))
        st.page_link(common.PAGES["search"], label=common.md(common.tr("app.entity.search_instead", text=typed.strip())),
                     query_params=state.link_params(lang, q=typed.strip()), icon=":material/search:")
        return
    kinds = ", ".join(common.label(c, lang) for c in page.classes)
    st.caption(common.md(f"{kind_label(page.kind or 'other', lang)} · {kinds}"))

    if page.disagreements:
        disagreements_table(page, lang)
    if page.kind == "authority":
        partnerships_table(repo, iri, lang)
    if page.kind in ("event", "series"):
        participants_table(repo, iri, lang)

    st.subheader(common.tr("app.entity.labels"))
    tables.show(statement_rows(page.labels), statement_columns(with_value_links=False), key="labels",
                name=f"{compact(iri).replace(':', '-')}-names", lang=lang)
    st.subheader(common.tr("app.entity.properties"))
    tables.show(statement_rows(page.properties), statement_columns(), key="properties",
                name=f"{compact(iri).replace(':', '-')}-statements", lang=lang)
    st.subheader(common.tr("app.entity.incoming"))
    if page.incoming:
        tables.show(statement_rows(page.incoming, incoming=True), statement_columns()[:2] + statement_columns()[4:],
                    key="incoming", name=f"{compact(iri).replace(':', '-')}-backlinks", lang=lang)
        if page.incoming_truncated:
            st.caption(common.tr("app.entity.incoming_cut", n=len(page.incoming)))
    else:
        st.caption(common.tr("app.entity.no_incoming"))

    st.subheader(common.tr("app.entity.sources"))
    import pyoxigraph as ox

    source_rows = [{"graph": ox.NamedNode(g), "title": ox.Literal(common.source_title(g, lang)),
                    "address": ox.Literal(common.web_url(s.url)) if common.web_url(s.url) else None,
                    "licence": ox.NamedNode(s.license) if s.license and s.license.startswith("http") else None}
                   for g, s in page.sources.items()]
    tables.show(source_rows, [col("graph", "app.col.graph", tables.IRI), col("title", "app.col.title"),
                              col("address", "app.col.address"), col("licence", "app.col.licence", tables.IRI)],
                key="sources", name=f"{compact(iri).replace(':', '-')}-sources", lang=lang)

    neighbourhood_graph(page, lang)

    st.subheader(common.tr("app.entity.rdf"))
    cols = st.columns(len(ENTITY_RDF_FORMATS) + 1)
    name = compact(iri).replace(":", "-").replace("/", "-")
    for column, fmt in zip(cols, ENTITY_RDF_FORMATS):
        column.download_button(fmt, data=lambda fmt=fmt: entity_rdf(repo, iri, fmt), key=f"rdf-{fmt}",
                               file_name=f"{name}.{FILE_EXTENSIONS[fmt]}", mime=MEDIA_TYPES[fmt], on_click="ignore")
    cols[-1].page_link(common.PAGES["entity"], label=common.tr("app.entity.permalink"),
                       query_params=state.link_params(lang, iri=compact(iri)), icon=":material/link:")


common.guard(main)

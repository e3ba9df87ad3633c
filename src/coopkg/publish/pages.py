"""The dereferencing server's HTML: a page per thing and the ontology's page, in French, English
or Russian. Every value from the data goes through Jinja2's autoescaping; links are made only to
the served copy of project IRIs and to http(s) addresses; the server sends a Content-Security-Policy
that allows no script (``CSP``)."""

from __future__ import annotations

from urllib.parse import urlsplit

import jinja2
import pyoxigraph as ox
from markupsafe import Markup

from coopkg.publish.http import MEDIA_TYPES
from coopkg.rdf.formats import FILE_EXTENSIONS
from coopkg.rdf.namespaces import BASE, COOP, PREFIXES, compact
from coopkg.sparql.catalogue import library_text

DOC = "doc/"
ONTOLOGY_IRI = BASE + "ontology"
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'"


def document_path(iri: str) -> str:
    """The served path of the document of a project IRI (``id/x`` -> ``doc/id/x``)."""
    return DOC + iri[len(BASE):]


TEXT = {
    "formats": {"en": "This description in", "fr": "Cette description en", "ru": "Это описание в формате"},
    "iri": {"en": "IRI", "fr": "IRI", "ru": "IRI"},
    "classes": {"en": "Classes", "fr": "Classes", "ru": "Классы"},
    "labels": {"en": "Names", "fr": "Noms", "ru": "Названия"},
    "properties": {"en": "Statements", "fr": "Déclarations", "ru": "Утверждения"},
    "incoming": {"en": "Referred to by", "fr": "Cité par", "ru": "Ссылаются"},
    "property": {"en": "property", "fr": "propriété", "ru": "свойство"},
    "value": {"en": "value", "fr": "valeur", "ru": "значение"},
    "subject": {"en": "subject", "fr": "sujet", "ru": "субъект"},
    "source": {"en": "source", "fr": "source", "ru": "источник"},
    "sources": {"en": "Sources", "fr": "Sources", "ru": "Источники"},
    "more": {"en": "Only the first {n} are shown.", "fr": "Seules les {n} premières sont montrées.",
             "ru": "Показаны только первые {n}."},
    "disagreements": {"en": "Sources disagree", "fr": "Les sources divergent", "ru": "Источники расходятся"},
    "terms": {"en": "Terms", "fr": "Termes", "ru": "Термины"},
    "graph_size": {"en": "This named graph holds {n} triples; its documents carry them all.",
                   "fr": "Ce graphe nommé contient {n} triplets ; ses documents les donnent tous.",
                   "ru": "Этот именованный граф содержит {n} триплетов; его документы передают их все."},
    "licence": {"en": "licence", "fr": "licence", "ru": "лицензия"},
}


PAGE = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined).from_string("""<!DOCTYPE html>
<html lang="{{ lang }}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }} · coopkg</title>
{% for f in formats %}<link rel="alternate" type="{{ f.media }}" href="{{ f.href }}">
{% endfor %}<style>
body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#1a202c}
table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}td,th{border-bottom:1px solid #e2e8f0;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f7fafc}.iri{font-family:monospace;color:#4a5568;word-break:break-all}.lang,.dt{color:#718096;font-size:.85em}
nav a{margin-right:.8rem}
</style></head><body>
<h1>{{ title }}</h1>
<p class="iri">{{ t.iri }} &lt;{{ iri }}&gt;</p>
<nav>{{ t.formats }}: {% for f in formats %}<a href="{{ f.href }}">{{ f.name }}</a>{% endfor %}</nav>
{% if notice %}<p>{{ notice }}</p>{% endif %}
{% if classes %}<h2>{{ t.classes }}</h2><p>{% for c in classes %}{{ link(c) }}{% if not loop.last %}, {% endif %}{% endfor %}</p>{% endif %}
{% for section in sections %}{% if section.rows %}
<h2>{{ section.title }}</h2>
<table><tr>{% for h in section.head %}<th>{{ h }}</th>{% endfor %}</tr>
{% for row in section.rows %}<tr>{% for cell in row %}<td>{{ cell }}</td>{% endfor %}</tr>
{% endfor %}</table>{% if section.note is defined and section.note %}<p>{{ section.note }}</p>{% endif %}
{% endif %}{% endfor %}
</body></html>
""")


class Links:
    """Renders terms as escaped HTML: project IRIs link to the served copy, other http(s) IRIs
    to themselves, anything else is text."""

    def __init__(self, served_base: str, labels, lang: str):
        self.served_base = served_base
        self.labels = labels
        self.lang = lang

    def href(self, iri: str) -> str | None:
        if iri.startswith(BASE):
            return self.served_base + iri[len(BASE):]
        return iri if urlsplit(iri).scheme in ("http", "https") else None

    def __call__(self, term) -> Markup:
        if isinstance(term, str):
            term = ox.NamedNode(term)
        if isinstance(term, ox.NamedNode):
            text = self.labels.label(term.value, self.lang) if self.labels else compact(term.value)
            href = self.href(term.value)
            if href is None:
                return Markup("{}").format(text)
            return Markup('<a href="{}" title="{}">{}</a>').format(href, term.value, text)
        if isinstance(term, ox.Literal):
            if term.language:
                return Markup('{} <span class="lang">@{}</span>').format(term.value, term.language)
            datatype = term.datatype.value
            if datatype == PREFIXES["xsd"] + "string":
                return Markup("{}").format(term.value)
            return Markup('{} <span class="dt">{}</span>').format(term.value, compact(datatype))
        return Markup("{}").format(str(term))


def format_links(served_base: str, path: str) -> list[dict]:
    return [{"name": FILE_EXTENSIONS.get(name, name), "media": MEDIA_TYPES[name],
             "href": f"{served_base}{path}?format={FILE_EXTENSIONS.get(name, name)}"}
            for name in ("turtle", "jsonld", "ntriples", "rdfxml", "trig", "nquads")]


def entity_html(repository, iri: str, served_base: str, lang: str) -> str:
    """The readable page of a thing, from the explorer's own description of it."""
    from coopkg.read.entity import INCOMING_LIMIT, describe_entity
    from coopkg.read.labels import load_labels

    labels = load_labels(repository)
    page = describe_entity(repository, iri, lang, labels)
    link = Links(served_base, labels, lang)
    sources = {g: s for g, s in page.sources.items()}

    def source(graph: str):
        found = sources.get(graph)
        return link(graph) if found is None or not found.title else Markup("{} ({})").format(link(graph), found.title)

    text = {k: v.get(lang, v["en"]) for k, v in TEXT.items()}
    sections = [
        {"title": text["labels"], "head": [text["property"], text["value"], text["source"]],
         "rows": [(link(s.predicate), link(s.value), source(s.graph)) for s in page.labels]},
        {"title": text["properties"], "head": [text["property"], text["value"], text["source"]],
         "rows": [(link(s.predicate), link(s.value), source(s.graph)) for s in page.properties]},
        {"title": text["incoming"], "head": [text["subject"], text["property"], text["source"]],
         "rows": [(link(s.subject), link(s.predicate), source(s.graph)) for s in page.incoming],
         "note": text["more"].format(n=INCOMING_LIMIT) if page.incoming_truncated else ""},
        {"title": text["disagreements"], "head": [text["property"], text["value"], text["source"]],
         "rows": [(link(d.predicate), link(c.value), source(c.graph)) for d in page.disagreements for c in d.claims]},
        {"title": text["sources"], "head": [text["source"], text["value"], text["licence"]],
         "rows": [(link(s.graph), link(ox.NamedNode(s.url)) if s.url else s.title,
                   link(s.license) if s.license else "") for s in page.sources.values()]},
    ]
    notice = ""
    if iri in repository.named_graphs():
        size = sum(1 for _ in repository.quads(iri))
        notice = text["graph_size"].format(n=size)
    return PAGE.render(lang=lang, title=page.label, iri=iri, t=text, link=link, classes=page.classes,
                       sections=sections, notice=notice, formats=format_links(served_base, document_path(iri)))




def ontology_html(repository, served_base: str, lang: str) -> str:
    """The ontology's page: one row per coop: term, anchored by its local name so that a
    browser following ``/ontology#Partnership`` lands on its row."""
    from coopkg.read.labels import load_labels

    labels = load_labels(repository)
    link = Links(served_base, labels, lang)
    rows = {}
    for row in repository.query(library_text("publish/ontology-terms"), {"lang": ox.Literal(lang)}):
        term = row["term"].value
        rows.setdefault(term, (row["label"], row["definition"]))
    text = {k: v.get(lang, v["en"]) for k, v in TEXT.items()}
    table = []
    for term in sorted(rows, key=lambda t: t[len(COOP):].lower()):
        label, definition = rows[term]
        anchor = Markup('<span id="{}">{}</span>').format(term[len(COOP):], compact(term))
        table.append((anchor, link(label) if label else "", link(definition) if definition else ""))
    sections = [{"title": text["terms"], "head": ["", text["value"], ""], "rows": table}]
    return PAGE.render(lang=lang, title=labels.label(ONTOLOGY_IRI, lang), iri=ONTOLOGY_IRI, t=text, link=link,
                       classes=[], sections=sections, notice="", formats=format_links(served_base, DOC + "ontology"))



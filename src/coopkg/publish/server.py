"""The dereferencing server: every IRI of ``https://w3id.org/coopkg/`` answers over HTTP.

An ASGI app (Starlette, served by uvicorn). The IRIs of things (``id/``, ``vocab/``, ``graph/``,
``source/``) answer ``303 See Other`` to the one document describing them, ``doc/`` followed by
the same path (``/id/authority/fr-nice`` -> ``/doc/id/authority/fr-nice``); a document answers
200 in the format the client asks for (``Accept``, or ``?format=`` for browsers) with
``Vary: Accept``. The ontology's terms are hash IRIs: ``/ontology`` is itself the document.
Unknown IRIs answer 404. Why this layout: docs/publishing.md.

Served elsewhere than w3id.org, the app maps ``https://w3id.org/coopkg/`` to the path of its
``base`` (``--base https://example.org/kg/`` serves ``.../kg/id/...``). Documents keep the
canonical IRIs; only the links of HTML pages and the Location of redirects use the served base.

HTML pages show labels and links; every value from the data is escaped by the template engine
(autoescape), links only ever point to http(s) addresses, and a Content-Security-Policy forbids
scripts. With ``COOPKG_EXPLORER_URL`` set (the explorer's address), HTML requests are redirected to
the explorer's entity page instead (``entity?iri=...`` there; an address holding ``{iri}`` is used
as a template).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

import jinja2
import pyoxigraph as ox
from markupsafe import Markup
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from coopkg.config import ontology_dir, settings
from coopkg.i18n import LANGUAGES
from coopkg.rdf.formats import FILE_EXTENSIONS, RDF_FORMATS, visible
from coopkg.rdf.namespaces import BASE, COOP, ONTOLOGY_GRAPH, PREFIXES, VOCAB, compact
from coopkg.read import export
from coopkg.sparql.catalogue import library_text

DOC = "doc/"
THING_SPACES = ("id/", "vocab/", "graph/", "source/")
ONTOLOGY_IRI = BASE + "ontology"
SHAPES_IRI = BASE + "shapes"
CONTEXT_PATH = "context.jsonld"

# What a document can be served as: format name -> media type. HTML is ours, the rest pyoxigraph's.
HTML = "html"
MEDIA_TYPES = {name: fmt.media_type for name, fmt in RDF_FORMATS.items()}
MEDIA_TYPES[HTML] = "text/html"
# Server preference when the client accepts several equally (``*/*``): RDF first, Turtle first.
PREFERENCE = ("turtle", "jsonld", "ntriples", "rdfxml", "trig", "nquads", HTML)
ALIASES = {"application/json": "jsonld", "application/xhtml+xml": HTML}
FORMAT_PARAMS = {ext: name for name, ext in FILE_EXTENSIONS.items() if name in RDF_FORMATS}
FORMAT_PARAMS.update({name: name for name in RDF_FORMATS} | {HTML: HTML, "htm": HTML})
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'"


# --- content negotiation ----------------------------------------------------------------------------

def negotiate(accept: str | None) -> str | None:
    """The format to serve for an Accept header (None if nothing acceptable): the highest q,
    ties going to ``PREFERENCE`` order; a missing header accepts anything."""
    if not accept or not accept.strip():
        return PREFERENCE[0]
    ranges = []
    for part in accept.split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        ranges.append((media, q))

    def quality(name: str) -> float:
        media = MEDIA_TYPES[name]
        kind = media.split("/")[0]
        best, specificity = 0.0, -1
        for pattern, q in ranges:
            if ALIASES.get(pattern) == name:
                pattern = media
            level = 2 if pattern == media else 1 if pattern == f"{kind}/*" else 0 if pattern == "*/*" else -1
            if level > specificity:
                best, specificity = q, level
        return best if specificity >= 0 else 0.0

    scored = [(quality(name), -i, name) for i, name in enumerate(PREFERENCE)]
    q, _, name = max(scored)
    return name if q > 0 else None


# --- what an IRI is -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Target:
    kind: str  # "thing", "document", "ontology", "shapes", "context", "root"
    iri: str | None = None


def classify(path: str) -> Target | None:
    """The request path (relative to the served base) -> what it names, or None."""
    if path == "":
        return Target("root")
    if path == CONTEXT_PATH:
        return Target("context")
    if path == "ontology" or path.startswith("ontology/"):
        return Target("ontology", BASE + path)
    if path == "shapes":
        return Target("shapes", SHAPES_IRI)
    if path.startswith(DOC) and path[len(DOC):].startswith(THING_SPACES):
        return Target("document", BASE + path[len(DOC):])
    if path.startswith(THING_SPACES):
        return Target("thing", BASE + path)
    return None


def document_path(iri: str) -> str:
    return DOC + iri[len(BASE):]


# --- the repository, reopened when a new build is swapped in -----------------------------------------

class Served:
    """The repository the server answers from: the configured remote endpoint, or the current
    embedded build, reopened when ``coopkg build`` swaps in a new one."""

    def __init__(self, repository=None):
        self._fixed = repository
        self._lock = threading.Lock()
        self._key: str | None = None
        self._repository = None

    def get(self):
        if self._fixed is not None:
            return self._fixed
        from coopkg.store import open_repository, repository_key

        key = repository_key()  # changes when a new build is swapped in
        with self._lock:
            if key != self._key:
                self._repository, self._key = open_repository(key), key
            return self._repository


# --- documents ----------------------------------------------------------------------------------------

def is_known(repository, iri: str) -> bool:
    if iri in repository.named_graphs():
        return True
    return bool(repository.query(library_text("read/entity-exists"), {"entity": ox.NamedNode(iri)}))




def ontology_quads(repository) -> list[ox.Quad]:
    """The ontology document: the ontology graph without the controlled vocabularies (served
    at their own IRIs under ``vocab/``)."""
    return [q for q in repository.quads(ONTOLOGY_GRAPH)
            if not (isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(VOCAB))]


def shapes_quads() -> list[ox.Quad]:
    path = ontology_dir() / "shapes.ttl"
    if not path.is_file():
        return []
    return [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph())
            for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)]


def document_quads(repository, iri: str) -> list[ox.Quad]:
    """A thing's document: a named graph's content with its description, or an entity's."""
    if iri.startswith(BASE + "graph/") and iri in repository.named_graphs():
        return export.graph_quads(repository, iri)
    return export.entity_quads(repository, iri)


# --- HTML ---------------------------------------------------------------------------------------------

TEXT = {
    "formats": {"en": "This description in", "fr": "Cette description en"},
    "iri": {"en": "IRI", "fr": "IRI"},
    "classes": {"en": "Classes", "fr": "Classes"},
    "labels": {"en": "Names", "fr": "Noms"},
    "properties": {"en": "Statements", "fr": "Déclarations"},
    "incoming": {"en": "Referred to by", "fr": "Cité par"},
    "property": {"en": "property", "fr": "propriété"},
    "value": {"en": "value", "fr": "valeur"},
    "subject": {"en": "subject", "fr": "sujet"},
    "source": {"en": "source", "fr": "source"},
    "sources": {"en": "Sources", "fr": "Sources"},
    "more": {"en": "Only the first {n} are shown.", "fr": "Seules les {n} premières sont montrées."},
    "disagreements": {"en": "Sources disagree", "fr": "Les sources divergent"},
    "terms": {"en": "Terms", "fr": "Termes"},
    "graph_size": {"en": "This named graph holds {n} triples; its documents carry them all.",
                   "fr": "Ce graphe nommé contient {n} triplets ; ses documents les donnent tous."},
    "licence": {"en": "licence", "fr": "licence"},
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


def page_language(request: Request) -> str:
    chosen = request.query_params.get("lang")
    if chosen in LANGUAGES:
        return chosen
    for part in (request.headers.get("accept-language") or "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return "en"


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
                       classes=[], sections=sections, notice="", formats=format_links(served_base, "ontology"))


# --- the app --------------------------------------------------------------------------------------------

def create_app(repository=None, base: str | None = None, explorer_url: str | None = None) -> Starlette:
    """The ASGI app. ``repository``: what to serve (default: ``COOPKG_ENDPOINT`` or the current
    build, followed across rebuilds); ``base``: the public address the namespace is served at
    (default: the address of each request); ``explorer_url``: default ``COOPKG_EXPLORER_URL``."""
    served = Served(repository)
    base_path = urlsplit(base).path if base else "/"
    base_path = base_path if base_path.endswith("/") else base_path + "/"
    if base and not base.endswith("/"):
        base += "/"
    explorer_url = explorer_url if explorer_url is not None else settings().explorer_url or None

    def handle(request: Request) -> Response:
        path = request.url.path
        if len(path) > MAX_PATH:
            return PlainTextResponse(f"the path is longer than {MAX_PATH} characters\n", status_code=414)
        if not path.startswith(base_path):
            return not_found(path)
        served_base = base or bound_base(request) + base_path
        target = classify(path[len(base_path):])
        if target is None or (target.iri is not None and not valid_iri(target.iri)):
            return not_found(path)
        requested = request.query_params.get("format")
        if requested is not None and requested.lower() not in FORMAT_PARAMS:
            return PlainTextResponse(f"unknown format {requested!r}; use one of: {', '.join(sorted(FORMAT_PARAMS))}\n",
                                     status_code=400)
        repository = served.get()
        suffix = f"?{request.url.query}" if request.url.query else ""
        if target.kind == "context":
            return Response((ontology_dir() / "context.jsonld").read_bytes(), media_type="application/ld+json",
                            headers={"Access-Control-Allow-Origin": "*"})
        if target.kind == "root":
            if not is_known(repository, export.DATASET):
                return not_found(path)
            return RedirectResponse(served_base + document_path(export.DATASET) + suffix, status_code=303)
        if target.kind == "thing":
            if not is_known(repository, target.iri):
                return not_found(target.iri)
            return RedirectResponse(served_base + document_path(target.iri) + suffix, status_code=303,
                                    headers={"Access-Control-Allow-Origin": "*"})
        fmt = FORMAT_PARAMS[requested.lower()] if requested else negotiate(request.headers.get("accept"))
        if fmt is None:
            return PlainTextResponse("not acceptable; this document is available as: "
                                     + ", ".join(MEDIA_TYPES[n] for n in PREFERENCE) + "\n", status_code=406,
                                     headers={"Vary": "Accept"})
        lang = page_language(request)
        if target.kind == "ontology":
            if target.iri != ONTOLOGY_IRI and not bool(repository.query(library_text("publish/ontology-version"), {"entity": ox.NamedNode(target.iri)})):
                return not_found(target.iri)
            if fmt == HTML:
                return html_response(ontology_html(repository, served_base, lang))
            return rdf_response(ontology_quads(repository), fmt)
        if target.kind == "shapes":
            quads = shapes_quads()
            if not quads:
                return not_found(target.iri)
            if fmt == HTML:
                fmt = "turtle"  # shapes are read as code: their Turtle is their page
            return rdf_response(quads, fmt)
        # a document
        if not is_known(repository, target.iri):
            return not_found(target.iri)
        if fmt == HTML:
            if explorer_url:
                return RedirectResponse(explorer_page(explorer_url, target.iri), status_code=303,
                                        headers={"Vary": "Accept"})
            return html_response(entity_html(repository, target.iri, served_base, lang))
        return rdf_response(document_quads(repository, target.iri), fmt)

    def not_found(what: str) -> Response:
        shown = visible(what)  # never a control character (a NUL, an escape) into a client's terminal
        return PlainTextResponse(f"not found: {shown[:300]}\n", status_code=404)

    return Starlette(routes=[Route("/{path:path}", handle, methods=["GET", "HEAD"])])


MAX_PATH = 2048  # longer request paths name nothing here (414)


def valid_iri(iri: str) -> bool:
    """Whether ``iri`` is an IRI at all (a space, ``<``, ``"``, a control character or a lone byte
    decoded from ``%FF`` make it none): such a path names nothing, so it is a 404, never a 500."""
    try:
        ox.NamedNode(iri)
    except ValueError:
        return False
    return not any(c in iri for c in ' <>"{}|^`\\') and iri.isprintable()


def bound_base(request: Request) -> str:
    """The address this server is bound to (the socket's, from the ASGI scope), never the
    client's Host header."""
    host, port = request.scope.get("server") or ("127.0.0.1", 80)
    where = f"[{host}]" if ":" in host else host
    return f"{request.url.scheme}://{where}:{port}"


def explorer_page(explorer_url: str, iri: str) -> str:
    """The explorer's page of ``iri``: ``explorer_url`` is the explorer's address (its entity
    page is ``entity?iri=...`` there), or a template holding ``{iri}``."""
    if "{iri}" in explorer_url:
        return explorer_url.replace("{iri}", quote(iri, safe=""))
    return explorer_url.rstrip("/") + "/entity?iri=" + quote(iri, safe="")


def rdf_response(quads: list[ox.Quad], fmt: str) -> Response:
    body = export.serialize(quads, fmt)
    return Response(body, media_type=MEDIA_TYPES[fmt],
                    headers={"Vary": "Accept", "Access-Control-Allow-Origin": "*"})


def html_response(page: str) -> Response:
    return Response(page, media_type="text/html; charset=utf-8",
                    headers={"Vary": "Accept", "Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff"})


def serve(host: str = "127.0.0.1", port: int = 8080, base: str | None = None, repository=None) -> None:
    """Run the app with uvicorn until interrupted."""
    import uvicorn

    if base is None:
        where = f"[{host}]" if ":" in host else host
        base = f"http://{where}:{port}/"  # the bound address, never a request's Host header
    uvicorn.run(create_app(repository, base), host=host, port=port, log_level="info", access_log=False)

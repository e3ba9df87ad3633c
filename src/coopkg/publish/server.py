"""The dereferencing server: every IRI of ``https://w3id.org/coopkg/`` answers over HTTP.

An ASGI app (Starlette, served by uvicorn). The IRIs of things (``id/``, ``vocab/``, ``graph/``,
``source/``) answer ``303 See Other`` to the one document describing them, ``doc/`` followed by
the same path (``/id/authority/fr-nice`` -> ``/doc/id/authority/fr-nice``); a document answers
200 in the format the client asks for (``Accept``, or ``?format=`` for browsers). The ontology
follows the W3C Best Practice Recipes for Publishing RDF Vocabularies: ``/ontology`` (its terms
are hash IRIs) answers 303 to ``/doc/ontology``, RDF/XML by default, HTML for browsers. ``/`` and
``/.well-known/void`` lead to the dataset's VoID/DCAT description; ``/dumps/...`` serve the
dataset in each format, ``/repertoire/{lang}.{html,pdf}`` the Répertoire, both made once per
build (``coopkg.publish.files``). Unknown IRIs answer 404. Why this layout: docs/publishing.md.

Every response carries CORS headers (any origin) and, for what comes from a build, ``ETag``,
``Last-Modified`` and ``Cache-Control``, so that a conditional GET is answered 304 and HEAD
works like GET (``coopkg.publish.http``).

Served elsewhere than w3id.org, the app maps ``https://w3id.org/coopkg/`` to the path of its
``base`` (``--base https://example.org/kg/`` serves ``.../kg/id/...``). Documents keep the
canonical IRIs; only the links of HTML pages and the Location of redirects use the served base.
With ``COOPKG_EXPLORER_URL`` set (the explorer's address), HTML requests for things are
redirected to the explorer's entity page instead (``entity?iri=...`` there; an address holding
``{iri}`` is used as a template).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import quote, urlsplit

import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from coopkg.config import ontology_dir, settings
from coopkg.i18n import LANGUAGES
from coopkg.publish import http
from coopkg.publish.files import DUMPS, BuildFiles
from coopkg.publish.pages import CSP, DOC, ONTOLOGY_IRI, document_path, entity_html, ontology_html
from coopkg.rdf.formats import visible
from coopkg.rdf.namespaces import BASE, DATASET, ONTOLOGY_GRAPH, VOCAB
from coopkg.read import export
from coopkg.sparql.catalogue import library_text

THING_SPACES = ("id/", "vocab/", "graph/", "source/")
SHAPES_IRI = BASE + "shapes"
CONTEXT_PATH = "context.jsonld"
WELL_KNOWN_VOID = ".well-known/void"
REPERTOIRE_CSP = "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:; base-uri 'none'; form-action 'none'"
REPERTOIRE_FORMATS = {"html": "text/html; charset=utf-8", "pdf": "application/pdf"}
negotiate = http.negotiate  # the tests' and the docs' name for it


# --- what an IRI is -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Target:
    # "thing", "document", "ontology", "ontology-document", "shapes", "context", "root", "dump",
    # "repertoire"
    kind: str
    iri: str | None = None
    name: str | None = None  # a dump's file name; a Répertoire's language and format


def classify(path: str) -> Target | None:
    """The request path (relative to the served base) -> what it names, or None."""
    if path in ("", WELL_KNOWN_VOID):
        return Target("root")
    if path == CONTEXT_PATH:
        return Target("context")
    if path == "ontology" or path.startswith("ontology/"):
        return Target("ontology", BASE + path)
    if path == DOC + "ontology" or path.startswith(DOC + "ontology/"):
        return Target("ontology-document", BASE + path[len(DOC):])
    if path == "shapes":
        return Target("shapes", SHAPES_IRI)
    if path.startswith("dumps/") and path[len("dumps/"):] in DUMPS:
        return Target("dump", name=path[len("dumps/"):])
    if path.startswith("repertoire/"):
        lang, _, fmt = path[len("repertoire/"):].partition(".")
        if lang in LANGUAGES and fmt in REPERTOIRE_FORMATS:
            return Target("repertoire", name=f"{lang}.{fmt}")
        return None
    if path.startswith(DOC) and path[len(DOC):].startswith(THING_SPACES):
        return Target("document", BASE + path[len(DOC):])
    if path.startswith(THING_SPACES):
        return Target("thing", BASE + path)
    return None


# --- the repository, reopened when a new build is swapped in -----------------------------------------

class Served:
    """The repository the server answers from: the configured remote endpoint, or the current
    embedded build, reopened when ``coopkg build`` swaps in a new one; and the version of its data
    (the build's record), read once per build (every time for a remote endpoint, whose data may
    change under the same address)."""

    def __init__(self, repository=None):
        self._fixed = repository
        self._lock = threading.Lock()
        self._key: str | None = None
        self._repository = None
        self._version: http.Version | None = None

    def get(self):
        if self._fixed is not None:
            return self._fixed
        from coopkg.store import open_repository, repository_key

        key = repository_key()  # changes when a new build is swapped in
        with self._lock:
            if key != self._key:
                self._repository, self._key, self._version = open_repository(key), key, None
            return self._repository

    def version(self, repository) -> http.Version:
        from coopkg.store import REMOTE_KEY

        keep = self._fixed is not None or self._key != REMOTE_KEY
        if keep and self._version is not None:
            return self._version
        version = http.Version()
        for row in repository.query(library_text("publish/build-version"), {"dataset": ox.NamedNode(DATASET)}):
            ended = datetime.fromisoformat(row["ended"].value.replace("Z", "+00:00"))
            version = http.Version(row["build"].value, ended)
        if keep:
            self._version = version
        return version


def build_folder(repository) -> Path | None:
    """The folder of an embedded build (where its published files are kept), else None."""
    from coopkg.store.layout import build_of

    location = getattr(repository, "location", None)
    if not location or location == "in memory" or not Path(location).is_dir():
        return None
    return build_of(location)


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
    """A thing's document: a named graph's content with its description, or an entity's; both
    say what they are (``export.document_description``)."""
    if iri.startswith(BASE + "graph/") and iri in repository.named_graphs():
        return export.graph_quads(repository, iri)
    return export.entity_quads(repository, iri)


def explorer_page(explorer_url: str, iri: str) -> str:
    """The explorer's page of ``iri``: ``explorer_url`` is the explorer's address (its entity
    page is ``entity?iri=...`` there), or a template holding ``{iri}``."""
    if "{iri}" in explorer_url:
        return explorer_url.replace("{iri}", quote(iri, safe=""))
    return explorer_url.rstrip("/") + "/entity?iri=" + quote(iri, safe="")


# --- the app --------------------------------------------------------------------------------------------

def create_app(repository=None, base: str | None = None, explorer_url: str | None = None) -> Starlette:
    """The ASGI app. ``repository``: what to serve (default: ``COOPKG_ENDPOINT`` or the current
    build, followed across rebuilds); ``base``: the public address the namespace is served at
    (default: the address of each request); ``explorer_url``: default ``COOPKG_EXPLORER_URL``."""
    served = Served(repository)
    files = BuildFiles()
    base_path = urlsplit(base).path if base else "/"
    base_path = base_path if base_path.endswith("/") else base_path + "/"
    if base and not base.endswith("/"):
        base += "/"
    explorer_url = explorer_url if explorer_url is not None else settings().explorer_url or None

    def handle(request: Request) -> Response:
        if request.method == "OPTIONS":
            return http.options(request)
        if request.method not in http.ALLOWED_METHODS:
            return http.error(405, f"{request.method} is not allowed: this server only reads\n",
                              {"Allow": ", ".join(http.ALLOWED_METHODS)})
        path = request.url.path
        if len(path) > MAX_PATH:
            return http.error(414, f"the path is longer than {MAX_PATH} characters\n")
        if not path.startswith(base_path):
            return not_found(path)
        served_base = base or bound_base(request) + base_path
        relative = path[len(base_path):]
        target = classify(relative)
        if target is None or (target.iri is not None and not valid_iri(target.iri)):
            return not_found(path)
        requested = request.query_params.get("format")
        if requested is not None and requested.lower() not in http.FORMAT_PARAMS:
            return http.error(400, f"unknown format {requested!r}; use one of: {', '.join(sorted(http.FORMAT_PARAMS))}\n")
        repository = served.get()
        suffix = f"?{request.url.query}" if request.url.query else ""
        if target.kind == "context":
            body = (ontology_dir() / "context.jsonld").read_bytes()
            return http.respond(request, body, "application/ld+json", http.Version("context", None).validators(
                body.decode("utf-8")))
        if target.kind == "root":
            if not is_known(repository, DATASET):
                return not_found(path)
            return http.redirect(served_base + document_path(DATASET) + suffix)
        if target.kind in ("thing", "ontology"):
            if not known(repository, target):
                return not_found(target.iri)
            return http.redirect(served_base + DOC + target.iri[len(BASE):] + suffix)
        version = served.version(repository)
        if target.kind == "dump":
            return dump(request, repository, version, target.name)
        if target.kind == "repertoire":
            return repertoire(request, repository, version, target.name)
        preference = http.ONTOLOGY_PREFERENCE if target.kind == "ontology-document" else http.PREFERENCE
        fmt = http.FORMAT_PARAMS[requested.lower()] if requested else http.negotiate(request.headers.get("accept"), preference)
        if fmt is None:
            return http.error(406, "not acceptable; this document is available as: "
                              + ", ".join(http.MEDIA_TYPES[n] for n in preference) + "\n", {"Vary": "Accept"})
        lang = http.page_language(request)
        if not known(repository, target):
            return not_found(target.iri)
        if fmt == http.HTML and target.kind == "document" and explorer_url:
            return http.redirect(explorer_page(explorer_url, target.iri), {"Vary": "Accept"}, cacheable=False)
        validators = version.validators(relative, request.url.query, fmt, lang if fmt == http.HTML else "", served_base)
        if fmt == http.HTML:
            headers = {"Vary": "Accept, Accept-Language", "Content-Language": lang,
                       "Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff"}
            if http.not_modified(request, validators):
                return http.respond(request, b"", "text/html", validators, headers)
            page = (ontology_html(repository, served_base, lang) if target.kind == "ontology-document"
                    else entity_html(repository, target.iri, served_base, lang))
            return http.respond(request, page, "text/html; charset=utf-8", validators, headers)
        if http.not_modified(request, validators):
            return http.respond(request, b"", http.MEDIA_TYPES[fmt], validators, {"Vary": "Accept"})
        if target.kind == "ontology-document":
            quads = ontology_quads(repository)
        elif target.kind == "shapes":
            quads = shapes_quads()
        else:
            quads = document_quads(repository, target.iri)
        return http.respond(request, export.serialize(quads, fmt), http.MEDIA_TYPES[fmt], validators, {"Vary": "Accept"})

    def known(repository, target: Target) -> bool:
        if target.kind in ("ontology", "ontology-document"):
            return target.iri == ONTOLOGY_IRI or bool(repository.query(
                library_text("publish/ontology-version"), {"entity": ox.NamedNode(target.iri)}))
        if target.kind == "shapes":
            return bool(shapes_quads())
        return is_known(repository, target.iri)

    def dump(request: Request, repository, version: http.Version, name: str) -> Response:
        fmt = DUMPS[name]
        validators = version.validators("dumps/" + name)
        headers = {"Content-Disposition": f'attachment; filename="{name}"'}
        if http.not_modified(request, validators):
            return http.respond(request, b"", http.MEDIA_TYPES[fmt], validators, headers)
        body = files.get(version.build or "", build_folder(repository), name, lambda: export.export(repository, fmt))
        return http.respond(request, body, http.MEDIA_TYPES[fmt], validators, headers)

    def repertoire(request: Request, repository, version: http.Version, name: str) -> Response:
        from coopkg.publish.repertoire import file_name, make_directory

        lang, fmt = name.split(".")
        validators = version.validators("repertoire/" + name)
        headers = {"Content-Language": lang, "Content-Disposition": f'inline; filename="{file_name(lang, fmt)}"'}
        if fmt == "html":  # its fonts and its map are data: URLs; no script
            headers.update({"X-Content-Type-Options": "nosniff", "Content-Security-Policy": REPERTOIRE_CSP})
        if http.not_modified(request, validators):
            return http.respond(request, b"", REPERTOIRE_FORMATS[fmt], validators, headers)
        body = files.get(version.build or "", build_folder(repository), file_name(lang, fmt),
                         lambda: make_directory(repository, lang, fmt))
        return http.respond(request, body, REPERTOIRE_FORMATS[fmt], validators, headers)

    def not_found(what: str) -> Response:
        shown = visible(what)  # never a control character (a NUL, an escape) into a client's terminal
        return http.error(404, f"not found: {shown[:300]}\n")

    # Every method reaches handle(), which answers OPTIONS and refuses writes with CORS headers too.
    methods = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"]
    return Starlette(routes=[Route("/{path:path}", handle, methods=methods)])


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


def serve(host: str = "127.0.0.1", port: int = 8080, base: str | None = None, repository=None) -> None:
    """Run the app with uvicorn until interrupted."""
    import uvicorn

    if base is None:
        where = f"[{host}]" if ":" in host else host
        base = f"http://{where}:{port}/"  # the bound address, never a request's Host header
    uvicorn.run(create_app(repository, base), host=host, port=port, log_level="info", access_log=False)

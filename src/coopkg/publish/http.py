"""HTTP as linked-data clients expect it, for the dereferencing server: content negotiation (with
the media types' usual aliases), the page language, validators and conditional requests, caching
and CORS headers.

Validators come from the served build: its ``prov:Activity`` (``coopkg.build.record``) names the
build and gives its end, which is every document's ``Last-Modified``; the ``ETag`` of a response
is a digest of the build, the path, the representation (format, language) and the served base.
A store without a build record (loaded some other way) gets no validators and ``no-cache``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import format_datetime, parsedate_to_datetime

from starlette.requests import Request
from starlette.responses import Response

from coopkg.i18n import DEFAULT_LANGUAGE, LANGUAGES
from coopkg.rdf import formats
from coopkg.rdf.formats import FILE_EXTENSIONS, RDF_FORMATS, accepted_ranges

HTML = "html"
MEDIA_TYPES = {name: fmt.media_type for name, fmt in RDF_FORMATS.items()}
MEDIA_TYPES[HTML] = "text/html"
# Server preference when the client accepts several equally (``*/*``, no Accept): RDF first,
# Turtle first for the data; the ontology follows the W3C Recipes (RDF/XML by default).
PREFERENCE = ("turtle", "jsonld", "ntriples", "rdfxml", "trig", "nquads", HTML)
ONTOLOGY_PREFERENCE = ("rdfxml", "turtle", "jsonld", "ntriples", "trig", "nquads", HTML)
# The usual other names of these media types: N3 is a superset of Turtle, RDF/XML is XML.
ALIASES = {"application/json": "jsonld", "application/xhtml+xml": HTML, "text/n3": "turtle",
           "application/x-turtle": "turtle", "application/xml": "rdfxml", "text/xml": "rdfxml"}
FORMAT_PARAMS = {ext: name for name, ext in FILE_EXTENSIONS.items() if name in RDF_FORMATS}
FORMAT_PARAMS.update({name: name for name in RDF_FORMATS} | {HTML: HTML, "htm": HTML})

CACHE_SECONDS = 600  # a build changes the data at most this long before a cache asks again
CACHED = f"public, max-age={CACHE_SECONDS}"
UNCACHED = "no-cache"
# Every response may be read by a script of any origin: the server is read-only and public, and
# takes no credentials. Headers a script may read beyond the CORS-safelisted ones:
CORS = {"Access-Control-Allow-Origin": "*",
        "Access-Control-Expose-Headers": "ETag, Link, Vary, Content-Disposition, Content-Location"}
ALLOWED_METHODS = ("GET", "HEAD", "OPTIONS")


# --- content negotiation ----------------------------------------------------------------------------

def negotiate(accept: str | None, preference: tuple[str, ...] = PREFERENCE) -> str | None:
    """The format to serve for an Accept header (None if nothing acceptable): the highest q,
    ties going to ``preference`` order; a missing header accepts anything. Each format is offered
    under its media type and its usual other names (``ALIASES``)."""
    offers = [(name, (MEDIA_TYPES[name], *(alias for alias, target in ALIASES.items() if target == name)))
              for name in preference]
    return formats.negotiate(accept, offers)


def page_language(request: Request) -> str:
    """``?lang=``, else the preferred language of Accept-Language (by q) that the pages speak,
    else English."""
    chosen = request.query_params.get("lang")
    if chosen in LANGUAGES:
        return chosen
    ranked = sorted(((q, -i, media[:2]) for i, (media, q) in enumerate(accepted_ranges(request.headers.get("accept-language")))
                     if q > 0), reverse=True)
    for _, _, code in ranked:
        if code in LANGUAGES:
            return code
    return DEFAULT_LANGUAGE


# --- validators and conditional requests --------------------------------------------------------------

@dataclass(frozen=True)
class Version:
    """What the served data is: the build's IRI and end, or nothing known."""

    build: str | None = None
    ended: datetime | None = None

    def validators(self, *representation: str) -> dict[str, str]:
        """``ETag`` and ``Last-Modified`` of one representation of this version's data."""
        if self.build is None:
            return {}
        digest = hashlib.sha256("\n".join((self.build, *representation)).encode("utf-8")).hexdigest()[:32]
        headers = {"ETag": f'"{digest}"'}
        if self.ended is not None:
            headers["Last-Modified"] = format_datetime(self.ended.astimezone(timezone.utc), usegmt=True)
        return headers


def not_modified(request: Request, validators: dict[str, str]) -> bool:
    """Whether a GET or HEAD may be answered 304 (RFC 9110 13.1.2 and 13.1.3): If-None-Match
    (weak comparison) when present, else If-Modified-Since."""
    if request.method not in ("GET", "HEAD") or not validators:
        return False
    if_none_match = request.headers.get("if-none-match")
    if if_none_match is not None:
        etag = validators["ETag"]
        tags = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
        return "*" in tags or etag in tags
    since, modified = request.headers.get("if-modified-since"), validators.get("Last-Modified")
    if since and modified:
        try:
            return parsedate_to_datetime(modified) <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False  # an unreadable date is ignored, as the RFC says
    return False


def respond(request: Request, body: bytes | str, media_type: str, validators: dict[str, str],
            headers: dict[str, str] | None = None, status_code: int = 200) -> Response:
    """A 200 (or 304 to a matching conditional request) with the caching and CORS headers."""
    headers = {**CORS, "Cache-Control": CACHED if validators else UNCACHED, **validators, **(headers or {})}
    if not_modified(request, validators):
        kept = {k: v for k, v in headers.items() if k.lower() not in ("content-disposition", "content-security-policy")}
        return Response(status_code=304, headers=kept)
    return Response(body, status_code=status_code, media_type=media_type, headers=headers)


def redirect(location: str, headers: dict[str, str] | None = None, cacheable: bool = True) -> Response:
    return Response(status_code=303, headers={**CORS, "Location": location,
                                              "Cache-Control": CACHED if cacheable else UNCACHED, **(headers or {})})


def error(status_code: int, text: str, headers: dict[str, str] | None = None) -> Response:
    return Response(text, status_code=status_code, media_type="text/plain; charset=utf-8",
                    headers={**CORS, "Cache-Control": UNCACHED, **(headers or {})})


def options(request: Request) -> Response:
    """OPTIONS: a CORS preflight (any origin, the read methods, the request headers it names, for
    a day) or a plain question about the methods. Not Starlette's CORS middleware: it adds
    ``Vary: Origin`` to every response, which only splits caches when the answer is ``*``."""
    headers = {**CORS, "Allow": ", ".join(ALLOWED_METHODS)}
    if request.headers.get("origin") is not None and "access-control-request-method" in request.headers:
        headers.update({"Access-Control-Allow-Methods": ", ".join(ALLOWED_METHODS), "Access-Control-Max-Age": "86400"})
        asked = request.headers.get("access-control-request-headers")
        if asked:
            headers["Access-Control-Allow-Headers"] = asked
    return Response(status_code=204, headers=headers)

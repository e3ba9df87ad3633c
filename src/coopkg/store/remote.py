"""A Repository on any SPARQL 1.1 Protocol endpoint (Oxigraph's server, Fuseki, GraphDB, ...).

Callers cannot tell it from the embedded store: ``query`` answers with the same pyoxigraph types
(``QuerySolutions``, ``QueryBoolean``, ``QueryTriples``), sends the project's prefixes, and binds
substitutions as RDF terms in ``VALUES`` blocks, never as pasted text.

Where the blocks go matters. pyoxigraph replaces a substituted variable everywhere before
evaluation. A ``VALUES`` block at the end of a query is only joined with its results, after
filters and aggregates have run without the binding (``FILTER NOT EXISTS { ... lang(?l) = ?lang }``
would keep every row); one block opening the outer ``WHERE`` group is not enough either, since a
nested group (``OPTIONAL { ?s dct:title ?t FILTER(lang(?t) = ?lang) }`` inside another OPTIONAL)
is evaluated on its own, without it. So a one-row block opens every group graph pattern of the
query: each group sees the value as pyoxigraph's substitution would have it. Only forms with no
group where a block can go (``CONSTRUCT WHERE { triples }``, ``DESCRIBE <x>``) get a trailing
block, which is equivalent there.

The project's queries read the merge of the named graphs as their default graph: a built store
holds it (``coopkg serve``), other stores have a union-default-graph setting (see
docs/publishing.md). Where the endpoint's default graph is empty but named graphs exist, this
client falls back on the protocol itself: it names every graph as ``default-graph-uri`` (their
merge becomes the default graph) and as ``named-graph-uri`` (so ``GRAPH ?g`` still sees them).

Credentials (``COOPKG_ENDPOINT_USER``/``COOPKG_ENDPOINT_PASSWORD``, or user:password in the
address) go into HTTP basic authentication only: never into ``describe()``, ``repr()``, a message
or a log line.
"""

from __future__ import annotations

import re
from typing import Iterable
from urllib.parse import urlencode

import httpx
import pyoxigraph as ox

from coopkg import __version__
from coopkg.sparql.catalogue import query_form
from coopkg.config import split_credentials
from coopkg.rdf.namespaces import sparql_prologue
from coopkg.store.base import as_substitutions

DEFAULT_TIMEOUT_S = 60.0  # when built directly, not from the settings
JSON_RESULTS = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"


class RemoteError(RuntimeError):
    """The endpoint could not answer; the message names the endpoint, never the credentials."""


class RemoteRepository:
    """A SPARQL 1.1 Protocol endpoint seen through the Repository protocol of ``coopkg.store.base``."""

    def __init__(self, endpoint: str, user: str | None = None, password: str | None = None,
                 timeout_s: float = DEFAULT_TIMEOUT_S):
        endpoint, url_user, url_password = split_credentials(endpoint)
        if not re.match(r"^https?://[^/?#\s]", endpoint):
            raise RemoteError("COOPKG_ENDPOINT must be an http(s) address of a SPARQL query endpoint")
        user = user or url_user
        password = password if password is not None else url_password
        self.endpoint = endpoint
        auth = httpx.BasicAuth(user, password or "") if user else None
        self._client = httpx.Client(auth=auth, timeout=timeout_s, follow_redirects=True,
                                    headers={"User-Agent": f"coopkg/{__version__}"})
        self._dataset: list[tuple[str, str]] | None = None  # protocol parameters, once probed

    @classmethod
    def from_settings(cls, settings) -> "RemoteRepository":
        """The endpoint of ``COOPKG_ENDPOINT``, with ``COOPKG_ENDPOINT_USER``,
        ``COOPKG_ENDPOINT_PASSWORD`` and ``COOPKG_ENDPOINT_TIMEOUT_S`` (a ``coopkg.config.Settings``)."""
        if not settings.endpoint:
            raise RemoteError("COOPKG_ENDPOINT is not set")
        return cls(settings.endpoint, settings.endpoint_user or None,
                   settings.endpoint_password.get_secret_value() or None, settings.endpoint_timeout_s)

    def __repr__(self) -> str:
        return f"RemoteRepository({self.endpoint!r})"

    def describe(self) -> str:
        return f"SPARQL endpoint {self.endpoint}"

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> "RemoteRepository":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- the Repository protocol -------------------------------------------------------------

    def query(self, sparql: str, substitutions: dict | None = None):
        text = bind_values(sparql, as_substitutions(substitutions))
        form = query_form(sparql)
        accept = N_TRIPLES if form in ("CONSTRUCT", "DESCRIBE") else JSON_RESULTS
        body = self._post(text, accept, self._dataset_parameters())
        if accept == N_TRIPLES:
            try:
                triples = list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
            except SyntaxError as exc:
                raise self._cut_short(body, exc) from None
            # A genuine QueryTriples, like the embedded store's: pyoxigraph builds none from triples.
            holder = ox.Store()
            holder.extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples)
            return holder.query("CONSTRUCT WHERE { ?s ?p ?o }")
        try:
            # pyoxigraph reads solutions lazily: read them all once here, so that an answer cut
            # short (the endpoint's time limit) fails now, with a message, not in the caller's loop.
            parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
            if isinstance(parsed, ox.QueryBoolean):
                return parsed
            for _ in parsed:
                pass
        except (SyntaxError, ValueError) as exc:
            raise self._cut_short(body, exc) from None
        return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)

    def quads(self, graph: str | None = None) -> Iterable[ox.Quad]:
        values = {"g": ox.NamedNode(graph)} if graph else None
        rows = self.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", values)
        return [ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows]

    def named_graphs(self) -> list[str]:
        body = self._post("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }", JSON_RESULTS, [])
        rows = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        return sorted(r["g"].value for r in rows if isinstance(r["g"], ox.NamedNode))

    # --- HTTP ----------------------------------------------------------------------------------

    def _dataset_parameters(self) -> list[tuple[str, str]]:
        """Nothing if the endpoint's default graph already holds the data (a union default
        graph); else every named graph as default-graph-uri and named-graph-uri."""
        if self._dataset is None:
            has_default = self._ask("ASK { ?s ?p ?o }")
            has_named = not has_default and self._ask("ASK { GRAPH ?g { ?s ?p ?o } }")
            graphs = self.named_graphs() if has_named else []
            self._dataset = ([("default-graph-uri", g) for g in graphs]
                             + [("named-graph-uri", g) for g in graphs])
        return self._dataset

    def _ask(self, text: str) -> bool:
        return bool(ox.parse_query_results(self._post(text, JSON_RESULTS, []), format=ox.QueryResultsFormat.JSON))

    def _post(self, text: str, accept: str, dataset: list[tuple[str, str]]) -> bytes:
        # The prologue goes on the first line of its own: an error at line L of the caller's text
        # is reported at line L + 1, which _syntax_error takes back.
        form = [("query", _prologue_line() + "\n" + text)] + dataset
        try:
            response = self._client.post(self.endpoint, content=urlencode(form), headers={
                "Accept": accept, "Content-Type": "application/x-www-form-urlencoded"})
        except httpx.TimeoutException:
            raise RemoteError(f"{self.describe()} did not answer in time") from None
        except httpx.HTTPError as exc:
            raise RemoteError(f"{self.describe()} cannot be reached ({type(exc).__name__}: {_clean(str(exc))})") from None
        if response.status_code == 400:
            raise _syntax_error(response.text)
        if response.status_code in (401, 403):
            raise RemoteError(f"{self.describe()} refused access (HTTP {response.status_code}): "
                              "check COOPKG_ENDPOINT_USER and COOPKG_ENDPOINT_PASSWORD")
        if response.status_code >= 300:
            raise RemoteError(f"{self.describe()} answered HTTP {response.status_code}: {_clean(response.text)[:300]}")
        return response.content

    def _cut_short(self, body: bytes, exc: Exception) -> RemoteError:
        tail = body[-200:].decode("utf-8", "replace").strip()
        return RemoteError(f"{self.describe()} sent an incomplete answer (the query may have hit the "
                           f"endpoint's time limit): ...{_clean(tail)}")


# --- binding values ----------------------------------------------------------------------------

def bind_values(text: str, substitutions: dict[ox.Variable, object] | None) -> str:
    """The query with each substituted variable bound to its RDF term (in N-Triples form) by a
    one-row ``VALUES`` block opening every group of the query (see the module docstring)."""
    if not substitutions:
        return text
    names, terms = [], []
    for variable, term in substitutions.items():
        if not isinstance(term, (ox.NamedNode, ox.Literal)):
            raise ValueError(f"?{variable.value}: only IRIs and literals can be bound, not {type(term).__name__}")
        names.append(f"?{variable.value}")
        terms.append(str(term))  # pyoxigraph writes a term in N-Triples form, escapes included
    block = f" VALUES ({' '.join(names)}) {{ ({' '.join(terms)}) }} "
    positions = group_starts(text)
    if not positions:
        return text + "\n" + block
    for position in reversed(positions):
        text = text[:position] + block + text[position:]
    return text


_IRI = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_KEYWORD = re.compile(r"(SELECT|CONSTRUCT|DESCRIBE|ASK|WHERE|VALUES)(?![\w:])", re.IGNORECASE)
_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")


def _tokens(text: str):
    """(position, token) for the braces and the keywords that matter here, skipping comments,
    strings and IRIs."""
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end + 1
        elif c == "<" and (m := _IRI.match(text, i)):
            i = m.end()
        elif c in "\"'":
            quote = c * 3 if text.startswith(c * 3, i) else c
            j = i + len(quote)
            while j < n and not text.startswith(quote, j):
                j += 2 if text[j] == "\\" else 1
            i = j + len(quote)
        elif c in "{}":
            yield i, c
            i += 1
        elif c.isalpha() and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] in "?$:_-.")):
            m = _KEYWORD.match(text, i)
            if m:
                yield i, m.group(1).upper()
                i = m.end()
            else:
                while i < n and (text[i].isalnum() or text[i] in "_-:."):
                    i += 1
        else:
            i += 1


def group_starts(text: str) -> list[int]:
    """The index just after each ``{`` that opens a group graph pattern: every brace but a
    CONSTRUCT template, a VALUES data block and one holding a subquery (``{ SELECT ... }``, whose
    own WHERE group gets the block). Empty for the forms without a group where a
    block could go (``CONSTRUCT WHERE { triples }``, ``DESCRIBE <x>``)."""
    positions: list[int] = []
    groups: list[bool] = []  # for each open brace: does it open a group?
    form = previous = None
    not_a_group_next = False
    position_after_brace = -1
    for position, token in _tokens(text):
        if token == "SELECT" and previous == "{" and positions and positions[-1] == position_after_brace:
            positions.pop()  # { SELECT ... }: a subquery is all its group holds; its WHERE gets the block
        if token in _FORMS and form is None and not groups:
            form = token
            not_a_group_next = token == "CONSTRUCT"  # its template
        elif token == "WHERE" and previous == "CONSTRUCT":
            return []  # CONSTRUCT WHERE { triples }: the template is the pattern
        elif token == "VALUES":
            not_a_group_next = True  # its data block
        elif token == "{":
            is_group = not not_a_group_next and (not groups or groups[-1])
            groups.append(is_group)
            not_a_group_next = False
            position_after_brace = position + 1
            if is_group:
                positions.append(position_after_brace)
        elif token == "}" and groups:
            groups.pop()
        previous = token
    return positions


# --- messages ------------------------------------------------------------------------------------

_POSITION = re.compile(r"(error at |line )(\d+)([:, column ]+)(\d+)")


def _syntax_error(message: str) -> SyntaxError:
    """The endpoint's parse error, with the line numbers of the caller's text."""
    def back(m: re.Match) -> str:
        return f"{m.group(1)}{max(int(m.group(2)) - 1, 1)}{m.group(3)}{m.group(4)}"

    return SyntaxError(_POSITION.sub(back, _clean(message.strip()), count=1))


def _prologue_line() -> str:
    return sparql_prologue().replace("\n", " ").strip()


def _clean(text: str) -> str:
    """Drop any user:password@ an error text might quote back."""
    return re.sub(r"(https?://)[^/@\s]*@", r"\1", text)

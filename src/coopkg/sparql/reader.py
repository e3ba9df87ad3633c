"""The one reader of SPARQL text: whatever needs to know what a query says uses ``read``.

It parses with the SPARQL 1.1 grammar of tree-sitter (``tree-sitter-sparql``: a real grammar with
a context-aware lexer, linear in the size of the text) after applying SPARQL's codepoint escapes
(``\\uXXXX``, ``\\UXXXXXXXX``, which the specification applies before parsing). From one parse it
gives the query form, the prologue (prefixes, base), the update operations, the SERVICE calls with
their endpoints resolved, the group graph patterns where a ``VALUES`` block can open, the prefixed
names used, and the first syntax error with its line and column.

A text the grammar does not accept is reported as a syntax error here, before any engine sees it:
Oxigraph's parser is more lenient in places (it reads ``SERVICESILENT<…>`` or ``SERVICEx:t`` as a
SERVICE call), and what the project decides about a query must be what the query means.

Size is bounded before parsing and nesting on the parser's tokens (brackets inside strings, IRIs
and comments are not tokens), from what Oxigraph's recursive parser survives (notes: 4,700 nested
parentheses overflow its stack; ``FILTER EXISTS {`` costs about 10 KB of stack a level; planning
time grows faster than the text): 32 KiB and 128 levels leave 7 times the largest project query
and a stack margin of 50 times.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urljoin

MAX_QUERY_CHARS = 32 * 1024
MAX_NESTING = 128  # brackets and braces open at once; deeper queries overflow engines' stacks
_OPENING, _CLOSING = frozenset("({["), frozenset(")}]")

FORMS = {"select_query": "SELECT", "construct_query": "CONSTRUCT", "describe_query": "DESCRIBE",
         "ask_query": "ASK"}
UPDATES = ("insert_data", "delete_data", "delete_where", "modify", "load", "clear", "create", "drop", "copy",
           "move", "add")

_CANONICAL = {word.lower(): word for word in (
    "GROUP_CONCAT", "isIRI", "isURI", "isBLANK", "isLITERAL", "isNUMERIC", "true", "false", "INSERT", "DELETE",
    "DATA", "WHERE")}
_KEYWORD_CASE = re.compile(r"(?<![\w:?$])(?:" + "|".join(_CANONICAL) + r")(?![\w:])", re.IGNORECASE)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
MISSING = {"var": "a variable, an IRI or a literal", "}": "'}' to close the group", ")": "')'", "]": "']'",
           ".": "'.'"}
_ABSOLUTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# Oxigraph's parse errors: "error at LINE:COLUMN: message".
_OXIGRAPH_POSITION = re.compile(r"^(?:error at |.*?\bat )(\d+):(\d+):?\s*", re.S)


class SparqlSyntaxError(SyntaxError):
    """A query the SPARQL 1.1 grammar does not accept (or one too large to read), located by its
    1-based line and column (``lineno`` and ``offset``, as for any SyntaxError)."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.message, self.line, self.column = message, line, column
        self.lineno, self.offset = line, column

    def __str__(self) -> str:
        where = f"line {self.line}, column {self.column}: " if self.line else ""
        return where + self.message


@dataclass(frozen=True)
class Service:
    """A SERVICE call: its endpoint IRI (None when it is a variable), as written and resolved."""

    endpoint: str | None
    written: str
    silent: bool
    line: int
    column: int


@dataclass(frozen=True)
class ParsedQuery:
    text: str  # after codepoint escapes
    form: str  # SELECT, CONSTRUCT, DESCRIBE, ASK, UPDATE, or "" when unreadable
    prefixes: dict[str, str] = field(default_factory=dict)  # declared in the prologue
    base: str | None = None
    updates: tuple[str, ...] = ()  # the keyword opening each update operation (INSERT, WITH, LOAD...)
    services: tuple[Service, ...] = ()
    group_starts: tuple[int, ...] = ()  # offsets just after each "{" opening a group graph pattern
    leaf_optional_starts: tuple[int, ...] = ()  # those of an OPTIONAL's group that holds no other group
    prefixes_used: tuple[tuple[str, int, int], ...] = ()  # (prefix, line, column) of each prefixed name
    error: SparqlSyntaxError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def unknown_prefixes(self, known: dict[str, str]) -> list[tuple[str, int, int]]:
        """Prefixed names whose prefix is neither declared nor in ``known``."""
        return [used for used in self.prefixes_used if used[0] not in self.prefixes and used[0] not in known]


def _leaf_optional(group) -> bool:
    """Whether ``group`` is an OPTIONAL's group holding no other group (nor a subquery)."""
    if group.parent is None or group.parent.type != "optional_graph_pattern":
        return False
    pending = list(group.named_children)
    while pending:
        node = pending.pop()
        if node.type in ("group_graph_pattern", "sub_select"):
            return False
        pending.extend(node.named_children)
    return True


@lru_cache(maxsize=1)
def _parser():
    import tree_sitter
    import tree_sitter_sparql

    with warnings.catch_warnings():  # the grammar package hands its language over as an int
        warnings.simplefilter("ignore", DeprecationWarning)
        language = tree_sitter.Language(tree_sitter_sparql.language())
    return tree_sitter.Parser(language)


def decode_escapes(text: str) -> str:
    """SPARQL's codepoint escapes applied (SPARQL 1.1 section 19.2); an escape naming no Unicode
    character is a syntax error."""
    def character(match: re.Match) -> str:
        code = int(match.group(1) or match.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            line, column = _line_column(text, match.start())
            raise SparqlSyntaxError(f"{match.group(0)} is not a Unicode character", line, column)
        return chr(code)

    return _ESCAPE.sub(character, text) if "\\" in text else text


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _check_size(text: str) -> None:
    if len(text) > MAX_QUERY_CHARS:
        raise SparqlSyntaxError(f"the query is {len(text):,} characters long; at most {MAX_QUERY_CHARS:,} are read")


def read(text: str) -> ParsedQuery:
    """Everything the project needs to know about a query or update; never raises for bad text
    (``error`` says what is wrong and where)."""
    try:
        _check_size(text)
        decoded = decode_escapes(text)
    except SparqlSyntaxError as error:
        return ParsedQuery(text=text, form="", error=error)
    data = decoded.encode("utf-8")
    tree = _parser().parse(data)
    if tree.root_node.has_error:
        # The grammar knows a few keywords in one letter case only (GROUP_CONCAT, isIRI, INSERT
        # DATA, true...), where SPARQL matches keywords in any case: read again with those words in
        # the grammar's case. Same length, so every offset holds; names and IRIs are still read
        # from the text as written.
        normalised = _KEYWORD_CASE.sub(lambda m: _CANONICAL[m.group(0).lower()], decoded)
        if normalised != decoded:
            retry = _parser().parse(normalised.encode("utf-8"))
            if not retry.root_node.has_error:
                tree = retry
    return _Reader(decoded, data).parsed(tree.root_node)


class _Reader:
    def __init__(self, text: str, data: bytes):
        self.text, self.data = text, data
        self.prefixes: dict[str, str] = {}
        self.base: str | None = None
        self.services: list[Service] = []
        self.groups: list[int] = []
        self.leaf_optionals: list[int] = []
        self.used: list[tuple[str, int, int]] = []
        self.updates: list[str] = []
        self.form = ""
        self.error: SparqlSyntaxError | None = None
        self.too_deep: SparqlSyntaxError | None = None
        self._depth = 0
        self._chars: list[int] | None = None

    def offset(self, byte_offset: int) -> int:
        """The character offset of a byte offset (tree-sitter counts bytes)."""
        if len(self.data) == len(self.text):  # ASCII: the same
            return byte_offset
        if self._chars is None:
            self._chars = [0] * (len(self.data) + 1)
            position = 0
            for index, character in enumerate(self.text):
                width = len(character.encode("utf-8"))
                for k in range(width):
                    self._chars[position + k] = index
                position += width
            self._chars[position] = len(self.text)
        return self._chars[byte_offset]

    def where(self, node) -> tuple[int, int]:
        """The 1-based line and column (in characters) where a node starts."""
        row, byte_column = node.start_point
        return row + 1, self.offset(node.start_byte) - self.offset(node.start_byte - byte_column) + 1

    def node_text(self, node) -> str:
        return self.data[node.start_byte:node.end_byte].decode("utf-8", "replace")

    def parsed(self, root) -> ParsedQuery:
        stack = [root]
        while stack:  # depth-first, in document order, without recursion
            node = stack.pop()
            self.visit(node)
            stack.extend(reversed(node.children))
        if self.too_deep is not None:  # what the engine would crash on comes first
            self.error = self.too_deep
        if self.error is None and root.has_error:
            self.error = SparqlSyntaxError("the query does not follow the SPARQL 1.1 grammar", 1, 1)
        if not self.form and not self.updates and self.error is None:
            self.error = SparqlSyntaxError("no query: expected SELECT, CONSTRUCT, ASK or DESCRIBE", 1, 1)
        return ParsedQuery(text=self.text, form="UPDATE" if self.updates else self.form, prefixes=self.prefixes,
                           base=self.base, updates=tuple(self.updates), services=tuple(self.services),
                           group_starts=tuple(self.groups), leaf_optional_starts=tuple(self.leaf_optionals),
                           prefixes_used=tuple(self.used), error=self.error)

    def visit(self, node) -> None:
        kind = node.type
        if node.child_count == 0:
            self.nesting(node)
        if (kind == "ERROR" or node.is_missing) and self.error is None:
            self.error = self.syntax_error(node)
        elif kind in FORMS and node.parent is not None and node.parent.type == "unit":
            self.form = self.form or FORMS[kind]
        elif kind in UPDATES:
            self.updates.append(self.node_text(node).split(None, 1)[0].upper())
        elif kind == "prefix_declaration":
            namespace = next((c for c in node.children if c.type == "namespace"), None)
            iri = next((c for c in node.children if c.type == "iri_reference"), None)
            if namespace is not None and iri is not None:
                self.prefixes[self.node_text(namespace).rstrip(":")] = self.resolve(self.node_text(iri)[1:-1])
        elif kind == "base_declaration":
            iri = next((c for c in node.children if c.type == "iri_reference"), None)
            if iri is not None:
                self.base = self.resolve(self.node_text(iri)[1:-1])
        elif kind == "service_graph_pattern":
            self.services.append(self.service(node))
        elif kind == "group_graph_pattern":
            opening = node.children[0] if node.children else None
            first = next((c for c in node.named_children if c.type != "comment"), None)
            if opening is not None and opening.type == "{" and not (first is not None and first.type == "sub_select"):
                self.groups.append(self.offset(opening.end_byte))
                if _leaf_optional(node):
                    self.leaf_optionals.append(self.groups[-1])
        elif kind == "prefixed_name" and node.parent is not None and node.parent.type != "prefix_declaration":
            namespace = next((c for c in node.children if c.type == "namespace"), None)
            if namespace is not None:
                self.used.append((self.node_text(namespace).rstrip(":"), *self.where(node)))

    def nesting(self, leaf) -> None:
        """Count brackets open at once, on tokens (so never those of a string, IRI or comment)."""
        if leaf.type in _OPENING:
            self._depth += 1
            if self._depth > MAX_NESTING and self.too_deep is None:
                self.too_deep = SparqlSyntaxError(f"brackets nested more than {MAX_NESTING} deep; at most "
                                                  f"{MAX_NESTING} are read", *self.where(leaf))
        elif leaf.type in _CLOSING:
            self._depth -= 1

    def resolve(self, iri: str) -> str:
        return urljoin(self.base, iri) if self.base and not _ABSOLUTE.match(iri) else iri

    def service(self, node) -> Service:
        target = next((c for c in node.named_children if c.type in ("iri_reference", "prefixed_name", "var")), None)
        silent = any(not c.is_named and self.node_text(c).upper() == "SILENT" for c in node.children)
        line, column = self.where(node)
        if target is None or target.type == "var":
            return Service(None, self.node_text(target) if target is not None else "", silent, line, column)
        written = self.node_text(target)
        if target.type == "iri_reference":
            return Service(self.resolve(written[1:-1]), written, silent, line, column)
        prefix, _, local = written.partition(":")
        namespace = self.prefixes.get(prefix)
        endpoint = namespace + re.sub(r"\\(.)", r"\1", local) if namespace is not None else None
        return Service(endpoint, written, silent, line, column)

    def syntax_error(self, node) -> SparqlSyntaxError:
        line, column = self.where(node)
        if node.is_missing:
            expected = MISSING.get(node.type, f"'{node.type}'" if not node.is_named else node.type.replace("_", " "))
            return SparqlSyntaxError(f"expected {expected} here", line, column)
        text = self.node_text(node)
        unclosed = _unclosed_string(text)
        if unclosed is not None:  # the grammar gives up at the start of the pattern; the string is what is wrong
            line, column = _line_column(self.text, self.offset(node.start_byte) + unclosed)
            return SparqlSyntaxError("this string is never closed", line, column)
        found = text.strip().split("\n", 1)[0]
        found = found if len(found) <= 40 else found[:39] + "…"
        return SparqlSyntaxError(f"unexpected {found!r}" if found else "unexpected end of the query", line, column)


def _unclosed_string(text: str) -> int | None:
    """Where a string literal opens and never closes ('…' and "…" end on their line, the long
    forms anywhere); None if every string closes. IRIs and comments are skipped."""
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end + 1
        elif c == "<" and (m := re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>').match(text, i)):
            i = m.end()
        elif c in "\"'":
            long = text.startswith(c * 3, i)
            quote = c * 3 if long else c
            j = i + len(quote)
            while j < n and not text.startswith(quote, j) and (long or text[j] != "\n"):
                j += 2 if text[j] == "\\" else 1
            if j >= n or text[j] == "\n" and not long:
                return i
            i = j + len(quote)
        else:
            i += 1
    return None


def query_form(text: str) -> str:
    """SELECT, CONSTRUCT, ASK, DESCRIBE or UPDATE; SELECT when the text cannot be read."""
    return read(text).form or "SELECT"


def oxigraph_error(exc: SyntaxError) -> SparqlSyntaxError:
    """Oxigraph's own parse error, with its line and column taken out of the message."""
    message = " ".join(str(exc.args[0] if exc.args else exc).split())
    match = _OXIGRAPH_POSITION.match(message)
    if not match:
        return SparqlSyntaxError(message)
    return SparqlSyntaxError(message[match.end():], int(match.group(1)), int(match.group(2)))

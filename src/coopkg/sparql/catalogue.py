"""The named queries of ``queries/``: their metadata, parameters and binding.

The header format is documented in docs/queries.md. Parameter values are turned into RDF terms
and passed as substitutions: they never become part of the query text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from coopkg.config import queries_dir
from coopkg.rdf.namespaces import expand
from coopkg.sparql.reader import query_form

PARAM_TYPES = ("iri", "string", "date", "integer", "lang")
XSD = "http://www.w3.org/2001/XMLSchema#"


class CatalogueError(ValueError):
    """A query file or a parameter value is not usable; the message names the place."""


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    of_class: str | None = None  # for iri parameters: the class the choices are drawn from
    default: str | None = None
    labels: dict[str, str] = field(default_factory=dict)

    def label(self, lang: str) -> str:
        return self.labels.get(lang) or self.labels.get("en") or self.name


@dataclass(frozen=True)
class NamedQuery:
    name: str
    path: Path
    text: str
    titles: dict[str, str]
    descriptions: dict[str, str]
    params: tuple[Param, ...]
    columns: dict[str, dict[str, str]] = field(default_factory=dict)  # variable -> language -> title

    def title(self, lang: str) -> str:
        return self.titles.get(lang) or self.titles.get("en") or self.name

    def description(self, lang: str) -> str:
        return self.descriptions.get(lang) or self.descriptions.get("en") or ""

    def column_title(self, variable: str, lang: str) -> str | None:
        """The declared title of the result column ``?variable`` in ``lang`` (English, then any,
        when that language has none), or None when the query declares no title for it."""
        titles = self.columns.get(variable)
        if not titles:
            return None
        return titles.get(lang) or titles.get("en") or next(iter(titles.values()))

    @property
    def body(self) -> str:
        """The query without its ``#+`` header lines (what a person edits)."""
        return "".join(line for line in self.text.splitlines(keepends=True) if not line.startswith("#+"))

    @property
    def form(self) -> str:
        """SELECT, CONSTRUCT, ASK or DESCRIBE: the first such keyword after the prologue."""
        return query_form(self.text)

    def bind(self, values: dict[str, str] | None = None) -> dict[str, object]:
        """Parameter values (text, as a user types them) -> RDF terms; defaults fill the gaps."""
        values = dict(values or {})
        unknown = set(values) - {p.name for p in self.params}
        if unknown:
            raise CatalogueError(f"{self.name}: unknown parameter(s) {', '.join(sorted(unknown))}; "
                                 f"known: {', '.join(p.name for p in self.params) or 'none'}")
        bound = {}
        for param in self.params:
            raw = values.get(param.name)
            if raw in (None, ""):
                raw = param.default
            if raw in (None, ""):
                continue
            bound[param.name] = to_term(param, raw, self.name)
        return bound


def to_term(param: Param, raw: str, where: str = "") -> object:
    raw = raw.strip()
    place = f"{where}: parameter {param.name}"
    if param.type == "iri":
        iri = expand(raw)
        if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|\\^`]*$", iri):
            raise CatalogueError(f"{place}: {raw!r} is not an IRI or a known prefixed name")
        return ox.NamedNode(iri)
    if param.type == "date":
        try:
            dt.date.fromisoformat(raw)
        except ValueError:
            raise CatalogueError(f"{place}: {raw!r} is not a date (YYYY-MM-DD)") from None
        return ox.Literal(raw, datatype=ox.NamedNode(XSD + "date"))
    if param.type == "integer":
        if not re.fullmatch(r"[+-]?\d+", raw):
            raise CatalogueError(f"{place}: {raw!r} is not an integer")
        return ox.Literal(raw, datatype=ox.NamedNode(XSD + "integer"))
    if param.type == "lang":
        if not re.fullmatch(r"[a-zA-Z]{2,3}(-[a-zA-Z0-9]+)*", raw):
            raise CatalogueError(f"{place}: {raw!r} is not a language tag")
        return ox.Literal(raw.lower())
    return ox.Literal(raw)


def parse_query_file(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    titles: dict[str, str] = {}
    descriptions: dict[str, str] = {}
    params: dict[str, dict] = {}
    columns: dict[str, dict[str, str]] = {}
    order: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#+"):
            continue
        body = line[2:].strip()
        key, sep, value = body.partition(":")
        if not sep:
            raise CatalogueError(f"{path}:{number}: expected '#+ key: value'")
        key, value = key.strip(), value.strip()
        if key.startswith("title@"):
            titles[key.split("@", 1)[1]] = value
        elif key.startswith("description@"):
            descriptions[key.split("@", 1)[1]] = value
        elif key == "param":
            parts = value.split()
            if len(parts) < 2 or parts[1] not in PARAM_TYPES:
                raise CatalogueError(f"{path}:{number}: expected 'param: NAME TYPE [CLASS|-] [DEFAULT]' "
                                     f"with TYPE one of {', '.join(PARAM_TYPES)}")
            name = parts[0].lstrip("?$")
            of_class = parts[2] if len(parts) > 2 and parts[2] != "-" else None
            default = " ".join(parts[3:]) or None
            params[name] = {"name": name, "type": parts[1], "of_class": of_class, "default": default, "labels": {}}
            order.append(name)
        elif key.startswith("param@label@"):
            lang = key.rsplit("@", 1)[1]
            name, _, label = value.partition(":")
            name = name.strip().lstrip("?$")
            if name not in params:
                raise CatalogueError(f"{path}:{number}: label for undeclared parameter {name!r}")
            params[name]["labels"][lang] = label.strip()
        elif key.startswith("column@"):
            lang = key.split("@", 1)[1]
            name, colon, title = value.partition(":")
            name = name.strip().lstrip("?$")
            if not colon or not name or not title.strip():
                raise CatalogueError(f"{path}:{number}: expected '#+ column@LANG: VARIABLE: title'")
            columns.setdefault(name, {})[lang] = title.strip()
        else:
            raise CatalogueError(f"{path}:{number}: unknown header key {key!r}")
    for name in order:
        if not re.search(r"[?$]" + re.escape(name) + r"\b", text):
            raise CatalogueError(f"{path}: parameter {name!r} is not a variable of the query")
    for name in columns:
        if not re.search(r"[?$]" + re.escape(name) + r"\b", text):
            raise CatalogueError(f"{path}: column title for {name!r}, which is not a variable of the query")
    return NamedQuery(
        name=path.stem,
        path=path,
        text=text,
        titles=titles,
        descriptions=descriptions,
        params=tuple(Param(**params[n]) for n in order),
        columns=columns,
    )


@lru_cache(maxsize=256)
def _library_query(path: Path, stamp: float) -> NamedQuery:
    return parse_query_file(path)


def library_query(name: str) -> NamedQuery:
    """A query the library runs itself, by its path under ``queries/`` without the extension
    (``read/labels``, ``store/quads``, ``export/entity-description``): read once, and again when
    the file changes."""
    path = queries_dir() / f"{name}.rq"
    try:
        stamp = path.stat().st_mtime
    except FileNotFoundError:
        raise CatalogueError(f"{path}: no such query file") from None
    return _library_query(path, stamp)


def library_text(name: str) -> str:
    """The SPARQL text of ``library_query(name)``."""
    return library_query(name).text


def load_catalogue(folder: Path | None = None) -> dict[str, NamedQuery]:
    """The named queries of ``queries/`` (not its subfolders), by name."""
    folder = folder or queries_dir()
    return {p.stem: parse_query_file(p) for p in sorted(folder.glob("*.rq"))}


def load_checks(folder: Path | None = None) -> list[NamedQuery]:
    """The ``queries/checks/*-violation.rq`` rules: each row they return is a violation."""
    folder = folder or queries_dir() / "checks"
    return [parse_query_file(p) for p in sorted(folder.glob("*-violation.rq"))]

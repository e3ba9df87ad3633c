"""The Répertoire as HTML (Jinja2, autoescaped) and as PDF (WeasyPrint).

One template serves both. The HTML is a single file: stylesheet, fonts (data: URIs) and map
inline, so it can be handed around and opened offline. The PDF embeds the same fonts (subset by
WeasyPrint), has a table of contents with page numbers (``target-counter``), running heads
(``@page`` margin boxes), bookmarks (``bookmark-level``) and an index that refers to Part 1 by
entry number and to Parts 2 and 3 by place and page.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import gc
import re
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .mapsvg import make_map
from .messages import LOCALES, text
from .model import Directory, District

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
FONTS = HERE / "fonts"
FORMATS = ("html", "pdf")
_FONT_URL = re.compile(r"url\(([^)]+\.ttf)\)")


# --- dates --------------------------------------------------------------------------------------

def _parse(value: str | None):
    """An xsd:date, gYearMonth or gYear literal -> (date, precision) or None."""
    if not value:
        return None
    value = value.strip()
    try:
        if re.fullmatch(r"-?\d{4}-\d{2}-\d{2}", value):
            return dt.date.fromisoformat(value), "day"
        if re.fullmatch(r"\d{4}-\d{2}", value):
            return dt.date(int(value[:4]), int(value[5:7]), 1), "month"
        if re.fullmatch(r"\d{4}", value):
            return dt.date(int(value), 1, 1), "year"
    except ValueError:
        return None
    return None


def _long_date(day: dt.date, lang: str, pattern: str = "long") -> str:
    """Babel's date with two typographic touches CLDR lacks or the fonts do not carry: French
    "1er" for the first of the month, and a no-break space instead of the narrow one."""
    from babel.dates import format_date

    formatted = format_date(day, pattern, locale=LOCALES[lang]).replace("\u202f", "\u00a0")
    if lang == "fr" and day.day == 1 and formatted.startswith("1 "):
        formatted = "1er" + formatted[1:]
    return formatted


def format_when(value: str | None, lang: str) -> str:
    """A date at its own precision, in the document's language (Babel, CLDR)."""
    from babel.dates import format_skeleton

    parsed = _parse(value)
    if parsed is None:
        return value or ""
    day, precision = parsed
    if precision == "day":
        return _long_date(day, lang)
    if precision == "month":
        return format_skeleton("yMMMM", day, locale=LOCALES[lang]).replace("\u202f", "\u00a0")
    return str(day.year)


def format_period(start: str | None, end: str | None, other: str | None, lang: str) -> str:
    """From start to end (days), or a month or year; "27–28 novembre 2008"."""
    first, last = _parse(start), _parse(end)
    if first is None:
        return format_when(other, lang) if other else format_when(end, lang)
    if last is None or last[0] == first[0] or first[1] != "day" or last[1] != "day":
        return format_when(start, lang)
    a, b = first[0], last[0]
    if (a.year, a.month) == (b.year, b.month):
        return f"{'1er' if lang == 'fr' and a.day == 1 else a.day}–{format_when(end, lang)}"
    if a.year == b.year:
        return f"{_long_date(a, lang, 'd MMMM')} – {format_when(end, lang)}"
    return f"{format_when(start, lang)} – {format_when(end, lang)}"


QUOTES = {"fr": ("«\u00a0", "\u00a0»"), "en": ("“", "”"), "ru": ("«", "»")}


# --- the index ----------------------------------------------------------------------------------

def number_ranges(numbers) -> list[tuple[int, str]]:
    """[3, 5, 6, 7, 9] -> [(3, "3"), (5, "5–7"), (9, "9")]: each range with its first number."""
    ranges, run = [], []
    for n in sorted(set(numbers)):
        if run and n == run[-1] + 1:
            run.append(n)
            continue
        if run:
            ranges.append(run)
        run = [n]
    if run:
        ranges.append(run)
    return [(r[0], str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}") for r in ranges]


@dataclass
class Mentions:
    """Where the document names each authority and person, for the index: the Part 1 entries
    that concern it (by number: exact, and free of any layout), and the places of Parts 2 and 3
    that name it, each with an anchor whose page the PDF prints (``target-counter``)."""

    entries: dict[str, set[int]] = field(default_factory=dict)
    places: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # iri -> [(anchor, label)]
    count: int = 0

    @classmethod
    def of(cls, directory: Directory) -> "Mentions":
        mentions = cls()
        for p in directory.partnerships:
            for iri in (p.french, p.epci, p.departement, p.region, p.partner, p.subject):
                if iri:
                    mentions.entries.setdefault(iri, set()).add(p.number)
        return mentions

    def place(self, iri: str | None, label: str) -> str:
        """Register that ``iri`` is named here (once per label) and give the anchor to put here."""
        self.count += 1
        anchor = f"m{self.count}"
        if iri and all(known != label for _, known in self.places.get(iri, [])):
            self.places.setdefault(iri, []).append((anchor, label))
        return anchor

    def refs(self, iri: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """(entry references [(anchor, "5–7")], places [(anchor, label)]) of ``iri``."""
        entries = [(f"p{first}", label) for first, label in number_ranges(self.entries.get(iri, ()))]
        return entries, list(self.places.get(iri, []))


# --- the environment ----------------------------------------------------------------------------

def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["web_address"] = lambda v: bool(v) and str(v).startswith(("https://", "http://"))
    return env


def font_faces(inline: bool) -> str:
    """The @font-face rules, pointing at the shipped files (PDF) or carrying them (HTML)."""
    css = (FONTS / "fonts.css").read_text(encoding="utf-8")

    def replace(match: re.Match) -> str:
        path = FONTS / match.group(1)
        if inline:
            return f"url(data:font/ttf;base64,{base64.b64encode(path.read_bytes()).decode('ascii')})"
        return f"url({path.as_uri()})"

    return _FONT_URL.sub(replace, css)


def _anchor(prefix: str, iri: str | None) -> str:
    return prefix + "-" + (re.sub(r"[^a-z0-9-]+", "-", iri.rsplit("/", 1)[-1].lower()) if iri else "none")


def render_html(directory: Directory, output_format: str = "html", map_figure=None) -> str:
    """The document as one HTML file. ``output_format`` "pdf" prepares it for WeasyPrint (fonts
    from the package folder, page-number wording)."""
    lang = directory.lang
    mentions = Mentions.of(directory)
    map_figure = map_figure if map_figure is not None else make_map(directory.arcs)

    def t(key: str, **values) -> str:
        return text(key, lang, **values)

    def bilingual(label: str | None, label_ru: str | None) -> str:
        """A Russian name in the document's language with its Cyrillic form, once when they are one."""
        if lang == "ru":
            return label_ru or label or ""
        if label and label_ru and label_ru != label:
            return f"{label} ({label_ru})"
        return label or label_ru or ""

    def district_name(district: District) -> str:
        if district.iri is None:
            return t("no_district")
        return bilingual(district.label, district.label_ru)

    edition = directory.edition
    date = format_when(edition.date.isoformat(), lang)
    edition_line = t("edition", date=date) + " · " + (
        t("build", build=edition.build_id) if edition.build_id else t("remote", date=date))
    chronology = sorted(directory.meetings + directory.rencontres, key=lambda e: e.sort_date)
    keywords = ", ".join(t(k) for k in ("key.partnerships", "key.rencontres")) + ", France, Russie, Россия"

    env = environment()
    env.filters["when"] = lambda v: format_when(v, lang)
    env.filters["quoted"] = lambda v: QUOTES[lang][0] + str(v) + QUOTES[lang][1]
    env.globals.update(
        t=t, bilingual=bilingual, district_name=district_name,
        period=lambda start, end, other=None: format_period(start, end, other, lang),
        place=mentions.place, index_refs_of=mentions.refs,
        region_anchor=lambda r: _anchor("r", r.iri), district_anchor=lambda d: _anchor("d", d.iri),
    )
    template = env.get_template("repertoire.html.j2")
    return template.render(
        d=directory, lang=lang, output_format=output_format, edition_line=edition_line,
        chronology=chronology, keywords=keywords, map=map_figure,
        # The package's own stylesheets (never data): inserted as they are into <style>.
        font_faces=Markup(font_faces(inline=output_format == "html")),
        stylesheet=Markup((TEMPLATES / "repertoire.css").read_text(encoding="utf-8")),
    )


@contextlib.contextmanager
def cyclic_gc_paused():
    """Python's cyclic garbage collector off while WeasyPrint works, as it was after. WeasyPrint
    makes hundreds of thousands of long-lived objects (boxes, styles, text layouts) and few cycles
    to free, so the collector's full passes over that growing heap were a large share of a PDF's
    CPU time (benchmarks/repertoire.py) for no memory saved; reference counting still frees
    everything else at once, and the few cycles wait for the next collection. The pause is the
    process's (as the collector is): other threads go on with reference counting alone meanwhile."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def layout_pdf(directory: Directory):
    """The document laid out by WeasyPrint with the shipped fonts (a ``weasyprint.Document``:
    its pages, bookmarks and anchors; ``write_pdf()`` gives the file)."""
    with cyclic_gc_paused():
        return _layout(directory)


def _layout(directory: Directory):
    from weasyprint.text.fonts import FontConfiguration

    return pdf_source(directory, make_map(directory.arcs)).render(font_config=FontConfiguration())


def pdf_source(directory: Directory, map_figure):
    """The document as WeasyPrint's parsed HTML, ready to lay out, reading only the package's files."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class PackageFetcher(URLFetcher):
        """The map as it is (no base64 in the HTML for the parser to wade through), and otherwise
        only the package's own files (the fonts): nothing is fetched from a network."""

        def fetch(self, url, headers=None):
            if url == map_figure.url:
                return URLFetcherResponse(url, map_figure.svg, {"Content-Type": "image/svg+xml"})
            return super().fetch(url, headers)

    html = render_html(directory, "pdf", map_figure)
    return HTML(string=html, base_url=str(HERE), url_fetcher=PackageFetcher(allowed_protocols={"file"}))


def render_pdf(directory: Directory) -> bytes:
    """The document as PDF. The shipped fonts are already cut down to Latin and Cyrillic, so they
    are embedded whole: subsetting them again per document cost more time than the bytes it saves."""
    with cyclic_gc_paused():  # the document is freed before the collector comes back
        return _layout(directory).write_pdf(full_fonts=True)


def render_document(directory: Directory, output_format: str) -> bytes:
    if output_format == "pdf":
        return render_pdf(directory)
    if output_format == "html":
        return render_html(directory, "html").encode("utf-8")
    raise ValueError(f"unknown format {output_format!r}: use one of {', '.join(FORMATS)}")

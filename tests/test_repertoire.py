"""The Répertoire des partenariats franco-russes (`coopkg repertoire`), read as its readers read it:
the text of the PDF (pdftotext, pdffonts from poppler-utils) and the HTML.

The expected partnerships, meetings and dates are asked of the graph with SPARQL written here, not
through the Répertoire's own named queries, so that a query that drops a row fails a test.
"""

from __future__ import annotations

import gc
import os
import re
import shutil
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from coopkg.publish.repertoire.gathering import catalogue, gather
from coopkg.publish.repertoire.messages import LANGUAGES, TEXT
from coopkg.publish.repertoire.render import cyclic_gc_paused, format_period, layout_pdf, render_html
from coopkg.sparql.catalogue import parse_query_file
from coopkg.store.layout import build_of

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "queries" / "repertoire"
POPPLER = shutil.which("pdftotext") and shutil.which("pdffonts")
# Like the browser tests: skipped where poppler-utils is absent, except under CI, where test.sh
# installs it and its absence must fail.
needs_poppler = pytest.mark.skipif(not POPPLER and not os.environ.get("CI"),
                                   reason="poppler-utils (pdftotext, pdffonts) not installed")

FRENCH_RUSSIAN = """
SELECT DISTINCT ?partnership WHERE {
  ?partnership a coop:Partnership ; coop:partner ?french, ?other .
  ?french coop:country country:fr .
  FILTER NOT EXISTS { ?other coop:country country:fr }
}"""
MEETINGS = """
SELECT DISTINCT ?event ?start ?end ?date ?g WHERE {
  VALUES ?series { event:groupe-pays-russie-meetings event:rencontres-franco-russes }
  ?event schema:superEvent ?series .
  GRAPH ?g { { ?event schema:startDate ?start OPTIONAL { ?event schema:endDate ?end } } UNION { ?event dct:date ?date } }
}"""


def iris(repo, query: str, var: str = "partnership") -> set[str]:
    return {row[var].value for row in repo.query(query)}


class Elements(HTMLParser):
    """The elements of an HTML document with their attributes, and the text under each id."""

    def __init__(self):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def with_class(self, name: str) -> list[dict]:
        return [a for _, a in self.elements if name in (a.get("class") or "").split()]


def parse(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    return parser


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout


def pages_headed(text: str, running_head: str) -> str:
    """The text of the pages whose running head (their first line) starts with ``running_head``:
    pdftotext separates pages with form feeds."""
    pages = []
    for page in text.split("\f"):
        lines = [line for line in page.splitlines() if line.strip()]
        if lines and lines[0].strip().startswith(running_head):
            pages.append(page)
    return "\n".join(pages)


# --- fixtures: one directory per language, one PDF in French -------------------------------------

@pytest.fixture(scope="module")
def directories(repo):
    return {lang: gather(repo, lang) for lang in LANGUAGES}


@pytest.fixture(scope="module")
def html(directories):
    return {lang: render_html(d, "html") for lang, d in directories.items()}


@pytest.fixture(scope="module")
def french_pdf(directories, tmp_path_factory):
    document = layout_pdf(directories["fr"])
    path = tmp_path_factory.mktemp("repertoire") / "repertoire-fr.pdf"
    path.write_bytes(document.write_pdf())
    return document, path


# --- the named queries --------------------------------------------------------------------------

@pytest.mark.parametrize("path", sorted(QUERIES.glob("*.rq")), ids=lambda p: p.stem)
def test_every_list_query_has_the_standard_header_in_three_languages(path):
    named = parse_query_file(path)
    for lang in LANGUAGES:
        assert named.titles.get(lang), f"{path.name}: no title@{lang}"
        assert named.descriptions.get(lang), f"{path.name}: no description@{lang}"
    for param in named.params:
        assert set(LANGUAGES) <= set(param.labels), f"{path.name}: parameter {param.name} not labelled in fr/en/ru"


def test_the_directory_runs_every_one_of_its_named_queries(repo, monkeypatch):
    """Every query of queries/repertoire/ is used (none is dead), and only those are."""
    import coopkg.publish.repertoire.gathering as gathering

    used = []
    real_run = gathering.run

    def recording(repository, named, lang):
        used.append(named.name)
        return real_run(repository, named, lang)

    monkeypatch.setattr(gathering, "run", recording)
    gather(repo, "fr")
    assert set(used) == set(catalogue())


# --- Part 1 and Part 2 ----------------------------------------------------------------------------

def test_every_french_russian_partnership_is_once_in_part_1_and_once_in_part_2_with_a_source_note(repo, html):
    expected = iris(repo, FRENCH_RUSSIAN)
    assert len(expected) >= 60  # the real data: 60 twinnings and the agreements the sources give
    page = parse(html["fr"])
    part1 = Counter(a["data-partnership"] for a in page.with_class("entry"))
    part2 = Counter(a["data-partnership"] for a in page.with_class("p2-row"))
    assert part1 == Counter({iri: 1 for iri in expected})
    assert part2 == Counter({iri: 1 for iri in expected})
    # Each entry has at least one numbered source note, and it points into the list of sources.
    body = html["fr"]
    for match in re.finditer(r'<article class="entry" id="p(\d+)" data-partnership="([^"]+)">(.*?)</article>', body, re.S):
        notes = re.findall(r'<li id="n\d+">.*?</li>', match.group(3), re.S)
        assert notes, f"entry {match.group(1)} ({match.group(2)}) has no source note"
        assert all(re.search(r'href="#s\d+"', n) for n in notes)


@needs_poppler
def test_pdf_text_has_each_entry_once_in_part_1_and_referred_to_once_in_part_2(repo, french_pdf):
    _, path = french_pdf
    text = pdf_text(path)
    n = len(iris(repo, FRENCH_RUSSIAN))
    part1 = pages_headed(text, "Partie 1 — De la France vers la Russie")
    part2 = pages_headed(text, "Partie 2 — De la Russie vers la France")
    heads = Counter(int(x) for x in re.findall(r"^n° (\d+)\s", part1, re.M))
    refs = Counter(int(x) for x in re.findall(r"· n° (\d+)\b", part2))
    assert heads == Counter({i: 1 for i in range(1, n + 1)})
    assert refs == Counter({i: 1 for i in range(1, n + 1)})
    # Each entry is followed by its notes, each citing the list of sources as [k].
    entries = re.split(r"^n° \d+\s", part1, flags=re.M)[1:]
    assert len(entries) == n
    assert all(re.search(r"\[\d+\]", entry) for entry in entries)


def test_part_1_gives_the_partner_in_french_and_in_cyrillic_and_undated_when_no_source_dates(directories, html):
    directory = directories["fr"]
    irkutsk = [p for p in directory.partnerships if p.partner.endswith("/ru-irkutsk")]
    assert irkutsk and all(p.partner_label == "Irkoutsk" and p.partner_label_ru == "Иркутск" for p in irkutsk)
    assert "Irkoutsk</span> — <span class=\"cyr\" lang=\"ru\">Иркутск</span>" in html["fr"]
    bordeaux = next(p for p in directory.partnerships if p.iri.endswith("twinning-bordeaux-saint-petersburg"))
    assert bordeaux.date == "1992"
    undated = [p for p in directory.partnerships if not (p.start or p.date)]
    assert len(undated) == len(directory.partnerships) - 3
    assert html["fr"].count(TEXT["undated"]["fr"]) >= len(undated)


def test_part_2_groups_by_federal_district_and_subject_and_keeps_yalta_apart_with_each_sources_claim(directories):
    directory = directories["en"]
    names = [d.label for d in directory.districts]
    assert "Central Federal District" in names and names[-1] is None  # Crimea last, in no district
    crimea = directory.districts[-1]
    yalta = crimea.subjects[0].partners[0]
    assert crimea.subjects[0].iri is None and yalta.label_ru == "Ялта"
    claims = {(c.property.rsplit("#", 1)[-1], c.source.number if c.source else None) for c in yalta.status_claims}
    assert {p for p, _ in claims} == {"claimedCountry", "territorialStatusNote"}
    assert all(number for _, number in claims)  # every claim cites its source
    moscow_oblast = next(s for d in directory.districts for s in d.subjects if s.iri and s.iri.endswith("ru-moscow-oblast"))
    assert moscow_oblast.label_ru == "Московская область" and len(moscow_oblast.partners) >= 10


# --- Part 3 ----------------------------------------------------------------------------------------

@needs_poppler
def test_every_meeting_and_rencontre_appears_in_part_3_with_each_sources_date(repo, french_pdf):
    _, path = french_pdf
    part3 = pages_headed(pdf_text(path), "Partie 3 — Le groupe-pays")
    flat = " ".join(part3.split())
    rows = list(repo.query(MEETINGS))
    assert len({r["event"].value for r in rows}) == 12  # 7 meetings, 5 Rencontres
    for row in rows:
        value = lambda v: row[v].value if row[v] is not None else None  # noqa: E731
        date = format_period(value("start"), value("end"), value("date"), "fr")
        assert date in flat, f"{row['event'].value}: {date!r} not in Part 3"


def test_part_3_keeps_both_claims_where_sources_disagree(directories):
    directory = directories["fr"]
    third = next(e for e in directory.rencontres if e.edition == "3")
    assert third.dates_disagree
    assert {(c.start, c.end) for c in third.dates} == {("2010-11-26", "2010-11-27"), ("2010-11-27", "2010-11-28")}
    assert len({c.source.number for c in third.dates}) == 2
    first = next(e for e in directory.rencontres if e.edition == "1")
    assert not first.dates_disagree  # November 2008 contains 27-28 November 2008
    meeting3 = next(e for e in directory.meetings if e.edition == "3")
    tsybulsky = [p for p in meeting3.participations if p.participant.endswith("/p0001")]
    assert {p.role_label for p in tsybulsky} == {"Invité d'honneur", "Participant"}
    assert all(len(p.sources) == 1 for p in tsybulsky) and tsybulsky[0].sources != tsybulsky[1].sources


# --- fonts, structure of the PDF ------------------------------------------------------------------

@needs_poppler
def test_pdf_embeds_the_shipped_fonts_and_its_cyrillic_text_reads_back(french_pdf):
    _, path = french_pdf
    listing = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    fonts = [line.split() for line in listing.splitlines()[2:] if line.strip()]
    assert fonts
    for columns in fonts:
        name = columns[0]
        assert "Noto" in name, f"{name}: a font that the package does not ship"
        assert columns[-5] == "yes", f"{name} is not embedded"  # the 'emb' column
    text = pdf_text(path)
    for word in ("Иркутск", "Санкт-Петербург", "Центральный федеральный округ", "Алексей Юрьевич Мешков"):
        assert word in text


def test_pdf_has_bookmarks_a_table_of_contents_with_pages_and_running_heads(french_pdf):
    document, path = french_pdf
    tree = document.make_bookmark_tree()  # [(label, target, children, state)]
    top = [label for label, *_ in tree]
    for heading in ("Sommaire", "Vue d'ensemble", "Partie 1 — De la France vers la Russie",
                    "Partie 2 — De la Russie vers la France", "Partie 3 — Le groupe-pays Russie",
                    "Index des collectivités et des personnes"):
        assert heading in top
    part1_children = next(children for label, _, children, _ in tree if label.startswith("Partie 1"))
    assert "Île-de-France" in [label for label, *_ in part1_children]
    if POPPLER:
        text = pdf_text(path)
        contents = pages_headed(text, "Sommaire")
        assert re.search(r"Partie 1 — De la France vers la Russie\s*\.+\s*\d+", contents)
        # Running heads and page numbers on a Part 1 page.
        assert re.search(r"Partie 1 — De la France vers la Russie\s+.*\d+ / \d+", text, re.S)


def test_laying_out_the_pdf_gives_the_garbage_collector_back_as_it_was(french_pdf):
    # french_pdf has run layout_pdf: a program that renders a Répertoire keeps its collector.
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        with cyclic_gc_paused():
            assert not gc.isenabled()
            raise RuntimeError("a failed layout")
    assert gc.isenabled()
    gc.disable()
    try:
        with cyclic_gc_paused():
            pass
        assert not gc.isenabled(), "a program that had turned the collector off finds it off"
    finally:
        gc.enable()


# --- languages --------------------------------------------------------------------------------------

def test_every_interface_text_is_written_in_the_three_languages():
    for key, versions in TEXT.items():
        assert set(versions) == set(LANGUAGES), key
        assert all(v.strip() for v in versions.values()), key
        fields = {lang: set(re.findall(r"\{(\w+)\}", v)) for lang, v in versions.items()}
        assert len({frozenset(f) for f in fields.values()}) == 1, f"{key}: the languages fill different fields"


@pytest.mark.parametrize("lang, title, part1", [
    ("fr", "Répertoire des partenariats franco-russes", "Partie 1 — De la France vers la Russie"),
    ("en", "Directory of French–Russian decentralised cooperation partnerships", "Part 1 — France to Russia"),
    ("ru", "Справочник франко-российских партнёрств", "Часть 1 — Из Франции в Россию"),
])
def test_the_three_languages_render(html, directories, lang, title, part1):
    page = html[lang]
    assert f'<html lang="{lang}">' in page
    assert title in page and part1 in page
    assert page.count('class="entry"') == len(directories[lang].partnerships)
    others = [TEXT["part1"][other] for other in LANGUAGES if other != lang]
    assert not any(o in page for o in others)


def test_a_sources_consultation_is_printed_as_its_day_or_not_at_all(directories):
    """coop:retrieved is a time:Instant: its day (time:inXSDDate) when the editors recorded it,
    never the instant's blank node label."""
    for source in directories["fr"].sources:
        assert source.retrieved is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", source.retrieved), source


def test_russian_edition_names_russian_places_in_cyrillic_first(directories):
    directory = directories["ru"]
    irkutsk = next(p for p in directory.partnerships if p.partner.endswith("/ru-irkutsk"))
    assert irkutsk.partner_label == "Иркутск"
    entry = next(e for e in directory.index if e.iri.endswith("/ru-irkutsk"))
    assert entry.name == "Иркутск" and "Irkoutsk" in entry.other_names


# --- the HTML is data as text ------------------------------------------------------------------------

def test_html_is_self_contained_and_offline(html):
    page = html["fr"]
    assert not re.search(r'(src|href)="(https?:)?//[^"]*\.(css|js|woff2?|ttf|png|svg)', page)
    assert "<script" not in page
    assert "data:font/ttf;base64," in page and "data:image/svg+xml;base64," in page


# --- a new edition from a new build ---------------------------------------------------------------

EXTRA = '''
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix schema: <https://schema.org/> .
@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix coop: <https://w3id.org/coopkg/ontology#> .
@prefix cgraph: <https://w3id.org/coopkg/graph/> .
@prefix csrc: <https://w3id.org/coopkg/source/> .
@prefix auth: <https://w3id.org/coopkg/id/authority/> .
@prefix place: <https://w3id.org/coopkg/id/place/> .
@prefix country: <https://w3id.org/coopkg/id/country/> .
@prefix organisation: <https://w3id.org/coopkg/id/org/> .
@prefix partnership: <https://w3id.org/coopkg/id/partnership/> .
@prefix akind: <https://w3id.org/coopkg/vocab/authority-kind/> .
@prefix pkind: <https://w3id.org/coopkg/vocab/partnership-kind/> .

GRAPH cgraph:coopkg-curation {
    auth:ru-test-town a coop:LocalAuthority ;
        skos:prefLabel "Ville <b>d'essai</b>"@fr , "Test <b>town</b>"@en , "Тестовый <b>город</b>"@ru ;
        org:classification akind:city ;
        coop:country country:ru ;
        coop:withinAuthority auth:ru-moscow-oblast ;
        dct:spatial place:ru-test-town .
    place:ru-test-town a coop:Territory ;
        skos:prefLabel "Ville d'essai"@fr , "Test town"@en , "Тестовый город"@ru ;
        schema:containedInPlace place:ru-moscow-oblast .
    partnership:twinning-chartres-test-town skos:prefLabel "Jumelage Chartres – Ville d'essai"@fr ,
        "Twinning Chartres – Test town"@en .
}
GRAPH cgraph:test-repertoire-source {
    partnership:twinning-chartres-test-town a coop:Partnership ;
        coop:partner auth:fr-chartres, auth:ru-test-town ;
        coop:partnershipKind pkind:twinning ;
        schema:startDate "2024-05-17"^^xsd:date .
}
GRAPH cgraph:metadata {
    cgraph:test-repertoire-source a prov:Entity, sd:Graph ;
        prov:wasDerivedFrom csrc:test-repertoire-source ;
        dct:title "Facts of a test source"@en , "Faits d'une source d'essai"@fr ;
        dct:license <https://creativecommons.org/licenses/by-sa/4.0/> ;
        prov:wasAttributedTo organisation:coopkg-editors .
    csrc:test-repertoire-source a prov:Entity, foaf:Document ;
        dct:title "Test source announcing a twinning <i>signed</i>"@en , "Source d'essai annonçant un jumelage <i>signé</i>"@fr ;
        dct:publisher organisation:coopkg-editors ;
        schema:url <https://example.org/test-repertoire> .
}
'''


@pytest.fixture(scope="module")
def next_edition(built, tmp_path_factory):
    """The real data plus one partnership, built like `coopkg build` into a store of its own."""
    from coopkg.build import pipeline as builder
    from coopkg.build.loading import discover_files
    from coopkg.cli.text import format_report
    from coopkg.store.embedded import EmbeddedRepository

    folder = tmp_path_factory.mktemp("next-edition")
    extra = folder / "extra.trig"
    extra.write_text(EXTRA, encoding="utf-8")
    outcome = builder.build(paths=discover_files() + [extra], root=folder / "store")
    assert outcome.ok, format_report(outcome)
    return EmbeddedRepository.open(outcome.store_path)


def test_a_partnership_added_to_a_build_appears_in_the_next_edition(next_edition, directories, built):
    directory = gather(next_edition, "fr")
    assert directory.edition.build_id and directory.edition.build_id != directories["fr"].edition.build_id
    assert directory.edition.build_id == build_of(next_edition.location).name
    assert len(directory.partnerships) == len(directories["fr"].partnerships) + 1
    added = next(p for p in directory.partnerships if p.iri.endswith("twinning-chartres-test-town"))
    assert added.french_label == "Chartres" and added.subject_label == "Oblast de Moscou"
    assert added.start == "2024-05-17" and added.notes and added.notes[0].address == "https://example.org/test-repertoire"
    page = render_html(directory, "html")
    html = parse(page)
    assert [a["data-partnership"] for a in html.with_class("entry")].count(added.iri) == 1
    assert [a["data-partnership"] for a in html.with_class("p2-row")].count(added.iri) == 1
    assert "2020" in {row.key for row in directory.by_decade}  # the new decade is counted
    assert "2020" not in {row.key for row in directories["fr"].by_decade}
    # Data is text, never markup: the labels' tags are printed, not obeyed.
    assert "Ville &lt;b&gt;d&#39;essai&lt;/b&gt;" in page and "<b>d'essai</b>" not in page
    assert "&lt;i&gt;signé&lt;/i&gt;" in page and "<i>signé</i>" not in page


# --- the command line --------------------------------------------------------------------------------

def test_command_writes_the_html_directory(built, tmp_path, capsys):
    from coopkg.cli.main import main

    target = tmp_path / "r.html"
    assert main(["repertoire", "--lang", "en", "-o", str(target)]) == 0
    assert "Directory of French–Russian" in target.read_text(encoding="utf-8")
    assert str(target) in capsys.readouterr().out
    assert not list(tmp_path.glob(".r.html.*"))  # no temporary file left behind


@pytest.mark.parametrize("argv, message", [
    (["repertoire", "--lang", "de"], "invalid choice: 'de'"),
    (["repertoire", "--format", "docx"], "invalid choice: 'docx'"),
    (["repertoire", "-o", "/nonexistent-folder/r.pdf"], "the folder /nonexistent-folder does not exist"),
    (["repertoire", "--format", "pdf", "-o", "r.html"], "-o r.html: the file name says html, --format says pdf"),
])
def test_bad_arguments_give_a_clear_message(built, argv, message, capsys):
    from coopkg.cli.main import main

    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's own refusals
        code = exc.code
    assert code == 2
    assert message in capsys.readouterr().err


def test_no_store_gives_a_clear_message(tmp_path, monkeypatch, capsys):
    from coopkg.cli.main import main

    monkeypatch.setenv("COOPKG_STORE", str(tmp_path / "empty"))
    monkeypatch.delenv("COOPKG_ENDPOINT", raising=False)
    assert main(["repertoire", "-o", str(tmp_path / "r.pdf")]) == 2
    assert "no store has been built" in capsys.readouterr().err
    assert not (tmp_path / "r.pdf").exists()


def test_lang_from_the_environment_must_be_one_of_the_three(built, tmp_path, monkeypatch, capsys):
    from coopkg.cli.main import main

    monkeypatch.setenv("COOPKG_LANG", "de")
    assert main(["repertoire", "-o", str(tmp_path / "r.html")]) == 2
    assert "COOPKG_LANG='de': Input should be 'fr', 'en' or 'ru'" in capsys.readouterr().err

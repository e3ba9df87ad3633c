"""The ontology's pyLODE pages (`coopkg docs`): each in one language, headings and labels in that
language, the creator named, <html lang>, and no two terms under the same heading. Read back with
the standard library's HTML parser."""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

import pytest

from coopkg.publish.docs import generate


class Page(HTMLParser):
    """The page's language and the text of its headings, metadata terms and table headers."""

    WATCHED = ("h1", "h2", "h3", "dt", "th", "dd")

    def __init__(self, html: str):
        super().__init__()
        self.lang, self.texts, self._open = None, [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        if tag in self.WATCHED:
            self._open.append([tag, ""])

    def handle_endtag(self, tag):
        if self._open and self._open[-1][0] == tag:
            name, text = self._open.pop()
            self.texts.append((name, " ".join(text.split())))

    def handle_data(self, data):
        for item in self._open:
            item[1] += data

    def of(self, tag: str) -> list[str]:
        return [text for name, text in self.texts if name == tag]


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Page]:
    folder = tmp_path_factory.mktemp("docs")
    return {lang: Page(generate(folder / f"{lang}.html", lang).read_text(encoding="utf-8")) for lang in ("fr", "en", "ru")}


@pytest.mark.parametrize("lang, metadata, classes, creator_label, creator", [
    ("fr", "Métadonnées", "Classes", "Créateur", "Éditeurs de coopkg"),
    ("en", "Metadata", "Classes", "Creator", "coopkg editors"),
    ("ru", "Метаданные", "Классы", "Автор", "coopkg editors"),
])
def test_each_page_speaks_its_language(pages, lang, metadata, classes, creator_label, creator):
    page = pages[lang]
    assert page.lang == lang
    assert metadata in page.of("h2") and classes in page.of("h2")
    terms = page.of("dt")
    assert creator_label in terms, terms
    assert creator in page.of("dd")[terms.index(creator_label)], "the creator is named"


def test_the_french_page_has_no_english_heading(pages):
    english = {"Metadata", "Object Properties", "Datatype Properties", "Annotation Properties", "Namespaces", "Legend"}
    assert not english & set(pages["fr"].of("h2"))
    assert not {"Creator", "Date Created", "License", "Title"} & set(pages["fr"].of("dt"))
    assert not {"Is Defined By", "Sub Class Of", "Domain", "Range"} & set(pages["fr"].of("th"))
    assert any(h.startswith("Collectivité territoriale") for h in pages["fr"].of("h3"))


@pytest.mark.parametrize("lang", ["fr", "en", "ru"])
def test_no_two_terms_share_a_heading(pages, lang):
    headings = Counter(h.rsplit(" ", 1)[0] if h.endswith((" c", " op", " dp", " ap")) else h for h in pages[lang].of("h3"))
    assert not [h for h, n in headings.items() if n > 1]
    if lang == "ru":
        return  # FOAF's class has no Russian label: its English one is heading enough
    organisations = [h for h in headings if h.startswith(("Organization (", "Organisation ("))]
    assert any("(org:Organization)" in h for h in organisations) and any("(foaf:Organization)" in h for h in organisations)

"""Search by any label, insensitive to case, accents and script."""

from __future__ import annotations

import pytest
from explorer_fixture import IDS, MD_LABEL, XSS_LABEL

from coopkg.read.search import SearchIndex, ascii_words, fold, fold_word, group_by_kind, load_index, search

NIZHNY = IDS + "authority/ru-nizhny-novgorod"
SHVYDKOY = IDS + "person/p0002"


@pytest.mark.parametrize("spellings", [
    ("Nijni", "Nizhny", "Нижний", "NIZHNIY", "nijny"),
    ("Chvydkoï", "Shvydkoy", "Швыдкой", "shvydkoi", "CHVYDKOY"),
    ("Iekaterinbourg", "Yekaterinburg", "Ekaterinburg", "Екатеринбург"),
    ("Tcheliabinsk", "Chelyabinsk", "Челябинск"),
    ("Joukovski", "Zhukovsky", "Жуковский"),
    ("Vassili", "Vasily", "Василий"),
    ("Iaroslavl", "Yaroslavl", "Ярославль"),
    ("Guennadi", "Gennady", "Геннадий"),
    ("Alexandre", "Aleksandr", "Александр"),
    ("St Petersburg", "Saint-Pétersbourg", "ST. PETERSBURG"),
    ("Sankt-Peterburg", "Санкт-Петербург", "St-Peterburg"),
    ("Ste-Marie", "Sainte-Marie", "Saint Marie"),
])
def test_french_english_and_cyrillic_spellings_fold_to_one_key(spellings):
    keys = {tuple(fold(s)) for s in spellings}
    assert len(keys) == 1, {s: fold(s) for s in spellings}


def test_folding_keeps_different_names_apart():
    assert fold("Nice") != fold("Nizhny")
    assert fold("Bordeaux") != fold("Paris")
    assert fold_word("moscou") != fold_word("novgorod")


def test_ascii_words_drop_case_accents_and_punctuation():
    assert ascii_words("Saint-Pétersbourg, Côte d'Azur") == ["saint", "petersbourg", "cote", "d", "azur"]
    assert ascii_words("Нижний Новгород") == ["nizhnii", "novgorod"]
    assert ascii_words("<img src=x>") == ["img", "src", "x"]


@pytest.mark.parametrize("query", ["Nijni", "Nizhny", "Нижний", "nijni novgorod", "Nizhny Novg", "НИЖНИЙ"])
def test_the_city_is_found_in_any_script(fixture_repo, query):
    groups = search(fixture_repo, query, "fr")
    authorities = next(g for g in groups if g.kind == "authority")
    assert authorities.hits[0].iri == NIZHNY
    assert authorities.hits[0].label == "Nijni Novgorod"  # shown in the interface language


@pytest.mark.parametrize("query", ["Chvydkoï", "Shvydkoy", "Швыдкой", "mikhail shvydkoy", "Михаил"])
def test_the_person_is_found_in_any_script(fixture_repo, query):
    hits = load_index(fixture_repo).search(query, "en")
    assert hits and hits[0].iri == SHVYDKOY
    assert hits[0].label == "Mikhail Shvydkoy"
    assert hits[0].kind == "person"


def test_results_are_grouped_by_kind(fixture_repo):
    groups = search(fixture_repo, "Nizhny", "en")
    kinds = [g.kind for g in groups]
    assert {"authority", "place", "partnership"} <= set(kinds)
    assert next(g for g in groups if g.kind == "authority").title == "Local authorities"
    assert next(g for g in search(fixture_repo, "Nizhny", "fr") if g.kind == "authority").title == \
        "Collectivités territoriales"
    assert len({h.iri for g in groups for h in g.hits}) == sum(len(g.hits) for g in groups)


def test_every_word_must_match(fixture_repo):
    assert not search(fixture_repo, "Nizhny Bordeaux", "fr")
    assert not search(fixture_repo, "   ", "fr")


def test_a_prefixed_name_finds_its_thing(fixture_repo):
    hits = load_index(fixture_repo).search("auth:fr-nice", "fr")
    assert hits[0].iri == IDS + "authority/fr-nice"


def test_html_and_markdown_labels_are_found_as_text(fixture_repo):
    hits = load_index(fixture_repo).search("img onerror", "fr")
    assert hits[0].label == XSS_LABEL
    hits = load_index(fixture_repo).search("javascript", "en")
    assert hits[0].matched == MD_LABEL


def test_the_index_is_built_once_per_repository(fixture_repo):
    assert load_index(fixture_repo) is load_index(fixture_repo)
    assert isinstance(load_index(fixture_repo), SearchIndex)
    assert group_by_kind([], "fr") == []


# --- the real data ------------------------------------------------------------------------------

@pytest.mark.parametrize("query", ["Nijni", "Nizhny", "Нижний"])
def test_real_data_city(repo, query):
    groups = search(repo, query, "fr")
    assert any(h.iri == NIZHNY for g in groups if g.kind == "authority" for h in g.hits[:3])


@pytest.mark.parametrize("query", ["Chvydkoï", "Shvydkoy", "Швыдкой"])
def test_real_data_person(repo, query):
    hits = load_index(repo).search(query, "fr")
    assert hits[0].iri == SHVYDKOY and hits[0].label == "Mikhaïl Chvydkoï"


@pytest.mark.parametrize("query", ["St Petersburg", "St. Petersburg", "Sankt-Peterburg", "Saint-Pétersbourg"])
def test_an_abbreviated_saint_finds_the_city_first(repo, query):
    hits = load_index(repo).search(query, "en")
    assert hits[0].iri == IDS + "authority/ru-saint-petersburg", [h.label for h in hits[:5]]


def test_the_town_comes_before_the_things_that_mention_it(repo):
    hits = load_index(repo).search("Nice", "fr")
    assert hits[0].iri == IDS + "authority/fr-nice" and hits[0].kind == "authority"


@pytest.mark.parametrize(("query", "event"), [("groupe-pays Russie 2020", "groupe-pays-russie-meeting-6"),
                                              ("réunion groupe-pays 2021", "groupe-pays-russie-meeting-7")])
def test_a_year_in_the_query_narrows_to_the_things_of_that_year(repo, query, event):
    hits = load_index(repo).search(query, "fr")
    assert hits[0].iri == IDS + "event/" + event, [h.label for h in hits[:5]]
    assert all(h.iri != IDS + "event/groupe-pays-russie-meeting-5" for h in hits)  # 2019: not that year


def test_a_year_no_label_says_and_no_date_holds_finds_nothing(repo):
    assert load_index(repo).search("groupe-pays Russie 1990", "fr") == []

"""The views' rows and facets: each view query, the facet rows, the explorer's faceting over them
(several values, counts, narrowing, undated items), the query behind a view."""

from __future__ import annotations

import facets  # (app/facets.py: the explorer's faceting, pure functions)
import pytest
from explorer_fixture import IDS

from coopkg.read import views
from coopkg.service import sandbox
from coopkg.sparql.catalogue import Param, parse_query_file

NICE, NIZHNY = IDS + "authority/fr-nice", IDS + "authority/ru-nizhny-novgorod"
MEETING = IDS + "event/test-meeting-1"
TWINNING = IDS + "partnership/twinning-nice-nizhny-novgorod"
COUNTRY = IDS + "country/"
THEME = "https://w3id.org/coopkg/vocab/theme/"


def test_every_view_query_has_the_catalogue_header_in_three_languages():
    queries = views.view_queries()
    assert {views.MAP_AUTHORITIES, views.MAP_PARTNERSHIPS, views.TIMELINE, views.NETWORK, views.THEMES,
            views.UNSOURCED, views.PARTNERSHIP_FACETS, views.EVENT_FACETS} <= set(queries)
    for name, query in queries.items():
        for lang in ("fr", "en"):
            assert query.title(lang) != name and query.description(lang), (name, lang)
        assert parse_query_file(query.path).text == query.text
    for name in (views.MAP_PARTNERSHIPS, views.TIMELINE, views.NETWORK, views.THEMES):
        query = queries[name]
        assert query.titles.get("ru") and query.descriptions.get("ru"), name
        assert query.columns and all(set(t) == {"en", "fr", "ru"} for t in query.columns.values()), name


def test_no_view_filters_with_exists_in_a_disjunction():
    """Facets are applied by the explorer: no view query keeps the FILTER(... || EXISTS) form that
    Oxigraph 0.5 may evaluate in full for every row (issue 12 research)."""
    for query in views.view_queries().values():
        assert "|| EXISTS" not in " ".join(query.body.split()), query.name


def test_map_rows(fixture_repo):
    arcs = views.run_view(fixture_repo, views.MAP_PARTNERSHIPS).rows
    assert len(arcs) == 1 and {arcs[0]["a"], arcs[0]["b"]} == {NICE, NIZHNY}
    assert arcs[0]["date"] == "1992-05-01" and arcs[0]["latA"] == pytest.approx(43.7034)
    dots = {r["authority"]: r for r in views.run_view(fixture_repo, views.MAP_AUTHORITIES).rows}
    assert dots[NIZHNY]["partnerships"] == 1 and dots[NIZHNY]["country"] == COUNTRY + "ru"
    assert IDS + "authority/fr-lonely" not in dots  # no coordinates


def test_facet_rows_of_partnerships_and_events(fixture_repo):
    partnerships = views.facet_values(fixture_repo, views.PARTNERSHIP_FACETS)
    assert partnerships[TWINNING]["country"] == {COUNTRY + "fr", COUNTRY + "ru"}
    assert partnerships[TWINNING]["region"] == {IDS + "authority/fr-region-93",
                                                IDS + "authority/ru-nizhny-novgorod-oblast"}
    assert partnerships[TWINNING]["theme"] == {THEME + "tourism"} and partnerships[TWINNING]["date"] == {"1992-05-01"}
    events = views.facet_values(fixture_repo, views.EVENT_FACETS)
    assert events[MEETING]["source"] == {"https://w3id.org/coopkg/graph/source-a",
                                         "https://w3id.org/coopkg/graph/source-b"}
    assert events[MEETING]["eventClass"] == {"https://w3id.org/coopkg/ontology#Meeting"}


def test_timeline_one_row_per_source_dating(fixture_repo):
    rows = [r for r in views.run_view(fixture_repo, views.TIMELINE).rows if r["event"] == MEETING]
    assert sorted(r["start"] for r in rows) == ["2016-07-05", "2016-07-06"]
    assert {r["graph"] for r in rows} == {"https://w3id.org/coopkg/graph/source-a",
                                          "https://w3id.org/coopkg/graph/source-b"}


def test_network_of_authorities(fixture_repo):
    rows = views.run_view(fixture_repo, views.NETWORK).rows
    assert [(r["authority"], r["other"], r["relation"]) for r in rows] == [(NICE, NIZHNY, "partnership")]
    assert rows[0]["authorityCountry"] == COUNTRY + "fr" and rows[0]["otherCountry"] == COUNTRY + "ru"


def test_real_network_has_partnerships_and_shared_events(repo):
    rows = views.run_view(repo, views.NETWORK).rows
    relations = {r["relation"] for r in rows}
    assert {"partnership", "event"} <= relations
    # An event row per authority, never multiplied by the other side's countries.
    assert all(r["other"] is None and r["otherCountry"] is None for r in rows if r["relation"] != "partnership")
    hubs = {}
    for r in rows:
        if r["relation"] == "event":
            hubs.setdefault(r["via"], set()).add(r["authority"])
    assert max(len(a) for a in hubs.values()) >= 10  # the 4th Rencontre gathered many authorities


def test_themes_rows_per_thing(fixture_repo):
    rows = views.run_view(fixture_repo, views.THEMES).rows
    assert {(r["thing"], r["theme"], r["what"]) for r in rows} == {(TWINNING, THEME + "tourism", "partnership"),
                                                                   (MEETING, THEME + "culture", "event")}


def test_the_query_behind_a_view_runs_in_the_query_service(fixture_repo):
    view = views.run_view(fixture_repo, views.TIMELINE)
    outcome = sandbox.run_query(view.sparql(), store_path=fixture_repo.location)
    assert outcome.ok and len(outcome.rows) == len(view.rows)


def test_catalogue_parameter_choices_by_class(fixture_repo):
    authorities = views.param_choices(fixture_repo, Param("authority", "iri", "coop:LocalAuthority"))
    assert NIZHNY in authorities and len(authorities) == 5
    assert views.param_choices(fixture_repo, Param("name", "string")) == []


def test_overview_counts(fixture_repo):
    counts = dict(views.kind_counts(fixture_repo))
    assert counts["authority"] == 5 and counts["person"] == 2 and counts["event"] == 1


# --- the explorer's faceting (app/facets.py) --------------------------------------------------------

ITEMS = {
    "p1": {"country": {"fr", "ru"}, "theme": {"culture"}, "date": {"1992-05-01"}},
    "p2": {"country": {"fr", "ru"}, "theme": {"culture", "economy"}, "date": {"2016"}},
    "p3": {"country": {"fr", "ua"}, "theme": {"economy"}},  # undated
    "p4": {"country": {"fr", "de"}, "date": {"2008-11"}},
}


def test_several_values_of_a_facet_are_alternatives_and_facets_combine():
    assert facets.kept(ITEMS, facets.Selection({"country": {"ru", "ua"}})) == {"p1", "p2", "p3"}
    assert facets.kept(ITEMS, facets.Selection({"country": {"ru", "ua"}, "theme": {"economy"}})) == {"p2", "p3"}
    assert facets.kept(ITEMS, facets.Selection({"theme": {"nothing"}})) == set()


def test_counts_leave_their_own_facet_out_and_narrow_the_others():
    chosen = facets.Selection({"country": {"ru"}})
    assert facets.counts(ITEMS, chosen, "country") == {"fr": 4, "ru": 2, "ua": 1, "de": 1}  # own facet: all
    assert facets.counts(ITEMS, chosen, "theme") == {"culture": 2, "economy": 1}  # narrowed by country
    assert facets.counts(ITEMS, facets.Selection({"theme": {"economy"}}), "country") == {"fr": 2, "ru": 1, "ua": 1}


def test_a_period_counts_the_undated_and_keeps_them_only_when_asked():
    period = facets.Selection({}, (1990, 2010))
    assert facets.kept(ITEMS, period) == {"p1", "p4"}
    assert facets.undated(ITEMS, period) == 1
    assert facets.kept(ITEMS, facets.Selection({}, (1990, 2010), keep_undated=True)) == {"p1", "p3", "p4"}
    assert facets.bounds(ITEMS) == (1992, 2016)
    assert facets.year_of("2008-11") == 2008 and facets.year_of("-0044") == 44 and facets.year_of("x") is None


def test_facets_narrow_on_the_real_data(repo):
    items = views.facet_values(repo, views.PARTNERSHIP_FACETS)
    russia = facets.Selection({"country": {COUNTRY + "ru"}})
    regions = facets.counts(items, russia, "region")
    alpes_maritimes = IDS + "authority/fr-departement-06"
    assert regions  # regions of the partnerships with a Russian partner, French and Russian ones alike
    assert all(n <= len(facets.kept(items, russia)) for n in regions.values())
    # No partnership is about culture: the map's theme facet does not offer it (no choice that
    # leads to an empty map), every value offered keeps at least one partnership.
    themes = facets.counts(items, facets.Selection(), "theme")
    assert THEME + "culture" not in themes and themes and min(themes.values()) >= 1
    assert regions.get(alpes_maritimes, 0) <= facets.counts(items, facets.Selection(), "region")[alpes_maritimes]
    undated = facets.undated(items, facets.Selection({}, (1990, 2000)))
    assert undated > 0  # the real data has undated partnerships: a period says how many it leaves out

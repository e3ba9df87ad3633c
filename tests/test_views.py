"""The views' data: each view query with and without facets, the query behind it, facet choices."""

from __future__ import annotations

import pytest
from explorer_fixture import IDS

from coopkg.read import views
from coopkg.read.labels import load_labels
from coopkg.service import sandbox
from coopkg.sparql.catalogue import parse_query_file

NICE, NIZHNY = IDS + "authority/fr-nice", IDS + "authority/ru-nizhny-novgorod"
MEETING = IDS + "event/test-meeting-1"


def test_every_view_query_has_the_catalogue_header():
    queries = views.view_queries()
    assert {views.MAP_AUTHORITIES, views.MAP_PARTNERSHIPS, views.TIMELINE, views.NETWORK, views.THEMES,
            views.UNSOURCED} <= set(queries)
    for name, query in queries.items():
        assert query.title("fr") != name and query.title("en") != name, name
        assert query.description("fr") and query.description("en"), name
        for param in query.params:
            assert param.labels.get("fr") and param.labels.get("en"), (name, param.name)
        assert parse_query_file(query.path).text == query.text


def test_map_points_and_arcs(fixture_repo):
    points, arcs = views.map_view(fixture_repo, {}, "fr")
    frame = points.frame.set_index("authority")
    assert frame.loc[NIZHNY, "authorityLabel"] == "Nijni Novgorod"
    assert frame.loc[NIZHNY, "partnerships"] == 1 and frame.loc[NICE, "lat"] == pytest.approx(43.7034)
    assert IDS + "authority/fr-lonely" not in frame.index  # no coordinates
    assert len(arcs.frame) == 1
    arc = arcs.frame.iloc[0]
    assert {arc["a"], arc["b"]} == {NICE, NIZHNY} and arc["year"] == 1992
    assert arc["title"] == "Nice – Nijni Novgorod (Jumelage, 1992)"


@pytest.mark.parametrize("facets, authorities, arcs", [
    ({"country": "country:ru"}, {NIZHNY}, 1),
    ({"country": "country:fr"}, {NICE, IDS + "authority/fr-region-93"}, 1),
    ({"region": "auth:fr-region-93"}, {NICE, IDS + "authority/fr-region-93"}, 1),
    ({"authorityKind": "akind:commune"}, {NICE}, 1),
    ({"source": "cgraph:source-a"}, set(), 1),
    ({"theme": "theme:culture"}, None, 0),
    ({"theme": "theme:tourism", "since": "1990", "until": "1995"}, None, 1),
    ({"since": "2000"}, None, 0),
    ({"partnershipKind": "pkind:twinning"}, None, 1),
])
def test_map_facets(fixture_repo, facets, authorities, arcs):
    points, lines = views.map_view(fixture_repo, facets, "en")
    if authorities is not None:
        assert set(points.frame["authority"]) == authorities
    assert len(lines.frame) == arcs


def test_timeline_one_row_per_source_dating(fixture_repo):
    view = views.timeline_view(fixture_repo, {}, "en")
    rows = view.frame[view.frame["event"] == MEETING]
    assert sorted(rows["start"]) == ["2016-07-05", "2016-07-06"]
    assert set(rows["classLabel"]) == {"Meeting"} and set(rows["cityLabel"]) == {"Nice"}
    assert set(rows["track"]) == {"Meeting"}  # no series: the chart row is the kind of event
    assert str(rows["when"].min().date()) == "2016-07-05"


@pytest.mark.parametrize("facets, rows", [
    ({"eventClass": "coop:Meeting"}, 2), ({"eventClass": "coop:Conference"}, 0),
    ({"theme": "theme:culture"}, 2), ({"theme": "theme:tourism"}, 0),
    ({"since": "2016", "until": "2016"}, 2), ({"until": "2015"}, 0),
    ({"country": "country:fr"}, 2), ({"country": "country:ru"}, 0),
    ({"region": "auth:fr-region-93"}, 2), ({"source": "cgraph:source-b"}, 1),
])
def test_timeline_facets(fixture_repo, facets, rows):
    assert len(views.timeline_view(fixture_repo, facets, "en").frame) == rows


def test_network_links_and_nodes(fixture_repo):
    view = views.network_view(fixture_repo, {}, "fr")
    links = set(zip(view.frame["from"], view.frame["to"]))
    assert (IDS + "person/p0002", MEETING) in links
    assert view.extra["nodes"][IDS + "person/p0002"] == ("Mikhaïl Chvydkoï", "person")
    assert set(view.frame["relationLabel"]) == {"prole:guest-of-honour", "prole:participant"}  # no labels here
    nodes, edges = views.network_layout(view)
    assert set(nodes["iri"]) == set(view.extra["nodes"]) and len(edges) == len(links)
    assert nodes.set_index("iri").loc[MEETING, "degree"] == 2
    assert nodes[["x", "y"]].abs().max().max() < 10  # a bounded, finite layout
    again, _ = views.network_layout(view)
    assert again[["x", "y"]].equals(nodes[["x", "y"]])  # deterministic
    assert views.network_view(fixture_repo, {"theme": "theme:tourism"}, "fr").frame.empty
    assert views.network_view(fixture_repo, {}, "fr", kinds_shown={"authority"}).frame.empty


def test_themes_over_time(fixture_repo):
    frame = views.themes_view(fixture_repo, {}, "fr").frame
    counts = {(r.themeLabel, r.year, r.what): r.count for r in frame.itertuples()}
    assert counts == {("Culture", 2016, "event"): 1, ("Tourisme", 1992, "partnership"): 1}
    only = views.themes_view(fixture_repo, {"theme": "theme:culture"}, "fr").frame
    assert list(only["themeLabel"]) == ["Culture"]


def test_the_query_behind_a_view_shows_the_bound_values(fixture_repo):
    view = views.timeline_view(fixture_repo, {"theme": "theme:culture", "since": "2010"}, "en")
    text = view.sparql()
    assert "#   ?theme = <https://w3id.org/coopkg/vocab/theme/culture>" in text
    assert '#   ?since = "2010"^^<http://www.w3.org/2001/XMLSchema#integer>' in text
    assert text.endswith(view.query.text)
    # The query behind the view runs as it is in the SPARQL editor (the sandbox), with the same rows.
    outcome = sandbox.run_query(view.query.text, view.bindings, store_path=fixture_repo.location)
    assert outcome.ok and len(outcome.rows) == len(view.frame)


def test_bad_facet_values_are_refused():
    from coopkg.sparql.catalogue import CatalogueError

    with pytest.raises(CatalogueError):
        views.run_view(None, views.TIMELINE, {"since": "last year"})


def test_facet_choices_come_from_the_data(fixture_repo):
    choices = views.facet_choices(fixture_repo, views.MAP_PARTNERSHIPS, "fr")
    assert choices["country"] == [(IDS + "country/fr", "France"), (IDS + "country/ru", "Russie")]
    assert [label for _, label in choices["theme"]] == ["Culture", "Tourisme"]
    assert [iri for iri, _ in choices["region"]] == [IDS + "authority/ru-nizhny-novgorod-oblast",
                                                     IDS + "authority/fr-region-93"]
    assert {iri for iri, _ in choices["source"]} == {"https://w3id.org/coopkg/graph/source-a",
                                                     "https://w3id.org/coopkg/graph/source-b",
                                                     "https://w3id.org/coopkg/graph/coopkg-curation"}
    timeline = views.facet_choices(fixture_repo, views.TIMELINE, "en")
    assert timeline["eventClass"] == [("https://w3id.org/coopkg/ontology#Meeting", "Meeting")]
    assert views.period_bounds(fixture_repo) == (1992, 2016)


def test_catalogue_parameter_choices_by_class(fixture_repo):
    from coopkg.sparql.catalogue import Param

    labels = load_labels(fixture_repo)
    authorities = views.param_choices(fixture_repo, Param("authority", "iri", "coop:LocalAuthority"), "en", labels)
    assert (NIZHNY, "Nizhny Novgorod") in authorities and len(authorities) == 5
    assert views.param_choices(fixture_repo, Param("name", "string"), "en", labels) == []


def test_overview_counts_and_unsourced(fixture_repo):
    counts = dict(views.kind_counts(fixture_repo))
    assert counts["authority"] == 5 and counts["person"] == 2 and counts["event"] == 1
    unsourced = views.unsourced(fixture_repo, "fr").frame
    assert IDS + "authority/fr-lonely" in set(unsourced["thing"])
    assert MEETING not in set(unsourced["thing"])


def test_outcome_table_puts_labels_beside_iris(fixture_repo):
    outcome = sandbox.run_query("SELECT ?thing ?name WHERE { ?thing skos:prefLabel ?name FILTER(?thing = auth:fr-nice)"
                                " FILTER(lang(?name) = 'ru') }", store_path=fixture_repo.location)
    frame, iri_columns = views.outcome_table(outcome, load_labels(fixture_repo), "fr")
    assert list(frame.columns) == ["thing", "thing (IRI)", "name"] and iri_columns == ["thing (IRI)"]
    assert frame.iloc[0].tolist() == ["Nice", NICE, "Ницца@ru"]


def test_real_data_views(repo):
    points, arcs = views.map_view(repo, {}, "fr")
    assert len(points.frame) > 50 and len(arcs.frame) > 40
    assert len(views.timeline_view(repo, {"eventClass": "coop:Meeting"}, "fr").frame) >= 7

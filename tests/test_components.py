"""The explorer's components without a browser: the offline base map and its deck, the legend,
the committed bundles (offline, licensed), the editor's strings and completions.
Their behaviour in Chromium is tested in tests/browser/test_components_browser.py."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from components.basemap_map import Arc, Dot, LegendEntry, basemap_deck, legend_chart

from coopkg.resources import basemap

ROOT = Path(__file__).resolve().parent.parent
COMPONENTS = ROOT / "app" / "components"

BUNDLED = ["sparql_editor", "network_graph"]
# Namespaces in the bundled code (SVG, XHTML, MathML) are names, not requests.
NAMESPACE_URL = re.compile(r"^https?://www\.w3\.org/")


def test_base_map_covers_europe_and_russia_in_one_small_file():
    path = Path(basemap.__file__).parent / basemap.COUNTRIES_FILE
    assert path.stat().st_size < 300_000
    countries = basemap.countries()
    names = {f["properties"]["name"] for f in countries["features"]}
    assert {"France", "Russia", "Ukraine", "Belarus", "Kazakhstan", "Germany", "Italy", "Finland"} <= names
    russia = next(f for f in countries["features"] if f["properties"]["name"] == "Russia")
    longitudes = [x for polygon in russia["geometry"]["coordinates"] for ring in polygon for x, _ in ring]
    assert min(longitudes) > 19 and max(longitudes) > 180  # Kaliningrad to Chukotka, in one piece


def test_deck_has_no_map_provider_and_draws_the_base_layers_first():
    deck = json.loads(basemap_deck([Dot(7.26, 43.7, "<b>Nice</b>", (31, 119, 180))],
                                   [Arc((7.26, 43.7), (49.1, 55.8), "Nice – Kazan")]).to_json())
    # With a provider (pydeck's default, CARTO) or a style, Streamlit fetches a style from a CDN.
    assert "mapProvider" not in deck
    assert not str(deck.get("mapStyle", "")).startswith("http")
    assert [layer["id"] for layer in deck["layers"]] == ["basemap-ocean", "basemap-countries", "basemap-disputed",
                                                         "arcs", "dots"]
    assert deck["layers"][1]["data"]["features"][0]["type"] == "Feature"
    assert deck["layers"][4]["data"][0]["name"] == "<b>Nice</b>"  # data, shown by deck.gl as text
    assert deck["layers"][3]["data"][0]["source"] == [7.26, 43.7]


def test_crimea_is_drawn_apart_from_russia_as_a_disputed_area():
    """Natural Earth's de facto boundaries put Crimea inside Russia; the data records Yalta with no
    country (internationally Ukrainian, administered by Russia): the map agrees with the data."""
    countries, disputed = basemap.countries_and_disputed()
    [crimea] = disputed["features"]
    assert crimea["properties"] == {"name": "Crimea", "claimed_by": ["804", "643"]}
    yalta = (34.16, 44.5)  # Yalta, Simferopol and Sevastopol lie in the disputed polygon

    def contains(polygon, point):
        x, y = point
        inside = False
        ring = polygon[0]
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
        return inside

    assert any(contains(p, yalta) for p in crimea["geometry"]["coordinates"])
    russia = next(f for f in countries["features"] if f["properties"]["name"] == "Russia")
    assert not any(contains(p, yalta) for p in russia["geometry"]["coordinates"])
    whole = next(f for f in basemap.countries()["features"] if f["properties"]["name"] == "Russia")
    assert any(contains(p, yalta) for p in whole["geometry"]["coordinates"])  # Natural Earth's own file


def test_legend_draws_labels_as_text_marks():
    spec = legend_chart([LegendEntry("Collectivité française", (31, 119, 180)),
                         LegendEntry("Partenariat <i>x</i>", (120, 120, 200), "arc")]).to_dict()
    marks = [layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"] for layer in spec["layer"]]
    assert marks == ["rule", "square", "circle", "text"]
    values = next(iter(spec["datasets"].values()))
    assert [v["label"] for v in values] == ["Collectivité française", "Partenariat <i>x</i>"]
    assert [v["colour"] for v in values] == ["#1f77b4", "#7878c8"]


@pytest.mark.parametrize("name", BUNDLED)
def test_bundle_is_committed_and_loads_nothing_from_elsewhere(name):
    dist = COMPONENTS / name / "frontend" / "dist"
    html = (dist / "index.html").read_text(encoding="utf-8")
    assert re.findall(r"""(?:src|href)=["']([^"']+)""", html) == ["./main.js"]
    assert "default-src 'self'" in html  # the browser refuses anything else
    script = (dist / "main.js").read_text(encoding="utf-8")
    urls = set(re.findall(r"https?://[^\s\"'`)\\]+", script))
    assert {u for u in urls if not NAMESPACE_URL.match(u)} == set()


@pytest.mark.parametrize("name", BUNDLED)
def test_bundle_ships_the_licence_of_every_dependency_at_its_pinned_version(name):
    frontend = COMPONENTS / name / "frontend"
    manifest = json.loads((frontend / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((frontend / "package-lock.json").read_text(encoding="utf-8"))
    licences = (frontend / "dist" / "THIRD_PARTY_LICENSES.txt").read_text(encoding="utf-8")
    for package, version in {**manifest["dependencies"], **manifest["devDependencies"]}.items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{package} {version} is not pinned"
        assert lock["packages"][f"node_modules/{package}"]["version"] == version
    for package, version in manifest["dependencies"].items():
        assert f"{package} {version} (" in licences


@pytest.mark.parametrize("name, prefix", [("sparql_editor", "editor"), ("network_graph", "graph")])
def test_component_strings_come_from_the_translation_file(name, prefix):
    """Every string a component's frontend asks for is an ``editor.*``/``graph.*`` key of
    coopkg.i18n, in the three languages."""
    from coopkg.i18n import strings

    source = (COMPONENTS / name / "frontend" / "src" / "main.js").read_text(encoding="utf-8")
    asked = set(re.findall(r"""text\("(\w+)"|strings\.(\w+)|state\.strings\.(\w+)""", source))
    asked = {next(a for a in group if a) for group in asked}
    assert asked
    for lang in ("fr", "en", "ru"):
        table = strings(prefix, lang)
        assert asked <= set(table), (lang, asked - set(table))
    assert strings("editor", "ru")["run"] == "Выполнить" and strings("graph", "fr")["fit"] == "Tout voir"


def test_editor_completes_ontology_terms_and_entities_in_any_script(repo):
    from components.sparql_editor.completions import entity_finder, ontology_terms

    from coopkg.read.labels import load_labels

    labels = load_labels(repo)
    terms = {t.label: t for t in ontology_terms(repo, labels, "fr")}
    assert terms["coop:LocalAuthority"].type == "class" and terms["coop:LocalAuthority"].detail
    assert any(t.type == "property" for t in terms.values())
    find = entity_finder(repo, "fr")
    for word in ("Nijni", "Нижний", "Nizhny"):
        applied = [c.apply for c in find(word)]
        assert "auth:ru-nizhny-novgorod" in applied, (word, applied)
    first = find("Нижний")[0]
    assert first.type == "entity" and first.label == "Nijni Novgorod"  # in the interface language

"""The offline base map: Natural Earth 1:50m country boundaries of Europe, the Mediterranean,
Central Asia and Russia, as GeoJSON (see README.md here for its origin, licence and rebuild)."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files

COUNTRIES_FILE = "countries-europe-russia-50m.geojson"


@lru_cache(maxsize=1)
def countries() -> dict:
    """The country polygons as a GeoJSON FeatureCollection (each feature: ``iso_n3``, ``name``)."""
    return json.loads(files(__name__).joinpath(COUNTRIES_FILE).read_text(encoding="utf-8"))


# Crimea: internationally part of Ukraine, administered by Russia since 2014. Natural Earth's de
# facto boundaries draw it inside Russia; the knowledge graph records its towns with no country
# (coop:territorialStatusNote). Maps that draw the data take it out of Russia, as a disputed area.
CRIMEA_BOX = (32.3, 44.3, 36.7, 46.3)  # west, south, east, north: the peninsula, Sevastopol included


def _inside(ring: list, box: tuple[float, float, float, float]) -> bool:
    west, south, east, north = box
    return all(west <= x <= east and south <= y <= north for x, y in ring)


@lru_cache(maxsize=1)
def countries_and_disputed() -> tuple[dict, dict]:
    """The countries with Crimea taken out of the Russia polygon, and the disputed areas
    (Crimea) as a FeatureCollection of their own (``name``, ``claimed_by``: ISO numeric codes)."""
    source = countries()
    kept, crimea = [], []
    for feature in source["features"]:
        geometry = feature["geometry"]
        if feature["properties"].get("iso_n3") == "643" and geometry["type"] == "MultiPolygon":
            rest = []
            for polygon in geometry["coordinates"]:
                (crimea if _inside(polygon[0], CRIMEA_BOX) else rest).append(polygon)
            feature = {**feature, "geometry": {"type": "MultiPolygon", "coordinates": rest}}
        kept.append(feature)
    disputed = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "Crimea", "claimed_by": ["804", "643"]},
         "geometry": {"type": "MultiPolygon", "coordinates": crimea}}] if crimea else []}
    return {**source, "features": kept}, disputed

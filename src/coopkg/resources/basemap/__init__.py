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

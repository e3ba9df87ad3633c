"""The map of the Répertoire: France and Russia, the partnerships as great-circle arcs, in SVG.

A Vega-Lite specification drawn by vl-convert (offline: the Vega engine ships inside the wheel;
measured against matplotlib + cartopy in benchmarks/repertoire.py: about three times faster, a
smaller SVG, and d3-geo draws the arcs as great circles by itself). The base map is the offline
Natural Earth file of ``coopkg.resources.basemap``; without it the map shows arcs and points only
and its caption says so. The SVG is embedded as an image, so no text of the data becomes markup
of the document.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field

FRANCE_ISO_N3 = "250"
RUSSIA_ISO_N3 = "643"
# The frame: from Brittany to the Russian Far East, from the Mediterranean to the White Sea.
FRAME = [[-6.0, 41.0], [8.5, 51.5], [60.0, 68.5], [137.0, 49.0], [45.0, 41.5]]
# The countries drawn: those whose bounding box meets this one (lon, lat), around the frame as the
# conic projection bends it; the others fall outside the picture and would only cost drawing.
DRAWN = (-30.0, 34.0, 160.0, 82.0)
WIDTH, HEIGHT = 900, 470
COLOURS = {"france": "#d9e3f3", "russia": "#f5dedb", "land": "#eceef1", "border": "#ffffff",
           "twinning": "#35558a", "other": "#b3261e", "french": "#1f4e9a", "partner": "#b3261e"}


@dataclass
class MapFigure:
    svg: bytes
    drawn: int
    missing: list[str] = field(default_factory=list)  # "French – partner" of arcs not drawn
    has_basemap: bool = True

    url = "repertoire:map.svg"  # how the PDF's layout fetches it (see render.py), without base64

    @property
    def data_uri(self) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg).decode("ascii")


def basemap_features() -> list[dict] | None:
    """The country polygons of the offline base map that reach the frame, or None where the base
    map is not installed."""
    try:
        from coopkg.resources.basemap import countries
    except ImportError:
        return None
    try:
        features = countries()["features"]
    except (OSError, KeyError, ValueError):
        return None
    return [f for f in features if _meets(_bounds(f["geometry"]["coordinates"]), DRAWN)]


def _bounds(coordinates) -> tuple[float, float, float, float]:
    if coordinates and isinstance(coordinates[0], (int, float)):
        return coordinates[0], coordinates[1], coordinates[0], coordinates[1]
    boxes = [_bounds(c) for c in coordinates]
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _meets(a, b) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def specification(arcs, features: list[dict] | None) -> dict:
    """The Vega-Lite specification of the map (layers: countries, arcs, the two sides' points)."""
    lines = [{"type": "Feature", "properties": {"kind": "twinning" if a.twinning else "other"},
              "geometry": {"type": "LineString", "coordinates": [list(a.french), list(a.partner)]}}
             for a in arcs]
    points = [{"lon": a.french[0], "lat": a.french[1], "side": "french"} for a in arcs] + [
        {"lon": a.partner[0], "lat": a.partner[1], "side": "partner"} for a in arcs]
    layers = []
    if features:
        layers.append({
            "data": {"values": features},
            "mark": {"type": "geoshape", "stroke": COLOURS["border"], "strokeWidth": 0.5},
            "encoding": {"color": {"condition": [
                {"test": f"datum.properties.iso_n3 == '{FRANCE_ISO_N3}'", "value": COLOURS["france"]},
                {"test": f"datum.properties.iso_n3 == '{RUSSIA_ISO_N3}'", "value": COLOURS["russia"]}],
                "value": COLOURS["land"]}},
        })
    layers.append({
        "data": {"values": lines},
        "mark": {"type": "geoshape", "filled": False, "strokeWidth": 1.0, "opacity": 0.7},
        "encoding": {"color": {"field": "properties.kind", "type": "nominal", "legend": None,
                               "scale": {"domain": ["twinning", "other"],
                                         "range": [COLOURS["twinning"], COLOURS["other"]]}}},
    })
    layers.append({
        "data": {"values": points},
        "mark": {"type": "circle", "size": 30, "opacity": 0.95, "stroke": "#ffffff", "strokeWidth": 0.6},
        "encoding": {"longitude": {"field": "lon", "type": "quantitative"},
                     "latitude": {"field": "lat", "type": "quantitative"},
                     "color": {"field": "side", "type": "nominal", "legend": None,
                               "scale": {"domain": ["french", "partner"],
                                         "range": [COLOURS["french"], COLOURS["partner"]]}}},
    })
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": WIDTH, "height": HEIGHT, "padding": 0, "background": "#fbfcfd",
        "autosize": {"type": "none"},  # the frame decides the extent, not the countries drawn
        "config": {"view": {"stroke": None}},
        # A conformal conic projection centred on the two countries; fitted to the frame. The
        # projection clips the shapes to the picture (clipExtent) rather than the SVG hiding what
        # overflows (mark clip): the same picture with a third fewer points for the PDF to draw.
        "projection": {"type": "conicConformal", "rotate": [-62, 0], "parallels": [45, 62],
                       "clipExtent": [[0, 0], [WIDTH, HEIGHT]],
                       "extent": [[24, 18], [WIDTH - 24, HEIGHT - 18]],
                       "fit": {"type": "Feature", "properties": {},
                               "geometry": {"type": "MultiPoint", "coordinates": FRAME}}},
        "layer": layers,
    }


def make_map(arcs) -> MapFigure:
    """The map of the arcs that have both ends' coordinates; the others are named in the caption."""
    import vl_convert

    drawable = [a for a in arcs if a.french and a.partner]
    missing = [f"{a.french_label} – {a.partner_label}" for a in arcs if not (a.french and a.partner)]
    features = basemap_features()
    svg = vl_convert.vegalite_to_svg(specification(drawable, features))
    return MapFigure(svg=svg.encode("utf-8"), drawn=len(drawable), missing=missing,
                     has_basemap=features is not None)

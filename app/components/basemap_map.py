"""A pydeck map that needs no network: the package's Natural Earth boundaries as its base layer,
dots and arcs over it, and a legend beside it.

Streamlit's pydeck chart loads a CARTO style from a CDN unless the deck has no map provider
(``map_provider=None``); ``map_style=None`` is not enough (Streamlit then picks a CARTO style
that matches its theme). So the deck here has no provider, and the ocean, land and borders are
deck.gl layers drawn from ``coopkg.resources.basemap``.

Names from the data reach the browser only as tooltip text (deck.gl sets it as text) and as
legend labels drawn by Vega-Lite (SVG text); nothing is rendered as HTML or Markdown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Sequence

import altair as alt
import pandas as pd
import pydeck as pdk
import streamlit as st

from coopkg.resources import basemap

Colour = tuple[int, int, int] | tuple[int, int, int, int]

OCEAN = (223, 233, 242)
LAND = (246, 245, 240)
BORDER = (150, 150, 150)
DISPUTED = (238, 222, 190)  # Crimea: neither Ukraine's nor Russia's fill (see coopkg.resources.basemap)
DISPUTED_BORDER = (176, 128, 60)
# Web Mercator stops short of the poles; this box covers everything the countries file holds.
_WORLD_BOX = [[[-180, -85], [200, -85], [200, 85], [-180, 85], [-180, -85]]]


@dataclass(frozen=True)
class Dot:
    longitude: float
    latitude: float
    label: str  # shown in the tooltip, as text
    colour: Colour
    radius_m: float = 15000


@dataclass(frozen=True)
class Arc:
    source: tuple[float, float]  # (longitude, latitude)
    target: tuple[float, float]
    label: str
    source_colour: Colour = (31, 119, 180, 150)
    target_colour: Colour = (214, 39, 40, 150)


@dataclass(frozen=True)
class LegendEntry:
    label: str
    colour: Colour
    mark: Literal["dot", "arc", "area"] = "dot"


def base_layers() -> list[pdk.Layer]:
    """The ocean, then the countries (land filled, coastlines and borders stroked), then the
    disputed areas (Crimea) in a fill and border of their own."""
    countries, disputed = basemap.countries_and_disputed()
    return [
        pdk.Layer("SolidPolygonLayer", [{"polygon": _WORLD_BOX}], id="basemap-ocean", get_polygon="polygon",
                  get_fill_color=list(OCEAN), pickable=False),
        pdk.Layer("GeoJsonLayer", countries, id="basemap-countries", filled=True, stroked=True,
                  get_fill_color=list(LAND), get_line_color=list(BORDER), get_line_width=1,
                  line_width_min_pixels=0.7, pickable=False),  # metres, so the minimum (pixels) rules
        pdk.Layer("GeoJsonLayer", disputed, id="basemap-disputed", filled=True, stroked=True,
                  get_fill_color=list(DISPUTED), get_line_color=list(DISPUTED_BORDER), get_line_width=1,
                  line_width_min_pixels=1.2, pickable=False),
    ]


def basemap_deck(dots: Sequence[Dot] = (), arcs: Sequence[Arc] = (), *, latitude: float = 52.0,
                 longitude: float = 38.0, zoom: float = 2.3) -> pdk.Deck:
    """The deck: base layers, arcs, then dots (on top, so they stay clickable and visible)."""
    dot_rows = [{"position": [float(d.longitude), float(d.latitude)], "name": str(d.label),
                 "radius": float(d.radius_m), "colour": list(d.colour)} for d in dots]
    arc_rows = [{"source": [float(a.source[0]), float(a.source[1])], "target": [float(a.target[0]), float(a.target[1])],
                 "name": str(a.label), "sourceColour": list(a.source_colour), "targetColour": list(a.target_colour)}
                for a in arcs]
    layers = base_layers() + [
        pdk.Layer("ArcLayer", arc_rows, id="arcs", get_source_position="source", get_target_position="target",
                  get_source_color="sourceColour", get_target_color="targetColour", get_width=1.5, get_height=0.4,
                  pickable=True),
        pdk.Layer("ScatterplotLayer", dot_rows, id="dots", get_position="position", get_radius="radius",
                  radius_min_pixels=3, radius_max_pixels=10, get_fill_color="colour", stroked=True,
                  get_line_color=[255, 255, 255], line_width_min_pixels=1, pickable=True),
    ]
    return pdk.Deck(layers=layers, initial_view_state=pdk.ViewState(latitude=latitude, longitude=longitude, zoom=zoom),
                    tooltip={"text": "{name}"}, map_provider=None)


def _hex(colour: Colour) -> str:
    return "#" + "".join(f"{int(c):02x}" for c in colour[:3])


def legend_chart(entries: Sequence[LegendEntry], width: int = 420) -> alt.Chart:
    """A small legend (pydeck has none): one row per entry, a dot or a line in its colour, then
    its label drawn by Vega-Lite as SVG text."""
    frame = pd.DataFrame({"label": [e.label for e in entries], "order": range(len(entries)),
                          "colour": [_hex(e.colour) for e in entries], "mark": [e.mark for e in entries]})
    y = alt.Y("order:O", axis=None)
    colour = alt.Color("colour:N", scale=None, legend=None)
    base = alt.Chart(frame)
    dots = base.transform_filter(alt.datum.mark == "dot").mark_circle(size=120, opacity=1).encode(
        x=alt.value(9), y=y, color=colour)
    lines = base.transform_filter(alt.datum.mark == "arc").mark_rule(strokeWidth=3).encode(
        x=alt.value(1), x2=alt.value(17), y=y, color=colour)
    areas = base.transform_filter(alt.datum.mark == "area").mark_square(size=180, opacity=1, stroke="#b0803c").encode(
        x=alt.value(9), y=y, color=colour)
    labels = base.mark_text(align="left", baseline="middle", fontSize=13, limit=width - 30).encode(
        x=alt.value(26), y=y, text="label:N")
    return (lines + areas + dots + labels).properties(width=width, height=24 * max(len(entries), 1)).configure_view(stroke=None)


def basemap_map(dots: Sequence[Dot] = (), arcs: Sequence[Arc] = (), legend: Sequence[LegendEntry] = (), *,
                height: int = 450, latitude: float = 52.0, longitude: float = 38.0, zoom: float = 2.3,
                caption: str | None = None) -> None:
    """Draw the map and, below it, its legend (and a caption, shown as plain text)."""
    st.pydeck_chart(basemap_deck(dots, arcs, latitude=latitude, longitude=longitude, zoom=zoom), height=height)
    if legend:
        st.altair_chart(legend_chart(legend), width="content")
    if caption:
        st.text(caption)

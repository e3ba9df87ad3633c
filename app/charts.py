"""The charts of the views, built from the library's rows: the timeline (each dating drawn at its
precision), themes over time (every theme named, undated things in a column of their own), the
network of authorities (Cytoscape, components.network_graph) and the partnership map (the
offline base map, components.basemap_map). Names from the data reach the charts as data values,
drawn as SVG or canvas text: never HTML.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

import altair as alt
import common
import pandas as pd
from components.basemap_map import Arc, Dot, LegendEntry
from components.network_graph import GraphEdge, GraphNode, KindStyle

FRANCE = "https://w3id.org/coopkg/id/country/fr"
RUSSIA = "https://w3id.org/coopkg/id/country/ru"
COUNTRY_COLOURS = {FRANCE: (31, 119, 180, 210), RUSSIA: (214, 39, 40, 210)}
OTHER_COLOUR = (120, 120, 120, 200)
NETWORK_KINDS = {"authority-fr": "#1f77b4", "authority-ru": "#d62728", "authority-other": "#868e96",
                 "event": "#ae3ec9", "network": "#f08c00"}


# --- dates at their precision ----------------------------------------------------------------------

def interval(start: str | None, end: str | None = None) -> tuple[dt.date, dt.date, str] | None:
    """The days a lexical date covers: a day, a month (``2016-06``) or a year (``2008``), to the
    end date when one is given; (first day, day after the last, precision)."""
    if not start:
        return None
    text = str(start).strip()
    try:
        if len(text) >= 10:
            first = dt.date.fromisoformat(text[:10])
            last = dt.date.fromisoformat(str(end)[:10]) if end and len(str(end)) >= 10 else first
            return first, max(last, first) + dt.timedelta(days=1), "day"
        if len(text) == 7:
            year, month = int(text[:4]), int(text[5:7])
            return dt.date(year, month, 1), dt.date(year + month // 12, month % 12 + 1, 1), "month"
        if len(text) == 4:
            return dt.date(int(text), 1, 1), dt.date(int(text) + 1, 1, 1), "year"
    except ValueError:
        return None
    return None


def timeline_chart(rows: list[dict], lang: str) -> alt.Chart | None:
    """One line per event, named on the axis; one bar per dating, as long as what the source
    gives (a day, a month, a year); a dot marks day-long datings, which a bar would not show."""
    data = []
    for r in rows:
        span = interval(r.get("start") or r.get("date"), r.get("end"))
        if span is None:
            continue
        precision = span[2]
        data.append({"event": common.label(r["event"], lang), "iri": r["event"],
                     "begin": span[0].isoformat(), "end": span[1].isoformat(),
                     "middle": (span[0] + (span[1] - span[0]) / 2).isoformat(),
                     "kind": common.label(r["class"], lang) if r.get("class") else "",
                     "precision": common.tr(f"app.views.precision.{precision}"), "exact": precision == "day",
                     "given": str(r.get("start") or r.get("date")) + (f" – {r['end']}" if r.get("end") else ""),
                     "source": common.source_title(r["graph"], lang) if r.get("graph") else ""})
    if not data:
        return None
    frame = pd.DataFrame(data)
    order = frame.groupby("event")["begin"].min().sort_values().index.tolist()
    # One explicit domain for both layers, so a bar and its dot sit on their event's line.
    y = alt.Y("event:N", scale=alt.Scale(domain=order), sort=None, title=None,
              axis=alt.Axis(labelLimit=420, labelFontSize=12, labelOverlap=False))
    colour = alt.Color("kind:N", title=common.tr("app.col.kind"), legend=alt.Legend(orient="bottom", columns=3))
    tooltip = [alt.Tooltip("event:N", title=common.tr("app.col.event")),
               alt.Tooltip("given:N", title=common.tr("app.col.date")),
               alt.Tooltip("precision:N", title=common.tr("app.col.precision")),
               alt.Tooltip("source:N", title=common.tr("app.col.source"))]
    base = alt.Chart(frame)
    bars = base.mark_bar(opacity=0.75, height=14, cornerRadius=2).encode(
        x=alt.X("begin:T", title=None, axis=alt.Axis(format="%Y", grid=True)), x2="end:T", y=y, color=colour,
        tooltip=tooltip)
    days = base.transform_filter(alt.datum.exact).mark_point(filled=True, size=70, opacity=1).encode(
        x="middle:T", y=y, color=colour, tooltip=tooltip)
    return (bars + days).properties(height=alt.Step(24))


def themes_chart(rows: list[dict], lang: str) -> alt.Chart | None:
    """Themes (every one named) by year; the count in each cell; undated things in a last column."""
    undated = common.tr("app.views.undated_lane")
    counted: dict[tuple[str, str], set] = defaultdict(set)
    for r in rows:
        year = str(r["date"])[:4] if r.get("date") else undated
        counted[(common.label(r["theme"], lang), year)].add(r["thing"])
    if not counted:
        return None
    frame = pd.DataFrame([{"theme": t, "year": y, "count": len(things)} for (t, y), things in counted.items()])
    years = sorted({y for y in frame["year"] if y != undated}) + ([undated] if undated in set(frame["year"]) else [])
    themes = frame.groupby("theme")["count"].sum().sort_values(ascending=False).index.tolist()
    x = alt.X("year:O", scale=alt.Scale(domain=years), sort=None, title=None, axis=alt.Axis(labelAngle=-45))
    y = alt.Y("theme:N", scale=alt.Scale(domain=themes), sort=None, title=None,
              axis=alt.Axis(labelLimit=360, labelFontSize=12, labelOverlap=False))
    cells = alt.Chart(frame).mark_rect(stroke="#ffffff").encode(
        x=x, y=y, color=alt.Color("count:Q", title=common.tr("app.col.count"), scale=alt.Scale(scheme="blues"),
                                  legend=alt.Legend(format="d", tickMinStep=1)),
        tooltip=[alt.Tooltip("theme:N", title=common.tr("app.col.theme")),
                 alt.Tooltip("year:O", title=common.tr("app.col.year")),
                 alt.Tooltip("count:Q", title=common.tr("app.col.count"), format="d")])
    numbers = alt.Chart(frame).mark_text(fontSize=11).encode(
        x=x, y=y, text=alt.Text("count:Q", format="d"),
        color=alt.condition(alt.datum.count >= 3, alt.value("#ffffff"), alt.value("#1f2933")))
    return (cells + numbers).properties(height=alt.Step(26))


# --- the map ----------------------------------------------------------------------------------------

def map_layers(arcs_rows: list[dict], dots_rows: list[dict], lang: str, counts: Counter):
    """Dots (authorities, coloured by country, bigger with more partnerships among those kept)
    and arcs (partnerships whose two partners have coordinates); and how many could not be drawn."""
    country = {r["authority"]: r.get("country") for r in dots_rows}
    dots = [Dot(float(r["long"]), float(r["lat"]), common.label(r["authority"], lang),
                COUNTRY_COLOURS.get(r.get("country"), OTHER_COLOUR), 9000 + 5000 * min(counts.get(r["authority"], 0), 8))
            for r in dots_rows if r.get("lat") is not None and r.get("long") is not None]
    arcs, unplaced = [], 0
    for r in arcs_rows:
        if None in (r.get("latA"), r.get("longA"), r.get("latB"), r.get("longB")):
            unplaced += 1
            continue
        a, b = (r["a"], r["b"]) if country.get(r["b"]) != FRANCE else (r["b"], r["a"])
        pa, pb = ((r["longA"], r["latA"]), (r["longB"], r["latB"])) if a == r["a"] else \
            ((r["longB"], r["latB"]), (r["longA"], r["latA"]))
        title = f"{common.label(a, lang)} – {common.label(b, lang)}"
        details = [common.label(r["kind"], lang) if r.get("kind") else "", str(r["date"])[:4] if r.get("date") else ""]
        if any(details):
            title += " (" + ", ".join(d for d in details if d) + ")"
        arcs.append(Arc((float(pa[0]), float(pa[1])), (float(pb[0]), float(pb[1])), title,
                        COUNTRY_COLOURS.get(country.get(a), OTHER_COLOUR)[:3] + (170,),
                        COUNTRY_COLOURS.get(country.get(b), OTHER_COLOUR)[:3] + (170,)))
    return dots, arcs, unplaced


def map_legend() -> list[LegendEntry]:
    return [LegendEntry(common.tr("app.views.legend.fr"), COUNTRY_COLOURS[FRANCE]),
            LegendEntry(common.tr("app.views.legend.ru"), COUNTRY_COLOURS[RUSSIA]),
            LegendEntry(common.tr("app.views.legend.other"), OTHER_COLOUR),
            LegendEntry(common.tr("app.views.legend.arc"), (120, 90, 160), "arc"),
            LegendEntry(common.tr("app.views.legend.disputed"), (238, 222, 190), "area")]


# --- the network of authorities -----------------------------------------------------------------------

def network(rows: list[dict], lang: str) -> tuple[list[GraphNode], list[GraphEdge], dict[str, KindStyle], dict]:
    """Authorities linked by their partnerships, and to the events and networks that two or more
    of them share (a hub each, rather than every pair of its members)."""
    authorities: dict[str, str | None] = {}
    pairs: set[tuple[str, str]] = set()
    hubs: dict[str, dict] = defaultdict(lambda: {"relation": "", "members": set()})
    for r in rows:
        authorities.setdefault(r["authority"], r.get("authorityCountry"))
        if r["relation"] == "partnership" and r.get("other"):
            authorities.setdefault(r["other"], r.get("otherCountry"))
            pairs.add((r["authority"], r["other"]))
        elif r.get("via"):
            hubs[r["via"]]["relation"] = r["relation"]
            hubs[r["via"]]["members"].add(r["authority"])
    shared = {hub: data for hub, data in hubs.items() if len(data["members"]) >= 2}
    linked = {a for pair in pairs for a in pair} | {a for data in shared.values() for a in data["members"]}
    degree = Counter(a for pair in pairs for a in pair)
    degree.update(a for data in shared.values() for a in data["members"])

    def kind_of(authority: str) -> str:
        country = authorities.get(authority)
        return "authority-fr" if country == FRANCE else "authority-ru" if country == RUSSIA else "authority-other"

    nodes = [GraphNode(a, common.label(a, lang), kind_of(a), 1 + degree[a]) for a in sorted(linked)]
    nodes += [GraphNode(hub, common.label(hub, lang), data["relation"], 1 + len(data["members"]))
              for hub, data in sorted(shared.items())]
    edges = [GraphEdge(a, b) for a, b in sorted(pairs)]
    edges += [GraphEdge(member, hub) for hub, data in sorted(shared.items()) for member in sorted(data["members"])]
    names = {"authority-fr": common.tr("app.views.legend.fr"), "authority-ru": common.tr("app.views.legend.ru"),
             "authority-other": common.tr("app.views.legend.other"),
             "event": common.tr("app.views.relation.event"), "network": common.tr("app.views.relation.network")}
    styles = {k: KindStyle(names[k], colour) for k, colour in NETWORK_KINDS.items()}
    counts = {"authorities": len(linked), "hubs": len(shared), "links": len(edges)}
    return nodes, edges, styles, counts

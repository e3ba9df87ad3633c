"""The network view: Cytoscape.js with the fcose layout (labels kept apart at rest), nodes
coloured by kind with a legend, zoom and pan, and click-through.

    iri = network_graph(nodes, edges, kinds=KINDS, key="network", lang=lang)
    if iri:
        st.switch_page(entity_page, query_params={"iri": compact(iri), "lang": lang})

A click (or, from the keyboard, a node chosen in the list and "Open") returns that node's id
once; every other run returns None. The bundle (``frontend/dist``) is committed: running it
needs no npm and no network.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Mapping, Sequence

import streamlit as st
import streamlit.components.v1 as components

from coopkg.i18n import strings as translations

__all__ = ["GraphNode", "GraphEdge", "KindStyle", "network_graph"]

_DIST = Path(__file__).resolve().parent / "frontend" / "dist"
_component = components.declare_component("network_graph", path=str(_DIST))

@dataclass(frozen=True)
class GraphNode:
    id: str  # the IRI returned on click
    label: str
    kind: str
    size: float = 1  # e.g. the degree: the node's area grows with it


@dataclass(frozen=True)
class GraphEdge:
    source: str
    target: str
    label: str = ""


@dataclass(frozen=True)
class KindStyle:
    label: str  # in the legend
    colour: str  # CSS colour, e.g. "#1c7ed6"


def network_graph(nodes: Sequence[GraphNode], edges: Sequence[GraphEdge], *, kinds: Mapping[str, KindStyle],
                  key: str, lang: str = "en", strings: Mapping[str, str] | None = None,
                  height: int = 600) -> str | None:
    """Draw the network; returns the id of the node clicked since the last run, else None."""
    handled_key = f"{key}-handled-clicks"
    value = _component(
        key=key, default=None, nodes=[asdict(n) for n in nodes], edges=[asdict(e) for e in edges],
        kinds={k: asdict(s) for k, s in kinds.items()}, strings={**translations("graph", lang), **(strings or {})},
        height=height, clicks=st.session_state.get(handled_key, 0))
    if not isinstance(value, dict) or not isinstance(value.get("iri"), str):
        return None
    clicks = int(value.get("clicks") or 0)
    if clicks <= st.session_state.get(handled_key, 0):
        return None
    st.session_state[handled_key] = clicks
    return value["iri"]

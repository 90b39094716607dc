"""One palette for the interactive maps and the static figures, so that both read the same way.

The maps receive it as data (:func:`palette`) and as generated CSS (:func:`marker_css`); the
figures read the same constants. No colour or dash pattern is written anywhere else.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "BASE_COLOURS",
    "CLOSED_STATUSES",
    "FLOW_COLOURS",
    "LAYER_COLOURS",
    "MODE_COLOURS",
    "STATUS_DASH",
    "STATUS_OPACITY",
    "marker_css",
    "palette",
]

#: Colour of each drawn layer (pipelines by commodity).
LAYER_COLOURS: dict[str, str] = {
    "sea_lanes": "#1f78b4",
    "roads": "#e6550d",
    "rail": "#252525",
    "pipelines_oil": "#6a3d0a",
    "pipelines_gas": "#31a354",
    "bridges": "#c51b8a",
    "corridors": "#fdae6b",
    "places": "#636363",
    "ports": "#08519c",
    "border_crossings": "#cb181d",
    "backbone": "#7b7b9c",
}

#: Colour of each mode of a route's legs.
MODE_COLOURS: dict[str, str] = {
    "rail": "#252525",
    "road": "#e6550d",
    "ferry": "#3182bd",
    "pontoon": "#9ecae1",
    "ropeway": "#c51b8a",
    "sea": "#1f78b4",
    "pipeline": "#31a354",
    "transfer": "#756bb1",
}

#: Flow maps and figures: the flow, the minimum cut, sources and sinks.
FLOW_COLOURS: dict[str, str] = {
    "flow": "#2c7fb8",
    "cut": "#e31a1c",
    "source": "#238b45",
    "sink": "#08519c",
}

#: The base: sea, land, coast, the faded network under a route or flow, closed features, the
#: national border, graticule and labels.
BASE_COLOURS: dict[str, str] = {
    "sea": "#d4e6f1",
    "land": "#f5f2eb",
    "coast": "#9e9e9e",
    "faded": "#8c8c8c",
    "closed": "#969696",
    "border": "#8c6bb1",
    "graticule": "#bdbdbd",
    "label": "#888888",
    "text": "#555555",
    "route_end": "#756bb1",
}

#: Dash pattern of a line by status (SVG ``stroke-dasharray``; ``None`` is solid).
STATUS_DASH: dict[str, str | None] = {
    "operating": None,
    "under_construction": "10 7",
    "planned": "2 7",
    "proposed": "2 7",
    "suspended": "5 5",
    "decommissioned": "1 7",
    "cancelled": "1 7",
}

#: Opacity of a line by status.
STATUS_OPACITY: dict[str, float] = {"operating": 0.9, "under_construction": 0.8}

#: Statuses drawn grey: no longer in use.
CLOSED_STATUSES: frozenset[str] = frozenset({"suspended", "decommissioned", "cancelled"})


#: Colours of a plan scorecard's statuses (:mod:`corridormap.plan`) on the overview map.
PLAN_STATUS_COLOURS: dict[str, str] = {
    "met": "#1a9850",
    "partly met": "#fdae61",
    "not met": "#d73027",
    "not yet due": "#4575b4",
}


def palette() -> dict[str, Any]:
    """Return the whole palette as a JSON-ready dict, for the maps' scripts.

    Returns
    -------
    dict
    """
    return {
        "layers": LAYER_COLOURS,
        "modes": MODE_COLOURS,
        "flow": FLOW_COLOURS,
        "base": BASE_COLOURS,
        "dash": STATUS_DASH,
        "opacity": STATUS_OPACITY,
        "closed": sorted(CLOSED_STATUSES),
    }


def marker_css() -> str:
    """Return the CSS rules that colour the maps' point markers, one per point layer.

    Returns
    -------
    str
    """
    return "\n".join(
        f".cm-marker.cm-{layer} {{ background: {LAYER_COLOURS[layer]}; }}"
        for layer in ("places", "ports", "border_crossings", "bridges")
    )


#: Criticality maps of a sweep (:mod:`corridormap.sweeps`): low to high loss (ColorBrewer YlOrRd, 5 classes).
CRITICALITY_COLOURS: tuple[str, ...] = ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")

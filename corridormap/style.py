"""One palette for the interactive maps and the static figures, so that both read the same way."""

from __future__ import annotations

__all__ = ["LAYER_COLOURS", "MODE_COLOURS"]

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

"""corridormap: the China–Russia Far East and Arctic transport and energy network.

A curated, sourced GeoJSON dataset of ports, border crossings, bridges, pipelines, railways,
roads and sea lanes; a loader and validator; a transport graph; and route queries.

The heavy parts (geopandas for :func:`load`) are imported on first use, so that the command
line answers a route query from its cached graph without loading them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ._errors import (
    CorridorMapError,
    DataReadError,
    DataValidationError,
    NoRouteError,
    Problem,
    UnknownPlaceError,
    UnknownUnitError,
)

if TYPE_CHECKING:
    from .dataset import Dataset, load
    from .graph import build_graph, network
    from .lookup import find_place
    from .routing import Leg, Route, route
    from .validation import validate

__all__ = [
    "CorridorMapError",
    "DataReadError",
    "DataValidationError",
    "Dataset",
    "Leg",
    "NoRouteError",
    "Problem",
    "Route",
    "UnknownPlaceError",
    "UnknownUnitError",
    "build_graph",
    "find_place",
    "load",
    "network",
    "route",
    "validate",
]
__version__ = "0.1.0"

_LAZY = {
    "Dataset": "dataset",
    "load": "dataset",
    "validate": "validation",
    "build_graph": "graph",
    "network": "graph",
    "find_place": "lookup",
    "Leg": "routing",
    "Route": "routing",
    "route": "routing",
}


def __getattr__(name: str) -> Any:
    """Import the public API's heavier parts on first use (PEP 562)."""
    if name in _LAZY:
        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'corridormap' has no attribute {name!r}")

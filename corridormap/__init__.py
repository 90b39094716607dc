"""corridormap: the China–Russia Far East and Arctic transport and energy network.

A curated, sourced GeoJSON dataset of ports, border crossings, bridges, pipelines, railways,
roads and sea lanes; a loader and validator; a transport graph; route, flow and resilience
queries; maps and figures.

The public API is imported on first use (PEP 562), and so are the submodules
(``corridormap.flows``, ``corridormap.maps`` ...), so that the command line answers a route
query from its cached graph without loading geopandas.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ._errors import (
    CorridorMapError,
    DataReadError,
    DataValidationError,
    InvalidArgumentError,
    NoRouteError,
    Problem,
    UnknownPlaceError,
    UnknownUnitError,
)
from ._version import __version__

if TYPE_CHECKING:
    from .cache import network
    from .comparisons import Comparison, compare
    from .dataset import Dataset, load
    from .flows import FlowResult, max_flow
    from .graph import build_graph
    from .grid import Grid, load_grid, make_grid
    from .lines import network_from_lines
    from .lookup import find_place
    from .matrices import matrix
    from .plan import plan_scorecard
    from .resilience import Ranking, flow_criticality, route_criticality
    from .routing import Leg, Route, route, route_alternatives
    from .state import Scenario, scenario
    from .sweeps import SweepResult, sweep
    from .validation import validate

__all__ = [
    "Comparison",
    "CorridorMapError",
    "DataReadError",
    "DataValidationError",
    "Dataset",
    "FlowResult",
    "Grid",
    "InvalidArgumentError",
    "Leg",
    "NoRouteError",
    "Problem",
    "Ranking",
    "Route",
    "Scenario",
    "SweepResult",
    "UnknownPlaceError",
    "UnknownUnitError",
    "__version__",
    "build_graph",
    "compare",
    "find_place",
    "flow_criticality",
    "load",
    "load_backbone",
    "load_grid",
    "make_grid",
    "matrix",
    "max_flow",
    "network",
    "network_from_lines",
    "plan_scorecard",
    "route",
    "route_alternatives",
    "route_criticality",
    "scenario",
    "sweep",
    "validate",
]

_LAZY = {
    "Dataset": "dataset",
    "load": "dataset",
    "validate": "validation",
    "load_backbone": "backbone",
    "build_graph": "graph",
    "network": "cache",
    "find_place": "lookup",
    "network_from_lines": "lines",
    "Leg": "routing",
    "Route": "routing",
    "route": "routing",
    "route_alternatives": "routing",
    "matrix": "matrices",
    "FlowResult": "flows",
    "max_flow": "flows",
    "Scenario": "state",
    "scenario": "state",
    "Ranking": "resilience",
    "flow_criticality": "resilience",
    "route_criticality": "resilience",
    "Comparison": "comparisons",
    "compare": "comparisons",
    "plan_scorecard": "plan",
    "Grid": "grid",
    "load_grid": "grid",
    "make_grid": "grid",
    "SweepResult": "sweeps",
    "sweep": "sweeps",
}

#: Submodules reachable as attributes (``corridormap.flows``) without importing them first.
_SUBMODULES = frozenset(
    {
        "backbone",
        "cache",
        "capacity",
        "cli",
        "comparisons",
        "core",
        "dataset",
        "dates",
        "figures",
        "flows",
        "geodesy",
        "graph",
        "grid",
        "io",
        "lines",
        "lookup",
        "maps",
        "matrices",
        "multimodal",
        "plan",
        "resilience",
        "routing",
        "settings",
        "snap",
        "state",
        "style",
        "sweep_summary",
        "sweeps",
        "units",
        "validation",
        "vocab",
    }
)


def __getattr__(name: str) -> Any:
    """Import the public API's heavier parts and the submodules on first use (PEP 562)."""
    if name in _LAZY:
        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    if name in _SUBMODULES:
        return import_module(f".{name}", __name__)
    raise AttributeError(f"module 'corridormap' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__) | _SUBMODULES)

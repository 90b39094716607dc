"""corridormap: the China–Russia Far East and Arctic transport and energy network.

A curated, sourced GeoJSON dataset of ports, border crossings, bridges, pipelines, railways,
roads and sea lanes; a loader and validator; and (in later steps) a transport graph, route and
flow queries and maps.
"""

from ._errors import (
    CorridorMapError,
    DataReadError,
    DataValidationError,
    NoRouteError,
    Problem,
    UnknownPlaceError,
    UnknownUnitError,
)
from .dataset import Dataset, load
from .validate import validate

__all__ = [
    "CorridorMapError",
    "DataReadError",
    "DataValidationError",
    "Dataset",
    "NoRouteError",
    "Problem",
    "UnknownPlaceError",
    "UnknownUnitError",
    "load",
    "validate",
]
__version__ = "0.1.0"

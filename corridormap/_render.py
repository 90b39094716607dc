"""Where results find the map layer: the maps register their makers here.

Query results (a route, a flow) offer ``.map()`` as a convenience, GeoPandas ``explore()``
style, but a query module never imports the map module. Instead :mod:`corridormap.maps`
registers its makers here when it is imported, and :func:`render` calls the one asked for,
importing the map layer first if nothing has registered yet.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any

__all__ = ["register", "render"]

_MAKERS: dict[str, Callable[..., Any]] = {}

#: The module that registers the map makers when imported.
MAP_LAYER = "corridormap.maps"


def register(name: str, maker: Callable[..., Any]) -> None:
    """Register a maker (``"route_map"``, ``"flow_map"`` ...) under a name.

    Parameters
    ----------
    name
        What results ask for.
    maker
        The function that makes it.
    """
    _MAKERS[name] = maker


def render(name: str, *args: Any, **kwargs: Any) -> Any:
    """Call the maker registered under a name, loading the map layer on first use.

    Parameters
    ----------
    name
        A registered name.
    *args, **kwargs
        Passed to the maker.

    Returns
    -------
    object
        What the maker returns (a ``folium.Map`` for the map makers).
    """
    if name not in _MAKERS:
        import_module(MAP_LAYER)
    return _MAKERS[name](*args, **kwargs)

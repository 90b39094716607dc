"""Checks against Natural Earth: border crossings on the border, ports on the water."""

from __future__ import annotations

import shapely

from .. import settings
from ..geodesy import distance_to_line_km
from ..io import Reference
from ._state import Node, State


def _port_message(node: Node, reference: Reference) -> str | None:
    """Return what is wrong with a port's position, or None if it is on the water."""
    coast = distance_to_line_km(node.lon, node.lat, reference.coast)
    if coast <= settings.coast_tolerance_km:
        return None
    river = distance_to_line_km(node.lon, node.lat, reference.rivers)
    if river <= settings.coast_tolerance_km:
        return None
    on_land = reference.land.contains(shapely.Point(node.lon, node.lat))
    if not on_land and coast <= settings.offshore_port_tolerance_km:
        return None  # on the water, by an island or reclaimed land the 1:10m data lacks
    where = " (inland)" if on_land else " (out at sea)"
    return f"{coast:,.1f} km from the coast and {river:,.1f} km from a river" + where


def check_geography(state: State, reference: Reference) -> None:
    """Check border crossings against the China–Russia border and ports against the coast.

    Parameters
    ----------
    state
        The checks' shared state (its ``nodes``).
    reference
        Natural Earth border, coast, rivers and land.
    """
    tol = settings.border_tolerance_km
    for fid, node in state.nodes.items():
        if node.layer == "border_crossings":
            gap = distance_to_line_km(node.lon, node.lat, reference.border)
            if gap > tol:
                state.at("border_crossings.geojson", fid).error(
                    "geometry",
                    f"{gap:,.1f} km from the China–Russia border",
                    f"put the crossing where the road, railway or pipeline meets the border (within {tol:g} km)",
                )
        elif node.layer == "ports":
            message = _port_message(node, reference)
            if message is not None:
                fix = (
                    f"put the port on the water (within {settings.coast_tolerance_km:g} km of the coastline)"
                )
                state.at("ports.geojson", fid).error("geometry", message, fix)

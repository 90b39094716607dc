"""Checks of a feature's GeoJSON geometry: type, coordinates, parts and the antimeridian."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from shapely.geometry import shape

from ..geodesy import long_way_segments
from ..vocab import GEOMETRY_TYPES
from ._report import At
from ._state import is_number


def positions(coords: Any, gtype: str) -> Iterable[tuple[float, float] | None]:
    """Yield every position of a geometry's coordinates, or None for a malformed one."""
    depth = {"Point": 0, "LineString": 1, "MultiLineString": 2}[gtype]

    def walk(node: Any, level: int) -> Iterator[tuple[float, float] | None]:
        if level == 0:
            if isinstance(node, list) and len(node) in (2, 3) and all(is_number(v) for v in node):
                yield float(node[0]), float(node[1])
            else:
                yield None
        elif isinstance(node, list) and node:
            for child in node:
                yield from walk(child, level - 1)
        else:
            yield None

    return walk(coords, depth)


def _coordinates_ok(at: At, geom: dict[str, Any]) -> bool:
    found = list(positions(geom.get("coordinates"), geom["type"]))
    if not found or any(p is None for p in found):
        at.error("geometry", "coordinates are malformed", "give [lon, lat] number pairs as RFC 7946 requires")
        return False
    for lon, lat in found:  # type: ignore[misc]
        if not (-180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0):
            at.error(
                "geometry",
                f"coordinate out of range: [{lon}, {lat}]",
                "write [longitude, latitude] in degrees, longitude -180..180 and latitude -90..90",
            )
            return False
    return True


def _line_ok(at: At, shp: Any) -> bool:
    parts = getattr(shp, "geoms", [shp])
    if any(len(p.coords) < 2 for p in parts):
        at.error("geometry", "a line needs at least two positions", "add the missing vertices")
        return False
    if long_way_segments(shp):
        at.error(
            "geometry",
            "a segment jumps more than 180° of longitude (drawn the long way round)",
            "cut the line at the antimeridian into a MultiLineString (RFC 7946 §3.1.9)",
        )
    for k in range(len(parts) - 1):
        (x1, y1), (x2, y2) = parts[k].coords[-1], parts[k + 1].coords[0]
        joined = abs(y1 - y2) < 1e-6 and ((abs(x1) == 180.0 and abs(x2) == 180.0 and x1 == -x2) or (x1 == x2))
        if not joined:
            at.error(
                "geometry",
                f"part {k} ends at [{x1}, {y1}] but part {k + 1} starts at [{x2}, {y2}]",
                "parts must run in order; a cut at the antimeridian ends at ±180 and resumes at ∓180 at the same latitude",
            )
    return True


def geometry(at: At, layer: str, geom: Any) -> Any:
    """Check a feature's GeoJSON geometry and build it.

    Parameters
    ----------
    at
        Where to report.
    layer
        The feature's layer, which fixes the geometry types allowed.
    geom
        The GeoJSON geometry from the data.

    Returns
    -------
    shapely geometry or None
        The geometry, or None if it is unusable.
    """
    allowed = GEOMETRY_TYPES[layer]
    if not isinstance(geom, dict) or geom.get("type") not in allowed:
        got = geom.get("type") if isinstance(geom, dict) else geom
        at.error("geometry", f"geometry must be {' or '.join(allowed)}, got {got!r}", "fix the geometry type")
        return None
    if not _coordinates_ok(at, geom):
        return None
    try:
        shp = shape(geom)
    except Exception as exc:  # shapely raises several types for malformed input
        at.error("geometry", f"cannot build geometry: {exc}", "check the coordinates")
        return None
    if geom["type"] != "Point" and not _line_ok(at, shp):
        return None
    return shp

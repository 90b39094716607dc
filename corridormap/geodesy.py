"""Geodesic measures on the WGS84 ellipsoid (pyproj), vectorised over many lines.

Lengths are never taken in degrees or Web Mercator metres. Lines cut at the antimeridian
(``MultiLineString`` parts that meet at longitude ±180) measure as one line: the parts' lengths
add up and the cut itself has zero length.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import shapely
from pyproj import Geod, Transformer
from shapely.geometry.base import BaseGeometry

__all__ = [
    "GEOD",
    "distance_km",
    "distance_to_line_km",
    "length_km",
    "lengths_km",
    "long_way_segments",
    "segment_lengths_km",
]

#: The WGS84 ellipsoid.
GEOD = Geod(ellps="WGS84")


def distance_km(
    lon1: float | np.ndarray, lat1: float | np.ndarray, lon2: float | np.ndarray, lat2: float | np.ndarray
) -> np.ndarray:
    """Geodesic distance between points, in kilometres (vectorised).

    Parameters
    ----------
    lon1, lat1, lon2, lat2
        Coordinates in degrees; scalars or arrays of one shape.

    Returns
    -------
    numpy.ndarray
    """
    _, _, metres = GEOD.inv(
        np.asarray(lon1, dtype=float),
        np.asarray(lat1, dtype=float),
        np.asarray(lon2, dtype=float),
        np.asarray(lat2, dtype=float),
    )
    return np.asarray(metres) / 1000.0


def segment_lengths_km(geometry: BaseGeometry) -> np.ndarray:
    """Geodesic lengths of every segment of a (Multi)LineString, parts one after another.

    Parameters
    ----------
    geometry
        A LineString or MultiLineString in longitude/latitude.

    Returns
    -------
    numpy.ndarray
        One length per segment, in kilometres (empty for a point or an empty line).
    """
    parts = getattr(geometry, "geoms", [geometry])
    lengths = []
    for part in parts:
        xy = np.asarray(part.coords)
        if len(xy) >= 2:
            lengths.append(distance_km(xy[:-1, 0], xy[:-1, 1], xy[1:, 0], xy[1:, 1]))
    return np.concatenate(lengths) if lengths else np.zeros(0)


def length_km(geometry: BaseGeometry) -> float:
    """Geodesic length of one line, in kilometres.

    Parameters
    ----------
    geometry
        A LineString or MultiLineString in longitude/latitude.

    Returns
    -------
    float
    """
    return float(segment_lengths_km(geometry).sum())


def lengths_km(geometries: Sequence[BaseGeometry] | np.ndarray) -> np.ndarray:
    """Geodesic lengths of many lines at once, in kilometres.

    One vectorised pass over every vertex, so 10^5–10^6 lines take seconds.

    Parameters
    ----------
    geometries
        LineStrings or MultiLineStrings in longitude/latitude.

    Returns
    -------
    numpy.ndarray
        One length per geometry.
    """
    geoms = np.asarray(geometries, dtype=object)
    n = len(geoms)
    if n == 0:
        return np.zeros(0)
    # Explode to parts so that no segment joins the end of one part to the next.
    parts, owner = shapely.get_parts(geoms, return_index=True)
    coords, part_index = shapely.get_coordinates(parts, return_index=True)
    same_part = part_index[1:] == part_index[:-1]
    seg = distance_km(coords[:-1, 0], coords[:-1, 1], coords[1:, 0], coords[1:, 1])
    seg = np.where(same_part, seg, 0.0)
    per_part = np.bincount(part_index[:-1], weights=seg, minlength=len(parts))
    return np.bincount(owner, weights=per_part, minlength=n)


@lru_cache(maxsize=4096)
def _aeqd(lon: float, lat: float) -> Transformer:
    return Transformer.from_crs(
        "EPSG:4326", f"+proj=aeqd +lat_0={lat} +lon_0={lon} +datum=WGS84 +units=m", always_xy=True
    )


def distance_to_line_km(lon: float, lat: float, line: BaseGeometry) -> float:
    """Shortest distance from a point to a line, in kilometres.

    The line is projected to an azimuthal equidistant projection centred on the point, in
    which distances from the centre are true, so the result is exact for the nearest part
    of the line and safe across the antimeridian.

    Parameters
    ----------
    lon, lat
        The point, in degrees.
    line
        A (Multi)LineString in longitude/latitude.

    Returns
    -------
    float
    """
    transformer = _aeqd(round(lon, 6), round(lat, 6))
    projected = shapely.transform(line, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1])))
    return float(shapely.distance(shapely.Point(0.0, 0.0), projected)) / 1000.0


def long_way_segments(geometry: BaseGeometry) -> list[int]:
    """Indexes of segments that jump more than 180° in longitude (drawn the long way round).

    Parameters
    ----------
    geometry
        A LineString or MultiLineString.

    Returns
    -------
    list of int
        Segment indexes, counted across parts as :func:`segment_lengths_km` does.
    """
    jumps: list[int] = []
    offset = 0
    for part in getattr(geometry, "geoms", [geometry]):
        xy = np.asarray(part.coords)
        if len(xy) >= 2:
            bad = np.nonzero(np.abs(np.diff(xy[:, 0])) > 180.0)[0]
            jumps.extend(int(i) + offset for i in bad)
            offset += len(xy) - 1
    return jumps

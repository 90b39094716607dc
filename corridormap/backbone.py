"""The Eurasian railway backbone: an OpenStreetMap-derived rail network beneath the curated links.

A dataset may carry ``backbone/rail.parquet`` (the shipped one does): a GeoParquet table of
rail links between junctions, border points and ends, with ``id``, ``from``, ``to``,
``country``, ``gauge_mm``, ``length_km`` and ``geometry`` (written by
``scripts/backbone/derive_backbone.py``; © OpenStreetMap contributors, ODbL). Backbone links
have topology, length and a gauge derived by country, and no dates, status or capacities.

:func:`load_backbone` reads the table. Two spatial helpers let the graph put the curated links
first: :func:`duplicated_links` finds backbone links that run along a curated line for most of
their length, and :func:`nearest_nodes` finds, for given points, the nearest of a set of
backbone nodes within a distance.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from scipy.spatial import cKDTree

from ._errors import DataReadError
from .geodesy import distance_km

__all__ = [
    "BACKBONE_FILE",
    "Backbone",
    "duplicated_links",
    "link_name",
    "load_backbone",
    "nearest_nodes",
    "parallel_links",
]

#: The backbone's file inside a dataset folder.
BACKBONE_FILE = "backbone/rail.parquet"

_COLUMNS = ("id", "from", "to", "country", "gauge_mm", "length_km", "geometry")
_R_KM = 6371.0088  # mean Earth radius: only for the local projection of duplicated_links


@dataclass(frozen=True)
class Backbone:
    """The backbone's links as arrays, one row per link, and its nodes' positions.

    Attributes
    ----------
    link_id, orig, dest
        Link and end-node numbers.
    country
        ISO 3166-1 alpha-2 code per link.
    gauge_mm
        Gauge per link.
    length_km
        Along-track length per link, km (the upstream network's stated edge lengths).
    geometry
        Shapely LineStrings (simplified for drawing), first vertex at ``orig``.
    node_xy
        Longitude, latitude of node ``n`` in row ``n``.
    meta
        The file's ``corridormap`` metadata (credit, licence, source, rules).
    """

    link_id: np.ndarray
    orig: np.ndarray
    dest: np.ndarray
    country: np.ndarray
    gauge_mm: np.ndarray
    length_km: np.ndarray
    geometry: np.ndarray
    node_xy: np.ndarray
    meta: dict[str, Any]

    def __len__(self) -> int:
        return len(self.link_id)


def link_name(country: str, gauge_mm: int) -> str:
    """Return the name a backbone link is shown by: its country and gauge.

    Examples
    --------
    >>> link_name("PL", 1435)
    'Backbone railway (PL, 1435 mm)'
    """
    return f"Backbone railway ({country}, {gauge_mm} mm)"


def load_backbone(root: str | Path) -> Backbone | None:
    """Read a dataset's backbone, if it has one.

    Parameters
    ----------
    root
        The dataset folder.

    Returns
    -------
    Backbone or None
        ``None`` when the folder has no ``backbone/rail.parquet``.

    Raises
    ------
    DataReadError
        If the file cannot be read or lacks a column.

    Examples
    --------
    >>> from corridormap.io import default_data_dir
    >>> bb = load_backbone(default_data_dir())
    >>> bb.meta["credit"], bb.meta["licence"]
    ('© OpenStreetMap contributors', 'ODbL-1.0')
    """
    import pyarrow.parquet as pq

    path = Path(root) / BACKBONE_FILE
    if not path.is_file():
        return None
    try:
        table = pq.read_table(path)
    except (OSError, ValueError) as exc:
        raise DataReadError(f"{path}: cannot read the backbone: {exc}") from exc
    missing = [c for c in _COLUMNS if c not in table.column_names]
    if missing:
        raise DataReadError(f"{path}: the backbone lacks columns {', '.join(missing)}")
    geometry = shapely.from_wkb(table.column("geometry").to_numpy())
    orig = table.column("from").to_numpy().astype(np.int64)
    dest = table.column("to").to_numpy().astype(np.int64)
    xy, index = shapely.get_coordinates(geometry, return_index=True)
    first = np.searchsorted(index, np.arange(len(geometry)))
    last = np.r_[first[1:], len(index)] - 1
    node_xy = np.full((int(max(orig.max(), dest.max())) + 1, 2), np.nan)
    node_xy[orig], node_xy[dest] = xy[first], xy[last]
    raw = (table.schema.metadata or {}).get(b"corridormap", b"{}")
    return Backbone(
        link_id=table.column("id").to_numpy().astype(np.int64),
        orig=orig,
        dest=dest,
        country=np.asarray(table.column("country").cast("string").to_pylist(), dtype=object),
        gauge_mm=table.column("gauge_mm").to_numpy().astype(np.int64),
        length_km=table.column("length_km").to_numpy(),
        geometry=geometry,
        node_xy=node_xy,
        meta=json.loads(raw),
    )


def _near(tree: Any, line: Any, km: float) -> tuple[float, float, np.ndarray]:
    """Return a line's centroid and the tree's lines within its bounding box padded by ``km``."""
    lon0, lat0 = shapely.get_coordinates(shapely.centroid(line))[0]
    pad_lat = np.degrees(km / _R_KM)
    pad_lon = pad_lat / max(np.cos(np.radians(abs(lat0) + 2.0)), 0.05)
    x0, y0, x1, y1 = line.bounds
    cand: np.ndarray = tree.query(shapely.box(x0 - pad_lon, y0 - pad_lat, x1 + pad_lon, y1 + pad_lat))
    return float(lon0), float(lat0), cand


def _local(lines: np.ndarray, lon0: float, lat0: float) -> np.ndarray:
    """Lines in an equirectangular projection centred on (lon0, lat0), in kilometres."""
    k = np.cos(np.radians(lat0))

    def f(xy: np.ndarray) -> np.ndarray:
        lon = (xy[:, 0] - lon0 + 180.0) % 360.0 - 180.0
        return np.column_stack([np.radians(lon) * _R_KM * k, np.radians(xy[:, 1] - lat0) * _R_KM])

    return shapely.transform(lines, f)


def duplicated_links(
    backbone: np.ndarray, curated: Sequence[Any], buffer_km: float, share: float
) -> np.ndarray:
    """Return which backbone lines run within a distance of curated lines for most of their length.

    Each curated line is measured in an equirectangular projection centred on it (true to well
    under 1 % across a line a few hundred kilometres long, which a buffer tolerance allows);
    the stretches of a backbone line inside any curated line's buffer are joined along the line
    before their share is taken, so two curated lines over one stretch count it once.

    Parameters
    ----------
    backbone
        Backbone LineStrings (longitude/latitude).
    curated
        Curated rail lines (LineStrings or MultiLineStrings).
    buffer_km
        The distance from a curated line within which a stretch counts as duplicated.
    share
        The smallest share of a backbone line's length within the buffer that makes it a duplicate.

    Returns
    -------
    numpy.ndarray
        A boolean per backbone line.
    """
    tree = shapely.STRtree(backbone)
    covered: dict[int, list[tuple[float, float]]] = {}
    for line in curated:
        lon0, lat0, cand = _near(tree, line, buffer_km)
        if not len(cand):
            continue
        zone = shapely.buffer(_local(np.array([line]), lon0, lat0)[0], buffer_km)
        local = _local(backbone[cand], lon0, lat0)
        inside = shapely.intersection(local, zone)
        for k, part, whole in zip(cand.tolist(), inside, local, strict=True):
            for piece in shapely.get_parts(part):
                if piece.geom_type == "LineString" and piece.length > 0:
                    ends = shapely.points(shapely.get_coordinates(piece)[[0, -1]])
                    a, b = sorted(shapely.line_locate_point(whole, ends, normalized=True).tolist())
                    covered.setdefault(k, []).append((a, b))
    out = np.zeros(len(backbone), dtype=bool)
    for k, spans in covered.items():
        total, reach = 0.0, 0.0
        for a, b in sorted(spans):
            a = max(a, reach)
            if b > a:
                total += b - a
                reach = b
        out[k] = total >= share
    return out


def parallel_links(
    backbone: np.ndarray, curated: Sequence[Any], corridor_km: float, end_km: float
) -> np.ndarray:
    """Return which backbone lines run between the same two stations as a curated line, beside it.

    A backbone line is parallel to a curated line (a curated link, or its segment between two
    stations) when it lies wholly within ``corridor_km`` of it and each of its ends lies within
    ``end_km`` of one end of it, the two ends at different ends: the same connection, drawn
    apart (a curated line traced through fewer points, or the track on the far side of a
    valley). A line that runs beside a curated one only part of the way, from or to another
    junction, is not.

    Parameters
    ----------
    backbone
        Backbone LineStrings (longitude/latitude).
    curated
        Curated rail LineStrings between stations.
    corridor_km, end_km
        The distances, in km.

    Returns
    -------
    numpy.ndarray
        A boolean per backbone line.
    """
    tree = shapely.STRtree(backbone)
    out = np.zeros(len(backbone), dtype=bool)
    for line in curated:
        if line.geom_type != "LineString":
            continue
        lon0, lat0, cand = _near(tree, line, corridor_km)
        if not len(cand):
            continue
        here = _local(np.array([line]), lon0, lat0)[0]
        ends: np.ndarray = np.asarray(shapely.points(shapely.get_coordinates(here)[[0, -1]]))
        local = _local(backbone[cand], lon0, lat0)
        xy = [shapely.get_coordinates(g)[[0, -1]] for g in local]
        starts: np.ndarray = np.asarray(shapely.points([p[0] for p in xy]))
        stops: np.ndarray = np.asarray(shapely.points([p[1] for p in xy]))
        first = shapely.distance(starts[:, None], ends[None, :])
        last = shapely.distance(stops[:, None], ends[None, :])
        same = ((first[:, 0] <= end_km) & (last[:, 1] <= end_km)) | (
            (first[:, 1] <= end_km) & (last[:, 0] <= end_km)
        )
        if same.any():
            inside = shapely.within(local[same], shapely.buffer(here, corridor_km))
            out[cand[same][inside]] = True
    return out


def nearest_nodes(
    node_xy: np.ndarray, candidates: np.ndarray, points: np.ndarray, max_km: float
) -> tuple[np.ndarray, np.ndarray]:
    """Return the nearest candidate node to each point, and its geodesic distance, within a limit.

    Parameters
    ----------
    node_xy
        Longitude, latitude of every node.
    candidates
        Numbers of the nodes to choose among.
    points
        Longitude, latitude of the points, shape (n, 2).
    max_km
        The limit.

    Returns
    -------
    tuple of numpy.ndarray
        The node number per point (``-1`` where none lies within the limit) and the distance in km.
    """

    def unit(xy: np.ndarray) -> np.ndarray:
        lon, lat = np.radians(xy[:, 0]), np.radians(xy[:, 1])
        return np.column_stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])

    points = np.asarray(points, dtype=float).reshape(-1, 2)
    if not len(candidates) or not len(points):
        return np.full(len(points), -1), np.full(len(points), np.inf)
    tree = cKDTree(unit(node_xy[candidates]))
    _, k = tree.query(unit(points))  # chord order is great-circle order
    node = candidates[k]
    km = distance_km(points[:, 0], points[:, 1], node_xy[node, 0], node_xy[node, 1])
    return np.where(km <= max_km, node, -1), km

"""Joining lines without ids (a user's own GeoJSON) to the transport graph by snapping.

Lines from another source (an OpenStreetMap extract, a digitised map) have no ``from`` / ``to``.
:func:`snap_lines` joins them to the graph:

1. each line end within ``tolerance_m`` of an existing node is snapped to the nearest one;
2. the remaining ends are clustered with each other (ends within ``tolerance_m`` of one another
   become one new node, ``snap-<n>``), so that a network of lines that meet joins up;
3. a line that passes within ``tolerance_m`` of an existing node between its ends is split
   there, so that it joins that node too;
4. each piece becomes an edge (both directions unless ``directed``), with its geodesic length and
   travel time.

Every step is vectorised over shapely's STRtree and numpy arrays; there is no pairwise loop over
lines, so 10^5 lines join in seconds. The report says what was snapped, what was split and which
lines stayed unconnected to the existing network.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np
import shapely
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from shapely.ops import substring

from ._errors import InvalidArgumentError
from .geodesy import distance_km, lengths_km
from .state import edge_window
from .vocab import MODES

__all__ = ["SnapReport", "snap_lines"]

_KM_PER_DEG = 111.32


@dataclass
class SnapReport:
    """What :func:`snap_lines` did.

    Attributes
    ----------
    lines
        Lines read.
    snapped_ends
        Line ends snapped to an existing node.
    new_nodes
        Nodes created where ends of the new lines meet each other.
    split
        ``(line index, node id)`` for every split of a line at an existing node it passes.
    unconnected
        Indexes of lines that reach no existing node, directly or through other new lines.
    skipped
        Indexes of inputs that were not lines (or were empty) and were left out.
    max_snap_m
        The largest distance an end was moved to its node.
    """

    lines: int = 0
    snapped_ends: int = 0
    new_nodes: int = 0
    split: list[tuple[int, str]] = field(default_factory=list)
    unconnected: list[int] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)
    max_snap_m: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """Return the report as a JSON-ready dict."""
        return {
            "lines": self.lines,
            "snapped_ends": self.snapped_ends,
            "new_nodes": self.new_nodes,
            "split": len(self.split),
            "unconnected": len(self.unconnected),
            "skipped": len(self.skipped),
            "max_snap_m": round(self.max_snap_m, 1),
        }


def _deg(tolerance_m: float, lats: np.ndarray) -> float:
    """Return a search radius in degrees that covers ``tolerance_m`` at the highest latitude given."""
    top = float(np.max(np.abs(lats))) if len(lats) else 0.0
    return tolerance_m / 1000.0 / (_KM_PER_DEG * max(math.cos(math.radians(min(top, 89.0))), 0.01))


def _snap_ends(
    ends: np.ndarray, node_xy: np.ndarray, radius: float, tolerance_m: float, report: SnapReport
) -> np.ndarray:
    """Step 1: the nearest existing node within the tolerance of each end (-1 for none)."""
    owner = np.full(len(ends), -1)
    if not len(node_xy):
        return owner
    tree = shapely.STRtree(np.asarray(shapely.points(node_xy), dtype=object))
    (end_i, node_i), _ = tree.query_nearest(shapely.points(ends), max_distance=radius, return_distance=True)
    gap_m = distance_km(ends[end_i, 0], ends[end_i, 1], node_xy[node_i, 0], node_xy[node_i, 1]) * 1000.0
    keep = gap_m <= tolerance_m
    owner[end_i[keep]] = node_i[keep]
    report.snapped_ends = int(np.count_nonzero(owner >= 0))
    report.max_snap_m = float(gap_m[keep].max()) if keep.any() else 0.0
    return owner


def _cluster_ends(
    H: nx.MultiDiGraph,
    ends: np.ndarray,
    owner: np.ndarray,
    radius: float,
    tolerance_m: float,
    prefix: str,
    report: SnapReport,
) -> np.ndarray:
    """Step 2: the ends no node took cluster with each other into new junctions; their labels."""
    free = np.nonzero(owner < 0)[0]
    labels = np.full(len(ends), -1)
    if not len(free):
        return labels
    tree = shapely.STRtree(np.asarray(shapely.points(ends[free]), dtype=object))
    a, b = tree.query(shapely.points(ends[free]), predicate="dwithin", distance=radius)
    close = (
        distance_km(ends[free][a, 0], ends[free][a, 1], ends[free][b, 0], ends[free][b, 1]) * 1000.0
        <= tolerance_m
    )
    a, b = a[close], b[close]
    matrix = coo_matrix((np.ones(len(a)), (a, b)), shape=(len(free), len(free)))
    count, cluster = connected_components(matrix, directed=False)
    labels[free] = cluster
    report.new_nodes = int(count)
    centres = np.zeros((count, 2))
    np.add.at(centres, cluster, ends[free])
    centres /= np.bincount(cluster, minlength=count)[:, None]
    for c in range(count):
        H.add_node(
            f"snap-{prefix}-{c}",
            layer="snapped",
            kind="junction",
            lon=float(centres[c, 0]),
            lat=float(centres[c, 1]),
        )
    return labels


def _split_at_nodes(
    geoms: np.ndarray,
    ends: tuple[list[str], list[str]],
    node_ids: np.ndarray,
    node_xy: np.ndarray,
    radius: float,
    tolerance_m: float,
) -> tuple[list[tuple[int, str, str, Any]], dict[int, list[tuple[float, str]]]]:
    """Step 3: cut each line at the existing nodes it passes between its ends; its pieces."""
    starts, stops = ends
    cuts: dict[int, list[tuple[float, str]]] = {}
    if len(node_xy):
        tree = shapely.STRtree(geoms)
        node_i, line_i = tree.query(shapely.points(node_xy), predicate="dwithin", distance=radius)
        for ni, li in zip(node_i.tolist(), line_i.tolist(), strict=True):
            nid = str(node_ids[ni])
            if nid in (starts[li], stops[li]):
                continue
            line = geoms[li]
            at = line.project(shapely.Point(node_xy[ni]))
            near = line.interpolate(at)
            if float(distance_km(near.x, near.y, node_xy[ni, 0], node_xy[ni, 1])) * 1000.0 <= tolerance_m:
                cuts.setdefault(li, []).append((at, nid))
    pieces: list[tuple[int, str, str, Any]] = []
    for li, line in enumerate(geoms):
        if li not in cuts:
            pieces.append((li, starts[li], stops[li], line))
            continue
        marks = sorted(cuts[li])
        positions = [0.0] + [m[0] for m in marks] + [line.length]
        names = [starts[li]] + [m[1] for m in marks] + [stops[li]]
        for k in range(len(names) - 1):
            pieces.append((li, names[k], names[k + 1], substring(line, positions[k], positions[k + 1])))
    return pieces, cuts


def _add_edges(
    H: nx.MultiDiGraph,
    pieces: list[tuple[int, str, str, Any]],
    index: np.ndarray,
    mode: str,
    properties: Sequence[dict[str, Any]] | None,
    directed: bool,
    prefix: str,
) -> None:
    """Step 4: each piece an edge (both ways unless directed), with its length and time."""
    km = lengths_km([p[3] for p in pieces])
    params = H.graph.get("parameters", {})
    speed = params.get(f"speed.{mode}", params.get("speed.rail", 40.0))
    props = list(properties) if properties is not None else None
    for (li, u, v, geom), length in zip(pieces, km, strict=True):
        fid = f"{prefix}-{int(index[li])}"
        extra = dict(props[int(index[li])]) if props else {}
        data = {
            "feature": fid,
            "layer": "snapped",
            "mode": mode,
            "segment": 0,
            "length_km": float(length),
            "time_h": float(length) / speed,
            **extra,
        }
        data["window"] = edge_window(data, (H.nodes[u], H.nodes[v]))
        key = fid if u != v else f"{fid}:loop"
        H.add_edge(u, v, key=key, geometry=geom, reverse=False, **data)
        if not directed:
            H.add_edge(v, u, key=key, geometry=geom, reverse=True, **data)
    for derived in ("_routing", "_core", "_names", "_features", "_table"):
        H.graph.pop(derived, None)


def _unconnected(existing: set[str], pieces: list[tuple[int, str, str, Any]], n: int) -> list[int]:
    """Return the lines that reach no existing node, directly or through other new lines."""
    linked = nx.Graph()
    linked.add_edges_from((p[1], p[2], {"line": p[0]}) for p in pieces)
    reach: set[int] = set()
    for component in nx.connected_components(linked):
        if component & existing:
            reach.update(linked.edges[e]["line"] for e in linked.subgraph(component).edges)
    return sorted(set(range(n)) - reach)


def _check_lines(lines: Any, tolerance_m: float, mode: str) -> np.ndarray:
    """Return the input's geometries as an array, after checking the arguments and the CRS."""
    if not (isinstance(tolerance_m, int | float) and not isinstance(tolerance_m, bool) and tolerance_m > 0):
        raise InvalidArgumentError(f"tolerance_m must be a positive number of metres, got {tolerance_m!r}")
    if mode not in MODES:
        raise InvalidArgumentError(f"unknown mode {mode!r}: use {', '.join(sorted(MODES))}")
    crs = getattr(lines, "crs", None)
    if crs is not None and not getattr(crs, "is_geographic", True):
        raise InvalidArgumentError(
            f"the lines are in {crs.to_string()}, not longitude/latitude: reproject them first "
            "(gdf.to_crs('EPSG:4326'))"
        )
    geoms: np.ndarray = np.asarray(getattr(lines, "geometry", lines), dtype=object)
    if geoms.ndim != 1:
        raise InvalidArgumentError("lines must be a sequence of shapely LineStrings or a GeoDataFrame")
    xy = shapely.get_coordinates(geoms[shapely.is_valid_input(geoms)])
    if len(xy) and (np.abs(xy[:, 0]).max() > 180 or np.abs(xy[:, 1]).max() > 90):
        raise InvalidArgumentError(
            "the lines have coordinates outside longitude -180..180 and latitude -90..90: "
            "they are not in longitude/latitude; reproject them to EPSG:4326"
        )
    return geoms


def snap_lines(
    G: nx.MultiDiGraph,
    lines: Sequence[Any] | np.ndarray | Any,
    *,
    mode: str = "rail",
    tolerance_m: float = 500.0,
    properties: Sequence[dict[str, Any]] | None = None,
    directed: bool = False,
    prefix: str = "user",
    copy: bool = True,
) -> tuple[nx.MultiDiGraph, SnapReport]:
    """Join lines without ids to a transport graph.

    Parameters
    ----------
    G
        The transport graph (:func:`corridormap.network`).
    lines
        Shapely LineStrings in longitude/latitude, or a GeoDataFrame / GeoSeries of them in a
        geographic CRS.
    mode
        The mode of the new links (``rail``, ``road`` ...).
    tolerance_m
        How far, in metres, an end may be from a node (or from another end) to be joined.
    properties
        One dict per line of attributes for its edges (``gauge_mm``, ``opened`` ...).
    directed
        Add each line in its drawn direction only.
    prefix
        The new edges' feature ids are ``<prefix>-<index>``.
    copy
        Work on a copy of ``G`` (``False`` adds to ``G`` itself).

    Returns
    -------
    (networkx.MultiDiGraph, SnapReport)

    Raises
    ------
    InvalidArgumentError
        For a tolerance that is not positive, an unknown mode, or lines that are not in
        longitude/latitude (a projected CRS, coordinates out of range).
    """
    geoms = _check_lines(lines, tolerance_m, mode)
    report = SnapReport(lines=len(geoms))
    ok = shapely.is_valid_input(geoms) & (shapely.get_type_id(geoms) == 1)
    ok[ok] &= ~shapely.is_empty(geoms[ok].astype(object))
    report.skipped = [int(i) for i in np.nonzero(~ok)[0]]
    index = np.nonzero(ok)[0]
    geoms = geoms[index]
    H = G.copy() if copy else G
    if len(geoms) == 0:
        return H, report
    node_ids = np.array(list(G.nodes), dtype=object)
    node_xy = np.array([(G.nodes[n]["lon"], G.nodes[n]["lat"]) for n in node_ids], dtype=float).reshape(-1, 2)
    ends = np.concatenate(
        [
            shapely.get_coordinates(shapely.get_point(geoms, 0)),
            shapely.get_coordinates(shapely.get_point(geoms, -1)),
        ]
    )
    radius = _deg(tolerance_m, np.concatenate([ends[:, 1], node_xy[:, 1]]))
    owner = _snap_ends(ends, node_xy, radius, tolerance_m, report)
    labels = _cluster_ends(H, ends, owner, radius, tolerance_m, prefix, report)

    def node_of(end: int) -> str:
        return str(node_ids[owner[end]]) if owner[end] >= 0 else f"snap-{prefix}-{labels[end]}"

    n = len(geoms)
    names = ([node_of(i) for i in range(n)], [node_of(n + i) for i in range(n)])
    pieces, cuts = _split_at_nodes(geoms, names, node_ids, node_xy, radius, tolerance_m)
    report.split = [(int(index[li]), nid) for li in sorted(cuts) for _, nid in sorted(cuts[li])]
    _add_edges(H, pieces, index, mode, properties, directed, prefix)
    report.unconnected = [int(index[li]) for li in _unconnected(set(G.nodes), pieces, n)]
    return H, report

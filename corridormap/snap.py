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

from ._errors import InvalidArgumentError
from .geodesy import distance_km, lengths_km
from .state import edge_window
from .vocab import MODES

__all__ = ["SnapReport", "cut_lines", "passing", "radius_deg", "snap_lines"]

_KM_PER_DEG = 111.32
_MIN_KM_PER_DEG = 110.5  # a degree of latitude on WGS84 is 110.57-111.69 km


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


def radius_deg(tolerance_m: float, lat: np.ndarray) -> np.ndarray:
    """Return, per latitude, a search radius in degrees that covers ``tolerance_m`` in any direction.

    A degree of longitude is ``cos(lat)`` of a degree of latitude, and a degree of latitude is
    at least 110.5 km on WGS84; the radius is a bound for the index, the geodesic check is exact.
    """
    shrink = np.maximum(np.cos(np.radians(np.minimum(np.abs(lat), 89.0))), 0.01)
    out: np.ndarray = 1.01 * tolerance_m / 1000.0 / (_MIN_KM_PER_DEG * shrink)
    return out


def passing(
    geoms: np.ndarray, node_xy: np.ndarray, tolerance_m: float, line_ends: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Find every node that lies within ``tolerance_m`` of a line (not at one of its own ends).

    Parameters
    ----------
    geoms
        LineStrings in longitude/latitude.
    node_xy
        Node coordinates (lon, lat), one row a node.
    tolerance_m
        How far, in metres (geodesic), a node may be from the line.
    line_ends
        ``(n, 2)``: each line's start and end node (rows of ``node_xy``); they are left out.

    Returns
    -------
    (line, node, at)
        Index arrays of the pairs found and the position of the node along the line (shapely's
        ``line_locate_point``, in the line's own coordinate units), sorted by line then position.
    """
    if not len(node_xy) or not len(geoms):
        empty = np.zeros(0, np.int64)
        return empty, empty, np.zeros(0)
    points: np.ndarray = np.asarray(shapely.points(node_xy), dtype=object)
    tree = shapely.STRtree(geoms)
    node_i, line_i = tree.query(points, predicate="dwithin", distance=radius_deg(tolerance_m, node_xy[:, 1]))
    if line_ends is not None:
        own = (line_ends[line_i, 0] == node_i) | (line_ends[line_i, 1] == node_i)
        node_i, line_i = node_i[~own], line_i[~own]
    at: np.ndarray = np.asarray(shapely.line_locate_point(geoms[line_i], points[node_i]), dtype=float)
    near = shapely.get_coordinates(shapely.line_interpolate_point(geoms[line_i], at))
    gap_m = distance_km(near[:, 0], near[:, 1], node_xy[node_i, 0], node_xy[node_i, 1]) * 1000.0
    keep = gap_m <= tolerance_m
    line_i, node_i, at = line_i[keep], node_i[keep], at[keep]
    order = np.lexsort((node_i, at, line_i))
    return line_i[order].astype(np.int64), node_i[order].astype(np.int64), at[order]


def cut_lines(
    geoms: np.ndarray, line_i: np.ndarray, at: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Cut lines at positions along them, all at once (one implementation for every cut).

    Parameters
    ----------
    geoms
        LineStrings.
    line_i, at
        The cuts: the line and the position along it (as :func:`passing` returns them, sorted
        by line then position).

    Returns
    -------
    (piece_line, piece_from, piece_to, piece_geometry)
        For each piece, in line order then along each line: its line, the cut it starts at and
        the cut it ends at (indexes into ``line_i``; ``-1`` for the line's own start or end) and
        its geometry. A line without cuts is one piece, its geometry unchanged; a cut piece runs
        from the point at its start position through the line's vertices between to the point
        at its end position.
    """
    n = len(geoms)
    n_cuts = np.bincount(line_i, minlength=n)
    n_pieces = n_cuts + 1
    first_piece = np.cumsum(n_pieces) - n_pieces
    first_cut = np.cumsum(n_cuts) - n_cuts
    total = int(n_pieces.sum())
    piece_line = np.repeat(np.arange(n, dtype=np.int64), n_pieces)
    piece_from = np.full(total, -1, np.int64)
    piece_to = np.full(total, -1, np.int64)
    rank = np.arange(len(line_i)) - first_cut[line_i]
    ends_at = first_piece[line_i] + rank  # the piece each cut ends; the next one starts there
    piece_to[ends_at] = np.arange(len(line_i))
    piece_from[ends_at + 1] = np.arange(len(line_i))
    pieces = np.empty(total, dtype=object)
    pieces[first_piece[n_cuts == 0]] = geoms[n_cuts == 0]
    cut = np.flatnonzero(n_cuts)
    if not len(cut):
        return piece_line, piece_from, piece_to, pieces
    # the pieces of the cut lines: their start and end positions
    mine = np.flatnonzero(n_cuts[piece_line] > 0)
    length = shapely.length(geoms)
    start = np.where(piece_from[mine] >= 0, at[np.maximum(piece_from[mine], 0)], 0.0)
    stop = np.where(piece_to[mine] >= 0, at[np.maximum(piece_to[mine], 0)], length[piece_line[mine]])
    # each vertex of a cut line, its position along the line, and the piece it falls in
    coords, owner = shapely.get_coordinates(geoms[cut], return_index=True)
    step = np.hypot(*np.diff(coords, axis=0).T)
    step = np.concatenate([[0.0], np.where(owner[1:] == owner[:-1], step, 0.0)])
    along = np.cumsum(step)
    along -= along[np.searchsorted(owner, owner)]  # from each line's own start
    v_line = cut[owner]
    # cuts of the line before the vertex (a vertex exactly at a cut goes after it)
    ev_line = np.concatenate([line_i, v_line])
    ev_pos = np.concatenate([at, along])
    ev_kind = np.concatenate([np.zeros(len(line_i), np.int8), np.ones(len(v_line), np.int8)])
    order = np.lexsort((ev_kind, ev_pos, ev_line))
    seen = np.cumsum(ev_kind[order] == 0)
    is_vertex = ev_kind[order] == 1
    v_order = order[is_vertex] - len(line_i)
    before = np.empty(len(v_line), np.int64)
    before[v_order] = seen[is_vertex] - first_cut[v_line[v_order]]
    v_piece = first_piece[v_line] + before
    where = np.empty(total, np.int64)
    where[mine] = np.arange(len(mine))
    lo, hi = start[where[v_piece]], stop[where[v_piece]]
    eps = 1e-12 * np.maximum(length[v_line], 1.0)
    inner = (along > lo + eps) & (along < hi - eps)  # the cut points stand for vertices on them
    ends_xy = shapely.get_coordinates(
        shapely.line_interpolate_point(
            geoms[piece_line[np.concatenate([mine, mine])]], np.concatenate([start, stop])
        )
    )
    xy = np.concatenate([ends_xy[: len(mine)], coords[inner], ends_xy[len(mine) :]])
    of = np.concatenate([mine, v_piece[inner], mine])
    slot = np.concatenate([np.zeros(len(mine)), np.ones(int(inner.sum())), np.full(len(mine), 2.0)])
    seq = np.concatenate([np.zeros(len(mine)), along[inner], np.zeros(len(mine))])
    order = np.lexsort((seq, slot, of))
    made = shapely.linestrings(xy[order], indices=np.searchsorted(mine, of[order]))
    pieces[mine] = made
    return piece_line, piece_from, piece_to, pieces


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
    tolerance_m: float,
) -> tuple[list[tuple[int, str, str, Any]], list[tuple[int, str]]]:
    """Step 3: cut each line at the existing nodes it passes between its ends; its pieces and cuts."""
    starts, stops = ends
    number = {str(n): i for i, n in enumerate(node_ids)}
    line_ends = np.array([[number.get(a, -1), number.get(b, -1)] for a, b in zip(starts, stops, strict=True)])
    line_i, node_i, at = passing(geoms, node_xy, tolerance_m, line_ends.reshape(-1, 2))
    piece_line, piece_from, piece_to, piece_geom = cut_lines(geoms, line_i, at)
    cut_node = [str(node_ids[i]) for i in node_i.tolist()]
    pieces = [
        (li, starts[li] if a < 0 else cut_node[a], stops[li] if b < 0 else cut_node[b], g)
        for li, a, b, g in zip(
            piece_line.tolist(), piece_from.tolist(), piece_to.tolist(), piece_geom.tolist(), strict=True
        )
    ]
    return pieces, list(zip(line_i.tolist(), cut_node, strict=True))


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
    pieces, cuts = _split_at_nodes(geoms, names, node_ids, node_xy, tolerance_m)
    report.split = [(int(index[li]), nid) for li, nid in cuts]
    _add_edges(H, pieces, index, mode, properties, directed, prefix)
    report.unconnected = [int(index[li]) for li in _unconnected(set(G.nodes), pieces, n)]
    return H, report

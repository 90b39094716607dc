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

from ._errors import CorridorMapError
from .geodesy import distance_km, lengths_km
from .graph import edge_window
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
        Shapely LineStrings in longitude/latitude, or a GeoDataFrame / GeoSeries of them.
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
    CorridorMapError
        For a tolerance that is not positive or an unknown mode.
    """
    if not tolerance_m > 0:
        raise CorridorMapError(f"tolerance_m must be a positive number of metres, got {tolerance_m!r}")
    if mode not in MODES:
        raise CorridorMapError(f"unknown mode {mode!r}: use {', '.join(sorted(MODES))}")
    geoms: np.ndarray = np.asarray(getattr(lines, "geometry", lines), dtype=object)
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

    # 1. ends near existing nodes: nearest node within the radius, confirmed geodesically
    owner = np.full(len(ends), -1)
    if len(node_xy):
        tree = shapely.STRtree(np.asarray(shapely.points(node_xy), dtype=object))
        (end_i, node_i), _ = tree.query_nearest(
            shapely.points(ends), max_distance=radius, return_distance=True
        )
        gap_m = distance_km(ends[end_i, 0], ends[end_i, 1], node_xy[node_i, 0], node_xy[node_i, 1]) * 1000.0
        keep = gap_m <= tolerance_m
        owner[end_i[keep]] = node_i[keep]
        report.snapped_ends = int(np.count_nonzero(owner >= 0))
        report.max_snap_m = float(gap_m[keep].max()) if keep.any() else 0.0

    # 2. the other ends cluster with each other
    free = np.nonzero(owner < 0)[0]
    labels = np.full(len(ends), -1)
    if len(free):
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

    def node_of(end: int) -> str:
        return str(node_ids[owner[end]]) if owner[end] >= 0 else f"snap-{prefix}-{labels[end]}"

    n = len(geoms)
    starts, stops = [node_of(i) for i in range(n)], [node_of(n + i) for i in range(n)]

    # 3. existing nodes a line passes between its ends: split there
    pieces: list[tuple[int, str, str, Any]] = []
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
    for li in range(n):
        line = geoms[li]
        if li not in cuts:
            pieces.append((li, starts[li], stops[li], line))
            continue
        marks = sorted(cuts[li])
        positions = [0.0] + [m[0] for m in marks] + [line.length]
        names = [starts[li]] + [m[1] for m in marks] + [stops[li]]
        for k in range(len(names) - 1):
            pieces.append((li, names[k], names[k + 1], substring(line, positions[k], positions[k + 1])))
        report.split.extend((int(index[li]), m[1]) for m in marks)

    # 4. edges
    km = lengths_km([p[3] for p in pieces])
    params = G.graph.get("parameters", {})
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
    H.graph.pop("_routing", None)
    H.graph.pop("_names", None)
    H.graph.pop("_features", None)

    # which new lines reach the existing network?
    existing = set(G.nodes)
    linked = nx.Graph()
    linked.add_edges_from((p[1], p[2], {"line": p[0]}) for p in pieces)
    reach: set[int] = set()
    for component in nx.connected_components(linked):
        if component & existing:
            reach.update(linked.edges[e]["line"] for e in linked.subgraph(component).edges)
    report.unconnected = sorted(int(index[li]) for li in set(range(n)) - reach)
    return H, report

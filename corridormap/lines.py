"""A transport graph from a user's own network of lines (a GeoPackage, GeoParquet or GeoJSON).

:func:`network_from_lines` turns lines without ids (an OpenStreetMap extract, a national
railway's GeoPackage) into a transport graph that :func:`corridormap.route`,
:func:`corridormap.matrix` and :func:`corridormap.core.core_graph` work on, in five steps, each
with its progress bar:

1. **read**: the file (pyogrio; GeoParquet with geopandas) or the GeoDataFrame, reprojected to
   EPSG:4326; MultiLineStrings are taken part by part, other geometries are left out (and
   counted);
2. **snap**: line ends within ``tolerance_m`` (geodesic, WGS84) of one another become one
   node, found with a k-d tree on the ends' positions on the sphere (``scipy.spatial.cKDTree``)
   and joined as connected components (an end may join through a chain of close ends); a node
   stands where its ends are, or at their mean where they differ;
3. **split**: a line that passes within ``tolerance_m`` of a node between its own ends is cut
   there (:func:`corridormap.snap.passing` and :func:`corridormap.snap.cut_lines`, the same
   cut as :func:`corridormap.snap.snap_lines`); lines that cross without a node are not joined
   (a bridge over a line, a flyover);
4. **graph**: each piece is an edge both ways with its geodesic length
   (:func:`corridormap.geodesy.lengths_km`) and its time at the mode's speed from the shipped
   ``parameters.json``, added to a networkx MultiDiGraph in bulk;
5. **core**: the routing core's arrays are built from the same columns
   (:func:`corridormap.core.core_from_columns`), without a pass over the networkx edges.

Every step works on numpy arrays over all lines at once; the one loop per edge is the one that
makes networkx's edge dicts. The lines' vertices are not moved: a route's geometry may show a
gap of up to the tolerance where two ends were joined. Lines of mode rail run on the gauge of
their ``gauge_mm`` column, or on ``settings.lines_gauge_mm`` (1435 mm) where there is none, so
that a network of one gauge has one routing state per node.
"""

from __future__ import annotations

import gc
import json
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import shapely

from . import settings
from ._errors import DataReadError, InvalidArgumentError
from .core import core_from_columns
from .geodesy import distance_km, lengths_km
from .graph import GRAPH_FORMAT, travel_parameters
from .io import default_data_dir
from .snap import cut_lines, passing
from .state import Window

__all__ = ["LINE_MODES", "network_from_lines", "read_line_parts"]

log = logging.getLogger(__name__)

#: The modes a network of lines may have, with the parameter that gives its speed.
LINE_MODES: dict[str, str] = {"rail": "speed.rail", "road": "speed.road", "sea": "speed.sea"}
_R_M = 6_371_008.8  # the Earth's mean radius: the k-d tree's sphere (the check is on WGS84)
_LINE_TYPES = (1, 5)  # shapely's LineString, MultiLineString
_CHUNK = 100_000  # edges added to networkx at a time (the progress bar moves between chunks)


@contextmanager
def _step(name: str, total: int, unit: str, show: bool, seconds: dict[str, float]) -> Iterator[Any]:
    """Show a progress bar for one step (``lines: <name>``) and record its wall-clock time."""
    from tqdm.auto import tqdm

    start = time.perf_counter()
    with tqdm(total=total, desc=f"lines: {name}", unit=unit, disable=not show, leave=True) as bar:
        yield bar
    seconds[name] = round(time.perf_counter() - start, 3)


def _check_args(tolerance_m: Any, mode: Any) -> None:
    if not (isinstance(tolerance_m, int | float) and not isinstance(tolerance_m, bool) and tolerance_m > 0):
        raise InvalidArgumentError(f"tolerance_m must be a positive number of metres, got {tolerance_m!r}")
    if not np.isfinite(tolerance_m):
        raise InvalidArgumentError(f"tolerance_m must be a finite number of metres, got {tolerance_m!r}")
    if mode not in LINE_MODES:
        raise InvalidArgumentError(f"unknown mode {mode!r} for lines: use {', '.join(LINE_MODES)}")


def _read_file(path: Path) -> Any:
    """Read a GeoPackage, GeoParquet, GeoJSON (or any file GDAL reads) as a GeoDataFrame."""
    if not path.is_file():
        what = "is a folder, not a file" if path.is_dir() else "does not exist"
        raise DataReadError(f"lines file '{path}' {what}: give a GeoPackage, GeoParquet or GeoJSON file")
    import geopandas as gpd

    try:
        if path.suffix.lower() in (".parquet", ".geoparquet"):
            return gpd.read_parquet(path)
        import pyogrio

        fields = list(pyogrio.read_info(path)["fields"])
        columns = ["gauge_mm"] if "gauge_mm" in fields else []
        return pyogrio.read_dataframe(path, columns=columns, use_arrow=True)
    except (OSError, ValueError, RuntimeError) as exc:  # pyogrio's and pyarrow's errors subclass these
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise DataReadError(f"cannot read lines file '{path}': {reason}") from None


def read_line_parts(lines: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray | None, dict[str, Any]]:
    """Read lines and take them part by part, in longitude/latitude.

    Parameters
    ----------
    lines
        A GeoDataFrame or GeoSeries (any CRS; none is taken as EPSG:4326), or a path to a file.

    Returns
    -------
    (parts, row, gauge, facts)
        The 2-D LineString parts, the input row of each, the ``gauge_mm`` of each row (or
        ``None`` without that column), and what was read (``rows``, ``parts``, ``skipped`` and
        the ``crs`` read).

    Raises
    ------
    DataReadError
        If the file does not exist or cannot be read.
    InvalidArgumentError
        If there are no LineStrings or MultiLineStrings, or the coordinates are not longitude
        and latitude after reprojection (a file without its CRS).
    """
    import geopandas as gpd

    where = "the lines"
    if isinstance(lines, str | Path):
        where = f"'{lines}'"
        lines = _read_file(Path(lines))
    if not isinstance(lines, gpd.GeoDataFrame | gpd.GeoSeries):
        raise InvalidArgumentError(
            "lines must be a GeoDataFrame, a GeoSeries or the path of a GeoPackage, GeoParquet or GeoJSON file"
        )
    crs = lines.crs
    if crs is not None and not crs.equals("EPSG:4326"):
        lines = lines.to_crs("EPSG:4326")
    geoms = np.asarray(
        lines.geometry.array if isinstance(lines, gpd.GeoDataFrame) else lines.array, dtype=object
    )
    gauge = None
    if isinstance(lines, gpd.GeoDataFrame) and "gauge_mm" in lines.columns:
        gauge = np.asarray(lines["gauge_mm"], dtype=float)
    kind = shapely.get_type_id(geoms)
    ok = np.isin(kind, _LINE_TYPES) & ~shapely.is_empty(geoms)
    if not ok.any():
        found = sorted(
            {shapely.GeometryType(int(k)).name.title().replace("string", "String") for k in kind if k >= 0}
        )
        held = f"holds {', '.join(found)} geometries" if found else "holds no geometries"
        raise InvalidArgumentError(
            f"{where} {held}, no LineString or MultiLineString: give a file of lines (a network's tracks or roads)"
        )
    skipped = int((~ok).sum())
    if skipped:
        log.warning("%s: %d of %d features are not lines and were left out", where, skipped, len(geoms))
    parts, row = shapely.get_parts(geoms[ok], return_index=True)
    row = np.flatnonzero(ok)[row]
    parts = shapely.force_2d(parts)
    keep = shapely.get_num_coordinates(parts) >= 2
    parts, row = parts[keep], row[keep]
    xy = shapely.get_coordinates(parts)
    if len(xy) and (np.abs(xy[:, 0]).max() > 180 or np.abs(xy[:, 1]).max() > 90 or not np.isfinite(xy).all()):
        raise InvalidArgumentError(
            f"{where} have coordinates outside longitude -180..180 and latitude -90..90: "
            "they are in a projected CRS that the file does not declare; set it (gdf.set_crs) or reproject to EPSG:4326"
        )
    facts = {
        "rows": len(geoms),
        "parts": len(parts),
        "skipped": skipped,
        "crs": crs.to_string() if crs is not None else None,
    }
    return parts, row, gauge, facts


def _rows(lines: Any) -> int:
    """Return how many features the input has (a file's count from its header; -1 if unknown)."""
    if not isinstance(lines, str | Path):
        return len(lines) if hasattr(lines, "__len__") else -1
    path = Path(lines)
    try:
        if path.suffix.lower() in (".parquet", ".geoparquet"):
            import pyarrow.parquet as pq

            return int(pq.read_metadata(path).num_rows)
        import pyogrio

        count = int(pyogrio.read_info(path)["features"])
    except Exception:  # an unreadable file: read_line_parts says why
        return 0
    return count if count >= 0 else settings.lines_progress_from  # unknown (some GeoJSON): show


def _on_sphere(xy: np.ndarray) -> np.ndarray:
    """Return points (lon, lat in degrees) as x, y, z on a sphere of the Earth's mean radius, in metres."""
    lon, lat = np.radians(xy[:, 0]), np.radians(xy[:, 1])
    return np.column_stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)]) * _R_M


def _join_ends(ends: np.ndarray, tolerance_m: float) -> tuple[np.ndarray, np.ndarray, int]:
    """Group the ends within the tolerance of one another: each end's node, the nodes' positions."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components
    from scipy.spatial import cKDTree

    xyz = _on_sphere(ends)
    # the chord on the sphere is within 0.5 % of the geodesic on WGS84 at these lengths: a wider
    # search, then the exact check
    pairs = cKDTree(xyz).query_pairs(r=tolerance_m * 1.01, output_type="ndarray")
    a, b = pairs[:, 0], pairs[:, 1]
    close = distance_km(ends[a, 0], ends[a, 1], ends[b, 0], ends[b, 1]) * 1000.0 <= tolerance_m
    a, b = a[close], b[close]
    n = len(ends)
    count, label = connected_components(coo_matrix((np.ones(len(a)), (a, b)), shape=(n, n)), directed=False)
    # a node stands where its ends are; where they differ, at their mean on the sphere
    first = np.full(count, n, np.int64)
    np.minimum.at(first, label, np.arange(n))
    node_xy = ends[first].copy()
    differs = np.zeros(count, bool)
    np.logical_or.at(differs, label, (ends != ends[first[label]]).any(axis=1))
    if differs.any():
        mean = np.zeros((count, 3))
        np.add.at(mean, label, xyz)
        m = mean[differs]
        node_xy[differs, 0] = np.degrees(np.arctan2(m[:, 1], m[:, 0]))
        node_xy[differs, 1] = np.degrees(np.arctan2(m[:, 2], np.hypot(m[:, 0], m[:, 1])))
    return label.astype(np.int64), node_xy, len(a)


def _parameters(overrides: dict[str, float] | None) -> dict[str, float]:
    """Return the travel parameters of the shipped dataset (speeds, dwell, handling)."""
    doc = json.loads((default_data_dir() / "parameters.json").read_text(encoding="utf-8"))
    return travel_parameters(doc["parameters"], overrides)


def _gauges(gauge: np.ndarray | None, row: np.ndarray) -> np.ndarray:
    """Return each part's gauge in mm: its row's ``gauge_mm``, else ``settings.lines_gauge_mm``."""
    if gauge is None:
        return np.full(len(row), settings.lines_gauge_mm, np.int64)
    g = gauge[row]
    return np.where(np.isfinite(g) & (g > 0), np.nan_to_num(g), settings.lines_gauge_mm).astype(np.int64)


def network_from_lines(
    lines: Any,
    *,
    tolerance_m: float = 50.0,
    mode: str = "rail",
    progress: bool | None = None,
    parameters: dict[str, float] | None = None,
) -> nx.MultiDiGraph:
    """Return the transport graph of a network of lines: ends joined, lines split at the nodes they pass.

    Parameters
    ----------
    lines
        A GeoDataFrame or GeoSeries of LineStrings and MultiLineStrings in any CRS (none is
        taken as EPSG:4326), or the path of a GeoPackage, GeoParquet or GeoJSON file. An
        optional ``gauge_mm`` column gives a rail line's gauge.
    tolerance_m
        Line ends within this many metres of one another join; a line is split where it passes
        within this distance of a node (geodesic, on WGS84).
    mode
        ``rail``, ``road`` or ``sea``: the edges' mode, and the speed (``speed.<mode>`` of
        ``parameters.json``) that gives their times.
    progress
        Show a progress bar per step; by default from ``settings.lines_progress_from`` lines on.
    parameters
        Overrides of the travel parameters, as for :func:`corridormap.build_graph`.

    Returns
    -------
    networkx.MultiDiGraph
        Nodes ``node-<n>`` (``layer`` ``lines``, ``lon``, ``lat``); edges keyed by the input row
        (``line-<row>``, with ``:<k>`` for the k-th piece of a split line or of a
        MultiLineString's parts), both ways, with ``feature``, ``layer`` and ``tier`` ``lines``,
        ``mode``, ``length_km`` (= ``drawn_km``, geodesic), ``time_h``, ``gauge_mm`` for rail,
        ``geometry``, ``reverse`` and an always-open ``window``. The routing core is built and
        kept in ``G.graph["_core"]``; ``G.graph["lines"]`` says what was read, joined and split.

    Raises
    ------
    DataReadError
        If the file does not exist or cannot be read.
    InvalidArgumentError
        For a tolerance that is not a positive number, a mode other than rail, road or sea, or
        input without line geometries.

    Examples
    --------
    >>> import geopandas as gpd, shapely
    >>> import corridormap
    >>> gdf = gpd.GeoDataFrame(geometry=[shapely.LineString([(0, 0), (1, 0)]),
    ...                                  shapely.LineString([(1.0002, 0), (2, 0)])], crs="EPSG:4326")
    >>> G = corridormap.network_from_lines(gdf, tolerance_m=50)
    >>> G.number_of_nodes(), round(corridormap.route(G, "0,0", "0,2").length_km, 1)
    (3, 222.6)
    """
    _check_args(tolerance_m, mode)
    params = _parameters(parameters)
    # a build makes millions of objects and no garbage cycles: the cyclic collector, which
    # would scan the growing heap again and again, waits (12.2 s of CPU for 300k lines with it
    # running, 7.2 s with it paused, measured on the world railways)
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _build(lines, float(tolerance_m), mode, progress, params)
    finally:
        if collecting:
            gc.enable()


def _build(
    lines: Any, tolerance_m: float, mode: str, progress: bool | None, params: dict[str, float]
) -> nx.MultiDiGraph:
    """Build the graph (:func:`network_from_lines` with its arguments checked)."""
    show = progress if progress is not None else _rows(lines) >= settings.lines_progress_from
    seconds: dict[str, float] = {}
    with _step("read", 1, "file", show, seconds) as bar:
        parts, row, gauge_col, facts = read_line_parts(lines)
        bar.update(1)
    n = len(parts)
    with _step("snap", 2 * n, "end", show, seconds) as bar:
        ends = np.concatenate(
            [
                shapely.get_coordinates(shapely.get_point(parts, 0)),
                shapely.get_coordinates(shapely.get_point(parts, -1)),
            ]
        )
        label, node_xy, joined = _join_ends(ends, float(tolerance_m))
        line_ends = np.column_stack([label[:n], label[n:]])
        bar.update(2 * n)
    with _step("split", n, "line", show, seconds) as bar:
        cut_line, cut_node, at = passing(parts, node_xy, float(tolerance_m), line_ends)
        piece_line, piece_from, piece_to, pieces = cut_lines(parts, cut_line, at)
        cut_at = np.concatenate([cut_node, [-1]])  # index -1: a piece's own line end, never read
        u = np.where(piece_from < 0, line_ends[piece_line, 0], cut_at[piece_from])
        v = np.where(piece_to < 0, line_ends[piece_line, 1], cut_at[piece_to])
        km = lengths_km(pieces)
        bar.update(n)
    G = nx.MultiDiGraph(
        crs="EPSG:4326",
        data=str(lines) if isinstance(lines, str | Path) else "<GeoDataFrame>",
        parameters=params,
        format=GRAPH_FORMAT,
    )
    piece_row = row[piece_line]
    gauge = _gauges(gauge_col, row)[piece_line]
    with _step("graph", 2 * len(pieces), "edge", show, seconds) as bar:
        cols = _edges(G, node_xy, u, v, piece_row, pieces, km, mode, gauge, params, bar)
    with _step("core", 1, "graph", show, seconds) as bar:
        edge_u = np.concatenate([u, v[u != v]])
        edge_v = np.concatenate([v, u[u != v]])
        G.graph["_core"] = core_from_columns(G, cols, edge_u, edge_v)
        bar.update(1)
    G.graph["lines"] = {
        **facts,
        "tolerance_m": float(tolerance_m),
        "mode": mode,
        "nodes": len(node_xy),
        "pieces": len(pieces),
        "joined_end_pairs": joined,
        "splits": len(cut_line),
        "gauge_mm": None
        if mode != "rail"
        else ("gauge_mm column" if gauge_col is not None else settings.lines_gauge_mm),
        "seconds": seconds,
    }
    return G


def _edges(
    G: nx.MultiDiGraph,
    node_xy: np.ndarray,
    u: np.ndarray,
    v: np.ndarray,
    piece_row: np.ndarray,
    pieces: np.ndarray,
    km: np.ndarray,
    mode: str,
    gauge: np.ndarray,
    params: dict[str, float],
    bar: Any,
) -> dict[str, Any]:
    """Add the nodes, and each piece as an edge both ways (a loop once), in bulk; return the core's columns."""
    names = [f"node-{i}" for i in range(len(node_xy))]
    G.add_nodes_from(
        (name, {"layer": "lines", "lon": lon, "lat": lat})
        for name, (lon, lat) in zip(names, node_xy.tolist(), strict=True)
    )
    count = np.bincount(piece_row)
    first = np.cumsum(count) - count  # pieces of a row are consecutive (parts, then along each)
    rank = np.arange(len(piece_row)) - first[piece_row]
    split = count[piece_row] > 1
    rows, ranks = piece_row.tolist(), rank.tolist()
    keys = [
        f"line-{r}:{k}" if s else f"line-{r}" for r, k, s in zip(rows, ranks, split.tolist(), strict=True)
    ]
    features = [f"line-{r}" for r in rows]
    hours = km / params[LINE_MODES[mode]]
    window = Window()
    gauges: dict[int, list[int]] = {g: [g] for g in np.unique(gauge).tolist()}
    loop = u == v
    m = len(keys)
    for lo in range(0, m, _CHUNK):
        batch = []
        for a, b, key, fid, geom, length, time_h, g, rk, once in zip(
            u[lo : lo + _CHUNK].tolist(),
            v[lo : lo + _CHUNK].tolist(),
            keys[lo : lo + _CHUNK],
            features[lo : lo + _CHUNK],
            pieces[lo : lo + _CHUNK].tolist(),
            km[lo : lo + _CHUNK].tolist(),
            hours[lo : lo + _CHUNK].tolist(),
            gauge[lo : lo + _CHUNK].tolist(),
            ranks[lo : lo + _CHUNK],
            loop[lo : lo + _CHUNK].tolist(),
            strict=True,
        ):
            data = {
                "feature": fid,
                "layer": "lines",
                "tier": "lines",
                "mode": mode,
                "segment": rk,
                "length_km": length,
                "drawn_km": length,
                "time_h": time_h,
                "window": window,
                "geometry": geom,
                "reverse": False,
            }
            if mode == "rail":
                data["gauge_mm"] = gauges[g]
            batch.append((names[a], names[b], key, data))
            if not once:
                batch.append((names[b], names[a], key, {**data, "reverse": True}))
        G.add_edges_from(batch)
        bar.update(2 * min(_CHUNK, m - lo))  # a loop is one edge, counted as two
    back = ~loop
    order = np.concatenate([np.arange(m), np.flatnonzero(back)])
    uu = np.concatenate([u, v[back]])
    vv = np.concatenate([v, u[back]])
    states = (
        [(f"rail{g}",) for g in gauge.tolist()]
        if mode == "rail"
        else [("road" if mode == "road" else "sea",)] * m
    )
    return {
        "edges": [
            (names[a], names[b], keys[i])
            for a, b, i in zip(uu.tolist(), vv.tolist(), order.tolist(), strict=True)
        ],
        "feature": [features[i] for i in order.tolist()],
        "mode": [mode] * len(order),
        "layer": ["lines"] * len(order),
        "tier": ["lines"] * len(order),
        "states": [states[i] for i in order.tolist()],
        "km": km[order],
        "time": hours[order],
        "kinds": [None] * len(order),
        "passenger": np.zeros(len(order), bool),
        "window": [window] * len(order),
    }

"""The transport graph of a dataset, built once and kept in a versioned cache of arrays.

:func:`network` loads and validates a dataset, builds its transport graph and its routing core
(:mod:`corridormap.core`), and keeps both in ``$CORRIDORMAP_CACHE`` (default
``~/.cache/corridormap``), so that a repeated command-line query does not read the dataset
again. A cache entry is a folder ``graph-<key>/`` of data files, never a pickle:

- ``*.npy``: numpy arrays, read memory-mapped (``np.load(mmap_mode="r")``, pickled objects
  refused): the edges' end nodes, lengths, times, segments and directions, their line
  geometries as coordinates with offsets (shapely's ragged layout), each node's and each edge's
  attribute set, the feature table (its order, attribute sets and end nodes), and every array
  of the routing core (states, arcs, the per-edge facts a scenario tests);
- ``graph.json``: the layout version, the key, each array's dtype and shape, the graph's
  attributes, the node ids, the edge keys (``null`` where a key is its feature's id), each
  distinct set of node, edge and feature attributes once (a row points to its set by number),
  and the name index of :func:`corridormap.lookup.name_index`;
- ``cch/``: the routing core's contraction order for the CCH search
  (:func:`corridormap.core.topology`), in RoutingKit's binary vector files (integers only),
  each with its sha256 in ``graph.json``: RoutingKit reads them without checks, so a file that
  does not match its hash makes the entry unusable (it is rebuilt) before it reaches RoutingKit.

A graph is read back as a :class:`LazyGraph`: its nodes, routing core and name index at once,
the rows of its feature table and its single edges (without their geometry, unless asked) as a
route reads them, and its networkx edges the first time anything reads them, so that a
command-line route does not pay for building 10^5 edge dicts nor import shapely.

The cache is safe and never stale:

- its key is a hash of every file of the dataset, the parameter overrides, the corridormap
  version and the source code of every module the graph is built by, so an edited file or a
  changed builder always gives a fresh graph;
- nothing in it is code: JSON and plain numeric arrays only. An entry that is incomplete, of
  another layout or key, or whose arrays do not match their description or point outside each
  other is rebuilt, with one warning that says why;
- an entry is written to a temporary folder and moved into place, and only the newest
  ``settings.cache_entries`` entries are kept.
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

import networkx as nx
import numpy as np

from . import settings
from ._errors import DataReadError
from ._version import __version__
from .core import Core, core_graph, topology
from .graph import GRAPH_FORMAT, build_graph, features
from .io import default_data_dir, fingerprint
from .lookup import name_index
from .state import Window

if TYPE_CHECKING:
    from .dataset import Dataset

__all__ = [
    "cache_dir",
    "cache_key",
    "edge_data",
    "lines_key",
    "lines_network",
    "load_graph",
    "network",
    "save_graph",
]

log = logging.getLogger(__name__)

#: The layout of a cache entry; bumped whenever its files change.
LAYOUT = "corridormap-graph-arrays-3"  # 3: with the CCH ordering in cch/
#: The modules whose code shapes the cached graph: a change to any of them is a new key.
_BUILDERS = (
    "graph",
    "backbone",
    "multimodal",
    "core",
    "state",
    "geodesy",
    "units",
    "dates",
    "io",
    "vocab",
    "lookup",
    "cache",
)
#: Edge attributes kept in arrays, not in the JSON attribute sets.
_EDGE_ARRAYS = ("segment", "length_km", "drawn_km", "time_h")
_SPECIAL = ("feature", "geometry", "reverse", "window", *_EDGE_ARRAYS)
#: The routing core's arrays, stored as they are.
_CORE_ARRAYS = (
    "edge_feature",
    "edge_mode",
    "edge_tier",
    "edge_kinds",
    "edge_passenger",
    "edge_planned",
    "edge_cancelled",
    "edge_opened",
    "edge_expected",
    "edge_closed",
    "edge_months",
    "state_node",
    "state_code",
    "state_of",
    "arc_tail",
    "arc_head",
    "arc_edge",
    "arc_transfer",
    "arc_length_km",
    "arc_time_h",
    "node_xy",
)
_NEVER = np.iinfo(np.int64).max
_MMAP_FROM = 1 << 16  # bytes: larger arrays are memory-mapped


class _UnreadableError(Exception):
    """A cache entry that cannot be used (the message says why)."""


def cache_dir() -> Path:
    """Return the folder for cached graphs: ``$CORRIDORMAP_CACHE``, else the user cache folder.

    Returns
    -------
    pathlib.Path
    """
    if os.environ.get("CORRIDORMAP_CACHE"):
        return Path(os.environ["CORRIDORMAP_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "corridormap"


def _versioned(digest: Any, builders: tuple[str, ...]) -> str:
    """Finish a cache key: the formats, the versions and the code of the modules that build it."""
    digest.update(
        f"format={GRAPH_FORMAT};layout={LAYOUT};corridormap={__version__};networkx={nx.__version__}".encode()
    )
    here = Path(__file__).parent
    for name in builders:
        digest.update((here / f"{name}.py").read_bytes())
    hexdigest: str = digest.hexdigest()[:32]
    return hexdigest


def cache_key(root: Path, parameters: dict[str, float] | None = None, backbone: bool = True) -> str:
    """Return the cache key of a dataset's graph.

    Parameters
    ----------
    root
        The dataset folder.
    parameters
        Travel-parameter overrides.
    backbone
        Whether the graph joins the dataset's railway backbone.

    Returns
    -------
    str
        32 hex digits.
    """
    digest = hashlib.sha256()
    digest.update(fingerprint(root).encode())
    digest.update(repr(sorted((parameters or {}).items())).encode())
    digest.update(f"backbone={backbone}".encode())
    return _versioned(digest, _BUILDERS)


#: The modules whose code shapes a graph built from a file of lines (with the parameters' file).
_LINE_BUILDERS = (
    "lines",
    "snap",
    "graph",
    "core",
    "multimodal",
    "state",
    "geodesy",
    "units",
    "vocab",
    "lookup",
    "cache",
)


def lines_key(path: Path, tolerance_m: float, mode: str) -> str:
    """Return the cache key of the graph of a file of lines.

    Parameters
    ----------
    path
        The file (GeoPackage, GeoParquet, GeoJSON).
    tolerance_m, mode
        As for :func:`corridormap.network_from_lines`.

    Returns
    -------
    str
        32 hex digits: a hash of the file's content (not its name or date), the tolerance, the
        mode, the shipped travel parameters, the layout and versions, and the builders' code.

    Raises
    ------
    DataReadError
        If the file does not exist or cannot be read.
    """
    digest = hashlib.sha256(b"lines")
    try:
        with Path(path).open("rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:
        what = "is a folder, not a file" if Path(path).is_dir() else "cannot be read"
        if isinstance(exc, FileNotFoundError):
            what = "does not exist"
        raise DataReadError(
            f"lines file '{path}' {what}: give a GeoPackage, GeoParquet or GeoJSON file"
        ) from None
    digest.update(f"tolerance_m={float(tolerance_m)!r};mode={mode}".encode())
    digest.update((default_data_dir() / "parameters.json").read_bytes())
    return _versioned(digest, _LINE_BUILDERS)


def _geometry_arrays(geoms: list[Any]) -> dict[str, np.ndarray]:
    import shapely

    array = np.asarray(geoms, dtype=object)
    multi = shapely.get_type_id(array) == shapely.GeometryType.MULTILINESTRING
    if shapely.is_empty(array).any():  # an empty line: one at a time
        as_multi: np.ndarray = np.array(
            [g if m else shapely.MultiLineString([g]) for g, m in zip(geoms, multi, strict=True)],
            dtype=object,
        )
    else:  # every geometry as a MultiLineString, in one call
        parts, owner = shapely.get_parts(array, return_index=True)
        as_multi = np.asarray(shapely.multilinestrings(parts, indices=owner), dtype=object)
    _, coords, (part_offsets, lines) = shapely.to_ragged_array(as_multi)
    return {"geom_coords": coords, "geom_parts": part_offsets, "geom_lines": lines, "geom_multi": multi}


def _geometries(arrays: dict[str, np.ndarray]) -> np.ndarray:
    import shapely

    offsets = (np.asarray(arrays["geom_parts"]), np.asarray(arrays["geom_lines"]))
    geoms = shapely.from_ragged_array(
        shapely.GeometryType.MULTILINESTRING, np.asarray(arrays["geom_coords"]), offsets
    )
    single = ~np.asarray(arrays["geom_multi"])
    geoms[single] = shapely.get_geometry(geoms[single], 0)
    return geoms


def _sets(rows: list[dict[str, Any]], special: tuple[str, ...]) -> tuple[list[Any], np.ndarray]:
    """Return each distinct attribute set once (``special`` keys kept in place as ``None``) and each row's set.

    Rows that hold the very same value objects under the same keys (an edge and its reverse, the
    edges of one builder sharing their strings and lists) are one set without encoding each.
    """
    sets: dict[str, int] = {}
    seen: dict[tuple[Any, ...], int] = {}

    def code(d: dict[str, Any]) -> int:
        same = tuple((k, None if k in special else id(val)) for k, val in d.items())
        found = seen.get(same)
        if found is None:
            text = json.dumps({k: (None if k in special else val) for k, val in d.items()}, allow_nan=False)
            found = seen[same] = sets.setdefault(text, len(sets))
        return found

    codes = np.fromiter((code(d) for d in rows), np.int64, len(rows))
    return [json.loads(t) for t in sets], codes


def _feature_tables(G: nx.MultiDiGraph, C: Core) -> tuple[dict[str, np.ndarray], list[Any]]:
    """Return the feature table as arrays (its order, attribute sets, end nodes) and its sets."""
    table = features(G)
    number = {f: i for i, f in enumerate(C.features)}
    sets, codes = _sets(list(table.values()), ("from", "to"))
    arrays = {
        "feature_order": np.array([number[f] for f in table], np.int64),
        "feature_set": codes,
        "feature_from": np.array([C.index[d["from"]] for d in table.values()], np.int64),
        "feature_to": np.array([C.index[d["to"]] for d in table.values()], np.int64),
    }
    return arrays, sets


def _tables(G: nx.MultiDiGraph, C: Core) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """Split a transport graph and its core into arrays and a JSON-ready table."""
    adj = G._adj  # the edge dicts themselves, without a view per edge
    edata = [adj[u][v][k] for u, v, k in C.edges]
    edge_sets, edge_set = _sets(edata, _SPECIAL)
    node_sets, node_set = _sets([G.nodes[n] for n in C.nodes], ("lon", "lat"))
    geom_of: list[int] = []
    geoms: list[Any] = []
    by_id: dict[int, int] = {}
    for d in edata:
        geom_of.append(by_id.setdefault(id(d["geometry"]), len(by_id)))
        if len(by_id) > len(geoms):
            geoms.append(d["geometry"])
    feature_arrays, feature_sets = _feature_tables(G, C)
    arrays: dict[str, np.ndarray] = {
        "node_set": node_set,
        "edge_u": C.edge_u,
        "edge_v": C.edge_v,
        "edge_set": edge_set,
        "edge_geometry": np.asarray(geom_of, np.int64),
        "edge_reverse": np.array([d["reverse"] for d in edata], bool),
        **{
            f"edge_{k}": np.array([d[k] for d in edata], np.int64 if k == "segment" else float)
            for k in _EDGE_ARRAYS
        },
        **_geometry_arrays(geoms),
        **feature_arrays,
        **{name: getattr(C, name) for name in _CORE_ARRAYS},
    }
    table = {
        "graph": {k: v for k, v in G.graph.items() if not k.startswith("_")},
        "node_ids": C.nodes,
        "node_sets": node_sets,
        "edge_keys": [
            None if key == d["feature"] else key for (_, _, key), d in zip(C.edges, edata, strict=True)
        ],
        "edge_sets": edge_sets,
        "feature_sets": feature_sets,
        "core": {
            "features": C.features,
            "modes": C.modes,
            "tiers": C.tiers,
            "kinds": C.kinds,
            "states": C.states,
        },
        "names": name_index(G),
    }
    return arrays, table


def save_graph(path: Path, G: nx.MultiDiGraph, key: str) -> None:
    """Write a transport graph and its routing core as a cache entry (a folder), atomically.

    Parameters
    ----------
    path
        The entry's folder.
    G
        The transport graph.
    key
        Its cache key, recorded in the entry.
    """
    C = core_graph(G)
    arrays, table = _tables(G, C)
    table = {
        "layout": LAYOUT,
        "key": key,
        "arrays": {k: [a.dtype.str, list(a.shape)] for k, a in arrays.items()},
        **table,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=path.parent, prefix=".tmp-"))
    try:
        for name, a in arrays.items():
            np.save(tmp / f"{name}.npy", np.ascontiguousarray(a), allow_pickle=False)
        ordering = topology(C)  # the CCH's nested dissection (RoutingKit's own binary files)
        if ordering is not None:
            (tmp / "cch").mkdir()
            ordering.save(str(tmp / "cch"))
            table["cch"] = {f.name: _sha256(f) for f in sorted((tmp / "cch").iterdir())}
        (tmp / "graph.json").write_text(
            json.dumps(table, ensure_ascii=False, allow_nan=False), encoding="utf-8"
        )
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def _read_arrays(path: Path, table: dict[str, Any]) -> dict[str, np.ndarray]:
    if table.get("layout") != LAYOUT:
        raise _UnreadableError(f"layout {table.get('layout')!r}, not {LAYOUT!r}")
    arrays = {}
    for name, (dtype, shape) in table["arrays"].items():
        if not name.replace("_", "").isalnum():
            raise _UnreadableError(f"array name {name!r}")
        file = path / f"{name}.npy"
        big = file.stat().st_size > _MMAP_FROM  # small arrays are simply read
        try:
            a = np.load(file, mmap_mode="r" if big else None, allow_pickle=False)
        except FileNotFoundError:
            raise
        except (OSError, ValueError, EOFError) as exc:  # no numbers, or a pickled object (refused)
            raise _UnreadableError(f"{name}.npy: {exc}") from None
        if a.dtype.str != dtype or list(a.shape) != shape:
            raise _UnreadableError(
                f"{name}.npy is {a.dtype.str} {list(a.shape)}, the entry says {dtype} {shape}"
            )
        # a plain array over the mapped pages: indexing a numpy.memmap makes a memmap each time
        arrays[name] = np.asarray(a)
    return arrays


def _sha256(file: Path) -> str:
    return hashlib.sha256(file.read_bytes()).hexdigest()


def _check_cch(folder: Path, hashes: dict[str, str]) -> None:
    """Refuse a CCH ordering whose files are not the ones written.

    RoutingKit reads its binary files without checks, so a damaged one must never reach it.
    """
    found = sorted(f.name for f in folder.iterdir()) if folder.is_dir() else []
    if found != sorted(hashes):
        raise _UnreadableError(f"cch/ holds {found}, the entry says {sorted(hashes)}")
    for name, digest in hashes.items():
        if _sha256(folder / name) != digest:
            raise _UnreadableError(f"cch/{name} does not match its hash")


def _check_bounds(a: dict[str, np.ndarray], table: dict[str, Any]) -> None:
    """Refuse arrays that point outside each other (a damaged or edited entry)."""
    n_nodes, n_edges = len(table["node_ids"]), len(table["edge_keys"])
    n_states, core = len(a["state_node"]), table["core"]
    limits = {
        "node_set": len(table["node_sets"]),
        "feature_order": len(core["features"]),
        "feature_set": len(table["feature_sets"]),
        "feature_from": n_nodes,
        "feature_to": n_nodes,
        "edge_u": n_nodes,
        "edge_v": n_nodes,
        "edge_set": len(table["edge_sets"]),
        "edge_geometry": len(a["geom_multi"]),
        "edge_feature": len(core["features"]),
        "edge_mode": len(core["modes"]),
        "edge_tier": len(core["tiers"]),
        "edge_kinds": len(core["kinds"]),
        "state_node": n_nodes,
        "state_code": len(core["states"]),
        "arc_tail": n_states,
        "arc_head": n_states,
        "arc_edge": n_edges,
        "geom_parts": len(a["geom_coords"]) + 1,
        "geom_lines": len(a["geom_parts"]),
    }
    for name, limit in limits.items():
        x = a[name]
        low = -1 if name == "arc_edge" else 0
        if len(x) and (x.min() < low or x.max() >= limit):
            raise _UnreadableError(f"{name}.npy points outside its table")
    for name, x in a.items():
        if name.startswith("edge_") and len(x) != n_edges:
            raise _UnreadableError(f"{name}.npy has {len(x)} rows for {n_edges} edges")
    if len(a["node_set"]) != n_nodes or a["node_xy"].shape != (n_nodes, 2):
        raise _UnreadableError("node_set.npy or node_xy.npy does not match the nodes")
    if len({len(a[f"feature_{k}"]) for k in ("order", "set", "from", "to")}) != 1:
        raise _UnreadableError("the feature arrays differ in length")
    if len(a["geom_lines"]) != len(a["geom_multi"]) + 1:
        raise _UnreadableError("geom_lines.npy does not match geom_multi.npy")
    for name in ("geom_parts", "geom_lines"):
        if np.any(np.diff(a[name]) < 0):
            raise _UnreadableError(f"{name}.npy offsets go backwards")
    if a["state_of"].shape != (n_nodes, len(core["states"])) or a["state_of"].max(initial=-1) >= n_states:
        raise _UnreadableError("state_of.npy does not match the state table")


_WINDOW_COLUMNS = ("planned", "cancelled", "opened", "expected", "closed", "months")
#: The per-edge columns an edge dict is made of (each ``edge_<name>.npy``).
_COLUMNS = ("set", "feature", "reverse", *_EDGE_ARRAYS, *_WINDOW_COLUMNS)


def _window(planned: bool, cancelled: bool, opened: int, expected: int, closed: int, months: int) -> Window:
    """Return the window of an edge from its stored columns."""
    import datetime as dt

    def day(x: int, missing: int) -> dt.date | None:
        return None if x == missing else dt.date.fromordinal(x)

    chosen = frozenset(m for m in range(1, 13) if months >> m & 1) or None
    return Window(planned, cancelled, day(opened, 0), day(expected, 0), day(closed, _NEVER), chosen)


def _geometry(a: dict[str, np.ndarray], g: int) -> Any:
    """Return geometry ``g`` of an entry alone (as :func:`_geometries` makes it among all)."""
    import shapely

    parts, coords = a["geom_parts"], a["geom_coords"]
    lo, hi = int(a["geom_lines"][g]), int(a["geom_lines"][g + 1])
    lines = [shapely.LineString(np.asarray(coords[parts[p] : parts[p + 1]])) for p in range(lo, hi)]
    return shapely.MultiLineString(lines) if a["geom_multi"][g] else lines[0]


class _Rows(Sequence[Any]):
    """A column of an entry read row by row (the core's edges and layers), not made all at once."""

    def __init__(self, n: int, row: Callable[[int], Any]) -> None:
        self.n, self.row = n, row

    def __len__(self) -> int:
        return self.n

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle the column as the list it stands for."""
        return list, (list(self),)

    @overload
    def __getitem__(self, i: int) -> Any: ...
    @overload
    def __getitem__(self, i: slice) -> list[Any]: ...
    def __getitem__(self, i: int | slice) -> Any:
        if isinstance(i, slice):
            return [self.row(j) for j in range(*i.indices(self.n))]
        if not -self.n <= i < self.n:
            raise IndexError(i)
        return self.row(i % self.n)


def _edge_list(a: dict[str, np.ndarray], keys: list[str | None], C: Core) -> list[tuple[str, str, str]]:
    """Return every edge of an entry as ``(u, v, key)``, in order (``C.edges`` as a list)."""
    u, v, f = (a[name].tolist() for name in ("edge_u", "edge_v", "edge_feature"))
    nodes, features = C.nodes, C.features
    return [
        (nodes[x], nodes[y], features[z] if k is None else k)
        for x, y, z, k in zip(u, v, f, keys, strict=True)
    ]


class _Edges:
    """The edges of a cache entry, made into networkx edge dicts one by one or all at once."""

    def __init__(self, a: dict[str, np.ndarray], table: dict[str, Any], core: Core) -> None:
        self.a, self.sets, self.core, self.keys = a, table["edge_sets"], core, table["edge_keys"]
        self.made: dict[int, dict[str, Any]] = {}
        self.unmade: dict[int, dict[str, Any]] = {}  # edges read without their geometry
        self.geoms: dict[int, Any] = {}
        self.windows: dict[tuple[Any, ...], Window] = {}

    def _attrs(self, columns: dict[str, Any]) -> dict[str, Any]:
        """Return an edge dict from its stored columns, its geometry ``None`` (in its place)."""
        row = tuple(columns[k] for k in _WINDOW_COLUMNS)
        window = self.windows.get(row)
        if window is None:
            window = self.windows[row] = _window(*row)
        d = dict(self.sets[columns["set"]])
        d["feature"] = self.core.features[columns["feature"]]
        d.update(geometry=None, reverse=columns["reverse"], window=window)
        d.update((k, columns[k]) for k in _EDGE_ARRAYS)
        return d

    def _make(self, i: int, columns: dict[str, Any], geometry: Any) -> dict[str, Any]:
        d = self.made.get(i)
        if d is None:
            d = self.unmade.pop(i, None) or self._attrs(columns)
            d["geometry"] = geometry
            self.made[i] = d
        return d

    def _columns(self, i: int) -> dict[str, Any]:
        return {name: self.a[f"edge_{name}"][i].item() for name in _COLUMNS}

    def data(self, i: int) -> dict[str, Any]:
        """Return edge ``i``'s attributes (the very dict the graph holds once it is built)."""
        made = self.made.get(i)
        if made is not None:
            return made
        g = int(self.a["edge_geometry"][i])
        if g not in self.geoms:
            self.geoms[g] = _geometry(self.a, g)
        return self._make(i, self._columns(i), self.geoms[g])

    def facts(self, i: int) -> dict[str, Any]:
        """Return edge ``i``'s attributes with its geometry ``None`` if it is not made yet.

        The dict becomes the graph's own, its geometry filled in, when the edge is made.
        """
        d = self.made.get(i) or self.unmade.get(i)
        if d is None:
            d = self.unmade[i] = self._attrs(self._columns(i))
        return d

    def fill(self, G: nx.MultiDiGraph) -> None:
        """Give a graph whose nodes are in place all the edges, in the order they were stored."""
        geoms = _geometries(self.a)
        for g, made in self.geoms.items():
            geoms[g] = made  # keep the geometries of the edges made already
        geom_of = self.a["edge_geometry"].tolist()
        lists = [self.a[f"edge_{name}"].tolist() for name in _COLUMNS]
        succ: dict[str, dict[str, dict[str, Any]]] = {n: {} for n in G._node}
        pred: dict[str, dict[str, dict[str, Any]]] = {n: {} for n in G._node}
        edges = _edge_list(self.a, self.keys, self.core)
        for i, ((u, v, key), *values) in enumerate(zip(edges, *lists, strict=True)):
            keys = succ[u].get(v)
            if keys is None:
                keys = succ[u][v] = pred[v][u] = {}
            keys[key] = self._make(i, dict(zip(_COLUMNS, values, strict=True)), geoms[geom_of[i]])
        G.__dict__.update(_succ=succ, _adj=succ, _pred=pred)


class _Adjacency:
    """An adjacency attribute of :class:`LazyGraph` (``_adj``, ``_succ``, ``_pred``), built on first read.

    networkx keeps each of them behind a descriptor that resets the graph's cached views when
    it is set; this one does the same on a set and builds the edges on the first get.
    """

    def __init__(self, name: str) -> None:
        import inspect

        self.name, self.base = name, inspect.getattr_static(nx.MultiDiGraph, name)

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        od = obj.__dict__
        if self.name not in od:
            od.pop("_lazy").fill(obj)
        return od[self.name]

    def __set__(self, obj: Any, value: Any) -> None:
        self.base.__set__(obj, value)


class LazyGraph(nx.MultiDiGraph):  # type: ignore[misc]
    """A transport graph read from the cache, whose edges are made the first time they are needed.

    Its nodes, graph attributes, routing core, feature table and name index are read at once, and
    that is all a route needs (:func:`edge_data` reads single edges). The networkx adjacency is
    built on first use of anything networkx reads it for (``G.edges``, ``G[u]``, an algorithm,
    a change to the graph), so the graph behaves in every way as the one built from the dataset.
    """

    _adj = _Adjacency("_adj")
    _succ = _Adjacency("_succ")
    _pred = _Adjacency("_pred")

    def __getstate__(self) -> dict[str, Any]:
        """Pickle the graph with its edges built (a worker process receives a plain graph)."""
        self._adj  # noqa: B018 - builds the edges
        return dict(self.__dict__)


def edge_data(G: nx.MultiDiGraph, i: int, *, geometry: bool = True) -> dict[str, Any]:
    """Return the attributes of edge ``i`` of a graph's routing core, without building every edge.

    Parameters
    ----------
    G
        A transport graph (read from the cache or built).
    i
        The edge's index in ``core_graph(G).edges``.
    geometry
        ``False`` for a reader that does not need the geometry: a graph read from the cache then
        does not make it (nor import shapely), and the dict's ``geometry`` is ``None`` until the
        edge is made.

    Returns
    -------
    dict
        The edge's attribute dict, as ``G.edges[u, v, key]``.
    """
    lazy = G.__dict__.get("_lazy")
    if lazy is not None:
        data: dict[str, Any] = lazy.data(i) if geometry else lazy.facts(i)
        return data
    found: dict[str, Any] = G.edges[core_graph(G).edges[i]]
    return found


def _rebuild(a: dict[str, np.ndarray], table: dict[str, Any]) -> nx.MultiDiGraph:
    """Return the graph of an entry, with its routing core, its edges to be made on first use."""
    nodes, sets, core = table["node_ids"], table["edge_sets"], table["core"]
    G = LazyGraph(**table["graph"])
    node_sets = table["node_sets"]
    for n, code, (lon, lat) in zip(nodes, a["node_set"].tolist(), a["node_xy"].tolist(), strict=True):
        G._node[n] = attrs = dict(node_sets[code])
        attrs["lon"], attrs["lat"] = lon, lat
    features, keys = core["features"], table["edge_keys"]
    u, v, f, layer = (a[name] for name in ("edge_u", "edge_v", "edge_feature", "edge_set"))

    def edge(i: int) -> tuple[str, str, str]:
        key = keys[i]
        return nodes[u[i]], nodes[v[i]], features[f[i]] if key is None else key

    C = Core(
        nodes=nodes,
        index={n: i for i, n in enumerate(nodes)},
        edges=_Rows(len(keys), edge),
        edge_u=a["edge_u"],
        edge_v=a["edge_v"],
        features=features,
        modes=core["modes"],
        tiers=core["tiers"],
        kinds=core["kinds"],
        states=core["states"],
        edge_layer=_Rows(len(keys), lambda i: sets[layer[i]]["layer"]),
        **{name: a[name] for name in _CORE_ARRAYS},
    )
    G.graph.update(_core=C, _names=table["names"], _table=_FeatureTable(a, table["feature_sets"], C))
    for name in ("_adj", "_succ", "_pred"):
        del G.__dict__[name]
    G.__dict__["_lazy"] = _Edges(a, table, C)
    return G


class _FeatureTable(Mapping[str, dict[str, Any]]):
    """The feature table (:func:`corridormap.graph.features`) of an entry, each row made on first read.

    A route reads the rows of the few features it uses; making all of them (10^4 dicts) would
    cost a cold command-line route more than its search. Rows keep the stored order, and a row
    once made is the same dict on every read, as in the table a built graph holds.
    """

    def __init__(self, a: dict[str, np.ndarray], sets: list[Any], C: Core) -> None:
        self.a, self.sets, self.core = a, sets, C
        self.made: dict[str, dict[str, Any]] = {}
        self._row: dict[str, int] | None = None

    @property
    def row(self) -> dict[str, int]:
        """Each feature's row in the entry's feature arrays."""
        if self._row is None:
            features = self.core.features
            self._row = {features[f]: i for i, f in enumerate(self.a["feature_order"].tolist())}
        return self._row

    def __getitem__(self, fid: str) -> dict[str, Any]:
        attrs = self.made.get(fid)
        if attrs is None:
            i = self.row[fid]  # KeyError for a feature the graph does not have
            a, nodes = self.a, self.core.nodes
            attrs = dict(self.sets[int(a["feature_set"][i])])
            attrs["from"], attrs["to"] = nodes[int(a["feature_from"][i])], nodes[int(a["feature_to"][i])]
            self.made[fid] = attrs
        return attrs

    def __contains__(self, fid: object) -> bool:
        return fid in self.row

    def __iter__(self) -> Iterator[str]:
        return iter(self.row)

    def __len__(self) -> int:
        return len(self.a["feature_order"])

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle the table as the dict it stands for."""
        return dict, (dict(self.items()),)


def load_graph(path: Path, key: str) -> nx.MultiDiGraph | None:
    """Return the graph of a cache entry, or ``None`` (with a warning that says why) if it cannot be used.

    Parameters
    ----------
    path
        The entry's folder.
    key
        The key the entry must have been written for.

    Returns
    -------
    networkx.MultiDiGraph or None
    """
    collecting = gc.isenabled()
    gc.disable()  # 10^5 dicts and lists that live as long as the graph: passes over them free nothing
    try:
        table = json.loads((path / "graph.json").read_text(encoding="utf-8"))
        if not isinstance(table, dict) or table.get("key") != key:
            raise _UnreadableError("it was written for another key")
        arrays = _read_arrays(path, table)
        _check_bounds(arrays, table)
        G = _rebuild(arrays, table)
        if table.get("cch"):
            _check_cch(path / "cch", table["cch"])
            core_graph(G).topology_dir = path / "cch"
        return G
    except FileNotFoundError as exc:
        reason = f"{Path(exc.filename or '').name or 'a file'} is missing"
    except Exception as exc:  # anything wrong with an entry (it holds no code) means rebuilding it
        reason = str(exc) or type(exc).__name__
    finally:
        if collecting:
            gc.enable()
    log.warning("rebuilding the graph: cache entry %s cannot be used: %s", path, reason)
    return None


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("graph-*"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[settings.cache_entries :]:
        if old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.unlink(missing_ok=True)  # an entry of an older layout (a pickle): never read


def network(
    data: str | Path | None = None,
    parameters: dict[str, float] | None = None,
    *,
    cache: bool = True,
    dataset: Dataset | None = None,
    backbone: bool = True,
) -> nx.MultiDiGraph:
    """Return the transport graph of a dataset, built once and cached on disk.

    Parameters
    ----------
    data
        The dataset folder; ``None`` for the shipped dataset.
    parameters
        Overrides of travel-time parameters (see :func:`corridormap.graph.build_graph`).
    cache
        Read and write the cache (``False`` always builds afresh).
    dataset
        The dataset already loaded from ``data``, so that a command that also draws a map
        loads and validates it once.
    backbone
        Join the dataset's railway backbone (the shipped dataset has one); ``False`` for the
        curated network alone.

    Returns
    -------
    networkx.MultiDiGraph
        With its routing core in ``G.graph["_core"]``.

    Raises
    ------
    DataReadError
        If the folder does not exist.
    DataValidationError
        If the dataset has errors.
    """
    root = dataset.path if dataset is not None else default_data_dir() if data is None else Path(data)
    key = cache_key(root, parameters, backbone)
    path = cache_dir() / f"graph-{key}"
    if cache and path.is_dir():
        G = load_graph(path, key)
        if G is not None:
            return G
    if dataset is None:
        from .dataset import load

        dataset = load(root)
    G = build_graph(dataset, parameters, backbone=backbone)
    core_graph(G)
    if cache:
        try:
            save_graph(path, G, key)
            _prune(path.parent)
        except (OSError, TypeError, ValueError) as exc:  # a disk problem, or attributes JSON cannot hold
            log.warning("cannot write graph cache %s: %s", path, exc)
    return G


def lines_network(
    path: str | Path,
    *,
    tolerance_m: float = 50.0,
    mode: str = "rail",
    cache: bool = True,
    progress: bool | None = None,
) -> nx.MultiDiGraph:
    """Return the transport graph of a file of lines, built once and cached on disk.

    The graph is :func:`corridormap.network_from_lines`'s, kept in the same versioned array
    cache as :func:`network` under :func:`lines_key` (the file's content hash, the tolerance and
    the mode), so a second query on the same file reads it back in a fraction of the time.

    Parameters
    ----------
    path
        A GeoPackage, GeoParquet or GeoJSON file of lines.
    tolerance_m, mode, progress
        As for :func:`corridormap.network_from_lines`.
    cache
        Read and write the cache (``False`` always builds afresh).

    Returns
    -------
    networkx.MultiDiGraph

    Raises
    ------
    DataReadError, InvalidArgumentError
        As for :func:`corridormap.network_from_lines`.
    """
    from .lines import _check_args, network_from_lines  # shapely and pyproj: only when lines are read

    _check_args(tolerance_m, mode)
    key = lines_key(Path(path), tolerance_m, mode)
    entry = cache_dir() / f"graph-{key}"
    if cache and entry.is_dir():
        G = load_graph(entry, key)
        if G is not None:
            return G
    G = network_from_lines(Path(path), tolerance_m=tolerance_m, mode=mode, progress=progress)
    if cache:
        try:
            save_graph(entry, G, key)
            _prune(entry.parent)
        except (OSError, TypeError, ValueError) as exc:
            log.warning("cannot write graph cache %s: %s", entry, exc)
    return G

"""The transport graph of a dataset, built once and kept in a versioned cache of arrays.

:func:`network` loads and validates a dataset, builds its transport graph and its routing core
(:mod:`corridormap.core`), and keeps both in ``$CORRIDORMAP_CACHE`` (default
``~/.cache/corridormap``), so that a repeated command-line query does not read the dataset
again. A cache entry is a folder ``graph-<key>/`` of data files, never a pickle:

- ``*.npy``: numpy arrays, read memory-mapped (``np.load(mmap_mode="r")``, pickled objects
  refused): the edges' end nodes, lengths, times, segments and directions, their line
  geometries as coordinates with offsets (shapely's ragged layout), and every array of the
  routing core (states, arcs, the per-edge facts a scenario tests);
- ``graph.json``: the layout version, the key, each array's dtype and shape, the graph's
  attributes, the nodes with their attributes, the edge keys, and each distinct set of edge
  attributes once (an edge points to its set by number).

The networkx graph is rebuilt from these on load, with its shapely geometries rebuilt from the
coordinates, and the routing core is read as it was stored.

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

import hashlib
import json
import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np

from . import settings
from ._version import __version__
from .core import Core, core_graph
from .graph import GRAPH_FORMAT, build_graph
from .io import default_data_dir, fingerprint
from .state import Window

if TYPE_CHECKING:
    from .dataset import Dataset

__all__ = ["cache_dir", "cache_key", "load_graph", "network", "save_graph"]

log = logging.getLogger(__name__)

#: The layout of a cache entry; bumped whenever its files change.
LAYOUT = "corridormap-graph-arrays-1"
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
    "cache",
)
#: Edge attributes kept in arrays, not in the JSON attribute sets.
_EDGE_ARRAYS = ("segment", "length_km", "drawn_km", "time_h")
_SPECIAL = ("geometry", "reverse", "window", *_EDGE_ARRAYS)
#: The routing core's arrays, stored as they are.
_CORE_ARRAYS = (
    "edge_feature",
    "edge_mode",
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
    digest.update(
        f"format={GRAPH_FORMAT};layout={LAYOUT};corridormap={__version__};networkx={nx.__version__}".encode()
    )
    here = Path(__file__).parent
    for name in _BUILDERS:
        digest.update((here / f"{name}.py").read_bytes())
    return digest.hexdigest()[:32]


def _geometry_arrays(geoms: list[Any]) -> dict[str, np.ndarray]:
    import shapely

    multi = np.array([g.geom_type == "MultiLineString" for g in geoms], bool)
    as_multi = [g if m else shapely.MultiLineString([g]) for g, m in zip(geoms, multi, strict=True)]
    _, coords, (parts, lines) = shapely.to_ragged_array(as_multi)
    return {"geom_coords": coords, "geom_parts": parts, "geom_lines": lines, "geom_multi": multi}


def _geometries(arrays: dict[str, np.ndarray]) -> np.ndarray:
    import shapely

    offsets = (np.asarray(arrays["geom_parts"]), np.asarray(arrays["geom_lines"]))
    geoms = shapely.from_ragged_array(
        shapely.GeometryType.MULTILINESTRING, np.asarray(arrays["geom_coords"]), offsets
    )
    single = ~np.asarray(arrays["geom_multi"])
    geoms[single] = shapely.get_geometry(geoms[single], 0)
    return geoms


def _tables(G: nx.MultiDiGraph, C: Core) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """Split a transport graph and its core into arrays and a JSON-ready table."""
    sets: dict[str, int] = {}
    set_of: list[int] = []
    geom_of: list[int] = []
    geoms: list[Any] = []
    by_id: dict[int, int] = {}
    for u, v, key in C.edges:
        d = G.edges[u, v, key]
        template = json.dumps({k: (None if k in _SPECIAL else val) for k, val in d.items()}, allow_nan=False)
        set_of.append(sets.setdefault(template, len(sets)))
        geom_of.append(by_id.setdefault(id(d["geometry"]), len(by_id)))
        if len(by_id) > len(geoms):
            geoms.append(d["geometry"])
    edata = [G.edges[e] for e in C.edges]
    arrays: dict[str, np.ndarray] = {
        "edge_u": C.edge_u,
        "edge_v": C.edge_v,
        "edge_set": np.asarray(set_of, np.int64),
        "edge_geometry": np.asarray(geom_of, np.int64),
        "edge_reverse": np.array([d["reverse"] for d in edata], bool),
        **{
            f"edge_{k}": np.array([d[k] for d in edata], np.int64 if k == "segment" else float)
            for k in _EDGE_ARRAYS
        },
        **_geometry_arrays(geoms),
        **{name: getattr(C, name) for name in _CORE_ARRAYS},
    }
    graph_attrs = {k: v for k, v in G.graph.items() if not k.startswith("_")}
    table = {
        "graph": graph_attrs,
        "nodes": [[n, G.nodes[n]] for n in C.nodes],
        "edge_keys": [key for _, _, key in C.edges],
        "edge_sets": [json.loads(t) for t in sets],
        "core": {"features": C.features, "modes": C.modes, "kinds": C.kinds, "states": C.states},
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
    arrays, table = _tables(G, core_graph(G))
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
        arrays[name] = a
    return arrays


def _check_bounds(a: dict[str, np.ndarray], table: dict[str, Any]) -> None:
    """Refuse arrays that point outside each other (a damaged or edited entry)."""
    n_nodes, n_edges = len(table["nodes"]), len(table["edge_keys"])
    n_states, core = len(a["state_node"]), table["core"]
    limits = {
        "edge_u": n_nodes,
        "edge_v": n_nodes,
        "edge_set": len(table["edge_sets"]),
        "edge_geometry": len(a["geom_multi"]),
        "edge_feature": len(core["features"]),
        "edge_mode": len(core["modes"]),
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
    if len(a["geom_lines"]) != len(a["geom_multi"]) + 1:
        raise _UnreadableError("geom_lines.npy does not match geom_multi.npy")
    for name in ("geom_parts", "geom_lines"):
        if np.any(np.diff(a[name]) < 0):
            raise _UnreadableError(f"{name}.npy offsets go backwards")
    if a["state_of"].shape != (n_nodes, len(core["states"])) or a["state_of"].max(initial=-1) >= n_states:
        raise _UnreadableError("state_of.npy does not match the state table")


def _windows(a: dict[str, np.ndarray]) -> list[Window]:
    import datetime as dt

    def day(x: int, missing: int) -> dt.date | None:
        return None if x == missing else dt.date.fromordinal(x)

    columns = zip(
        a["edge_planned"].tolist(),
        a["edge_cancelled"].tolist(),
        a["edge_opened"].tolist(),
        a["edge_expected"].tolist(),
        a["edge_closed"].tolist(),
        a["edge_months"].tolist(),
        strict=True,
    )
    made: dict[tuple[Any, ...], Window] = {}
    out = []
    for row in columns:
        if row not in made:
            planned, cancelled, opened, expected, closed, months = row
            chosen = frozenset(m for m in range(1, 13) if months >> m & 1) or None
            made[row] = Window(
                planned, cancelled, day(opened, 0), day(expected, 0), day(closed, _NEVER), chosen
            )
        out.append(made[row])
    return out


def _rebuild(a: dict[str, np.ndarray], table: dict[str, Any]) -> nx.MultiDiGraph:
    """Return the networkx graph and its routing core from an entry's arrays and table."""
    nodes = [n for n, _ in table["nodes"]]
    G = nx.MultiDiGraph(**table["graph"])
    G.add_nodes_from((n, attrs) for n, attrs in table["nodes"])
    geoms, windows, sets = _geometries(a), _windows(a), table["edge_sets"]
    columns = {k: a[f"edge_{k}"].tolist() for k in _EDGE_ARRAYS}
    u, v = a["edge_u"].tolist(), a["edge_v"].tolist()
    rev, geom_of, set_of = a["edge_reverse"].tolist(), a["edge_geometry"].tolist(), a["edge_set"].tolist()
    keys = table["edge_keys"]
    for i in range(len(keys)):
        d = dict(sets[set_of[i]])
        d.update(geometry=geoms[geom_of[i]], reverse=rev[i], window=windows[i])
        d.update((k, columns[k][i]) for k in _EDGE_ARRAYS)
        G.add_edge(nodes[u[i]], nodes[v[i]], key=keys[i], **d)
    core = table["core"]
    edges = [(nodes[x], nodes[y], k) for x, y, k in zip(u, v, keys, strict=True)]
    G.graph["_core"] = Core(
        nodes=nodes,
        index={n: i for i, n in enumerate(nodes)},
        edges=edges,
        edge_u=a["edge_u"],
        edge_v=a["edge_v"],
        features=core["features"],
        modes=core["modes"],
        kinds=core["kinds"],
        states=core["states"],
        edge_layer=[sets[c]["layer"] for c in set_of],
        **{name: a[name] for name in _CORE_ARRAYS},
    )
    return G


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
    try:
        table = json.loads((path / "graph.json").read_text(encoding="utf-8"))
        if not isinstance(table, dict) or table.get("key") != key:
            raise _UnreadableError("it was written for another key")
        arrays = _read_arrays(path, table)
        _check_bounds(arrays, table)
        return _rebuild(arrays, table)
    except FileNotFoundError as exc:
        reason = f"{Path(exc.filename or '').name or 'a file'} is missing"
    except Exception as exc:  # anything wrong with an entry (it holds no code) means rebuilding it
        reason = str(exc) or type(exc).__name__
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

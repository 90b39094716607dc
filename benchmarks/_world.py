"""The world railway network of scgraph_data (OpenStreetMap, ODbL) as arrays, for the large benchmarks.

scgraph_data 2.0.0 ships each network as a Python module of two literals, ``graph=[{j: km}, ...]``
and ``nodes=[[lat, lon], ...]``. They are read as text and parsed as JSON (nothing is imported or
executed), as ``scripts/alignments/extract_upstream.py`` does. Network data (c) OpenStreetMap
contributors, ODbL-1.0.
"""

from __future__ import annotations

import importlib.util
import json
import re
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import numpy as np

from corridormap.state import Window

#: The Eurasian part: longitude and latitude bounds (the Atlantic coast to the Pacific).
EURASIA = (-12.0, 0.0, 180.0, 78.0)


@dataclass
class World:
    """An undirected network: node coordinates and one row per edge (i < j)."""

    lon: np.ndarray
    lat: np.ndarray
    i: np.ndarray
    j: np.ndarray
    km: np.ndarray
    adjacency: list[dict[int, float]]


def _literal(text: bytes, name: str) -> bytes:
    found = re.search(rb"^" + name.encode() + rb"=(.*)$", text, re.M)
    if found is None:
        raise ValueError(f"no literal {name}")
    return found.group(1)


def load_world(bbox: tuple[float, float, float, float] | None = None) -> World:
    """Read scgraph_data's world railways, clipped to a bounding box (every edge with both ends inside)."""
    spec = importlib.util.find_spec("scgraph_data")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("scgraph_data is not installed: pip install -e '.[curation]'")
    raw = (Path(spec.submodule_search_locations[0]) / "world_railways.py").read_bytes()
    nodes = np.array(json.loads(_literal(raw, "nodes")), float)
    graph = json.loads(re.sub(rb"([{ ])(\d+):", rb'\1"\2":', _literal(raw, "graph")))
    tail = np.repeat(np.arange(len(graph)), [len(g) for g in graph])
    head = np.fromiter((int(k) for g in graph for k in g), np.int64)
    km = np.fromiter((v for g in graph for v in g.values()), float)
    lat, lon = nodes[:, 0], nodes[:, 1]
    keep = tail < head  # one row per undirected edge (the adjacency lists both ways; no self loops)
    if bbox is not None:
        inside = (lon >= bbox[0]) & (lat >= bbox[1]) & (lon <= bbox[2]) & (lat <= bbox[3])
        keep &= inside[tail] & inside[head]
    used = np.unique(np.concatenate([tail[keep], head[keep]]))
    new = np.full(len(nodes), -1)
    new[used] = np.arange(len(used))
    i, j, w = new[tail[keep]], new[head[keep]], km[keep]
    adjacency: list[dict[int, float]] = [{} for _ in used]
    for a, b, x in zip(i.tolist(), j.tolist(), w.tolist(), strict=True):
        adjacency[a][b] = x
        adjacency[b][a] = x
    return World(lon[used], lat[used], i, j, w, adjacency)


def transport_graph(world: World, speed_kmh: float = 40.0) -> nx.MultiDiGraph:
    """A corridormap transport graph of the network: 1435 mm railways both ways, no dates."""
    G = nx.MultiDiGraph(crs="EPSG:4326", parameters=_PARAMETERS)
    G.add_nodes_from(
        (f"n{k}", {"layer": "places", "lon": x, "lat": y})
        for k, (x, y) in enumerate(zip(world.lon.tolist(), world.lat.tolist(), strict=True))
    )
    always = Window()
    for k, (a, b, km) in enumerate(zip(world.i.tolist(), world.j.tolist(), world.km.tolist(), strict=True)):
        data = {"feature": f"w{k}", "layer": "backbone", "mode": "rail", "segment": 0, "gauge_mm": [1435]}
        data.update(length_km=km, time_h=km / speed_kmh, window=always)
        G.add_edge(f"n{a}", f"n{b}", key=f"w{k}", reverse=False, **data)
        G.add_edge(f"n{b}", f"n{a}", key=f"w{k}", reverse=True, **data)
    return G


_PARAMETERS = {
    "speed.rail": 40.0,
    "dwell.gauge_change": 6.0,
    "dwell.border_rail": 8.0,
    "dwell.border_road": 2.0,
    "handling.port": 24.0,
    "handling.terminal": 4.0,
}

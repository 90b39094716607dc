"""Peers on the world railway network: scgraph, networkx and scipy, on the same OSM graph.

The network is scgraph_data 2.0.0's OpenStreetMap-derived world railways (275k nodes), read
from the package's data literals (version 2.0.0 imports ``scgraph.core``, which current scgraph
no longer has) and handed to each peer as its users would load it.

    .venv/bin/python benchmarks/bench_network.py
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra
from scipy.spatial import cKDTree

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts" / "alignments"))
from extract_upstream import parse, read_sources  # noqa: E402

# (name, lat, lon) of city pairs; long ones cross Eurasia, short ones stay in one region.
LONG = [
    (("Harbin", 45.76, 126.63), ("Hamburg", 53.55, 10.00)),
    (("Chongqing", 29.56, 106.55), ("Duisburg", 51.43, 6.76)),
    (("Zhengzhou", 34.75, 113.63), ("Hamburg", 53.55, 10.00)),
    (("Yiwu", 29.31, 120.08), ("Madrid", 40.42, -3.70)),
    (("Suzhou", 31.30, 120.58), ("Warsaw", 52.23, 21.01)),
    (("Chengdu", 30.66, 104.07), ("Lodz", 51.76, 19.46)),
    (("Xi'an", 34.27, 108.95), ("Duisburg", 51.43, 6.76)),
    (("Vladivostok", 43.12, 131.89), ("Moscow", 55.76, 37.62)),
    (("Vladivostok", 43.12, 131.89), ("Rotterdam", 51.92, 4.48)),
    (("Beijing", 39.90, 116.41), ("Moscow", 55.76, 37.62)),
    (("Dalian", 38.91, 121.60), ("Berlin", 52.52, 13.40)),
    (("Shenyang", 41.80, 123.43), ("Minsk", 53.90, 27.56)),
    (("Wuhan", 30.59, 114.31), ("Lyon", 45.76, 4.84)),
    (("Changchun", 43.82, 125.32), ("Prague", 50.08, 14.44)),
    (("Ulaanbaatar", 47.92, 106.92), ("Warsaw", 52.23, 21.01)),
    (("Khabarovsk", 48.48, 135.08), ("St Petersburg", 59.94, 30.31)),
    (("Irkutsk", 52.29, 104.28), ("Vienna", 48.21, 16.37)),
    (("Almaty", 43.24, 76.89), ("Hamburg", 53.55, 10.00)),
    (("Novosibirsk", 55.03, 82.92), ("Milan", 45.46, 9.19)),
    (("Tianjin", 39.13, 117.20), ("Budapest", 47.50, 19.04)),
]
SHORT = [
    (("Harbin", 45.76, 126.63), ("Changchun", 43.82, 125.32)),
    (("Vladivostok", 43.12, 131.89), ("Ussuriysk", 43.80, 131.95)),
    (("Khabarovsk", 48.48, 135.08), ("Birobidzhan", 48.79, 132.92)),
    (("Shenyang", 41.80, 123.43), ("Dalian", 38.91, 121.60)),
    (("Beijing", 39.90, 116.41), ("Tianjin", 39.13, 117.20)),
    (("Moscow", 55.76, 37.62), ("Tver", 56.86, 35.90)),
    (("Warsaw", 52.23, 21.01), ("Lodz", 51.76, 19.46)),
    (("Berlin", 52.52, 13.40), ("Leipzig", 51.34, 12.37)),
    (("Hamburg", 53.55, 10.00), ("Bremen", 53.08, 8.80)),
    (("Duisburg", 51.43, 6.76), ("Cologne", 50.94, 6.96)),
    (("Minsk", 53.90, 27.56), ("Baranovichi", 53.13, 26.01)),
    (("Brest", 52.10, 23.69), ("Malaszewicze", 52.03, 23.53)),
    (("Irkutsk", 52.29, 104.28), ("Ulan-Ude", 51.83, 107.58)),
    (("Chita", 52.03, 113.50), ("Borzya", 50.39, 116.52)),
    (("Manzhouli", 49.60, 117.43), ("Hailar", 49.21, 119.77)),
    (("Suifenhe", 44.40, 131.15), ("Mudanjiang", 44.55, 129.63)),
    (("Novosibirsk", 55.03, 82.92), ("Barnaul", 53.35, 83.78)),
    (("Almaty", 43.24, 76.89), ("Taldykorgan", 45.02, 78.37)),
    (("Yekaterinburg", 56.84, 60.61), ("Chelyabinsk", 55.16, 61.40)),
    (("Rotterdam", 51.92, 4.48), ("Amsterdam", 52.37, 4.90)),
]


def median_ms(func: Callable[[], Any], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def load() -> tuple[list[dict[int, float]], list[list[float]]]:
    for net, raw in read_sources():
        if net == "world_railways":
            graph, nodes = parse(raw)
            return [{int(k): float(v) for k, v in adj.items()} for adj in graph], nodes
    raise SystemExit("world_railways not found in scgraph_data")


def peers(graph: list[dict[int, float]], nodes: list[list[float]], pairs: list[Any]) -> dict[str, float]:
    """Median ms per query of each peer over ``pairs``, and their answers (km) for checking."""
    from scgraph import GeoGraph

    out: dict[str, float] = {}
    start = time.perf_counter()
    gg = GeoGraph(graph=graph, nodes=nodes)
    out["scgraph load s"] = time.perf_counter() - start
    ll = lambda p: {"latitude": p[1], "longitude": p[2]}  # noqa: E731
    for alg in ("bidirectional_buckets", "dijkstra"):
        out[f"scgraph {alg} ms"] = statistics.median(
            median_ms(lambda a=a, b=b: gg.get_shortest_path(ll(a), ll(b), algorithm_fn=alg, length_only=True))
            for a, b in pairs
        )
    start = time.perf_counter()
    gg.graph_object.create_contraction_hierarchy()
    out["scgraph CH preprocessing s"] = time.perf_counter() - start
    out["scgraph CH ms"] = statistics.median(
        median_ms(
            lambda a=a, b=b: gg.get_shortest_path(ll(a), ll(b), algorithm_fn="contraction_hierarchy", length_only=True)
        )
        for a, b in pairs
    )
    xy = np.array(nodes, dtype=float)
    tree = cKDTree(xy)
    nearest = lambda p: int(tree.query([p[1], p[2]])[1])  # noqa: E731
    rows = np.repeat(np.arange(len(graph)), [len(a) for a in graph])
    cols = np.fromiter((k for a in graph for k in a), dtype=np.int64)
    w = np.fromiter((v for a in graph for v in a.values()), dtype=float)
    M = csr_matrix((w, (rows, cols)), shape=(len(graph), len(graph)))
    out["scipy dijkstra ms"] = statistics.median(
        median_ms(lambda a=a: dijkstra(M, indices=nearest(a), return_predecessors=True)) for a, _ in pairs
    )
    Gx = nx.Graph()
    Gx.add_weighted_edges_from((int(r), int(c), float(x)) for r, c, x in zip(rows, cols, w, strict=True))
    out["networkx dijkstra ms"] = statistics.median(
        median_ms(lambda a=a, b=b: nx.dijkstra_path(Gx, nearest(a), nearest(b)), repeat=1) for a, b in pairs
    )
    return out

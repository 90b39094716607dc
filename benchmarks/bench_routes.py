"""Benchmarks of the transport graph and route queries, each beside a reference in the same run.

These machines are shared and noisy, so compare the ratios, not the single times.

    .venv/bin/python benchmarks/bench_routes.py

1. A warm route query (place lookup, restrictions, legs) against a bare networkx Dijkstra
   between the same two nodes on the same transport graph.
2. A cold ``corridormap route ... --json`` process (graph from the disk cache) against
   ``python -c "import networkx"``.
3. Joining 100,000 lines without ids to the graph by snapping against building a graph of the
   same lines from exactly shared end points (no snapping, no splitting).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import networkx as nx
import numpy as np
import shapely
from _timing import median_time

import corridormap
from corridormap.geodesy import lengths_km
from corridormap.routing import route, routing_graph
from corridormap.snap import snap_lines

BIN = Path(sys.executable).parent


def lattice(n_side: int, seed: int = 0) -> np.ndarray:
    """Lines of a jittered lattice over Northeast China: ends of neighbouring lines meet within ~20 m."""
    rng = np.random.default_rng(seed)
    xs, ys = 124.0 + 0.02 * np.arange(n_side), 44.0 + 0.02 * np.arange(n_side)
    jitter = lambda: rng.normal(0.0, 1e-4, 2)  # noqa: E731
    lines = []
    for i in range(n_side):
        for j in range(n_side - 1):
            a, b = np.array([xs[j], ys[i]]) + jitter(), np.array([xs[j + 1], ys[i]]) + jitter()
            lines.append(shapely.LineString([a, (a + b) / 2 + [0, 0.003], b]))
            a, b = np.array([xs[i], ys[j]]) + jitter(), np.array([xs[i], ys[j + 1]]) + jitter()
            lines.append(shapely.LineString([a, (a + b) / 2 + [0.003, 0], b]))
    return np.array(lines, dtype=object)


def reference_build(lines: np.ndarray) -> nx.MultiDiGraph:
    """A graph of the lines keyed by their end points rounded to ~100 m: no snapping to the network."""
    H = nx.MultiDiGraph()
    starts = np.round(shapely.get_coordinates(shapely.get_point(lines, 0)), 3)
    ends = np.round(shapely.get_coordinates(shapely.get_point(lines, -1)), 3)
    km = lengths_km(lines)
    for i, (a, b, length) in enumerate(zip(map(tuple, starts), map(tuple, ends), km, strict=True)):
        H.add_edge(a, b, key=i, length_km=length)
        H.add_edge(b, a, key=i, length_km=length)
    return H


def main() -> None:
    G = corridormap.network()
    rows = []

    # 1. warm query against bare Dijkstra: on the routing graph the query searches (node states for
    #    gauge and mode), and on the plain transport graph
    R = routing_graph(G)
    sources = {("harbin", state) for state in R.graph["states"]["harbin"]}
    q = median_time(lambda: route(G, "harbin", "vladivostok", modes=["rail"]), 300)
    bare_r = median_time(
        lambda: nx.multi_source_dijkstra(R, sources, ("vladivostok", "end"), weight="length_km"), 300
    )
    bare_g = median_time(lambda: nx.dijkstra_path(G, "harbin", "vladivostok", weight="length_km"), 300)
    rows.append(
        (
            "warm route query Harbin-Vladivostok (rail)",
            f"{q * 1000:.2f} ms",
            "bare Dijkstra on the same routing graph",
            f"{bare_r * 1000:.2f} ms",
            q / bare_r,
        )
    )
    rows.append(
        (
            "(same query)",
            f"{q * 1000:.2f} ms",
            "bare Dijkstra on the transport graph (no gauge or transfer states)",
            f"{bare_g * 1000:.2f} ms",
            q / bare_g,
        )
    )

    # 2. cold CLI against importing networkx
    cli = [str(BIN / "corridormap"), "route", "harbin", "vladivostok", "--mode", "rail", "--json"]
    subprocess.run(cli, check=True, capture_output=True)  # fills the graph cache
    cold = median_time(lambda: subprocess.run(cli, check=True, capture_output=True), 7)
    imp = median_time(lambda: subprocess.run([sys.executable, "-c", "import networkx"], check=True), 7)
    rows.append(
        (
            "cold `corridormap route ... --json`",
            f"{cold:.2f} s",
            '`python -c "import networkx"`',
            f"{imp:.2f} s",
            cold / imp,
        )
    )

    # 3. snapping 100,000 lines against a plain build of the same lines
    lines = lattice(224)[:100_000]
    start = time.perf_counter()
    H, report = snap_lines(G, lines, tolerance_m=100)
    snapped = time.perf_counter() - start
    start = time.perf_counter()
    reference_build(lines)
    plain = time.perf_counter() - start
    rows.append(
        (
            f"snap {len(lines):,} lines into the graph",
            f"{snapped:.2f} s",
            "build from rounded end points",
            f"{plain:.2f} s",
            snapped / plain,
        )
    )

    print("| measure | corridormap | reference | reference time | ratio |")
    print("| --- | ---: | --- | ---: | ---: |")
    for name, ours, ref, ref_time, ratio in rows:
        print(f"| {name} | {ours} | {ref} | {ref_time} | {ratio:.2f}x |")
    print()
    print(
        f"snap report: {report.to_dict()}; graph now {H.number_of_nodes():,} nodes, {H.number_of_edges():,} edges"
    )


if __name__ == "__main__":
    main()

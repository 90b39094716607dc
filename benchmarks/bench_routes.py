"""Benchmarks of the transport graph and route queries, each beside a reference in the same run.

These machines are shared and noisy, so compare the ratios, not the single times.

    .venv/bin/python benchmarks/bench_routes.py

1. A warm route query (place lookup, restrictions, legs) against a bare networkx Dijkstra
   between the same two nodes on the same transport graph.
2. A cold ``corridormap route ... --json`` process (graph from the disk cache) against
   ``python -c "import networkx"``.
3. Joining 100,000 lines without ids to the graph by snapping against building a graph of the
   same lines from exactly shared end points (no snapping, no splitting).
4. The routing core against the search before it (networkx's Dijkstra on the networkx routing
   graph with the scenario's weight function), and the cache: loading the array cache against
   building the graph from the dataset and against unpickling the same graph (the old cache).

With ``--world`` (needs scgraph_data, scgraph, igraph and rustworkx:
``pip install -e '.[curation]' scgraph igraph rustworkx``),
the same measures on the Eurasian part of scgraph_data's world railways (OpenStreetMap, ODbL):
20 long and 20 short point-to-point queries and a 100 x 100 matrix, in corridormap's core,
bare scipy, bare networkx and scgraph (its default algorithm and its contraction hierarchies,
with their preprocessing), plus graph build times and peak memory.
"""

from __future__ import annotations

import pickle
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import shapely
from _timing import median_time

import corridormap
from corridormap import cache
from corridormap.core import core_graph, search_graph
from corridormap.geodesy import distance_km, lengths_km
from corridormap.graph import build_graph, usable_edge
from corridormap.routing import _search, route, routing_graph
from corridormap.snap import snap_lines
from corridormap.state import Scenario, scenario

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

    rows.extend(combined_rows(G))
    rows.extend(core_rows(G))
    _table(rows)
    print()
    print(
        f"snap report: {report.to_dict()}; graph now {H.number_of_nodes():,} nodes, {H.number_of_edges():,} edges"
    )


#: Pairs on the backbone plus the curated network: two across Eurasia and a short curated one.
_COMBINED = (
    ("Harbin", "Hamburg", "rail"),
    ("Vladivostok", "Rotterdam", "rail,sea"),
    ("Harbin", "Vladivostok", "rail"),
)


def combined_rows(G: nx.MultiDiGraph) -> list[tuple[str, str, str, str, float]]:
    """Cold CLI routes (a process each, the graph from the disk cache) and warm route() calls
    on the backbone plus the curated network, medians of 5, beside ``python -c "import networkx"``."""
    imp = median_time(lambda: subprocess.run([sys.executable, "-c", "import networkx"], check=True), 5)
    rows = []
    for orig, dest, modes in _COMBINED:
        cli = [str(BIN / "corridormap"), "route", orig, dest, "--mode", modes]
        subprocess.run(cli, check=True, capture_output=True)  # fills the graph cache
        cold = median_time(lambda cli=cli: subprocess.run(cli, check=True, capture_output=True), 5)
        rows.append(
            (
                f"cold `corridormap route {orig} {dest} --mode {modes}` (backbone + curated)",
                f"{cold:.2f} s",
                '`python -c "import networkx"`',
                f"{imp:.2f} s",
                cold / imp,
            )
        )
    for orig, dest, modes in _COMBINED:
        warm = median_time(lambda o=orig, d=dest, m=modes: route(G, o, d, modes=m.split(",")), 5)
        rows.append((f"warm route() {orig}-{dest} ({modes})", f"{warm * 1000:.1f} ms", "", "", float("nan")))
    return rows


def _table(rows: list[tuple[str, str, str, str, float]]) -> None:
    print("| measure | corridormap | reference | reference time | ratio |")
    print("| --- | ---: | --- | ---: | ---: |")
    for name, ours, ref, ref_time, ratio in rows:
        shown = f"{ratio:.2f}x" if ratio == ratio else "—"
        print(f"| {name} | {ours} | {ref} | {ref_time} | {shown} |")


def view_weight(G: nx.MultiDiGraph, s: Scenario) -> Any:
    """The weight function routes used on the networkx routing graph before the core (by distance)."""
    km_per_h = G.graph["parameters"]["speed.rail"]

    def cost(u: Any, v: Any, edges: dict[Any, dict[str, Any]]) -> float | None:
        best = None
        for d in edges.values():
            if d["kind"] == "link":
                a, b, key = d["g"]
                w = d["length_km"] if usable_edge(G, s, a, b, G.edges[a, b, key]) else None
            else:
                w = d["time_h"] * km_per_h + 1e-6 if d["kind"] == "transfer" else 0.0
            if w is not None and (best is None or w < best):
                best = w
        return best

    return cost


def core_rows(G: nx.MultiDiGraph) -> list[tuple[str, str, str, str, float]]:
    """The core's search against the search before it, and the array cache against its peers."""
    rows = []
    s = scenario(modes=["rail"])
    R = routing_graph(G)
    sources = {("harbin", state) for state in R.graph["states"]["harbin"]}
    weight = view_weight(G, s)
    before = median_time(
        lambda: nx.multi_source_dijkstra(R, sources, ("vladivostok", "end"), weight=weight), 100
    )
    C = core_graph(G)
    graph = search_graph(C, s, "distance", None, G.graph["parameters"]["speed.rail"])
    now = median_time(lambda: _search(C, graph, C.state_ids("harbin"), "vladivostok", "distance"), 300)
    name = "route search Harbin-Vladivostok (rail): the core (scipy)"
    rows.append(
        (
            name,
            f"{now * 1000:.3f} ms",
            "networkx Dijkstra on the view, scenario weight",
            f"{before * 1000:.2f} ms",
            now / before,
        )
    )
    with tempfile.TemporaryDirectory() as tmp:
        entry, key = Path(tmp) / "graph-x", "x"
        cache.save_graph(entry, G, key)
        load = median_time(lambda: cache.load_graph(entry, key), 7)
        blob = pickle.dumps(build_graph(corridormap.load()), protocol=pickle.HIGHEST_PROTOCOL)
        unpickle = median_time(lambda: pickle.loads(blob), 7)
        size = sum(f.stat().st_size for f in entry.iterdir())
    ds = corridormap.load()
    build = median_time(lambda: core_graph(build_graph(ds)), 3)
    rows.append(
        (
            "load the array cache (graph and core)",
            f"{load * 1000:.1f} ms",
            "build graph and core from the loaded dataset",
            f"{build * 1000:.1f} ms",
            load / build,
        )
    )
    rows.append(
        (
            f"(same; entry {size / 1024:,.0f} KB)",
            f"{load * 1000:.1f} ms",
            f"unpickle the graph (the old cache, {len(blob) / 1024:,.0f} KB)",
            f"{unpickle * 1000:.1f} ms",
            load / unpickle,
        )
    )
    return rows


def _pairs(world: Any, rng: np.random.Generator, n: int, long: bool) -> list[tuple[int, int]]:
    """Node pairs in the largest component: long (over 3,000 km apart) or short (under 300 km)."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    m = len(world.lon)
    _, label = connected_components(coo_matrix((world.km, (world.i, world.j)), shape=(m, m)), directed=False)
    big = np.flatnonzero(label == np.bincount(label).argmax())
    out: list[tuple[int, int]] = []
    while len(out) < n:
        a, b = (int(x) for x in rng.choice(big, 2))
        km = float(distance_km(world.lon[a], world.lat[a], world.lon[b], world.lat[b]))
        if (km > 3000) if long else (20 < km < 300):
            out.append((a, b))
    return out


def _each(func: Any, pairs: list[tuple[int, int]]) -> float:
    """Median time of one call per pair."""
    times = []
    for a, b in pairs:
        start = time.perf_counter()
        func(a, b)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _world_graphs() -> tuple[Any, Any, Any, list[tuple[str, str, str, str, float]]]:
    """Build the Eurasian railways in corridormap and scgraph, timing each build."""
    from _world import EURASIA, load_world, transport_graph
    from scgraph import GeoGraph  # type: ignore[import-untyped]

    start = time.perf_counter()
    world = load_world(EURASIA)
    read = time.perf_counter() - start
    start = time.perf_counter()
    G = transport_graph(world)
    C = core_graph(G)
    built = time.perf_counter() - start
    rss = _rss_mb()
    start = time.perf_counter()
    geo = GeoGraph(
        graph=world.adjacency,
        nodes=[[y, x] for x, y in zip(world.lon.tolist(), world.lat.tolist(), strict=True)],
    )
    sc_built = time.perf_counter() - start
    print(f"Eurasian railways: {len(world.lon):,} nodes, {len(world.km):,} edges (read in {read:.1f} s); "
          f"corridormap core: {len(C.state_node):,} states, {len(C.arc_tail):,} arcs; peak RSS {rss:,.0f} MB")  # fmt: skip
    rows = [
        (
            "build: networkx transport graph + routing core",
            f"{built:.1f} s",
            "scgraph GeoGraph",
            f"{sc_built:.1f} s",
            built / sc_built,
        )
    ]
    return world, G, geo, rows


def _library_rows(
    world: Any, plain: Any, pairs: list[tuple[int, int]]
) -> list[tuple[str, str, str, str, float]]:
    """The compiled search libraries on the same plain network and pairs: the choice of scipy."""
    import igraph  # type: ignore[import-untyped]
    import rustworkx
    from scipy.sparse.csgraph import dijkstra

    edges = np.column_stack([np.r_[world.i, world.j], np.r_[world.j, world.i]])
    weights = np.r_[world.km, world.km].tolist()
    ig = igraph.Graph(n=len(world.lon), edges=edges, directed=True)
    rx = rustworkx.PyDiGraph()
    rx.add_nodes_from(range(len(world.lon)))
    rx.add_edges_from(list(zip(edges[:, 0].tolist(), edges[:, 1].tolist(), weights, strict=True)))
    ours = _each(lambda a, b: dijkstra(plain, indices=a), pairs)
    peers = {
        "igraph get_shortest_path (C, stops at the target)": _each(
            lambda a, b: ig.get_shortest_path(a, b, weights=weights), pairs
        ),
        "rustworkx dijkstra with a target (weight callback)": _each(
            lambda a, b: rustworkx.digraph_dijkstra_shortest_paths(rx, a, target=b, weight_fn=float), pairs
        ),
    }
    return [
        (
            "20 long queries, median: scipy csgraph dijkstra (full tree)",
            f"{ours * 1000:.1f} ms",
            peer,
            f"{t * 1000:.1f} ms",
            ours / t,
        )
        for peer, t in peers.items()
    ]


def world_rows() -> list[tuple[str, str, str, str, float]]:
    """Point-to-point queries and a 100 x 100 matrix on the Eurasian railways, beside the peers."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import dijkstra

    world, G, geo, rows = _world_graphs()
    C = core_graph(G)
    s = scenario(modes=["rail"])
    graph = search_graph(C, s, "distance", None, 40.0)
    m = len(world.lon)
    plain = coo_matrix(
        (np.r_[world.km, world.km], (np.r_[world.i, world.j], np.r_[world.j, world.i])), shape=(m, m)
    ).tocsr()
    rng = np.random.default_rng(13)

    def point(k: int) -> dict[str, float]:
        return {"latitude": float(world.lat[k]), "longitude": float(world.lon[k])}

    for label, pairs in (("long", _pairs(world, rng, 20, True)), ("short", _pairs(world, rng, 20, False))):
        ours = _each(lambda a, b: _search(C, graph, C.state_ids(f"n{a}"), f"n{b}", "distance"), pairs)
        peers = {
            "scgraph default (bidirectional buckets)": _each(
                lambda a, b: geo.get_shortest_path(point(a), point(b)), pairs
            ),
            "bare scipy dijkstra (full tree)": _each(lambda a, b: dijkstra(plain, indices=a), pairs),
            "bare networkx dijkstra": _each(
                lambda a, b: nx.dijkstra_path_length(G, f"n{a}", f"n{b}", weight="length_km"), pairs[:5]
            ),
        }
        for peer, t in peers.items():
            rows.append(
                (
                    f"20 {label} queries, median: corridormap core",
                    f"{ours * 1000:.1f} ms",
                    peer,
                    f"{t * 1000:.1f} ms",
                    ours / t,
                )
            )
    rows.extend(_library_rows(world, plain, _pairs(world, np.random.default_rng(13), 20, True)))
    start = time.perf_counter()
    geo.graph_object.create_contraction_hierarchy()
    prep = time.perf_counter() - start
    for label, pairs in (("long", _pairs(world, np.random.default_rng(13), 20, True)),):
        ours = _each(lambda a, b: _search(C, graph, C.state_ids(f"n{a}"), f"n{b}", "distance"), pairs)
        ch = _each(
            lambda a, b: geo.get_shortest_path(point(a), point(b), algorithm_fn="contraction_hierarchy"),
            pairs,
        )
        rows.append(
            (
                f"20 {label} queries, median: corridormap core",
                f"{ours * 1000:.1f} ms",
                f"scgraph contraction hierarchies (preprocessing {prep:.0f} s)",
                f"{ch * 1000:.1f} ms",
                ours / ch,
            )
        )
    nodes = sorted({a for pair in _pairs(world, np.random.default_rng(7), 100, True) for a in pair})[:100]
    start = time.perf_counter()
    corridormap.matrix(G, [f"n{k}" for k in nodes], [f"n{k}" for k in nodes], modes=["rail"], progress=False)
    ours = time.perf_counter() - start
    start = time.perf_counter()
    geo.distance_matrix([point(k) for k in nodes], silent=True)
    theirs = time.perf_counter() - start
    rows.append(
        (
            "100 x 100 matrix: corridormap.matrix",
            f"{ours:.1f} s",
            "scgraph distance_matrix",
            f"{theirs:.1f} s",
            ours / theirs,
        )
    )
    rows.append(("peak memory (RSS), whole run", f"{_rss_mb():,.0f} MB", "-", "-", 1.0))
    return rows


if __name__ == "__main__":
    if "--world" in sys.argv:
        _table(world_rows())
    else:
        main()

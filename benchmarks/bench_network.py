"""Route and matrix queries on the Eurasian backbone plus the curated network, beside scgraph.

These machines are shared and noisy, so compare the ratios, not the single times.

    .venv/bin/python benchmarks/bench_network.py          # needs scgraph: pip install scgraph

The network is the shipped one: the curated corridors joined to the OpenStreetMap-derived
railway backbone of Eurasia (``geodata/backbone/rail.parquet``). scgraph is handed exactly the
same rail network: every node of the transport graph with a rail edge, every rail edge with its
length in km, as one undirected ``GeoGraph``. scgraph knows no gauges, transfers or dates, so its
answer is a plain shortest distance; corridormap's route also changes state at gauge breaks and
keeps to the links open today, so the two lengths may differ slightly (the table gives both).

1. 20 long point-to-point routes (China, Russia and Mongolia to Europe and across Siberia) and
   20 short ones (under 500 km), each by corridormap ``route()`` (warm: graph loaded, one
   query before timing), scgraph's default algorithm (bidirectional buckets) and scgraph's
   contraction hierarchies (its preprocessing reported).
   The long routes are timed again with ``settings.search_engine = "scipy"`` (the core's
   Dijkstra over CSR), the engine the contraction hierarchies were chosen against.
2. A 100 x 100 distance matrix: ``corridormap.matrix`` (warm: a 2 x 2 one first, which imports
   pandas for the DataFrame) against scgraph's ``distance_matrix``.
3. Peak memory of this process after loading the network, in MB.
"""

from __future__ import annotations

import contextlib
import io
import resource
import statistics
import time
from collections.abc import Callable
from typing import Any

import networkx as nx
import numpy as np
from _timing import median_time

import corridormap
from corridormap.lookup import find_place

LONG = [
    ("harbin", "hamburg"),
    ("chongqing", "duisburg"),
    ("zhengzhou", "hamburg"),
    ("yiwu", "madrid"),
    ("suzhou", "warsaw"),
    ("chengdu", "lodz"),
    ("xian", "duisburg"),
    ("vladivostok", "moscow"),
    ("vladivostok", "rotterdam"),
    ("beijing", "moscow"),
    ("dalian", "berlin"),
    ("shenyang", "minsk"),
    ("changchun", "warsaw"),
    ("ulaanbaatar", "warsaw"),
    ("khabarovsk", "yekaterinburg"),
    ("irkutsk", "berlin"),
    ("almaty", "hamburg"),
    ("novosibirsk", "duisburg"),
    ("harbin", "astana"),
    ("erenhot", "moscow"),
]
SHORT = [
    ("harbin", "changchun"),
    ("vladivostok", "ussuriysk"),
    ("khabarovsk", "birobidzhan"),
    ("shenyang", "dalian"),
    ("beijing", "tianjin"),
    ("moscow", "nizhny-novgorod"),
    ("warsaw", "lodz"),
    ("berlin", "poznan"),
    ("hamburg", "berlin"),
    ("duisburg", "rotterdam"),
    ("minsk", "brest"),
    ("brest", "malaszewicze"),
    ("irkutsk", "ulan-ude"),
    ("chita", "zabaikalsk"),
    ("manzhouli", "hailar"),
    ("suifenhe", "mudanjiang"),
    ("novosibirsk", "omsk"),
    ("almaty", "dostyk"),
    ("yekaterinburg", "tyumen"),
    ("erenhot", "zamyn-uud"),
]


def median_ms(func: Callable[[], Any], repeat: int = 3) -> float:
    return 1000 * median_time(func, repeat)


def resolve(G: nx.MultiDiGraph, pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The pairs with a rail route between their places (a pair left out is reported, not hidden)."""
    kept = []
    for a, b in pairs:
        try:
            corridormap.route(G, a, b, modes=["rail"])
            kept.append((find_place(G, a).id, find_place(G, b).id))
        except (corridormap.UnknownPlaceError, corridormap.NoRouteError) as exc:
            print(f"  left out {a}-{b}: {exc}")
    return kept


def scgraph_of(G: nx.MultiDiGraph) -> tuple[Any, dict[str, int]]:
    """The rail network of G as one undirected scgraph GeoGraph (km), and its node numbering."""
    from scgraph import GeoGraph  # type: ignore[import-untyped]

    rail = [(u, v, d["length_km"]) for u, v, d in G.edges(data=True) if d["mode"] == "rail"]
    nodes = sorted({n for u, v, _ in rail for n in (u, v)})
    number = {n: i for i, n in enumerate(nodes)}
    graph: list[dict[int, float]] = [{} for _ in nodes]
    for u, v, km in rail:
        a, b = number[u], number[v]
        if a != b:
            graph[a][b] = min(km, graph[a].get(b, np.inf))
            graph[b][a] = min(km, graph[b].get(a, np.inf))
    coords = [[G.nodes[n]["lat"], G.nodes[n]["lon"]] for n in nodes]
    return GeoGraph(graph=graph, nodes=coords), number


def main() -> None:
    start = time.perf_counter()
    G = corridormap.network()
    load_s = time.perf_counter() - start
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"network: {G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges, loaded in {load_s:.2f} s")
    gg, _ = scgraph_of(G)
    ll = lambda n: {"latitude": G.nodes[n]["lat"], "longitude": G.nodes[n]["lon"]}  # noqa: E731
    rows = []
    for label, pairs in (("long", resolve(G, LONG)), ("short", resolve(G, SHORT))):
        corridormap.route(G, *pairs[0], modes=["rail"])  # warm
        ours = [median_ms(lambda a=a, b=b: corridormap.route(G, a, b, modes=["rail"])) for a, b in pairs]
        theirs = [
            median_ms(lambda a=a, b=b: gg.get_shortest_path(ll(a), ll(b), length_only=True)) for a, b in pairs
        ]
        km_ours = [corridormap.route(G, a, b, modes=["rail"]).length_km for a, b in pairs]
        km_theirs = [gg.get_shortest_path(ll(a), ll(b), length_only=True)["length"] for a, b in pairs]
        diff = statistics.median(abs(x / y - 1) for x, y in zip(km_ours, km_theirs, strict=True) if y > 0)
        rows.append(
            (f"{len(pairs)} {label} routes, median", statistics.median(ours), statistics.median(theirs))
        )
        print(f"  {label}: median length difference corridormap vs scgraph {100 * diff:.2f} %")
        rows[-1] += ("scgraph default",)
    # the engine the core was chosen against, on the same pairs: scipy's Dijkstra over the CSR
    long_pairs = resolve(G, LONG)
    corridormap.settings.search_engine = "scipy"
    corridormap.route(G, *long_pairs[0], modes=["rail"])  # warm: the CSR is built once per scenario
    scipy_ms = [median_ms(lambda a=a, b=b: corridormap.route(G, a, b, modes=["rail"])) for a, b in long_pairs]
    corridormap.settings.search_engine = "cch"
    cch_ms = [median_ms(lambda a=a, b=b: corridormap.route(G, a, b, modes=["rail"])) for a, b in long_pairs]
    rows.append(
        (
            f"{len(long_pairs)} long routes, median, CCH search (the default)",
            statistics.median(cch_ms),
            statistics.median(scipy_ms),
            "corridormap with settings.search_engine = 'scipy' (Dijkstra over CSR)",
        )
    )
    start = time.perf_counter()
    gg.graph_object.create_contraction_hierarchy()
    prep = time.perf_counter() - start
    ch = [
        median_ms(
            lambda a=a, b=b: gg.get_shortest_path(
                ll(a), ll(b), algorithm_fn="contraction_hierarchy", length_only=True
            )
        )
        for a, b in long_pairs
    ]
    ours = [median_ms(lambda a=a, b=b: corridormap.route(G, a, b, modes=["rail"])) for a, b in long_pairs]
    rows.append(
        (
            f"{len(long_pairs)} long routes again, median",
            statistics.median(ours),
            statistics.median(ch),
            f"scgraph contraction hierarchies (preprocessing {prep:.1f} s)",
        )
    )
    places = sorted(n for n, d in G.nodes(data=True) if d.get("layer") == "places")
    rng = np.random.default_rng(0)
    rail_nodes = sorted({u for u, _, d in G.edges(data=True) if d["mode"] == "rail"})
    picks = places + [str(n) for n in rng.choice(rail_nodes, size=max(0, 100 - len(places)), replace=False)]
    picks = sorted(set(picks) & set(rail_nodes))[:100]
    corridormap.matrix(G, picks[:2], picks[:2], modes=["rail"], progress=False)  # warm: imports pandas once
    start = time.perf_counter()
    corridormap.matrix(G, picks, picks, modes=["rail"], progress=False)
    ours_m = 1000 * (time.perf_counter() - start)
    gg2, _ = scgraph_of(G)
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):  # scgraph prints a line per unreachable pair
        gg2.distance_matrix([ll(n) for n in picks])
    theirs_m = 1000 * (time.perf_counter() - start)
    rows.append((f"{len(picks)} x {len(picks)} matrix", ours_m, theirs_m, "scgraph distance_matrix"))
    print()
    print("| measure | corridormap | reference | reference time | ratio |")
    print("| --- | ---: | --- | ---: | ---: |")
    for what, a, b, ref in rows:
        print(f"| {what} | {a:,.3g} ms | {ref} | {b:,.3g} ms | {a / b:.2f}x |")
    print(f"| peak memory after loading the network | {rss_mb:.0f} MB | | | |")


if __name__ == "__main__":
    main()

"""Benchmarks of flow queries, each beside a reference in the same run (compare the ratios).

    .venv/bin/python benchmarks/bench_flows.py

1. Maximum flow of oil from Taishet to Daqing and Kozmino: corridormap's ``max_flow`` (flow
   network from the graph, scipy solve, minimum cut, binding figures) against networkx's
   ``maximum_flow`` and scipy's ``maximum_flow`` alone on the same flow network.
2. A full N-1 sweep for one commodity (aim: under 3 s): corridormap's ``flow_criticality`` with
   ``everything=True`` (every arc group of the flow network zeroed in turn, no rebuild) against
   the plain approach of closing each of the network's links and nodes in a scenario and
   recomputing ``max_flow`` from the graph.
"""

from __future__ import annotations

import time

import networkx as nx
from _timing import median_time

import corridormap
from corridormap.flows import flow_network, max_flow, scenario, solve
from corridormap.resilience import flow_criticality


def main() -> None:
    G = corridormap.network()
    s = scenario(as_of="2024-01-01")
    sources, sinks = ["taishet"], ["daqing", "port-kozmino"]
    net = flow_network(G, "oil", sources, sinks, s)
    ours = median_time(lambda: max_flow(G, "oil", sources, sinks, s), 50)
    F = nx.DiGraph()
    for t, h, c in zip(net.tail.tolist(), net.head.tolist(), net.capacity.tolist(), strict=True):
        F.add_edge(t, h, capacity=F[t][h]["capacity"] + c if F.has_edge(t, h) else c)
    nxt = median_time(lambda: nx.maximum_flow(F, net.source, net.sink), 50)
    sci = median_time(lambda: solve(net, "scipy"), 50)
    print("| measure | time | ratio to corridormap |")
    print("| --- | ---: | ---: |")
    print(
        f"| corridormap `max_flow` (oil, Taishet -> Daqing + Kozmino; network, solve, cut, figures) | {ours * 1000:.2f} ms | 1.00x |"
    )
    print(
        f"| networkx `maximum_flow` alone, same flow network ({len(net.nodes)} nodes, {len(net.tail)} arcs) | {nxt * 1000:.2f} ms | {nxt / ours:.2f}x |"
    )
    print(f"| scipy `maximum_flow` alone, same flow network | {sci * 1000:.2f} ms | {sci / ours:.2f}x |")
    print()
    print("| N-1 sweep | corridormap | plain: close, rebuild, solve | ratio |")
    print("| --- | ---: | ---: | ---: |")
    features = sorted({d["feature"] for _, _, d in G.edges(data=True)}) + sorted(G.nodes)
    for commodity, src, snk in [
        ("oil", sources, sinks),
        ("gas", ["chayanda", "kovykta"], ["baihe-station", "vladivostok"]),
    ]:
        start = time.perf_counter()
        base, ranking = flow_criticality(G, commodity, src, snk, s, everything=True)
        sweep = time.perf_counter() - start
        start = time.perf_counter()
        plain = {}
        for ident in features:
            if ident in src or ident in snk:
                continue
            loss = base - max_flow(G, commodity, src, snk, s.with_closed(ident)).value
            if loss > 1e-9:
                plain[ident] = loss
        naive = time.perf_counter() - start
        assert {c.id: round(c.loss, 3) for c in ranking} == {k: round(v, 3) for k, v in plain.items()}
        print(
            f"| {commodity}, every one of {len(features)} links and nodes | {sweep:.2f} s | {naive:.2f} s | {sweep / naive:.3f}x |"
        )


if __name__ == "__main__":
    main()

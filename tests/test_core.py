"""The routing core: the same graph, the same usable set and the same routes as the networkx view.

The reference for every check here is the networkx routing graph of
:func:`corridormap.multimodal.routing_graph` searched by networkx's Dijkstra with the rule of
:func:`corridormap.graph.usable_edge`, which is how routes were searched before the core.
"""

from __future__ import annotations

import collections
import datetime as dt
import itertools
from typing import Any

import networkx as nx
import numpy as np
import pytest

import corridormap
from corridormap.core import TRANSFERS, arc_costs, core_graph, search, search_graph, usable_edges
from corridormap.graph import usable_edge
from corridormap.multimodal import routing_graph
from corridormap.state import Scenario, scenario

SCENARIOS = {
    "today": scenario(as_of="2025-06-01"),
    "2016": scenario(as_of="2016-01-01"),
    "february": scenario(as_of="2025-02-01", month=2),
    "planned 2035": scenario(as_of="2035-01-01", include_planned=True),
    "closed ids": scenario(as_of="2025-06-01", close=["bc-grodekovo-suifenhe", "rail-ussuriysk-grodekovo"]),
    "closed kinds": scenario(
        as_of="2025-06-01", close_kinds=["ropeway", "border_crossing", "ferry_crossing"]
    ),
    "rail only": scenario(as_of="2025-06-01", modes=["rail"]),
    "passenger lines": scenario(as_of="2025-06-01", passenger_rail=True, modes=["rail", "road"]),
}


@pytest.fixture(scope="module")
def G() -> nx.MultiDiGraph:
    return corridormap.network()


def _hours(value: float) -> float | None:
    return None if value != value else round(value, 9)  # NaN (pipelines) compares equal as None


@pytest.mark.parametrize("name", SCENARIOS)
def test_the_mask_is_the_usable_rule_edge_by_edge(G: nx.MultiDiGraph, name: str) -> None:
    C = core_graph(G)
    s = SCENARIOS[name]
    expected = np.array([usable_edge(G, s, u, v, G.edges[u, v, k]) for u, v, k in C.edges])
    got = usable_edges(C, s)
    assert [C.edges[i] for i in np.flatnonzero(got != expected)] == []
    assert 0 < got.sum() < len(got)  # each scenario shuts something and leaves something open


def test_the_scenarios_differ(G: nx.MultiDiGraph) -> None:
    C = core_graph(G)
    counts = {name: int(usable_edges(C, s).sum()) for name, s in SCENARIOS.items()}
    # fewer links were open in 2016 than in 2025 (the Nizhneleninskoye and Blagoveshchensk
    # bridges opened in 2022 and 2019, geodata/bridges.geojson); winter shuts the seasonal lanes
    assert counts["2016"] < counts["today"]
    assert counts["february"] < counts["today"]
    assert counts["planned 2035"] > counts["today"]
    assert len(set(counts.values())) >= 6


def test_the_core_holds_the_networkx_routing_graph(G: nx.MultiDiGraph) -> None:
    C = core_graph(G)
    R = routing_graph(G)
    states = {(C.nodes[n], C.states[c]) for n, c in zip(C.state_node, C.state_code, strict=True)}
    assert states == {n for n in R.nodes if n[1] != "end"}
    ours: collections.Counter[Any] = collections.Counter()
    for i in range(len(C.arc_tail)):
        a, b = int(C.arc_tail[i]), int(C.arc_head[i])
        kind = TRANSFERS[C.arc_transfer[i]] if C.arc_edge[i] < 0 else C.edges[C.arc_edge[i]]
        ours[
            (C.nodes[C.state_node[a]], C.states[C.state_code[a]]),
            (C.nodes[C.state_node[b]], C.states[C.state_code[b]]),
            kind,
            round(float(C.arc_length_km[i]), 9),
            _hours(float(C.arc_time_h[i])),
        ] += 1
    theirs: collections.Counter[Any] = collections.Counter()
    for a, b, d in R.edges(data=True):
        if d["kind"] == "end":
            continue
        kind = d["transfer"] if d["kind"] == "transfer" else d["g"]
        theirs[a, b, kind, round(d["length_km"], 9), _hours(d["time_h"])] += 1
    assert ours == theirs
    assert len(C.arc_tail) == R.number_of_edges() - sum(1 for *_, k in R.edges(keys=True) if k == "end")


def _reference_cost(G: nx.MultiDiGraph, s: Scenario, weight: str) -> Any:
    """The weight function routes used on the networkx view before the core."""
    km_per_h = G.graph["parameters"]["speed.rail"]

    def edge_cost(d: dict[str, Any]) -> float | None:
        if d["kind"] == "link":
            u, v, key = d["g"]
            if not usable_edge(G, s, u, v, G.edges[u, v, key]):
                return None
            w: float = d["time_h"] if weight == "time" else d["length_km"]
            return None if w != w else w
        if d["kind"] == "transfer":
            return float(d["time_h"] if weight == "time" else d["time_h"] * km_per_h + 1e-6)
        return 0.0

    def cost(u: Any, v: Any, edges: dict[Any, dict[str, Any]]) -> float | None:
        found = [w for d in edges.values() if (w := edge_cost(d)) is not None]
        return min(found) if found else None

    return cost


PAIRS = [
    ("harbin", "vladivostok", "today", "distance"),
    ("harbin", "vladivostok", "rail only", "time"),
    ("harbin", "vladivostok", "closed ids", "distance"),
    ("port-dalian", "port-rotterdam", "today", "distance"),
    ("port-shanghai", "port-hamburg", "today", "time"),
    ("port-shanghai", "port-hamburg", "february", "distance"),
    ("blagoveshchensk", "heihe", "2016", "distance"),
    ("blagoveshchensk", "heihe", "closed kinds", "time"),
    ("taishet", "dalian", "today", "distance"),
    ("khabarovsk", "port-vanino", "planned 2035", "time"),
    ("manzhouli", "tumen", "rail only", "distance"),
    ("chita", "qingdao", "today", "time"),
    ("harbin", "hamburg", "rail only", "distance"),  # across the backbone, three gauge changes
    ("vladivostok", "rotterdam", "today", "time"),
]


@pytest.mark.parametrize("engine", ["cch", "scipy"])
@pytest.mark.parametrize(("orig", "dest", "name", "weight"), PAIRS)
def test_routes_equal_networkx_dijkstra_on_the_view(
    G: nx.MultiDiGraph,
    orig: str,
    dest: str,
    name: str,
    weight: str,
    engine: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # both engines find a shortest path: the cost of networkx's; scipy's search, which keeps the
    # first arc on a tie as the view does, finds networkx's very path; the CCH may take another
    # path of the same cost (of two equal ways it picks either), which must be a real path
    monkeypatch.setattr(corridormap.settings, "search_engine", engine)
    s = SCENARIOS[name]
    C = core_graph(G)
    R = routing_graph(G)
    sources = {(orig, state) for state in R.graph["states"][orig]}
    want, path = nx.multi_source_dijkstra(R, sources, (dest, "end"), weight=_reference_cost(G, s, weight))
    graph = search_graph(C, s, weight, None, G.graph["parameters"]["speed.rail"])
    assert (graph.metric is not None) == (engine == "cch")
    got = search(graph, C.state_ids(orig), C.state_ids(dest))
    assert got is not None
    cost, states, arcs = got
    assert states[0] in C.state_ids(orig) and states[-1] in C.state_ids(dest)
    assert list(C.arc_tail[arcs]) == states[:-1] and list(C.arc_head[arcs]) == states[1:]
    assert cost == pytest.approx(float(graph.cost[arcs].sum()), rel=1e-12)
    if engine == "scipy":
        assert cost == pytest.approx(want, rel=1e-12)
        assert [(C.nodes[C.state_node[i]], C.states[C.state_code[i]]) for i in states] == path[:-1]
    else:
        # each arc's cost rounds to the CCH's integer units by at most half a unit, on its path
        # and on networkx's: the path it finds is never longer than the shortest by more
        # (and the two sums may differ in their last bits by the order they add in)
        resolution = 0.5 * (len(arcs) + len(path)) / graph.units
        assert want * (1 - 1e-12) <= cost <= want + resolution


def test_route_reports_the_views_legs(G: nx.MultiDiGraph) -> None:
    # Harbin-Vladivostok by rail runs through Grodekovo-Suifenhe with one gauge change
    # (the Binzhou and Binsui lines are 1435 mm, the Ussuriysk line 1520 mm; geodata/rail.geojson)
    r = corridormap.route(G, "harbin", "vladivostok", modes=["rail"], as_of="2025-06-01")
    s = r.restrictions
    R = routing_graph(G)
    sources = {("harbin", state) for state in R.graph["states"]["harbin"]}
    _, path = nx.multi_source_dijkstra(
        R, sources, ("vladivostok", "end"), weight=_reference_cost(G, s, "distance")
    )
    links = [(a, b) for a, b in itertools.pairwise(path[:-1]) if a[0] != b[0]]  # without the end
    km = sum(min(d["length_km"] for d in R[a][b].values() if d["kind"] == "link") for a, b in links)
    assert r.length_km == pytest.approx(km, rel=1e-12)
    assert [leg.transfer for leg in r.legs if leg.transfer] == ["gauge_change"]
    assert [leg.gauge_mm for leg in r.legs if leg.mode == "rail"] == [1435, 1520]


def test_costs_shut_pipelines_by_time_and_price_transfers_by_distance(G: nx.MultiDiGraph) -> None:
    C = core_graph(G)
    s = Scenario(as_of=dt.date(2025, 6, 1))
    by_time = arc_costs(C, s, "time")
    pipeline = np.array([C.edge_layer[e] == "pipelines" if e >= 0 else False for e in C.arc_edge])
    assert pipeline.any() and np.isinf(by_time[pipeline]).all()  # pipelines have no travel time
    by_km = arc_costs(C, s, "distance", km_per_h=40.0)
    transfer = C.arc_edge < 0
    # a gauge change weighs as far as a train runs in its dwell (parameters.json dwell.gauge_change)
    gauge = C.arc_transfer == TRANSFERS.index("gauge_change")
    hours = G.graph["parameters"]["dwell.gauge_change"]
    assert by_km[transfer & gauge] == pytest.approx(hours * 40.0 + 1e-6)


def test_the_search_bound_is_the_great_circle(G: nx.MultiDiGraph) -> None:
    from corridormap.core import straight_km
    from corridormap.geodesy import distance_km

    C = core_graph(G)
    a, b = G.nodes["harbin"], G.nodes["port-rotterdam"]
    # a sphere of the mean radius is within 0.5 % of the WGS84 ellipsoid's geodesic
    geodesic = float(distance_km(a["lon"], a["lat"], b["lon"], b["lat"]))
    assert straight_km(C, "harbin", "port-rotterdam") == pytest.approx(geodesic, rel=0.005)


def test_a_bounded_search_that_misses_runs_again_unbounded(
    G: nx.MultiDiGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    # with a reach far too short to get there, the route is the same: the search runs on unbounded
    want = corridormap.route(G, "harbin", "vladivostok", modes=["rail"], as_of="2025-06-01")
    monkeypatch.setattr(corridormap.settings, "search_reach", 0.01)
    got = corridormap.route(G, "harbin", "vladivostok", modes=["rail"], as_of="2025-06-01")
    assert got.to_dict() == want.to_dict()

"""Graph assembly: nodes and links by id, both directions, geodesic lengths, times, the cache."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from fixtures_data import route_dataset

import corridormap
from corridormap.cache import network
from corridormap.geodesy import distance_km
from corridormap.graph import build_graph


@pytest.fixture
def G(make_dataset: Callable[[dict[str, Any]], Path]) -> Any:
    return build_graph(corridormap.load(make_dataset(route_dataset())))


def test_nodes_and_links_by_id(G: Any) -> None:
    assert set(G.nodes) == {"west", "east-ru", "cn-town", "cn-city", "port-a", "port-b", "bc-gate"}
    assert G.nodes["bc-gate"]["layer"] == "border_crossings"
    # rail-east-cn is split at its via node bc-gate into two segments, each in both directions
    # the four links of route_dataset between east-ru and bc-gate, and nothing else
    assert set(G["east-ru"]["bc-gate"]) == {"rail-east-cn:0", "road-ferry:0", "bridge-new:0", "pl-gas:0"}
    assert G.has_edge("bc-gate", "east-ru", "rail-east-cn:0")
    # the pipeline flows one way only
    assert not G.has_edge("bc-gate", "east-ru", "pl-gas:0") and G.has_edge("bc-gate", "cn-town", "pl-gas:1")


def test_lengths_are_geodesic_and_times_follow_the_parameters(G: Any) -> None:
    edge = G.edges["west", "east-ru", "rail-west-east"]
    # one degree of longitude on the parallel 45 N through a vertex at 129.5: two geodesic chords
    expected = float(distance_km(129.0, 45.0, 129.5, 45.0) + distance_km(129.5, 45.0, 130.0, 45.0))
    assert edge["length_km"] == pytest.approx(expected, rel=1e-9)
    assert edge["length_km"] == pytest.approx(78.85, abs=0.05)  # 111.32 km * cos 45 deg, WGS84
    assert edge["time_h"] == pytest.approx(expected / 40)
    # a ferry's fixed crossing time (0.5 h) is shared between its two segments
    assert G.edges["east-ru", "bc-gate", "road-ferry:0"]["time_h"] + G.edges[
        "bc-gate", "cn-town", "road-ferry:1"
    ]["time_h"] == pytest.approx(0.5)


def test_a_lane_across_the_antimeridian_measures_the_short_way(G: Any) -> None:
    edge = G.edges["port-a", "port-b", "sea-short"]
    expected = float(distance_km(179.5, 66.0, 180.0, 66.1) + distance_km(-180.0, 66.1, -179.5, 66.2))
    assert edge["length_km"] == pytest.approx(expected, rel=1e-9)
    assert edge["length_km"] < 60  # drawn the long way round it would be ~16,000 km
    # 10 knots = 18.52 km/h in the Arctic
    assert edge["time_h"] == pytest.approx(expected / 18.52)


def test_parameter_overrides(make_dataset: Callable[[dict[str, Any]], Path]) -> None:
    G = build_graph(corridormap.load(make_dataset(route_dataset())), {"speed.rail": 80})
    edge = G.edges["west", "east-ru", "rail-west-east"]
    assert edge["time_h"] == pytest.approx(edge["length_km"] / 80)
    with pytest.raises(corridormap.CorridorMapError, match=r"unknown parameter 'speed\.rocket'"):
        build_graph(corridormap.load(make_dataset(route_dataset())), {"speed.rocket": 1})


def test_cache_is_reused_and_never_stale(
    make_dataset: Callable[[dict[str, Any]], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CORRIDORMAP_CACHE", str(tmp_path / "cache"))  # undone after the test
    folder = make_dataset(route_dataset())
    first = network(folder)
    assert len(list((tmp_path / "cache").glob("graph-*"))) == 1
    again = network(folder)
    assert again.number_of_edges() == first.number_of_edges()
    # change one coordinate: the cache must not answer with the old graph
    rail = (folder / "rail.geojson").read_text(encoding="utf-8").replace("129.5, 45.0", "129.5, 45.2")
    (folder / "rail.geojson").write_text(rail, encoding="utf-8")
    changed = network(folder)
    assert (
        changed.edges["west", "east-ru", "rail-west-east"]["length_km"]
        > first.edges["west", "east-ru", "rail-west-east"]["length_km"]
    )
    assert len(list((tmp_path / "cache").glob("graph-*"))) == 2


def test_shipped_graph(tmp_path: Path) -> None:
    G = network(backbone=False)  # the curated network: its node and link counts
    ds = corridormap.load()
    # one node per feature of the node layers, no more, no fewer (180 at commit 31831f6:
    # 134 places, 29 ports, 17 border crossings)
    assert set(G.nodes) == set(ds["places"].index) | set(ds["ports"].index) | set(
        ds["border_crossings"].index
    )
    assert G.number_of_nodes() == len(ds["places"]) + len(ds["ports"]) + len(ds["border_crossings"])
    # every link of the dataset is in the graph
    assert {d["feature"] for _, _, d in G.edges(data=True)} == set(ds.links.index)
    # published: Suifenhe-Grodekovo 26 km by rail (5.9 km in China + 20.1 km in Russia)
    edges = [d for _, _, d in G.edges(data=True) if d["feature"] == "rail-grodekovo-suifenhe"]
    # the line derived from OpenStreetMap (scripts/alignments) is drawn 24.93 km long (the network's
    # nodes cut its curves); its length is the network's along-track 27.3 km, 5% over the published
    # 26 (the hand-drawn chain was 18.90 km)
    assert sum(d["drawn_km"] for d in edges) / 2 == pytest.approx(24.93, abs=0.01)
    km = sum(d["length_km"] for d in edges) / 2
    assert km == pytest.approx(27.3, abs=0.01)


def _everything(G: Any) -> tuple[Any, ...]:
    """A graph as plain data, its order kept: nodes, edges (geometry as WKB), feature table, names."""
    from corridormap.graph import features
    from corridormap.lookup import name_index

    edges = [
        (u, v, k, {a: x.wkb if a == "geometry" else "nan" if x != x else x for a, x in d.items()}, list(d))
        for u, v, k, d in G.edges(keys=True, data=True)
    ]
    nodes = [(n, d, list(d)) for n, d in G.nodes(data=True)]
    table = [(f, d, list(d)) for f, d in features(G).items()]
    return nodes, edges, table, name_index(G), G.graph["parameters"], G.graph["format"]


def test_the_cached_graph_is_the_built_graph(
    make_dataset: Callable[[dict[str, Any]], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pickle

    from corridormap.cache import LazyGraph, edge_data
    from corridormap.core import core_graph

    monkeypatch.setenv("CORRIDORMAP_CACHE", str(tmp_path / "cache"))  # undone after the test
    folder = make_dataset(route_dataset())
    built = network(folder)
    read = network(folder)
    assert (
        isinstance(read, LazyGraph) and type(built) is nx.MultiDiGraph and isinstance(read, nx.MultiDiGraph)
    )
    # a route reads single edges and the tables: the edges are not made into a networkx graph,
    # and its legs make their geometries when they are read, the same as from the built graph
    r = corridormap.route(read, "west", "cn-city", modes=["rail"])
    assert "_lazy" in read.__dict__ and r.features
    assert r.to_geojson() == corridormap.route(built, "west", "cn-city", modes=["rail"]).to_geojson()
    assert pickle.loads(pickle.dumps(r)).legs == r.legs  # the geometries travel as plain lists
    assert "_lazy" in read.__dict__
    first = edge_data(read, 0)
    assert _everything(read) == _everything(built)  # reading G.edges builds them, in the same order
    assert "_lazy" not in read.__dict__
    u, v, key = core_graph(read).edges[0]
    assert read.edges[u, v, key] is first  # the edge read before is the graph's own dict
    # a worker process receives the graph with its edges, as a plain networkx graph would be
    assert _everything(pickle.loads(pickle.dumps(network(folder)))) == _everything(built)
    # changing a graph read from the cache changes that graph alone, as with a built one
    G = network(folder)
    G.add_edge("west", "cn-city", key="new", feature="new")
    assert G.number_of_edges() == built.number_of_edges() + 1
    assert network(folder).number_of_edges() == built.number_of_edges()


def test_the_cache_keeps_the_cch_ordering(
    make_dataset: Callable[[dict[str, Any]], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the CCH's contraction order is built with the cache entry and read back with it, so that a
    # command-line route only customizes it; a damaged order is built again, with the same answer
    pytest.importorskip("pyroutingkit")
    from corridormap.core import core_graph

    monkeypatch.setenv("CORRIDORMAP_CACHE", str(tmp_path / "cache"))  # undone after the test
    folder = make_dataset(route_dataset())
    built = network(folder)
    (entry,) = (tmp_path / "cache").glob("graph-*")
    assert {p.name for p in (entry / "cch").iterdir()} == {"node_count", "order", "rank", "tail", "head"}
    want = corridormap.route(built, "west", "cn-city", modes=["rail"])
    read = network(folder)
    r = corridormap.route(read, "west", "cn-city", modes=["rail"])
    C = core_graph(read)
    assert C.topology_dir == entry / "cch" and C._topology is not None
    assert C._topology.node_count == len(C.state_node) and C._topology.arc_count == len(C.arc_tail)
    assert (r.length_km, r.features) == (want.length_km, want.features)
    for damage in (b"", b"\x00" * 3):
        (entry / "cch" / "order").write_bytes(damage)
        again = corridormap.route(network(folder), "west", "cn-city", modes=["rail"])
        assert (again.length_km, again.features) == (want.length_km, want.features)

"""The railway backbone: the shipped file, gauge by country, breaks at borders, joining the curated network."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import corridormap
from corridormap.backbone import BACKBONE_FILE, Backbone, load_backbone, nearest_nodes
from corridormap.geodesy import distance_km, lengths_km
from corridormap.graph import build_graph
from corridormap.io import default_data_dir
from corridormap.multimodal import routing_graph
from corridormap.routing import route

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bb() -> Backbone:
    found = load_backbone(default_data_dir())
    assert found is not None
    return found


@pytest.fixture(scope="module")
def G() -> Any:
    return corridormap.network()


def _gauges_near(bb: Backbone, lon: float, lat: float, km: float) -> dict[str, set[int]]:
    """Country -> gauges of the links at every backbone node within km of a point."""
    near = np.nonzero(
        distance_km(np.full(len(bb.node_xy), lon), np.full(len(bb.node_xy), lat), *bb.node_xy.T) <= km
    )[0]
    at = np.isin(bb.orig, near) | np.isin(bb.dest, near)
    out: dict[str, set[int]] = {}
    for c, g in zip(bb.country[at], bb.gauge_mm[at].tolist(), strict=True):
        out.setdefault(str(c), set()).add(g)
    return out


def test_the_file_ships_with_its_credit_and_is_compact(bb: Backbone) -> None:
    path = default_data_dir() / BACKBONE_FILE
    assert path.stat().st_size < 5_000_000
    assert bb.meta["credit"] == "© OpenStreetMap contributors" and bb.meta["licence"] == "ODbL-1.0"
    assert 20_000 < len(bb) < 80_000  # contracted: tens of thousands of links, not 400k edges
    assert sorted(set(bb.link_id.tolist())) == list(range(len(bb)))
    # the along-track length is never below the drawn line's geodesic (less the 0.5 % the
    # simplification may take off); over the network the track runs longer than the chords
    # through the upstream's sparse vertices (by 5.9 % on the whole world network)
    drawn = lengths_km(bb.geometry)
    assert np.all(bb.length_km >= 0.995 * drawn - 1e-3)
    assert 1.03 < bb.length_km.sum() / drawn.sum() < 1.07


def test_gauge_by_country(bb: Backbone) -> None:
    # 1520 mm in the former Soviet Union and Mongolia, 1435 in Poland, China and Korea, 1668 in Iberia
    by_country = {str(c): set() for c in bb.country}
    for c, g in zip(bb.country, bb.gauge_mm.tolist(), strict=True):
        by_country[str(c)].add(g)
    assert by_country["PL"] == {1435} and by_country["DE"] == {1435} and by_country["CN"] == {1435}
    assert by_country["BY"] == {1520} and by_country["RU"] == {1520} and by_country["MN"] == {1520}
    assert by_country["KZ"] == {1520} and by_country["FI"] == {1520}  # Finland's 1524 mm runs with 1520
    assert by_country["ES"] == {1668} and by_country["PT"] == {1668}
    assert by_country["KR"] == {1435}


@pytest.mark.parametrize(
    ("where", "lon", "lat", "sides"),
    [
        # the Bug bridge between Terespol (PL) and Brest (BY), the Warsaw-Minsk line
        ("Brest-Terespol", 23.66, 52.08, {"PL": {1435}, "BY": {1520}}),
        # Zabaikalsk (RU) - Manzhouli (CN), the Trans-Manchurian line's border
        ("Zabaikalsk-Manzhouli", 117.37, 49.62, {"RU": {1520}, "CN": {1435}}),
        # Zamyn-Uud (MN) - Erenhot (CN), the Trans-Mongolian line's border
        ("Zamyn-Uud-Erenhot", 111.97, 43.70, {"MN": {1520}, "CN": {1435}}),
        # Dostyk (KZ) - Alashankou (CN)
        ("Dostyk-Alashankou", 82.55, 45.22, {"KZ": {1520}, "CN": {1435}}),
        # Hendaye (FR) - Irun (ES)
        ("Hendaye-Irun", -1.78, 43.34, {"FR": {1435}, "ES": {1668}}),
    ],
)
def test_a_gauge_break_sits_at_each_border(
    bb: Backbone, where: str, lon: float, lat: float, sides: dict[str, set[int]]
) -> None:
    found = _gauges_near(bb, lon, lat, 10.0)
    for country, gauges in sides.items():
        assert found.get(country) == gauges, (where, found)


def _figures(G: Any, tier: str | None = None) -> dict[tuple[str, str, str], tuple[float, float | None]]:
    """Length and time of every edge (``None`` for a pipeline's time, which is NaN)."""
    return {
        (u, v, k): (d["length_km"], None if d["time_h"] != d["time_h"] else d["time_h"])
        for u, v, k, d in G.edges(keys=True, data=True)
        if tier is None or d["tier"] == tier
    }


def test_the_curated_network_alone_is_unchanged_without_the_backbone(G: Any) -> None:
    alone = build_graph(corridormap.load(), backbone=False)
    assert _figures(alone) == _figures(G, "curated")
    assert not any(n.startswith("bb-") for n in alone)
    assert {d["tier"] for _, _, d in alone.edges(data=True)} == {"curated"}


def test_backbone_links_have_no_facts_and_are_always_open(G: Any) -> None:
    d = next(d for _, _, d in G.edges(data=True) if d["layer"] == "backbone" and d.get("kind") is None)
    assert d["tier"] == "backbone" and d["mode"] == "rail" and len(d["gauge_mm"]) == 1
    assert "capacities" not in d and "status" not in d and "opened" not in d
    assert d["window"].is_open(dt.date(1990, 1, 1))
    assert d["time_h"] == pytest.approx(d["length_km"] / G.graph["parameters"]["speed.rail"])


def test_a_border_node_changes_gauge_in_the_routing_graph(G: Any, bb: Backbone) -> None:
    R = routing_graph(G)
    border = [
        n
        for n, d in G.nodes(data=True)
        if d.get("layer") == "backbone" and {"PL", "BY"} <= set(d["countries"])
    ]
    assert border, "no PL/BY border node in the graph"
    n = min(border, key=lambda b: float(distance_km(23.66, 52.08, G.nodes[b]["lon"], G.nodes[b]["lat"])))
    assert float(distance_km(23.66, 52.08, G.nodes[n]["lon"], G.nodes[n]["lat"])) < 10
    assert R.has_edge((n, "rail1435"), (n, "rail1520"), key="gauge_change")


def test_curated_nodes_join_the_backbone(G: Any) -> None:
    connectors = [(u, v, d) for u, v, d in G.edges(data=True) if d.get("kind") == "backbone_connector"]
    assert any(u == "taishet" for u, _, _ in connectors)  # where the curated Trans-Siberian ends
    limits = corridormap.settings.backbone_connector_km, corridormap.settings.backbone_place_connector_km
    assert all(0 <= d["length_km"] <= limits[1] for _, _, d in connectors)
    # only a place off the curated rail network may reach beyond the curated nodes' 15 km
    far = {
        u if G.nodes[u].get("layer") != "backbone" else v
        for u, v, d in connectors
        if d["length_km"] > limits[0]
    }
    assert far and all(G.nodes[n].get("layer") == "places" for n in far), far


@pytest.mark.slow
def test_harbin_reaches_moscow_over_zabaikalsk_and_the_backbone(G: Any) -> None:
    # Moscow Kazansky / Yaroslavsky area; the backbone node nearest to it
    moscow = min(
        (n for n, d in G.nodes(data=True) if d.get("layer") == "backbone"),
        key=lambda n: abs(G.nodes[n]["lon"] - 37.66) + abs(G.nodes[n]["lat"] - 55.77),
    )
    r = route(G, "harbin", moscow, modes=["rail"])
    tiers = [leg.tier for leg in r.legs if leg.mode == "rail"]
    assert tiers[0] == "curated" and tiers[-1] == "backbone"
    assert any(leg.transfer == "gauge_change" for leg in r.legs)
    assert "bc-zabaikalsk-manzhouli" in r.to_dict()["crossings"]
    # Harbin-Zabaikalsk 935 km plus Zabaikalsk-Moscow 6,666 km (the Trans-Siberian's kilometre
    # posts): 7,600 km; this gives 7,360 km (-3.2 %)
    assert r.length_km == pytest.approx(7_600, rel=0.05)


@pytest.mark.slow
def test_ulaanbaatar_lies_on_the_trans_mongolian_line(G: Any) -> None:
    # Ulaanbaatar is a station in the middle of a backbone link: it joins the line, not a
    # junction 182 km off; the line runs on to Naushki (the Darkhan-Sukhbaatar join fills the
    # 45.6 km scgraph_data lacks) and Erenhot's trains reach Moscow that way, not through China
    r = route(G, "ulaanbaatar", "warsaw", modes=["rail"])
    assert r.legs[0].features[0].startswith("bb-connector:ulaanbaatar:")
    assert G.edges[r.legs[0].orig, r.legs[0].stops[1], r.legs[0].features[0]]["length_km"] < 15
    er = route(G, "erenhot", "moscow", modes=["rail"])
    assert "bc-zabaikalsk-manzhouli" not in er.to_dict()["crossings"]
    assert any(
        float(distance_km(106.1, 50.4, G.nodes[n]["lon"], G.nodes[n]["lat"])) < 10
        for leg in er.legs
        for n in leg.stops
    )  # passes Naushki


@pytest.mark.slow
def test_almaty_reaches_dostyk_and_europe(G: Any) -> None:
    # the Turkestan-Siberia line north of Almaty, four upstream pieces 0.1-1.3 km apart, is one line
    assert route(G, "almaty", "dostyk", modes=["rail"]).length_km < 1_100
    assert route(G, "almaty", "hamburg", modes=["rail"]).legs


def test_seaports_on_the_railway_join_it(G: Any) -> None:
    joined = {
        u for u, v, d in G.edges(data=True) if d.get("kind") == "backbone_connector" and not d["reverse"]
    }
    assert {"port-rotterdam", "port-hamburg"} <= joined
    assert "port-shanghai" not in joined  # Yangshan, on islands with no railway


def test_no_connector_crosses_a_border(G: Any) -> None:
    for u, v, d in G.edges(data=True):
        if d.get("kind") == "backbone_connector" and not d["reverse"]:
            assert set(G.nodes[u].get("countries") or []) & set(G.nodes[v]["countries"]), (u, v)


def test_nearest_nodes_keeps_to_the_limit() -> None:
    xy = np.array([[0.0, 0.0], [1.0, 0.0]])
    node, km = nearest_nodes(xy, np.array([0, 1]), np.array([[0.1, 0.0], [5.0, 0.0]]), 50.0)
    assert node.tolist() == [0, -1]
    assert km[0] == pytest.approx(11.13, abs=0.01)  # 0.1° of longitude at the equator


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("scgraph_data") is None, reason="needs the curation extra")
def test_the_derivation_reruns_to_identical_bytes(tmp_path: Path) -> None:
    out = tmp_path / "rail.parquet"
    script = REPO / "scripts" / "backbone" / "derive_backbone.py"
    subprocess.run([sys.executable, str(script), "--out", str(out)], check=True, capture_output=True)
    shipped = (REPO / "geodata" / BACKBONE_FILE).read_bytes()
    assert hashlib.sha256(out.read_bytes()).hexdigest() == hashlib.sha256(shipped).hexdigest()

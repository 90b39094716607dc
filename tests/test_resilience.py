"""N-1 criticality for flows and routes, with hand-computed losses."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fixtures_data import flow_dataset, route_dataset

import corridormap
from corridormap.flows import scenario
from corridormap.geodesy import distance_km
from corridormap.graph import build_graph
from corridormap.resilience import flow_criticality, route_criticality


def test_flow_criticality_ranks_by_loss(make_dataset: Callable[[dict[str, Any]], Path]) -> None:
    G = build_graph(corridormap.load(make_dataset(flow_dataset())))
    base, ranking = flow_criticality(
        G, "gas", ["src-a", "src-b"], ["sink-c", "sink-d"], scenario(as_of="2020-06-01")
    )
    assert base == pytest.approx(40)
    # closing the hub cuts everything (40); bc-f or pl-x-c the 30 through the crossing; without
    # pl-b-x only A's 20 reach X; without pl-a-x, B's 25 (see flow_dataset)
    losses = {c.id: round(c.loss, 6) for c in ranking}
    assert losses == {"hub-x": 40, "bc-f": 30, "pl-x-c": 30, "pl-b-x": 20, "pl-a-x": 15, "pl-x-d": 10}
    assert [c.id for c in ranking][:3] == ["hub-x", "bc-f", "pl-x-c"]
    assert [c.id for c in ranking if c.disconnects] == ["hub-x"]
    # sweeping everything gives the same ranking as sweeping only what carries flow
    _, full = flow_criticality(
        G, "gas", ["src-a", "src-b"], ["sink-c", "sink-d"], scenario(as_of="2020-06-01"), everything=True
    )
    assert [(c.id, c.loss) for c in full] == [(c.id, c.loss) for c in ranking]


def test_route_criticality(make_dataset: Callable[[dict[str, Any]], Path]) -> None:
    G = build_graph(corridormap.load(make_dataset(route_dataset())))
    base, ranking = route_criticality(G, "port-a", "port-b", month=8)
    by_id = {c.id: c for c in ranking}
    # closing the short Arctic lane (50.43 km) sends the route by the southern lane (477.30 km):
    # the loss is their difference, 426.87 km, each the sum of geodesic chords (see route_dataset)
    short = float(distance_km(179.5, 66.0, 180.0, 66.1) + distance_km(-180.0, 66.1, -179.5, 66.2))
    chain = [(179.5, 66.0), (179.9, 64.0), (180.0, 64.0), (-180.0, 64.0), (-179.6, 64.5), (-179.5, 66.2)]
    long = sum(float(distance_km(*a, *b)) for a, b in itertools.pairwise(chain))
    assert base == pytest.approx(short) and short == pytest.approx(50.43, abs=0.01)
    assert by_id["sea-short"].remaining == pytest.approx(long) and long == pytest.approx(477.30, abs=0.01)
    assert by_id["sea-short"].loss == pytest.approx(long - short)
    assert by_id["sea-short"].unit == "km" and not by_id["sea-short"].disconnects
    _, rail = route_criticality(G, "west", "cn-city", modes=["rail"])
    assert {c.id for c in rail if c.disconnects} == {"rail-west-east", "rail-east-cn", "rail-cn", "bc-gate"}


def test_oil_to_china_n1_on_the_shipped_network() -> None:
    G = corridormap.network()
    base, ranking = flow_criticality(G, "oil", ["Taishet"], ["Daqing"], scenario(as_of="2024-01-01"))
    assert base == pytest.approx(30)
    # every link and node on the only way from Taishet to Daqing cuts it off: ESPO-1 to
    # Skovorodino, the spur to Mohe, the Dzhalinda-Mohe crossing and on to Daqing
    cut_off = {c.id for c in ranking if c.disconnects}
    assert cut_off == {
        "pl-espo-1",
        "skovorodino",
        "pl-skovorodino-mohe",
        "bc-dzhalinda-mohe",
        "mohe-xingan-station",
        "pl-mohe-daqing",
    }

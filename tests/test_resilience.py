"""N-1 criticality for flows and routes, with hand-computed losses."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fixtures_data import flow_dataset, route_dataset

import corridormap
from corridormap.flows import scenario
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
    _base, ranking = route_criticality(G, "port-a", "port-b", month=8)
    by_id = {c.id: c for c in ranking}
    assert by_id["sea-short"].loss > 0 and not by_id["sea-short"].disconnects
    _, rail = route_criticality(G, "west", "cn-city", modes=["rail"])
    assert {c.id for c in rail if c.disconnects} == {"rail-west-east", "rail-east-cn", "rail-cn", "bc-gate"}


def test_oil_to_china_n1_on_the_shipped_network() -> None:
    G = corridormap.network()
    base, ranking = flow_criticality(G, "oil", ["Taishet"], ["Daqing"], scenario(as_of="2024-01-01"))
    assert base == pytest.approx(30)
    cut_off = {c.id for c in ranking if c.disconnects}
    assert {"pl-espo-1", "pl-skovorodino-mohe", "pl-mohe-daqing"} <= cut_off

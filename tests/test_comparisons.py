"""Comparing two dates: what opened, which capacities changed, corridor bottlenecks and flows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from fixtures_data import flow_dataset

import corridormap
from corridormap.comparisons import compare
from corridormap.flows import scenario
from corridormap.graph import build_graph


def test_compare_two_dates(make_dataset: Callable[[dict[str, Any]], Path]) -> None:
    ds = corridormap.load(make_dataset(flow_dataset()))
    G = build_graph(ds)
    result = compare(G, scenario(as_of="2020-06-01"), scenario(as_of="2023-06-01"), ["gas"])
    assert [f["id"] for f in result.opened] == ["bridge-new", "pl-late"]  # the bridge opened 2022-06-10
    assert result.closed == []
    changes = {(c["id"], c["before"], c["after"]) for c in result.capacities}
    assert changes == {("pl-x-d", 10, 20), ("pl-late", None, 5)}


def test_compare_corridors_on_the_shipped_data() -> None:
    ds = corridormap.load()
    G = corridormap.network()
    result = compare(
        G, scenario(as_of="2018-01-01"), scenario(as_of="2024-12-31"), ["gas", "oil"], ds.corridors
    )
    rows = {(r["corridor"], r["commodity"]): r for r in result.corridors}
    # Power of Siberia did not exist in 2018 and carries its stated 38 bcm/yr by the end of 2024.
    pos = rows["power-of-siberia", "gas"]
    assert (pos["flow_before"], pos["flow_after"]) == (0.0, 38.0)
    # ESPO-1 went from 58 to 80 Mt/yr (27 Nov 2019).
    assert any(c["id"] == "pl-espo-1" and (c["before"], c["after"]) == (58, 80) for c in result.capacities)
    opened = {f["id"] for f in result.opened}
    assert {
        "bridge-blagoveshchensk-heihe",
        "bridge-nizhneleninskoye-tongjiang",
        "pl-power-of-siberia-chayanda-heihe",
    } <= opened


def test_compare_honours_closed_kinds(make_dataset: Callable[[dict[str, Any]], Path]) -> None:
    # Closing every border crossing in the later scenario closes every link through one: through
    # bc-gate the gas pipeline, the dual-gauge railway and the ferry (and the bridge that opened
    # in 2022 never counts as opened), through bc-f pl-x-c; their figures and bc-f's own 30 bcm/yr
    # leave force. Before the fix, compare ignored close_kinds and listed none of this.
    ds = corridormap.load(make_dataset(flow_dataset()))
    G = build_graph(ds)
    after = scenario(as_of="2023-06-01", close_kinds=["border_crossing"])
    result = compare(G, scenario(as_of="2020-06-01"), after, ["gas"])
    assert [f["id"] for f in result.closed] == ["pl-gas", "pl-x-c", "rail-east-cn", "road-ferry"]
    assert [f["id"] for f in result.opened] == ["pl-late"]
    changes = {(c["id"], c["before"], c["after"]) for c in result.capacities}
    assert changes == {
        ("bc-f", 30, None),
        ("pl-gas", 38, None),
        ("pl-x-c", 40, None),
        ("pl-x-d", 10, 20),
        ("pl-late", None, 5),
    }

"""Joining lines without ids: snapping ends, clustering ends, splitting at nodes passed, the report."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import shapely
from fixtures_data import route_dataset

import corridormap
from corridormap.graph import build_graph
from corridormap.routing import route
from corridormap.snap import snap_lines


@pytest.fixture
def G(make_dataset: Callable[[dict[str, Any]], Path]) -> Any:
    return build_graph(corridormap.load(make_dataset(route_dataset())))


def test_snap_split_cluster_and_report(G: Any) -> None:
    lines = [
        # 1. from 300 m off cn-city (132 E, 45 N) east to a new place: the start snaps to cn-city
        shapely.LineString([(132.0, 45.0027), (132.5, 45.0)]),
        # 2. continues from where line 1 ends (within 20 m): joined through a new node
        shapely.LineString([(132.5002, 45.0001), (133.0, 45.0)]),
        # 3. a line that passes 100 m from cn-town (131 E) between its ends: split there
        shapely.LineString([(130.9, 45.5), (131.0, 45.0009), (131.1, 44.5)]),
        # 4. far from everything
        shapely.LineString([(100.0, 60.0), (100.1, 60.0)]),
        # 5. not a line
        shapely.Point(131.0, 45.0),
    ]
    H, report = snap_lines(G, lines, mode="road", tolerance_m=500)
    assert report.lines == 5 and report.skipped == [4]
    assert report.snapped_ends == 1  # line 1's start; nothing else lies within 500 m of a node
    assert 299 < report.max_snap_m < 301
    assert report.split == [(2, "cn-town")]
    assert report.unconnected == [3]  # line 2 joins through line 1, line 3 through its split at cn-town
    assert G.number_of_edges() < H.number_of_edges()
    assert "user-0" in {d["feature"] for _, _, d in H.edges("cn-city", data=True)}
    # the joined lines are routable: cn-city -> the end of line 2
    end = next(n for n in H.nodes if n.startswith("snap-") and abs(H.nodes[n]["lon"] - 133.0) < 1e-6)
    r = route(H, "cn-city", end, modes=["road"])
    assert r.features == ["user-0", "user-1"]
    assert r.length_km == pytest.approx(78.85, abs=0.5)  # one degree of longitude at 45 N

"""Jupyter displays and DataFrames of the results: a summary table whose cells are the result's
own figures (escaped), and ``to_frame()`` on every result that holds a list."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from fixtures_data import flow_dataset, route_dataset

import corridormap
from corridormap._errors import InvalidArgumentError
from corridormap._results import summary_html
from corridormap.graph import build_graph


@pytest.fixture(autouse=True)
def no_maps(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(corridormap.settings, "repr_html_map", False)  # one test draws the map


@pytest.fixture
def route_ds(make_dataset: Callable[[dict[str, Any]], Path]) -> Any:
    return corridormap.load(make_dataset(route_dataset()))


@pytest.fixture
def flow_G(make_dataset: Callable[[dict[str, Any]], Path]) -> Any:
    return build_graph(corridormap.load(make_dataset(flow_dataset())))


def test_the_summary_table_escapes_every_cell() -> None:
    out = summary_html("<i>t</i>", [("<a>", "x & y")], extra="<p>kept</p>")
    assert "&lt;i&gt;t&lt;/i&gt;" in out and "&lt;a&gt;" in out and "x &amp; y" in out
    assert out.endswith("<p>kept</p></div>")


def test_a_route_shows_its_figures_and_legs(route_ds: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    r = corridormap.route(build_graph(route_ds), "west", "cn-city", modes=["rail"])
    shown = r._repr_html_()
    assert f"{r.length_km:,.0f} km" in shown
    assert "rail → transfer → rail" in shown.replace("gauge_change", "transfer")
    frame = r.to_frame()
    assert list(frame["mode"]) == [leg.mode for leg in r.legs]
    assert shown.count('<th style="text-align:left">') == 6  # from, to, length, time, legs, crossings
    assert shown.count("<tr>") == 6 + len(r.legs)  # and one row per leg below
    monkeypatch.setattr(corridormap.settings, "repr_html_map", True)
    assert "<iframe" in r._repr_html_()  # folium's own display, below the table


def test_route_alternatives_are_a_table_too() -> None:
    # Harbin-Hamburg by rail on the shipped network: the first route is route()'s, the others
    # each differ materially; the table has their own lengths and times, best first
    G = corridormap.network()
    found = corridormap.route_alternatives(G, "Harbin", "Hamburg", k=3, modes=["rail"])
    assert isinstance(found, list) and len(found) >= 2
    assert found[0].length_km == corridormap.route(G, "Harbin", "Hamburg", modes=["rail"]).length_km
    frame = found.to_frame()
    assert list(frame["rank"]) == list(range(1, len(found) + 1))
    assert list(frame["length_km"]) == [r.length_km for r in found]
    assert list(frame["time_h"]) == [r.time_h for r in found]
    assert set(frame["orig"]) == {"harbin"} and set(frame["dest"]) == {"hamburg"}
    shown = found._repr_html_()
    assert f"corridormap routes ({len(found)})" in shown and "<th>length_km</th>" in shown
    assert shown.count("<tr>") == 2 + len(found)  # from and to, then one row per route


def test_a_flow_shows_its_value_and_binding_records(flow_G: Any) -> None:
    # test_flows: 40 bcm/yr through the cut {pl-x-d, bc-f}
    r = corridormap.max_flow(
        flow_G, "gas", ["src-a", "src-b"], ["sink-c", "sink-d"], corridormap.scenario(as_of="2020-06-01")
    )
    shown = r._repr_html_()
    assert "40 bcm/yr" in shown and "pl-x-d, bc-f" in shown
    binding = r.to_frame("binding")
    assert sorted(binding["id"]) == ["bc-f", "pl-x-d"]
    assert binding["value"].sum() == pytest.approx(40)
    assert list(r.to_frame().columns) == ["id", "kind", "flow", "unit", "in_cut"]
    with pytest.raises(InvalidArgumentError, match="'flows' or 'binding'"):
        r.to_frame("cuts")


def test_a_ranking_and_a_comparison_show_their_lists(flow_G: Any) -> None:
    ranking = corridormap.flow_criticality(
        flow_G, "gas", ["src-a", "src-b"], ["sink-c", "sink-d"], corridormap.scenario(as_of="2020-06-01")
    )
    shown = ranking._repr_html_()
    assert f"{ranking.base:,.4g} {ranking.unit}" in shown and ranking.items[0].id in shown
    assert len(ranking.to_frame()) == len(ranking.items)
    comparison = corridormap.compare(
        flow_G, corridormap.scenario(as_of="2020-06-01"), corridormap.scenario(as_of="2023-06-01"), ["gas"]
    )
    shown = comparison._repr_html_()
    assert "2020-06-01" in shown and "2023-06-01" in shown
    for table in ("corridors", "capacities", "opened", "closed"):
        frame = comparison.to_frame(table)
        assert isinstance(frame, pd.DataFrame) and len(frame) == len(getattr(comparison, table))
    assert list(comparison.to_frame("opened")["id"]) == [f["id"] for f in comparison.opened]


def test_a_dataset_shows_its_layers(route_ds: Any) -> None:
    frame = route_ds.to_frame()
    summary = route_ds.summary()["layers"]
    assert list(frame.index) == list(summary)
    assert frame.loc["sea_lanes", "features"] == 2  # sea-short and sea-long in route_dataset
    assert "corridormap dataset" in route_ds._repr_html_()

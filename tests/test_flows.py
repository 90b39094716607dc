"""Maximum flow, minimum cut, scenarios: hand-computed answers, scipy against networkx, the
shipped pipelines against their stated capacities."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fixtures_data import flow_dataset

import corridormap
from corridormap.flows import max_flow, scenario
from corridormap.graph import build_graph


@pytest.fixture
def G(make_dataset: Callable[[dict[str, Any]], Path]) -> Any:
    return build_graph(corridormap.load(make_dataset(flow_dataset())))


SOURCES, SINKS = ["src-a", "src-b"], ["sink-c", "sink-d"]


@pytest.mark.parametrize("method", ["scipy", "networkx"])
def test_node_capacity_and_several_sources_and_sinks(G: Any, method: str) -> None:
    r = max_flow(G, "gas", SOURCES, SINKS, scenario(as_of="2020-06-01"), method=method)
    assert (r.value, r.unit) == (pytest.approx(40), "bcm/yr")
    assert r.min_cut == {"features": ["pl-x-d"], "nodes": ["bc-f"]}
    assert r.node_flows["bc-f"] == pytest.approx(30)
    assert r.flows["pl-x-c"] == pytest.approx(30) and r.flows["pl-x-d"] == pytest.approx(10)
    assert "pl-late" not in r.flows  # not open until 2022
    assert {(b["id"], b["value"], b["basis"], b["year"]) for b in r.binding} == {
        ("bc-f", 30, "design", 2010),
        ("pl-x-d", 10, "design", 2015),
    }


@pytest.mark.parametrize("method", ["scipy", "networkx"])
def test_cut_moves_when_a_capacity_grows_and_a_link_opens(G: Any, method: str) -> None:
    r = max_flow(G, "gas", SOURCES, SINKS, scenario(as_of="2023-06-01"), method=method)
    assert r.value == pytest.approx(50)
    assert r.min_cut == {"features": ["pl-a-x", "pl-b-x", "pl-late"], "nodes": []}


def test_scenario_closures_and_overrides(G: Any) -> None:
    closed = max_flow(G, "gas", SOURCES, SINKS, scenario(as_of="2020-06-01", close=["bc-f"]))
    assert closed.value == pytest.approx(10)
    override = max_flow(
        G, "gas", SOURCES, SINKS, scenario(as_of="2020-06-01", capacity={"bc-f": (5, "bcm/yr")})
    )
    assert override.value == pytest.approx(15)
    in_mcm = max_flow(G, "gas", SOURCES, SINKS, scenario(as_of="2020-06-01"), unit="mcm/day")
    assert in_mcm.value == pytest.approx(40_000 / 365.25, abs=0.002)  # scipy works in thousandths of the unit


def test_a_commodity_the_links_do_not_carry_flows_zero(G: Any) -> None:
    r = max_flow(G, "oil", SOURCES, SINKS, scenario(as_of="2020-06-01"))
    assert r.value == 0 and r.flows == {}


@pytest.mark.parametrize(
    ("args", "error", "words"),
    [
        (("unobtainium", SOURCES, SINKS), corridormap.CorridorMapError, "unknown commodity 'unobtainium'"),
        (
            ("gas", ["src-a"], ["src-a", "sink-c"]),
            corridormap.CorridorMapError,
            "src-a is both a source and a sink",
        ),
        (("gas", [], SINKS), corridormap.CorridorMapError, "give at least one source and one sink"),
        (("gas", ["nowhere-land"], SINKS), corridormap.UnknownPlaceError, "unknown place 'nowhere-land'"),
    ],
)
def test_bad_input(G: Any, args: tuple[Any, ...], error: type[Exception], words: str) -> None:
    with pytest.raises(error, match=words):
        max_flow(G, *args)


def test_unknown_unit_is_an_error(G: Any) -> None:
    with pytest.raises(corridormap.UnknownUnitError):
        max_flow(G, "gas", SOURCES, SINKS, unit="Mt/yr")


# -- the shipped network ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def net() -> Any:
    return corridormap.network(backbone=False)  # results on the curated network


def test_oil_from_taishet_is_bounded_by_the_stated_espo_capacities(net: Any) -> None:
    # ESPO-1: 30 Mt/yr from December 2009, 58 from December 2014, 80 from 27 Nov 2019
    # (Oil & Gas Journal; offshore-technology; Transneft via Interfax). Downstream, ESPO-2 opened
    # at 30 Mt/yr in December 2012 (EastRussia, RIA) and reached 50 on 27 Nov 2019 (Transneft);
    # Kozmino took 30 Mt/yr from late 2012 (Portal Morski) and 42 after its 2022 expansion
    # (Transneft via Sputnik); the spur to China carried 15 Mt/yr until its second line of 2018
    # (Xinhua), 30 after.
    for as_of, espo_1 in [("2013-06-01", 30), ("2018-06-01", 58)]:
        r = max_flow(net, "oil", ["Taishet"], ["Daqing", "port-kozmino"], scenario(as_of=as_of))
        # ESPO-1 binds: the whole flow is its design figure
        assert r.value == pytest.approx(espo_1)
        assert r.flows["pl-espo-1"] == pytest.approx(espo_1)
        assert r.min_cut == {"features": ["pl-espo-1"], "nodes": []}
    # In 2016 ESPO-1's 58 Mt/yr could not all leave Skovorodino: ESPO-2's 30 plus the spur's 15
    # bind, 45 Mt/yr in all (not the 58 a planned 50 Mt/yr on ESPO-2 made of it before).
    r = max_flow(net, "oil", ["Taishet"], ["Daqing", "port-kozmino"], scenario(as_of="2016-01-01"))
    assert r.value == pytest.approx(45)
    assert r.min_cut == {"features": ["pl-espo-2", "pl-skovorodino-mohe"], "nodes": []}
    # From 2020 the ends bind, not the pipe: Kozmino's 30 (42 from 2022) and the spur's 30 fall
    # short of ESPO-1's 80 (the rest feeds refineries on the way, which the network leaves out).
    for as_of, total in [("2020-06-01", 60), ("2023-06-01", 72)]:
        r = max_flow(net, "oil", ["Taishet"], ["Daqing", "port-kozmino"], scenario(as_of=as_of))
        assert r.value == pytest.approx(total)
        assert r.min_cut == {"features": ["pl-skovorodino-mohe"], "nodes": ["port-kozmino"]}
    # The spur to Daqing carries at most its 30 Mt/yr (Xinhua, 2018): that is where oil to China binds.
    china = max_flow(net, "oil", ["Taishet"], ["Daqing"], scenario(as_of="2024-01-01"))
    assert china.value == pytest.approx(30)
    # the cut is the spur's first section, Skovorodino-Mohe (30 Mt/yr design from 2018; the
    # Mohe-Daqing section downstream has the same 30, and the cut reported is the one nearest
    # the source)
    assert china.min_cut == {"features": ["pl-skovorodino-mohe"], "nodes": []}


def test_gas_to_china_is_bounded_by_power_of_siberia(net: Any) -> None:
    # Power of Siberia's export capacity: 38 bcm/yr (gazprom.com; the article).
    r = max_flow(net, "gas", ["chayanda", "kovykta"], ["changling"], scenario(as_of="2025-06-01"))
    # It binds: exactly 38, through it, and it alone is the cut. The same under either reading of
    # actual records: its last design record is 38 (2019) and its last actual one, 38 from
    # 2 December 2024 (geodata/pipelines.geojson).
    assert r.value == pytest.approx(38)
    assert r.flows["pl-power-of-siberia-chayanda-heihe"] == pytest.approx(38)
    assert r.min_cut == {"features": ["pl-power-of-siberia-chayanda-heihe"], "nodes": []}


def test_nothing_flows_through_a_pipeline_before_it_opened(net: Any) -> None:
    # Power of Siberia: first gas 2 December 2019; the ESPO spur: 1 January 2011.
    assert max_flow(net, "gas", ["chayanda"], ["changling"], scenario(as_of="2019-12-01")).value == 0
    assert max_flow(net, "oil", ["Taishet"], ["Daqing"], scenario(as_of="2010-12-31")).value == 0
    assert max_flow(net, "oil", ["Taishet"], ["Daqing"], scenario(as_of="2011-01-01")).value == pytest.approx(
        15
    )


def test_scipy_and_networkx_agree_on_the_shipped_network(net: Any) -> None:
    for commodity, sources, sinks in [
        ("oil", ["Taishet"], ["Daqing", "port-kozmino"]),
        ("gas", ["chayanda"], ["baihe-station", "vladivostok"]),
    ]:
        a = max_flow(net, commodity, sources, sinks, method="scipy")
        b = max_flow(net, commodity, sources, sinks, method="networkx")
        assert a.value == pytest.approx(b.value, abs=1e-3)

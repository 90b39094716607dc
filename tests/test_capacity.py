"""Which capacity record is in force at a date, with answers a reader can check by hand.

The rule (corridormap/capacity.py): of the records of the commodity whose basis can be in force,
take the latest that took effect at or before the date (its ``date``, else 1 January of its
``year``); at the same date design comes before estimate before actual, then the larger value.
Targets and forecasts never count.

Whether an ``actual`` record (throughput) counts as capacity is about to change; every test that
depends on it is in :func:`test_actual_record_counts_today`, and every other test holds under both
rules.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest

import corridormap
from corridormap import UnknownUnitError
from corridormap.capacity import canonical_unit, capacity_in_force, effective_date

D = dt.date


def rec(value: float, basis: str, year: int, date: str | None = None, **extra: Any) -> dict[str, Any]:
    """One capacity record; oil in Mt/yr unless told otherwise."""
    record = {"commodity": "oil", "value": value, "unit": "Mt/yr", "basis": basis, "year": year, **extra}
    if date is not None:
        record["date"] = date
    return record


#: ESPO-1 as the shipped dataset states it (geodata/pipelines.geojson, pl-espo-1): 30 Mt/yr from
#: 2009, 58 from December 2014, 80 from 27 November 2019, and an 80 Mt/yr target dated 2018.
ESPO_1 = [
    rec(30, "design", 2009),
    rec(58, "design", 2014, "2014-12"),
    rec(80, "design", 2019, "2019-11-27"),
    rec(80, "target", 2018),
]


def value_at(records: list[dict[str, Any]], day: dt.date, commodity: str = "oil") -> float | None:
    chosen = capacity_in_force(records, commodity, day)
    return None if chosen is None else chosen["value"]


def test_effective_date_is_the_date_else_the_first_of_january() -> None:
    assert effective_date(rec(30, "design", 2009)) == D(2009, 1, 1)
    assert effective_date(rec(58, "design", 2014, "2014-12")) == D(2014, 12, 1)
    assert effective_date(rec(80, "design", 2019, "2019-11-27")) == D(2019, 11, 27)
    # a year given as text (as a CSV would give it) is read as a year
    assert effective_date({"year": "2021"}) == D(2021, 1, 1)
    # a date that is not one falls back to the year
    assert effective_date(rec(1, "design", 2020, "soon")) == D(2020, 1, 1)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2008, 12, 31), None),  # before the first record: nothing in force
        (D(2009, 1, 1), 30),  # a record counts from the day it takes effect
        (D(2014, 11, 30), 30),  # "2014-12" takes effect on 1 December, not in 2014's January
        (D(2014, 12, 1), 58),
        (D(2018, 6, 1), 58),  # the 2018 target of 80 does not count
        (D(2019, 11, 26), 58),  # "2019-11-27" beats year 2019: not in force from 1 January
        (D(2019, 11, 27), 80),
        (D(2030, 1, 1), 80),
    ],
)
def test_latest_record_at_or_before_the_date(day: dt.date, expected: float | None) -> None:
    assert value_at(ESPO_1, day) == expected


def test_targets_and_forecasts_never_count() -> None:
    plans = [rec(100, "target", 2010), rec(120, "forecast", 2012)]
    assert capacity_in_force(plans, "oil", D(2030, 1, 1)) is None
    # a later plan does not displace an earlier design figure
    assert value_at([rec(20, "design", 2015), *plans], D(2030, 1, 1)) == 20
    # a record of a basis outside the vocabulary, or of none, does not count either
    assert (
        capacity_in_force([rec(50, "rumour", 2015), {"commodity": "oil", "value": 5}], "oil", D(2030, 1, 1))
        is None
    )


def test_a_later_estimate_replaces_an_earlier_design() -> None:
    records = [rec(40, "design", 2015), rec(35, "estimate", 2020)]
    assert value_at(records, D(2019, 12, 31)) == 40
    assert value_at(records, D(2020, 1, 1)) == 35  # latest first, whatever the basis or value
    chosen = capacity_in_force(records, "oil", D(2021, 1, 1))
    assert chosen is not None and chosen["basis"] == "estimate" and chosen["year"] == 2020


def test_at_the_same_date_design_beats_estimate_beats_actual() -> None:
    # design first even when it is the smaller figure; this holds whether or not actual counts
    same_day = [rec(50, "actual", 2020), rec(45, "estimate", 2020), rec(40, "design", 2020)]
    chosen = capacity_in_force(same_day, "oil", D(2020, 1, 1))
    assert chosen is not None and (chosen["value"], chosen["basis"]) == (40, "design")
    chosen = capacity_in_force(same_day[:2], "oil", D(2020, 1, 1))
    assert chosen is not None and (chosen["value"], chosen["basis"]) == (45, "estimate")
    # "2020" and "2020-01-01" are the same date, so the tie holds across the two ways to write it
    tie = [rec(45, "estimate", 2020, "2020-01-01"), rec(40, "design", 2020)]
    assert value_at(tie, D(2020, 6, 1)) == 40


def test_at_the_same_date_and_basis_the_larger_value() -> None:
    records = [rec(15.4, "design", 2022, "2022-07-01"), rec(15.5, "design", 2022, "2022-07-01")]
    assert value_at(records, D(2023, 1, 1)) == 15.5
    assert value_at(list(reversed(records)), D(2023, 1, 1)) == 15.5  # whatever the order


def test_at_the_same_date_and_basis_the_larger_amount_whatever_its_unit() -> None:
    # 80 Mt/yr against 200,000 t/day = 200,000 * 365.25 / 1e6 = 73.05 Mt/yr: 80 is the larger
    records = [rec(80, "design", 2020), rec(200_000, "design", 2020, unit="t/day")]
    assert value_at(records, D(2021, 1, 1)) == 80


def test_only_the_commodity_asked_for() -> None:
    records = [
        rec(30, "design", 2010),
        {"commodity": "gas", "value": 38, "unit": "bcm/yr", "basis": "design", "year": 2019},
    ]
    assert value_at(records, D(2020, 1, 1), "oil") == 30
    assert value_at(records, D(2020, 1, 1), "gas") == 38
    assert capacity_in_force(records, "coal", D(2020, 1, 1)) is None  # a known commodity, no record
    assert capacity_in_force(None, "oil", D(2020, 1, 1)) is None
    assert capacity_in_force([], "oil", D(2020, 1, 1)) is None


def test_converted_to_the_unit_asked_for_with_the_stated_figure_kept() -> None:
    gas = [
        {"commodity": "gas", "value": 38, "unit": "bcm/yr", "basis": "design", "year": 2019, "sources": ["s"]}
    ]
    before = copy.deepcopy(gas)
    chosen = capacity_in_force(gas, "gas", D(2020, 1, 1), "mcm/day")
    assert chosen is not None
    # 38 bcm/yr = 38,000 mcm over a Julian year of 365.25 days = 104.04 mcm/day
    assert chosen["value"] == pytest.approx(38_000 / 365.25)
    assert chosen["unit"] == "mcm/day"
    assert (chosen["stated_value"], chosen["stated_unit"]) == (38, "bcm/yr")
    assert (chosen["basis"], chosen["year"], chosen["sources"]) == ("design", 2019, ["s"])
    assert gas == before  # the feature's own records are not changed


def test_canonical_unit_by_default() -> None:
    # a port stating 1.3 Mt a day is reported per year: 1.3 * 365.25 = 474.825 Mt/yr
    port = [rec(1.3, "design", 2020, unit="Mt/day")]
    chosen = capacity_in_force(port, "oil", D(2021, 1, 1))
    assert chosen is not None and chosen["unit"] == "Mt/yr"
    assert chosen["value"] == pytest.approx(474.825)
    assert canonical_unit("t/day") == "Mt/yr"
    assert canonical_unit("mcm/day") == "bcm/yr"
    assert canonical_unit("TEU/day") == "TEU/yr"
    assert canonical_unit("passengers/day") == "passengers/yr"
    assert canonical_unit("vehicles/yr") == "vehicles/yr"
    assert canonical_unit("trains/yr") == "trains/day"
    assert canonical_unit("km/h") == "km/h"  # no capacity dimension: left as it is


def test_today_by_default() -> None:
    records = [rec(30, "design", 2000), rec(99, "design", 9999)]
    assert value_at(records, D(2000, 1, 1)) == 30
    chosen = capacity_in_force(records, "oil")  # today: the year-9999 record is not yet in force
    assert chosen is not None and chosen["value"] == 30


def test_unknown_commodity_or_unfit_unit_is_a_clear_error() -> None:
    with pytest.raises(
        UnknownUnitError, match=r"^unknown commodity 'petrol': use one of coal, containers, "
    ) as caught:
        capacity_in_force(ESPO_1, "petrol", D(2020, 1, 1))
    assert isinstance(caught.value, ValueError)  # except ValueError still catches it
    with pytest.raises(UnknownUnitError) as caught:
        capacity_in_force(ESPO_1, "oil", D(2020, 1, 1), "bcm/yr")
    assert str(caught.value) == "oil capacity in 'Mt/yr' cannot be given in 'bcm/yr'"
    # nothing in force: nothing to convert, so no error
    assert capacity_in_force(ESPO_1, "oil", D(2000, 1, 1), "bcm/yr") is None


@pytest.fixture(scope="module")
def pipelines() -> Any:
    return corridormap.load()["pipelines"]


def test_shipped_espo_1_and_power_of_siberia_design_figures(pipelines: Any) -> None:
    # pl-espo-1 in geodata/pipelines.geojson; figures from Transneft via Interfax (see test_data.py)
    espo = pipelines.loc["pl-espo-1", "capacities"]
    assert [value_at(espo, D(y, 6, 1)) for y in (2010, 2015, 2020)] == [30, 58, 80]
    # Power of Siberia: 38 bcm/yr design from 2019; its last record, 38 bcm/yr actual from
    # 2 December 2024, has the same value, so at 2025 the answer is 38 under either rule
    pos = pipelines.loc["pl-power-of-siberia-chayanda-heihe", "capacities"]
    assert value_at(pos, D(2025, 6, 1), "gas") == 38


def test_actual_records_never_count(pipelines: Any) -> None:
    """Throughput is not capacity: an ``actual`` record (what was carried) is never in force.

    Issue 12: Power of Siberia's yearly deliveries (4.1, 10.39, 15.5, 22.73, 31.12 bcm in
    2020-2024, Gazprom) stood for its capacity before December 2024. They are figures now
    (metric ``throughput``), and the capacity in force is its 38 bcm/yr design from the opening
    on 2 December 2019 (no intermediate stage is published; see the feature's notes).
    """
    # only an actual record: nothing is in force
    assert capacity_in_force([rec(12, "actual", 2021)], "oil", D(2022, 1, 1)) is None
    # a later actual record does not replace an earlier design figure
    records = [rec(38, "design", 2019), rec(10.4, "actual", 2021, "2021-12-01")]
    assert value_at(records, D(2021, 11, 30)) == 38
    assert value_at(records, D(2021, 12, 1)) == 38
    pos = pipelines.loc["pl-power-of-siberia-chayanda-heihe", "capacities"]
    assert all(r["basis"] != "actual" for r in pos)  # the deliveries are figures
    ramp = [value_at(pos, D(y, 12, 1), "gas") for y in (2020, 2021, 2022, 2023)]
    assert ramp == [38, 38, 38, 38]
    assert capacity_in_force(pos, "gas", D(2019, 12, 1)) is None  # before it opened
    figures = pipelines.loc["pl-power-of-siberia-chayanda-heihe", "figures"]
    deliveries = {
        f["year"]: f["value"] for f in figures if f["metric"] == "throughput" and f["unit"] == "bcm"
    }
    assert (deliveries[2021], deliveries[2023]) == (10.39, 22.73)

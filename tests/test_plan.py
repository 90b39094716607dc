"""The plan scorecard: the article's targets, the statuses a reader can check, the command line."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from fixtures_data import plan_files, tiny_dataset

import corridormap
from corridormap.plan import COLUMNS, plan_scorecard, scorecard_to_csv, scorecard_to_dict, scorecard_to_text

ARTICLE = "li-2025-arctic-institute"


@pytest.fixture(scope="module")
def ds() -> corridormap.Dataset:
    return corridormap.load()


@pytest.fixture(scope="module")
def card(ds: corridormap.Dataset) -> pd.DataFrame:
    return plan_scorecard(ds, as_of="2024-12-31")


def _target(card: pd.DataFrame, cid: str) -> tuple[Any, Any, Any]:
    row = card.loc[cid]
    return row["target_value"], row["target_unit"], row["commodity"]


def test_the_plan_holds_the_articles_capacity_targets(card: pd.DataFrame) -> None:
    # Li 2025 (the article): the plan expands ESPO Taishet-Skovorodino to 80 Mt/yr and
    # Skovorodino-Kozmino to 50 Mt/yr, gives Power of Siberia 38 bcm/yr and
    # Sakhalin-Khabarovsk-Vladivostok a design 28.04 bcm/yr.
    assert _target(card, "espo-1-80") == (80, "Mt/yr", "oil")
    assert _target(card, "espo-2-50") == (50, "Mt/yr", "oil")
    assert _target(card, "power-of-siberia-38") == (38, "bcm/yr", "gas")
    assert _target(card, "skv-28-04") == (28.04, "bcm/yr", "gas")
    assert all(card.loc[c, "target_sources"][0] == ARTICLE for c in card.index)


def test_the_plan_holds_the_2030_corridor_volume(card: pd.DataFrame) -> None:
    # Li 2025: by 2030 Primorye-1 and -2 carry 45 Mt of grain and containers a year.
    row = card.loc["primorye-45-mt-2030"]
    assert (row["target_value"], row["target_unit"], row["due"]) == (45, "Mt", "2030-12-31")
    assert row["features"] == ["primorye-1", "primorye-2"]


def test_the_cross_border_openings_and_their_dates(card: pd.DataFrame) -> None:
    # Li 2025: road bridge opened June 2022, rail bridge November 2022, ropeway main works
    # finished October 2024; the days are Sputnik (10 Jun 2022) and SeaNews (16 Nov 2022).
    road = card.loc["bridge-blagoveshchensk-heihe-open"]
    rail = card.loc["bridge-nizhneleninskoye-tongjiang-open"]
    rope = card.loc["ropeway-blagoveshchensk-heihe-open"]
    assert (road["stated_date"], road["opened"]) == ("2022-06", "2022-06-10")
    assert road["in_force_sources"] == ["sputnik-2022-blagoveshchensk-heihe-bridge"]
    assert (rail["stated_date"], rail["opened"]) == ("2022-11", "2022-11-16")
    assert rope["stated_date"] == "2024-10" and pd.isna(rope["opened"])


def test_statuses_at_the_end_of_2024(card: pd.DataFrame) -> None:
    status = card["status"].to_dict()
    # Transneft (27 Nov 2019): ESPO-1 at 80 and ESPO-2 at 50 Mt/yr in force since 2019.
    assert status["espo-1-80"] == status["espo-2-50"] == "met"
    assert card.loc["espo-1-80", "in_force_since"] == "2019-11-27"
    # TASS (Dec 2025): Power of Siberia at its 38 bcm/yr design rate from 1 Dec 2024; 31.12 bcm
    # were delivered in 2024 (throughput, not capacity).
    assert status["power-of-siberia-38"] == "met"
    pos = card.loc["power-of-siberia-38"]
    assert (pos["actual_value"], pos["actual_unit"], pos["actual_year"]) == (31.12, "bcm", "2024")
    assert "tass-2025-pos-supplies-by-year" in pos["corroborated_by"]
    # Only the article gives SKV 28.04 bcm/yr; Gazprom's first start-up complex was 6 bcm/yr.
    assert status["skv-28-04"] == "met" and card.loc["skv-28-04", "corroborated_by"] == []
    # Both bridges opened before the plan's end; the ropeway had not (expected 2026, Interfax).
    assert status["bridge-blagoveshchensk-heihe-open"] == "met"
    assert status["bridge-nizhneleninskoye-tongjiang-open"] == "met"
    assert status["ropeway-blagoveshchensk-heihe-open"] == "not met"
    # 2030, 25 Feb 2025 and 2025 targets are after the date.
    for cid in ("primorye-45-mt-2030", "eastern-route-cumulative-90-bcm", "eastern-route-co2-avoided"):
        assert status[cid] == "not yet due"


def test_the_gas_volume_is_met_once_its_date_has_passed(ds: corridormap.Dataset) -> None:
    # Li 2025: more than 90 bcm carried by the Eastern Route as of 25 February 2025.
    row = plan_scorecard(ds, as_of="2025-03-01").loc["eastern-route-cumulative-90-bcm"]
    assert (row["status"], row["actual_value"], row["actual_unit"]) == ("met", 90, "bcm")


def test_before_the_expansions_the_capacity_was_lower(ds: corridormap.Dataset) -> None:
    # Offshore Technology: ESPO-1 at 58 Mt/yr from 2014; the 80 Mt/yr stage came in Nov 2019.
    early = plan_scorecard(ds, as_of=dt.date(2018, 12, 31))
    assert early.loc["espo-1-80", ["in_force_value", "gap", "status"]].tolist() == [58.0, 22.0, "not yet due"]
    # Past its due date, a lower capacity is "partly met" (the rule of corridormap.plan).
    assert plan_scorecard(ds, as_of="2025-01-01").loc["espo-1-80", "status"] == "met"


def test_rules_on_a_small_dataset(make_dataset: Callable[[dict[str, Any]], Path]) -> None:
    data = tiny_dataset()
    data.update(plan_files())
    data["plans"]["plans"][0]["commitments"][0]["quantity"]["value"] = 38.7  # 38 is within 2%
    ds = corridormap.load(make_dataset(data))
    card = plan_scorecard(ds, "plan-test", "2025-01-01")
    assert card.loc["c-gas", "status"] == "met" and card.loc["c-gas", "gap"] == pytest.approx(0.7)
    data["plans"]["plans"][0]["commitments"][0]["quantity"]["value"] = 40  # 38 is 5% short
    card = plan_scorecard(corridormap.load(make_dataset(data)), "plan-test", "2025-01-01")
    assert card.loc["c-gas", "status"] == "partly met"
    assert plan_scorecard(ds, "plan-test", "2018-06-01").loc["c-gas", "status"] == "not yet due"
    # the rail line opened on 2019-12-02, before the end of 2024: 1,856 days early
    assert card.loc["c-open", ["status", "gap"]].tolist() == ["met", -1856]
    data["rail"]["features"][0]["properties"]["opened"] = "2025-01-01"
    late = plan_scorecard(corridormap.load(make_dataset(data)), "plan-test", "2025-06-01")
    assert late.loc["c-open", ["status", "gap"]].tolist() == ["partly met", 1]
    assert plan_scorecard(ds, "plan-test", "2019-06-01").loc["c-open", "status"] == "not yet due"


def test_unknown_plan_is_a_clear_error(ds: corridormap.Dataset) -> None:
    with pytest.raises(corridormap.InvalidArgumentError, match=r"unknown plan 'plan-1990'.*plan-2018-2024"):
        plan_scorecard(ds, "plan-1990")


def test_the_forms_agree(card: pd.DataFrame) -> None:
    as_dict = scorecard_to_dict(card)
    assert as_dict["as_of"] == "2024-12-31" and as_dict["tolerance"] == 0.02
    assert [r["commitment"] for r in as_dict["commitments"]] == list(card.index)
    json.dumps(as_dict, allow_nan=False)
    text = scorecard_to_text(card)
    assert "| espo-1-80 | 80 Mt/yr | 2024 | 80 Mt/yr |" in text
    assert "| ropeway-blagoveshchensk-heihe-open | opening (2024-10 stated) | 2024 | not open" in text
    rows = list(csv.DictReader(io.StringIO(scorecard_to_csv(card))))
    assert len(rows) == len(card) and list(rows[0]) == list(COLUMNS)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "corridormap", "plan", *args], capture_output=True, text=True, timeout=120
    )


def _no_constants(name: str) -> None:
    raise ValueError(f"not strict JSON: {name}")


@pytest.mark.cli
def test_cli_json_is_strict_and_lists_every_commitment(ds: corridormap.Dataset) -> None:
    proc = _run("--as-of", "2024-12-31", "--json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout, parse_constant=_no_constants)
    ids = [c["id"] for c in ds.plans["plan-2018-2024"]["commitments"]]
    assert [r["commitment"] for r in doc["commitments"]] == ids and len(ids) == 11
    assert {r["commitment"]: r["status"] for r in doc["commitments"]}["espo-2-50"] == "met"


@pytest.mark.cli
def test_cli_csv_has_one_row_per_commitment_and_text_is_a_table() -> None:
    proc = _run("--as-of", "2024-12-31", "--csv")
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert len(rows) == 11 and rows[0]["commitment"] == "espo-1-80" and rows[0]["status"] == "met"
    text = _run("--as-of", "2024-12-31")
    table = [line for line in text.stdout.splitlines() if line.startswith("|")]
    assert text.returncode == 0 and len(table) == 2 + 11  # header, rule, one row per commitment
    assert table[1].startswith("| --- |")


@pytest.mark.cli
def test_cli_errors_are_one_line() -> None:
    for args, words in (
        (("--plan", "nope"), "unknown plan 'nope'"),
        (("--as-of", "2024-13-01"), "not a date"),
    ):
        proc = _run(*args)
        assert proc.returncode == 1 and "Traceback" not in proc.stderr
        assert proc.stderr.strip().count("\n") == 0 and words in proc.stderr

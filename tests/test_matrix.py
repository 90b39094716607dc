"""Distance and time matrices: each entry is the route ``route()`` finds, from one search per origin."""

from __future__ import annotations

import csv
import io
import math
import subprocess
import sys
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from json_support import strict_json

import corridormap
from corridormap import InvalidArgumentError, NoRouteError, UnknownPlaceError

AS_OF = "2025-06-01"
CITIES = ["Harbin", "Vladivostok", "Khabarovsk", "Chita", "Dalian", "Manzhouli", "Tumen"]


@pytest.fixture(scope="module")
def G() -> nx.MultiDiGraph:
    return corridormap.network()


@pytest.mark.parametrize(
    ("modes", "weight"),
    [(["rail"], "distance"), (["rail"], "time"), (["rail", "sea"], "distance"), (None, "time")],
)
def test_entries_are_the_routes_route_finds(G: nx.MultiDiGraph, modes: list[str] | None, weight: str) -> None:
    dests = ["Vladivostok", "Magadan", "Chita", "Shanghai", "Harbin"]
    m = corridormap.matrix(G, CITIES, dests, modes=modes, weight=weight, as_of=AS_OF)
    assert m.attrs["unit"] == {"distance": "km", "time": "h"}[weight]
    assert m.shape == (len(CITIES), len(dests))
    reached = 0
    for i, orig in enumerate(CITIES):
        for j, dest in enumerate(dests):
            value = m.iloc[i, j]
            if m.index[i] == m.columns[j]:
                assert value == 0.0
                continue
            try:
                r = corridormap.route(G, orig, dest, modes=modes, weight=weight, as_of=AS_OF)
            except NoRouteError:
                assert math.isnan(value), (orig, dest)
                continue
            want = r.length_km if weight == "distance" else r.time_h
            assert value == pytest.approx(want, rel=1e-12), (orig, dest)
            reached += 1
    assert reached >= len(CITIES) * 2  # most pairs connect: the check is not vacuous


def test_rail_distances_are_symmetric(G: nx.MultiDiGraph) -> None:
    # every railway of geodata/rail.geojson is two-way, so A to B is as long as B to A
    m = corridormap.matrix(G, CITIES, CITIES, modes=["rail"], as_of=AS_OF).to_numpy()
    assert np.isfinite(m).all()
    np.testing.assert_allclose(m, m.T, rtol=1e-12)
    assert (np.diag(m) == 0).all() and (m[~np.eye(len(CITIES), dtype=bool)] > 0).all()


def test_no_route_is_nan_and_the_frame_says_what_was_asked(G: nx.MultiDiGraph) -> None:
    # no railway reaches Magadan (its port is served by sea and the Kolyma road only): no route by rail
    m = corridormap.matrix(G, ["Harbin"], ["Magadan", "Vladivostok"], modes=["rail"], as_of=AS_OF)
    assert math.isnan(m.loc["harbin", "port-magadan"])
    assert m.loc["harbin", "vladivostok"] > 0
    assert m.index.name == "orig" and m.columns.name == "dest"
    assert m.attrs["restrictions"]["modes"] == ["rail"]
    assert [d["query"] for d in m.attrs["dests"]] == ["Magadan", "Vladivostok"]


def test_the_date_changes_the_matrix_as_it_changes_the_route(G: nx.MultiDiGraph) -> None:
    # the Blagoveshchensk-Heihe road bridge opened in 2022 (geodata/bridges.geojson): in June
    # 2016 the crossing is the river ferry, in 2025 the bridge
    times = {}
    for day, crossing in (
        ("2016-06-01", "road-blagoveshchensk-heihe-ferry"),
        (AS_OF, "bridge-blagoveshchensk-heihe"),
    ):
        r = corridormap.route(G, "Blagoveshchensk", "Heihe", weight="time", as_of=day)
        assert crossing in r.features
        times[day] = corridormap.matrix(G, ["Blagoveshchensk"], ["Heihe"], weight="time", as_of=day).iloc[
            0, 0
        ]
        assert times[day] == pytest.approx(r.time_h, rel=1e-12)
    assert times["2016-06-01"] > times[AS_OF]


def test_bad_input_is_one_clear_error(G: nx.MultiDiGraph) -> None:
    with pytest.raises(UnknownPlaceError, match="Atlantis"):
        corridormap.matrix(G, ["Harbin"], ["Atlantis"])
    with pytest.raises(InvalidArgumentError, match="weight"):
        corridormap.matrix(G, ["Harbin"], ["Chita"], weight="cost")
    with pytest.raises(InvalidArgumentError, match="at least one place"):
        corridormap.matrix(G, [], ["Chita"])
    with pytest.raises(InvalidArgumentError, match="pipelines have no travel time"):
        corridormap.matrix(G, ["Harbin"], ["Chita"], weight="time", modes=["pipeline"])


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "corridormap", "matrix", *args], capture_output=True, text=True, timeout=120
    )


@pytest.mark.cli
def test_cli_json_is_strict_and_matches_the_api(G: nx.MultiDiGraph, tmp_path: Path) -> None:
    places = tmp_path / "origins.txt"
    places.write_text("# two cities\nHarbin\n\nChita  # on the Trans-Siberian\n", encoding="utf-8")
    proc = run("--from-file", str(places), "--from", "Dalian", "--to", "Vladivostok", "--to", "Magadan",
               "--mode", "rail", "--as-of", AS_OF, "--json")  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    out = strict_json(proc.stdout)
    assert out["unit"] == "km" and [o["id"] for o in out["origins"]] == ["dalian", "harbin", "chita"]
    want = corridormap.matrix(
        G, ["Dalian", "Harbin", "Chita"], ["Vladivostok", "Magadan"], modes=["rail"], as_of=AS_OF
    )
    for row, expected in zip(out["values"], want.to_numpy(), strict=True):
        assert row[1] is None  # no rail to Magadan: null, not NaN
        assert row[0] == round(expected[0], 1)


@pytest.mark.cli
def test_cli_csv_leaves_no_route_empty() -> None:
    proc = run("--from", "Harbin", "--to", "Chita", "--to", "Magadan", "--mode", "rail", "--weight", "time",
               "--as-of", AS_OF, "--csv")  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.reader(io.StringIO(proc.stdout)))
    assert rows[0] == ["orig \\ dest (h)", "chita", "port-magadan"]
    assert rows[1][0] == "harbin" and float(rows[1][1]) > 0 and rows[1][2] == ""


@pytest.mark.cli
def test_cli_unknown_place_is_one_line(tmp_path: Path) -> None:
    proc = run("--from", "Harbin", "--to", "Atlantis", "--json")
    assert proc.returncode == 1 and proc.stdout == ""
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Atlantis" in lines[0] and "Traceback" not in proc.stderr
    missing = run("--from-file", str(tmp_path / "none.txt"), "--to", "Chita")
    assert missing.returncode == 1 and "cannot read" in missing.stderr and "Traceback" not in missing.stderr

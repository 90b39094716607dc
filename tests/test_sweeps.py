"""Scenario sweeps: the same table serially and on Dask, checked against direct queries.

Figures come from the shipped dataset: ESPO's Skovorodino-Mohe spur and Mohe-Daqing are 30 Mt/yr
from 2018 (Transneft, CNPC, in geodata/pipelines.geojson); Power of Siberia's Chinese section,
Heihe-Changling, is 38 bcm/yr (Gazprom, CNPC).
"""

from __future__ import annotations

import itertools
import json
import math
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from json_support import strict_json

import corridormap
from corridormap import InvalidArgumentError
from corridormap.flows import max_flow
from corridormap.grid import load_grid, make_grid
from corridormap.state import scenario
from corridormap.sweeps import SweepResult, expand, sweep

ROOT = Path(__file__).resolve().parents[1]

#: A small grid: two states, a closure and a capacity alternative, six N-2 draws each, every query type.
GRID: dict[str, Any] = {
    "name": "small",
    "seed": 11,
    "states": [
        {"name": "2024", "date": "2024-07-01"},
        {"name": "2030", "date": "2030-07-01", "planned": True},
    ],
    "closures": [{"name": "open"}, {"name": "no-grodekovo", "ids": ["bc-grodekovo-suifenhe"]}],
    "capacity": [{"name": "stated"}, {"name": "spur-at-20", "set": {"pl-skovorodino-mohe": [20, "Mt/yr"]}}],
    "failures": {"k": 2, "draws": 3, "kinds": ["oil_pipeline", "gas_pipeline"]},
    "queries": [
        {"name": "oil", "type": "max_flow", "commodity": "oil", "sources": ["Taishet"], "sinks": ["Daqing"]},
        {
            "name": "gas",
            "type": "max_flow",
            "commodity": "gas",
            "sources": ["chayanda", "kovykta", "gks-sakhalin"],
            "sinks": ["changling", "hulin-first-station"],
        },
        {"name": "rail", "type": "routes", "pairs": [["Harbin", "Vladivostok"]], "modes": ["rail"]},
        {
            "name": "gas-n1",
            "type": "criticality",
            "commodity": "gas",
            "sources": ["chayanda"],
            "sinks": ["changling"],
        },
    ],
}


def _sorted(table: pd.DataFrame) -> pd.DataFrame:
    keys = ["scenario", "query", "orig", "dest", "element"]
    return table.sort_values(keys, kind="stable", na_position="first").reset_index(drop=True)


@pytest.fixture(scope="module")
def G() -> Any:
    # oil and gas sweeps run on pipelines: the curated network, without the railway backbone
    return corridormap.network(backbone=False)


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    from dask.distributed import Client, LocalCluster

    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster,
        Client(cluster) as c,
    ):
        yield c


@pytest.fixture(scope="module")
def serial(G: Any) -> SweepResult:
    return sweep(GRID, serial=True, G=G)


def test_two_workers_one_worker_and_serial_give_identical_tables(
    G: Any, client: Any, serial: SweepResult
) -> None:
    on_two = sweep(GRID, client=client, G=G)
    assert on_two.run["workers"] == 2 and on_two.run["tasks"] >= 8  # at least four tasks per worker
    on_one = sweep(GRID, workers=1, G=G)
    assert on_one.run["workers"] == 1
    pd.testing.assert_frame_equal(_sorted(serial.table), _sorted(on_two.table))
    pd.testing.assert_frame_equal(_sorted(serial.table), _sorted(on_one.table))
    pd.testing.assert_frame_equal(serial.table, on_two.table)  # already in the stable order


def test_the_table_has_one_row_per_scenario_and_query(serial: SweepResult) -> None:
    t = serial.table
    assert serial.scenarios == 2 * 2 * 2 * 3
    assert list(t.columns[:3]) == ["scenario", "state", "as_of"]
    flows = t[t["type"] == "max_flow"]
    assert len(flows) == 2 * serial.scenarios and flows["scenario"].nunique() == serial.scenarios
    assert set(t.loc[t["type"] == "routes", "unit"]) == {"km"}
    assert all(len(f) == 2 and len(set(f)) == 2 for f in t["failed"])  # N-2: two distinct elements


def test_each_flow_row_is_the_max_flow_with_the_draws_failures_closed(G: Any, serial: SweepResult) -> None:
    places = {q["name"]: q for q in GRID["queries"]}
    rows = serial.table[serial.table["type"] == "max_flow"]
    for r in rows.itertuples():
        q = places[r.query]
        # the override is in Mt/yr: it applies to the oil flow, not to the gas flow in bcm/yr
        overrides = (
            {"pl-skovorodino-mohe": (20, "Mt/yr")} if r.capacity == "spur-at-20" and r.query == "oil" else {}
        )
        closed = [*r.failed, *(["bc-grodekovo-suifenhe"] if r.closure == "no-grodekovo" else [])]
        s = scenario(as_of=r.as_of, include_planned=bool(r.planned), close=closed, capacity=overrides)
        direct = max_flow(G, q["commodity"], q["sources"], q["sinks"], s)
        assert r.value == pytest.approx(direct.value, abs=1e-6), (r.scenario, r.query)
        assert r.binding == sorted(direct.min_cut["features"] + direct.min_cut["nodes"]), (
            r.scenario,
            r.query,
        )
    base = rows[(rows["query"] == "oil") & (rows["capacity"] == "stated")]["base"]
    assert set(base) == {30.0}  # the Skovorodino-Mohe spur's 30 Mt/yr binds with nothing failed
    overridden = rows[(rows["query"] == "oil") & (rows["capacity"] == "spur-at-20")]["base"]
    assert set(overridden) == {20.0}


def test_each_route_row_is_the_route_avoiding_the_closures_and_failures(G: Any, serial: SweepResult) -> None:
    rows = serial.table[serial.table["type"] == "routes"]
    for r in rows.itertuples():
        avoid = [*r.failed, *(["bc-grodekovo-suifenhe"] if r.closure == "no-grodekovo" else [])]
        direct = corridormap.route(
            G,
            "harbin",
            "vladivostok",
            modes=["rail"],
            as_of=r.as_of,
            avoid=avoid,
            include_planned=bool(r.planned),
        )
        assert r.length_km == pytest.approx(direct.length_km) and r.value == r.length_km
        assert r.crossings == direct.to_dict()["crossings"]
    open_rows = rows[rows["closure"] == "open"]
    assert set(open_rows["crossings"].map(tuple)) == {("bc-grodekovo-suifenhe",)}
    detoured = rows[rows["closure"] == "no-grodekovo"]
    assert "bc-grodekovo-suifenhe" not in set(itertools.chain.from_iterable(detoured["crossings"]))


def test_draws_come_from_the_seed_and_the_scenario_index(G: Any) -> None:
    grid = make_grid(**GRID)
    specs, _ = expand(G, grid)
    again, _ = expand(G, make_grid(**GRID))
    assert [s.failed for s in specs] == [s.failed for s in again]
    other, _ = expand(G, make_grid(**{**GRID, "seed": 12}))
    assert [s.failed for s in specs] != [s.failed for s in other]
    # scenario i draws from SeedSequence(seed).spawn(...)[i], whatever ran before it
    spec = specs[7]
    s = spec.scenario()
    pool = sorted(
        {d["feature"] for u, v, d in G.edges(data=True) if d.get("kind") in ("oil_pipeline", "gas_pipeline")}
        & {d["feature"] for u, v, d in G.edges(data=True) if corridormap.graph.usable_edge(G, s, u, v, d)}
    )
    child = np.random.SeedSequence(grid.seed).spawn(spec.index + 1)[spec.index]
    picked = np.random.default_rng(child).choice(len(pool), size=2, replace=False)
    assert spec.failed == tuple(sorted(pool[j] for j in picked))


def test_every_combination_and_probabilities(G: Any) -> None:
    base = {"states": [{"date": "2024-07-01"}], "queries": GRID["queries"][:1]}
    combos, _ = expand(G, make_grid(**base, failures={"k": 2, "draws": "all", "kinds": ["oil_pipeline"]}))
    # four oil pipelines are open in 2024: ESPO-1, ESPO-2, Skovorodino-Mohe, Mohe-Daqing
    assert [s.failed for s in combos] == list(
        itertools.combinations(["pl-espo-1", "pl-espo-2", "pl-mohe-daqing", "pl-skovorodino-mohe"], 2)
    )
    every = sweep(
        {**base, "failures": {"draws": 3, "probabilities": {"oil_pipeline": 1.0}}}, serial=True, G=G
    )
    assert set(every.table["value"]) == {0.0} and all(len(f) == 4 for f in every.table["failed"])
    never = sweep(
        {**base, "failures": {"draws": 3, "probabilities": {"oil_pipeline": 0.0}}}, serial=True, G=G
    )
    assert list(never.table["value"]) == [30.0] * 3 and all(f == [] for f in never.table["failed"])


def test_summaries_agree_with_the_table(serial: SweepResult) -> None:
    t = serial.table
    oil = t[
        (t["query"] == "oil")
        & (t["state"] == "2024")
        & (t["closure"] == "open")
        & (t["capacity"] == "stated")
    ]
    losses = serial.losses()
    mine = losses[(losses["query"] == "oil") & (losses["state"] == "2024") & (losses["closure"] == "open")]
    mine = mine[mine["capacity"] == "stated"].set_index("id")
    for ident, row in mine.iterrows():
        hit = oil[oil["touched"].map(lambda f, i=ident: i in f)]
        assert row["failed"] == len(hit)
        assert row["expected_loss"] == pytest.approx((hit["base"] - hit["value"]).sum() / len(oil))
    # a gas pipeline is not in the oil flow network: it never takes part in an oil loss
    assert not any(i.startswith(("pl-power-of-siberia", "pl-skv", "pl-eastern")) for i in mine.index)
    assert set(mine.index) <= set(itertools.chain.from_iterable(oil["failed"]))
    binding = serial.binding()
    spur = binding[
        (binding["query"] == "oil") & (binding["state"] == "2024") & (binding["id"] == "pl-skovorodino-mohe")
    ]
    spur = spur[(spur["closure"] == "open") & (spur["capacity"] == "stated")]
    expected = sum("pl-skovorodino-mohe" in b for b in oil["binding"]) / len(oil)
    assert spur["share"].iloc[0] == pytest.approx(expected)
    detours = serial.detours().set_index(["state", "closure", "capacity"])
    # the failures are of pipelines only: the rail route never detours; closing Grodekovo makes it longer
    assert (detours["mean"] == 0).all() and (detours["no_route"] == 0).all()
    assert detours.loc[("2024", "open", "stated"), "base"] == pytest.approx(698.3, abs=0.1)
    assert detours.loc[("2024", "no-grodekovo", "stated"), "base"] > 698.3
    crit = serial.criticality()
    pos = crit[(crit["state"] == "2024") & (crit["id"] == "pl-eastern-route-north")]
    # Heihe-Changling carries all of the Chayanda-Changling flow: closing it loses 38 bcm/yr unless a draw already did
    assert (pos["max_loss"] == 38.0).all()


def test_parquet_round_trip_and_inputs_protected(serial: SweepResult, tmp_path: Path) -> None:
    path = serial.to_parquet(tmp_path / "out.parquet")
    back = SweepResult.read_parquet(path)
    pd.testing.assert_frame_equal(back.table, serial.table)
    from corridormap import CorridorMapError

    with pytest.raises(CorridorMapError, match="which is being read"):
        serial.to_parquet(tmp_path / "data" / "x.parquet", protect=[tmp_path / "data"])


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"seeds": 1}, "grid: unknown key 'seeds'"),
        ({"states": [{"date": "2024-07-01", "mnth": 7}]}, "grid: states[0]: unknown key 'mnth'"),
        ({"states": [{"date": "2024-13-01"}]}, "grid: states[0].date:"),
        (
            {"states": [{"date": "2024-07-01", "month": 13}]},
            "states[0].month: must be a whole number from 1 to 12",
        ),
        ({"closures": [{"ids": ["pl-espo-3"]}]}, "grid: closures[0].ids: no feature or node 'pl-espo-3'"),
        (
            {"closures": [{"kinds": ["hovercraft"]}]},
            "grid: closures[0].kinds: no feature or node has kind 'hovercraft'",
        ),
        ({"failures": {"k": 2}}, "grid: failures: missing key 'draws'"),
        ({"failures": {"k": 2, "draws": 5, "probabilities": {"ferry_crossing": 0.1}}}, "give either k"),
        (
            {"failures": {"draws": 5, "probabilities": {"oil_pipeline": 1.5}}},
            "must be a probability from 0 to 1",
        ),
        (
            {"capacity": [{"set": {"pl-espo-2": [60, "barrels"]}}]},
            "capacity[0].set.pl-espo-2: unknown unit 'barrels'",
        ),
        (
            {
                "queries": [
                    {
                        "name": "x",
                        "type": "max_flow",
                        "commodity": "oil",
                        "sources": ["Atlantis"],
                        "sinks": ["Daqing"],
                    }
                ]
            },
            "grid: queries[0].sources:",
        ),
        (
            {"queries": [{"name": "x", "type": "matrix"}]},
            "grid: queries[0].type: must be one of max_flow, routes",
        ),
        (
            {"queries": [{"name": "x", "type": "routes", "pairs": [["Harbin"]]}]},
            "queries[0].pairs[0]: must be [origin",
        ),
    ],
)
def test_grid_errors_are_one_clear_line(G: Any, change: dict[str, Any], words: str) -> None:
    with pytest.raises(InvalidArgumentError) as info:
        sweep({**GRID, **change}, serial=True, G=G)
    assert words in str(info.value) and "\n" not in str(info.value)


def _cli(*args: str, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    # the grids here query pipelines only: the curated network, as the G fixture
    return subprocess.run(
        [sys.executable, "-m", "corridormap", "sweep", "--no-backbone", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.mark.cli
def test_cli_bad_grid_is_one_line_and_exit_1(tmp_path: Path) -> None:
    grid = tmp_path / "g.yml"
    grid.write_text(
        "queries:\n  - {name: x, type: max_flow, commodity: oil, sources: [Taishet], sink: [Daqing]}\n"
    )
    proc = _cli(str(grid), "--serial", "--out", str(tmp_path / "o.parquet"))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.strip() == (
        f"corridormap: error: {grid}: queries[0]: unknown key 'sink'; the keys are commodity, name, sinks, "
        "sources, type, unit"
    )
    assert not (tmp_path / "o.parquet").exists()
    grid.write_text(
        "queries:\n  - {name: x, type: max_flow, commodity: oil, sources: [Taishet], sinks: [Daqing]}\n"
    )
    before = grid.read_bytes()
    proc = _cli(str(grid), "--serial", "--out", str(grid))
    assert proc.returncode == 1 and "which is being read" in proc.stderr  # never over the grid itself
    assert grid.read_bytes() == before


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture
def scheduler(tmp_path: Path) -> Iterator[str]:
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "env": env, "cwd": tmp_path}
    common = ["--no-dashboard"]
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "dask", "scheduler", "--host", "127.0.0.1", "--port", str(port), *common],
            **quiet,
        )
    ]
    try:
        deadline = time.monotonic() + 60
        while not _listening(port):
            assert time.monotonic() < deadline, "the scheduler did not start"
            time.sleep(0.2)
        procs.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "dask",
                    "worker",
                    address,
                    "--nworkers",
                    "1",
                    "--nthreads",
                    "1",
                    *common,
                ],
                **quiet,
            )
        )
        yield address
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in reversed(procs):
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


@pytest.mark.cli
def test_cli_on_a_scheduler_writes_the_serial_table(
    serial: SweepResult, scheduler: str, tmp_path: Path
) -> None:
    import yaml

    grid = tmp_path / "small.yml"
    grid.write_text(yaml.safe_dump(GRID), encoding="utf-8")
    out = tmp_path / "small.parquet"
    proc = _cli(str(grid), "--scheduler", scheduler, "--out", str(out), "--json")
    assert proc.returncode == 0, proc.stderr
    payload = strict_json(proc.stdout)
    assert (
        payload["scenarios"] == 24 and payload["run"]["workers"] == 1 and payload["out"] == str(out.resolve())
    )
    oil = [
        r
        for r in payload["summary"]
        if r["query"] == "oil" and r["capacity"] == "stated" and r["closure"] == "open"
    ]
    assert [r["base"] for r in oil] == [30.0, 30.0]
    pd.testing.assert_frame_equal(SweepResult.read_parquet(out).table, serial.table)
    assert math.isfinite(payload["run"]["seconds"])


def test_the_example_grid_is_valid(G: Any) -> None:
    grid = load_grid(ROOT / "notebooks" / "sweeps" / "n2_oil_gas.yml")
    specs, queries = expand(G, grid)
    assert [s.name for s in grid.states] == ["2018", "2024", "2030 planned"]
    assert len(specs) == 3 * 150 and [q.name for q in queries] == ["oil to China", "gas to China"]


def test_criticality_map_colours_links_and_escapes_text(serial: SweepResult) -> None:
    from corridormap.maps import sweep_map

    m = serial.map("oil", "2024")
    html = m.get_root().render()
    assert '<script type="application/json"' in html and "expected loss" in html
    frame = pd.DataFrame({"id": ["pl-espo-1", "pl-mohe-daqing"], "value": [4.0, 0.0], "binds": [0.5, np.nan]})
    hostile = sweep_map(frame, title="<img src=x onerror=alert(1)>", unit="Mt/yr").get_root().render()
    assert "<img src=x" not in hostile and "&lt;img src=x onerror=alert(1)&gt;" in hostile
    data = hostile.split('<script type="application/json"', 1)[1].split(">", 1)[1].split("</script>", 1)[0]
    items = json.loads(data)["items"]
    # the largest loss is in the top class of the YlOrRd ramp, a zero loss in the lowest
    assert {i["id"]: i["c"] for i in items} == {"pl-espo-1": "#bd0026", "pl-mohe-daqing": "#ffffb2"}


@pytest.mark.browser
def test_criticality_map_opens_in_chromium_with_no_errors(serial: SweepResult, tmp_path: Path) -> None:
    from browser_support import open_map, require_browser

    from corridormap.maps import save_map

    require_browser()
    path = save_map(serial.map("gas", "2030"), tmp_path / "sweep.html")
    expected = len(
        serial.losses().query(
            "query == 'gas' and state == '2030' and closure == 'open' and capacity == 'stated'"
        )
    )
    with open_map(path) as m:
        assert m.errors == [] and m.unexpected == []
        drawn = m.js("window.corridormap.count()")
        assert drawn >= expected > 0
        legend = m.js("document.querySelector('.cm-summary').innerText")
        assert "gas, 2030: expected loss" in legend and "bcm/yr" in legend
        m.page.screenshot(path=str(tmp_path / "sweep.png"))


def test_reading_what_is_not_a_sweep_table_is_a_clear_error(serial: SweepResult, tmp_path: Path) -> None:
    from corridormap import DataReadError

    old = tmp_path / "old.parquet"
    serial.table.drop(columns=["touched"]).to_parquet(old)
    with pytest.raises(InvalidArgumentError, match="has no column touched; run the sweep again"):
        SweepResult.read_parquet(old)
    (tmp_path / "text.parquet").write_text("not parquet")
    with pytest.raises(DataReadError, match="cannot read the sweep table"):
        SweepResult.read_parquet(tmp_path / "text.parquet")
    with pytest.raises(InvalidArgumentError, match="workers sizes a LocalCluster"):
        sweep(GRID, scheduler="tcp://127.0.0.1:1", workers=2)


def test_toml_and_yaml_grids_read_the_same(tmp_path: Path) -> None:
    import yaml

    (tmp_path / "g.yml").write_text(yaml.safe_dump(GRID), encoding="utf-8")
    toml = """name = "small"
seed = 11
states = [{name = "2024", date = "2024-07-01"}, {name = "2030", date = "2030-07-01", planned = true}]
closures = [{name = "open"}, {name = "no-grodekovo", ids = ["bc-grodekovo-suifenhe"]}]
capacity = [{name = "stated"}, {name = "spur-at-20", set = {pl-skovorodino-mohe = [20, "Mt/yr"]}}]
failures = {k = 2, draws = 3, kinds = ["oil_pipeline", "gas_pipeline"]}
[[queries]]
name = "oil"
type = "max_flow"
commodity = "oil"
sources = ["Taishet"]
sinks = ["Daqing"]
"""
    (tmp_path / "g.toml").write_text(toml, encoding="utf-8")
    from_toml = load_grid(tmp_path / "g.toml")
    assert from_toml == make_grid(**{**GRID, "queries": GRID["queries"][:1]})
    assert load_grid(tmp_path / "g.yml") == make_grid(**GRID)
    (tmp_path / "bad.yml").write_text("queries: [\n", encoding="utf-8")
    with pytest.raises(InvalidArgumentError, match="not valid YAML") as info:
        load_grid(tmp_path / "bad.yml")
    assert "\n" not in str(info.value)

"""The loading API: layers as GeoDataFrames, nodes and links, one feature, errors."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fixtures_data import tiny_dataset

import corridormap
from corridormap.io import default_data_dir, read_raw
from corridormap.vocab import LAYERS


def test_load_tiny_dataset(make_dataset: Callable[[dict[str, Any]], Path]) -> None:
    ds = corridormap.load(make_dataset(tiny_dataset()))
    assert set(ds.layers) == set(LAYERS)
    rail = ds["rail"]
    assert rail.crs.to_epsg() == 4326
    assert list(rail.index) == ["rail-river"] and rail.loc["rail-river", "id"] == "rail-river"
    assert rail.loc["rail-river", "via"] == ["bc-river"]
    assert ds["bridges"].empty and {"id", "from", "to", "mode", "geometry"} <= set(ds["bridges"].columns)
    assert set(ds.nodes["layer"]) == {"places", "ports", "border_crossings"}
    assert set(ds.links.index) == {"rail-river", "pl-river", "sea-dateline"}
    assert ds.parameters["speed.rail"]["value"] == 45
    assert list(ds.trade["year"]) == [2021, 2022]
    summary = ds.summary()
    assert summary["layers"]["places"] == {"features": 4, "status": {"operating": 4}}
    assert (summary["sources"], summary["corridors"]) == (1, 1)


def test_feature_lookup(make_dataset: Callable[[dict[str, Any]], Path]) -> None:
    ds = corridormap.load(make_dataset(tiny_dataset()))
    feature = ds.feature("pl-river")
    assert feature["layer"] == "pipelines" and feature["commodity"] == "gas"
    assert feature["geometry"]["type"] == "LineString"
    assert ds.feature("river-corridor")["layer"] == "corridors"
    with pytest.raises(KeyError):
        ds.feature("nowhere")
    with pytest.raises(KeyError, match="no layer 'railways'"):
        ds["railways"]


def test_load_refuses_a_broken_dataset_and_lists_every_problem(
    make_dataset: Callable[[dict[str, Any]], Path],
) -> None:
    data = tiny_dataset()
    data["rail"]["features"][0]["properties"]["status"] = "open"
    data["places"]["features"][0]["properties"]["name_ru"] = ""
    with pytest.raises(corridormap.DataValidationError) as caught:
        corridormap.load(make_dataset(data))
    assert isinstance(caught.value, ValueError)
    assert {p.field for p in caught.value.problems if p.severity == "error"} == {"status", "name_ru"}
    assert "(and 1 more errors)" in str(caught.value)


def test_shipped_dataset_loads_without_a_path() -> None:
    ds = corridormap.load()
    assert ds.path == default_data_dir()
    assert ds["ports"].loc["port-vladivostok", "name"] == "Port of Vladivostok"
    # every source of sources.json is in the registry, none dropped (577 at commit 31831f6)
    assert sorted(ds.sources) == sorted(s["id"] for s in read_raw().sources["sources"])


@pytest.mark.slow
def test_dataset_ships_with_a_non_editable_install(tmp_path: Path) -> None:
    """Build a wheel, install it (without dependencies, which this venv has) into a folder
    outside the repository, and load the shipped dataset from there."""
    repo = Path(__file__).resolve().parents[1]
    wheels, target = tmp_path / "wheels", tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheels),
            str(repo),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next(wheels.glob("corridormap-*.whl"))
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    shutil.rmtree(wheels)
    code = (
        "import corridormap, pathlib; ds = corridormap.load(); "
        f"assert pathlib.Path(corridormap.__file__).parent.parent == pathlib.Path(r'{target}'); "
        f"print(len(ds['ports']), ds.path.relative_to(pathlib.Path(r'{target}')))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(target)},
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == [
        "30",
        "corridormap/geodata",
    ]  # 29 ports and Yokohama (for published NSR distances)

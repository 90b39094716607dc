"""Reading a dataset folder: every file parsed as it is, and every unreadable file reported
as a problem that names the file and the fix, all at once, never raised."""

from __future__ import annotations

from pathlib import Path

import pytest
import shapely
from fixtures_data import tiny_dataset, write_dataset

from corridormap import DataReadError, Problem
from corridormap.geodesy import distance_to_line_km
from corridormap.io import DATA_FILES, default_data_dir, fingerprint, read_raw, read_reference
from corridormap.vocab import LAYERS


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_dataset(tmp_path / "tiny", tiny_dataset())


def missing(name: str) -> Problem:
    return Problem("error", name, "-", "-", "file is missing", f"create {name} (see geodata/README.md)")


def test_a_complete_folder_is_read_as_it_is(folder: Path) -> None:
    raw = read_raw(folder)
    data = tiny_dataset()
    assert raw.root == folder
    assert raw.problems == []
    assert list(raw.layers) == list(LAYERS)
    for layer in LAYERS:
        assert raw.layers[layer] == data[layer]
    assert [f["properties"]["id"] for f in raw.layers["places"]["features"]] == [
        "north-town",
        "south-town",
        "east-cape",
        "west-cape",
    ]
    assert raw.sources == data["sources"] and raw.corridors == data["corridors"]
    assert raw.parameters["parameters"]["speed.rail"]["value"] == 45
    # trade.csv: rows as dicts of strings, not numbers; an empty cell stays ""
    assert raw.trade == [
        {
            "year": "2021",
            "trade_100m_usd": "100",
            "growth_stated_pct": "",
            "growth_computed_pct": "",
            "source": "test-source",
        },
        {
            "year": "2022",
            "trade_100m_usd": "110",
            "growth_stated_pct": "10",
            "growth_computed_pct": "10.0",
            "source": "test-source",
        },
    ]


def test_a_missing_folder_raises_naming_it(tmp_path: Path) -> None:
    nowhere = tmp_path / "nowhere"
    for reader in (read_raw, fingerprint):
        with pytest.raises(DataReadError) as caught:
            reader(nowhere)
        assert str(caught.value) == (
            f"dataset folder '{nowhere}' does not exist: pass a folder that holds the layer files "
            "(places.geojson, rail.geojson ...; see geodata/README.md)"
        )
        assert isinstance(caught.value, OSError)  # except OSError still catches it
    # a file is not a folder
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    with pytest.raises(DataReadError, match=r"file\.txt' does not exist"):
        read_raw(tmp_path / "file.txt")


def test_a_missing_file_is_a_problem_naming_the_file_and_the_fix(folder: Path) -> None:
    (folder / "roads.geojson").unlink()
    (folder / "trade.csv").unlink()
    raw = read_raw(folder)
    assert raw.problems == [missing("roads.geojson"), missing("trade.csv")]
    assert str(raw.problems[0]) == (
        "error: roads.geojson: -: -: file is missing (create roads.geojson (see geodata/README.md))"
    )
    assert raw.layers["roads"] is None and raw.trade is None
    # the rest is still read
    assert len(raw.layers["places"]["features"]) == 4 and raw.sources is not None


def test_an_empty_folder_reports_every_file(tmp_path: Path) -> None:
    raw = read_raw(tmp_path)
    names = [f"{layer}.geojson" for layer in LAYERS] + list(DATA_FILES)
    assert raw.problems == [missing(name) for name in names]
    assert len(raw.problems) == 12  # 8 layers + sources, corridors, parameters, trade
    assert set(raw.layers.values()) == {None}


def test_malformed_json_names_the_line_and_column(folder: Path) -> None:
    (folder / "rail.geojson").write_text('{"type": "FeatureCollection",\n "features": [}', encoding="utf-8")
    raw = read_raw(folder)
    # json's own message: line 2, column 15 is the "}" where a value was expected
    assert raw.problems == [
        Problem(
            "error",
            "rail.geojson",
            "-",
            "line 2 column 15",
            "not well-formed JSON: Expecting value",
            "fix the JSON syntax at that position",
        )
    ]
    assert raw.layers["rail"] is None


def test_json_that_is_not_an_object(folder: Path) -> None:
    (folder / "sources.json").write_text('[{"id": "test-source"}]', encoding="utf-8")
    (folder / "parameters.json").write_text('"speed"', encoding="utf-8")
    raw = read_raw(folder)
    assert [(p.file, p.message, p.fix) for p in raw.problems] == [
        ("sources.json", "holds a JSON list, not an object", "see geodata/README.md"),
        ("parameters.json", "holds a JSON str, not an object", "see geodata/README.md"),
    ]
    assert raw.sources is None and raw.parameters is None


def test_files_that_are_not_utf8(folder: Path) -> None:
    (folder / "ports.geojson").write_bytes(b"\xff{}")
    (folder / "trade.csv").write_bytes(b"year,trade_100m_usd\n2021,\xe9")
    raw = read_raw(folder)
    assert raw.problems[0] == Problem(
        "error", "ports.geojson", "-", "-", "not UTF-8 text (invalid start byte)", "save the file as UTF-8"
    )
    csv_problem = raw.problems[1]
    assert (csv_problem.file, csv_problem.fix) == ("trade.csv", "save it as UTF-8 CSV with a header row")
    # the decoder's own words (the byte's position depends on how it reads the file in chunks)
    assert csv_problem.message.startswith("cannot read as CSV: 'utf-8' codec can't decode byte 0xe9")
    assert len(raw.problems) == 2
    assert raw.layers["ports"] is None and raw.trade is None


def test_every_broken_file_is_reported_at_once(folder: Path) -> None:
    (folder / "places.geojson").write_text("{", encoding="utf-8")
    (folder / "corridors.json").write_text("[]", encoding="utf-8")
    (folder / "bridges.geojson").unlink()
    raw = read_raw(folder)
    # in reading order: the layers (places ... bridges ...), then sources, corridors ...
    assert [(p.file, p.severity) for p in raw.problems] == [
        ("places.geojson", "error"),
        ("bridges.geojson", "error"),
        ("corridors.json", "error"),
    ]
    assert (
        raw.problems[0].message == "not well-formed JSON: Expecting property name enclosed in double quotes"
    )


def test_fingerprint_changes_with_any_file(folder: Path, tmp_path: Path) -> None:
    first = fingerprint(folder)
    assert len(first) == 64 and int(first, 16) >= 0  # a hexadecimal SHA-256 digest
    assert fingerprint(folder) == first
    text = (folder / "trade.csv").read_text(encoding="utf-8")
    (folder / "trade.csv").write_text(text.replace("110", "111"), encoding="utf-8")
    changed = fingerprint(folder)
    assert changed != first
    (folder / "roads.geojson").unlink()  # a missing file changes it too, and does not raise
    assert fingerprint(folder) not in {first, changed}
    # the same files in another folder are another dataset (the cache is keyed by folder too)
    other = write_dataset(tmp_path / "other", tiny_dataset())
    assert fingerprint(other) != first
    # a file that is not part of the dataset does not count
    before = fingerprint(other)
    (other / "notes.txt").write_text("not data", encoding="utf-8")
    assert fingerprint(other) == before


def test_the_shipped_dataset_is_read_by_default() -> None:
    root = default_data_dir()
    assert (root / "places.geojson").is_file() and (root / "naturalearth").is_dir()
    raw = read_raw()
    assert raw.root == root and raw.problems == []
    # the README's 29 ports and Yokohama, added for the published NSR distances (as
    # test_dataset.py's installed-wheel test finds them too)
    assert len(raw.layers["ports"]["features"]) == 30
    espo = next(f for f in raw.layers["pipelines"]["features"] if f["properties"]["id"] == "pl-espo-1")
    # read without interpretation: dates stay text, capacities as stated (Transneft via Interfax)
    assert espo["properties"]["opened"] == "2009-12-28"
    assert [c["value"] for c in espo["properties"]["capacities"] if c["basis"] == "design"] == [30, 58, 80]


def test_reference_geography() -> None:
    ref = read_reference()
    assert ref.border.geom_type == "MultiLineString"
    # tiny_dataset's crossing on the Amur at Blagoveshchensk lies 0.75 km from Natural Earth's
    # China-Russia border, and its port on Vladivostok's harbour 0.33 km from the coastline
    assert distance_to_line_km(127.51, 50.25, ref.border) == pytest.approx(0.75, abs=0.005)
    assert distance_to_line_km(131.9, 43.105, ref.coast) == pytest.approx(0.33, abs=0.005)
    # Harbin is on land; the middle of the Sea of Japan is not
    assert ref.land.contains(shapely.Point(126.63, 45.75))
    assert not ref.land.contains(shapely.Point(134.0, 40.0))
    assert read_reference() is ref  # read once

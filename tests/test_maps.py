"""The map files themselves, without a browser: safety, the antimeridian, size, the CLI."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import corridormap
from corridormap.maps import _display_geometry, _json, overview_map, save_map


@pytest.fixture(scope="module")
def overview_html(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = save_map(overview_map(), tmp_path_factory.mktemp("m") / "overview.html")
    return path.read_text(encoding="utf-8")


def payload(html: str) -> dict:  # type: ignore[type-arg]
    # the data sit in a JSON script element of their own (never in a template)
    match = re.search(r'<script type="application/json" id="[^"]+">(\{.*?\})</script>', html, re.S)
    assert match
    return json.loads(match.group(1))


def test_every_feature_is_on_the_map(overview_html: str) -> None:
    ds = corridormap.load()
    data = payload(overview_html)
    drawn = {f["p"]["id"] for layer in data["layers"] for f in layer["features"]}
    assert drawn == set(ds.nodes.index) | set(ds.links.index)
    assert {c["id"] for c in data["corridors"]} == set(ds.corridors)
    assert len(data["sources"]) == len(ds.sources)


@pytest.fixture(scope="module")
def cdn_html(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = save_map(overview_map(cdn=True), tmp_path_factory.mktemp("m") / "overview-cdn.html")
    return path.read_text(encoding="utf-8")


def test_the_default_page_loads_nothing(overview_html: str) -> None:
    # Leaflet and its plugins are inlined: no script, style sheet or image to fetch
    assert not re.search(r"<script[^>]+src=|<link\b|<img\b", overview_html)
    assert "tile.openstreetmap.org" in overview_html  # offered in the layer control, off by default


def test_cdn_mode_loads_only_leaflet_and_two_plugins(cdn_html: str) -> None:
    urls = sorted(set(re.findall(r'(?:src|href)="(https?://[^"]+)" integrity="sha384-', cdn_html)))
    assert urls == [
        "https://cdn.jsdelivr.net/npm/leaflet-minimap@3.6.1/dist/Control.MiniMap.min.css",
        "https://cdn.jsdelivr.net/npm/leaflet-minimap@3.6.1/dist/Control.MiniMap.min.js",
        "https://cdn.jsdelivr.net/npm/leaflet.fullscreen@3.0.0/Control.FullScreen.css",
        "https://cdn.jsdelivr.net/npm/leaflet.fullscreen@3.0.0/Control.FullScreen.js",
        "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css",
        "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js",
    ]
    assert len(re.findall(r"<script[^>]+src=|<link\b", cdn_html)) == 6


def test_the_overview_stays_small(overview_html: str, cdn_html: str, tmp_path: Path) -> None:
    # 665 features with every figure, 544 sources and an offline land base in well under 1 MB;
    # the railway backbone (44,719 lines) adds one compact layer, and the page stays under the
    # 5 MB that issue 14 sets for the overview with the backbone on
    curated = save_map(overview_map(cdn=True, backbone=[]), tmp_path / "curated.html")
    assert len(curated.read_bytes()) < 900_000
    assert len(overview_html.encode()) < 5_000_000
    # inlining adds the vendored files and no more (images as base64: 4/3 of their bytes)
    from corridormap._assets import manifest

    vendored = sum(f["bytes"] for p in manifest() for f in p["files"] if not f["path"].startswith("LICENSE"))
    assert 0 < len(overview_html.encode()) - len(cdn_html.encode()) < vendored * 4 / 3


def test_json_cannot_close_its_script() -> None:
    text = _json({"name": "</script><script>alert(1)</script> & co"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["name"].startswith("</script>")


def test_lines_across_the_antimeridian_are_drawn_the_short_way() -> None:
    cut = {
        "type": "MultiLineString",
        "coordinates": [[[179.5, 66.0], [180.0, 66.1]], [[-180.0, 66.1], [-179.5, 66.2]]],
    }
    shown = _display_geometry(cut)
    assert shown["type"] == "LineString"
    xs = [x for x, _ in shown["coordinates"]]
    assert xs[0] == 179.5 and xs[-1] == 180.5 and all(179.5 <= x <= 180.5 for x in xs)  # one short line
    # Provideniya (173.2 W) is drawn at 186.8 E, next to the lanes that reach it
    assert _display_geometry({"type": "Point", "coordinates": [-173.2, 64.4]})["coordinates"][
        0
    ] == pytest.approx(186.8)


def test_hostile_text_is_escaped_in_the_file(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(corridormap.io.default_data_dir(), data)
    places = json.loads((data / "places.geojson").read_text(encoding="utf-8"))
    places["features"][0]["properties"]["name"] = (
        "</script><script>alert('x')</script><img src=x onerror=alert(1)>"
    )
    (data / "places.geojson").write_text(json.dumps(places, ensure_ascii=False), encoding="utf-8")
    sources = json.loads((data / "sources.json").read_text(encoding="utf-8"))
    sources["sources"][0]["url"] = 'http://example.org/"onmouseover="alert(1)'
    (data / "sources.json").write_text(json.dumps(sources, ensure_ascii=False), encoding="utf-8")
    html = save_map(overview_map(data=data), tmp_path / "m.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<img src=x" not in html and 'onmouseover="alert' not in html
    p = payload(html)
    name = next(
        f["p"]["n"]
        for layer in p["layers"]
        for f in layer["features"]
        if f["p"]["id"] == places["features"][0]["properties"]["id"]
    )
    assert name.startswith("&lt;/script&gt;")


def test_a_non_http_url_is_not_linked() -> None:
    from corridormap.maps import _safe_url

    assert _safe_url("javascript:alert(1)") is None
    assert _safe_url("https://example.org/a?b=1&c=2") == "https://example.org/a?b=1&amp;c=2"


def test_map_command_writes_the_overview(tmp_path: Path) -> None:
    out = tmp_path / "sub" / "map.html"
    proc = subprocess.run(
        [sys.executable, "-m", "corridormap", "map", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stderr
    assert out.is_file() and f"wrote {out}" in proc.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "corridormap", "map", "--as-of", "2019-13-01", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert bad.returncode == 1 and "not a date" in bad.stderr and "Traceback" not in bad.stderr


def test_events_and_the_scorecard_are_in_the_payload(overview_html: str) -> None:
    ds = corridormap.load()
    data = payload(overview_html)
    assert len(data["events"]) == len(ds.events)
    first = next(e for e in data["events"] if e["d"] == "2024-11-25")
    assert first["y"] == 2024 and first["k"] == "committee_meeting"
    card = data["scorecard"]
    assert card["as_of"] == "2024-12-31" and set(card["colours"]) == {
        "met",
        "partly met",
        "not met",
        "not yet due",
    }
    by_id = {s["id"]: s for s in card["links"]}
    assert (
        by_id["pl-espo-1"]["s"] == "met" and by_id["bridge-blagoveshchensk-heihe-ropeway"]["s"] == "not met"
    )
    assert "pl-far-eastern-route" not in by_id  # a branch of the SKV system, not its main chain


def test_hostile_event_titles_are_escaped(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(corridormap.io.default_data_dir(), data)
    events = json.loads((data / "events.json").read_text(encoding="utf-8"))
    events["events"][0]["title"] = "<img src=x onerror=alert(1)>"
    (data / "events.json").write_text(json.dumps(events, ensure_ascii=False), encoding="utf-8")
    html = save_map(overview_map(data=data), tmp_path / "m.html").read_text(encoding="utf-8")
    assert "<img src=x" not in html
    assert payload(html)["events"][0]["t"] == "&lt;img src=x onerror=alert(1)&gt;"


def test_a_dataset_without_plans_draws_no_scorecard(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(corridormap.io.default_data_dir(), data)
    (data / "plans.json").unlink()
    (data / "events.json").unlink()
    p = payload(save_map(overview_map(data=data), tmp_path / "m.html").read_text(encoding="utf-8"))
    assert p["events"] == [] and p["scorecard"] is None


def test_the_backbone_is_encoded_compactly_and_decodes_to_its_lines() -> None:
    from corridormap.maps import _backbone

    lines = [
        [[130.0, 45.0], [130.5, 45.2], [131.0, 45.1], [131.0001, 45.1001]],
        [[-170.0, 65.0], [-169.5, 65.5]],  # east of the antimeridian: drawn at +190
    ]
    features = [
        {
            "type": "Feature",
            "properties": {"id": ident, "length_km": km},
            "geometry": {"type": "LineString", "coordinates": line},
        }
        for ident, km, line in zip(["bb-<1>", "bb-2"], [93.4, "n/a"], lines, strict=True)
    ]
    features.append(
        {
            "type": "Feature",
            "properties": {"id": "bb-3", "name": "A & B"},
            "geometry": {
                "type": "MultiLineString",
                "coordinates": [[[100, 50], [101, 51]], [[102, 50], [103, 50]]],
            },
        }
    )
    out = _backbone({"type": "FeatureCollection", "features": features})
    assert out is not None and out["k"] == 1000
    decoded, x, y, at = [], 0, 0, 0
    for n in out["n"]:
        line = []
        for _ in range(n):
            x, y = x + out["d"][at], y + out["d"][at + 1]
            at += 2
            line.append([x / out["k"], y / out["k"]])
        decoded.append(line)
    # the last vertex of the first line is within 0.005 degrees of the one before: simplified away
    assert decoded[0] == [[130.0, 45.0], [130.5, 45.2], [131.0, 45.1]]
    assert decoded[1] == [[190.0, 65.0], [190.5, 65.5]]
    assert decoded[2:] == [[[100.0, 50.0], [101.0, 51.0]], [[102.0, 50.0], [103.0, 50.0]]]
    assert out["f"] == [0, 1, 2, 2]  # the two parts of the third feature
    assert out["ids"] == ["bb-&lt;1&gt;", "bb-2", "bb-3"]  # escaped, as every text on the maps
    assert out["names"][2] == "A &amp; B" and out["km"] == [93.4, None, None]
    assert _backbone([]) is None


def test_map_command_cdn_flag_writes_the_small_page(tmp_path: Path) -> None:
    out = tmp_path / "map.html"
    proc = subprocess.run(
        [sys.executable, "-m", "corridormap", "map", "--cdn", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stderr
    html = out.read_text(encoding="utf-8")
    assert 'src="https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"' in html


@pytest.mark.parametrize(
    ("args", "cdn"),
    [
        (["route", "Harbin", "Vladivostok", "--mode", "rail", "--cdn"], True),
        (
            ["flow", "--commodity", "oil", "--from", "Taishet", "--to", "Daqing", "--as-of", "2016-01-01"],
            False,
        ),
    ],
)
def test_route_and_flow_maps_are_self_contained_unless_cdn(
    args: list[str], cdn: bool, tmp_path: Path
) -> None:
    out = tmp_path / "m.html"
    proc = subprocess.run(
        [sys.executable, "-m", "corridormap", *args, "--map", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    html = out.read_text(encoding="utf-8")
    linked = re.findall(r'<script src="(https://cdn\.jsdelivr\.net/npm/[^"]+)"', html)
    assert len(linked) == (3 if cdn else 0)
    assert ("/* leaflet */" in html) is not cdn  # inlined, or not at all

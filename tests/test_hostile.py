"""Hostile and broken input (issue 11): no code runs, no file is lost, no answer is silently wrong.

Each case asserts its exact outcome: a clean error naming the problem, or the correct output,
and that no file outside the requested output changed. The browser side (the same payloads
shown literally in Chromium, no script run) is in test_maps_browser.py.
"""

from __future__ import annotations

import html as html_lib
import json
import logging
import os
import pickle
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from fixtures_data import flow_dataset, folder_digest, route_dataset
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from json_support import strict_json

import corridormap
from corridormap import cache
from corridormap.figures import network_figure, save_figure
from corridormap.flows import max_flow
from corridormap.graph import build_graph
from corridormap.maps import flow_map, overview_map, route_map, save_map
from corridormap.state import scenario


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "corridormap", *args],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, **(env or {})},
    )


def one_line_error(proc: subprocess.CompletedProcess[str], words: str) -> None:
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    assert words in lines[0], lines[0]


# ---------------------------------------------------------------------------------------------
# 1. Render data, never templates


def _payloads(canary: Path) -> dict[str, str]:
    """Names that would do something if the text reached Jinja2, the page or matplotlib."""
    return {
        "west": "West {{ 7*7 }} {{ cycler.__init__.__globals__.os.system('touch " + str(canary) + "') }}",
        "east-ru": "East {% for x in range(3) %}X{% endfor %}",
        "cn-town": "Town </title><script>window.__pwned = 1</script>",
        "cn-city": r"City $\frac{1}{$ 100$",
    }


@pytest.fixture
def hostile(
    make_dataset: Callable[[dict[str, Any]], Path], tmp_path: Path
) -> tuple[Path, Path, dict[str, str]]:
    canary = tmp_path / "CANARY"
    names = _payloads(canary)
    data = route_dataset()
    for f in data["places"]["features"]:
        f["properties"]["name"] = names[f["properties"]["id"]]
    return make_dataset(data), canary, names


def _data(html: str) -> Any:
    start = html.index('<script type="application/json"')
    body = html[html.index(">", start) + 1 : html.index("</script>", start)]
    return json.loads(body)


def _assert_inert(html: str, canary: Path, literal: tuple[str, ...]) -> None:
    assert not canary.exists(), "a template expression from the data ran a shell command"
    assert "West 49" not in html and "XXX" not in html  # nothing evaluated
    assert "<script>window.__pwned" not in html  # escaped everywhere, the title too
    text = json.dumps(_data(html), ensure_ascii=False)
    for expected in literal:  # shown literally (HTML-escaped where it holds markup)
        assert expected in text, expected


def test_the_overview_renders_hostile_text_literally(
    hostile: tuple[Path, Path, dict[str, str]], tmp_path: Path
) -> None:
    data, canary, _ = hostile
    html = save_map(overview_map(data=data), tmp_path / "o.html").read_text(encoding="utf-8")
    escaped = "Town &lt;/title&gt;&lt;script&gt;window.__pwned = 1&lt;/script&gt;"
    _assert_inert(html, canary, ("West {{ 7*7 }}", "East {% for x in range(3) %}X{% endfor %}", escaped))


def test_a_route_map_renders_hostile_text_literally(
    hostile: tuple[Path, Path, dict[str, str]], tmp_path: Path
) -> None:
    data, canary, _ = hostile
    ds = corridormap.load(data)
    r = corridormap.route(build_graph(ds), "west", "cn-city", modes=["rail"])
    html = save_map(route_map(r, ds), tmp_path / "r.html").read_text(encoding="utf-8")
    _assert_inert(html, canary, ("West {{ 7*7 }}", r"City $\\frac{1}{$ 100$"))
    title = html.split("<title>")[1].split("</title>")[0]
    assert title.startswith("corridormap route: West {{ 7*7 }}") and "<" not in title
    # the Jupyter display renders the same page
    shown = r.map(ds)._repr_html_()
    assert not canary.exists() and "West 49" not in shown


def test_jupyter_displays_and_exports_show_hostile_text_as_text(
    hostile: tuple[Path, Path, dict[str, str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import xml.etree.ElementTree as ET

    from corridormap import io

    data, canary, names = hostile
    ds = corridormap.load(data)
    r = corridormap.route(build_graph(ds), "west", "cn-city", modes=["rail"])
    monkeypatch.setattr(corridormap.settings, "repr_html_map", False)
    shown = r._repr_html_() + ds._repr_html_()
    assert html_lib.escape(f"{names['west']} (west)") in shown  # the table cell, escaped
    assert html_lib.escape(f"{names['cn-city']} (cn-city)") in shown
    assert "<script>window.__pwned" not in shown and "West 49" not in shown
    monkeypatch.setattr(corridormap.settings, "repr_html_map", True)
    with_map = r._repr_html_()  # the map is folium's own page, in an escaped iframe
    assert "<script>window.__pwned" not in with_map and not canary.exists()
    # KML and GPX hold the names as text: an XML reader gets them back exactly
    kml = ET.parse(io.export_result(r, tmp_path / "r.kml")).getroot()
    assert kml[0].findtext("{http://www.opengis.net/kml/2.2}name", "").startswith(names["west"])
    gpx = ET.parse(io.export_result(r, tmp_path / "r.gpx")).getroot()
    assert gpx.findtext(
        "{http://www.topografix.com/GPX/1/1}metadata/{http://www.topografix.com/GPX/1/1}name", ""
    ).startswith(names["west"])
    assert not canary.exists()


def test_a_flow_map_renders_hostile_text_literally(
    make_dataset: Callable[[dict[str, Any]], Path], tmp_path: Path
) -> None:
    canary = tmp_path / "CANARY"
    data = flow_dataset()
    for f in data["places"]["features"]:
        if f["properties"]["id"] == "src-a":
            f["properties"]["name"] = _payloads(canary)["west"]
        if f["properties"]["id"] == "sink-c":
            f["properties"]["name"] = _payloads(canary)["cn-town"]
    ds = corridormap.load(make_dataset(data))
    result = max_flow(
        build_graph(ds), "gas", ["src-a", "src-b"], ["sink-c", "sink-d"], scenario(as_of="2020-06-01")
    )
    html = save_map(flow_map(result, ds=ds), tmp_path / "f.html").read_text(encoding="utf-8")
    assert not canary.exists() and "West 49" not in html and "{{ 7*7 }}" in html
    assert "<script>window.__pwned" not in html


def test_a_figure_never_reads_data_as_mathtext(
    hostile: tuple[Path, Path, dict[str, str]], tmp_path: Path
) -> None:
    data, _, _ = hostile
    ds = corridormap.load(data)
    r = corridormap.route(build_graph(ds), "west", "cn-city", modes=["rail"])
    fig = network_figure(ds, route=r)
    title = fig.axes[0].get_title()
    assert r"$\frac{1}{$ 100$" in title.replace("\\$", "$")  # drawn as text, dollar signs and all
    out = save_figure(fig, tmp_path / "f.png")  # mathtext would raise on the unbalanced $
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    labels = [t.get_text() for t in fig.axes[0].texts]
    assert any("City" in t for t in labels)


# ---------------------------------------------------------------------------------------------
# 2. Outputs that cannot destroy anything


def test_an_output_onto_an_input_is_refused(make_dataset: Callable[[dict[str, Any]], Path]) -> None:
    data = make_dataset(route_dataset())
    before = folder_digest(data)
    proc = run("map", "--data", str(data), "--out", str(data / "places.geojson"))
    one_line_error(proc, "refusing to write")
    proc = run("route", "west", "cn-city", "--data", str(data), "--map", str(data / "sub" / "r.html"))
    one_line_error(proc, "refusing to write")
    assert folder_digest(data) == before


def test_a_failed_render_leaves_the_previous_output(tmp_path: Path) -> None:
    import folium
    from branca.element import Element

    class Broken(Element):
        def render(self, **kwargs: Any) -> str:
            raise RuntimeError("render failed")

    out = tmp_path / "map.html"
    out.write_text("previous", encoding="utf-8")
    m = folium.Map()
    m.get_root().html.add_child(Broken())
    with pytest.raises(RuntimeError, match="render failed"):
        save_map(m, out)
    assert out.read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.html"]  # no temporary file left


def test_an_unwritable_output_is_one_clear_line() -> None:
    one_line_error(run("map", "--out", "/proc/corridormap/x.html"), "cannot write /proc/corridormap/x.html")
    # an empty path is a usage error (exit 2, with click's usage line)
    proc = run("map", "--out", "")
    assert proc.returncode == 2 and "no output file given" in proc.stderr and "Traceback" not in proc.stderr


def test_an_output_that_is_a_folder_is_one_clear_line(tmp_path: Path) -> None:
    one_line_error(run("figure", "--out", str(tmp_path / "x.png"), "--as-of", "2019-02-30"), "not a date")
    (tmp_path / "dir.html").mkdir()
    proc = run("map", "--out", str(tmp_path / "dir.html"))  # click refuses it: a usage error
    assert proc.returncode == 2 and "is a directory" in proc.stderr and "Traceback" not in proc.stderr


# ---------------------------------------------------------------------------------------------
# 3. Exact flows in every unit


@pytest.fixture(scope="module")
def shipped() -> Any:
    return corridormap.network()


def test_the_same_flow_in_every_unit(shipped: Any) -> None:
    # Oil from Taishet to Daqing in 2024: the spur's 30 Mt/yr (Xinhua, 2018) binds. Before the fix,
    # t/yr answered 0 (int32 overflow) and g/yr "unbounded".
    s = scenario(as_of="2024-01-01")
    per_year = 365.25 * 86400
    expected = {
        "Mt/yr": 30.0,
        "kt/yr": 30e3,
        "t/yr": 30e6,
        "t/day": 30e6 / 365.25,
        "kg/s": 30e9 / per_year,
        "g/yr": 30e12,
    }
    for unit, value in expected.items():
        r = max_flow(shipped, "oil", ["Taishet"], ["Daqing"], s, unit=unit)
        assert not r.unbounded
        assert r.value == pytest.approx(value, rel=1e-9), unit
        assert r.min_cut == {"features": ["pl-skovorodino-mohe"], "nodes": []}


def test_a_huge_capacity_is_solved_exactly(shipped: Any) -> None:
    # 10^12 Mt/yr on both spur sections and their crossing (30 Mt/yr, SCIO 2018): no int32 scale
    # resolves it beside 30, so the exact float solver answers; the bound moves upstream to
    # ESPO-1's 80 Mt/yr (Transneft, 2019).
    huge = {k: (1e12, "Mt/yr") for k in ("pl-skovorodino-mohe", "pl-mohe-daqing", "bc-dzhalinda-mohe")}
    r = max_flow(shipped, "oil", ["Taishet"], ["Daqing"], scenario(as_of="2024-01-01", capacity=huge))
    assert r.value == pytest.approx(80, rel=1e-12)
    assert r.min_cut == {"features": ["pl-espo-1"], "nodes": []}


def test_unbounded_is_a_flag_not_a_number(make_dataset: Callable[[dict[str, Any]], Path]) -> None:
    # two ports joined by sea lanes only: nothing states a limit
    G = build_graph(corridormap.load(make_dataset(route_dataset())))
    r = max_flow(G, "containers", ["port-a"], ["port-b"], scenario(as_of="2024-01-01"))
    assert r.unbounded and r.to_dict()["value"] is None and r.binding == []
    assert "unbounded" in str(r)


# ---------------------------------------------------------------------------------------------
# 4. A cache that is safe and never stale


class _Planted:
    """Unpickling this runs a shell command: what a planted cache file would do if it were unpickled."""

    def __init__(self, canary: Path) -> None:
        self.canary = canary

    def __reduce__(self) -> tuple[Any, ...]:
        return (os.system, (f"touch {self.canary}",))


def _fresh_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("CORRIDORMAP_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _rebuilt(caplog: pytest.LogCaptureFixture, data: Path, why: str) -> Any:
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="corridormap.cache"):
        G = corridormap.network(data)
    messages = [r.getMessage() for r in caplog.records]
    assert any("rebuilding the graph" in m and why in m for m in messages), messages
    return G


def test_a_planted_pickle_is_never_loaded(
    make_dataset: Callable[[dict[str, Any]], Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    folder = _fresh_cache(monkeypatch, tmp_path)
    data = make_dataset(route_dataset())
    canary = tmp_path / "CANARY"
    key = cache.cache_key(data)
    folder.mkdir(parents=True)
    (folder / f"graph-{key}.pickle").write_bytes(pickle.dumps(_Planted(canary)))  # the old layout's name
    G = corridormap.network(data)
    assert not canary.exists() and "west" in G  # built from the data; the pickle is never opened
    # an array file that holds a pickled object instead of numbers is refused, not unpickled
    entry = folder / f"graph-{key}"
    planted = np.array([_Planted(canary)], dtype=object)
    np.save(entry / "edge_u.npy", planted, allow_pickle=True)
    G = _rebuilt(caplog, data, "edge_u.npy")
    assert not canary.exists() and "west" in G
    # graph.json is read as JSON only: a pickle in its place is an unreadable entry
    (entry / "graph.json").write_bytes(pickle.dumps(_Planted(canary)))
    _rebuilt(caplog, data, "cannot be used")
    assert not canary.exists()


def test_a_damaged_cache_entry_is_rebuilt(
    make_dataset: Callable[[dict[str, Any]], Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    folder = _fresh_cache(monkeypatch, tmp_path)
    data = make_dataset(route_dataset())
    corridormap.network(data)
    (entry,) = folder.glob("graph-*")
    whole = (entry / "arc_tail.npy").read_bytes()
    (entry / "arc_tail.npy").write_bytes(whole[:100])  # truncated
    G = _rebuilt(caplog, data, "cannot be used")
    assert "cn-city" in G
    assert (entry / "arc_tail.npy").read_bytes() == whole  # written again, whole
    assert not list(folder.glob(".tmp-*"))
    # an edge that points past the node table (same dtype and shape) is caught before any use
    edge_u = np.load(entry / "edge_u.npy")
    np.save(entry / "edge_u.npy", edge_u + 10**6)
    assert "cn-city" in _rebuilt(caplog, data, "edge_u.npy points outside its table")
    # an array of another shape than the entry records
    np.save(entry / "arc_head.npy", np.zeros(3, np.int64))
    _rebuilt(caplog, data, "arc_head.npy is")
    # a missing file, and an entry written for another key
    (entry / "edge_v.npy").unlink()
    _rebuilt(caplog, data, "edge_v.npy is missing")
    table = json.loads((entry / "graph.json").read_text(encoding="utf-8"))
    (entry / "graph.json").write_text(json.dumps({**table, "key": "0" * 32}), encoding="utf-8")
    _rebuilt(caplog, data, "another key")
    # after all that, the entry serves the same graph again, without a warning
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="corridormap.cache"):
        again = corridormap.network(data)
    assert not caplog.records
    assert sorted(again.edges(keys=True)) == sorted(G.edges(keys=True))


def test_the_cache_key_follows_the_code_version(
    make_dataset: Callable[[dict[str, Any]], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = make_dataset(route_dataset())
    key = cache.cache_key(data)
    monkeypatch.setattr(cache, "__version__", "99.0")
    assert cache.cache_key(data) != key


def test_the_cache_keeps_a_bounded_number_of_entries(
    make_dataset: Callable[[dict[str, Any]], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _fresh_cache(monkeypatch, tmp_path)
    monkeypatch.setattr(corridormap.settings, "cache_entries", 2)
    data = make_dataset(route_dataset())
    for speed in (30, 40, 50):
        corridormap.network(data, {"speed.rail": speed})
    assert len(list(folder.glob("graph-*"))) == 2


# ---------------------------------------------------------------------------------------------
# 5. Strict JSON, and an API that says what is wrong


def test_places_json_isstrict_json() -> None:
    proc = run("places", "--json")
    assert proc.returncode == 0, proc.stderr
    rows = strict_json(proc.stdout)
    assert all(r["status"] is None or isinstance(r["status"], str) for r in rows)
    # places of kind city, town and waypoint may have no status: null, not NaN
    assert any(r["status"] is None for r in rows if r["kind"] in ("city", "town", "waypoint"))


def test_a_string_where_a_list_is_expected_is_one_item(shipped: Any) -> None:
    by_list = corridormap.route(shipped, "Harbin", "Vladivostok", modes=["rail"], as_of="2024-01-01")
    by_string = corridormap.route(shipped, "Harbin", "Vladivostok", modes="rail", as_of="2024-01-01")
    assert by_string.length_km == by_list.length_km
    one = max_flow(shipped, "oil", "Taishet", "Daqing", scenario(as_of="2024-01-01"))
    assert one.value == pytest.approx(30)


def test_a_datetime_counts_as_its_date(shipped: Any) -> None:
    import datetime as dt

    r = max_flow(shipped, "oil", ["Taishet"], ["Daqing"], scenario(as_of=dt.datetime(2024, 1, 1, 12, 30)))
    assert r.scenario.as_of == dt.date(2024, 1, 1) and r.value == pytest.approx(30)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--close", "pl-espo-3"], "no feature or node 'pl-espo-3'"),
        (["--close-kind", "oil_pipe"], "no feature has kind oil_pipe"),
        (["--capacity", "pl-nowhere", "5", "Mt/yr"], "no feature or node 'pl-nowhere'"),
        (["--capacity", "pl-espo-1", "5", "Mtons/yr"], "Mtons/yr"),
    ],
)
def test_scenario_typos_are_errors(args: list[str], words: str) -> None:
    proc = run("flow", "--commodity", "oil", "--from", "Taishet", "--to", "Daqing", *args)
    one_line_error(proc, words)


def test_avoiding_an_unknown_id_is_an_error(shipped: Any) -> None:
    with pytest.raises(corridormap.UnknownPlaceError, match="rail-nowhere"):
        corridormap.route(shipped, "Harbin", "Vladivostok", avoid=["rail-nowhere"])


def test_snap_lines_refuses_projected_coordinates(shipped: Any) -> None:
    import geopandas as gpd
    from shapely.geometry import LineString

    from corridormap.snap import snap_lines

    lines = gpd.GeoDataFrame(geometry=[LineString([(126.6, 45.7), (127.0, 45.9)])], crs="EPSG:4326")
    with pytest.raises(corridormap.InvalidArgumentError, match="EPSG:3857"):
        snap_lines(shipped, lines.to_crs("EPSG:3857"))
    with pytest.raises(corridormap.InvalidArgumentError, match="outside longitude"):
        snap_lines(shipped, [LineString([(14_000_000, 5_700_000), (14_100_000, 5_750_000)])])


def test_terminal_escapes_from_data_are_never_printed_raw(capsys: pytest.CaptureFixture[str]) -> None:
    from corridormap.cli import _say

    _say("Harbin\x1b[2J\x1b]0;owned\x07 \u202eevil")
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert out == "Harbin\\u001b[2J\\u001b]0;owned\\u0007 \\u202eevil\n"


# ---------------------------------------------------------------------------------------------
# 6. Any hostile text, every rendering path


_TOKENS = [*"{}%#$\\<>/'\"&;=() abcXYZ7*_", "{{", "}}", "{%", "%}", "</script>", "</title>", "{{ 7*7 }}"]
_HOSTILE_TEXT = (
    st.lists(st.sampled_from(_TOKENS), min_size=1, max_size=12).map("".join).filter(lambda t: t.strip() != "")
)


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=_HOSTILE_TEXT)
def test_any_text_renders_inert_in_every_map_and_a_figure(
    name: str, make_dataset: Callable[[dict[str, Any]], Path], tmp_path: Path
) -> None:
    data = route_dataset()
    for f in data["places"]["features"]:
        if f["properties"]["id"] in ("west", "cn-city"):
            f["properties"]["name"] = f"{f['properties']['id']} {name}"
    ds = corridormap.load(make_dataset(data))
    G = build_graph(ds)
    r = corridormap.route(G, "west", "cn-city", modes=["rail"])
    flow = max_flow(G, "gas", ["east-ru"], ["cn-town"], scenario(as_of="2024-01-01"))
    shown = html_lib.escape(f"west {name}", quote=True)  # what the page holds: the text, escaped
    for i, m in enumerate([overview_map(ds), route_map(r, ds), flow_map(flow, ds=ds)]):
        html = save_map(m, tmp_path / f"m{i}.html").read_text(encoding="utf-8")
        assert "<script>" not in name or name not in html  # never raw in the page
        data = _data(html)
        if i == 0:
            places = next(layer for layer in data["layers"] if layer["key"] == "places")["features"]
            assert next(f["p"]["n"] for f in places if f["p"]["id"] == "west") == shown
        if i == 1:
            assert data["summary"]["title"].startswith(shown)
    fig = network_figure(ds, route=r)
    save_figure(fig, tmp_path / "f.png")  # never parsed as mathtext, whatever the dollars

"""Exports read back by other readers: GDAL (pyogrio) for GeoPackage, CSV, KML and GPX, pyarrow
for GeoParquet, networkx for GraphML, and the OGC KML 2.2 schema for KML.

Every export is compared with what was exported, feature by feature: ids in order, the three
names, every attribute (lists as JSON text), coordinates bit for bit and geodesic lengths,
including the sea lanes cut at the antimeridian (RFC 7946 section 3.1.9), which must come back
cut, never drawn the long way round. GDAL's command line (ogrinfo) is not installed here, so
the layers of a GeoPackage are listed with pyogrio.list_layers, which calls the same GDAL
library. The KML schema is OGC's ogckml22.xsd as shipped by fastkml (read offline).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import geopandas as gpd
import networkx as nx
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely
from fixtures_data import flow_dataset, route_dataset

import corridormap
from corridormap import io
from corridormap._errors import InvalidArgumentError, OutputError
from corridormap.geodesy import length_km, long_way_segments
from corridormap.graph import build_graph
from corridormap.style import LAYER_COLOURS, MODE_COLOURS
from corridormap.vocab import LAYERS

TABLES = ["sources", "corridors", "parameters"]
#: Shipped sea lanes cut at 180°: Bering Strait - Avacha Gulf and Long Strait - Bering Strait.
DATELINE = ["sea-bering-strait-avacha-gulf", "sea-long-strait-bering-strait"]
#: The formats a route or a flow is written in.
WRITES = ("geojson", "gpkg", "kml", "gpx", "csv")


@pytest.fixture(scope="module")
def shipped() -> Any:
    return corridormap.load()


@pytest.fixture(scope="module")
def exported(shipped: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("exports")
    paths = {"gpkg": io.export_dataset(shipped, out / "corridormap.gpkg")}
    for fmt in ("parquet", "geojson", "csv"):
        paths[fmt] = io.export_dataset(shipped, out / f"dataset-{fmt}", fmt)
    return paths


def _coords(geoms: Any) -> np.ndarray:
    return shapely.get_coordinates(np.asarray(geoms))


def _cell(value: Any) -> Any:
    """A cell of the exported table as the dataset holds it (JSON text back to lists)."""
    if isinstance(value, str) and value[:1] in "[{":
        return json.loads(value)
    return None if value is None or (not isinstance(value, str | list | dict) and pd.isna(value)) else value


def _same_features(original: gpd.GeoDataFrame, back: Any, as_text: bool = False) -> None:
    """Ids in order, every attribute, and coordinates bit for bit.

    ``as_text``: the table was read from CSV, where every cell is text (a flag as True/False,
    a number as its shortest round-trip form).
    """
    assert list(back["id"]) == list(original["id"])
    for column in original.columns:
        if column == "geometry":
            continue
        assert column in back.columns, column
        for fid, want, got in zip(original["id"], original[column], back[column], strict=True):
            want = _cell(want)
            if as_text and want is not None and not isinstance(want, str | list | dict):
                got = {"True": True, "False": False}.get(got, got)
                got = type(want)(float(got)) if not isinstance(got, bool) else got
            elif as_text and got == "":
                got = None
            assert _cell(got) == want, (fid, column)
    assert np.array_equal(_coords(back.geometry.values), _coords(original.geometry.values))


def test_the_geopackage_lists_every_layer_and_table(exported: dict[str, Path]) -> None:
    layers = pyogrio.list_layers(exported["gpkg"])
    assert [name for name, _ in layers] == [*LAYERS, *TABLES, "layer_styles"]
    kinds = dict(layers)
    assert {kinds[n] for n in ("places", "ports", "border_crossings")} == {"Point"}
    assert all(kinds[n] is None for n in [*TABLES, "layer_styles"])  # attribute tables


@pytest.mark.parametrize("layer", LAYERS)
def test_each_geopackage_layer_reads_back_whole(shipped: Any, exported: dict[str, Path], layer: str) -> None:
    back = pyogrio.read_dataframe(exported["gpkg"], layer=layer)
    _same_features(shipped[layer], back)
    assert back.crs.to_epsg() == 4326


def test_three_language_names_survive_every_format(shipped: Any, exported: dict[str, Path]) -> None:
    # port-vladivostok: 'Port of Vladivostok', Russian and Chinese names as in ports.geojson
    want = shipped["ports"].loc["port-vladivostok", ["name", "name_ru", "name_zh"]].tolist()
    readers = {
        "gpkg": lambda: pyogrio.read_dataframe(exported["gpkg"], layer="ports"),
        "parquet": lambda: gpd.read_parquet(exported["parquet"] / "ports.parquet"),
        "geojson": lambda: pyogrio.read_dataframe(exported["geojson"] / "ports.geojson"),
        "csv": lambda: pyogrio.read_dataframe(exported["csv"] / "ports.csv"),
    }
    assert all("\u0400" <= c <= "\u04ff" or not c.isalpha() for c in want[1])  # Cyrillic
    for fmt, read in readers.items():
        back = read().set_index("id")
        assert back.loc["port-vladivostok", ["name", "name_ru", "name_zh"]].tolist() == want, fmt


def _dateline_check(geom: Any, original: Any) -> None:
    assert geom.geom_type == "MultiLineString"
    xs = shapely.get_coordinates(geom)[:, 0]
    assert xs.min() == -180.0 and xs.max() == 180.0  # cut exactly at the antimeridian
    assert long_way_segments(geom) == []  # no segment drawn the long way round
    assert length_km(geom) == length_km(original)


def test_antimeridian_lanes_stay_cut_in_every_format(shipped: Any, exported: dict[str, Path]) -> None:
    lanes = shipped["sea_lanes"]
    frames = {
        "gpkg": pyogrio.read_dataframe(exported["gpkg"], layer="sea_lanes"),
        "parquet": gpd.read_parquet(exported["parquet"] / "sea_lanes.parquet"),
        "geojson": pyogrio.read_dataframe(exported["geojson"] / "sea_lanes.geojson"),
        "csv": pyogrio.read_dataframe(exported["csv"] / "sea_lanes.csv"),
    }
    for fmt, frame in frames.items():
        back = frame.set_index("id")
        for fid in DATELINE:
            _dateline_check(back.loc[fid, "geometry"], lanes.loc[fid, "geometry"])
        assert len(back) == len(lanes), fmt


def test_the_dataset_tables_read_back(shipped: Any, exported: dict[str, Path]) -> None:
    sources = pyogrio.read_dataframe(exported["gpkg"], layer="sources")
    assert list(sources["id"]) == list(shipped.sources)
    corridors = pyogrio.read_dataframe(exported["gpkg"], layer="corridors").set_index("id")
    assert list(corridors.index) == list(shipped.corridors)
    for cid, record in shipped.corridors.items():
        assert json.loads(corridors.loc[cid, "links"]) == record["links"]
        assert corridors.loc[cid, "name_zh"] == record["name_zh"]
    params = pyogrio.read_dataframe(exported["gpkg"], layer="parameters").set_index("name")
    assert list(params.index) == list(shipped.parameters)
    # speed.rail: 40 km/h in parameters.json; a column that mixes numbers and lists is JSON text
    assert (json.loads(params.loc["speed.rail", "value"]), params.loc["speed.rail", "unit"]) == (40, "km/h")


def test_layer_styles_follow_the_palette(exported: dict[str, Path]) -> None:
    styles = pyogrio.read_dataframe(exported["gpkg"], layer="layer_styles").set_index("f_table_name")
    assert list(styles.index) == list(LAYERS)
    assert styles["useAsDefault"].tolist() == [True] * len(LAYERS)
    geometry_column = pyogrio.read_info(exported["gpkg"], layer="rail")["geometry_name"]
    assert set(styles["f_geometry_column"]) == {geometry_column}
    rail = ET.fromstring(styles.loc["rail", "styleQML"].split("\n", 1)[1])
    renderer = rail.find("renderer-v2")
    assert renderer is not None and renderer.get("attr") == "status"
    values = [c.get("value") for c in renderer.iter("category")]
    assert values[0] == "operating" and "under_construction" in values
    colours = {p.get("v") for p in rail.iter("prop") if p.get("k") == "line_color"}
    assert "37,37,37,255" in colours  # LAYER_COLOURS["rail"] == "#252525"
    assert LAYER_COLOURS["rail"] == "#252525"
    pipes = ET.fromstring(styles.loc["pipelines", "styleQML"].split("\n", 1)[1]).find("renderer-v2")
    assert pipes is not None and pipes.get("attr") == "commodity"
    sld = ET.fromstring(styles.loc["ports", "styleSLD"])
    assert sld.tag == "{http://www.opengis.net/sld}StyledLayerDescriptor"
    fills = [e.text for e in sld.iter("{http://www.opengis.net/sld}CssParameter")]
    assert fills == [LAYER_COLOURS["ports"]]


def test_the_parquet_folder_reads_back_whole(shipped: Any, exported: dict[str, Path]) -> None:
    folder = exported["parquet"]
    manifest = json.loads((folder / "export.json").read_text(encoding="utf-8"))
    assert manifest["tables"] == {
        **{n: len(shipped[n]) for n in LAYERS},
        "sources": len(shipped.sources),
        "corridors": len(shipped.corridors),
        "parameters": len(shipped.parameters),
    }
    for layer in LAYERS:
        back = gpd.read_parquet(folder / f"{layer}.parquet")
        assert back.crs.to_epsg() == 4326
        _same_features(shipped[layer], back)
    assert list(pd.read_parquet(folder / "sources.parquet")["id"]) == list(shipped.sources)


def test_the_geojson_folder_is_the_dataset_itself(shipped: Any, exported: dict[str, Path]) -> None:
    for layer in LAYERS:
        doc = json.loads((exported["geojson"] / f"{layer}.geojson").read_text(encoding="utf-8"))
        assert doc["features"] == shipped.features(layer)
        assert len(pyogrio.read_dataframe(exported["geojson"] / f"{layer}.geojson")) == len(shipped[layer])
    sources = json.loads((exported["geojson"] / "sources.json").read_text(encoding="utf-8"))
    assert sources == {"sources": list(shipped.sources.values())}


@pytest.mark.parametrize("layer", LAYERS)
def test_each_csv_reads_back_with_its_wkt(shipped: Any, exported: dict[str, Path], layer: str) -> None:
    path = exported["csv"] / f"{layer}.csv"
    assert path.read_bytes()[:3] == b"\xef\xbb\xbf"  # the byte order mark Excel needs for UTF-8
    header = path.read_text(encoding="utf-8-sig").split("\n", 1)[0]
    assert header.split(",")[0] == "WKT"
    back = pyogrio.read_dataframe(path)  # GDAL's CSV driver: WKT as the geometry, text cells
    _same_features(shipped[layer], back, as_text=True)


# --- the graph -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped_graph(shipped: Any) -> Any:
    # the curated graph: every kind of attribute a curated link carries (the backbone's 85k
    # edges add no new kind, only time to a round trip of every edge)
    return build_graph(shipped, backbone=False)


def test_graphml_reads_back_into_networkx(shipped_graph: Any, tmp_path: Path) -> None:
    G = shipped_graph
    path = io.export_graph(G, tmp_path / "graph.graphml")
    H = nx.read_graphml(path, force_multigraph=True)
    assert isinstance(H, nx.MultiDiGraph)
    assert sorted(H.nodes) == sorted(G.nodes)
    assert sorted(H.edges(keys=True)) == sorted(G.edges(keys=True))
    for u, v, k, d in G.edges(keys=True, data=True):
        back = H.edges[u, v, k]
        assert back["length_km"] == d["length_km"] and back["feature"] == d["feature"]
        assert shapely.from_wkt(back["geometry"]).equals(d["geometry"])
        assert json.loads(back["countries"]) == d["countries"]
    node = H.nodes["port-vladivostok"]
    assert (node["name_ru"], node["name_zh"]) == (
        G.nodes["port-vladivostok"]["name_ru"],
        G.nodes["port-vladivostok"]["name_zh"],
    )


def test_the_graph_geopackage_follows_osmnx(shipped_graph: Any, tmp_path: Path) -> None:
    G = shipped_graph
    path = io.export_graph(G, tmp_path / "graph.gpkg")
    assert [n for n, _ in pyogrio.list_layers(path)] == ["nodes", "edges"]
    nodes = pyogrio.read_dataframe(path, layer="nodes").set_index("id")
    assert sorted(nodes.index) == sorted(G.nodes)
    assert nodes.loc["port-vladivostok", "x"] == G.nodes["port-vladivostok"]["lon"]
    edges = pyogrio.read_dataframe(path, layer="edges")
    assert list(edges.columns[:8]) == ["u", "v", "key", "length_km", "time_h", "feature", "mode", "layer"]
    assert len(edges) == G.number_of_edges()
    for row in edges.itertuples():
        d = G.edges[row.u, row.v, row.key]
        assert (row.length_km, row.feature, row.mode, row.layer) == (
            d["length_km"],
            d["feature"],
            d["mode"],
            d["layer"],
        )
        assert np.array_equal(_coords([row.geometry]), _coords([d["geometry"]]))
    dateline = edges[edges["feature"] == DATELINE[0]]
    assert len(dateline) == 2  # both directions, each still cut at 180°
    for geom in dateline.geometry:
        assert long_way_segments(geom) == []


# --- routes and flows --------------------------------------------------------------------------


@pytest.fixture
def routes(make_dataset: Callable[[dict[str, Any]], Path]) -> Any:
    G = build_graph(corridormap.load(make_dataset(route_dataset())))
    # the Arctic lane port-a (179.5 E) -> port-b (179.5 W), cut at 180°, open in August;
    # and west -> cn-city by rail, with a change of gauge at the border (route_dataset's docstring)
    return corridormap.route(G, "port-a", "port-b", month=8), corridormap.route(
        G, "west", "cn-city", modes=["rail"]
    )


def _travel(route: Any) -> list[dict[str, Any]]:
    return [f for f in route.to_geojson()["features"] if f["geometry"]["type"] != "Point"]


def test_a_route_in_every_format(routes: Any, tmp_path: Path) -> None:
    _, rail = routes
    assert [leg.mode for leg in rail.legs].count("transfer") == 1
    for route in routes:
        gj = route.to_geojson()
        paths = {fmt: io.export_result(route, tmp_path / f"{route.dest.id}.{fmt}") for fmt in WRITES}
        assert json.loads(paths["geojson"].read_text(encoding="utf-8"))["features"] == gj["features"]
        legs = pyogrio.read_dataframe(paths["gpkg"], layer="route")
        assert list(legs["mode"]) == [leg.mode for leg in route.legs]
        assert list(legs["length_km"]) == [round(leg.length_km, 1) for leg in route.legs]
        summary = pyogrio.read_dataframe(paths["gpkg"], layer="summary")
        assert json.loads(summary.loc[0, "nodes"]) == route.nodes
        csv = pyogrio.read_dataframe(paths["csv"])
        assert list(csv["mode"]) == [leg.mode for leg in route.legs]
        for path in (paths["gpkg"], paths["csv"]):
            back = pyogrio.read_dataframe(path, layer="route" if path.suffix == ".gpkg" else None)
            travel = back[back["mode"] != "transfer"]
            want = [shapely.geometry.shape(f["geometry"]) for f in _travel(route)]
            assert [length_km(g) for g in travel.geometry] == [length_km(g) for g in want]


def test_a_route_across_the_antimeridian_stays_cut(routes: Any, tmp_path: Path) -> None:
    sea, _ = routes
    original = shapely.geometry.shape(_travel(sea)[0]["geometry"])
    kml = io.export_result(sea, tmp_path / "sea.kml")
    gpx = io.export_result(sea, tmp_path / "sea.gpx")
    gpkg = io.export_result(sea, tmp_path / "sea.gpkg")
    _dateline_check(pyogrio.read_dataframe(kml).geometry.iloc[0], original)
    _dateline_check(pyogrio.read_dataframe(gpx, layer="tracks").geometry.iloc[0], original)
    _dateline_check(pyogrio.read_dataframe(gpkg, layer="route").geometry.iloc[0], original)


def _kml_schema() -> Any:
    etree = pytest.importorskip("lxml.etree")
    fastkml = pytest.importorskip("fastkml")
    return etree, etree.XMLSchema(etree.parse(str(Path(fastkml.__file__).parent / "schema" / "ogckml22.xsd")))


def test_a_route_kml_is_valid_and_styled_by_mode(routes: Any, tmp_path: Path) -> None:
    _, rail = routes
    path = io.export_result(rail, tmp_path / "rail.kml")
    etree, schema = _kml_schema()
    assert schema.validate(etree.parse(str(path))), schema.error_log
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    doc = ET.parse(path).getroot()
    marks = doc.findall(".//k:Placemark", ns)
    assert len(marks) == len(rail.legs)
    assert [m.findtext("k:styleUrl", namespaces=ns) for m in marks] == [
        f"#mode-{leg.mode}" for leg in rail.legs
    ]
    rail_style = doc.find(".//k:Style[@id='mode-rail']/k:LineStyle/k:color", ns)
    assert rail_style is not None and rail_style.text == "ff252525"  # aabbggrr of MODE_COLOURS["rail"]
    assert MODE_COLOURS["rail"] == "#252525"
    back = pyogrio.read_dataframe(path)  # GDAL's LIBKML driver, a second reader
    assert list(back["Name"]) == [m.findtext("k:name", namespaces=ns) for m in marks]
    assert list(back["mode"]) == [leg.mode for leg in rail.legs]


def test_a_route_gpx_is_one_track(routes: Any, tmp_path: Path) -> None:
    _, rail = routes
    path = io.export_result(rail, tmp_path / "rail.gpx")
    tracks = pyogrio.read_dataframe(path, layer="tracks")
    assert len(tracks) == 1
    parts = [shapely.geometry.shape(f["geometry"]) for f in _travel(rail)]
    assert length_km(tracks.geometry.iloc[0]) == pytest.approx(sum(length_km(p) for p in parts), rel=1e-12)
    waypoints = pyogrio.read_dataframe(path, layer="waypoints")
    assert len(waypoints) == 1 and "gauge_change" in waypoints.loc[0, "name"]


@pytest.fixture
def flow(make_dataset: Callable[[dict[str, Any]], Path]) -> Any:
    G = build_graph(corridormap.load(make_dataset(flow_dataset())))
    # test_flows: 40 bcm/yr, cut at pl-x-d and the crossing bc-f
    return corridormap.max_flow(
        G, "gas", ["src-a", "src-b"], ["sink-c", "sink-d"], corridormap.scenario(as_of="2020-06-01")
    )


def test_a_flow_in_every_format(flow: Any, tmp_path: Path) -> None:
    lines = [fid for fid in flow.flows if fid in flow.geometry]
    paths = {fmt: io.export_result(flow, tmp_path / f"flow.{fmt}") for fmt in WRITES}
    back = pyogrio.read_dataframe(paths["gpkg"], layer="flow")
    drawn = back[back["role"] == "flow"]
    assert list(drawn["id"]) == lines
    assert dict(zip(drawn["id"], drawn["in_cut"], strict=True)) == {
        f: f in flow.min_cut["features"] for f in lines
    }
    assert set(back.loc[back["role"] == "cut", "id"]) == {"bc-f"}
    etree, schema = _kml_schema()
    assert schema.validate(etree.parse(str(paths["kml"]))), schema.error_log
    kml = pyogrio.read_dataframe(paths["kml"])
    assert len(kml) == len(flow.to_geojson()["features"])
    assert len(pyogrio.read_dataframe(paths["gpx"], layer="tracks")) == len(lines)
    assert len(pyogrio.read_dataframe(paths["csv"])) == len(flow.to_geojson()["features"])


# --- formats, errors and safety ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "fmt", "what", "words"),
    [
        ("out.shp", None, "dataset", "cannot tell the format of 'out.shp'"),
        ("out", None, "result", "(no suffix)"),
        ("out.gpkg", "shapefile", "dataset", "unknown export format 'shapefile'"),
        ("out.kml", None, "graph", "a graph is exported as graphml or gpkg, not kml"),
        (
            "out.graphml",
            None,
            "result",
            "a result is exported as geojson or gpkg or kml or gpx or csv, not graphml",
        ),
    ],
)
def test_a_bad_format_is_a_clear_error(path: str, fmt: str | None, what: str, words: str) -> None:
    with pytest.raises(InvalidArgumentError, match=words.replace("(", r"\(").replace(")", r"\)")):
        io.export_format(path, fmt, what)


def _failing(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str, after: int) -> None:
    """Make ``owner.name`` fail like a full disk after ``after`` calls."""
    real, calls = getattr(owner, name), []

    def fail(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) > after:
            raise OSError(28, "No space left on device")
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, fail)


def test_a_failed_export_leaves_the_previous_one(
    shipped: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = io.export_dataset(shipped, tmp_path / "ds.gpkg")
    folder = io.export_dataset(shipped, tmp_path / "ds", "csv")
    before = path.read_bytes()
    listing = {p.name: p.read_bytes() for p in folder.iterdir()}
    _failing(monkeypatch, pyogrio, "write_dataframe", 2)  # the third layer fails
    with pytest.raises(OutputError, match="No space left on device"):
        io.export_dataset(shipped, path)
    _failing(monkeypatch, pd.DataFrame, "to_csv", 2)
    with pytest.raises(OutputError, match="No space left on device"):
        io.export_dataset(shipped, folder, "csv")
    assert path.read_bytes() == before
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == listing
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ds", "ds.gpkg"]  # no temporary left


def test_a_folder_export_never_replaces_a_users_folder(shipped: Any, tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep", encoding="utf-8")
    with pytest.raises(OutputError, match="a folder corridormap did not write"):
        io.export_dataset(shipped, tmp_path / "mine", "geojson")
    assert (tmp_path / "mine" / "notes.txt").read_text(encoding="utf-8") == "keep"


def test_an_export_into_the_dataset_is_refused(make_dataset: Callable[[dict[str, Any]], Path]) -> None:
    folder = make_dataset(route_dataset())
    ds = corridormap.load(folder)
    with pytest.raises(OutputError, match="which is being read"):
        io.export_dataset(ds, folder / "places.gpkg")
    with pytest.raises(OutputError, match="which is being read"):
        io.export_dataset(ds, folder, "geojson")


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "corridormap", "export", *args],
        capture_output=True,
        text=True,
        timeout=180,
        env=dict(os.environ),
    )


@pytest.mark.cli
@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--what", "dataset", "--out", "x.shp"], "cannot tell the format of 'x.shp'"),
        (["--what", "dataset", "--format", "xlsx", "--out", "x.gpkg"], "unknown export format 'xlsx'"),
        (["--what", "graph", "--out", "g.gpx"], "a graph is exported as graphml or gpkg, not gpx"),
        (["--what", "dataset", "--out", "d.csv"], "a dataset in csv is a folder of files"),
    ],
)
def test_the_cli_says_what_is_wrong_in_one_line(args: list[str], words: str, tmp_path: Path) -> None:
    args = [a if not a.startswith(("x.", "g.", "d.")) else str(tmp_path / a) for a in args]
    proc = _cli(*args)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and words in lines[0], proc.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.cli
def test_the_cli_exports_a_route_with_its_options(
    make_dataset: Callable[[dict[str, Any]], Path], tmp_path: Path
) -> None:
    data = make_dataset(route_dataset())
    out = tmp_path / "route.gpx"
    proc = _cli(
        "--what", "route", "west", "cn-city", "--mode", "rail", "--out", str(out), "--data", str(data)
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"wrote {out}"
    assert len(pyogrio.read_dataframe(out, layer="waypoints")) == 1  # the change of gauge
    proc = _cli(
        "--what",
        "flow",
        "--commodity",
        "gas",
        "--from",
        "west",
        "--to",
        "cn-town",
        "--out",
        str(tmp_path / "f.kml"),
        "--data",
        str(data),
        "--close",
        "no-such-id",
    )
    assert proc.returncode == 1 and "no-such-id" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "f.kml").exists()


# --- a static rendering of the GeoPackage, with the styles it carries (the README's image) -----


def _qml_colours(qml: str) -> tuple[str | None, dict[str, str]]:
    """The field a layer's QML style categorises by, and each category's colour as #rrggbb."""
    root = ET.fromstring(qml.split("\n", 1)[1])
    renderer = root.find("renderer-v2")
    assert renderer is not None
    colours = {}
    for symbol in renderer.iter("symbol"):
        rgba = next(p.get("v") for p in symbol.iter("prop") if p.get("k") in ("line_color", "color"))
        r, g, b, _ = (int(x) for x in str(rgba).split(","))
        colours[str(symbol.get("name"))] = f"#{r:02x}{g:02x}{b:02x}"
    by_value = {str(c.get("value")): colours[str(c.get("symbol"))] for c in renderer.iter("category")}
    return renderer.get("attr"), by_value or {"": colours["0"]}


def render_geopackage(path: Path, out: Path) -> dict[str, str]:
    """Draw every layer of an exported GeoPackage with the colours of its own layer_styles.

    Longitudes west of 100° W are drawn at +360° so that Chukotka and the Bering Strait lanes
    are drawn whole, as the maps draw them. Returns each layer's colour of operating features.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    styles = pyogrio.read_dataframe(path, layer="layer_styles").set_index("f_table_name")
    fig, ax = plt.subplots(figsize=(12, 6), dpi=100)
    ax.set_facecolor("#d4e6f1")
    drawn = {}
    for layer in [*LAYERS[3:], *LAYERS[:3]]:  # lines first, points on top
        field, colours = _qml_colours(styles.loc[layer, "styleQML"])
        gdf = pyogrio.read_dataframe(path, layer=layer)
        gdf["geometry"] = shapely.transform(
            gdf.geometry.values, lambda xy: np.where(xy[:, :1] < -100, xy + np.array([360.0, 0.0]), xy)
        )
        keys = gdf[field] if field else pd.Series([""] * len(gdf))
        colour = keys.map(colours).fillna(next(iter(colours.values())))
        if layer in LAYERS[:3]:
            gdf.plot(ax=ax, color=colour, markersize=14, edgecolor="white", linewidth=0.3, zorder=3)
        else:
            gdf.plot(ax=ax, color=colour, linewidth=1.6, antialiased=False, zorder=2)
        drawn[layer] = colours.get("operating", colours.get("oil", next(iter(colours.values()))))
    ax.set_xlim(-12, 195)
    ax.set_ylim(0, 80)
    ax.set_title(f"{path.name}: every layer read back with pyogrio, drawn in its layer_styles colours")
    ax.set_xlabel("longitude (° E)")
    ax.set_ylabel("latitude (° N)")
    fig.tight_layout()
    fig.savefig(out)
    plt.close(fig)
    return drawn


def test_a_rendering_of_the_geopackage_shows_every_layer_in_its_style(
    exported: dict[str, Path], tmp_path: Path
) -> None:
    import matplotlib.image as mpimg

    png = tmp_path / "geopackage.png"
    drawn = render_geopackage(exported["gpkg"], png)
    pixels = {
        f"#{r:02x}{g:02x}{b:02x}"
        for r, g, b in (mpimg.imread(png)[:, :, :3] * 255).round().astype(int).reshape(-1, 3)
    }
    for layer in ("rail", "roads", "sea_lanes", "pipelines"):  # lines drawn without antialiasing
        assert drawn[layer] in pixels, layer
    assert drawn["rail"] == LAYER_COLOURS["rail"] and drawn["pipelines"] == LAYER_COLOURS["pipelines_oil"]
    folder = os.environ.get("CORRIDORMAP_SCREENSHOTS")  # the README's image, as the browser tests do
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / "geopackage.png").write_bytes(png.read_bytes())

"""A network of lines without ids as a transport graph: joins, splits, lengths, inputs, CLI, hostile files.

Every expected length is the WGS84 geodesic (pyproj's ``Geod``, the same ellipsoid as
:mod:`corridormap.geodesy`), worked out here from the test's own coordinates; the 30 m and
20 m offsets are laid off with ``Geod.fwd`` so the distances are exact.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import geopandas as gpd
import networkx as nx
import numpy as np
import pytest
import shapely
from click.testing import CliRunner
from pyproj import Geod

import corridormap
from corridormap import cache as cache_module
from corridormap import lines as lines_module
from corridormap.cli import main
from corridormap.core import core_graph
from corridormap.lines import network_from_lines

WGS84 = Geod(ellps="WGS84")


def _east(lon: float, lat: float, metres: float) -> tuple[float, float]:
    x, y, _ = WGS84.fwd(lon, lat, 90.0, metres)
    return float(x), float(y)


def _north(lon: float, lat: float, metres: float) -> tuple[float, float]:
    x, y, _ = WGS84.fwd(lon, lat, 0.0, metres)
    return float(x), float(y)


def _km(*points: tuple[float, float]) -> float:
    lons, lats = zip(*points, strict=True)
    return float(WGS84.line_length(lons, lats)) / 1000.0


def _gdf(geoms: list[Any], crs: str | None = "EPSG:4326") -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(geometry=geoms, crs=crs)


def _where(lon: float, lat: float) -> str:
    return f"{lat},{lon}"


# two lines along the parallel 50 N, the second starting 30 m east of where the first ends
A0, A1 = (10.0, 50.0), (10.1, 50.0)
B0 = _east(*A1, 30.0)
B1 = (10.2, 50.0)
TWO = [shapely.LineString([A0, A1]), shapely.LineString([B0, B1])]


def test_ends_30_m_apart_join_at_50_m_and_not_at_10_m() -> None:
    joined = network_from_lines(_gdf(TWO), tolerance_m=50)
    assert joined.number_of_nodes() == 3 and joined.graph["lines"]["joined_end_pairs"] == 1
    r = corridormap.route(joined, _where(*A0), _where(*B1))
    assert r.features == ["line-0", "line-1"]
    # the route runs along both lines; the 30 m joint itself is not a line and adds nothing
    assert r.length_km == pytest.approx(_km(A0, A1) + _km(B0, B1), abs=1e-9)
    assert r.time_h == pytest.approx(r.length_km / joined.graph["parameters"]["speed.rail"])
    apart = network_from_lines(_gdf(TWO), tolerance_m=10)
    assert apart.number_of_nodes() == 4 and apart.graph["lines"]["joined_end_pairs"] == 0
    with pytest.raises(corridormap.NoRouteError):
        corridormap.route(apart, _where(*A0), _where(*B1))


def test_a_line_is_split_where_another_line_ends_on_it() -> None:
    # C runs east along 40 N; D comes from the north and ends 20 m north of C's middle
    c0, c1 = (20.0, 40.0), (20.2, 40.0)
    d0, d1 = (20.1, 40.1), _north(20.1, 40.0, 20.0)
    G = network_from_lines(_gdf([shapely.LineString([c0, c1]), shapely.LineString([d0, d1])]), tolerance_m=50)
    assert G.graph["lines"]["splits"] == 1
    assert sorted(k for _, _, k in G.edges(keys=True)) == sorted(2 * ["line-0:0", "line-0:1", "line-1"])
    assert G.number_of_nodes() == 4
    r = corridormap.route(G, _where(*d0), _where(*c1))
    assert r.features == ["line-1", "line-0"]
    # C is cut at the point of C nearest D's end (the parallel is drawn straight in degrees,
    # so that point is 20.1 E on 40 N): D, then C from 20.1 E
    cut = next(d["geometry"] for _, _, k, d in G.edges(keys=True, data=True) if k == "line-0:1")
    assert shapely.get_coordinates(cut)[0] == pytest.approx([20.1, 40.0], abs=1e-12)
    assert r.length_km == pytest.approx(_km(d0, d1) + _km((20.1, 40.0), c1), abs=1e-9)
    # without the cut the only way would be to C's ends: none is within 50 m of D's end
    unsplit = network_from_lines(
        _gdf([shapely.LineString([c0, c1]), shapely.LineString([d0, d1])]), tolerance_m=10
    )
    assert unsplit.graph["lines"]["splits"] == 0
    with pytest.raises(corridormap.NoRouteError):
        corridormap.route(unsplit, _where(*d0), _where(*c1))


def test_lines_that_cross_without_a_node_do_not_join() -> None:
    # an X: a flyover, not a junction
    G = network_from_lines(
        _gdf(
            [
                shapely.LineString([(30.0, 10.0), (30.2, 10.2)]),
                shapely.LineString([(30.0, 10.2), (30.2, 10.0)]),
            ]
        )
    )
    assert G.graph["lines"]["splits"] == 0 and G.number_of_nodes() == 4
    with pytest.raises(corridormap.NoRouteError):
        corridormap.route(G, "10,30", "10,30.2")


def test_route_length_is_the_geodesic_length_of_its_lines() -> None:
    # three bent lines in a chain, and a long detour that a shortest route does not take
    p = [
        (100.0, 60.0),
        (100.3, 60.2),
        (100.6, 60.1),
        (101.0, 60.4),
        (101.2, 60.0),
        (101.5, 60.1),
        (102.0, 60.0),
    ]
    chain = [shapely.LineString(p[0:3]), shapely.LineString(p[2:5]), shapely.LineString(p[4:7])]
    detour = shapely.LineString([p[0], (100.5, 62.0), (101.5, 62.0), p[6]])
    G = network_from_lines(_gdf([*chain, detour]))
    r = corridormap.route(G, _where(*p[0]), _where(*p[6]))
    assert r.features == ["line-0", "line-1", "line-2"]
    assert r.length_km == pytest.approx(_km(*p[0:3]) + _km(*p[2:5]) + _km(*p[4:7]), abs=1e-9)
    m = corridormap.matrix(G, [_where(*p[0])], [_where(*p[6]), _where(*p[2])])
    assert m.to_numpy()[0] == pytest.approx([r.length_km, _km(*p[0:3])], abs=1e-6)


def test_multilinestring_parts_and_a_projected_crs_give_the_same_network() -> None:
    p = [(5.0, 45.0), (5.1, 45.05), (5.2, 45.0), (5.3, 45.05)]
    multi = shapely.MultiLineString([p[0:2], p[1:3]])
    G = network_from_lines(_gdf([multi, shapely.LineString(p[2:4])]))
    assert sorted({k for _, _, k in G.edges(keys=True)}) == ["line-0:0", "line-0:1", "line-1"]
    r = corridormap.route(G, _where(*p[0]), _where(*p[3]))
    assert r.features == ["line-0", "line-1"]
    assert r.length_km == pytest.approx(_km(*p), abs=1e-9)
    # the same lines in UTM zone 31N: reprojected to longitude/latitude on reading
    utm = _gdf([multi, shapely.LineString(p[2:4])]).to_crs("EPSG:32631")
    H = network_from_lines(utm)
    assert H.graph["lines"]["crs"] == "EPSG:32631"
    s = corridormap.route(H, _where(*p[0]), _where(*p[3]))
    assert s.features == r.features
    assert s.length_km == pytest.approx(r.length_km, abs=1e-6)  # 1 mm: the round trip through UTM


def test_the_core_from_columns_is_the_core_of_the_edges() -> None:
    p = [(10.0, 50.0), (10.1, 50.0), (10.2, 50.1), (10.1, 50.2)]
    G = network_from_lines(
        _gdf([shapely.LineString(p[0:2]), shapely.LineString(p[1:3]), shapely.LineString([p[1], p[3]])])
    )
    ours = core_graph(G)
    plain = nx.MultiDiGraph(G)  # the same nodes and edges, without the core
    plain.graph = {k: v for k, v in G.graph.items() if not k.startswith("_")}
    theirs = core_graph(plain)
    assert ours is not theirs and ours.states == theirs.states

    def arcs(C: Any) -> set[tuple[Any, ...]]:
        return {
            (*C.edges[e], C.states[C.state_code[t]], round(km, 12), round(h, 12))
            for e, t, km, h in zip(
                C.arc_edge.tolist(), C.arc_tail.tolist(), C.arc_length_km, C.arc_time_h, strict=True
            )
        }

    assert arcs(ours) == arcs(theirs) and len(ours.arc_tail) == len(theirs.arc_tail)
    assert ours.states_at("node-1") == ["rail1435"]  # one gauge: one state per node, no gauge changes


def test_gauge_column_and_road_mode() -> None:
    gdf = _gdf(TWO)
    gdf["gauge_mm"] = [1520, None]
    G = network_from_lines(gdf, tolerance_m=50)
    assert sorted({tuple(d["gauge_mm"]) for _, _, d in G.edges(data=True)}) == [(1435,), (1520,)]
    r = corridormap.route(G, _where(*A0), _where(*B1))
    assert [leg.transfer for leg in r.legs if leg.transfer] == ["gauge_change"]
    road = network_from_lines(_gdf(TWO), mode="road")
    t = corridormap.route(road, _where(*A0), _where(*B1), modes=["road"])
    assert t.time_h == pytest.approx(t.length_km / road.graph["parameters"]["speed.road"])


def test_a_file_shows_a_progress_bar_per_step(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "two.geojson"
    _gdf(TWO).to_file(path, driver="GeoJSON")
    G = network_from_lines(path, progress=True)
    err = capsys.readouterr().err
    assert [f"lines: {s}" in err for s in ("read", "snap", "split", "graph", "core")] == [True] * 5
    assert set(G.graph["lines"]["seconds"]) == {"read", "snap", "split", "graph", "core"}
    parquet = tmp_path / "two.parquet"
    _gdf(TWO).to_parquet(parquet)
    assert network_from_lines(parquet).number_of_edges() == G.number_of_edges() == 4


@pytest.fixture
def gpkg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CORRIDORMAP_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "tracks.gpkg"
    _gdf(TWO).to_file(path, driver="GPKG")
    return path


def test_cli_route_on_a_geopackage_and_again_from_the_cache(
    gpkg: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ["route", "--lines", str(gpkg), _where(*A0), _where(*B1), "--json"]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    found = json.loads(first.output)
    assert found["length_km"] == round(_km(A0, A1) + _km(B0, B1), 1)
    assert found["features"] == ["line-0", "line-1"]
    assert len(list((gpkg.parent / "cache").glob("graph-*"))) == 1

    def never(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("built again: the cache was not used")

    monkeypatch.setattr(lines_module, "network_from_lines", never)
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 0, again.output
    assert json.loads(again.output) == found
    # a changed file is a new key; another tolerance too
    assert cache_module.lines_key(gpkg, 50.0, "rail") != cache_module.lines_key(gpkg, 10.0, "rail")
    matrix = CliRunner().invoke(
        main, ["matrix", "--lines", str(gpkg), "--from", _where(*A0), "--to", _where(*B1), "--json"]
    )
    assert matrix.exit_code == 0, matrix.output
    assert json.loads(matrix.output)["values"] == [[found["length_km"]]]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.gpkg", "does not exist"),
        (lambda d: d, "is a folder, not a file"),
        (lambda d: _write(d / "junk.gpkg", b"not a geopackage\x1b[31m"), "cannot read lines file"),
        (lambda d: _points(d / "points.gpkg"), "holds Point geometries, no LineString"),
        (
            lambda d: _write(d / "empty.geojson", b'{"type": "FeatureCollection", "features": []}'),
            "holds no geometries",
        ),
        (lambda d: _unprojected(d / "metres.geojson"), "outside longitude -180..180"),
    ],
)
def test_cli_hostile_lines_files_give_one_line_and_exit_1(
    gpkg: Path, make: Any, message: str, tmp_path: Path
) -> None:
    result = CliRunner().invoke(main, ["route", "--lines", str(make(tmp_path)), "0,0", "1,1"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output and result.exception is not None
    lines = [x for x in result.output.splitlines() if x.startswith("corridormap: error:")]
    assert len(lines) == 1 and message in lines[0], result.output
    assert "\x1b" not in result.output  # a file's bytes never reach the terminal raw


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _points(path: Path) -> Path:
    _gdf([shapely.Point(0, 0), shapely.Point(1, 1)]).to_file(path, driver="GPKG")
    return path


def _unprojected(path: Path) -> Path:
    # metres of a projected CRS in a GeoJSON that does not say so (GeoJSON is taken as WGS84)
    path.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {},
                        "geometry": {
                            "type": "LineString",
                            "coordinates": [[500000, 5500000], [510000, 5500000]],
                        },
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    return path


def test_cli_data_and_lines_together_is_a_usage_error(gpkg: Path) -> None:
    result = CliRunner().invoke(
        main, ["route", "--lines", str(gpkg), "--data", str(gpkg.parent), "0,0", "1,1"]
    )
    assert result.exit_code == 2 and "give --data or --lines, not both" in result.output


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"tolerance_m": 0}, "positive number of metres"),
        ({"tolerance_m": -5.0}, "positive number of metres"),
        ({"tolerance_m": math.nan}, "positive number of metres"),
        ({"tolerance_m": math.inf}, "finite number of metres"),
        ({"tolerance_m": True}, "positive number of metres"),
        ({"mode": "pipeline"}, "unknown mode 'pipeline' for lines"),
    ],
)
def test_bad_arguments_are_refused(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(corridormap.InvalidArgumentError, match=message):
        network_from_lines(_gdf(TWO), **kwargs)


def test_non_lines_among_lines_are_left_out_and_counted() -> None:
    G = network_from_lines(_gdf([TWO[0], None, shapely.Point(0, 0), shapely.LineString(), TWO[1]]))
    assert G.graph["lines"]["skipped"] == 3 and G.graph["lines"]["rows"] == 5
    assert {d["feature"] for _, _, d in G.edges(data=True)} == {"line-0", "line-4"}  # ids keep the input rows
    with pytest.raises(corridormap.InvalidArgumentError, match="GeoDataFrame"):
        network_from_lines([TWO[0]])
    with pytest.raises(corridormap.InvalidArgumentError, match="outside longitude"):
        network_from_lines(_gdf([shapely.LineString([(500000, 5500000), (510000, 5500000)])], crs=None))
    assert np.isfinite(core_graph(G).arc_length_km).all()

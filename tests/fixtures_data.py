"""Small hand-checkable datasets for the tests, and helpers to write them to a folder."""

from __future__ import annotations

import copy
import csv
import hashlib
import json
from pathlib import Path
from typing import Any

SOURCE = {
    "id": "test-source",
    "title": "A test source",
    "publisher": "corridormap tests",
    "url": "https://example.org/test",
    "date": "2024-01-01",
    "kind": "dataset",
    "quality": "research",
}


def _feature(props: dict[str, Any], gtype: str, coords: Any) -> dict[str, Any]:
    return {"type": "Feature", "properties": props, "geometry": {"type": gtype, "coordinates": coords}}


def _node(fid: str, kind: str, lon: float, lat: float, countries: list[str], **extra: Any) -> dict[str, Any]:
    props = {
        "id": fid,
        "name": fid.replace("-", " ").title(),
        "name_ru": "Тест",
        "name_zh": "测试",
        "kind": kind,
        "status": "operating",
        "opened": "1900",
        "countries": countries,
        "sources": ["test-source"],
        "location_sources": ["test-source"],
        "geometry_quality": "approximate",
        **extra,
    }
    return _feature(props, "Point", [lon, lat])


def _link(
    fid: str,
    kind: str,
    mode: str,
    frm: str,
    to: str,
    coords: Any,
    countries: list[str],
    gtype: str = "LineString",
    **extra: Any,
) -> dict[str, Any]:
    props = {
        "id": fid,
        "name": fid,
        "name_ru": "Тест",
        "name_zh": "测试",
        "kind": kind,
        "status": "operating",
        "opened": "2019-12-02",
        "countries": countries,
        "sources": ["test-source"],
        "geometry_quality": "traced",
        "from": frm,
        "to": to,
        "mode": mode,
        **extra,
    }
    return _feature(props, gtype, coords)


def tiny_dataset() -> dict[str, Any]:
    """A small valid dataset: two river-bank towns joined across the Amur at Blagoveshchensk,
    a port on Vladivostok's harbour, and a sea lane cut at the antimeridian.

    Hand-checked numbers: the crossing (127.51, 50.25) lies 0.75 km from Natural Earth's
    China–Russia border; the port (131.9, 43.105) 0.33 km from its coastline.
    """
    fc = lambda feats: {"type": "FeatureCollection", "features": feats}  # noqa: E731
    crossing = {
        "border": "CN-RU",
        "modes": ["rail", "pipeline"],
        "checkpoints": {
            "RU": {"name": "North", "name_ru": "Север"},
            "CN": {"name": "South", "name_zh": "南"},
        },
    }
    return {
        "places": fc(
            [
                _node("north-town", "city", 127.535, 50.257, ["RU"]),
                _node("south-town", "city", 127.49, 50.245, ["CN"]),
                _node("east-cape", "waypoint", 179.5, 66.0, ["RU"]),
                _node("west-cape", "waypoint", -179.5, 66.2, ["RU"]),
            ]
        ),
        "ports": fc([_node("port-harbour", "seaport", 131.9, 43.105, ["RU"])]),
        "border_crossings": fc(
            [_node("bc-river", "border_crossing", 127.51, 50.25, ["RU", "CN"], **crossing)]
        ),
        "bridges": fc([]),
        "pipelines": fc(
            [
                _link(
                    "pl-river",
                    "gas_pipeline",
                    "pipeline",
                    "north-town",
                    "south-town",
                    [[127.535, 50.257], [127.51, 50.25], [127.49, 50.245]],
                    ["RU", "CN"],
                    via=["bc-river"],
                    directed=True,
                    commodity="gas",
                    capacities=[
                        {
                            "commodity": "gas",
                            "value": 38,
                            "unit": "bcm/yr",
                            "basis": "design",
                            "year": 2019,
                            "sources": ["test-source"],
                        }
                    ],
                )
            ]
        ),
        "rail": fc(
            [
                _link(
                    "rail-river",
                    "main_line",
                    "rail",
                    "north-town",
                    "south-town",
                    [[127.535, 50.257], [127.51, 50.25], [127.49, 50.245]],
                    ["RU", "CN"],
                    via=["bc-river"],
                    gauge_mm=[1435, 1520],
                    lengths=[{"value": 3.5, "unit": "km", "basis": "stated", "sources": ["test-source"]}],
                )
            ]
        ),
        "roads": fc([]),
        "sea_lanes": fc(
            [
                _link(
                    "sea-dateline",
                    "sea_lane",
                    "sea",
                    "east-cape",
                    "west-cape",
                    [[[179.5, 66.0], [180.0, 66.1]], [[-180.0, 66.1], [-179.5, 66.2]]],
                    ["RU"],
                    gtype="MultiLineString",
                    open_months=[7, 8, 9, 10],
                    arctic=True,
                )
            ]
        ),
        "sources": {"sources": [copy.deepcopy(SOURCE)]},
        "corridors": {
            "corridors": [
                {
                    "id": "river-corridor",
                    "name": "River corridor",
                    "name_ru": "Коридор",
                    "name_zh": "走廊",
                    "kind": "transport_corridor",
                    "status": "operating",
                    "links": ["rail-river"],
                    "figures": [
                        {
                            "metric": "forecast",
                            "value": 45,
                            "unit": "Mt",
                            "basis": "forecast",
                            "year": 2030,
                            "sources": ["test-source"],
                        }
                    ],
                    "sources": ["test-source"],
                }
            ]
        },
        "parameters": {
            "parameters": {
                name: {
                    "value": 45 if name == "speed.rail" else value,
                    "unit": unit,
                    "basis": "estimate",
                    "note": "test",
                    "sources": ["test-source"],
                }
                for name, (value, unit) in ROUTE_PARAMETERS.items()
            }
        },
        "trade": [
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
        ],
    }


def plan_files() -> dict[str, Any]:
    """A valid ``plans.json`` and ``events.json`` for :func:`tiny_dataset`: one plan with a
    capacity and an opening commitment on its pipeline, and one event."""
    commitment = {
        "id": "c-gas",
        "features": ["pl-river"],
        "title": "Gas line at 38 bcm/yr",
        "quantity": {"kind": "capacity", "value": 38, "unit": "bcm/yr", "commodity": "gas"},
        "target_date": "2024",
        "sources": ["test-source"],
    }
    opening = {
        "id": "c-open",
        "features": ["rail-river"],
        "title": "Rail line open",
        "quantity": {"kind": "opening", "date": "2022-06"},
        "target_date": "2024",
        "sources": ["test-source"],
    }
    plan = {
        "id": "plan-test",
        "name": "Test plan",
        "name_ru": "План",
        "name_zh": "规划",
        "approved": "2018-11",
        "start": "2018",
        "end": "2024",
        "sources": ["test-source"],
        "commitments": [commitment, opening],
    }
    event = {
        "id": "ev-one",
        "date": "2024-11-25",
        "kind": "committee_meeting",
        "concerns": ["plan-test", "pl-river"],
        "title": "First meeting",
        "title_ru": "Первое заседание",
        "title_zh": "第一次会议",
        "sources": ["test-source"],
    }
    return {"plans": {"plans": [plan]}, "events": {"events": [event]}}


def write_dataset(folder: Path, data: dict[str, Any]) -> Path:
    """Write a dataset dict (as :func:`tiny_dataset` returns) to a folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for key, value in data.items():
        if key == "trade":
            with (folder / "trade.csv").open("w", newline="", encoding="utf-8") as handle:
                writer = csv.DictWriter(handle, fieldnames=list(value[0].keys()))
                writer.writeheader()
                writer.writerows(value)
        else:
            suffix = (
                ".json" if key in {"sources", "corridors", "parameters", "plans", "events"} else ".geojson"
            )
            (folder / f"{key}{suffix}").write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    return folder


def folder_digest(folder: Path) -> dict[str, str]:
    """Hash every file of a folder, to prove that nothing was changed."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()
    }


ROUTE_PARAMETERS = {
    "speed.rail": (40, "km/h"),
    "speed.road": (50, "km/h"),
    "speed.sea": (13, "knot"),
    "speed.sea_arctic": (10, "knot"),
    "time.ferry_crossing": (0.5, "h"),
    "time.pontoon_crossing": (0.1, "h"),
    "time.ropeway_crossing": (0.05, "h"),
    "dwell.gauge_change": (8, "h"),
    "dwell.border_rail": (3, "h"),
    "dwell.border_road": (6, "h"),
    "handling.port": (72, "h"),
    "handling.terminal": (24, "h"),
}


def route_dataset() -> dict[str, Any]:
    """A small network with hand-checkable answers, all on the parallel 45° N except the sea:

    west (129 E) --rail 1520--> east-ru (130 E) --rail dual gauge, via bc-gate (130.5 E)--> cn-town
    (131 E) --rail 1435--> cn-city (132 E); between east-ru and cn-town also a river ferry (May-Oct,
    since 1990) and a road bridge (opened 2022-06-10), both via bc-gate; a gas pipeline east-ru ->
    cn-town. At sea, port-a (179.5 E, 66 N) and port-b (179.5 W, 66.2 N): a short Arctic lane open
    July-October and a longer southern lane open all year, both cut at the antimeridian.
    """
    data = tiny_dataset()
    fc = lambda feats: {"type": "FeatureCollection", "features": feats}  # noqa: E731
    crossing = {
        "border": "CN-RU",
        "modes": ["rail", "road", "ferry", "pipeline"],
        "checkpoints": {
            "RU": {"name": "East", "name_ru": "Восток"},
            "CN": {"name": "Gate", "name_zh": "口岸"},
        },
    }
    place = lambda fid, lon, lat, c, **kw: _node(fid, "city", lon, lat, [c], **kw)  # noqa: E731
    data["places"] = fc(
        [
            place("west", 129.0, 45.0, "RU", aliases=["Westgrad"], name_ru="Западный"),
            place("east-ru", 130.0, 45.0, "RU"),
            place("cn-town", 131.0, 45.0, "CN", name_zh="中城"),
            place("cn-city", 132.0, 45.0, "CN"),
        ]
    )
    data["ports"] = fc(
        [
            _node("port-a", "seaport", 179.5, 66.0, ["RU"], name="Port of West"),
            _node("port-b", "seaport", -179.5, 66.2, ["RU"]),
        ]
    )
    data["border_crossings"] = fc(
        [_node("bc-gate", "border_crossing", 130.5, 45.0, ["RU", "CN"], opened="1990", **crossing)]
    )
    line = lambda *xs: [[x, 45.0] for x in xs]  # noqa: E731
    data["rail"] = fc(
        [
            _link(
                "rail-west-east",
                "main_line",
                "rail",
                "west",
                "east-ru",
                line(129.0, 129.5, 130.0),
                ["RU"],
                gauge_mm=[1520],
                opened="1900",
            ),
            _link(
                "rail-east-cn",
                "main_line",
                "rail",
                "east-ru",
                "cn-town",
                line(130.0, 130.5, 131.0),
                ["RU", "CN"],
                via=["bc-gate"],
                gauge_mm=[1435, 1520],
                opened="1990",
            ),
            _link(
                "rail-cn",
                "main_line",
                "rail",
                "cn-town",
                "cn-city",
                line(131.0, 131.5, 132.0),
                ["CN"],
                gauge_mm=[1435],
                opened="1950",
            ),
        ]
    )
    data["roads"] = fc(
        [
            _link(
                "road-ferry",
                "ferry_crossing",
                "ferry",
                "east-ru",
                "cn-town",
                line(130.0, 130.5, 131.0),
                ["RU", "CN"],
                via=["bc-gate"],
                open_months=[5, 6, 7, 8, 9, 10],
                opened="1990",
            )
        ]
    )
    data["bridges"] = fc(
        [
            _link(
                "bridge-new",
                "road_bridge",
                "road",
                "east-ru",
                "cn-town",
                line(130.0, 130.5, 131.0),
                ["RU", "CN"],
                via=["bc-gate"],
                opened="2022-06-10",
            )
        ]
    )
    data["pipelines"] = fc(
        [
            _link(
                "pl-gas",
                "gas_pipeline",
                "pipeline",
                "east-ru",
                "cn-town",
                line(130.0, 130.5, 131.0),
                ["RU", "CN"],
                via=["bc-gate"],
                directed=True,
                commodity="gas",
                opened="2019-12-02",
                capacities=[
                    {
                        "commodity": "gas",
                        "value": 38,
                        "unit": "bcm/yr",
                        "basis": "design",
                        "year": 2019,
                        "sources": ["test-source"],
                    }
                ],
            )
        ]
    )
    data["sea_lanes"] = fc(
        [
            _link(
                "sea-short",
                "sea_lane",
                "sea",
                "port-a",
                "port-b",
                [[[179.5, 66.0], [180.0, 66.1]], [[-180.0, 66.1], [-179.5, 66.2]]],
                ["RU"],
                gtype="MultiLineString",
                open_months=[7, 8, 9, 10],
                arctic=True,
            ),
            _link(
                "sea-long",
                "sea_lane",
                "sea",
                "port-a",
                "port-b",
                [
                    [[179.5, 66.0], [179.9, 64.0], [180.0, 64.0]],
                    [[-180.0, 64.0], [-179.6, 64.5], [-179.5, 66.2]],
                ],
                ["RU"],
                gtype="MultiLineString",
            ),
        ]
    )
    data["corridors"]["corridors"][0]["links"] = ["rail-west-east", "rail-east-cn"]
    data["parameters"] = {
        "parameters": {
            name: {"value": value, "unit": unit, "basis": "test", "note": "test", "sources": ["test-source"]}
            for name, (value, unit) in ROUTE_PARAMETERS.items()
        }
    }
    return data


def flow_dataset() -> dict[str, Any]:
    """A gas network with hand-computed flows (capacities in bcm/yr, design):

    A --pl-a-x 20--> X --pl-x-c 40, via bc-f (node capacity 30)--> C
    B --pl-b-x 25--> X --pl-x-d 10, expanded to 20 from 2021--> D
    A --pl-late 5, opened 2022-01-01--> D

    As of 2020, sources A and B, sinks C and D: 30 through bc-f plus 10 on pl-x-d = 40; the
    minimum cut is {bc-f, pl-x-d}. As of 2023: 45 into X (20 + 25) plus 5 on pl-late = 50; the
    cut moves to {pl-a-x, pl-b-x, pl-late}.
    """
    data = route_dataset()

    def cap(value, year):
        return {
            "commodity": "gas",
            "value": value,
            "unit": "bcm/yr",
            "basis": "design",
            "year": year,
            "sources": ["test-source"],
        }

    crossing = {
        "border": "CN-RU",
        "modes": ["pipeline"],
        "checkpoints": {"RU": {"name": "F", "name_ru": "Ф"}, "CN": {"name": "F", "name_zh": "F"}},
        "capacities": [cap(30, 2010)],
    }
    place = lambda fid, lon, c: _node(fid, "city", lon, 50.0, [c])  # noqa: E731
    data["places"]["features"] += [
        place("src-a", 120.0, "RU"),
        place("src-b", 120.0, "RU"),
        place("hub-x", 121.0, "RU"),
        place("sink-c", 123.0, "CN"),
        place("sink-d", 122.0, "RU"),
    ]
    data["places"]["features"][-4]["geometry"]["coordinates"] = [120.0, 50.5]  # src-b
    data["border_crossings"]["features"].append(
        _node("bc-f", "border_crossing", 122.0, 50.2, ["RU", "CN"], **crossing)
    )
    line = lambda *pts: [list(p) for p in pts]  # noqa: E731
    pipe = lambda fid, a, b, coords, caps, countries=("RU",), **kw: _link(  # noqa: E731
        fid,
        "gas_pipeline",
        "pipeline",
        a,
        b,
        coords,
        list(countries),
        directed=True,
        commodity="gas",
        capacities=caps,
        **kw,
    )
    data["pipelines"]["features"] += [
        pipe("pl-a-x", "src-a", "hub-x", line((120.0, 50.0), (121.0, 50.0)), [cap(20, 2015)]),
        pipe("pl-b-x", "src-b", "hub-x", line((120.0, 50.5), (121.0, 50.0)), [cap(25, 2015)]),
        pipe(
            "pl-x-c",
            "hub-x",
            "sink-c",
            line((121.0, 50.0), (122.0, 50.2), (123.0, 50.0)),
            [cap(40, 2015)],
            ("RU", "CN"),
            via=["bc-f"],
        ),
        pipe("pl-x-d", "hub-x", "sink-d", line((121.0, 50.0), (122.0, 50.0)), [cap(10, 2015), cap(20, 2021)]),
        pipe(
            "pl-late",
            "src-a",
            "sink-d",
            line((120.0, 50.0), (121.0, 49.8), (122.0, 50.0)),
            [cap(5, 2022)],
            opened="2022-01-01",
        ),
    ]
    return data

"""The validator: every class of error is caught, named clearly, and no file is changed."""

from __future__ import annotations

import json
import string
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fixtures_data import folder_digest, plan_files, tiny_dataset, write_dataset
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import corridormap
from corridormap.validation import parse_date


def _errors(problems: list[corridormap.Problem]) -> list[corridormap.Problem]:
    return [p for p in problems if p.severity == "error"]


def test_tiny_dataset_is_clean(make_dataset: Callable[[dict[str, Any]], Path]) -> None:
    folder = make_dataset(tiny_dataset())
    problems = corridormap.validate(folder)
    assert problems == []


def _props(data: dict[str, Any], layer: str, index: int = 0) -> dict[str, Any]:
    return data[layer]["features"][index]["properties"]


def _geom(data: dict[str, Any], layer: str, index: int = 0) -> dict[str, Any]:
    return data[layer]["features"][index]["geometry"]


# Each case: what is broken, how, and the file / feature / field / words the problem must name.
CASES: list[tuple[str, Callable[[dict[str, Any]], None], str, str, str, str]] = [
    (
        "geometry type",
        lambda d: _geom(d, "rail").update(type="Point", coordinates=[127.5, 50.2]),
        "rail.geojson",
        "rail-river",
        "geometry",
        "must be LineString",
    ),
    (
        "latitude out of range",
        lambda d: _geom(d, "places").update(coordinates=[127.5, 95.0]),
        "places.geojson",
        "north-town",
        "geometry",
        "out of range",
    ),
    (
        "lat/lon swapped beyond range",
        lambda d: _geom(d, "ports").update(coordinates=[43.1, 231.9]),
        "ports.geojson",
        "port-harbour",
        "geometry",
        "out of range",
    ),
    (
        "duplicate id across layers",
        lambda d: _props(d, "ports").update(id="north-town"),
        "ports.geojson",
        "north-town",
        "id",
        "duplicate id",
    ),
    (
        "id not a slug",
        lambda d: _props(d, "places").update(id="North Town"),
        "places.geojson",
        "#0",
        "id",
        "readable slug",
    ),
    (
        "id without layer prefix",
        lambda d: _props(d, "rail").update(id="river-line"),
        "rail.geojson",
        "river-line",
        "id",
        "start with 'rail-'",
    ),
    (
        "unknown link end",
        lambda d: _props(d, "rail").update(to="nowhere"),
        "rail.geojson",
        "rail-river",
        "to",
        "no such node",
    ),
    (
        "unknown via node",
        lambda d: _props(d, "rail").update(via=["bc-nowhere"]),
        "rail.geojson",
        "rail-river",
        "via[0]",
        "no such node",
    ),
    (
        "unknown source id",
        lambda d: _props(d, "places").update(sources=["nobody-2020"]),
        "places.geojson",
        "north-town",
        "sources[0]",
        "unknown source id",
    ),
    (
        "feature without sources",
        lambda d: _props(d, "places").update(sources=[]),
        "places.geojson",
        "north-town",
        "sources",
        "non-empty list",
    ),
    (
        "corridor member not a link",
        lambda d: d["corridors"]["corridors"][0].update(links=["rail-nowhere"]),
        "corridors.json",
        "river-corridor",
        "links[0]",
        "is not a link",
    ),
    (
        "link ends far from its node",
        lambda d: _geom(d, "rail")["coordinates"].__setitem__(-1, [127.0, 50.0]),
        "rail.geojson",
        "rail-river",
        "to",
        "km from node 'south-town'",
    ),
    (
        "via node far from the line",
        lambda d: _props(d, "rail").update(via=["bc-river", "east-cape"]),
        "rail.geojson",
        "rail-river",
        "via[1]",
        "passes",
    ),
    (
        "unknown status",
        lambda d: _props(d, "rail").update(status="open"),
        "rail.geojson",
        "rail-river",
        "status",
        "unknown status 'open'",
    ),
    (
        "unknown kind",
        lambda d: _props(d, "places").update(kind="metropolis"),
        "places.geojson",
        "north-town",
        "kind",
        "unknown kind",
    ),
    (
        "mode of another layer",
        lambda d: _props(d, "rail").update(mode="sea"),
        "rail.geojson",
        "rail-river",
        "mode",
        "does not belong",
    ),
    (
        "unknown commodity",
        lambda d: _props(d, "pipelines")["capacities"][0].update(commodity="unobtainium"),
        "pipelines.geojson",
        "pl-river",
        "capacities[0].commodity",
        "unknown commodity",
    ),
    (
        "unknown unit",
        lambda d: _props(d, "pipelines")["capacities"][0].update(unit="barrels of joy"),
        "pipelines.geojson",
        "pl-river",
        "capacities[0].unit",
        "unknown unit",
    ),
    (
        "unit that does not measure the commodity",
        lambda d: _props(d, "pipelines")["capacities"][0].update(unit="Mt/yr"),
        "pipelines.geojson",
        "pl-river",
        "capacities[0].unit",
        "does not measure gas",
    ),
    (
        "capacity that is not a rate",
        lambda d: _props(d, "pipelines")["capacities"][0].update(unit="bcm"),
        "pipelines.geojson",
        "pl-river",
        "capacities[0].unit",
        "not a rate",
    ),
    (
        "unknown basis",
        lambda d: _props(d, "pipelines")["capacities"][0].update(basis="rumour"),
        "pipelines.geojson",
        "pl-river",
        "capacities[0].basis",
        "unknown basis",
    ),
    (
        "incomplete capacity record",
        lambda d: _props(d, "pipelines")["capacities"][0].pop("unit"),
        "pipelines.geojson",
        "pl-river",
        "capacities[0]",
        "lacks unit",
    ),
    (
        "capacity without source",
        lambda d: _props(d, "pipelines")["capacities"][0].update(sources=[]),
        "pipelines.geojson",
        "pl-river",
        "capacities[0].sources",
        "non-empty list",
    ),
    (
        "not an ISO date",
        lambda d: _props(d, "rail").update(opened="Dec 2019"),
        "rail.geojson",
        "rail-river",
        "opened",
        "not an ISO 8601 date",
    ),
    (
        "impossible date",
        lambda d: _props(d, "rail").update(opened="2019-02-30"),
        "rail.geojson",
        "rail-river",
        "opened",
        "not an ISO 8601 date",
    ),
    (
        "operating without opening date",
        lambda d: _props(d, "rail").pop("opened"),
        "rail.geojson",
        "rail-river",
        "opened",
        "needs its opening date",
    ),
    (
        "planned with an opening date",
        lambda d: _props(d, "rail").update(status="planned"),
        "rail.geojson",
        "rail-river",
        "opened",
        "has not opened",
    ),
    (
        "bad gauge",
        lambda d: _props(d, "rail").update(gauge_mm=[1000]),
        "rail.geojson",
        "rail-river",
        "gauge_mm",
        "1520",
    ),
    (
        "bad open months",
        lambda d: _props(d, "sea_lanes").update(open_months=[0, 13]),
        "sea_lanes.geojson",
        "sea-dateline",
        "open_months",
        "months 1-12",
    ),
    (
        "pipeline not directed",
        lambda d: _props(d, "pipelines").update(directed=False),
        "pipelines.geojson",
        "pl-river",
        "directed",
        "flow one way",
    ),
    (
        "cross-border link without crossing",
        lambda d: _props(d, "rail").update(via=[]),
        "rail.geojson",
        "rail-river",
        "via",
        "passes no border crossing",
    ),
    (
        "stated length far from geodesic",
        lambda d: _props(d, "rail")["lengths"][0].update(value=35),
        "rail.geojson",
        "rail-river",
        "lengths[0]",
        "stated length 35.0 km but the line measures 3.",
    ),
    (
        "line drawn the long way round",
        lambda d: _geom(d, "sea_lanes").update(
            type="LineString", coordinates=[[179.5, 66.0], [-179.5, 66.2]]
        ),
        "sea_lanes.geojson",
        "sea-dateline",
        "geometry",
        "the long way round",
    ),
    (
        "parts that do not join at the antimeridian",
        lambda d: _geom(d, "sea_lanes")["coordinates"][1].__setitem__(0, [-180.0, 65.0]),
        "sea_lanes.geojson",
        "sea-dateline",
        "geometry",
        "part 0 ends at",
    ),
    (
        "crossing off the border",
        lambda d: (
            _geom(d, "border_crossings").update(coordinates=[127.9, 50.6])
            or _geom(d, "rail").update(coordinates=[[127.535, 50.257], [127.9, 50.6], [127.49, 50.245]])
            or _geom(d, "pipelines").update(coordinates=[[127.535, 50.257], [127.9, 50.6], [127.49, 50.245]])
            or _props(d, "rail").pop("lengths")
        ),
        "border_crossings.geojson",
        "bc-river",
        "geometry",
        "km from the China–Russia border",
    ),
    (
        "port inland",
        lambda d: _geom(d, "ports").update(coordinates=[131.95, 43.8]),
        "ports.geojson",
        "port-harbour",
        "geometry",
        "km from the coast",
    ),
    (
        "crossing without checkpoints",
        lambda d: _props(d, "border_crossings").pop("checkpoints"),
        "border_crossings.geojson",
        "bc-river",
        "checkpoints",
        "Russian and Chinese checkpoints",
    ),
    (
        "missing Chinese name",
        lambda d: _props(d, "places").update(name_zh=""),
        "places.geojson",
        "north-town",
        "name_zh",
        "missing or empty",
    ),
    (
        "parameter without basis",
        lambda d: d["parameters"]["parameters"]["speed.rail"].pop("basis"),
        "parameters.json",
        "speed.rail",
        "basis",
        "missing",
    ),
    (
        "parameter with unknown unit",
        lambda d: d["parameters"]["parameters"]["speed.rail"].update(unit="furlongs per fortnightly"),
        "parameters.json",
        "speed.rail",
        "unit",
        "unknown unit",
    ),
    (
        "source without url",
        lambda d: d["sources"]["sources"][0].update(url="ftp://x"),
        "sources.json",
        "test-source",
        "url",
        "not an http(s) URL",
    ),
    (
        "control character in a name",
        lambda d: _props(d, "places").update(name="North\x07Town"),
        "places.geojson",
        "north-town",
        "name",
        "control or invisible character U+0007",
    ),
    (
        "bidirectional override in a source title",
        lambda d: d["sources"]["sources"][0].update(title="A \u202etest source"),
        "sources.json",
        "test-source",
        "title",
        "character U+202E at position 2",
    ),
    (
        "C1 control in a capacity record's note",
        lambda d: _props(d, "pipelines")["capacities"][0].update(note="design\x85"),
        "pipelines.geojson",
        "pl-river",
        "capacities[0].note",
        "character U+0085",
    ),
    (
        "carriage return in a corridor name",
        lambda d: d["corridors"]["corridors"][0].update(name="River\rcorridor"),
        "corridors.json",
        "river-corridor",
        "name",
        "character U+000D",
    ),
    (
        "name longer than its limit",
        lambda d: _props(d, "places").update(name="N" * 301),
        "places.geojson",
        "north-town",
        "name",
        "301 characters long, more than the limit of 300",
    ),
    (
        "note longer than its limit",
        lambda d: _props(d, "rail").update(notes="n" * 10_001),
        "rail.geojson",
        "rail-river",
        "notes",
        "more than the limit of 10,000",
    ),
    (
        "url longer than its limit",
        lambda d: d["sources"]["sources"][0].update(url="https://example.org/" + "x" * 2_000),
        "sources.json",
        "test-source",
        "url",
        "more than the limit of 2,000",
    ),
    (
        "arctic written as a string",
        lambda d: _props(d, "sea_lanes").update(arctic="false"),
        "sea_lanes.geojson",
        "sea-dateline",
        "arctic",
        "must be true or false, got 'false'",
    ),
    (
        "directed written as a string",
        lambda d: _props(d, "rail").update(directed="no"),
        "rail.geojson",
        "rail-river",
        "directed",
        "must be true or false",
    ),
    (
        "electrified written as a number",
        lambda d: _props(d, "rail").update(electrified=1),
        "rail.geojson",
        "rail-river",
        "electrified",
        "must be true or false, got 1",
    ),
    (
        "gauge written as a string",
        lambda d: _props(d, "rail").update(gauge_mm=["1520"]),
        "rail.geojson",
        "rail-river",
        "gauge_mm",
        "got ['1520']",
    ),
    (
        "gauge written as a float",
        lambda d: _props(d, "rail").update(gauge_mm=[1520.0]),
        "rail.geojson",
        "rail-river",
        "gauge_mm",
        "got [1520.0]",
    ),
    (
        "open month written as a string",
        lambda d: _props(d, "sea_lanes").update(open_months=["7", 8]),
        "sea_lanes.geojson",
        "sea-dateline",
        "open_months",
        "months 1-12",
    ),
    (
        "tracks not a whole number",
        lambda d: _props(d, "rail").update(tracks=1.5),
        "rail.geojson",
        "rail-river",
        "tracks",
        "a whole number of tracks > 0",
    ),
    (
        "line speed of zero",
        lambda d: _props(d, "rail").update(speed_kmh=0),
        "rail.geojson",
        "rail-river",
        "speed_kmh",
        "must be a number > 0",
    ),
    (
        "capacity of zero",
        lambda d: _props(d, "pipelines")["capacities"][0].update(value=0),
        "pipelines.geojson",
        "pl-river",
        "capacities[0].value",
        "must be a number > 0",
    ),
    (
        "capacity that is infinite",
        lambda d: _props(d, "pipelines")["capacities"][0].update(value=float("inf")),
        "pipelines.geojson",
        "pl-river",
        "capacities[0].value",
        "must be a number > 0",
    ),
    (
        "capacity year written as a string",
        lambda d: _props(d, "pipelines")["capacities"][0].update(year="2019"),
        "pipelines.geojson",
        "pl-river",
        "capacities[0].year",
        "whole number from 1800 to 2100",
    ),
    (
        "capacity unit that is a list",
        lambda d: _props(d, "pipelines")["capacities"][0].update(unit=["bcm/yr"]),
        "pipelines.geojson",
        "pl-river",
        "capacities[0].unit",
        "a unit is a string, got ['bcm/yr']",
    ),
    (
        "figure unit that is an object",
        lambda d: d["corridors"]["corridors"][0]["figures"][0].update(unit={"Mt": 1}),
        "corridors.json",
        "river-corridor",
        "figures[0].unit",
        "a unit is a string",
    ),
    (
        "length unit that is a list",
        lambda d: _props(d, "rail")["lengths"][0].update(unit=["km"]),
        "rail.geojson",
        "rail-river",
        "lengths[0].unit",
        "a unit is a string",
    ),
    (
        "capacity unit outside the vocabulary",
        lambda d: _props(d, "pipelines")["capacities"][0].update(commodity="oil", unit="Mtons/yr"),
        "pipelines.geojson",
        "pl-river",
        "capacities[0].unit",
        "unknown unit 'Mtons/yr' for this record",
    ),
    (
        "figure unit outside the vocabulary",
        lambda d: d["corridors"]["corridors"][0]["figures"][0].update(unit="Mtons"),
        "corridors.json",
        "river-corridor",
        "figures[0].unit",
        "unknown unit 'Mtons' for this record",
    ),
    (
        "length unit outside the vocabulary",
        lambda d: _props(d, "rail")["lengths"][0].update(unit="mi"),
        "rail.geojson",
        "rail-river",
        "lengths[0].unit",
        "unknown unit 'mi' for this record",
    ),
    (
        "3-D position in a line",
        lambda d: _geom(d, "rail")["coordinates"].__setitem__(1, [127.51, 50.25, 120.0]),
        "rail.geojson",
        "rail-river",
        "geometry",
        "every position must be a [lon, lat] pair",
    ),
    (
        "position written as strings",
        lambda d: _geom(d, "pipelines")["coordinates"].__setitem__(1, ["127.51", "50.25"]),
        "pipelines.geojson",
        "pl-river",
        "geometry",
        "coordinates are malformed",
    ),
    (
        "3-D point",
        lambda d: _geom(d, "places").update(coordinates=[127.535, 50.257, 0.0]),
        "places.geojson",
        "north-town",
        "geometry",
        "coordinates are malformed",
    ),
    (
        "via nodes out of order along the line",
        lambda d: _props(d, "rail").update(via=["south-town", "bc-river"]),
        "rail.geojson",
        "rail-river",
        "via[1]",
        "'bc-river' lies before 'south-town' along the line",
    ),
    (
        "decommissioned without a closing date",
        lambda d: _props(d, "rail").update(status="decommissioned"),
        "rail.geojson",
        "rail-river",
        "closed",
        "needs its closing date",
    ),
    (
        "closed before it opened",
        lambda d: _props(d, "rail").update(status="decommissioned", closed="2010"),
        "rail.geojson",
        "rail-river",
        "closed",
        "closes before it opened",
    ),
    (
        "operating with a closing date",
        lambda d: _props(d, "rail").update(closed="2024"),
        "rail.geojson",
        "rail-river",
        "closed",
        "an operating feature has no closing date",
    ),
    (
        "expected date on an operating feature",
        lambda d: _props(d, "rail").update(expected="2030"),
        "rail.geojson",
        "rail-river",
        "expected",
        "is for what is not yet open",
    ),
    (
        "required travel parameter missing",
        lambda d: d["parameters"]["parameters"].pop("speed.road"),
        "parameters.json",
        "speed.road",
        "-",
        "the transport graph needs 'speed.road'",
    ),
    (
        "speed of zero",
        lambda d: d["parameters"]["parameters"]["speed.rail"].update(value=0),
        "parameters.json",
        "speed.rail",
        "value",
        "must be > 0, got 0",
    ),
    (
        "time below zero",
        lambda d: d["parameters"]["parameters"]["time.ferry_crossing"].update(value=-0.5),
        "parameters.json",
        "time.ferry_crossing",
        "value",
        "must be > 0",
    ),
    (
        "dwell below zero",
        lambda d: d["parameters"]["parameters"]["dwell.border_rail"].update(value=-1),
        "parameters.json",
        "dwell.border_rail",
        "value",
        "must be >= 0",
    ),
    (
        "speed in a unit that is not a speed",
        lambda d: d["parameters"]["parameters"]["speed.rail"].update(unit="h"),
        "parameters.json",
        "speed.rail",
        "unit",
        "cannot be converted to km/h",
    ),
    (
        "speed given as a list",
        lambda d: d["parameters"]["parameters"]["speed.rail"].update(value=[40, 50]),
        "parameters.json",
        "speed.rail",
        "value",
        "must be one number",
    ),
    (
        "season with months out of range",
        lambda d: d["parameters"]["parameters"].update(
            {"season.nsr": {**d["parameters"]["parameters"]["speed.rail"], "value": [0, 13], "unit": "month"}}
        ),
        "parameters.json",
        "season.nsr",
        "value",
        "distinct months 1-12",
    ),
    (
        "source without quality",
        lambda d: d["sources"]["sources"][0].pop("quality"),
        "sources.json",
        "test-source",
        "quality",
        "unknown or missing quality None",
    ),
    (
        "source with an unknown quality",
        lambda d: d["sources"]["sources"][0].update(quality="blog"),
        "sources.json",
        "test-source",
        "quality",
        "unknown or missing quality 'blog'",
    ),
    (
        "source on a mirror site",
        lambda d: d["sources"]["sources"][0].update(url="https://www.wikiwand.com/en/Amur"),
        "sources.json",
        "test-source",
        "url",
        "wikiwand.com is a mirror or content farm",
    ),
    (
        "source on a mirror's language subdomain",
        lambda d: d["sources"]["sources"][0].update(url="https://RU.Wiki-Org.RU/wiki/x"),
        "sources.json",
        "test-source",
        "url",
        "wiki-org.ru is a mirror",
    ),
    # Issue 10: reposts are rejected like Wikipedia copies. A Dzen digest of a Kommersant story
    # and tpub's page of CRREL Report 96-3 were cited until the originals replaced them.
    (
        "source on a news-digest site",
        lambda d: d["sources"]["sources"][0].update(url="https://dzen.ru/news/story/8092675b-3cd4"),
        "sources.json",
        "test-source",
        "url",
        "dzen.ru is a mirror or content farm",
    ),
    (
        "source on a reprint site's subdomain",
        lambda d: d["sources"]["sources"][0].update(
            url="https://coldregionsresearch.tpub.com/CR96_03/CR96_030013.htm"
        ),
        "sources.json",
        "test-source",
        "url",
        "tpub.com is a mirror",
    ),
    (
        "source on a newspaper-kiosk copy",
        lambda d: d["sources"]["sources"][0].update(
            url="http://www.pressreader.com/russia/vedomostipiter/20170804/281797104079913"
        ),
        "sources.json",
        "test-source",
        "url",
        "pressreader.com is a mirror",
    ),
    (
        "traced line more than 5% from its stated length",
        lambda d: _props(d, "rail")["lengths"][0].update(value=3.9),
        "rail.geojson",
        "rail-river",
        "lengths[0]",
        "more than ±5% for traced geometry",
    ),
    (
        "approximate line more than 30% from its stated length",
        lambda d: (
            _props(d, "rail").update(geometry_quality="approximate")
            or _props(d, "rail")["lengths"][0].update(value=5.5)
        ),
        "rail.geojson",
        "rail-river",
        "lengths[0]",
        "more than ±30% even for approximate geometry",
    ),
    (
        "unknown rail traffic",
        lambda d: _props(d, "rail").update(traffic="cargo"),
        "rail.geojson",
        "rail-river",
        "traffic",
        "unknown traffic 'cargo'",
    ),
    (
        "traffic on a pipeline",
        lambda d: _props(d, "pipelines").update(traffic="freight"),
        "pipelines.geojson",
        "pl-river",
        "traffic",
        "only railway links",
    ),
    (
        "unknown passage",
        lambda d: _props(d, "sea_lanes").update(passage="northwest_passage"),
        "sea_lanes.geojson",
        "sea-dateline",
        "passage",
        "unknown passage 'northwest_passage'",
    ),
    (
        "passage on a railway",
        lambda d: _props(d, "rail").update(passage="suez"),
        "rail.geojson",
        "rail-river",
        "passage",
        "only sea lanes",
    ),
    (
        "geometry source without licence",
        lambda d: _props(d, "pipelines").update(geometry_source={"dataset": "GEM"}),
        "pipelines.geojson",
        "pl-river",
        "geometry_source.licence",
        "lacks 'licence'",
    ),
    (
        "geometry source not an object",
        lambda d: _props(d, "rail").update(geometry_source="OSM"),
        "rail.geojson",
        "rail-river",
        "geometry_source",
        "must be an object",
    ),
    (
        "source title longer than its limit",
        lambda d: d["sources"]["sources"][0].update(title="T" * 1_001),
        "sources.json",
        "test-source",
        "title",
        "more than the limit of 1,000",
    ),
    (
        "pipe diameter written as a string",
        lambda d: _props(d, "pipelines").update(diameter_mm="1420"),
        "pipelines.geojson",
        "pl-river",
        "diameter_mm",
        "a whole number of mm > 0",
    ),
    (
        "source url without a host",
        lambda d: d["sources"]["sources"][0].update(url="https:///wiki/Amur"),
        "sources.json",
        "test-source",
        "url",
        "URL has no host",
    ),
    (
        "computed growth that does not follow from the volumes",
        lambda d: d["trade"][1].update(growth_computed_pct="12.0"),
        "trade.csv",
        "2022",
        "growth_computed_pct",
        "should be 10.0",
    ),
    (
        "official volume without its source",
        lambda d: _official(d, ("105", "", "test-source"), ("120", "14.3", "")),
        "trade.csv",
        "2022",
        "official_source",
        "needs its source",
    ),
    (
        "official volume from an unregistered source",
        lambda d: _official(d, ("105", "", "test-source"), ("120", "14.3", "test-source;gacc-nowhere")),
        "trade.csv",
        "2022",
        "official_source[1]",
        "unknown source id 'gacc-nowhere'",
    ),
    (
        "official growth without an official volume",
        lambda d: _official(d, ("", "", ""), ("", "14.3", "test-source")),
        "trade.csv",
        "2022",
        "official_trade_100m_usd",
        "without an official volume",
    ),
    (
        "official volume not a number",
        lambda d: _official(d, ("105", "", "test-source"), ("about 120", "", "test-source")),
        "trade.csv",
        "2022",
        "official_trade_100m_usd",
        "not a number",
    ),
]


def _official(data: dict[str, Any], *rows: tuple[str, str, str]) -> None:
    """Give each row of the tiny trade table an official volume, growth and source."""
    for row, (value, growth, source) in zip(data["trade"], rows, strict=True):
        row.update(official_trade_100m_usd=value, official_growth_pct=growth, official_source=source)


def _plan(d: dict[str, Any]) -> dict[str, Any]:
    """Add the valid plan files to a dataset and return its plan, to break."""
    d.update(plan_files())
    plan: dict[str, Any] = d["plans"]["plans"][0]
    return plan


def _event(d: dict[str, Any]) -> dict[str, Any]:
    """Add the valid plan files to a dataset and return its event, to break."""
    d.update(plan_files())
    event: dict[str, Any] = d["events"]["events"][0]
    return event


# plans.json and events.json (issue 16): the same shape of case.
CASES += [
    (
        "plans.json not a list of plans",
        lambda d: d.update(plans={"plan": []}, events={"events": []}),
        "plans.json",
        "-",
        "plans",
        "must be an object with a list 'plans'",
    ),
    (
        "plan without its Chinese name",
        lambda d: _plan(d).pop("name_zh"),
        "plans.json",
        "plan-test",
        "name_zh",
        "missing or empty",
    ),
    (
        "plan that ends before it starts",
        lambda d: _plan(d).update(start="2024", end="2018"),
        "plans.json",
        "plan-test",
        "end",
        "before it starts",
    ),
    (
        "commitment on an unknown feature",
        lambda d: _plan(d)["commitments"][0].update(features=["pl-nowhere"]),
        "plans.json",
        "plan-test/c-gas",
        "features[0]",
        "'pl-nowhere' is not a feature, corridor or plan id",
    ),
    (
        "commitment on no feature",
        lambda d: _plan(d)["commitments"][0].update(features=[]),
        "plans.json",
        "plan-test/c-gas",
        "features",
        "must be a non-empty list",
    ),
    (
        "commitment of an unknown kind",
        lambda d: _plan(d)["commitments"][0]["quantity"].update(kind="promise"),
        "plans.json",
        "plan-test/c-gas",
        "quantity.kind",
        "unknown kind 'promise'",
    ),
    (
        "capacity commitment in an amount, not a rate",
        lambda d: _plan(d)["commitments"][0]["quantity"].update(unit="bcm"),
        "plans.json",
        "plan-test/c-gas",
        "quantity.unit",
        "unknown unit 'bcm'",
    ),
    (
        "capacity commitment without a value",
        lambda d: _plan(d)["commitments"][0]["quantity"].pop("value"),
        "plans.json",
        "plan-test/c-gas",
        "quantity.value",
        "must be a number > 0",
    ),
    (
        "capacity commitment without a commodity",
        lambda d: _plan(d)["commitments"][0]["quantity"].pop("commodity"),
        "plans.json",
        "plan-test/c-gas",
        "quantity.commodity",
        "needs its commodity",
    ),
    (
        "volume commitment without its metric",
        lambda d: _plan(d)["commitments"][0]["quantity"].update(kind="volume", unit="bcm"),
        "plans.json",
        "plan-test/c-gas",
        "quantity.metric",
        "names the figure metric",
    ),
    (
        "opening commitment with a date in words",
        lambda d: _plan(d)["commitments"][1]["quantity"].update(date="June 2022"),
        "plans.json",
        "plan-test/c-open",
        "quantity.date",
        "not an ISO 8601 date",
    ),
    (
        "commitment without a target date",
        lambda d: _plan(d)["commitments"][0].pop("target_date"),
        "plans.json",
        "plan-test/c-gas",
        "target_date",
        "not an ISO 8601 date",
    ),
    (
        "commitment citing an unknown source",
        lambda d: _plan(d)["commitments"][0].update(sources=["nobody-said"]),
        "plans.json",
        "plan-test/c-gas",
        "sources[0]",
        "unknown source id",
    ),
    (
        "duplicate commitment id",
        lambda d: _plan(d)["commitments"][1].update(id="c-gas"),
        "plans.json",
        "plan-test",
        "commitments[1].id",
        "duplicate commitment id",
    ),
    (
        "event date in words",
        lambda d: _event(d).update(date="25 November 2024"),
        "events.json",
        "ev-one",
        "date",
        "not an ISO 8601 date",
    ),
    (
        "event of an unknown kind",
        lambda d: _event(d).update(kind="party"),
        "events.json",
        "ev-one",
        "kind",
        "unknown kind 'party'",
    ),
    (
        "event without its Russian title",
        lambda d: _event(d).update(title_ru=" "),
        "events.json",
        "ev-one",
        "title_ru",
        "missing or empty",
    ),
    (
        "event concerning an unknown id",
        lambda d: _event(d).update(concerns=["bridge-nowhere"]),
        "events.json",
        "ev-one",
        "concerns[0]",
        "'bridge-nowhere' is not a feature, corridor or plan id",
    ),
    (
        "event without sources",
        lambda d: _event(d).update(sources=[]),
        "events.json",
        "ev-one",
        "sources",
        "needs a non-empty list of source ids",
    ),
    (
        "event id that a feature has",
        lambda d: _event(d).update(id="pl-river"),
        "events.json",
        "pl-river",
        "id",
        "duplicate id (also in pipelines.geojson)",
    ),
]


@pytest.mark.parametrize(
    ("what", "mutate", "file", "feature", "field", "words"), CASES, ids=[c[0] for c in CASES]
)
def test_each_error_class_is_reported(
    make_dataset: Callable[[dict[str, Any]], Path],
    what: str,
    mutate: Callable[[dict[str, Any]], None],
    file: str,
    feature: str,
    field: str,
    words: str,
) -> None:
    data = tiny_dataset()
    mutate(data)
    folder = make_dataset(data)
    before = folder_digest(folder)
    problems = _errors(corridormap.validate(folder))
    assert folder_digest(folder) == before, "the validator changed a file"
    matching = [
        p
        for p in problems
        if p.file == file and p.feature == feature and p.field == field and words in p.message
    ]
    assert matching, f"{what}: expected {file}: {feature}: {field}: ...{words}...; got:\n" + "\n".join(
        map(str, problems)
    )
    assert all(p.fix for p in problems), "every error says what to do"


def test_plan_files_are_optional_and_checked_when_present(
    make_dataset: Callable[[dict[str, Any]], Path],
) -> None:
    data = tiny_dataset()
    assert corridormap.validate(make_dataset(data)) == []  # without plans.json and events.json
    data.update(plan_files())
    assert corridormap.validate(make_dataset(data)) == []


def test_events_out_of_date_order_are_a_warning(make_dataset: Callable[[dict[str, Any]], Path]) -> None:
    data = tiny_dataset()
    data.update(plan_files())
    later = dict(data["events"]["events"][0], id="ev-two", date="2025")
    earlier = dict(data["events"]["events"][0], id="ev-three", date="2024-05")
    data["events"]["events"] += [later, earlier]
    problems = corridormap.validate(make_dataset(data))
    assert [(p.severity, p.feature, p.field) for p in problems] == [("warning", "ev-three", "date")]


def test_new_terms_are_accepted(make_dataset: Callable[[dict[str, Any]], Path]) -> None:
    data = tiny_dataset()
    _props(data, "rail").update(traffic="mixed", electrified=True, tracks=2)
    _props(data, "sea_lanes").update(passage="bering_strait")
    _props(data, "pipelines").update(geometry_source={"dataset": "GEM GGIT routes", "licence": "CC BY 4.0"})
    _props(data, "pipelines")["capacities"][0].update(basis="nameplate")
    _props(data, "pipelines")["figures"] = [
        {
            "metric": "throughput",
            "value": 22.7,
            "unit": "bcm",
            "basis": "actual",
            "year": 2023,
            "sources": ["test-source"],
        }
    ]
    assert _errors(corridormap.validate(make_dataset(data))) == []


def test_length_gap_explained_by_a_claim_is_a_warning(make_dataset: Callable[[dict[str, Any]], Path]) -> None:
    data = tiny_dataset()
    _props(data, "rail")["lengths"][0].update(value=3.9)
    note = "the stated length runs from the old station"
    _props(data, "rail")["claims"] = [
        {"field": "length_km", "value": 3.9, "explains": [3.9], "sources": ["test-source"], "note": note}
    ]
    problems = corridormap.validate(make_dataset(data))
    assert _errors(problems) == []
    assert [(p.feature, p.field) for p in problems if note in p.message] == [("rail-river", "lengths[0]")]


def test_a_length_claim_explains_only_the_records_it_names(
    make_dataset: Callable[[dict[str, Any]], Path],
) -> None:
    # the line measures 3.5 km: 3.9 and 4.2 km are more than 5 % off it
    data = tiny_dataset()
    rail = _props(data, "rail")
    rail["lengths"] += [
        {"value": 3.9, "unit": "km", "basis": "stated", "sources": ["test-source"]},
        {"value": 4.2, "unit": "km", "basis": "stated", "sources": ["test-source"]},
    ]
    rail["claims"] = [
        {
            "field": "lengths",
            "value": 3.9,
            "explains": [3.9],
            "sources": ["test-source"],
            "note": "old station",
        },
        {"field": "length_km", "value": 1800, "sources": ["test-source"], "note": "whole system"},
    ]
    problems = corridormap.validate(make_dataset(data))
    assert [(p.field, "4.2 km" in p.message) for p in _errors(problems)] == [("lengths[2]", True)]
    assert [p.field for p in problems if "old station" in p.message] == ["lengths[1]"]


def test_a_claim_that_explains_no_stated_length_is_an_error(
    make_dataset: Callable[[dict[str, Any]], Path],
) -> None:
    data = tiny_dataset()
    _props(data, "rail")["claims"] = [
        {"field": "lengths", "value": 3.9, "explains": [3.9], "sources": ["test-source"], "note": "x"}
    ]
    errors = _errors(corridormap.validate(make_dataset(data)))
    assert [(e.field, "3.9" in e.message) for e in errors] == [("claims[0].explains", True)]
    _props(data, "rail")["claims"][0]["explains"] = "3.5"
    errors = _errors(corridormap.validate(make_dataset(data)))
    assert [e.field for e in errors] == ["claims[0].explains"]


def test_a_derived_link_is_measured_along_the_track(make_dataset: Callable[[dict[str, Any]], Path]) -> None:
    # drawn through a generalised network's nodes, the line (3.5 km) cuts the track's curves;
    # the network's edge lengths (network_length_km) measure the track and routing uses them
    data = tiny_dataset()
    rail = _props(data, "rail")
    rail["lengths"][0].update(value=3.9)
    rail["geometry_source"] = {"dataset": "network", "licence": "ODbL-1.0", "network_length_km": 3.8}
    assert _errors(corridormap.validate(make_dataset(data))) == []
    rail["lengths"][0].update(value=3.5)
    rail["geometry_source"]["network_length_km"] = 4.5
    errors = _errors(corridormap.validate(make_dataset(data)))
    assert [(e.field, "4.5 km along the track (drawn 3.5 km)" in e.message) for e in errors] == [
        ("lengths[0]", True)
    ]
    rail["geometry_source"]["network_length_km"] = 0
    errors = _errors(corridormap.validate(make_dataset(data)))
    assert [e.field for e in errors] == ["geometry_source.network_length_km"]


@pytest.mark.parametrize(
    ("url", "mirror"),
    [
        ("https://wikiwand.com/en/Amur", "wikiwand.com"),
        ("https://www.wikiwand.com/en/Amur", "wikiwand.com"),
        ("http://ru.perceptiode.com:8080/x", "perceptiode.com"),
        ("https://notwikiwand.com/x", None),
        ("https://wikiwand.com.example.org/x", None),
        ("https://ru.wikipedia.org/wiki/Amur", None),
        ("https://www.sott.net/article/495312-Arctic-Shipping", "sott.net"),
        ("https://news.rambler.ua/asia/35216846-kitay", "rambler.ua"),
        ("https://gcaptain.com/early-winter-ice-halts-arctic-shipping-traffic/", None),
        ("https://tass.com/economy/1593671", None),
        # News.mail.ru reposts TASS, RIA and regional papers (news.mail.ru/society/69948171 is TASS's
        # 26 Feb 2026 report); the host is barred, not mail.ru as a whole.
        ("https://news.mail.ru/society/69948171/", "news.mail.ru"),
        ("https://mail.ru/", None),
        ("https://1prime.ru/20260313/stroitelstvo-868264579.html", None),
        # Issue 10, second pass: copy sites and reposts the registry cited until the originals (or
        # nothing) replaced them. PressReader's kiosk copy of China Daily and Vedomosti, MarketScreener's
        # translations of Reuters, Sina's MSN feed of a MOFCOM relay, zakonbase's copy of 132-FZ.
        ("https://www.pressreader.com/hong-kong/china-daily/20170406/282166471033274", "pressreader.com"),
        ("https://it.marketscreener.com/quotazioni/azione/TRANSNEFT-13491337/", "marketscreener.com"),
        ("http://msn.finance.sina.com.cn/gdxw/20110909/1340292470.html", "msn.finance.sina.com.cn"),
        ("https://finance.sina.com.cn/x.shtml", None),
        ("https://zakonbase.ru/content/part/1215885?print=1", "zakonbase.ru"),
        ("http://75.rodina.news/filial-transkonteinera-zabaikalske.htm", "rodina.news"),
        ("https://stonelgs.ru/press-centr/news-250106/", "stonelgs.ru"),
        ("https://www.interfax.ru/business/1053296", None),
    ],
)
def test_mirror_domain_matches_the_host_or_its_parents(url: str, mirror: str | None) -> None:
    from corridormap.validation.references import mirror_domain

    assert mirror_domain(url) == mirror


def _write(name: str, text: str) -> Callable[[Path, pytest.MonkeyPatch], None]:
    return lambda folder, _: (folder / name).write_text(text, encoding="utf-8") and None


def _limit_file_bytes(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(corridormap.settings, "max_file_bytes", 1_000)


# Each case: how a file is broken on disk, and the file / feature / field / words the problem names.
READ_CASES: list[tuple[str, Callable[[Path, pytest.MonkeyPatch], None], str, str, str, str]] = [
    (
        "JSON nested deeper than Python can parse",
        _write("rail.geojson", "[" * 100_000 + "]" * 100_000),
        "rail.geojson",
        "-",
        "-",
        "nested too deep to read",
    ),
    (
        "JSON nested deeper than the limit",
        _write("roads.geojson", '{"type": "FeatureCollection", "features": ' + "[" * 70 + "]" * 70 + "}"),
        "roads.geojson",
        "-",
        "-",
        "nested more than 64 levels deep",
    ),
    (
        "file larger than the limit",
        _limit_file_bytes,
        "places.geojson",
        "-",
        "-",
        "more than the limit of 1,000",
    ),
    (
        "lone surrogate in a name",
        _write(
            "places.geojson",
            '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
            '{"id": "x", "name": "\\ud800"}, "geometry": null}]}',
        ),
        "places.geojson",
        "-",
        "-",
        "text at features[0].properties.name holds a lone surrogate",
    ),
]


@pytest.mark.parametrize(
    ("what", "damage", "file", "feature", "field", "words"), READ_CASES, ids=[c[0] for c in READ_CASES]
)
def test_each_unreadable_file_is_reported(
    make_dataset: Callable[[dict[str, Any]], Path],
    monkeypatch: pytest.MonkeyPatch,
    what: str,
    damage: Callable[[Path, pytest.MonkeyPatch], None],
    file: str,
    feature: str,
    field: str,
    words: str,
) -> None:
    folder = make_dataset(tiny_dataset())
    damage(folder, monkeypatch)
    before = folder_digest(folder)
    problems = _errors(corridormap.validate(folder))
    assert folder_digest(folder) == before, "the validator changed a file"
    matching = [
        p
        for p in problems
        if p.file == file and p.feature == feature and p.field == field and words in p.message
    ]
    assert matching, f"{what}: expected {file}: {feature}: {field}: ...{words}...; got:\n" + "\n".join(
        map(str, problems)
    )
    assert all(p.fix for p in problems), "every error says what to do"


def test_malformed_json_names_line_and_column(make_dataset: Callable[[dict[str, Any]], Path]) -> None:
    folder = make_dataset(tiny_dataset())
    (folder / "rail.geojson").write_text('{"type": "FeatureCollection", "features": [}', encoding="utf-8")
    before = folder_digest(folder)
    problems = _errors(corridormap.validate(folder))
    assert folder_digest(folder) == before
    assert [(p.file, p.field) for p in problems if "not well-formed JSON" in p.message] == [
        ("rail.geojson", "line 1 column 44")
    ]


def test_missing_file_is_reported(make_dataset: Callable[[dict[str, Any]], Path]) -> None:
    folder = make_dataset(tiny_dataset())
    (folder / "roads.geojson").unlink()
    problems = _errors(corridormap.validate(folder))
    assert [(p.file, p.message) for p in problems] == [("roads.geojson", "file is missing")]


def test_missing_folder_raises_read_error(tmp_path: Path) -> None:
    with pytest.raises(corridormap.DataReadError, match="does not exist"):
        corridormap.validate(tmp_path / "absent")


def test_all_problems_are_gathered_at_once(make_dataset: Callable[[dict[str, Any]], Path]) -> None:
    data = tiny_dataset()
    _props(data, "rail").update(status="open")
    _props(data, "places").update(kind="metropolis")
    _props(data, "pipelines")["capacities"][0].update(unit="barrels of joy")
    problems = _errors(corridormap.validate(make_dataset(data)))
    assert {p.field for p in problems} >= {"status", "kind", "capacities[0].unit"}


def test_disagreeing_growth_rates_are_warnings_not_errors(
    make_dataset: Callable[[dict[str, Any]], Path],
) -> None:
    data = tiny_dataset()
    data["trade"][1]["growth_stated_pct"] = "4.9"  # the volumes say 10.0
    problems = corridormap.validate(make_dataset(data))
    assert _errors(problems) == []
    warnings = [p for p in problems if p.file == "trade.csv"]
    assert len(warnings) == 1 and "4.9% differs from 10.0%" in warnings[0].message


def test_official_figures_are_kept_beside_the_sources(make_dataset: Callable[[dict[str, Any]], Path]) -> None:
    data = tiny_dataset()
    _official(data, ("105", "", "test-source"), ("120", "14.3", "test-source"))  # 120 / 105: +14.3%
    ds = corridormap.load(make_dataset(data))
    trade = ds.trade.set_index("year")
    assert trade.loc[2022, "trade_100m_usd"] == 110 and trade.loc[2022, "official_trade_100m_usd"] == 120
    assert [w for w in ds.warnings if w.file == "trade.csv"] == []
    # an official growth rate that the official volumes do not give is a warning, kept as published
    _official(data, ("105", "", "test-source"), ("120", "26.3", "test-source"))
    problems = corridormap.validate(make_dataset(data))
    assert _errors(problems) == []
    warnings = [p for p in problems if p.file == "trade.csv"]
    assert [w.field for w in warnings] == ["official_growth_pct"] and "26.3% differs from 14.3%" in warnings[
        0
    ].message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022", (2022, 1, 1)),
        ("2022-06", (2022, 6, 1)),
        ("2022-06-10", (2022, 6, 10)),
        ("2022-6-10", None),
        ("10.06.2022", None),
        ("2022-13", None),
        (2022, None),
    ],
)
def test_parse_date_precision(text: Any, expected: tuple[int, int, int] | None) -> None:
    parsed = parse_date(text)
    assert (parsed.timetuple()[:3] if parsed else None) == expected


# -- fuzzing: arbitrary JSON in any file never crashes the validator -----------------------------

_json = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True)
    | st.text(string.printable, max_size=8),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(string.ascii_lowercase, max_size=6), children, max_size=4)
    ),
    max_leaves=20,
)
_keys = st.sampled_from(
    [
        "id",
        "name",
        "kind",
        "status",
        "opened",
        "expected",
        "from",
        "to",
        "via",
        "mode",
        "capacities",
        "lengths",
        "countries",
        "sources",
        "gauge_mm",
        "open_months",
        "checkpoints",
        "modes",
        "figures",
        "claims",
        "geometry_quality",
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    layer=st.sampled_from(["places", "rail", "border_crossings", "pipelines", "sea_lanes"]),
    key=_keys,
    value=_json,
    geometry=st.one_of(st.none(), _json),
)
def test_fuzzed_properties_never_crash(
    tmp_path_factory: pytest.TempPathFactory, layer: str, key: str, value: Any, geometry: Any
) -> None:
    data = tiny_dataset()
    _props(data, layer)[key] = value
    if geometry is not None:
        data[layer]["features"][0]["geometry"] = geometry
    folder = write_dataset(tmp_path_factory.mktemp("fuzz"), data)
    problems = corridormap.validate(folder, geography=False)
    assert all(isinstance(p, corridormap.Problem) for p in problems)


@settings(max_examples=40, deadline=None)
@given(doc=_json, name=st.sampled_from(["rail.geojson", "sources.json", "corridors.json", "parameters.json"]))
def test_fuzzed_whole_files_never_crash(
    tmp_path_factory: pytest.TempPathFactory, doc: Any, name: str
) -> None:
    folder = write_dataset(tmp_path_factory.mktemp("fuzz"), tiny_dataset())
    (folder / name).write_text(json.dumps(doc), encoding="utf-8")
    problems = corridormap.validate(folder, geography=False)
    assert _errors(problems), "a file replaced by arbitrary JSON is an error"


# -- fuzzing: any text in any text field is reported, never a crash ------------------------------

_PIECES = [
    "\x00",
    "\x07",
    "\r",
    "\x7f",
    "\x85",
    "\u202e",
    "\u2066",
    "\ud800",
    "\udfff",
    "{{ x }}",
    "</script>",
]
_BAD_PIECES = set(_PIECES[:9])
_text = st.lists(st.sampled_from(_PIECES) | st.text(max_size=6), max_size=6).map("".join)

#: Where a text field sits in the tiny dataset: the data key, and a function to the object and key.
_TEXT_FIELDS: list[tuple[str, Callable[[dict[str, Any]], tuple[Any, Any]]]] = [
    ("places", lambda d: (_props(d, "places"), "name")),
    ("places", lambda d: (_props(d, "places"), "name_ru")),
    ("places", lambda d: (_props(d, "places"), "name_zh")),
    ("places", lambda d: (_props(d, "places"), "notes")),
    ("border_crossings", lambda d: (_props(d, "border_crossings")["checkpoints"]["RU"], "name")),
    ("rail", lambda d: (_props(d, "rail"), "aliases")),
    ("rail", lambda d: (_props(d, "rail")["lengths"][0], "note")),
    ("pipelines", lambda d: (_props(d, "pipelines")["capacities"][0], "note")),
    ("sources", lambda d: (d["sources"]["sources"][0], "title")),
    ("sources", lambda d: (d["sources"]["sources"][0], "publisher")),
    ("sources", lambda d: (d["sources"]["sources"][0], "url")),
    ("corridors", lambda d: (d["corridors"]["corridors"][0], "name")),
    ("corridors", lambda d: (d["corridors"]["corridors"][0]["figures"][0], "note")),
    ("parameters", lambda d: (d["parameters"]["parameters"]["speed.rail"], "note")),
]


@settings(max_examples=80, deadline=None)
@given(field=st.sampled_from(range(len(_TEXT_FIELDS))), text=_text)
def test_any_text_in_any_field_is_reported_never_raised(
    tmp_path_factory: pytest.TempPathFactory, field: int, text: str
) -> None:
    data = tiny_dataset()
    key, where = _TEXT_FIELDS[field]
    folder = write_dataset(tmp_path_factory.mktemp("text"), data)
    obj, name = where(data)
    obj[name] = [text] if name == "aliases" else text
    suffix = ".json" if key in {"sources", "corridors", "parameters"} else ".geojson"
    (folder / f"{key}{suffix}").write_text(json.dumps(data[key]), encoding="utf-8")  # \\u escapes
    problems = corridormap.validate(folder, geography=False)
    assert all(isinstance(p, corridormap.Problem) for p in problems)
    read = json.loads(
        json.dumps(text)
    )  # as the file gives it back: an escaped surrogate pair is one character
    if any(piece in read for piece in _BAD_PIECES):
        assert [p for p in _errors(problems) if p.file == f"{key}{suffix}"], repr(text)
    for p in problems:
        str(p).encode("utf-8")  # every problem can be printed and written

"""Checking a dataset: structure, vocabularies, references, geometry and figures.

:func:`validate` gathers every problem in a dataset and returns them; it never changes a file.
Each problem names the file, the feature, the field, what is wrong and what to do. Errors make a
dataset unusable; warnings record facts worth knowing (sources that disagree, a line too coarse
to follow its route).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

import shapely

from . import settings
from ._errors import Problem, UnknownUnitError
from .dates import parse_date
from .geodesy import distance_km, distance_to_line_km, length_km, long_way_segments, segment_lengths_km
from .io import RawDataset, Reference, read_raw, read_reference
from .units import convert, parse_unit
from .vocab import (
    BASES,
    COMMODITIES,
    COMMODITY_DIMENSIONS,
    COMPARED_LENGTH_BASES,
    CORRIDOR_KINDS,
    CROSSING_MODES,
    FIGURE_BASES,
    GAUGES_MM,
    GEOMETRY_QUALITIES,
    GEOMETRY_TYPES,
    ID_PREFIXES,
    KINDS,
    LAYER_MODES,
    LAYERS,
    LENGTH_BASES,
    NODE_LAYERS,
    OPENED_STATUSES,
    SOURCE_KINDS,
    STATUSES,
    UNDATED_PLACE_KINDS,
)

__all__ = ["check_raw", "parse_date", "validate"]

_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
_LOCODE_RE = re.compile(r"^[A-Z]{2}[A-Z2-9]{3}$")
_CYRILLIC_RE = re.compile(r"[\u0400-\u04FF]")
_CJK_RE = re.compile(r"[\u4E00-\u9FFF]")
_TRADE_COLUMNS = ("year", "trade_100m_usd", "growth_stated_pct", "growth_computed_pct", "source")


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _member(value: Any, vocab: Any) -> bool:
    """Whether a value from the data is a term of a vocabulary (False for unhashable junk)."""
    return isinstance(value, str | int) and not isinstance(value, bool) and value in vocab


def _subset(values: Any, vocab: Any) -> bool:
    """Whether a value from the data is a list of terms of a vocabulary."""
    return isinstance(values, list) and all(_member(v, vocab) for v in values)


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


@dataclass
class _Node:
    lon: float
    lat: float
    layer: str


@dataclass
class _Link:
    fid: str
    layer: str
    props: dict[str, Any]
    geometry: Any


@dataclass
class _Checker:
    """Collects problems while walking a raw dataset."""

    raw: RawDataset
    problems: list[Problem] = field(default_factory=list)
    source_ids: set[str] = field(default_factory=set)
    cited: set[str] = field(default_factory=set)
    ids: dict[str, str] = field(default_factory=dict)  # id -> file
    nodes: dict[str, _Node] = field(default_factory=dict)
    links: dict[str, _Link] = field(default_factory=dict)

    # -- reporting ----------------------------------------------------------------------
    def error(self, file: str, fid: str, fld: str, message: str, fix: str = "") -> None:
        self.problems.append(Problem("error", file, fid, fld, message, fix))

    def warn(self, file: str, fid: str, fld: str, message: str, fix: str = "") -> None:
        self.problems.append(Problem("warning", file, fid, fld, message, fix))

    # -- shared field checks ------------------------------------------------------------
    def sources_list(self, file: str, fid: str, fld: str, value: Any, required: bool = True) -> None:
        if value is None and not required:
            return
        if not isinstance(value, list) or (required and not value):
            self.error(
                file,
                fid,
                fld,
                "needs a non-empty list of source ids",
                "cite at least one id from sources.json",
            )
            return
        for i, sid in enumerate(value):
            if not isinstance(sid, str):
                self.error(
                    file,
                    fid,
                    f"{fld}[{i}]",
                    f"source id must be a string, got {sid!r}",
                    "use an id from sources.json",
                )
            elif sid not in self.source_ids:
                self.error(
                    file,
                    fid,
                    f"{fld}[{i}]",
                    f"unknown source id {sid!r}",
                    "add it to sources.json or fix the spelling",
                )
            else:
                self.cited.add(sid)

    def date_field(
        self, file: str, fid: str, fld: str, value: Any, allow_null: bool = False
    ) -> dt.date | None:
        if value is None and allow_null:
            return None
        parsed = parse_date(value)
        if parsed is None:
            self.error(
                file,
                fid,
                fld,
                f"not an ISO 8601 date: {value!r}",
                "write YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2022-06-10)",
            )
        return parsed

    def unit_field(self, file: str, fid: str, fld: str, unit: Any) -> bool:
        try:
            parse_unit(unit)
        except UnknownUnitError as exc:
            self.error(file, fid, fld, str(exc), "use a unit listed in geodata/README.md")
            return False
        return True

    def year_field(self, file: str, fid: str, fld: str, value: Any) -> None:
        if not (isinstance(value, int) and not isinstance(value, bool) and 1800 <= value <= 2100):
            self.error(
                file,
                fid,
                fld,
                f"year must be a whole number from 1800 to 2100, got {value!r}",
                "write e.g. 2019",
            )

    def record_list(self, file: str, fid: str, fld: str, value: Any) -> list[tuple[str, dict[str, Any]]]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(file, fid, fld, "must be a list of records", "wrap the record(s) in [ ]")
            return []
        out = []
        for i, rec in enumerate(value):
            if isinstance(rec, dict):
                out.append((f"{fld}[{i}]", rec))
            else:
                self.error(file, fid, f"{fld}[{i}]", "must be an object", "see geodata/README.md, Records")
        return out

    def capacities(self, file: str, fid: str, value: Any, fld: str = "capacities") -> None:
        for where, rec in self.record_list(file, fid, fld, value):
            missing = [k for k in ("commodity", "value", "unit", "basis", "year", "sources") if k not in rec]
            if missing:
                self.error(
                    file,
                    fid,
                    where,
                    f"capacity record lacks {', '.join(missing)}",
                    "give commodity, value, unit, basis, year and sources",
                )
            commodity = rec.get("commodity")
            if "commodity" in rec and not _member(commodity, COMMODITIES):
                self.error(
                    file,
                    fid,
                    f"{where}.commodity",
                    f"unknown commodity {commodity!r}",
                    f"use one of {', '.join(sorted(COMMODITIES))}",
                )
            if "value" in rec and not (_is_number(rec["value"]) and rec["value"] >= 0):
                self.error(
                    file,
                    fid,
                    f"{where}.value",
                    f"must be a number >= 0, got {rec['value']!r}",
                    "write a number",
                )
            if "unit" in rec and self.unit_field(file, fid, f"{where}.unit", rec["unit"]):
                dims = parse_unit(rec["unit"]).dimensionality
                if dims.get("[time]", 0) != -1:
                    self.error(
                        file,
                        fid,
                        f"{where}.unit",
                        f"{rec['unit']!r} is not a rate",
                        "a capacity is an amount per time, e.g. Mt/yr or bcm/yr",
                    )
                elif _member(commodity, COMMODITY_DIMENSIONS):
                    amount = str(dims * parse_unit("s").dimensionality)
                    if amount not in COMMODITY_DIMENSIONS[str(commodity)]:
                        self.error(
                            file,
                            fid,
                            f"{where}.unit",
                            f"{rec['unit']!r} does not measure {commodity}",
                            "oil and cargo in tonnes, gas in cubic metres, containers in TEU",
                        )
            if "basis" in rec and not _member(rec["basis"], BASES):
                self.error(
                    file,
                    fid,
                    f"{where}.basis",
                    f"unknown basis {rec['basis']!r}",
                    f"use one of {', '.join(sorted(BASES))}",
                )
            if "year" in rec:
                self.year_field(file, fid, f"{where}.year", rec["year"])
            if "date" in rec:
                self.date_field(file, fid, f"{where}.date", rec["date"])
            if "sources" in rec:
                self.sources_list(file, fid, f"{where}.sources", rec["sources"])

    def figures(self, file: str, fid: str, value: Any, fld: str = "figures") -> None:
        for where, rec in self.record_list(file, fid, fld, value):
            missing = [k for k in ("metric", "value", "unit", "basis", "sources") if k not in rec]
            if "year" not in rec and "date" not in rec:
                missing.append("year or date")
            if missing:
                self.error(
                    file,
                    fid,
                    where,
                    f"figure record lacks {', '.join(missing)}",
                    "see geodata/README.md, Records",
                )
            if "metric" in rec and not _is_text(rec["metric"]):
                self.error(
                    file,
                    fid,
                    f"{where}.metric",
                    "must be a non-empty string",
                    "name what the figure measures",
                )
            if "value" in rec and not _is_number(rec["value"]):
                self.error(
                    file, fid, f"{where}.value", f"must be a number, got {rec['value']!r}", "write a number"
                )
            if "unit" in rec:
                self.unit_field(file, fid, f"{where}.unit", rec["unit"])
            if "basis" in rec and not _member(rec["basis"], FIGURE_BASES):
                self.error(
                    file,
                    fid,
                    f"{where}.basis",
                    f"unknown basis {rec['basis']!r}",
                    f"use one of {', '.join(sorted(FIGURE_BASES))}",
                )
            if "year" in rec:
                self.year_field(file, fid, f"{where}.year", rec["year"])
            if "date" in rec:
                self.date_field(file, fid, f"{where}.date", rec["date"])
            if "sources" in rec:
                self.sources_list(file, fid, f"{where}.sources", rec["sources"])

    def claims(self, file: str, fid: str, value: Any) -> None:
        for where, rec in self.record_list(file, fid, "claims", value):
            if not _is_text(rec.get("field")):
                self.error(
                    file, fid, f"{where}.field", "must name the field the claim is about", 'e.g. "opened"'
                )
            if "value" not in rec:
                self.error(
                    file, fid, f"{where}.value", "claim has no value", "give the value the source states"
                )
            self.sources_list(file, fid, f"{where}.sources", rec.get("sources"))

    def lengths(self, file: str, fid: str, value: Any) -> list[tuple[str, float, str]]:
        out = []
        for where, rec in self.record_list(file, fid, "lengths", value):
            ok = True
            if not (_is_number(rec.get("value")) and rec["value"] > 0):
                self.error(
                    file,
                    fid,
                    f"{where}.value",
                    f"must be a number > 0, got {rec.get('value')!r}",
                    "write the length",
                )
                ok = False
            unit = rec.get("unit")
            if not self.unit_field(file, fid, f"{where}.unit", unit):
                ok = False
            elif str(parse_unit(unit).dimensionality) != "[length]":
                self.error(file, fid, f"{where}.unit", f"{unit!r} is not a length", "use km, m or nmi")
                ok = False
            basis = rec.get("basis", "stated")
            if not _member(basis, LENGTH_BASES):
                self.error(
                    file,
                    fid,
                    f"{where}.basis",
                    f"unknown length basis {basis!r}",
                    f"use one of {', '.join(sorted(LENGTH_BASES))}",
                )
                ok = False
            self.sources_list(file, fid, f"{where}.sources", rec.get("sources"))
            if ok:
                out.append((where, convert(rec["value"], str(unit), "km"), str(basis)))
        return out

    # -- the source registry --------------------------------------------------------------
    def check_sources(self) -> None:
        doc, file = self.raw.sources, "sources.json"
        if doc is None:
            return
        entries = doc.get("sources") if isinstance(doc, dict) else None
        if not isinstance(entries, list):
            self.error(
                file, "-", "sources", "must be an object with a list 'sources'", "see geodata/README.md"
            )
            return
        for i, entry in enumerate(entries):
            if not isinstance(entry, dict):
                self.error(file, f"#{i}", "-", "each source must be an object", "see geodata/README.md")
                continue
            sid = entry.get("id")
            label = sid if isinstance(sid, str) else f"#{i}"
            if not (isinstance(sid, str) and _ID_RE.match(sid)):
                self.error(
                    file,
                    label,
                    "id",
                    f"not a readable slug: {sid!r}",
                    "use lower-case letters, digits and hyphens",
                )
                continue
            if sid in self.source_ids:
                self.error(file, sid, "id", "duplicate source id", "give each source its own id")
            self.source_ids.add(sid)
            for key in ("title", "publisher"):
                if not _is_text(entry.get(key)):
                    self.error(file, sid, key, "missing", f"give the source's {key}")
            url = entry.get("url")
            if not (isinstance(url, str) and re.match(r"^https?://\S+$", url)):
                self.error(
                    file, sid, "url", f"not an http(s) URL: {url!r}", "give the public address of the source"
                )
            self.date_field(file, sid, "date", entry.get("date"), allow_null=True)
            if entry.get("date") is None and "accessed" not in entry:
                self.error(
                    file,
                    sid,
                    "accessed",
                    "an undated source needs the date it was read",
                    'add "accessed": "YYYY-MM-DD"',
                )
            if "accessed" in entry:
                self.date_field(file, sid, "accessed", entry.get("accessed"))
            if not _member(entry.get("kind"), SOURCE_KINDS):
                self.error(
                    file,
                    sid,
                    "kind",
                    f"unknown kind {entry.get('kind')!r}",
                    f"use one of {', '.join(sorted(SOURCE_KINDS))}",
                )

    # -- layers -------------------------------------------------------------------------
    def features(self, layer: str) -> Iterator[tuple[str, str, dict[str, Any], Any]]:
        """Yield (file, id, properties, shapely geometry or None) for well-formed features."""
        from shapely.geometry import shape

        file = f"{layer}.geojson"
        doc = self.raw.layers.get(layer)
        if doc is None:
            return
        if not (
            isinstance(doc, dict)
            and doc.get("type") == "FeatureCollection"
            and isinstance(doc.get("features"), list)
        ):
            self.error(
                file,
                "-",
                "type",
                "not a GeoJSON FeatureCollection",
                'write {"type": "FeatureCollection", "features": [...]}',
            )
            return
        for i, feat in enumerate(doc["features"]):
            if not (
                isinstance(feat, dict)
                and feat.get("type") == "Feature"
                and isinstance(feat.get("properties"), dict)
            ):
                self.error(file, f"#{i}", "-", "not a GeoJSON Feature with properties", "see RFC 7946 §3.2")
                continue
            props = feat["properties"]
            fid = props.get("id")
            if not isinstance(fid, str) or not _ID_RE.match(fid):
                self.error(
                    file,
                    f"#{i}",
                    "id",
                    f"missing or not a readable slug: {fid!r}",
                    "give a unique id of lower-case letters, digits and hyphens",
                )
                continue
            prefix = ID_PREFIXES.get(layer)
            if prefix and not fid.startswith(prefix):
                self.error(
                    file, fid, "id", f"ids in {file} start with {prefix!r}", f"rename to {prefix}{fid}"
                )
            if fid in self.ids:
                self.error(
                    file,
                    fid,
                    "id",
                    f"duplicate id (also in {self.ids[fid]})",
                    "ids must be unique across all layers",
                )
                continue
            self.ids[fid] = file
            geometry = self.geometry(file, fid, layer, feat.get("geometry"), shape)
            yield file, fid, props, geometry

    def geometry(self, file: str, fid: str, layer: str, geom: Any, shape: Any) -> Any:
        allowed = GEOMETRY_TYPES[layer]
        if not isinstance(geom, dict) or geom.get("type") not in allowed:
            got = geom.get("type") if isinstance(geom, dict) else geom
            self.error(
                file,
                fid,
                "geometry",
                f"geometry must be {' or '.join(allowed)}, got {got!r}",
                "fix the geometry type",
            )
            return None
        coords = geom.get("coordinates")
        positions = list(_positions(coords, geom["type"]))
        if positions is None or not positions or any(p is None for p in positions):
            self.error(
                file,
                fid,
                "geometry",
                "coordinates are malformed",
                "give [lon, lat] number pairs as RFC 7946 requires",
            )
            return None
        for lon, lat in positions:  # type: ignore[misc]
            if not (-180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0):
                self.error(
                    file,
                    fid,
                    "geometry",
                    f"coordinate out of range: [{lon}, {lat}]",
                    "write [longitude, latitude] in degrees, longitude -180..180 and latitude -90..90",
                )
                return None
        try:
            shp = shape(geom)
        except Exception as exc:  # shapely raises several types for malformed input
            self.error(file, fid, "geometry", f"cannot build geometry: {exc}", "check the coordinates")
            return None
        if geom["type"] != "Point":
            parts = getattr(shp, "geoms", [shp])
            if any(len(p.coords) < 2 for p in parts):
                self.error(
                    file, fid, "geometry", "a line needs at least two positions", "add the missing vertices"
                )
                return None
            if long_way_segments(shp):
                self.error(
                    file,
                    fid,
                    "geometry",
                    "a segment jumps more than 180° of longitude (drawn the long way round)",
                    "cut the line at the antimeridian into a MultiLineString (RFC 7946 §3.1.9)",
                )
            for k in range(len(parts) - 1):
                (x1, y1), (x2, y2) = parts[k].coords[-1], parts[k + 1].coords[0]
                joined = abs(y1 - y2) < 1e-6 and (
                    (abs(x1) == 180.0 and abs(x2) == 180.0 and x1 == -x2) or (x1 == x2)
                )
                if not joined:
                    self.error(
                        file,
                        fid,
                        "geometry",
                        f"part {k} ends at [{x1}, {y1}] but part {k + 1} starts at [{x2}, {y2}]",
                        "parts must run in order; a cut at the antimeridian ends at ±180 and resumes at ∓180 at the same latitude",
                    )
        return shp

    def common(self, file: str, fid: str, layer: str, props: dict[str, Any]) -> None:
        for key, script, pattern in (
            ("name", None, None),
            ("name_ru", "Cyrillic", _CYRILLIC_RE),
            ("name_zh", "Chinese", _CJK_RE),
        ):
            value = props.get(key)
            if not _is_text(value):
                self.error(
                    file,
                    fid,
                    key,
                    "missing or empty",
                    f"give the {key.replace('name_', '').upper() or 'English'} name",
                )
            elif pattern is not None and not pattern.search(str(value)):
                self.warn(
                    file,
                    fid,
                    key,
                    f"has no {script} characters: {value!r}",
                    f"write the name in {script} script",
                )
        aliases = props.get("aliases")
        if aliases is not None and not (isinstance(aliases, list) and all(_is_text(a) for a in aliases)):
            self.error(file, fid, "aliases", "must be a list of names", 'write ["Zabaykalsk", "Otpor"]')
        if not _member(props.get("kind"), KINDS[layer]):
            self.error(
                file,
                fid,
                "kind",
                f"unknown kind {props.get('kind')!r}",
                f"use one of {', '.join(sorted(KINDS[layer]))}",
            )
        status = props.get("status")
        if status is None and layer == "places" and _member(props.get("kind"), UNDATED_PLACE_KINDS):
            pass  # a city or a strait has no status or opening date
        elif not _member(status, STATUSES):
            self.error(
                file, fid, "status", f"unknown status {status!r}", f"use one of {', '.join(sorted(STATUSES))}"
            )
        opened = (
            self.date_field(file, fid, "opened", props["opened"], allow_null=True)
            if "opened" in props
            else None
        )
        if _member(status, OPENED_STATUSES) and "opened" not in props and layer != "sea_lanes":
            self.error(
                file,
                fid,
                "opened",
                f"a feature that is {status} needs its opening date",
                'add "opened": "YYYY[-MM[-DD]]" (null only if no source dates it)',
            )
        elif _member(status, OPENED_STATUSES) and "opened" in props and props["opened"] is None:
            self.warn(
                file,
                fid,
                "opened",
                "opening date unknown: date filters treat it as open at every date",
                "find a source that dates it",
            )
        if _member(status, {"planned", "under_construction", "proposed"}):
            if props.get("opened") is not None:
                self.error(
                    file, fid, "opened", f"a {status} feature has not opened", 'move the date to "expected"'
                )
            if "expected" not in props:
                self.error(
                    file,
                    fid,
                    "expected",
                    f'a {status} feature needs "expected" (null if no date is published)',
                    'add "expected": "YYYY" or null',
                )
        if "expected" in props:
            self.date_field(file, fid, "expected", props["expected"], allow_null=True)
        if "closed" in props:
            closed = self.date_field(file, fid, "closed", props["closed"])
            if opened and closed and closed < opened:
                self.error(file, fid, "closed", "closes before it opened", "check both dates")
        if opened and opened > dt.date.today():
            self.error(
                file,
                fid,
                "opened",
                f"opening date {props['opened']} is in the future",
                'use "expected" and status planned',
            )
        countries = props.get("countries")
        if not (
            isinstance(countries, list)
            and countries
            and all(isinstance(c, str) and _COUNTRY_RE.match(c) for c in countries)
        ):
            self.error(
                file,
                fid,
                "countries",
                f"must be a list of ISO 3166-1 alpha-2 codes, got {countries!r}",
                'write e.g. ["RU", "CN"]',
            )
        self.sources_list(file, fid, "sources", props.get("sources"))
        if not _member(props.get("geometry_quality"), GEOMETRY_QUALITIES):
            self.error(
                file,
                fid,
                "geometry_quality",
                f"unknown or missing: {props.get('geometry_quality')!r}",
                f"use one of {', '.join(sorted(GEOMETRY_QUALITIES))}",
            )
        self.capacities(file, fid, props.get("capacities"))
        self.figures(file, fid, props.get("figures"))
        self.claims(file, fid, props.get("claims"))
        if "notes" in props and not isinstance(props["notes"], str):
            self.error(file, fid, "notes", "must be a string", "write the note as text")

    def node(self, file: str, fid: str, layer: str, props: dict[str, Any], geometry: Any) -> None:
        if layer in NODE_LAYERS and "location_sources" not in props:
            self.warn(
                file,
                fid,
                "location_sources",
                "coordinates not checked against an independent reference",
                "check them against a gazetteer or port list and cite it in location_sources",
            )
        else:
            self.sources_list(file, fid, "location_sources", props.get("location_sources"))
        if layer == "ports":
            commodities = props.get("commodities")
            if commodities is not None and not _subset(commodities, COMMODITIES):
                self.error(
                    file,
                    fid,
                    "commodities",
                    f"must list commodities from the vocabulary, got {commodities!r}",
                    "see geodata/README.md",
                )
            locode = props.get("unlocode")
            if locode is not None and not (isinstance(locode, str) and _LOCODE_RE.match(locode)):
                self.error(
                    file,
                    fid,
                    "unlocode",
                    f"not a UN/LOCODE: {locode!r}",
                    "write five characters such as RUVVO, or drop it",
                )
        if layer == "border_crossings":
            modes = props.get("modes")
            if not (_subset(modes, CROSSING_MODES) and modes):
                self.error(
                    file,
                    fid,
                    "modes",
                    f"must list modes from {', '.join(sorted(CROSSING_MODES))}, got {modes!r}",
                    'e.g. ["rail", "road"]',
                )
            checkpoints = props.get("checkpoints")
            if not (
                isinstance(checkpoints, dict)
                and all(
                    isinstance(checkpoints.get(c), dict) and _is_text(checkpoints[c].get("name"))
                    for c in ("RU", "CN")
                )
            ):
                self.error(
                    file,
                    fid,
                    "checkpoints",
                    "needs the Russian and Chinese checkpoints",
                    'write {"RU": {"name": ..., "name_ru": ...}, "CN": {"name": ..., "name_zh": ...}}',
                )
        if geometry is not None:
            self.nodes[fid] = _Node(geometry.x, geometry.y, layer)

    def link(self, file: str, fid: str, layer: str, props: dict[str, Any], geometry: Any) -> None:
        for end in ("from", "to"):
            if not _is_text(props.get(end)):
                self.error(file, fid, end, "a link names the node it joins", f'set "{end}" to a node id')
        via = props.get("via", [])
        if not (isinstance(via, list) and all(isinstance(v, str) for v in via)):
            self.error(file, fid, "via", "must be a list of node ids", 'write ["bc-..."]')
        mode = props.get("mode")
        if not _member(mode, LAYER_MODES[layer]):
            self.error(
                file,
                fid,
                "mode",
                f"mode {mode!r} does not belong in {file}",
                f"use one of {', '.join(sorted(LAYER_MODES[layer]))}",
            )
        if layer == "bridges":
            modes = props.get("modes", [mode])
            if not (_subset(modes, LAYER_MODES["bridges"]) and modes):
                self.error(
                    file,
                    fid,
                    "modes",
                    f"must list what the bridge carries, got {modes!r}",
                    'e.g. ["rail", "road"]',
                )
        if "directed" in props and not isinstance(props["directed"], bool):
            self.error(file, fid, "directed", "must be true or false", "write true for pipelines")
        if layer == "pipelines":
            if not _member(props.get("commodity"), {"oil", "gas"}):
                self.error(
                    file,
                    fid,
                    "commodity",
                    f"a pipeline carries oil or gas, got {props.get('commodity')!r}",
                    "set commodity",
                )
            if props.get("directed") is not True:
                self.error(
                    file,
                    fid,
                    "directed",
                    "pipelines flow one way",
                    'set "directed": true and draw the line in the flow direction',
                )
        if layer == "rail" or (
            layer == "bridges"
            and _subset(props.get("modes"), LAYER_MODES["bridges"])
            and "rail" in props["modes"]
        ):
            gauge = props.get("gauge_mm")
            undecided = gauge is None and _member(props.get("status"), {"planned", "proposed", "cancelled"})
            if not undecided and not (_subset(gauge, GAUGES_MM) and gauge):
                self.error(
                    file,
                    fid,
                    "gauge_mm",
                    f"must be [1520], [1435] or [1435, 1520], got {gauge!r}",
                    "give the track gauge",
                )
        months = props.get("open_months")
        if months is not None and not (
            isinstance(months, list)
            and months
            and all(isinstance(m, int) and not isinstance(m, bool) and 1 <= m <= 12 for m in months)
            and len(set(months)) == len(months)
        ):
            self.error(
                file,
                fid,
                "open_months",
                f"must list distinct months 1-12, got {months!r}",
                "e.g. [7, 8, 9, 10]",
            )
        stated = self.lengths(file, fid, props.get("lengths"))
        if geometry is not None:
            self.links[fid] = _Link(fid, layer, props, geometry)
            computed = length_km(geometry)
            for where, km, basis in stated:
                if basis in COMPARED_LENGTH_BASES and abs(computed - km) > settings.length_tolerance * km:
                    self.error(
                        file,
                        fid,
                        f"{where}",
                        f"stated length {km:,.1f} km but the line measures {computed:,.1f} km",
                        "fix the geometry, or mark a length that covers more than this feature with basis stated_total",
                    )
            limit = settings.sea_vertex_spacing_km if layer == "sea_lanes" else settings.vertex_spacing_km
            seg = segment_lengths_km(geometry)
            if len(seg) and seg.max() > limit:
                self.warn(
                    file,
                    fid,
                    "geometry",
                    f"vertices up to {seg.max():,.0f} km apart: too coarse to follow the real route",
                    f"add vertices on the route at most {limit:.0f} km apart",
                )

    def check_layers(self) -> None:
        for layer in LAYERS:
            for file, fid, props, geometry in self.features(layer):
                self.common(file, fid, layer, props)
                if layer in NODE_LAYERS:
                    self.node(file, fid, layer, props, geometry)
                else:
                    self.link(file, fid, layer, props, geometry)

    # -- references between features ------------------------------------------------------
    def check_references(self) -> None:
        tol = settings.endpoint_tolerance_km
        for link in self.links.values():
            file, fid, props, geom = f"{link.layer}.geojson", link.fid, link.props, link.geometry
            parts = getattr(geom, "geoms", [geom])
            ends = {"from": parts[0].coords[0], "to": parts[-1].coords[-1]}
            for end, (lon, lat) in ends.items():
                nid = props.get(end)
                if not isinstance(nid, str):
                    continue
                node = self.nodes.get(nid)
                if node is None:
                    kind = "a link, not a node" if nid in self.links else "no such node"
                    self.error(
                        file,
                        fid,
                        end,
                        f"{nid!r}: {kind}",
                        "name a node id from places, ports or border_crossings",
                    )
                    continue
                gap = float(distance_km(lon, lat, node.lon, node.lat))
                if gap > tol:
                    self.error(
                        file,
                        fid,
                        end,
                        f"line {'starts' if end == 'from' else 'ends'} {gap:,.1f} km from node {nid!r}",
                        f"move the line's {'first' if end == 'from' else 'last'} vertex to the node (within {tol:g} km)",
                    )
            via = _as_list(props.get("via"))
            for i, nid in enumerate(via):
                node = self.nodes.get(nid) if isinstance(nid, str) else None
                if node is None:
                    self.error(
                        file, fid, f"via[{i}]", f"{nid!r}: no such node", "name a node id the link passes"
                    )
                    continue
                gap = distance_to_line_km(node.lon, node.lat, geom)
                if gap > tol:
                    self.error(
                        file,
                        fid,
                        f"via[{i}]",
                        f"line passes {gap:,.1f} km from {nid!r}",
                        f"route the line through the node (within {tol:g} km)",
                    )
            countries = _as_list(props.get("countries"))
            if all(isinstance(c, str) for c in countries) and set(countries) == {"RU", "CN"}:
                touched = [props.get("from"), props.get("to"), *via]
                if not any(
                    self.nodes.get(n, _Node(0, 0, "")).layer == "border_crossings"
                    for n in touched
                    if isinstance(n, str)
                ):
                    self.error(
                        file,
                        fid,
                        "via",
                        "a link between Russia and China passes no border crossing",
                        'add the crossing\'s id to "via" (or end the link at it)',
                    )
        for fid, link in self.links.items():
            crossing = link.props.get("crossing")
            if crossing is not None and (
                not _member(crossing, self.nodes) or self.nodes[crossing].layer != "border_crossings"
            ):
                self.error(
                    f"{link.layer}.geojson",
                    fid,
                    "crossing",
                    f"{crossing!r} is not a border crossing",
                    "name a bc- id",
                )

    # -- corridors, parameters, trade -------------------------------------------------------
    def check_corridors(self) -> None:
        doc, file = self.raw.corridors, "corridors.json"
        if doc is None:
            return
        items = doc.get("corridors") if isinstance(doc, dict) else None
        if not isinstance(items, list):
            self.error(
                file, "-", "corridors", "must be an object with a list 'corridors'", "see geodata/README.md"
            )
            return
        for i, cor in enumerate(items):
            if not isinstance(cor, dict) or not (isinstance(cor.get("id"), str) and _ID_RE.match(cor["id"])):
                self.error(
                    file,
                    f"#{i}",
                    "id",
                    "each corridor is an object with a readable id",
                    "see geodata/README.md",
                )
                continue
            cid = cor["id"]
            if cid in self.ids:
                self.error(file, cid, "id", f"duplicate id (also in {self.ids[cid]})", "ids must be unique")
            self.ids[cid] = file
            for key in ("name", "name_ru", "name_zh"):
                if not _is_text(cor.get(key)):
                    self.error(file, cid, key, "missing or empty", "give the corridor's names")
            if not _member(cor.get("kind"), CORRIDOR_KINDS):
                self.error(
                    file,
                    cid,
                    "kind",
                    f"unknown kind {cor.get('kind')!r}",
                    f"use one of {', '.join(sorted(CORRIDOR_KINDS))}",
                )
            if not _member(cor.get("status"), STATUSES):
                self.error(
                    file,
                    cid,
                    "status",
                    f"unknown status {cor.get('status')!r}",
                    f"use one of {', '.join(sorted(STATUSES))}",
                )
            chains = [("links", cor.get("links"))]
            branches = cor.get("branches", [])
            if not isinstance(branches, list):
                self.error(file, cid, "branches", "must be a list of link-id lists", 'write [["rail-..."]]')
                branches = []
            chains += [(f"branches[{k}]", b) for k, b in enumerate(branches)]
            for where, chain in chains:
                if not (isinstance(chain, list) and chain and all(isinstance(x, str) for x in chain)):
                    self.error(
                        file, cid, where, "must be a non-empty list of link ids", "list the links in order"
                    )
                    continue
                for j, lid in enumerate(chain):
                    if lid not in self.links:
                        self.error(
                            file,
                            cid,
                            f"{where}[{j}]",
                            f"{lid!r} is not a link",
                            "name a link id from a line layer",
                        )
                self.continuity(file, cid, where, chain)
            self.capacities(file, cid, cor.get("capacities"))
            self.figures(file, cid, cor.get("figures"))
            self.sources_list(file, cid, "sources", cor.get("sources"))

    def continuity(self, file: str, cid: str, where: str, chain: list[str]) -> None:
        def ends(lid: str) -> set[str]:
            p = self.links[lid].props
            via = _as_list(p.get("via"))
            return {n for n in (p.get("from"), p.get("to"), *via) if isinstance(n, str)}

        for a, b in pairwise(chain):
            if a in self.links and b in self.links and not ends(a) & ends(b):
                self.error(
                    file,
                    cid,
                    where,
                    f"{a!r} and {b!r} share no node",
                    "list the links in order along the corridor",
                )

    def check_parameters(self) -> None:
        doc, file = self.raw.parameters, "parameters.json"
        if doc is None:
            return
        params = doc.get("parameters") if isinstance(doc, dict) else None
        if not isinstance(params, dict):
            self.error(
                file,
                "-",
                "parameters",
                "must be an object 'parameters' of name -> record",
                "see geodata/README.md",
            )
            return
        for name, rec in params.items():
            if not isinstance(rec, dict):
                self.error(file, name, "-", "must be an object", "give value, unit, basis, note and sources")
                continue
            value = rec.get("value")
            if not (
                _is_number(value) or (isinstance(value, list) and value and all(_is_number(v) for v in value))
            ):
                self.error(
                    file,
                    name,
                    "value",
                    f"must be a number or a list of numbers, got {value!r}",
                    "write the value",
                )
            self.unit_field(file, name, "unit", rec.get("unit"))
            for key in ("basis", "note"):
                if not _is_text(rec.get(key)):
                    self.error(
                        file,
                        name,
                        key,
                        "missing",
                        f"say the parameter's {key}: an assumption needs its grounds",
                    )
            self.sources_list(file, name, "sources", rec.get("sources"))

    def check_trade(self) -> None:
        rows, file = self.raw.trade, "trade.csv"
        if rows is None:
            return
        if not rows or tuple(rows[0].keys()) != _TRADE_COLUMNS:
            got = tuple(rows[0].keys()) if rows else ()
            self.error(
                file,
                "-",
                "header",
                f"columns must be {', '.join(_TRADE_COLUMNS)}; got {', '.join(map(str, got))}",
                "fix the header row",
            )
            return
        previous: float | None = None
        for i, row in enumerate(rows, start=2):
            label = f"line {i}"
            try:
                year = int(row["year"])
                value = float(row["trade_100m_usd"])
            except (TypeError, ValueError):
                self.error(
                    file,
                    label,
                    "year/trade_100m_usd",
                    "not numbers",
                    "write the year and the volume as numbers",
                )
                previous = None
                continue
            label = str(year)
            stated = _float_or_none(row["growth_stated_pct"])
            computed = _float_or_none(row["growth_computed_pct"])
            if previous is not None:
                expected = round((value / previous - 1.0) * 100.0, 1)
                if computed is None or abs(computed - expected) > 0.05:
                    self.error(
                        file,
                        label,
                        "growth_computed_pct",
                        f"should be {expected} (from the volumes), got {row['growth_computed_pct']!r}",
                        "recompute it from this year's and last year's volumes",
                    )
                if stated is not None and abs(stated - expected) > settings.growth_tolerance_pp:
                    self.warn(
                        file,
                        label,
                        "growth_stated_pct",
                        f"stated growth {stated}% differs from {expected}% computed from the volumes",
                        "kept as stated; the source's figures disagree with each other",
                    )
            elif computed is not None:
                self.error(
                    file, label, "growth_computed_pct", "no previous year to compute from", "leave it empty"
                )
            self.sources_list(file, label, "source", [row["source"]] if row.get("source") else [])
            previous = value

    # -- geography ------------------------------------------------------------------------
    def check_geography(self, reference: Reference) -> None:
        tol = settings.border_tolerance_km
        for fid, node in self.nodes.items():
            if node.layer == "border_crossings":
                gap = distance_to_line_km(node.lon, node.lat, reference.border)
                if gap > tol:
                    self.error(
                        "border_crossings.geojson",
                        fid,
                        "geometry",
                        f"{gap:,.1f} km from the China–Russia border",
                        f"put the crossing where the road, railway or pipeline meets the border (within {tol:g} km)",
                    )
            elif node.layer == "ports":
                coast = distance_to_line_km(node.lon, node.lat, reference.coast)
                if coast <= settings.coast_tolerance_km:
                    continue
                river = distance_to_line_km(node.lon, node.lat, reference.rivers)
                if river <= settings.coast_tolerance_km:
                    continue
                on_land = reference.land.contains(shapely.Point(node.lon, node.lat))
                if not on_land and coast <= settings.offshore_port_tolerance_km:
                    continue  # on the water, by an island or reclaimed land the 1:10m data lacks
                self.error(
                    "ports.geojson",
                    fid,
                    "geometry",
                    f"{coast:,.1f} km from the coast and {river:,.1f} km from a river"
                    + (" (inland)" if on_land else " (out at sea)"),
                    f"put the port on the water (within {settings.coast_tolerance_km:g} km of the coastline)",
                )

    def check_unused_sources(self) -> None:
        for sid in sorted(self.source_ids - self.cited):
            self.warn(
                "sources.json",
                sid,
                "id",
                "source is not cited by any feature or record",
                "cite it or remove it",
            )


def _float_or_none(text: Any) -> float | None:
    try:
        return float(text) if text not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _positions(coords: Any, gtype: str) -> Iterable[tuple[float, float] | None]:
    """Yield every position of a geometry's coordinates, or None for a malformed one."""
    depth = {"Point": 0, "LineString": 1, "MultiLineString": 2}[gtype]

    def walk(node: Any, level: int) -> Iterator[tuple[float, float] | None]:
        if level == 0:
            if isinstance(node, list) and len(node) in (2, 3) and all(_is_number(v) for v in node):
                yield float(node[0]), float(node[1])
            else:
                yield None
        elif isinstance(node, list) and node:
            for child in node:
                yield from walk(child, level - 1)
        else:
            yield None

    return walk(coords, depth)


def check_raw(raw: RawDataset, reference: Reference | None = None) -> list[Problem]:
    """Check a dataset read by :func:`corridormap.io.read_raw`.

    Parameters
    ----------
    raw
        The dataset as read from disk.
    reference
        Natural Earth reference geography; when given, border crossings are checked against
        the China–Russia border and ports against the coast.

    Returns
    -------
    list of Problem
        Every problem found, errors first.
    """
    checker = _Checker(raw)
    checker.problems.extend(raw.problems)
    checker.check_sources()
    checker.check_layers()
    checker.check_references()
    checker.check_corridors()
    checker.check_parameters()
    checker.check_trade()
    if reference is not None:
        checker.check_geography(reference)
    checker.check_unused_sources()
    return sorted(checker.problems, key=lambda p: p.severity != "error")


def validate(data: str | Path | None = None, *, geography: bool = True) -> list[Problem]:
    """Check every file of a dataset and return every problem found. Changes no file.

    Parameters
    ----------
    data
        The dataset folder; ``None`` for the shipped dataset.
    geography
        Also check border crossings against the China–Russia border and ports against the
        coast (Natural Earth).

    Returns
    -------
    list of Problem
        Errors first, then warnings; empty when the dataset is clean.

    Raises
    ------
    DataReadError
        If the folder does not exist.

    Examples
    --------
    >>> import corridormap
    >>> [p for p in corridormap.validate() if p.severity == "error"]
    []
    """
    raw = read_raw(data)
    return check_raw(raw, read_reference() if geography else None)

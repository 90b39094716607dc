"""Checks of each feature of the GeoJSON layers: ids, common properties, nodes and links."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from .. import settings
from ..geodesy import length_km, segment_lengths_km
from ..vocab import (
    COMMODITIES,
    COMPARED_LENGTH_BASES,
    CROSSING_MODES,
    GAUGES_MM,
    GEOMETRY_QUALITIES,
    ID_PREFIXES,
    KINDS,
    LAYER_MODES,
    LAYERS,
    NODE_LAYERS,
    OPENED_STATUSES,
    PLANNED_STATUSES,
    STATUSES,
    UNDATED_PLACE_KINDS,
)
from ._report import At
from ._state import ID_RE, Link, Node, State, is_text, member, one_of, subset
from .geometry import geometry
from .records import capacities, claims, date_field, figures, lengths, sources_list

_COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
_LOCODE_RE = re.compile(r"^[A-Z]{2}[A-Z2-9]{3}$")
_CYRILLIC_RE = re.compile(r"[\u0400-\u04FF]")
_CJK_RE = re.compile(r"[\u4E00-\u9FFF]")


def features(state: State, layer: str) -> Iterator[tuple[At, dict[str, Any], Any]]:
    """Yield (where to report, properties, shapely geometry or None) for well-formed features.

    Parameters
    ----------
    state
        The checks' shared state; each feature's id is recorded in its ``ids``.
    layer
        The layer to walk.
    """
    file = f"{layer}.geojson"
    doc = state.raw.layers.get(layer)
    if doc is None:
        return
    if not (
        isinstance(doc, dict)
        and doc.get("type") == "FeatureCollection"
        and isinstance(doc.get("features"), list)
    ):
        fix = 'write {"type": "FeatureCollection", "features": [...]}'
        state.at(file, "-").error("type", "not a GeoJSON FeatureCollection", fix)
        return
    for i, feat in enumerate(doc["features"]):
        if not (
            isinstance(feat, dict)
            and feat.get("type") == "Feature"
            and isinstance(feat.get("properties"), dict)
        ):
            state.at(file, f"#{i}").error("-", "not a GeoJSON Feature with properties", "see RFC 7946 §3.2")
            continue
        props = feat["properties"]
        fid = props.get("id")
        if not isinstance(fid, str) or not ID_RE.match(fid):
            fix = "give a unique id of lower-case letters, digits and hyphens"
            state.at(file, f"#{i}").error("id", f"missing or not a readable slug: {fid!r}", fix)
            continue
        at = state.at(file, fid)
        prefix = ID_PREFIXES.get(layer)
        if prefix and not fid.startswith(prefix):
            at.error("id", f"ids in {file} start with {prefix!r}", f"rename to {prefix}{fid}")
        if fid in state.ids:
            at.error("id", f"duplicate id (also in {state.ids[fid]})", "ids must be unique across all layers")
            continue
        state.ids[fid] = file
        yield at, props, geometry(at, layer, feat.get("geometry"))


def _names(at: At, layer: str, props: dict[str, Any]) -> None:
    for key, script, pattern in (
        ("name", None, None),
        ("name_ru", "Cyrillic", _CYRILLIC_RE),
        ("name_zh", "Chinese", _CJK_RE),
    ):
        value = props.get(key)
        if not is_text(value):
            at.error(
                key, "missing or empty", f"give the {key.replace('name_', '').upper() or 'English'} name"
            )
        elif pattern is not None and not pattern.search(str(value)):
            at.warn(key, f"has no {script} characters: {value!r}", f"write the name in {script} script")
    aliases = props.get("aliases")
    if aliases is not None and not (isinstance(aliases, list) and all(is_text(a) for a in aliases)):
        at.error("aliases", "must be a list of names", 'write ["Zabaykalsk", "Otpor"]')
    if not member(props.get("kind"), KINDS[layer]):
        at.error("kind", f"unknown kind {props.get('kind')!r}", one_of(KINDS[layer]))


def _lifecycle(at: At, layer: str, props: dict[str, Any]) -> None:
    status = props.get("status")
    if status is None and layer == "places" and member(props.get("kind"), UNDATED_PLACE_KINDS):
        pass  # a city or a strait has no status or opening date
    elif not member(status, STATUSES):
        at.error("status", f"unknown status {status!r}", one_of(STATUSES))
    opened = date_field(at, "opened", props["opened"], allow_null=True) if "opened" in props else None
    if member(status, OPENED_STATUSES) and "opened" not in props and layer != "sea_lanes":
        fix = 'add "opened": "YYYY[-MM[-DD]]" (null only if no source dates it)'
        at.error("opened", f"a feature that is {status} needs its opening date", fix)
    elif member(status, OPENED_STATUSES) and "opened" in props and props["opened"] is None:
        message = "opening date unknown: date filters treat it as open at every date"
        at.warn("opened", message, "find a source that dates it")
    if member(status, PLANNED_STATUSES):
        if props.get("opened") is not None:
            at.error("opened", f"a {status} feature has not opened", 'move the date to "expected"')
        if "expected" not in props:
            message = f'a {status} feature needs "expected" (null if no date is published)'
            at.error("expected", message, 'add "expected": "YYYY" or null')
    if "expected" in props:
        date_field(at, "expected", props["expected"], allow_null=True)
    if "closed" in props:
        closed = date_field(at, "closed", props["closed"])
        if opened and closed and closed < opened:
            at.error("closed", "closes before it opened", "check both dates")
    if opened and opened > dt.date.today():
        at.error(
            "opened", f"opening date {props['opened']} is in the future", 'use "expected" and status planned'
        )


def common(state: State, at: At, layer: str, props: dict[str, Any]) -> None:
    """Check the properties every feature has: names, kind, status, dates, countries, sources, records.

    Parameters
    ----------
    state
        The checks' shared state.
    at
        Where to report.
    layer
        The feature's layer.
    props
        The feature's properties.
    """
    _names(at, layer, props)
    _lifecycle(at, layer, props)
    countries = props.get("countries")
    if not (
        isinstance(countries, list)
        and countries
        and all(isinstance(c, str) and _COUNTRY_RE.match(c) for c in countries)
    ):
        message = f"must be a list of ISO 3166-1 alpha-2 codes, got {countries!r}"
        at.error("countries", message, 'write e.g. ["RU", "CN"]')
    sources_list(state, at, "sources", props.get("sources"))
    quality = props.get("geometry_quality")
    if not member(quality, GEOMETRY_QUALITIES):
        at.error("geometry_quality", f"unknown or missing: {quality!r}", one_of(GEOMETRY_QUALITIES))
    capacities(state, at, props.get("capacities"))
    figures(state, at, props.get("figures"))
    claims(state, at, props.get("claims"))
    if "notes" in props and not isinstance(props["notes"], str):
        at.error("notes", "must be a string", "write the note as text")


def _port(at: At, props: dict[str, Any]) -> None:
    commodities = props.get("commodities")
    if commodities is not None and not subset(commodities, COMMODITIES):
        message = f"must list commodities from the vocabulary, got {commodities!r}"
        at.error("commodities", message, "see geodata/README.md")
    locode = props.get("unlocode")
    if locode is not None and not (isinstance(locode, str) and _LOCODE_RE.match(locode)):
        at.error(
            "unlocode", f"not a UN/LOCODE: {locode!r}", "write five characters such as RUVVO, or drop it"
        )


def _crossing(at: At, props: dict[str, Any]) -> None:
    modes = props.get("modes")
    if not (subset(modes, CROSSING_MODES) and modes):
        message = f"must list modes from {', '.join(sorted(CROSSING_MODES))}, got {modes!r}"
        at.error("modes", message, 'e.g. ["rail", "road"]')
    checkpoints = props.get("checkpoints")
    if not (
        isinstance(checkpoints, dict)
        and all(
            isinstance(checkpoints.get(c), dict) and is_text(checkpoints[c].get("name")) for c in ("RU", "CN")
        )
    ):
        at.error(
            "checkpoints",
            "needs the Russian and Chinese checkpoints",
            'write {"RU": {"name": ..., "name_ru": ...}, "CN": {"name": ..., "name_zh": ...}}',
        )


def node(state: State, at: At, layer: str, props: dict[str, Any], geom: Any) -> None:
    """Check a node feature's own properties and record it in ``state.nodes``.

    Parameters
    ----------
    state
        The checks' shared state.
    at
        Where to report.
    layer
        One of the node layers (places, ports, border_crossings).
    props
        The feature's properties.
    geom
        Its shapely point, or None if the geometry is unusable.
    """
    if layer in NODE_LAYERS and "location_sources" not in props:
        at.warn(
            "location_sources",
            "coordinates not checked against an independent reference",
            "check them against a gazetteer or port list and cite it in location_sources",
        )
    else:
        sources_list(state, at, "location_sources", props.get("location_sources"))
    if layer == "ports":
        _port(at, props)
    if layer == "border_crossings":
        _crossing(at, props)
    if geom is not None:
        state.nodes[at.feature] = Node(geom.x, geom.y, layer)


def _carries_rail(layer: str, props: dict[str, Any]) -> bool:
    return layer == "rail" or (
        layer == "bridges" and subset(props.get("modes"), LAYER_MODES["bridges"]) and "rail" in props["modes"]
    )


def _link_kind(at: At, layer: str, props: dict[str, Any]) -> None:
    mode = props.get("mode")
    if not member(mode, LAYER_MODES[layer]):
        at.error("mode", f"mode {mode!r} does not belong in {at.file}", one_of(LAYER_MODES[layer]))
    if layer == "bridges":
        modes = props.get("modes", [mode])
        if not (subset(modes, LAYER_MODES["bridges"]) and modes):
            at.error("modes", f"must list what the bridge carries, got {modes!r}", 'e.g. ["rail", "road"]')
    if "directed" in props and not isinstance(props["directed"], bool):
        at.error("directed", "must be true or false", "write true for pipelines")
    if layer == "pipelines":
        if not member(props.get("commodity"), {"oil", "gas"}):
            at.error(
                "commodity", f"a pipeline carries oil or gas, got {props.get('commodity')!r}", "set commodity"
            )
        if props.get("directed") is not True:
            fix = 'set "directed": true and draw the line in the flow direction'
            at.error("directed", "pipelines flow one way", fix)
    if _carries_rail(layer, props):
        gauge = props.get("gauge_mm")
        undecided = gauge is None and member(props.get("status"), {"planned", "proposed", "cancelled"})
        if not undecided and not (subset(gauge, GAUGES_MM) and gauge):
            message = f"must be [1520], [1435] or [1435, 1520], got {gauge!r}"
            at.error("gauge_mm", message, "give the track gauge")


def _line_measures(at: At, layer: str, geom: Any, stated: list[tuple[str, float, str]]) -> None:
    computed = length_km(geom)
    for where, km, basis in stated:
        if basis in COMPARED_LENGTH_BASES and abs(computed - km) > settings.length_tolerance * km:
            at.error(
                f"{where}",
                f"stated length {km:,.1f} km but the line measures {computed:,.1f} km",
                "fix the geometry, or mark a length that covers more than this feature with basis stated_total",
            )
    limit = settings.sea_vertex_spacing_km if layer == "sea_lanes" else settings.vertex_spacing_km
    seg = segment_lengths_km(geom)
    if len(seg) and seg.max() > limit:
        at.warn(
            "geometry",
            f"vertices up to {seg.max():,.0f} km apart: too coarse to follow the real route",
            f"add vertices on the route at most {limit:.0f} km apart",
        )


def link(state: State, at: At, layer: str, props: dict[str, Any], geom: Any) -> None:
    """Check a line feature's own properties and record it in ``state.links``.

    Parameters
    ----------
    state
        The checks' shared state.
    at
        Where to report.
    layer
        One of the line layers.
    props
        The feature's properties.
    geom
        Its shapely line, or None if the geometry is unusable.
    """
    for end in ("from", "to"):
        if not is_text(props.get(end)):
            at.error(end, "a link names the node it joins", f'set "{end}" to a node id')
    via = props.get("via", [])
    if not (isinstance(via, list) and all(isinstance(v, str) for v in via)):
        at.error("via", "must be a list of node ids", 'write ["bc-..."]')
    _link_kind(at, layer, props)
    months = props.get("open_months")
    if months is not None and not (
        isinstance(months, list)
        and months
        and all(isinstance(m, int) and not isinstance(m, bool) and 1 <= m <= 12 for m in months)
        and len(set(months)) == len(months)
    ):
        at.error("open_months", f"must list distinct months 1-12, got {months!r}", "e.g. [7, 8, 9, 10]")
    stated = lengths(state, at, props.get("lengths"))
    if geom is not None:
        state.links[at.feature] = Link(at.feature, layer, props, geom)
        _line_measures(at, layer, geom, stated)


def check_layers(state: State) -> None:
    """Check every feature of every layer, in the order of :data:`corridormap.vocab.LAYERS`."""
    for layer in LAYERS:
        for at, props, geom in features(state, layer):
            common(state, at, layer, props)
            if layer in NODE_LAYERS:
                node(state, at, layer, props, geom)
            else:
                link(state, at, layer, props, geom)

"""Checks of each feature of the GeoJSON layers: ids, common properties, nodes and links."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from ..vocab import (
    COMMODITIES,
    CROSSING_MODES,
    GEOMETRY_QUALITIES,
    ID_PREFIXES,
    KINDS,
    LAYERS,
    NODE_LAYERS,
    OPENED_STATUSES,
    PLANNED_STATUSES,
    STATUSES,
    UNDATED_PLACE_KINDS,
)
from ._report import At
from ._state import ID_RE, Node, State, is_text, member, one_of, subset
from .geometry import geometry
from .links import link
from .records import capacities, claims, date_field, figures, sources_list

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
        if props["expected"] is not None and member(status, OPENED_STATUSES):
            message = f'a {status} feature has opened: "expected" is for what is not yet open'
            at.error("expected", message, 'set "expected": null (the opening date goes in "opened")')
    if "closed" in props:
        closed = date_field(at, "closed", props["closed"])
        if opened and closed and closed < opened:
            at.error("closed", "closes before it opened", "check both dates")
        if status == "operating" and props["closed"] is not None:
            fix = 'remove "closed", or set the status to suspended or decommissioned'
            at.error("closed", "an operating feature has no closing date", fix)
    elif status == "decommissioned":
        at.error(
            "closed", "a decommissioned feature needs its closing date", 'add "closed": "YYYY[-MM[-DD]]"'
        )
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


def check_layers(state: State) -> None:
    """Check every feature of every layer, in the order of :data:`corridormap.vocab.LAYERS`."""
    for layer in LAYERS:
        for at, props, geom in features(state, layer):
            common(state, at, layer, props)
            if layer in NODE_LAYERS:
                node(state, at, layer, props, geom)
            else:
                link(state, at, layer, props, geom)

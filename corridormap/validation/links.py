"""Checks of a line feature's own properties: mode, flags, gauge, months, lengths and provenance."""

from __future__ import annotations

from typing import Any

from .. import settings
from ..geodesy import length_km, segment_lengths_km
from ..vocab import COMPARED_LENGTH_BASES, GAUGES_MM, LAYER_MODES, PASSAGES, RAIL_TRAFFIC
from ._report import At
from ._state import Link, State, as_list, is_number, is_text, member, one_of, subset
from .records import lengths

#: Geometry qualities held to :data:`corridormap.settings.traced_length_tolerance`.
_TRACED = frozenset({"traced", "surveyed"})

#: Claim fields that explain a gap between a stated length and the line.
_LENGTH_CLAIMS = frozenset({"length_km", "lengths"})


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


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
        if not undecided and not (subset(gauge, GAUGES_MM) and gauge and all(_is_int(g) for g in gauge)):
            message = f"must be [1520], [1435] or [1435, 1520], got {gauge!r}"
            at.error("gauge_mm", message, "give the track gauge")


def _flags_and_counts(at: At, props: dict[str, Any]) -> None:
    for key in ("directed", "arctic", "electrified"):
        if key in props and not isinstance(props[key], bool):
            got = props[key]
            at.error(key, f"must be true or false, got {got!r}", f'write "{key}": true or false, unquoted')
    for key, word in (("tracks", "a whole number of tracks"), ("diameter_mm", "a whole number of mm")):
        value: Any = props.get(key)
        if key in props and not (_is_int(value) and value > 0):
            at.error(key, f"must be {word} > 0, got {value!r}", f'write e.g. "{key}": 2')
    speed: Any = props.get("speed_kmh")
    if "speed_kmh" in props and not (is_number(speed) and speed > 0):
        at.error("speed_kmh", f"must be a number > 0, got {speed!r}", "give the line speed in km/h")


def _new_fields(at: At, layer: str, props: dict[str, Any]) -> None:
    """Check the optional fields ``traffic``, ``passage`` and ``geometry_source``."""
    if "traffic" in props:
        if not _carries_rail(layer, props):
            at.error("traffic", "only railway links say what traffic they carry", "remove it")
        elif not member(props["traffic"], RAIL_TRAFFIC):
            at.error("traffic", f"unknown traffic {props['traffic']!r}", one_of(RAIL_TRAFFIC))
    if "passage" in props:
        if layer != "sea_lanes":
            at.error("passage", "only sea lanes are part of a passage", "remove it")
        elif not member(props["passage"], PASSAGES):
            at.error("passage", f"unknown passage {props['passage']!r}", one_of(PASSAGES))
    source = props.get("geometry_source")
    if "geometry_source" in props:
        if not isinstance(source, dict):
            fix = 'write {"dataset": ..., "licence": ...}'
            at.error("geometry_source", "must be an object naming the dataset and its licence", fix)
            return
        for key in ("dataset", "licence"):
            if not is_text(source.get(key)):
                message = f"lacks {key!r}: where the line comes from and under what licence"
                at.error(f"geometry_source.{key}", message, f"give the {key} as text (see geodata/README.md)")
        along: Any = source.get("network_length_km")
        if "network_length_km" in source and not (is_number(along) and along > 0):
            message = f"must be the along-track length in km > 0, got {along!r}"
            at.error(
                "geometry_source.network_length_km", message, "rerun scripts/alignments/derive_alignments.py"
            )


def _months(at: At, months: Any) -> None:
    if months is not None and not (
        isinstance(months, list)
        and months
        and all(_is_int(m) and 1 <= m <= 12 for m in months)
        and len(set(months)) == len(months)
    ):
        at.error("open_months", f"must list distinct months 1-12, got {months!r}", "e.g. [7, 8, 9, 10]")


def _explained(at: At, props: dict[str, Any]) -> dict[str, str]:
    """Return, for each stated length a claim explains, the claim's note, keyed by its place.

    A claim on ``length_km`` or ``lengths`` explains the gap of the stated lengths it names in
    ``explains``: the values (in their own unit) of the records it is about.  A claim without
    ``explains`` explains no gap; one that names a value no record states is an error.
    """
    stated = {
        where: rec.get("value")
        for where, rec in _records(props.get("lengths"))
        if is_number(rec.get("value"))
    }
    out: dict[str, str] = {}
    for i, claim in enumerate(as_list(props.get("claims"))):
        if not (
            isinstance(claim, dict) and member(claim.get("field"), _LENGTH_CLAIMS) and "explains" in claim
        ):
            continue
        where = f"claims[{i}].explains"
        values = claim["explains"]
        if not (isinstance(values, list) and values and all(is_number(v) for v in values)):
            at.error(where, f"must list the stated lengths the claim explains, got {values!r}", "e.g. [456]")
            continue
        note = claim.get("note")
        text = note if isinstance(note, str) else f"a claim of {claim.get('value')!r}"
        for value in values:
            about = [place for place, v in stated.items() if v == value]
            if not about:
                fix = "name the value of one of this feature's lengths records"
                at.error(where, f"explains {value!r}, but no stated length has that value", fix)
            for place in about:
                out.setdefault(place, text)
    return out


def _records(value: Any) -> list[tuple[str, dict[str, Any]]]:
    return [(f"lengths[{i}]", rec) for i, rec in enumerate(as_list(value)) if isinstance(rec, dict)]


def _measured(props: dict[str, Any], geom: Any) -> tuple[float, str]:
    """Return a link's length and what it is: along the track where an upstream network measures it.

    A link derived from an upstream network (``geometry_source.network_length_km``, written by
    ``scripts/alignments``) is drawn through the network's nodes, which cuts the curves of a
    generalised line; the network's own edge lengths measure the track, and routing uses them.
    """
    source = props.get("geometry_source")
    value: Any = source.get("network_length_km") if isinstance(source, dict) else None
    drawn = length_km(geom)
    if is_number(value) and value > 0:
        return float(value), f"{value:,.1f} km along the track (drawn {drawn:,.1f} km)"
    return drawn, f"{drawn:,.1f} km"


def _compare_lengths(at: At, props: dict[str, Any], geom: Any, stated: list[tuple[str, float, str]]) -> None:
    traced = member(props.get("geometry_quality"), _TRACED)
    tol = settings.traced_length_tolerance if traced else settings.length_tolerance
    computed, measures = _measured(props, geom)
    explained = _explained(at, props)
    for where, km, basis in stated:
        if basis not in COMPARED_LENGTH_BASES or abs(computed - km) <= tol * km:
            continue
        gap = f"stated length {km:,.1f} km but the line measures {measures}"
        if not traced:
            fix = "fix the geometry, or mark a length that covers more than this feature with basis stated_total"
            at.error(where, f"{gap}: more than ±{tol:.0%} even for approximate geometry", fix)
            continue
        claim = explained.get(where)
        if claim is None:
            fix = f"fix the line, mark the length stated_total, or explain the gap in a claim that explains [{km:g}]"
            at.error(where, f"{gap}: more than ±{tol:.0%} for {props['geometry_quality']} geometry", fix)
        else:
            at.warn(where, f"{gap} (more than ±{tol:.0%}); a claim explains: {claim}", "kept as stated")


def _line_measures(
    at: At, layer: str, props: dict[str, Any], geom: Any, stated: list[tuple[str, float, str]]
) -> None:
    _compare_lengths(at, props, geom, stated)
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
    _flags_and_counts(at, props)
    _new_fields(at, layer, props)
    _months(at, props.get("open_months"))
    stated = lengths(state, at, props.get("lengths"))
    if geom is not None:
        state.links[at.feature] = Link(at.feature, layer, props, geom)
        _line_measures(at, layer, props, geom, stated)

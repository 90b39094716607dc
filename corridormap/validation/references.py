"""Checks between records: the sources registry, links' ends and vias, and sources nobody cites."""

from __future__ import annotations

import re
from typing import Any

from .. import settings
from ..geodesy import distance_km, distance_to_line_km
from ..vocab import SOURCE_KINDS
from ._report import At
from ._state import ID_RE, Link, Node, State, as_list, is_text, member, one_of
from .records import date_field

_URL_RE = re.compile(r"^https?://\S+$")


def _source(state: State, i: int, entry: Any) -> None:
    file = "sources.json"
    if not isinstance(entry, dict):
        state.at(file, f"#{i}").error("-", "each source must be an object", "see geodata/README.md")
        return
    sid = entry.get("id")
    if not (isinstance(sid, str) and ID_RE.match(sid)):
        label = sid if isinstance(sid, str) else f"#{i}"
        fix = "use lower-case letters, digits and hyphens"
        state.at(file, label).error("id", f"not a readable slug: {sid!r}", fix)
        return
    at = state.at(file, sid)
    if sid in state.source_ids:
        at.error("id", "duplicate source id", "give each source its own id")
    state.source_ids.add(sid)
    for key in ("title", "publisher"):
        if not is_text(entry.get(key)):
            at.error(key, "missing", f"give the source's {key}")
    url = entry.get("url")
    if not (isinstance(url, str) and _URL_RE.match(url)):
        at.error("url", f"not an http(s) URL: {url!r}", "give the public address of the source")
    date_field(at, "date", entry.get("date"), allow_null=True)
    if entry.get("date") is None and "accessed" not in entry:
        at.error("accessed", "an undated source needs the date it was read", 'add "accessed": "YYYY-MM-DD"')
    if "accessed" in entry:
        date_field(at, "accessed", entry.get("accessed"))
    if not member(entry.get("kind"), SOURCE_KINDS):
        at.error("kind", f"unknown kind {entry.get('kind')!r}", one_of(SOURCE_KINDS))


def check_sources(state: State) -> None:
    """Check ``sources.json`` and record its ids in ``state.source_ids``."""
    doc = state.raw.sources
    if doc is None:
        return
    entries = doc.get("sources") if isinstance(doc, dict) else None
    if not isinstance(entries, list):
        fix = "see geodata/README.md"
        state.at("sources.json", "-").error("sources", "must be an object with a list 'sources'", fix)
        return
    for i, entry in enumerate(entries):
        _source(state, i, entry)


def _ends(state: State, at: At, link: Link) -> None:
    tol = settings.endpoint_tolerance_km
    parts = getattr(link.geometry, "geoms", [link.geometry])
    ends = {"from": parts[0].coords[0], "to": parts[-1].coords[-1]}
    for end, (lon, lat) in ends.items():
        nid = link.props.get(end)
        if not isinstance(nid, str):
            continue
        node = state.nodes.get(nid)
        if node is None:
            kind = "a link, not a node" if nid in state.links else "no such node"
            at.error(end, f"{nid!r}: {kind}", "name a node id from places, ports or border_crossings")
            continue
        gap = float(distance_km(lon, lat, node.lon, node.lat))
        if gap > tol:
            at.error(
                end,
                f"line {'starts' if end == 'from' else 'ends'} {gap:,.1f} km from node {nid!r}",
                f"move the line's {'first' if end == 'from' else 'last'} vertex to the node (within {tol:g} km)",
            )


def _vias(state: State, at: At, link: Link) -> None:
    tol = settings.endpoint_tolerance_km
    props = link.props
    via = as_list(props.get("via"))
    for i, nid in enumerate(via):
        node = state.nodes.get(nid) if isinstance(nid, str) else None
        if node is None:
            at.error(f"via[{i}]", f"{nid!r}: no such node", "name a node id the link passes")
            continue
        gap = distance_to_line_km(node.lon, node.lat, link.geometry)
        if gap > tol:
            fix = f"route the line through the node (within {tol:g} km)"
            at.error(f"via[{i}]", f"line passes {gap:,.1f} km from {nid!r}", fix)
    countries = as_list(props.get("countries"))
    if all(isinstance(c, str) for c in countries) and set(countries) == {"RU", "CN"}:
        touched = [props.get("from"), props.get("to"), *via]
        if not any(
            state.nodes.get(n, Node(0, 0, "")).layer == "border_crossings"
            for n in touched
            if isinstance(n, str)
        ):
            at.error(
                "via",
                "a link between Russia and China passes no border crossing",
                'add the crossing\'s id to "via" (or end the link at it)',
            )


def check_references(state: State) -> None:
    """Check that links end at, pass and cross the nodes they name."""
    for link in state.links.values():
        at = state.at(f"{link.layer}.geojson", link.fid)
        _ends(state, at, link)
        _vias(state, at, link)
    for fid, link in state.links.items():
        crossing = link.props.get("crossing")
        if crossing is not None and (
            not member(crossing, state.nodes) or state.nodes[crossing].layer != "border_crossings"
        ):
            state.at(f"{link.layer}.geojson", fid).error(
                "crossing", f"{crossing!r} is not a border crossing", "name a bc- id"
            )


def check_unused_sources(state: State) -> None:
    """Warn of each source that no feature or record cites."""
    for sid in sorted(state.source_ids - state.cited):
        state.at("sources.json", sid).warn(
            "id", "source is not cited by any feature or record", "cite it or remove it"
        )

"""Checks of the tables: corridors.json, parameters.json and trade.csv."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from .. import settings
from .._errors import CorridorMapError
from ..units import convert
from ..vocab import CORRIDOR_KINDS, PARAMETER_UNITS, STATUSES
from ._report import At
from ._state import ID_RE, State, as_list, is_number, is_text, member, one_of
from .records import capacities, figures, sources_list, unit_field

_TRADE_COLUMNS = ("year", "trade_100m_usd", "growth_stated_pct", "growth_computed_pct", "source")
# optional: an official figure kept beside the source's (China's customs beside the article's)
_OFFICIAL_COLUMNS = ("official_trade_100m_usd", "official_growth_pct", "official_source")


def _continuity(state: State, at: At, where: str, chain: list[str]) -> None:
    def ends(lid: str) -> set[str]:
        p = state.links[lid].props
        via = as_list(p.get("via"))
        return {n for n in (p.get("from"), p.get("to"), *via) if isinstance(n, str)}

    for a, b in pairwise(chain):
        if a in state.links and b in state.links and not ends(a) & ends(b):
            at.error(where, f"{a!r} and {b!r} share no node", "list the links in order along the corridor")


def _chains(at: At, cor: dict[str, Any]) -> list[tuple[str, Any]]:
    chains = [("links", cor.get("links"))]
    branches = cor.get("branches", [])
    if not isinstance(branches, list):
        at.error("branches", "must be a list of link-id lists", 'write [["rail-..."]]')
        branches = []
    return chains + [(f"branches[{k}]", b) for k, b in enumerate(branches)]


def _corridor(state: State, at: At, cor: dict[str, Any]) -> None:
    for key in ("name", "name_ru", "name_zh"):
        if not is_text(cor.get(key)):
            at.error(key, "missing or empty", "give the corridor's names")
    if not member(cor.get("kind"), CORRIDOR_KINDS):
        at.error("kind", f"unknown kind {cor.get('kind')!r}", one_of(CORRIDOR_KINDS))
    if not member(cor.get("status"), STATUSES):
        at.error("status", f"unknown status {cor.get('status')!r}", one_of(STATUSES))
    for where, chain in _chains(at, cor):
        if not (isinstance(chain, list) and chain and all(isinstance(x, str) for x in chain)):
            at.error(where, "must be a non-empty list of link ids", "list the links in order")
            continue
        for j, lid in enumerate(chain):
            if lid not in state.links:
                at.error(f"{where}[{j}]", f"{lid!r} is not a link", "name a link id from a line layer")
        _continuity(state, at, where, chain)
    capacities(state, at, cor.get("capacities"))
    figures(state, at, cor.get("figures"))
    sources_list(state, at, "sources", cor.get("sources"))


def check_corridors(state: State) -> None:
    """Check ``corridors.json``: names, kinds, and chains of links that join up."""
    doc, file = state.raw.corridors, "corridors.json"
    if doc is None:
        return
    items = doc.get("corridors") if isinstance(doc, dict) else None
    if not isinstance(items, list):
        fix = "see geodata/README.md"
        state.at(file, "-").error("corridors", "must be an object with a list 'corridors'", fix)
        return
    for i, cor in enumerate(items):
        if not isinstance(cor, dict) or not (isinstance(cor.get("id"), str) and ID_RE.match(cor["id"])):
            message = "each corridor is an object with a readable id"
            state.at(file, f"#{i}").error("id", message, "see geodata/README.md")
            continue
        cid = cor["id"]
        at = state.at(file, cid)
        if cid in state.ids:
            at.error("id", f"duplicate id (also in {state.ids[cid]})", "ids must be unique")
        state.ids[cid] = file
        _corridor(state, at, cor)


def check_parameters(state: State) -> None:
    """Check ``parameters.json``: each parameter's value, unit, grounds and sources."""
    doc, file = state.raw.parameters, "parameters.json"
    if doc is None:
        return
    params = doc.get("parameters") if isinstance(doc, dict) else None
    if not isinstance(params, dict):
        message = "must be an object 'parameters' of name -> record"
        state.at(file, "-").error("parameters", message, "see geodata/README.md")
        return
    for name, rec in params.items():
        at = state.at(file, name)
        if not isinstance(rec, dict):
            at.error("-", "must be an object", "give value, unit, basis, note and sources")
            continue
        value = rec.get("value")
        if not (is_number(value) or (isinstance(value, list) and value and all(is_number(v) for v in value))):
            at.error("value", f"must be a number or a list of numbers, got {value!r}", "write the value")
        elif unit_field(at, "unit", rec.get("unit")):
            _parameter_value(at, str(name), value, rec["unit"])
        for key in ("basis", "note"):
            if not is_text(rec.get(key)):
                at.error(key, "missing", f"say the parameter's {key}: an assumption needs its grounds")
        sources_list(state, at, "sources", rec.get("sources"))
    for name in PARAMETER_UNITS:
        if name not in params:
            message = f"the transport graph needs {name!r} ({PARAMETER_UNITS[name]})"
            state.at(file, name).error("-", message, "add it with a value, unit, basis, note and sources")


def _parameter_value(at: At, name: str, value: Any, unit: str) -> None:
    """Check a parameter's value against what the graph reads: its unit, sign and months."""
    if name.startswith("season."):
        if not (
            isinstance(value, list)
            and all(isinstance(m, int) and not isinstance(m, bool) and 1 <= m <= 12 for m in value)
            and len(set(value)) == len(value)
        ):
            at.error("value", f"a season lists distinct months 1-12, got {value!r}", "e.g. [7, 8, 9, 10]")
        if unit != "month":
            at.error("unit", f"a season is counted in months, got {unit!r}", 'write "unit": "month"')
        return
    expected = PARAMETER_UNITS.get(name)
    if expected is None:
        return
    if not is_number(value):
        at.error("value", f"must be one number, got {value!r}", f"write the value in {expected}")
        return
    try:
        convert(1.0, unit, expected)
    except CorridorMapError:
        at.error("unit", f"{unit!r} cannot be converted to {expected}", f"give the value in {expected}")
        return
    positive = name.startswith(("speed.", "time."))
    if (positive and value <= 0) or value < 0:
        bound = "> 0" if positive else ">= 0"
        at.error("value", f"must be {bound}, got {value!r}", "a speed or a time must be positive")


def _float_or_none(text: Any) -> float | None:
    try:
        return float(text) if text not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _growth(at: At, row: dict[str, str], value: float, previous: float | None) -> None:
    stated = _float_or_none(row["growth_stated_pct"])
    computed = _float_or_none(row["growth_computed_pct"])
    if previous is not None:
        expected = round((value / previous - 1.0) * 100.0, 1)
        if computed is None or abs(computed - expected) > 0.05:
            at.error(
                "growth_computed_pct",
                f"should be {expected} (from the volumes), got {row['growth_computed_pct']!r}",
                "recompute it from this year's and last year's volumes",
            )
        if stated is not None and abs(stated - expected) > settings.growth_tolerance_pp:
            at.warn(
                "growth_stated_pct",
                f"stated growth {stated}% differs from {expected}% computed from the volumes",
                "kept as stated; the source's figures disagree with each other",
            )
    elif computed is not None:
        at.error("growth_computed_pct", "no previous year to compute from", "leave it empty")


def _official(state: State, at: At, row: dict[str, str], previous: float | None) -> float | None:
    """Check a row's official figure, if any, and return it."""
    text, growth = row.get("official_trade_100m_usd", ""), row.get("official_growth_pct", "")
    value = _float_or_none(text)
    if text not in (None, "") and value is None:
        at.error(
            "official_trade_100m_usd", f"not a number: {text!r}", "write the official volume as a number"
        )
    if growth not in (None, "") and _float_or_none(growth) is None:
        at.error("official_growth_pct", f"not a number: {growth!r}", "write the official growth as a number")
    if value is None:
        if growth or row.get("official_source"):
            at.error(
                "official_trade_100m_usd",
                "official growth or source without an official volume",
                "give the official volume, or leave all three official columns empty",
            )
        return None
    ids = [sid.strip() for sid in (row.get("official_source") or "").split(";") if sid.strip()]
    if not ids:
        at.error(
            "official_source", "an official volume needs its source", "name the source id (ids apart by ';')"
        )
    else:
        sources_list(state, at, "official_source", ids)
    stated = _float_or_none(growth)
    if previous is not None and stated is not None:
        expected = round((value / previous - 1.0) * 100.0, 1)
        if abs(stated - expected) > settings.growth_tolerance_pp:
            at.warn(
                "official_growth_pct",
                f"official growth {stated}% differs from {expected}% computed from the official volumes",
                "kept as published; the previous year's figure may have been revised",
            )
    return value


def check_trade(state: State) -> None:
    """Check ``trade.csv``: header, numbers, growth from the volumes, and official figures."""
    rows, file = state.raw.trade, "trade.csv"
    if rows is None:
        return
    got = tuple(rows[0].keys()) if rows else ()
    if got not in (_TRADE_COLUMNS, _TRADE_COLUMNS + _OFFICIAL_COLUMNS):
        message = (
            f"columns must be {', '.join(_TRADE_COLUMNS)}, optionally followed by "
            f"{', '.join(_OFFICIAL_COLUMNS)}; got {', '.join(map(str, got))}"
        )
        state.at(file, "-").error("header", message, "fix the header row")
        return
    previous: float | None = None
    official: float | None = None
    for i, row in enumerate(rows, start=2):
        try:
            year = int(row["year"])
            value = float(row["trade_100m_usd"])
        except (TypeError, ValueError):
            fix = "write the year and the volume as numbers"
            state.at(file, f"line {i}").error("year/trade_100m_usd", "not numbers", fix)
            previous = official = None
            continue
        at = state.at(file, str(year))
        _growth(at, row, value, previous)
        sources_list(state, at, "source", [row["source"]] if row.get("source") else [])
        official = _official(state, at, row, official)
        previous = value

"""Checks of the tables: corridors.json, parameters.json and trade.csv."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from .. import settings
from ..vocab import CORRIDOR_KINDS, STATUSES
from ._report import At
from ._state import ID_RE, State, as_list, is_number, is_text, member, one_of
from .records import capacities, figures, sources_list, unit_field

_TRADE_COLUMNS = ("year", "trade_100m_usd", "growth_stated_pct", "growth_computed_pct", "source")


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
        unit_field(at, "unit", rec.get("unit"))
        for key in ("basis", "note"):
            if not is_text(rec.get(key)):
                at.error(key, "missing", f"say the parameter's {key}: an assumption needs its grounds")
        sources_list(state, at, "sources", rec.get("sources"))


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


def check_trade(state: State) -> None:
    """Check ``trade.csv``: its header, numbers, and growth computed from the volumes."""
    rows, file = state.raw.trade, "trade.csv"
    if rows is None:
        return
    if not rows or tuple(rows[0].keys()) != _TRADE_COLUMNS:
        got = tuple(rows[0].keys()) if rows else ()
        message = f"columns must be {', '.join(_TRADE_COLUMNS)}; got {', '.join(map(str, got))}"
        state.at(file, "-").error("header", message, "fix the header row")
        return
    previous: float | None = None
    for i, row in enumerate(rows, start=2):
        try:
            year = int(row["year"])
            value = float(row["trade_100m_usd"])
        except (TypeError, ValueError):
            fix = "write the year and the volume as numbers"
            state.at(file, f"line {i}").error("year/trade_100m_usd", "not numbers", fix)
            previous = None
            continue
        at = state.at(file, str(year))
        _growth(at, row, value, previous)
        sources_list(state, at, "source", [row["source"]] if row.get("source") else [])
        previous = value

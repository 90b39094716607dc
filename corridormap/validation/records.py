"""Checks of the records inside features: capacities, figures, claims, lengths, dates, units, sources."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .._errors import UnknownUnitError
from ..dates import parse_date
from ..units import convert, parse_unit
from ..vocab import BASES, COMMODITIES, COMMODITY_DIMENSIONS, FIGURE_BASES, LENGTH_BASES
from ._report import At
from ._state import State, is_number, is_text, member, one_of

RECORDS_FIX = "see geodata/README.md, Records"


def sources_list(state: State, at: At, fld: str, value: Any, required: bool = True) -> None:
    """Check a list of source ids and mark them cited.

    Parameters
    ----------
    state
        The checks' shared state (its ``source_ids`` and ``cited``).
    at
        Where to report.
    fld
        The field holding the list.
    value
        The list from the data.
    required
        Whether the list must be there and not empty.
    """
    if value is None and not required:
        return
    if not isinstance(value, list) or (required and not value):
        at.error(fld, "needs a non-empty list of source ids", "cite at least one id from sources.json")
        return
    for i, sid in enumerate(value):
        if not isinstance(sid, str):
            at.error(f"{fld}[{i}]", f"source id must be a string, got {sid!r}", "use an id from sources.json")
        elif sid not in state.source_ids:
            at.error(
                f"{fld}[{i}]", f"unknown source id {sid!r}", "add it to sources.json or fix the spelling"
            )
        else:
            state.cited.add(sid)


def date_field(at: At, fld: str, value: Any, allow_null: bool = False) -> dt.date | None:
    """Check an ISO 8601 date of year, month or day precision.

    Parameters
    ----------
    at
        Where to report.
    fld
        The field holding the date.
    value
        The date from the data.
    allow_null
        Whether ``None`` is allowed (and returned without a problem).

    Returns
    -------
    datetime.date or None
        The date, or None if it is null or not a date.
    """
    if value is None and allow_null:
        return None
    parsed = parse_date(value)
    if parsed is None:
        at.error(
            fld, f"not an ISO 8601 date: {value!r}", "write YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2022-06-10)"
        )
    return parsed


def unit_field(at: At, fld: str, unit: Any) -> bool:
    """Check a unit against the units registry; return whether it is known."""
    try:
        parse_unit(unit)
    except UnknownUnitError as exc:
        at.error(fld, str(exc), "use a unit listed in geodata/README.md")
        return False
    return True


def year_field(at: At, fld: str, value: Any) -> None:
    """Check a year: a whole number from 1800 to 2100."""
    if not (isinstance(value, int) and not isinstance(value, bool) and 1800 <= value <= 2100):
        at.error(fld, f"year must be a whole number from 1800 to 2100, got {value!r}", "write e.g. 2019")


def record_list(at: At, fld: str, value: Any) -> list[tuple[str, dict[str, Any]]]:
    """Check a list of records.

    Parameters
    ----------
    at
        Where to report.
    fld
        The field holding the list, e.g. ``"capacities"``.
    value
        The list from the data; ``None`` for none.

    Returns
    -------
    list of (str, dict)
        Each record that is an object, with its place, e.g. ``"capacities[0]"``.
    """
    if value is None:
        return []
    if not isinstance(value, list):
        at.error(fld, "must be a list of records", "wrap the record(s) in [ ]")
        return []
    out = []
    for i, rec in enumerate(value):
        if isinstance(rec, dict):
            out.append((f"{fld}[{i}]", rec))
        else:
            at.error(f"{fld}[{i}]", "must be an object", RECORDS_FIX)
    return out


def _dated_and_sourced(state: State, at: At, where: str, rec: dict[str, Any]) -> None:
    if "year" in rec:
        year_field(at, f"{where}.year", rec["year"])
    if "date" in rec:
        date_field(at, f"{where}.date", rec["date"])
    if "sources" in rec:
        sources_list(state, at, f"{where}.sources", rec["sources"])


def _capacity_unit(at: At, where: str, unit: Any, commodity: Any) -> None:
    dims = parse_unit(unit).dimensionality
    if dims.get("[time]", 0) != -1:
        at.error(
            f"{where}.unit",
            f"{unit!r} is not a rate",
            "a capacity is an amount per time, e.g. Mt/yr or bcm/yr",
        )
    elif member(commodity, COMMODITY_DIMENSIONS):
        amount = str(dims * parse_unit("s").dimensionality)
        if amount not in COMMODITY_DIMENSIONS[str(commodity)]:
            at.error(
                f"{where}.unit",
                f"{unit!r} does not measure {commodity}",
                "oil and cargo in tonnes, gas in cubic metres, containers in TEU",
            )


def capacities(state: State, at: At, value: Any, fld: str = "capacities") -> None:
    """Check a list of capacity records (see geodata/README.md, Records)."""
    for where, rec in record_list(at, fld, value):
        missing = [k for k in ("commodity", "value", "unit", "basis", "year", "sources") if k not in rec]
        if missing:
            fix = "give commodity, value, unit, basis, year and sources"
            at.error(where, f"capacity record lacks {', '.join(missing)}", fix)
        commodity = rec.get("commodity")
        if "commodity" in rec and not member(commodity, COMMODITIES):
            at.error(f"{where}.commodity", f"unknown commodity {commodity!r}", one_of(COMMODITIES))
        if "value" in rec and not (is_number(rec["value"]) and rec["value"] >= 0):
            at.error(f"{where}.value", f"must be a number >= 0, got {rec['value']!r}", "write a number")
        if "unit" in rec and unit_field(at, f"{where}.unit", rec["unit"]):
            _capacity_unit(at, where, rec["unit"], commodity)
        if "basis" in rec and not member(rec["basis"], BASES):
            at.error(f"{where}.basis", f"unknown basis {rec['basis']!r}", one_of(BASES))
        _dated_and_sourced(state, at, where, rec)


def figures(state: State, at: At, value: Any, fld: str = "figures") -> None:
    """Check a list of figure records (see geodata/README.md, Records)."""
    for where, rec in record_list(at, fld, value):
        missing = [k for k in ("metric", "value", "unit", "basis", "sources") if k not in rec]
        if "year" not in rec and "date" not in rec:
            missing.append("year or date")
        if missing:
            at.error(where, f"figure record lacks {', '.join(missing)}", RECORDS_FIX)
        if "metric" in rec and not is_text(rec["metric"]):
            at.error(f"{where}.metric", "must be a non-empty string", "name what the figure measures")
        if "value" in rec and not is_number(rec["value"]):
            at.error(f"{where}.value", f"must be a number, got {rec['value']!r}", "write a number")
        if "unit" in rec:
            unit_field(at, f"{where}.unit", rec["unit"])
        if "basis" in rec and not member(rec["basis"], FIGURE_BASES):
            at.error(f"{where}.basis", f"unknown basis {rec['basis']!r}", one_of(FIGURE_BASES))
        _dated_and_sourced(state, at, where, rec)


def claims(state: State, at: At, value: Any) -> None:
    """Check a list of claim records: what a source states about a field."""
    for where, rec in record_list(at, "claims", value):
        if not is_text(rec.get("field")):
            at.error(f"{where}.field", "must name the field the claim is about", 'e.g. "opened"')
        if "value" not in rec:
            at.error(f"{where}.value", "claim has no value", "give the value the source states")
        sources_list(state, at, f"{where}.sources", rec.get("sources"))


def lengths(state: State, at: At, value: Any) -> list[tuple[str, float, str]]:
    """Check a list of stated lengths.

    Parameters
    ----------
    state
        The checks' shared state.
    at
        Where to report.
    value
        The list from the data.

    Returns
    -------
    list of (str, float, str)
        Each valid length's place, value in km and basis.
    """
    out = []
    for where, rec in record_list(at, "lengths", value):
        ok = True
        if not (is_number(rec.get("value")) and rec["value"] > 0):
            at.error(f"{where}.value", f"must be a number > 0, got {rec.get('value')!r}", "write the length")
            ok = False
        unit = rec.get("unit")
        if not unit_field(at, f"{where}.unit", unit):
            ok = False
        elif str(parse_unit(unit).dimensionality) != "[length]":
            at.error(f"{where}.unit", f"{unit!r} is not a length", "use km, m or nmi")
            ok = False
        basis = rec.get("basis", "stated")
        if not member(basis, LENGTH_BASES):
            at.error(f"{where}.basis", f"unknown length basis {basis!r}", one_of(LENGTH_BASES))
            ok = False
        sources_list(state, at, f"{where}.sources", rec.get("sources"))
        if ok:
            out.append((where, convert(rec["value"], str(unit), "km"), str(basis)))
    return out

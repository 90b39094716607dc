"""Which capacity record is in force at a date, in a unit the caller asks for.

A feature's ``capacities`` list holds every capacity record its sources give: design and
nameplate figures of its stages, estimates, targets and forecasts. What it actually carried (its
throughput) is a figure (``figures``, metric ``throughput``), not a capacity: capacity is what a
feature can carry, throughput what it did. The figure in force at a date is chosen by one rule,
used everywhere:

1. keep the records of the commodity whose ``basis`` is ``design``, ``nameplate`` or
   ``estimate`` (a ``target`` or ``forecast`` is not yet real, and an ``actual`` figure is a
   throughput, which never stands for a capacity) and which took effect at or before the date
   (``date`` if given, else 1 January of ``year``);
2. take the latest of them;
3. among records of the same date, prefer ``design`` to ``nameplate`` to ``estimate``, then the
   larger amount (compared in one unit, whatever units the records are stated in).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ._errors import UnknownUnitError
from .dates import parse_date
from .units import convert, parse_unit
from .vocab import COMMODITIES

__all__ = ["IN_FORCE_BASES", "canonical_unit", "capacity_in_force", "effective_date"]

#: Bases that can be in force, in order of preference at the same date.
IN_FORCE_BASES: tuple[str, ...] = ("design", "nameplate", "estimate")

#: The unit results are given in when the caller names none, by the dimension of the amount.
_CANONICAL = {
    "[mass]": "Mt/yr",
    "[length] ** 3": "bcm/yr",
    "[container]": "TEU/yr",
    "[passenger]": "passengers/yr",
    "[vehicle]": "vehicles/yr",
    "[train]": "trains/day",
}


def effective_date(record: dict[str, Any]) -> dt.date:
    """Return the date a capacity record takes effect (its ``date``, else 1 January of ``year``).

    Parameters
    ----------
    record
        A capacity record.

    Returns
    -------
    datetime.date
    """
    parsed = parse_date(record.get("date"))
    return parsed if parsed is not None else dt.date(int(record["year"]), 1, 1)


def canonical_unit(unit: str) -> str:
    """Return the unit a capacity is reported in by default (Mt/yr for tonnes, bcm/yr for gas ...).

    Parameters
    ----------
    unit
        Any capacity unit.

    Returns
    -------
    str
    """
    amount = str(parse_unit(unit).dimensionality * parse_unit("s").dimensionality)
    return _CANONICAL.get(amount, unit)


def capacity_in_force(
    records: list[dict[str, Any]] | None,
    commodity: str,
    as_of: dt.date | None = None,
    unit: str | None = None,
) -> dict[str, Any] | None:
    """Return the capacity record in force for a commodity at a date, converted to a unit.

    Parameters
    ----------
    records
        A feature's ``capacities``.
    commodity
        A commodity of the vocabulary (``oil``, ``gas``, ``containers`` ...).
    as_of
        The date; today if ``None``.
    unit
        The unit of the result; the commodity's canonical unit (Mt/yr, bcm/yr, TEU/yr ...) if
        ``None``.

    Returns
    -------
    dict or None
        The chosen record with ``value`` and ``unit`` converted and ``stated_value`` /
        ``stated_unit`` kept; ``None`` if no record of that commodity is in force.

    Raises
    ------
    UnknownUnitError
        If the commodity or the unit is unknown, or the unit does not fit the commodity.

    Examples
    --------
    >>> recs = [{"commodity": "oil", "value": 30, "unit": "Mt/yr", "basis": "design", "year": 2009},
    ...         {"commodity": "oil", "value": 80, "unit": "Mt/yr", "basis": "design", "year": 2019}]
    >>> import datetime as dt
    >>> capacity_in_force(recs, "oil", dt.date(2018, 6, 1))["value"]
    30.0
    >>> round(capacity_in_force(recs, "oil", dt.date(2020, 1, 1), "t/day")["value"])
    219028
    """
    if commodity not in COMMODITIES:
        raise UnknownUnitError(
            f"unknown commodity {commodity!r}: use one of {', '.join(sorted(COMMODITIES))}"
        )
    day = as_of or dt.date.today()
    candidates = [
        r
        for r in records or []
        if r.get("commodity") == commodity and r.get("basis") in IN_FORCE_BASES and effective_date(r) <= day
    ]
    if not candidates:
        return None

    def amount(r: dict[str, Any]) -> float:
        try:
            return convert(float(r["value"]), r["unit"], canonical_unit(r["unit"]))
        except UnknownUnitError:
            return float(r["value"])

    best = max(candidates, key=lambda r: (effective_date(r), -IN_FORCE_BASES.index(r["basis"]), amount(r)))
    target = unit or canonical_unit(best["unit"])
    try:
        value = convert(best["value"], best["unit"], target)
    except UnknownUnitError as exc:
        raise UnknownUnitError(
            f"{commodity} capacity in {best['unit']!r} cannot be given in {target!r}"
        ) from exc
    return {
        **best,
        "value": value,
        "unit": target,
        "stated_value": best["value"],
        "stated_unit": best["unit"],
    }

"""Units of capacities and figures, through one pint registry.

Capacities are stated in the units their sources use (``Mt/yr``, ``bcm/yr``, ``TEU/yr``,
``t/day``, ``mcm/day`` ...). This module parses and converts them with pint, extended with
the units that transport and energy statistics use and pint does not know: ``bcm`` and
``mcm`` (gas volume at standard conditions), ``TEU``, ``passenger``, ``vehicle``, ``train``,
currencies as their own dimensions, and ``kt`` as kilotonne (pint reads it as the knot).

Examples
--------
>>> from corridormap.units import convert
>>> round(convert(80, "Mt/yr", "t/day"))
219028
>>> round(convert(38, "bcm/yr", "mcm/day"), 1)
104.0
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ._errors import UnknownUnitError

if TYPE_CHECKING:
    import pint

__all__ = ["convert", "dimensionality", "is_rate", "parse_unit", "registry"]

_DEFINITIONS = """
kilotonne = 1000 * tonne = kt
TEU = [container] = _ = TEUs
FEU = 2 * TEU
passenger = [passenger] = _ = passengers
vehicle = [vehicle] = _ = vehicles
train = [train] = _ = trains
bcm = 1e9 * meter ** 3
mcm = 1e6 * meter ** 3
billion = 1e9 = bn
RUB = [currency_rub]
USD = [currency_usd]
CNY = [currency_cny]
"""


@lru_cache(maxsize=1)
def registry() -> pint.UnitRegistry[Any]:
    """Return the project's units registry (built once, on first use).

    Returns
    -------
    pint.UnitRegistry
        pint's default registry extended with the project's units.
    """
    import pint

    ureg: pint.UnitRegistry[Any] = pint.UnitRegistry(
        on_redefinition="ignore", autoconvert_offset_to_baseunit=True
    )
    for line in _DEFINITIONS.strip().splitlines():
        ureg.define(line)
    return ureg


@lru_cache(maxsize=256)
def parse_unit(unit: str) -> pint.Unit:
    """Parse a unit string such as ``"Mt/yr"``.

    Parameters
    ----------
    unit
        The unit as written in the dataset.

    Returns
    -------
    pint.Unit

    Raises
    ------
    UnknownUnitError
        If the string is not a unit the registry knows.
    """
    if not isinstance(unit, str) or not unit.strip():
        raise UnknownUnitError(f"unit must be a non-empty string, got {unit!r}")
    ureg = registry()
    try:
        parsed = ureg.parse_units(unit.strip())
    except Exception as exc:  # pint raises several unrelated types for bad strings
        raise UnknownUnitError(
            f"unknown unit {unit!r}: use one of Mt/yr, kt/yr, t/day, bcm/yr, mcm/day, TEU/yr, "
            "passengers/day, vehicles/day, trains/day (see geodata/README.md)"
        ) from exc
    return parsed


def dimensionality(unit: str) -> str:
    """Return the physical dimension of a unit as pint writes it, e.g. ``"[mass] / [time]"``.

    Parameters
    ----------
    unit
        A unit string.

    Returns
    -------
    str
    """
    return str(parse_unit(unit).dimensionality)


def is_rate(unit: str) -> bool:
    """Whether a unit is an amount per time (a capacity or flow).

    Parameters
    ----------
    unit
        A unit string.

    Returns
    -------
    bool
    """
    dims = parse_unit(unit).dimensionality
    return dims.get("[time]", 0) == -1


def convert(value: float, from_unit: str, to_unit: str) -> float:
    """Convert a value between two units of the same dimension.

    Parameters
    ----------
    value
        The number to convert.
    from_unit, to_unit
        Unit strings.

    Returns
    -------
    float

    Raises
    ------
    UnknownUnitError
        If either unit is unknown or the two have different dimensions.
    """
    ureg = registry()
    source, target = parse_unit(from_unit), parse_unit(to_unit)
    if source.dimensionality != target.dimensionality:
        raise UnknownUnitError(
            f"cannot convert {from_unit!r} ({source.dimensionality}) to {to_unit!r} ({target.dimensionality})"
        )
    return float(ureg.Quantity(value, source).to(target).magnitude)

"""Units: conversions a reader can check by hand."""

from __future__ import annotations

import pytest

from corridormap import UnknownUnitError
from corridormap.units import convert, dimensionality, is_rate, parse_unit


@pytest.mark.parametrize(
    ("value", "source", "target", "expected"),
    [
        (80, "Mt/yr", "t/day", 80e6 / 365.25),  # ESPO-1's 80 Mt/yr in tonnes a day (Julian year)
        (38, "bcm/yr", "mcm/day", 38e3 / 365.25),  # Power of Siberia's 38 bcm/yr in mcm a day
        (1, "kt/yr", "t/yr", 1000),  # kt is the kilotonne here, not pint's knot
        (1.3, "Mt/day", "Mt/yr", 1.3 * 365.25),  # Qingdao's average daily throughput, per year
        (1, "nmi", "km", 1.852),
        (2, "FEU/yr", "TEU/yr", 4),
    ],
)
def test_convert(value: float, source: str, target: str, expected: float) -> None:
    assert convert(value, source, target) == pytest.approx(expected)


def test_dimensions_keep_commodities_apart() -> None:
    assert dimensionality("Mt/yr") == "[mass] / [time]"
    assert dimensionality("bcm/yr") == "[length] ** 3 / [time]"
    assert dimensionality("TEU/yr") == "[container] / [time]"
    with pytest.raises(UnknownUnitError, match="cannot convert 'Mt/yr'"):
        convert(1, "Mt/yr", "bcm/yr")


def test_rates() -> None:
    assert is_rate("passengers/day") and is_rate("vehicles/day") and is_rate("trains/day")
    assert not is_rate("km") and not is_rate("bn RUB")


@pytest.mark.parametrize("bad", ["barrels of joy", "", "Mt/", None, 5])
def test_unknown_units_raise_a_clear_error(bad: object) -> None:
    with pytest.raises(UnknownUnitError):
        parse_unit(bad)  # type: ignore[arg-type]

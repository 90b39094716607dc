"""ISO 8601 dates of year, month or day precision, as the dataset writes them."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ._errors import InvalidArgumentError

__all__ = ["as_of_date", "check_month", "last_day", "parse_date"]

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_date(value: Any) -> dt.date | None:
    """Parse an ISO 8601 date of year, month or day precision.

    Parameters
    ----------
    value
        ``"2022"``, ``"2022-06"`` or ``"2022-06-10"``.

    Returns
    -------
    datetime.date or None
        The first day the value can mean (``"2022-06"`` gives 1 June 2022), or ``None`` if the
        value is not such a date.

    Examples
    --------
    >>> parse_date("2022-06")
    datetime.date(2022, 6, 1)
    >>> parse_date("June 2022") is None
    True
    """
    if not isinstance(value, str):
        return None
    match = _DATE_RE.match(value)
    if not match:
        return None
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def last_day(value: Any) -> dt.date | None:
    """Return the last day an ISO 8601 date of year, month or day precision can mean.

    A target "by 2024" is due at the end of 2024; one "by 2022-06" at the end of June.

    Parameters
    ----------
    value
        ``"2022"``, ``"2022-06"`` or ``"2022-06-10"``.

    Returns
    -------
    datetime.date or None
        ``None`` if the value is not such a date.

    Examples
    --------
    >>> last_day("2024")
    datetime.date(2024, 12, 31)
    >>> last_day("2024-02")
    datetime.date(2024, 2, 29)
    >>> last_day("2022-06-10")
    datetime.date(2022, 6, 10)
    """
    first = parse_date(value)
    if first is None:
        return None
    if len(value) == 4:
        return dt.date(first.year, 12, 31)
    if len(value) == 7:
        following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return first


def as_of_date(value: str | dt.date | None) -> dt.date:
    """Return the date a query is asked for: a user's ``YYYY[-MM[-DD]]`` or a date; today if ``None``.

    Parameters
    ----------
    value
        What the user gave (a ``datetime.datetime`` counts as its date).

    Returns
    -------
    datetime.date

    Raises
    ------
    InvalidArgumentError
        If the text is not such a date (``2019-02-30``, ``June 2019``).
    """
    if value is None:
        return dt.date.today()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise InvalidArgumentError(
            f"not a date: {value!r}; give YYYY-MM-DD (or YYYY, YYYY-MM) or a datetime.date"
        )
    parsed = parse_date(value)
    if parsed is None:
        raise InvalidArgumentError(f"not a date: {value!r}; write YYYY-MM-DD (or YYYY, YYYY-MM)")
    return parsed


def check_month(month: Any) -> int | None:
    """Return a month number 1-12 (or ``None``), or raise a clear error.

    Parameters
    ----------
    month
        What the user gave.

    Returns
    -------
    int or None

    Raises
    ------
    InvalidArgumentError
        If it is not a whole number from 1 to 12.
    """
    if month is not None and not (
        isinstance(month, int) and not isinstance(month, bool) and 1 <= month <= 12
    ):
        raise InvalidArgumentError(f"month must be 1-12, got {month!r}")
    return month

"""ISO 8601 dates of year, month or day precision, as the dataset writes them."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

__all__ = ["parse_date"]

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

"""Checking arguments at the public boundary: lists given as one string, and their items."""

from __future__ import annotations

from typing import Any

from ._errors import InvalidArgumentError

__all__ = ["names"]


def names(value: Any, what: str) -> list[str]:
    """Return ids, places or modes given as a list, or as one string (which is one item, not letters).

    Parameters
    ----------
    value
        A string, or an iterable of strings (``None`` for none).
    what
        The argument's name, for the error.

    Returns
    -------
    list of str

    Raises
    ------
    InvalidArgumentError
        If it is neither, or an item is not a string.

    Examples
    --------
    >>> names("rail", "modes"), names(("rail", "road"), "modes")
    (['rail'], ['rail', 'road'])
    """
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    try:
        items = list(value)
    except TypeError:
        raise InvalidArgumentError(f"{what} must be a string or a list of strings, got {value!r}") from None
    bad = [x for x in items if not isinstance(x, str)]
    if bad:
        raise InvalidArgumentError(f"{what} must hold strings; got {bad[0]!r}")
    return items

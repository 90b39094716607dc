"""The state of the network a query asks about, and the one rule for what is usable in it.

A :class:`Window` says when one link (or node) can be used: its own status and dates and those
of the crossings and ports at its ends. A :class:`Scenario` is the state a query asks about:
a date, a month, whether planned projects count, what is closed (ids and kinds), capacity
overrides and the modes allowed. :func:`usable` applies the one to the other; routes, flows,
comparisons, the maps' year control and the figures all use it, so "open at this date" is
stated once.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from ._args import names
from ._errors import InvalidArgumentError
from .dates import as_of_date, check_month, parse_date
from .vocab import CAPACITY_UNITS, PLANNED_STATUSES

__all__ = [
    "Scenario",
    "Window",
    "edge_window",
    "node_window",
    "scenario",
    "usable",
]

#: Layers whose nodes gate the links at their ends: a crossing or a port that has not opened
#: closes the links through it; a city, a junction or an offtake station does not.
GATE_LAYERS: frozenset[str] = frozenset({"border_crossings", "ports"})


@dataclass(frozen=True)
class Window:
    """When a link or node can be used: its own dates and status and those of the nodes it joins.

    Attributes
    ----------
    planned
        It, or one of its gating end nodes, is planned, proposed or under construction.
    cancelled
        It, or one of its gating end nodes, was cancelled.
    opened
        The latest opening date among it and its gating end nodes (``None`` if undated).
    expected
        For what is planned, the latest expected date (``None`` if none is published).
    closed
        When it closed or was suspended.
    months
        The months it is open (``None``: all year).
    """

    planned: bool = False
    cancelled: bool = False
    opened: dt.date | None = None
    expected: dt.date | None = None
    closed: dt.date | None = None
    months: frozenset[int] | None = None

    def is_open(self, as_of: dt.date, include_planned: bool = False, month: int | None = None) -> bool:
        """Whether it can be used at a date (and in a month).

        Parameters
        ----------
        as_of
            The date.
        include_planned
            Count planned projects as open once their expected date has passed (or always, if
            they have none).
        month
            1-12, or ``None`` for any month.

        Returns
        -------
        bool
        """
        if self.cancelled or (self.closed is not None and self.closed <= as_of):
            return False
        if self.planned:
            if not include_planned or (self.expected is not None and self.expected > as_of):
                return False
        elif self.opened is not None and self.opened > as_of:
            return False
        return not (month is not None and self.months is not None and month not in self.months)

    def years(self) -> list[Any]:
        """Return the years it is drawn in, for the maps' year control.

        Returns
        -------
        list
            ``[first year or None, first year it is no longer open or None, planned]``. A
            planned feature is shown only with planned projects on and from the present year on
            (the year control never shows the future as built).

        Examples
        --------
        >>> Window(opened=dt.date(2022, 6, 10)).years()
        [2022, None, False]
        """
        return [
            self.opened.year if self.opened and not self.planned else None,
            self.closed.year if self.closed else None,
            self.planned,
        ]


def _window(items: Iterable[Mapping[str, Any]], own: Mapping[str, Any]) -> Window:
    items = list(items)
    opened = [parse_date(x.get("opened")) for x in items]
    expected = [parse_date(x.get("expected")) for x in items]
    months = own.get("open_months")
    return Window(
        planned=any(x.get("status") in PLANNED_STATUSES for x in items),
        cancelled=any(x.get("status") == "cancelled" for x in items),
        opened=max((d for d in opened if d), default=None),
        expected=max((d for d in expected if d), default=None),
        closed=parse_date(own.get("closed")),
        months=frozenset(months) if months else None,
    )


def edge_window(link: Mapping[str, Any], ends: tuple[Mapping[str, Any], Mapping[str, Any]]) -> Window:
    """Return when a link can be used, from its attributes and those of its two end nodes.

    Parameters
    ----------
    link
        The link's attributes (``status``, ``opened``, ``expected``, ``closed``, ``open_months``).
    ends
        The attributes of the nodes it joins (with their ``layer``). Only a border crossing or a
        port gates its links (see ``GATE_LAYERS``).

    Returns
    -------
    Window
    """
    return _window((link, *(n for n in ends if n.get("layer") in GATE_LAYERS)), link)


def node_window(node: Mapping[str, Any]) -> Window:
    """Return when a node (a crossing, a port, a station) can be used, from its own attributes.

    Parameters
    ----------
    node
        The node's attributes.

    Returns
    -------
    Window
    """
    return _window((node,), node)


@dataclass(frozen=True)
class Scenario:
    """A state of the network to answer a query in: routes, flows and comparisons share it.

    Attributes
    ----------
    as_of
        The date: what was open, and the capacities in force, then (today by default).
    month
        1-12: seasonal links closed outside their months.
    include_planned
        Add planned and under-construction projects expected by ``as_of``.
    close
        Feature or node ids closed (a route's ``avoid``).
    close_kinds
        Kinds of feature or node closed (``ropeway``, ``ferry_crossing``, ``border_crossing`` ...).
    capacity
        Overrides: ``(id, value, unit)`` for the commodity asked.
    modes
        Modes allowed, or ``None`` for every mode.
    passenger_rail
        Also use railways that carry passengers only (high-speed lines); freight routes and
        flows do not by default.
    assume_unbounded
        Flows: a link without a capacity figure for the commodity counts as unbounded instead
        of carrying none (a what-if: the answer then says so).
    """

    as_of: dt.date = field(default_factory=dt.date.today)
    month: int | None = None
    include_planned: bool = False
    close: frozenset[str] = frozenset()
    close_kinds: frozenset[str] = frozenset()
    capacity: tuple[tuple[str, float, str], ...] = ()
    modes: frozenset[str] | None = None
    passenger_rail: bool = False
    assume_unbounded: bool = False

    def with_closed(self, *ids: str) -> Scenario:
        """Return the same scenario with more features or nodes closed."""
        return replace(self, close=self.close | set(ids))

    def describe(self) -> dict[str, Any]:
        """Return the scenario as a JSON-ready dict."""
        out: dict[str, Any] = {
            "as_of": self.as_of.isoformat(),
            "month": self.month,
            "include_planned": self.include_planned,
            "close": sorted(self.close),
            "close_kinds": sorted(self.close_kinds),
            "capacity": [{"id": i, "value": v, "unit": u} for i, v, u in self.capacity],
        }
        if self.modes is not None:
            out["modes"] = sorted(self.modes)
        if self.passenger_rail:
            out["passenger_rail"] = True
        if self.assume_unbounded:
            out["assume_unbounded"] = True
        return out


def scenario(
    as_of: str | dt.date | None = None,
    month: int | None = None,
    include_planned: bool = False,
    close: Iterable[str] = (),
    close_kinds: Iterable[str] = (),
    capacity: dict[str, tuple[float, str]] | None = None,
    modes: Iterable[str] | None = None,
    passenger_rail: bool = False,
    assume_unbounded: bool = False,
) -> Scenario:
    """Build a :class:`Scenario` from user input, checking each part.

    Parameters
    ----------
    as_of
        ``YYYY-MM-DD`` (or ``YYYY``, ``YYYY-MM``) or a date; today if ``None``.
    month
        1-12 or ``None``.
    include_planned
        Add planned projects expected by ``as_of``.
    close
        Feature or node ids to close.
    close_kinds
        Kinds of feature to close.
    capacity
        Feature or node id to ``(value, unit)`` overrides.
    modes
        Modes allowed (every mode if ``None``).
    passenger_rail
        Also use passenger-only railways.
    assume_unbounded
        Flows: links without a figure count as unbounded.

    Returns
    -------
    Scenario

    Raises
    ------
    InvalidArgumentError
        For an impossible date or month, or an override that is not a value and a unit. A string
        where a list is expected is one item (``close="pl-espo-2"``).

    Examples
    --------
    >>> s = scenario(as_of="2016", close=["pl-espo-2"])
    >>> s.as_of.isoformat(), sorted(s.close)
    ('2016-01-01', ['pl-espo-2'])
    """
    day = as_of_date(as_of)
    check_month(month)
    if not isinstance(include_planned, bool):
        raise InvalidArgumentError(f"include_planned must be True or False, got {include_planned!r}")
    overrides = []
    for k, item in (capacity or {}).items():
        try:
            value, unit = item
            overrides.append((str(k), float(value), str(unit)))
        except (TypeError, ValueError):
            raise InvalidArgumentError(f"capacity[{k!r}] must be (value, unit), got {item!r}") from None
        if overrides[-1][2] not in CAPACITY_UNITS:
            units = ", ".join(sorted(CAPACITY_UNITS))
            raise InvalidArgumentError(f"capacity[{k!r}]: unknown unit {unit!r}; use one of {units}")
        if not math.isfinite(overrides[-1][1]) or overrides[-1][1] < 0:
            raise InvalidArgumentError(
                f"capacity[{k!r}] must be a finite number of at least 0, got {value!r}"
            )
    return Scenario(
        day,
        month,
        include_planned,
        frozenset(names(close, "close")),
        frozenset(names(close_kinds, "close_kinds")),
        tuple(overrides),
        None if modes is None else frozenset(names(modes, "modes")),
        bool(passenger_rail),
        bool(assume_unbounded),
    )


def usable(
    s: Scenario,
    feature: str,
    mode: str,
    window: Window,
    ends: tuple[str, str],
    kinds: tuple[Any, ...] = (),
    traffic: Any = None,
) -> bool:
    """Whether a link (one edge of it) can be used in a scenario: the one rule every query uses.

    Parameters
    ----------
    s
        The scenario.
    feature, mode, window
        The edge's feature id, mode and :class:`Window`.
    ends
        The ids of the nodes it joins.
    kinds
        The kinds of the feature and of its end nodes (for ``close_kinds``).
    traffic
        A railway's traffic (``freight``, ``passenger``, ``mixed``): a passenger-only line is
        usable only when the scenario asks for passenger lines.

    Returns
    -------
    bool
        False if its mode is not allowed, it or an end node is closed by id or kind, or its
        window is shut at the scenario's date and month.

    Examples
    --------
    >>> import datetime as dt
    >>> w = Window(opened=dt.date(2022, 6, 10))
    >>> s = Scenario(as_of=dt.date(2022, 1, 1))
    >>> usable(s, "bridge-x", "road", w, ("a", "b")), usable(s.with_closed(), "bridge-x", "road", w, ("a", "b"))
    (False, False)
    >>> usable(Scenario(as_of=dt.date(2023, 1, 1)), "bridge-x", "road", w, ("a", "b"))
    True
    """
    if s.modes is not None and mode not in s.modes:
        return False
    if s.close and (feature in s.close or ends[0] in s.close or ends[1] in s.close):
        return False
    if s.close_kinds and any(k in s.close_kinds for k in kinds):
        return False
    if traffic == "passenger" and not s.passenger_rail:
        return False
    return window.is_open(s.as_of, s.include_planned, s.month)

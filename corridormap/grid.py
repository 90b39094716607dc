"""A scenario grid: the states, closures, capacity overrides, failures and queries of a sweep.

A grid is read from YAML or TOML (:func:`load_grid`), or made from keyword arguments
(:func:`make_grid`). It is checked strictly: an unknown key, a value of the wrong type, a month
outside 1-12 or a date that does not exist is one :class:`InvalidArgumentError` naming where it is
(``grid.yml: queries[1].sinks: ...``). Ids are checked against the graph later, by
:func:`corridormap.sweeps.expand`, which knows the network.

The axes multiply: every state (a date, a month, planned projects or not) times every closure set
times every capacity-override set times every failure draw is one scenario, and every query is
answered in every scenario::

    name: n2_oil_gas
    seed: 2024
    states:                      # or the axes dates / months / planned, which multiply
      - {date: 2018-07-01}
      - {date: 2030-07-01, planned: true}
    closures:                    # alternatives; each closes ids and kinds
      - {name: open}
      - {name: no-ferries, kinds: [ferry_crossing]}
    capacity:                    # alternatives; each overrides capacities
      - {name: stated}
      - {name: espo-2-at-60, set: {pl-espo-2: [60, Mt/yr]}}
    failures: {k: 2, draws: 100, kinds: [oil_pipeline, gas_pipeline]}
    queries:
      - {name: oil, type: max_flow, commodity: oil, sources: [Taishet], sinks: [Daqing]}
      - {name: rail, type: routes, pairs: [[Harbin, Vladivostok]], modes: [rail]}
      - {name: gas-n1, type: criticality, commodity: gas, sources: [chayanda], sinks: [changling]}
"""

from __future__ import annotations

import datetime as dt
import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._errors import DataReadError, InvalidArgumentError
from .dates import as_of_date
from .vocab import CAPACITY_UNITS

__all__ = [
    "CapacitySet",
    "Closure",
    "Failures",
    "Grid",
    "Query",
    "State",
    "grid_from_dict",
    "load_grid",
    "make_grid",
]

#: The kinds of query a sweep answers.
QUERY_TYPES = ("max_flow", "routes", "criticality")

_TOP_KEYS = {
    "name",
    "seed",
    "states",
    "dates",
    "months",
    "planned",
    "closures",
    "capacity",
    "failures",
    "queries",
}
_STATE_KEYS = {"name", "date", "month", "planned"}
_CLOSURE_KEYS = {"name", "ids", "kinds"}
_CAPACITY_KEYS = {"name", "set"}
_FAILURE_KEYS = {"k", "draws", "kinds", "ids", "probabilities"}
_QUERY_KEYS = {
    "max_flow": {"name", "type", "commodity", "sources", "sinks", "unit"},
    "criticality": {"name", "type", "commodity", "sources", "sinks", "unit", "top"},
    "routes": {"name", "type", "pairs", "origins", "destinations", "weight", "modes"},
}


@dataclass(frozen=True)
class State:
    """The network's state in a scenario: a date, a month, and whether planned projects count."""

    name: str
    as_of: dt.date
    month: int | None = None
    planned: bool = False


@dataclass(frozen=True)
class Closure:
    """One alternative of the closure axis: feature or node ids and kinds closed."""

    name: str
    ids: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()


@dataclass(frozen=True)
class CapacitySet:
    """One alternative of the capacity axis: ``(id, value, unit)`` overrides."""

    name: str
    overrides: tuple[tuple[str, float, str], ...] = ()


@dataclass(frozen=True)
class Failures:
    """Random failures drawn in every scenario.

    Attributes
    ----------
    k, draws
        N-k: ``k`` distinct elements fail in each of ``draws`` draws (``draws`` ``None``: every
        combination of ``k``, in order, instead of a random draw).
    probabilities
        Per kind: each element of the kind fails on its own with this probability, in each of
        ``draws`` draws (instead of ``k``).
    kinds, ids
        The elements that can fail (N-k): features and nodes of these kinds, and these ids.
        Neither: every link feature.
    """

    k: int | None = None
    draws: int | None = None
    probabilities: tuple[tuple[str, float], ...] = ()
    kinds: tuple[str, ...] = ()
    ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Query:
    """One query answered in every scenario.

    Attributes
    ----------
    name, type
        Its name in the results, and ``max_flow``, ``routes`` or ``criticality``.
    commodity, sources, sinks, unit
        For ``max_flow`` and ``criticality``.
    top
        For ``criticality``: keep the ``top`` largest losses.
    pairs, weight, modes
        For ``routes``: the origin-destination pairs, ``distance`` or ``time``, and the modes.
    """

    name: str
    type: str
    commodity: str | None = None
    sources: tuple[str, ...] = ()
    sinks: tuple[str, ...] = ()
    unit: str | None = None
    top: int | None = None
    pairs: tuple[tuple[str, str], ...] = ()
    weight: str = "distance"
    modes: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Grid:
    """A scenario grid (see the module's docstring).

    Attributes
    ----------
    name, seed
        The grid's name, and the seed every random draw derives from.
    states, closures, capacity, failures
        The axes.
    queries
        What is asked in every scenario.
    where
        Where it came from (a file, or ``"grid"``), for messages.
    """

    name: str
    seed: int
    states: tuple[State, ...]
    closures: tuple[Closure, ...]
    capacity: tuple[CapacitySet, ...]
    failures: Failures | None
    queries: tuple[Query, ...]
    where: str = field(default="grid", compare=False)


def _fail(where: str, message: str) -> InvalidArgumentError:
    return InvalidArgumentError(f"{where}: {message}")


def _table(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise _fail(where, f"must be a table of keys, got {value!r}")
    return value


def _mapping(
    value: Any, where: str, allowed: set[str], required: frozenset[str] | set[str] = frozenset()
) -> Mapping[str, Any]:
    table = _table(value, where)
    unknown = sorted(str(k) for k in table if k not in allowed)
    if unknown:
        raise _fail(where, f"unknown key {unknown[0]!r}; the keys are {', '.join(sorted(allowed))}")
    missing = sorted(required - set(table))
    if missing:
        raise _fail(where, f"missing key {missing[0]!r}")
    return table


def _list(value: Any, where: str) -> list[Any]:
    if isinstance(value, str | Mapping) or not isinstance(value, list | tuple):
        raise _fail(where, f"must be a list, got {value!r}")
    if not value:
        raise _fail(where, "is empty: give at least one item or leave the key out")
    return list(value)


def _strings(value: Any, where: str) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else _list(value, where)
    bad = [x for x in items if not isinstance(x, str) or not x.strip()]
    if bad:
        raise _fail(where, f"must hold non-empty strings, got {bad[0]!r}")
    return tuple(items)


def _int(value: Any, where: str, low: int, high: int | None = None) -> int:
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or value < low
        or (high is not None and value > high)
    ):
        span = f"from {low} to {high}" if high is not None else f"of at least {low}"
        raise _fail(where, f"must be a whole number {span}, got {value!r}")
    return value


def _bool(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise _fail(where, f"must be true or false, got {value!r}")
    return value


def _date(value: Any, where: str) -> dt.date:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # a year
    if not isinstance(value, str | dt.date):
        raise _fail(where, f"must be a date YYYY[-MM[-DD]], got {value!r}")
    try:
        return as_of_date(value)
    except InvalidArgumentError as exc:
        raise _fail(where, str(exc)) from None


def _month(value: Any, where: str) -> int | None:
    return None if value is None else _int(value, where, 1, 12)


def _names_unique(items: list[Any], where: str) -> None:
    seen: set[str] = set()
    for item in items:
        if item.name in seen:
            raise _fail(where, f"the name {item.name!r} is used twice: give each item its own name")
        seen.add(item.name)


def _states(d: Mapping[str, Any], where: str) -> tuple[State, ...]:
    if "states" in d:
        both = sorted({"dates", "months", "planned"} & set(d))
        if both:
            raise _fail(
                f"{where}: {both[0]}", "give either 'states' or the axes dates/months/planned, not both"
            )
        out = []
        for i, item in enumerate(_list(d["states"], f"{where}: states")):
            w = f"{where}: states[{i}]"
            s = _mapping(item, w, _STATE_KEYS, {"date"})
            day = _date(s["date"], f"{w}.date")
            month = _month(s.get("month"), f"{w}.month")
            planned = _bool(s.get("planned", False), f"{w}.planned")
            default = day.isoformat() + (f" m{month}" if month else "") + (" planned" if planned else "")
            out.append(State(_name(s.get("name", default), f"{w}.name"), day, month, planned))
        _names_unique(out, f"{where}: states")
        return tuple(out)
    dates = [dt.date.today()]
    if "dates" in d:
        dates = [_date(x, f"{where}: dates[{i}]") for i, x in enumerate(_list(d["dates"], f"{where}: dates"))]
    months: list[int | None] = [None]
    if "months" in d:
        months = [
            _month(x, f"{where}: months[{i}]") for i, x in enumerate(_list(d["months"], f"{where}: months"))
        ]
    raw = d.get("planned", [False])
    raw = [raw] if isinstance(raw, bool) else _list(raw, f"{where}: planned")
    plans = [_bool(x, f"{where}: planned[{i}]") for i, x in enumerate(raw)]
    out = [
        State(day.isoformat() + (f" m{m}" if m else "") + (" planned" if p else ""), day, m, p)
        for day in dates
        for m in months
        for p in plans
    ]
    _names_unique(out, f"{where}: dates/months/planned")
    return tuple(out)


def _name(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _fail(where, f"must be a non-empty string, got {value!r}")
    return value


def _closures(value: Any, where: str) -> tuple[Closure, ...]:
    items = [value] if isinstance(value, Mapping) else _list(value, where)
    out = []
    for i, item in enumerate(items):
        w = f"{where}[{i}]"
        c = _mapping(item, w, _CLOSURE_KEYS)
        ids = _strings(c["ids"], f"{w}.ids") if "ids" in c else ()
        kinds = _strings(c["kinds"], f"{w}.kinds") if "kinds" in c else ()
        default = ",".join([*ids, *kinds]) or "none"
        out.append(
            Closure(
                _name(c.get("name", default), f"{w}.name"), tuple(sorted(set(ids))), tuple(sorted(set(kinds)))
            )
        )
    _names_unique(out, where)
    return tuple(out)


def _override(ident: str, item: Any, where: str) -> tuple[str, float, str]:
    if not isinstance(item, list | tuple) or len(item) != 2:
        raise _fail(where, f"must be [value, unit], got {item!r}")
    value, unit = item
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
        raise _fail(where, f"the value must be a finite number of at least 0, got {value!r}")
    if unit not in CAPACITY_UNITS:
        raise _fail(where, f"unknown unit {unit!r}; use one of {', '.join(sorted(CAPACITY_UNITS))}")
    return (ident, float(value), str(unit))


def _capacity(value: Any, where: str) -> tuple[CapacitySet, ...]:
    items = [value] if isinstance(value, Mapping) else _list(value, where)
    out = []
    for i, item in enumerate(items):
        w = f"{where}[{i}]"
        c = _mapping(item, w, _CAPACITY_KEYS)
        table = _table(c.get("set", {}), f"{w}.set")
        overrides = tuple(sorted(_override(str(k), v, f"{w}.set.{k}") for k, v in table.items()))
        default = ",".join(f"{k}={v:g} {u}" for k, v, u in overrides) or "stated"
        out.append(CapacitySet(_name(c.get("name", default), f"{w}.name"), overrides))
    _names_unique(out, where)
    return tuple(out)


def _failures(value: Any, where: str) -> Failures:
    f = _mapping(value, where, _FAILURE_KEYS)
    if ("k" in f) == ("probabilities" in f):
        raise _fail(where, "give either k (N-k) or probabilities (per kind), and only one")
    draws = f.get("draws")
    if draws == "all":
        if "k" not in f:
            raise _fail(f"{where}.draws", "'all' (every combination) is for N-k only: give a number of draws")
        draws = None
    elif "draws" in f or "probabilities" in f:
        draws = _int(draws, f"{where}.draws", 1)
    else:
        raise _fail(where, "missing key 'draws' (a number, or 'all' for every combination of k)")
    kinds = _strings(f["kinds"], f"{where}.kinds") if "kinds" in f else ()
    ids = _strings(f["ids"], f"{where}.ids") if "ids" in f else ()
    if "probabilities" in f:
        if kinds or ids:
            raise _fail(
                where,
                "with probabilities, the kinds that can fail are the probabilities' keys: drop kinds and ids",
            )
        table = _table(f["probabilities"], f"{where}.probabilities")
        probs = []
        for kind, p in sorted(table.items()):
            if isinstance(p, bool) or not isinstance(p, int | float) or not 0 <= p <= 1:
                raise _fail(f"{where}.probabilities.{kind}", f"must be a probability from 0 to 1, got {p!r}")
            probs.append((str(kind), float(p)))
        if not probs:
            raise _fail(f"{where}.probabilities", "is empty: give a probability per kind")
        return Failures(draws=draws, probabilities=tuple(probs))
    k = _int(f["k"], f"{where}.k", 1)
    return Failures(k=k, draws=draws, kinds=tuple(sorted(set(kinds))), ids=tuple(sorted(set(ids))))


def _pairs(q: Mapping[str, Any], where: str) -> tuple[tuple[str, str], ...]:
    if "pairs" in q:
        if "origins" in q or "destinations" in q:
            raise _fail(where, "give either pairs or origins and destinations, not both")
        out = []
        for i, pair in enumerate(_list(q["pairs"], f"{where}.pairs")):
            items = _strings(pair, f"{where}.pairs[{i}]")
            if len(items) != 2:
                raise _fail(f"{where}.pairs[{i}]", f"must be [origin, destination], got {pair!r}")
            out.append((items[0], items[1]))
        return tuple(out)
    if "origins" not in q or "destinations" not in q:
        raise _fail(where, "give pairs, or origins and destinations (every pair of them)")
    origins = _strings(q["origins"], f"{where}.origins")
    dests = _strings(q["destinations"], f"{where}.destinations")
    return tuple((o, d) for o in origins for d in dests if o != d)


def _query(value: Any, where: str) -> Query:
    if not isinstance(value, Mapping) or value.get("type") not in QUERY_TYPES:
        got = value.get("type") if isinstance(value, Mapping) else value
        raise _fail(f"{where}.type", f"must be one of {', '.join(QUERY_TYPES)}, got {got!r}")
    kind = value["type"]
    q = _mapping(value, where, _QUERY_KEYS[kind], {"name", "type"})
    name = _name(q["name"], f"{where}.name")
    if kind == "routes":
        weight = q.get("weight", "distance")
        if weight not in ("distance", "time"):
            raise _fail(f"{where}.weight", f"must be distance or time, got {weight!r}")
        modes = _strings(q["modes"], f"{where}.modes") if "modes" in q else None
        return Query(name, kind, pairs=_pairs(q, where), weight=weight, modes=modes)
    for key in ("commodity", "sources", "sinks"):
        if key not in q:
            raise _fail(where, f"missing key {key!r}")
    unit = q.get("unit")
    if unit is not None and unit not in CAPACITY_UNITS:
        raise _fail(f"{where}.unit", f"unknown unit {unit!r}; use one of {', '.join(sorted(CAPACITY_UNITS))}")
    top = _int(q["top"], f"{where}.top", 1) if "top" in q else None
    return Query(
        name,
        kind,
        commodity=_name(q["commodity"], f"{where}.commodity"),
        sources=_strings(q["sources"], f"{where}.sources"),
        sinks=_strings(q["sinks"], f"{where}.sinks"),
        unit=unit,
        top=top,
    )


def grid_from_dict(d: Any, where: str = "grid") -> Grid:
    """Check a grid given as nested dicts and lists (as YAML or TOML give it) and return it.

    Parameters
    ----------
    d
        The grid's keys: ``name``, ``seed``, ``states`` (or ``dates``, ``months``, ``planned``),
        ``closures``, ``capacity``, ``failures``, ``queries`` (required).
    where
        Where it came from, to start every message with.

    Returns
    -------
    Grid

    Raises
    ------
    InvalidArgumentError
        For an unknown key, a missing one, or a value of the wrong type or out of range.

    Examples
    --------
    >>> g = grid_from_dict({"dates": [2018, "2024-07-01"], "queries": [
    ...     {"name": "oil", "type": "max_flow", "commodity": "oil", "sources": "Taishet", "sinks": ["Daqing"]}]})
    >>> [s.name for s in g.states], g.queries[0].sources
    (['2018-01-01', '2024-07-01'], ('Taishet',))
    >>> grid_from_dict({"queries": [], "seeds": 1})
    Traceback (most recent call last):
    ...
    corridormap._errors.InvalidArgumentError: grid: unknown key 'seeds'; the keys are capacity, closures, dates, failures, months, name, planned, queries, seed, states
    """
    top = _mapping(d, where, _TOP_KEYS, {"queries"})
    seed = _int(top.get("seed", 0), f"{where}: seed", 0)
    queries = tuple(
        _query(q, f"{where}: queries[{i}]") for i, q in enumerate(_list(top["queries"], f"{where}: queries"))
    )
    _names_unique(list(queries), f"{where}: queries")
    return Grid(
        name=_name(top.get("name", Path(where).stem), f"{where}: name"),
        seed=seed,
        states=_states(top, where),
        closures=_closures(top["closures"], f"{where}: closures")
        if "closures" in top
        else (Closure("none"),),
        capacity=_capacity(top["capacity"], f"{where}: capacity")
        if "capacity" in top
        else (CapacitySet("stated"),),
        failures=_failures(top["failures"], f"{where}: failures") if "failures" in top else None,
        queries=queries,
        where=where,
    )


def load_grid(path: str | Path) -> Grid:
    """Read a grid from a YAML (``.yml``, ``.yaml``) or TOML (``.toml``) file.

    Parameters
    ----------
    path
        The file.

    Returns
    -------
    Grid

    Raises
    ------
    DataReadError
        If the file cannot be read.
    InvalidArgumentError
        If it is not valid YAML or TOML, or not a valid grid.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataReadError(f"cannot read the grid {path}: {getattr(exc, 'strerror', None) or exc}") from None
    suffix = path.suffix.lower()
    if suffix == ".toml":
        try:
            doc: Any = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise InvalidArgumentError(f"{path}: not valid TOML: {exc}") from None
    elif suffix in (".yml", ".yaml"):
        import yaml

        try:
            doc = yaml.safe_load(text)  # plain data only: no tags that build objects
        except yaml.YAMLError as exc:
            raise InvalidArgumentError(f"{path}: not valid YAML: {' '.join(str(exc).split())}") from None
    else:
        raise InvalidArgumentError(f"{path}: a grid is a .yml, .yaml or .toml file")
    return grid_from_dict(doc, str(path))


def make_grid(**keys: Any) -> Grid:
    """Make a grid from keyword arguments, the keys of a grid file.

    Parameters
    ----------
    **keys
        As in a grid file (see :func:`grid_from_dict`).

    Returns
    -------
    Grid

    Examples
    --------
    >>> g = make_grid(states=[{"date": "2024-07-01"}], failures={"k": 2, "draws": 10},
    ...               queries=[{"name": "r", "type": "routes", "pairs": [["Harbin", "Vladivostok"]]}])
    >>> g.failures.k, g.queries[0].pairs
    (2, (('Harbin', 'Vladivostok'),))
    """
    return grid_from_dict(keys, "grid")

"""The plan scorecard: what a plan promised (``plans.json``), against what the dataset holds.

:func:`plan_scorecard` gives one row per commitment of a plan: the target, the capacity in
force at a date (:func:`corridormap.capacity.capacity_in_force`), the latest actual figure,
the opening date, a status and the gap. Capacity and throughput are kept apart: a capacity is
what a feature *can* carry (its ``capacities``), an actual volume is what it *did* carry (a
``figures`` record with metric ``throughput`` or the metric the commitment names).

The status rules (:data:`RULES`), with ``tol`` = :data:`corridormap.settings.plan_met_tolerance`
(0.02) and ``due`` the last day the target date can mean (``2024`` is due on 31 December 2024):

- **capacity**: *met* when the capacity in force at ``as_of`` is at least ``(1 - tol)`` times
  the target; *partly met* when a capacity is in force but lower; otherwise *not met* once due,
  *not yet due* before.
- **volume**: the same with the latest figure of the commitment's metric dated at or before
  ``as_of``.
- **opening**: *met* when the feature opened by ``due`` (and by ``as_of``); *partly met* when it
  opened by ``as_of`` but after ``due`` (late); otherwise *not met* once due, *not yet due*
  before. ``in_force_sources`` are then the sources of the feature's claim on its opening date.
- ``corroborated_by`` lists the sources, other than the target's, of capacity records that
  meet the target by ``as_of``: a capacity "met" only by the source of the target itself (the
  article's 28.04 bcm/yr for Sakhalin-Khabarovsk-Vladivostok) is marked so in the text.
- a commitment that is not met whose ``due`` is after ``as_of`` is *not yet due*.

The gap is the target minus what is in force (or was carried), in the target's unit (0 or
less when met), and for an opening the days from ``due`` to the opening (negative: that many
days early; ``None`` if not open).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

import pandas as pd

from . import settings
from ._errors import CorridorMapError, InvalidArgumentError
from .capacity import capacity_in_force, effective_date
from .dataset import Dataset
from .dates import as_of_date, last_day, parse_date
from .state import node_window
from .units import convert

__all__ = [
    "COLUMNS",
    "RULES",
    "STATUSES",
    "plan_scorecard",
    "scorecard_to_csv",
    "scorecard_to_dict",
    "scorecard_to_text",
]

#: The statuses a commitment can have, best first.
STATUSES: tuple[str, ...] = ("met", "partly met", "not met", "not yet due")

#: The rules behind the statuses, as the scorecard states them.
RULES: dict[str, str] = {
    "capacity": "met: capacity in force >= (1 - tol) x target; partly met: in force but lower; "
    "not met: none in force once due",
    "volume": "met: latest figure >= (1 - tol) x target; partly met: a lower figure; "
    "not met: no figure once due",
    "opening": "met: opened by the target date; partly met: opened later, by as_of; "
    "not met: not open once due",
    "not yet due": "anything not met whose target date is after as_of",
    "tol": "settings.plan_met_tolerance",
}

#: Columns of the scorecard, in order.
COLUMNS: tuple[str, ...] = (
    "commitment", "title", "kind", "features", "commodity",
    "target_value", "target_unit", "target_date", "due", "target_sources",
    "in_force_value", "in_force_unit", "in_force_basis", "in_force_since", "in_force_feature",
    "in_force_sources", "corroborated_by",
    "actual_value", "actual_unit", "actual_basis", "actual_year", "actual_metric",
    "actual_feature", "actual_sources",
    "stated_date", "opened", "feature_status",
    "status", "gap", "gap_unit",
)  # fmt: skip


def _props(ds: Dataset) -> dict[str, dict[str, Any]]:
    """Feature and corridor id to its properties."""
    table = {f["properties"]["id"]: f["properties"] for layer in ds.raw.layers for f in ds.features(layer)}
    return {**table, **ds.corridors}


def _members(props: dict[str, dict[str, Any]], fid: str) -> list[str]:
    """Return the links of a corridor (its main chain), or the feature itself."""
    record = props[fid]
    return list(record.get("links", [])) if "links" in record else [fid]


def _open_at(record: dict[str, Any], day: dt.date) -> bool:
    return "links" in record or node_window(record).is_open(day)


def _in_force(props: dict[str, dict[str, Any]], fids: list[str], q: dict[str, Any], day: dt.date) -> Any:
    """Return the capacity in force: the feature's own, else the bottleneck of a corridor's links."""
    best: tuple[dict[str, Any], str] | None = None
    for fid in fids:
        own = capacity_in_force(props[fid].get("capacities"), q["commodity"], day, q["unit"])
        if own is not None and _open_at(props[fid], day):
            best = (own, fid) if best is None or own["value"] > best[0]["value"] else best
            continue
        links = [m for m in _members(props, fid) if m != fid]
        found = [
            (rec, m)
            for m in links
            if _open_at(props[m], day)
            and (rec := capacity_in_force(props[m].get("capacities"), q["commodity"], day, q["unit"]))
        ]
        if found and len(found) == len(links):
            low = min(found, key=lambda rf: rf[0]["value"])
            best = low if best is None or low[0]["value"] > best[0]["value"] else best
    return best


def _corroborated(
    props: dict[str, dict[str, Any]], fids: list[str], q: dict[str, Any], day: dt.date, own: list[str]
) -> list[str]:
    """Return the sources, not the target's own, of capacities that meet the target by ``day``."""
    floor = q["value"] * (1.0 - settings.plan_met_tolerance)
    found: list[str] = []
    for fid in fids:
        for m in dict.fromkeys([fid, *_members(props, fid)]):
            for rec in props[m].get("capacities", []):
                in_force = capacity_in_force([rec], q["commodity"], day, q["unit"])
                if in_force is not None and in_force["value"] >= floor:
                    found += [src for src in rec.get("sources", []) if src not in own]
    return list(dict.fromkeys(found))


def _figure_day(rec: dict[str, Any]) -> dt.date:
    parsed = parse_date(rec.get("date"))
    return parsed if parsed is not None else dt.date(int(rec["year"]), 12, 31)


def _actual(
    props: dict[str, dict[str, Any]], fids: list[str], metrics: list[str], unit: str | None, day: dt.date
) -> tuple[dict[str, Any], str] | None:
    """Return the latest actual figure of the first metric that has one, dated by ``day``.

    Only the features' (or corridors') own figures count: a figure of one link is not a
    corridor's volume. Targets and forecasts are not actual.
    """
    for metric in metrics:
        found = [
            (rec, fid)
            for fid in fids
            for rec in props[fid].get("figures", [])
            if rec.get("metric") == metric
            and rec.get("basis") not in ("target", "forecast")
            and _figure_day(rec) <= day
        ]
        if found:
            rec, fid = max(found, key=lambda rf: _figure_day(rf[0]))
            value, shown = rec["value"], rec["unit"]
            if unit is not None and unit != shown:
                with contextlib.suppress(CorridorMapError):
                    value, shown = convert(rec["value"], rec["unit"], unit), unit
            return {**rec, "value": value, "unit": shown}, fid
    return None


def _status(reached: float | None, target: float, due: dt.date, day: dt.date) -> str:
    if reached is not None and reached >= target * (1.0 - settings.plan_met_tolerance):
        return "met"
    if due > day:
        return "not yet due"
    return "partly met" if reached is not None else "not met"


def _opening_row(
    props: dict[str, dict[str, Any]], fids: list[str], due: dt.date, day: dt.date
) -> dict[str, Any]:
    record = props[fids[0]]
    opened = parse_date(record.get("opened"))
    is_open = opened is not None and opened <= day and record.get("status") != "cancelled"
    if is_open and opened is not None and opened <= due:
        status = "met"
    elif is_open:
        status = "partly met"
    else:
        status = "not yet due" if due > day else "not met"
    gap = (opened - due).days if is_open and opened is not None else None
    dated_by = [
        src
        for claim in record.get("claims", [])
        if claim.get("field") == "opened" and claim.get("value") == record.get("opened")
        for src in claim.get("sources", [])
    ]
    return {
        "opened": record.get("opened"),
        "in_force_sources": dated_by if record.get("opened") else None,
        "feature_status": record.get("status"),
        "status": status,
        "gap": gap,
        "gap_unit": "days" if gap is not None else None,
    }


def _quantity_row(
    props: dict[str, dict[str, Any]], c: dict[str, Any], q: dict[str, Any], due: dt.date, day: dt.date
) -> dict[str, Any]:
    fids: list[str] = c["features"]
    row: dict[str, Any] = {}
    metrics = list(c.get("actual_metrics") or [q.get("metric", "throughput")])
    if "throughput" not in metrics and q["kind"] == "capacity":
        metrics.insert(0, "throughput")
    reached = None
    if q["kind"] == "capacity":
        found = _in_force(props, fids, q, day)
        if found is not None:
            rec, fid = found
            row.update(
                in_force_value=round(rec["value"], 4), in_force_unit=rec["unit"], in_force_basis=rec["basis"],
                in_force_since=effective_date(rec).isoformat(), in_force_feature=fid,
                in_force_sources=list(rec.get("sources", [])),
            )  # fmt: skip
            reached = rec["value"]
        row["corroborated_by"] = _corroborated(props, fids, q, day, list(c["sources"]))
    # a capacity's actual volume keeps its figure's unit (bcm a year against bcm/yr); a volume's
    # figure is converted to the target's unit where it can be
    actual = _actual(props, fids, metrics, None if q["kind"] == "capacity" else q["unit"], day)
    if actual is not None:
        rec, fid = actual
        row.update(
            actual_value=rec["value"], actual_unit=rec["unit"], actual_basis=rec.get("basis"),
            actual_year=str(rec.get("date") or rec.get("year")), actual_metric=rec["metric"],
            actual_feature=fid, actual_sources=list(rec.get("sources", [])),
        )  # fmt: skip
        if q["kind"] == "volume" and rec["unit"] == q["unit"]:
            reached = rec["value"]
    row["status"] = _status(reached, q["value"], due, day)
    row["gap"] = round(q["value"] - reached, 4) if reached is not None else None
    row["gap_unit"] = q["unit"] if reached is not None else None
    row["feature_status"] = props[fids[0]].get("status")
    return row


def _row(props: dict[str, dict[str, Any]], c: dict[str, Any], day: dt.date) -> dict[str, Any]:
    q = c["quantity"]
    due = last_day(c["target_date"])
    assert due is not None  # validated
    row: dict[str, Any] = dict.fromkeys(COLUMNS)
    row.update(
        commitment=c["id"], title=c["title"], kind=q["kind"], features=list(c["features"]),
        commodity=q.get("commodity"), target_value=q.get("value"), target_unit=q.get("unit"),
        target_date=c["target_date"], due=due.isoformat(), target_sources=list(c["sources"]),
        stated_date=q.get("date"),
    )  # fmt: skip
    if q["kind"] == "opening":
        row.update(_opening_row(props, c["features"], due, day))
    else:
        row.update(_quantity_row(props, c, q, due, day))
    return row


def plan_scorecard(
    ds: Dataset | None = None,
    plan: str = "plan-2018-2024",
    as_of: str | dt.date | None = None,
    G: Any = None,
) -> pd.DataFrame:
    """Score a plan's commitments against the dataset at a date.

    Parameters
    ----------
    ds
        The dataset; the shipped one if ``None``.
    plan
        A plan id of ``plans.json``.
    as_of
        The date to score at (``YYYY[-MM[-DD]]`` or a date); the plan's last day if ``None``.
    G
        Not needed: the scorecard reads the features' own records. Accepted so that the
        scorecard can be called like the other queries, with a graph at hand.

    Returns
    -------
    pandas.DataFrame
        One row per commitment, indexed by commitment id, with the columns of :data:`COLUMNS`;
        ``attrs`` holds ``plan``, ``plan_name``, ``as_of`` and ``rules``.

    Raises
    ------
    InvalidArgumentError
        If the plan is unknown.
    CorridorMapError
        If ``as_of`` is not a date.

    Examples
    --------
    >>> card = plan_scorecard(as_of="2024-12-31")
    >>> row = card.loc["espo-1-80"]
    >>> float(row["target_value"]), float(row["in_force_value"]), row["status"]
    (80.0, 80.0, 'met')
    """
    del G  # see the docstring
    if ds is None:
        from .dataset import load

        ds = load()
    if plan not in ds.plans:
        known = ", ".join(sorted(ds.plans)) or "none (the dataset has no plans.json)"
        raise InvalidArgumentError(f"unknown plan {plan!r}: the plans are {known}")
    record = ds.plans[plan]
    day = as_of_date(as_of) if as_of is not None else last_day(record.get("end")) or dt.date.today()
    props = _props(ds)
    rows = [_row(props, c, day) for c in record.get("commitments", [])]
    card = pd.DataFrame(rows, columns=list(COLUMNS)).set_index("commitment", drop=False)
    card.attrs = {"plan": plan, "plan_name": record.get("name"), "as_of": day.isoformat(), "rules": RULES}
    return card


def _clean(value: Any) -> Any:
    if isinstance(value, float) and pd.isna(value):
        return None
    if hasattr(value, "item") and not isinstance(value, list | str):
        return value.item()
    return value


def scorecard_to_dict(card: pd.DataFrame) -> dict[str, Any]:
    """Return a scorecard as a dict for JSON: the plan, the date, the rules and the rows.

    Parameters
    ----------
    card
        From :func:`plan_scorecard`.

    Returns
    -------
    dict
    """
    rows = [{str(k): _clean(v) for k, v in row.items()} for row in card.to_dict(orient="records")]
    return {
        **{str(k): v for k, v in card.attrs.items()},
        "tolerance": settings.plan_met_tolerance,
        "commitments": rows,
    }


def scorecard_to_csv(card: pd.DataFrame) -> str:
    """Return a scorecard as CSV, one row per commitment; lists are joined with ``;``.

    Parameters
    ----------
    card
        From :func:`plan_scorecard`.

    Returns
    -------
    str
    """
    flat = card.map(lambda v: ";".join(map(str, v)) if isinstance(v, list) else v)
    text: str = flat.to_csv(index=False, lineterminator="\n")
    return text


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value))


def _amount(value: Any, unit: Any) -> str:
    if _missing(value):
        return "-"
    return f"{value:g} {unit}" if isinstance(value, int | float) else f"{value} {unit}"


def _cells(r: dict[str, Any]) -> list[str]:
    """One row of the text table."""
    if r["kind"] == "opening":
        target = f"opening ({r['stated_date']} stated)" if not _missing(r["stated_date"]) else "opening"
        now = r["opened"] if not _missing(r["opened"]) else f"not open ({r['feature_status']})"
        gap = "-" if _missing(r["gap"]) else f"{abs(r['gap']):g} days {'early' if r['gap'] <= 0 else 'late'}"
    else:
        target = _amount(r["target_value"], r["target_unit"])
        now = _amount(r["in_force_value"], r["in_force_unit"]) if r["kind"] == "capacity" else "n/a"
        gap = _amount(r["gap"], r["gap_unit"])
    actual = _amount(r["actual_value"], r["actual_unit"])
    if actual != "-":
        actual += f" ({r['actual_metric']}, {r['actual_basis']}, {r['actual_year']})"
    status = r["status"]
    if r["kind"] == "capacity" and status == "met" and not r["corroborated_by"]:
        status += " (by the target's source alone)"
    return [r["commitment"], target, r["target_date"], now, actual, status, gap]


def _sources_line(r: dict[str, Any]) -> str:
    parts = [f"target {', '.join(r['target_sources'])}"]
    shown: set[str] = set()
    first = "opened" if r["kind"] == "opening" else "in force"
    pairs = (("in_force_sources", first), ("corroborated_by", "also"), ("actual_sources", "actual"))
    for key, label in pairs:
        ids = (
            [x for x in r[key] if key == "actual_sources" or x not in shown]
            if isinstance(r[key], list)
            else []
        )
        shown.update(ids)
        if ids:
            parts.append(f"{label} {', '.join(ids)}")
    return f"- {r['commitment']}: " + "; ".join(parts)


def scorecard_to_text(card: pd.DataFrame) -> str:
    """Return a scorecard as a Markdown table a journalist can paste, with its sources.

    Parameters
    ----------
    card
        From :func:`plan_scorecard`.

    Returns
    -------
    str
    """
    head = ["commitment", "target", "by", "in force / opened", "actual (latest)", "status", "gap"]
    rows = [{str(k): v for k, v in r.items()} for r in card.to_dict(orient="records")]
    lines = [
        f"{card.attrs.get('plan_name')} ({card.attrs.get('plan')}), as of {card.attrs.get('as_of')}",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "|".join(" --- " for _ in head) + "|",
        *("| " + " | ".join(str(c) for c in _cells(r)) + " |" for r in rows),
        "",
        f"Met: within {settings.plan_met_tolerance:.0%} of the target; see corridormap.plan for the rules.",
        "Sources (ids in geodata/sources.json):",
        *(_sources_line(r) for r in rows),
    ]
    return "\n".join(lines)

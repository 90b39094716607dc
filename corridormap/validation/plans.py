"""Checks of the plan layer: ``plans.json`` (plans and their commitments) and ``events.json``.

Both files are optional; when present they are checked like every other file: readable ids,
three-language names, ISO dates, vocabularies, units, sources, and ids that name features,
corridors or plans of the dataset.
"""

from __future__ import annotations

from typing import Any

from ..dates import last_day, parse_date
from ..vocab import CAPACITY_UNITS, COMMITMENT_KINDS, COMMODITIES, EVENT_KINDS, FIGURE_UNITS
from ._report import At
from ._state import ID_RE, State, is_number, is_text, member, one_of
from .records import date_field, sources_list, unit_field

_FIX = "see geodata/README.md, Plans and events"
_NAMES = ("name", "name_ru", "name_zh")
_TITLES = ("title", "title_ru", "title_zh")


def _items(state: State, file: str, doc: Any, key: str) -> list[Any]:
    """Return the list ``doc[key]``, or report that the file is not shaped so."""
    items = doc.get(key) if isinstance(doc, dict) else None
    if not isinstance(items, list):
        state.at(file, "-").error(key, f"must be an object with a list {key!r}", _FIX)
        return []
    return items


def _entry_id(state: State, file: str, i: int, entry: Any, seen: set[str]) -> str | None:
    """Return an entry's id if it is a readable slug not seen before; report it otherwise."""
    if not (isinstance(entry, dict) and isinstance(entry.get("id"), str) and ID_RE.match(entry["id"])):
        state.at(file, f"#{i}").error("id", "each entry is an object with a readable id", _FIX)
        return None
    eid: str = entry["id"]
    if eid in seen or eid in state.ids:
        where = file if eid in seen else state.ids[eid]
        state.at(file, eid).error("id", f"duplicate id (also in {where})", "ids must be unique")
    seen.add(eid)
    return eid


def _texts(at: At, entry: dict[str, Any], keys: tuple[str, ...], what: str) -> None:
    for key in keys:
        if not is_text(entry.get(key)):
            at.error(key, "missing or empty", f"give the {what} in English, Russian and Chinese")


def _known_ids(state: State, at: At, fld: str, value: Any, required: bool) -> list[str]:
    """Check a list of ids of features, corridors or plans; return the known ones."""
    if not isinstance(value, list) or (required and not value):
        need = "a non-empty list" if required else "a list"
        at.error(fld, f"must be {need} of feature or corridor ids", 'write e.g. ["pl-espo-1"]')
        return []
    known = []
    for j, ident in enumerate(value):
        if isinstance(ident, str) and ident in state.ids:
            known.append(ident)
        else:
            at.error(
                f"{fld}[{j}]", f"{ident!r} is not a feature, corridor or plan id", "name an id of the dataset"
            )
    return known


def _quantity(at: At, q: Any) -> None:
    """Check a commitment's quantity: kind, and value and unit, or the date of an opening."""
    if not isinstance(q, dict):
        at.error("quantity", "must be an object with kind and value and unit (or date)", _FIX)
        return
    kind = q.get("kind")
    if not member(kind, COMMITMENT_KINDS):
        at.error("quantity.kind", f"unknown kind {kind!r}", one_of(COMMITMENT_KINDS))
        return
    if "commodity" in q and not member(q["commodity"], COMMODITIES):
        at.error("quantity.commodity", f"unknown commodity {q['commodity']!r}", one_of(COMMODITIES))
    if kind == "opening":
        date_field(at, "quantity.date", q.get("date"), allow_null=True)
        return
    if not (is_number(q.get("value")) and q["value"] > 0):
        at.error("quantity.value", f"must be a number > 0, got {q.get('value')!r}", "write the target")
    allowed = CAPACITY_UNITS if kind == "capacity" else FIGURE_UNITS
    unit_field(at, "quantity.unit", q.get("unit"), allowed)
    if kind == "capacity" and not member(q.get("commodity"), COMMODITIES):
        at.error("quantity.commodity", "a capacity needs its commodity", one_of(COMMODITIES))
    if kind == "volume" and not is_text(q.get("metric")):
        at.error("quantity.metric", "a volume names the figure metric it is read from", 'e.g. "throughput"')


def _commitment(state: State, at: At, c: dict[str, Any]) -> None:
    _known_ids(state, at, "features", c.get("features"), required=True)
    if not is_text(c.get("title")):
        at.error("title", "missing or empty", "say what was promised, in a line")
    _quantity(at, c.get("quantity"))
    date_field(at, "target_date", c.get("target_date"))
    metrics = c.get("actual_metrics", [])
    if not (isinstance(metrics, list) and all(is_text(m) for m in metrics)):
        at.error("actual_metrics", "must be a list of figure metrics", 'e.g. ["throughput"]')
    sources_list(state, at, "sources", c.get("sources"))


def _plan(state: State, file: str, pid: str, plan: dict[str, Any], seen: set[str]) -> None:
    at = state.at(file, pid)
    _texts(at, plan, _NAMES, "plan's names")
    dates = {key: date_field(at, key, plan.get(key)) for key in ("approved", "start", "end")}
    start, end = dates["start"], dates["end"]
    if start is not None and end is not None and end < start:
        at.error("end", f"ends ({plan['end']}) before it starts ({plan['start']})", "swap or fix the dates")
    sources_list(state, at, "sources", plan.get("sources"))
    commitments = plan.get("commitments")
    if not isinstance(commitments, list):
        at.error("commitments", "must be a list (empty if no target is known)", _FIX)
        return
    for i, c in enumerate(commitments):
        if not (isinstance(c, dict) and isinstance(c.get("id"), str) and ID_RE.match(c["id"])):
            at.error(f"commitments[{i}].id", "each commitment is an object with a readable id", _FIX)
            continue
        if c["id"] in seen:
            at.error(f"commitments[{i}].id", f"duplicate commitment id {c['id']!r}", "ids must be unique")
        seen.add(c["id"])
        _commitment(state, state.at(file, f"{pid}/{c['id']}"), c)


def check_plans(state: State) -> None:
    """Check ``plans.json``: each plan's names, dates and sources, and its commitments.

    Run after the layers and corridors, whose ids the commitments name; the plan ids are added
    to ``state.ids`` for the events to name.
    """
    doc, file = state.raw.plans, "plans.json"
    if doc is None:
        return
    seen: set[str] = set()
    commitment_ids: set[str] = set()
    for i, plan in enumerate(_items(state, file, doc, "plans")):
        pid = _entry_id(state, file, i, plan, seen)
        if pid is not None:
            _plan(state, file, pid, plan, commitment_ids)
    for pid in seen:
        state.ids.setdefault(pid, file)


def check_events(state: State) -> None:
    """Check ``events.json``: dates, kinds, three-language titles, the ids concerned, sources, order."""
    doc, file = state.raw.events, "events.json"
    if doc is None:
        return
    seen: set[str] = set()
    previous = None
    for i, event in enumerate(_items(state, file, doc, "events")):
        eid = _entry_id(state, file, i, event, seen)
        if eid is None:
            continue
        at = state.at(file, eid)
        day = date_field(at, "date", event.get("date"))
        if not member(event.get("kind"), EVENT_KINDS):
            at.error("kind", f"unknown kind {event.get('kind')!r}", one_of(EVENT_KINDS))
        _texts(at, event, _TITLES, "event's title")
        _known_ids(state, at, "concerns", event.get("concerns"), required=False)
        sources_list(state, at, "sources", event.get("sources"))
        end = last_day(event.get("date"))
        if end is not None and previous is not None and end < previous:
            at.warn("date", f"{event['date']} comes after a later event", "keep the events in date order")
        previous = day if day is not None else previous
    for eid in seen:
        state.ids.setdefault(eid, file)


__all__ = ["check_events", "check_plans", "parse_date"]

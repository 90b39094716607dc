"""Checks of every text in a dataset: no control characters or lone surrogates, and lengths.

Text goes into maps, popups, JSON and terminals; a control character, a bidirectional override
or a lone surrogate there breaks the output or hides what a reader sees, so every string of
every file is checked, wherever it sits (names, notes, titles, records' notes, urls ...).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .. import settings
from ._report import At
from ._state import ID_RE, State

#: C0 controls except tab and newline, DEL and C1 controls, bidirectional embeddings, overrides
#: and isolates, and lone surrogates.
_BAD_CHAR_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

_NAME_KEYS = frozenset({"name", "name_ru", "name_zh", "name_en", "aliases"})
_TITLE_KEYS = frozenset({"title", "publisher", "author"})
_NOTE_KEYS = frozenset({"notes", "note"})


def text_limit(key: str) -> int:
    """Return the longest text allowed in a field, in characters (see :mod:`corridormap.settings`).

    Parameters
    ----------
    key
        The field's own name (the last part of its place), e.g. ``"note"`` or ``"name_ru"``.

    Returns
    -------
    int
    """
    if key in _NAME_KEYS:
        return settings.max_name_chars
    if key in _TITLE_KEYS:
        return settings.max_title_chars
    if key in _NOTE_KEYS:
        return settings.max_note_chars
    return settings.max_text_chars


def _strings(value: Any, where: str, key: str) -> Iterator[tuple[str, str, str]]:
    """Yield (place, field name, text) of every string in a value, keys included."""
    stack: list[tuple[Any, str, str]] = [(value, where, key)]
    while stack:
        node, place, name = stack.pop()
        if isinstance(node, str):
            yield place, name, node
        elif isinstance(node, dict):
            for k, child in node.items():
                sub = f"{place}.{k}" if place else str(k)
                if isinstance(k, str):
                    yield sub, "key", k
                stack.append((child, sub, str(k)))
        elif isinstance(node, list):
            stack.extend((child, f"{place}[{i}]", name) for i, child in enumerate(node))


def _printable(text: str) -> str:
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def text_values(at: At, value: Any, where: str = "") -> None:
    """Check every string inside a value: no control characters, no lone surrogates, not too long.

    Parameters
    ----------
    at
        Where to report.
    value
        A feature's properties, a record, a registry entry or any part of one.
    where
        The place of ``value`` inside the feature, ``""`` for the whole of it.
    """
    for place, key, text in _strings(value, where, where.rsplit(".", 1)[-1]):
        shown = _printable(place) or "-"
        bad = _BAD_CHAR_RE.search(text)
        if bad is not None:
            code = f"U+{ord(bad.group()):04X}"
            at.error(
                shown,
                f"text holds the control or invisible character {code} at position {bad.start()}",
                "remove it: write plain text (tabs and newlines are allowed)",
            )
        limit = text_limit("name" if key == "key" else key)
        if len(text) > limit:
            at.error(
                shown,
                f"text is {len(text):,} characters long, more than the limit of {limit:,}",
                "shorten it; long explanations belong in the source, not the dataset",
            )


def _label(entry: Any, i: int) -> str:
    fid = entry.get("id") if isinstance(entry, dict) else None
    return fid if isinstance(fid, str) and ID_RE.match(fid) else f"#{i}"


def _entries(doc: Any, key: str) -> list[Any]:
    items = doc.get(key) if isinstance(doc, dict) else None
    return items if isinstance(items, list) else []


def check_text(state: State) -> None:
    """Check every string of every file of the dataset (see :func:`text_values`)."""
    raw = state.raw
    for layer, doc in raw.layers.items():
        for i, feat in enumerate(_entries(doc, "features")):
            props = feat.get("properties") if isinstance(feat, dict) else None
            text_values(state.at(f"{layer}.geojson", _label(props, i)), props)
    for i, entry in enumerate(_entries(raw.sources, "sources")):
        text_values(state.at("sources.json", _label(entry, i)), entry)
    for i, entry in enumerate(_entries(raw.corridors, "corridors")):
        text_values(state.at("corridors.json", _label(entry, i)), entry)
    for file, doc, key in (("plans.json", raw.plans, "plans"), ("events.json", raw.events, "events")):
        for i, entry in enumerate(_entries(doc, key)):
            text_values(state.at(file, _label(entry, i)), entry)
    params = raw.parameters.get("parameters") if isinstance(raw.parameters, dict) else None
    if isinstance(params, dict):
        for name, rec in params.items():
            text_values(state.at("parameters.json", _printable(str(name))), rec)
    for i, row in enumerate(raw.trade or [], start=2):
        text_values(state.at("trade.csv", f"line {i}"), row)

"""What the checks share: the dataset, the reporter, the ids seen so far, and value tests."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from ..io import RawDataset
from ._report import At, Reporter

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def is_number(value: Any) -> bool:
    """Whether a value from the data is a finite number (not a bool)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def member(value: Any, vocab: Any) -> bool:
    """Whether a value from the data is a term of a vocabulary (False for unhashable junk)."""
    return isinstance(value, str | int) and not isinstance(value, bool) and value in vocab


def subset(values: Any, vocab: Any) -> bool:
    """Whether a value from the data is a list of terms of a vocabulary."""
    return isinstance(values, list) and all(member(v, vocab) for v in values)


def as_list(value: Any) -> list[Any]:
    """Return the value if it is a list, else an empty list."""
    return value if isinstance(value, list) else []


def is_text(value: Any) -> bool:
    """Whether a value from the data is a string with something other than spaces."""
    return isinstance(value, str) and bool(value.strip())


def one_of(vocab: Any) -> str:
    """Return the usual fix for a term outside a vocabulary: ``use one of a, b, c``."""
    return f"use one of {', '.join(sorted(vocab))}"


@dataclass
class Node:
    """A node feature's position and layer."""

    lon: float
    lat: float
    layer: str


@dataclass
class Link:
    """A line feature that passed its own checks, kept for the checks between features."""

    fid: str
    layer: str
    props: dict[str, Any]
    geometry: Any


@dataclass
class State:
    """The dataset being checked, where problems go, and what the checks have seen so far.

    Parameters
    ----------
    raw
        The dataset as read from disk.
    report
        Where problems go.
    source_ids
        Ids in ``sources.json``.
    cited
        Source ids some feature or record cites.
    ids
        Feature and corridor id to the file that holds it.
    nodes
        Node features with a valid geometry.
    links
        Line features with a valid geometry.
    """

    raw: RawDataset
    report: Reporter = field(default_factory=Reporter)
    source_ids: set[str] = field(default_factory=set)
    cited: set[str] = field(default_factory=set)
    ids: dict[str, str] = field(default_factory=dict)
    nodes: dict[str, Node] = field(default_factory=dict)
    links: dict[str, Link] = field(default_factory=dict)

    def at(self, file: str, feature: str) -> At:
        """Report on one feature of one file (see :meth:`Reporter.at`)."""
        return self.report.at(file, feature)

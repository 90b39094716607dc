"""Checking a dataset: structure, vocabularies, references, geometry and figures.

:func:`validate` gathers every problem in a dataset and returns them; it never changes a file.
Each problem names the file, the feature, the field, what is wrong and what to do. Errors make a
dataset unusable; warnings record facts worth knowing (sources that disagree, a line too coarse
to follow its route).

The checks are gathered by concern: :mod:`.records` (capacities, figures, claims, lengths,
dates, units, source lists), :mod:`.features` and :mod:`.geometry` (each feature of the GeoJSON
layers), :mod:`.references` (the sources registry and links' ends and vias), :mod:`.tables`
(corridors, parameters, trade), :mod:`.plans` (plans.json and events.json), :mod:`.text` (every string of every file) and
:mod:`.geography` (Natural Earth).
"""

from __future__ import annotations

from pathlib import Path

from .._errors import Problem
from ..dates import parse_date
from ..io import RawDataset, Reference, read_raw, read_reference
from ._state import State
from .features import check_layers
from .geography import check_geography
from .plans import check_events, check_plans
from .references import check_references, check_sources, check_unused_sources
from .tables import check_corridors, check_parameters, check_trade
from .text import check_text

__all__ = ["check_raw", "parse_date", "validate"]


def check_raw(raw: RawDataset, reference: Reference | None = None) -> list[Problem]:
    """Check a dataset read by :func:`corridormap.io.read_raw`.

    Parameters
    ----------
    raw
        The dataset as read from disk.
    reference
        Natural Earth reference geography; when given, border crossings are checked against
        the China–Russia border and ports against the coast.

    Returns
    -------
    list of Problem
        Every problem found, errors first.
    """
    state = State(raw)
    state.report.problems.extend(raw.problems)
    check_text(state)
    check_sources(state)
    check_layers(state)
    check_references(state)
    check_corridors(state)
    check_plans(state)
    check_events(state)
    check_parameters(state)
    check_trade(state)
    if reference is not None:
        check_geography(state, reference)
    check_unused_sources(state)
    return sorted(state.report.problems, key=lambda p: p.severity != "error")


def validate(data: str | Path | None = None, *, geography: bool = True) -> list[Problem]:
    """Check every file of a dataset and return every problem found. Changes no file.

    Parameters
    ----------
    data
        The dataset folder; ``None`` for the shipped dataset.
    geography
        Also check border crossings against the China–Russia border and ports against the
        coast (Natural Earth).

    Returns
    -------
    list of Problem
        Errors first, then warnings; empty when the dataset is clean.

    Raises
    ------
    DataReadError
        If the folder does not exist.

    Examples
    --------
    >>> import corridormap
    >>> [p for p in corridormap.validate() if p.severity == "error"]
    []
    """
    raw = read_raw(data)
    return check_raw(raw, read_reference() if geography else None)

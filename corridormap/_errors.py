"""Exceptions and the problem record shared by every step of corridormap.

Each exception subclasses a built-in, so ``except ValueError`` or ``except LookupError``
still catches it; the command line catches :class:`CorridorMapError` and prints one line.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "CorridorMapError",
    "DataReadError",
    "DataValidationError",
    "InvalidArgumentError",
    "NoRouteError",
    "OutputError",
    "Problem",
    "UnknownPlaceError",
    "UnknownUnitError",
]


class CorridorMapError(Exception):
    """Base class of every error corridormap raises on purpose."""


class InvalidArgumentError(CorridorMapError, ValueError):
    """An argument that is not what the function takes: a bad mode, date, weight, unit or type."""


class DataReadError(CorridorMapError, OSError):
    """A dataset folder or file cannot be found or read."""


class OutputError(CorridorMapError, OSError):
    """An output file that cannot be written, or that would overwrite an input."""


class UnknownUnitError(CorridorMapError, ValueError):
    """A unit string that the project's units registry does not know."""


class UnknownPlaceError(CorridorMapError, LookupError):
    """A place name or id that matches no node."""


class NoRouteError(CorridorMapError, LookupError):
    """No route exists under the given restrictions."""


@dataclass(frozen=True)
class Problem:
    """One problem found in a dataset.

    Parameters
    ----------
    severity
        ``"error"`` (the dataset is unusable until it is fixed) or ``"warning"`` (a fact
        worth knowing, such as two sources that disagree).
    file
        File name inside the dataset folder, e.g. ``"rail.geojson"``.
    feature
        Id of the feature or record concerned, or ``"-"`` for the file as a whole.
    field
        Property or part concerned, e.g. ``"capacities[0].unit"``.
    message
        What is wrong.
    fix
        What to do about it.
    """

    severity: str
    file: str
    feature: str
    field: str
    message: str
    fix: str = ""

    def __str__(self) -> str:
        text = f"{self.severity}: {self.file}: {self.feature}: {self.field}: {self.message}"
        return f"{text} ({self.fix})" if self.fix else text


class DataValidationError(CorridorMapError, ValueError):
    """A dataset has one or more errors; ``problems`` lists every one.

    Parameters
    ----------
    problems
        Every problem found (errors and warnings).
    """

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        first = str(errors[0]) if errors else "no errors"
        more = f" (and {len(errors) - 1} more errors)" if len(errors) > 1 else ""
        super().__init__(f"{first}{more}")

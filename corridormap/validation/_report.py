"""Gathering problems: a :class:`Reporter` and its reports bound to one file and feature."""

from __future__ import annotations

from dataclasses import dataclass, field

from .._errors import Problem


@dataclass
class Reporter:
    """The problems found so far, in the order they were found.

    Parameters
    ----------
    problems
        The list that reports append to.
    """

    problems: list[Problem] = field(default_factory=list)

    def at(self, file: str, feature: str) -> At:
        """Report on one feature of one file.

        Parameters
        ----------
        file
            File name inside the dataset folder, e.g. ``"rail.geojson"``.
        feature
            Id of the feature or record, or ``"-"`` for the file as a whole.

        Returns
        -------
        At
            Whose ``error`` and ``warn`` need only the field, the message and the fix.
        """
        return At(self, file, feature)


@dataclass(frozen=True)
class At:
    """A reporter bound to one file and feature.

    Parameters
    ----------
    reporter
        Where the problems go.
    file
        File name inside the dataset folder.
    feature
        Id of the feature or record concerned.
    """

    reporter: Reporter
    file: str
    feature: str

    def error(self, field: str, message: str, fix: str = "") -> None:
        """Report an error: the dataset is unusable until it is fixed.

        Parameters
        ----------
        field
            Property or part concerned, e.g. ``"capacities[0].unit"``.
        message
            What is wrong.
        fix
            What to do about it.
        """
        self.reporter.problems.append(Problem("error", self.file, self.feature, field, message, fix))

    def warn(self, field: str, message: str, fix: str = "") -> None:
        """Report a warning: a fact worth knowing that does not make the dataset unusable.

        Parameters
        ----------
        field
            Property or part concerned.
        message
            What is worth knowing.
        fix
            What to do about it.
        """
        self.reporter.problems.append(Problem("warning", self.file, self.feature, field, message, fix))

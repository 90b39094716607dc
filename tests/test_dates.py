"""Dates of year, month or day precision, as the dataset writes them, and a query's date and month."""

from __future__ import annotations

import datetime as dt

import pytest

from corridormap import CorridorMapError
from corridormap.dates import as_of_date, check_month, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022", dt.date(2022, 1, 1)),  # a year means its first day
        ("2022-06", dt.date(2022, 6, 1)),  # a month means its first day
        ("2022-06-10", dt.date(2022, 6, 10)),  # the Blagoveshchensk-Heihe bridge's opening day
        ("2024-02-29", dt.date(2024, 2, 29)),  # 2024 is a leap year
        ("0999", dt.date(999, 1, 1)),  # four digits, however early
    ],
)
def test_parse_date_of_each_precision(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "June 2022",
        "2022-6",  # months and days take two digits
        "2022-06-1",
        "22",
        "2022/06/10",
        "2022-06-10T00:00",
        " 2022",
        "2022-13",  # no month 13
        "2022-00",
        "2019-02-30",  # no 30 February
        "2023-02-29",  # 2023 is not a leap year
        "",
    ],
)
def test_parse_date_rejects_what_is_not_such_a_date(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize("value", [None, 2022, 2022.0, dt.date(2022, 6, 10), ["2022"]])
def test_parse_date_of_a_non_string_is_none(value: object) -> None:
    # the dataset writes dates as strings; a bare number such as 2022 is not read as a year
    assert parse_date(value) is None


def test_dates_of_different_precision_compare_by_their_first_day() -> None:
    year, month, day = parse_date("2022"), parse_date("2022-06"), parse_date("2022-06-10")
    assert year is not None and month is not None and day is not None
    assert year < month < day
    # "2022-06" and "2022-06-01" are the same day: a feature opened "2022-06" is open on 1 June
    assert parse_date("2022-06") == parse_date("2022-06-01")
    assert parse_date("2022") == parse_date("2022-01-01")
    # the last day of 2021 comes before anything dated 2022
    assert dt.date(2021, 12, 31) < year
    assert (day - month).days == 9
    assert (parse_date("2023") - year).days == 365  # type: ignore[operator]


def test_as_of_date_takes_text_a_date_or_nothing() -> None:
    assert as_of_date("2019-11-15") == dt.date(2019, 11, 15)
    assert as_of_date("2019") == dt.date(2019, 1, 1)
    assert as_of_date("2019-11") == dt.date(2019, 11, 1)
    assert as_of_date(dt.date(2016, 1, 1)) == dt.date(2016, 1, 1)
    before = dt.date.today()
    today = as_of_date(None)
    assert before <= today <= dt.date.today()  # today (bounded so that a run over midnight passes)


@pytest.mark.parametrize("text", ["2019-02-30", "June 2019", "2019-6-1", ""])
def test_as_of_date_rejects_bad_text_with_the_fix(text: str) -> None:
    with pytest.raises(CorridorMapError) as caught:
        as_of_date(text)
    assert str(caught.value) == f"not a date: {text!r}; write YYYY-MM-DD (or YYYY, YYYY-MM)"


@pytest.mark.parametrize("month", [None, 1, 7, 12])
def test_check_month_accepts_1_to_12_or_none(month: int | None) -> None:
    assert check_month(month) == month


@pytest.mark.parametrize("month", [0, 13, -1, True, 7.0, "7", "July"])
def test_check_month_rejects_anything_else(month: object) -> None:
    # True is an int in Python but not a month; 7.0 and "7" are not whole numbers as given
    with pytest.raises(CorridorMapError) as caught:
        check_month(month)
    assert str(caught.value) == f"month must be 1-12, got {month!r}"

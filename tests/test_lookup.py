"""Finding places by id, by name in three languages, by LAT,LON; ambiguity and suggestions."""

from __future__ import annotations

import pytest

import corridormap
from corridormap.lookup import find_place, normalise


@pytest.fixture(scope="module")
def G() -> object:
    return corridormap.network()


@pytest.mark.parametrize(
    ("query", "node"),
    [
        ("harbin", "harbin"),
        ("Harbin", "harbin"),
        ("哈尔滨", "harbin"),
        ("Харбин", "harbin"),
        ("Хабаровск", "khabarovsk"),  # the node is named "Хабаровск-1": station numbers are ignored
        ("KHABAROVSK", "khabarovsk"),
        ("Bei'an", "beian"),
        ("beian", "beian"),
        ("Komsomolsk on Amur", "komsomolsk-na-amure"),
        ("Zabaykalsk", "zabaikalsk"),  # an alias
        ("Vladivostok", "vladivostok"),  # the city before the port, by the documented rule
        ("Port of Vladivostok", "port-vladivostok"),
        ("port-vladivostok", "port-vladivostok"),
    ],
)
def test_names_in_three_languages(G: object, query: str, node: str) -> None:
    assert find_place(G, query).id == node  # type: ignore[arg-type]


def test_ambiguous_name_says_which_node_was_used(G: object) -> None:
    match = find_place(G, "Vladivostok")  # type: ignore[arg-type]
    assert (match.id, match.how) == ("vladivostok", "name")
    assert "port-vladivostok" in match.alternatives  # "Port of Vladivostok" is also "Vladivostok"


def test_nearest_node_to_a_position(G: object) -> None:
    # the Blagoveshchensk-Heihe road bridge checkpoint is at 50.201 N, 127.6007 E
    match = find_place(G, "50.2,127.6")  # type: ignore[arg-type]
    assert match.id == "bc-blagoveshchensk-heihe-bridge" and match.how == "nearest"
    assert match.distance_km is not None and match.distance_km < 0.2


def test_unknown_place_suggests_the_closest(G: object) -> None:
    with pytest.raises(corridormap.UnknownPlaceError, match=r"unknown place 'Harbn'; did you mean Harbin"):
        find_place(G, "Harbn")  # type: ignore[arg-type]
    with pytest.raises(LookupError, match="not a LAT,LON position"):
        find_place(G, "95,10")  # type: ignore[arg-type]


def test_normalise() -> None:
    assert normalise("Bei'an") == normalise("beian") == "beian"
    assert normalise("Port of Dalian") == "portofdalian"
    assert normalise("Ёлкино") == "елкино"

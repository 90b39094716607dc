"""The Eurasian places (issue 13) lie where two independent gazetteers put them.

``scripts/gazetteer/gazetteer.json`` holds, for each place, the Natural Earth 10m populated place
(public domain) and the GeoNames cities500 point (CC BY 4.0) that ``make_gazetteer.py`` matched
by name and country or by GeoNames id, without reading ``places.geojson``. A city point is a city
centre, so a city may lie up to 5 km from either; a town or a border settlement up to 3 km.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import corridormap
from corridormap.geodesy import distance_km
from corridormap.lookup import find_place

ROOT = Path(__file__).resolve().parents[1]
GAZETTEER = json.loads((ROOT / "scripts" / "gazetteer" / "gazetteer.json").read_text(encoding="utf-8"))
TOLERANCE_KM = {"city": 5.0, "town": 3.0}

# the places added for the Eurasian backbone: cities and junctions of the China-Europe routes
EURASIAN = [
    "moscow",
    "nizhny-novgorod",
    "kazan",
    "yekaterinburg",
    "tyumen",
    "omsk",
    "novosibirsk",
    "krasnoyarsk",
    "minsk",
    "brest",
    "terespol",
    "malaszewicze",
    "warsaw",
    "lodz",
    "poznan",
    "berlin",
    "hamburg",
    "duisburg",
    "rotterdam",
    "pardubice",
    "madrid",
    "beijing",
    "zhengzhou",
    "xian",
    "chongqing",
    "chengdu",
    "wuhan",
    "suzhou",
    "yiwu",
    "ulaanbaatar",
    "sukhbaatar",
    "zamyn-uud",
    "astana",
    "almaty",
    "dostyk",
    "alashankou",
    "khorgos",
]


@pytest.fixture(scope="module")
def places() -> Any:
    return corridormap.load()["places"]


def _km(places: Any, pid: str, lon: float, lat: float) -> float:
    pt = places.loc[pid, "geometry"]
    return float(distance_km(pt.x, pt.y, lon, lat))


@pytest.mark.parametrize("point", GAZETTEER["points"], ids=lambda p: f"{p['place']}-{p['gazetteer']}")
def test_place_within_its_gazetteer_point(places: Any, point: dict[str, Any]) -> None:
    km = _km(places, point["place"], point["lon"], point["lat"])
    limit = TOLERANCE_KM[places.loc[point["place"], "kind"]]
    assert km <= limit, f"{point['place']} is {km:.1f} km from {point['gazetteer']} {point['ref']}"
    assert point["gazetteer"] in places.loc[point["place"], "location_sources"]


def test_the_two_gazetteers_agree_where_both_list_a_city() -> None:
    # Natural Earth and GeoNames are independent: where both list a city their points are a few
    # km apart at most (Warsaw 2.6 km, Harbin 1.9 km), so neither is a wrong match
    by_place: dict[str, dict[str, tuple[float, float]]] = {}
    for p in GAZETTEER["points"]:
        by_place.setdefault(p["place"], {})[p["gazetteer"]] = (p["lon"], p["lat"])
    both = {k: v for k, v in by_place.items() if len(v) == 2}
    assert len(both) >= 11
    for pid, pts in both.items():
        (a_lon, a_lat), (b_lon, b_lat) = pts.values()
        assert float(distance_km(a_lon, a_lat, b_lon, b_lat)) <= 5.0, pid


def test_every_eurasian_place_has_a_checked_position(places: Any) -> None:
    listed = {p["place"] for p in GAZETTEER["points"]}
    # Małaszewicze (a settlement of 1,400 with the dry port) is in neither gazetteer: its point is
    # the Polish Wikipedia article's 52°01′21″N 23°32′03″E, 9 km from the border at Terespol
    assert set(EURASIAN) - listed == {"malaszewicze"}
    assert _km(places, "malaszewicze", 23.534167, 52.0225) < 0.1
    assert 5 <= _km(places, "malaszewicze", 23.61614, 52.0755) <= 10  # GeoNames Terespol


@pytest.mark.parametrize("pid", EURASIAN)
def test_names_in_three_scripts(places: Any, pid: str) -> None:
    row = places.loc[pid]
    assert re.search(r"[А-Яа-яЁё]", row["name_ru"]) and not re.search(r"[A-Za-z]", row["name_ru"])
    assert re.fullmatch(r"[\u4e00-\u9fff]+", row["name_zh"])


@pytest.mark.parametrize(
    ("query", "node"),
    [
        ("Москва", "moscow"),
        ("莫斯科", "moscow"),
        ("Екатеринбург", "yekaterinburg"),
        ("Brest", "brest"),
        ("Брест", "brest"),
        ("Malaszewicze", "malaszewicze"),
        ("Xi'an", "xian"),
        ("西安", "xian"),
        ("Alma-Ata", "almaty"),
        ("Алматы", "almaty"),
        ("Druzhba", "dostyk"),
        ("二连浩特", "erenhot"),
        ("扎门乌德", "zamyn-uud"),
        ("Hamburg", "hamburg"),  # the city before the port, as for Vladivostok
        ("Rotterdam", "rotterdam"),
    ],
)
def test_found_by_the_names_a_reader_uses(query: str, node: str) -> None:
    assert find_place(corridormap.network(), query).id == node

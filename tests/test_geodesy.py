"""Geodesic lengths on WGS84, across the antimeridian, vectorised."""

from __future__ import annotations

import numpy as np
import pytest
from shapely.geometry import LineString, MultiLineString

from corridormap.geodesy import distance_km, distance_to_line_km, length_km, lengths_km, long_way_segments


def test_one_degree_of_latitude_at_the_equator() -> None:
    # 110.574 km: the WGS84 meridian arc from 0° to 1° (Bowring / NGA tables).
    assert float(distance_km(0, 0, 0, 1)) == pytest.approx(110.574, abs=0.01)


def test_a_line_cut_at_the_antimeridian_measures_as_one() -> None:
    whole = LineString([(179.5, 66.0), (180.5, 66.2)])  # in continuous longitudes
    cut_lat = 66.1  # the great circle crosses 180° close to the midpoint latitude
    cut = MultiLineString([[(179.5, 66.0), (180.0, cut_lat)], [(-180.0, cut_lat), (-179.5, 66.2)]])
    expected = float(distance_km(179.5, 66.0, -179.5, 66.2))
    assert length_km(cut) == pytest.approx(expected, rel=1e-3)
    assert length_km(whole) == pytest.approx(expected, rel=1e-6)  # pyproj normalises longitudes
    assert long_way_segments(cut) == []
    assert long_way_segments(LineString([(179.5, 66.0), (-179.5, 66.2)])) == [0]


def test_vectorised_lengths_equal_one_by_one() -> None:
    rng = np.random.default_rng(7)
    lines = [LineString(rng.uniform([120, 40], [135, 55], size=(k, 2))) for k in range(2, 30)]
    lines.append(MultiLineString([[(179.0, 65.0), (180.0, 65.5)], [(-180.0, 65.5), (-178.0, 66.0)]]))
    together = lengths_km(lines)
    one_by_one = [length_km(line) for line in lines]
    assert together == pytest.approx(one_by_one, rel=1e-12)
    assert lengths_km([]).shape == (0,)


def test_distance_to_line_is_true_distance() -> None:
    # A point 1° of latitude north of an east-west line along the equator.
    line = LineString([(-1, 0), (1, 0)])
    assert distance_to_line_km(0, 1, line) == pytest.approx(110.574, abs=0.05)
    # A line on the far side of the antimeridian is still near.
    assert distance_to_line_km(179.99, 60.0, LineString([(-179.99, 59.0), (-179.99, 61.0)])) < 1.2

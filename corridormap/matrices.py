"""Distance and time matrices: many routes at once, one search per origin.

:func:`matrix` answers what :func:`corridormap.route` would for every origin and destination
pair, under one scenario: each entry is the length (or time) of the route ``route()`` finds.
It searches once per origin, from every state of the origin at once, over the routing core
(:mod:`corridormap.core`), and reads every destination off that one search, so a 100 × 100
matrix costs 100 searches, not 10,000.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import networkx as nx
import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

from . import settings
from ._args import names
from ._errors import InvalidArgumentError
from .core import Core, SearchGraph, core_graph, search_graph
from .lookup import PlaceMatch, find_place
from .routing import _candidates, _describe, _parse_restrictions
from .vocab import MODES

__all__ = ["matrix"]

UNITS = {"distance": "km", "time": "h"}


def _reported(C: Core, graph: SearchGraph, sources: np.ndarray, weight: str) -> tuple[np.ndarray, np.ndarray]:
    """Return, for every state, the search cost from the sources and what a route there reports.

    By time the two are the same. By distance a route is searched with transfers priced in
    kilometres but reports the geodesic length alone, so the lengths are summed again down the
    tree of shortest paths (one more compiled search, on that tree).
    """
    dist, pred, _ = dijkstra(graph.matrix, indices=sources, min_only=True, return_predecessors=True)
    if weight == "time" or not graph.has_transfers:
        return dist, dist  # the cost is what a route reports
    child = np.flatnonzero(pred >= 0)
    parent = pred[child].astype(np.int64)
    km = C.arc_length_km[graph.arcs_of(parent, child)]
    n = len(dist)
    order = np.lexsort((child, parent))
    indptr = np.zeros(n + 1, np.int64)
    np.cumsum(np.bincount(parent, minlength=n), out=indptr[1:])
    tree = csr_matrix((km[order], child[order], indptr), shape=(n, n))
    length = dijkstra(tree, indices=sources, min_only=True)
    return dist, length


def _check(G: nx.MultiDiGraph, places: Any, what: str) -> list[PlaceMatch]:
    items = names(places, what)
    if not items:
        raise InvalidArgumentError(f"give at least one place in {what}")
    return [find_place(G, p) for p in items]


def _fill_row(
    C: Core,
    graph: SearchGraph,
    origins: list[PlaceMatch],
    dests: list[list[PlaceMatch]],
    weight: str,
) -> np.ndarray:
    """One row: each destination by the first origin and destination nodes that connect, as route() tries them."""
    row = np.full(len(dests), np.nan)
    for a in origins:
        todo = [j for j in range(len(dests)) if np.isnan(row[j])]
        if not todo:
            break
        cost, value = _reported(C, graph, C.state_ids(a.id), weight)
        for j in todo:
            for b in dests[j]:
                if b.id == a.id:
                    continue
                states = C.state_ids(b.id)
                if not len(states):
                    continue
                best = states[np.argmin(cost[states])]
                if np.isfinite(cost[best]):
                    row[j] = value[best]
                    break
    return row


def matrix(
    G: nx.MultiDiGraph,
    origins: Iterable[str],
    dests: Iterable[str],
    *,
    weight: str = "distance",
    modes: Iterable[str] | None = None,
    as_of: str | dt.date | None = None,
    month: int | None = None,
    avoid: Iterable[str] = (),
    include_planned: bool = False,
    all_year: bool = False,
    passenger_lines: bool = False,
    progress: bool | None = None,
) -> Any:
    """Return the route length (or time) between every origin and destination.

    Parameters
    ----------
    G
        The transport graph (:func:`corridormap.network`).
    origins, dests
        Places: ids, names in English, Russian or Chinese, or ``LAT,LON``.
    weight
        ``"distance"`` (geodesic km) or ``"time"`` (hours, with transfers and border dwell).
    modes, as_of, month, avoid, include_planned, all_year, passenger_lines
        As for :func:`corridormap.route`.
    progress
        Show a progress bar; by default from ``settings.matrix_progress_from`` origins on.

    Returns
    -------
    pandas.DataFrame
        One row per origin and one column per destination, by node id (``orig`` × ``dest``);
        each entry is what ``route(G, orig, dest, ...)`` reports, ``NaN`` where there is no
        route and 0 where origin and destination are the same place. ``attrs`` holds the
        ``unit`` (``km`` or ``h``), the ``weight``, the ``restrictions`` and the places as found.

    Raises
    ------
    UnknownPlaceError
        If a place is unknown.
    InvalidArgumentError
        For a bad mode, date, month or weight, or no places.

    Examples
    --------
    >>> import corridormap
    >>> G = corridormap.network()
    >>> m = corridormap.matrix(G, ["Harbin"], ["Vladivostok", "Khabarovsk"], modes=["rail"])
    >>> m.attrs["unit"], list(m.columns)
    ('km', ['vladivostok', 'khabarovsk'])
    """
    import pandas as pd
    from tqdm.auto import tqdm

    if weight not in UNITS:
        raise InvalidArgumentError(f"weight must be 'distance' or 'time', got {weight!r}")
    o_found, d_found = _check(G, origins, "origins"), _check(G, dests, "dests")
    r = _parse_restrictions(G, modes, as_of, month, avoid, include_planned, all_year, passenger_lines)
    if weight == "time" and "pipeline" in (r.modes or MODES):
        raise InvalidArgumentError(
            "pipelines have no travel time: use weight 'distance', or leave out mode 'pipeline'"
        )
    C = core_graph(G)
    graph = search_graph(C, r, weight, None, G.graph["parameters"]["speed.rail"])
    d_nodes = [_candidates(G, C, m, r) for m in d_found]
    show = len(o_found) >= settings.matrix_progress_from if progress is None else progress
    rows = []
    for o in tqdm(o_found, desc="matrix", unit="origin", disable=not show):
        row = _fill_row(C, graph, _candidates(G, C, o, r), d_nodes, weight)
        row[[j for j, d in enumerate(d_found) if d.id == o.id]] = 0.0
        rows.append(row)
    frame = pd.DataFrame(
        np.array(rows).reshape(len(o_found), len(d_found)),
        index=pd.Index([o.id for o in o_found], name="orig"),
        columns=pd.Index([d.id for d in d_found], name="dest"),
    )
    frame.attrs.update(
        unit=UNITS[weight],
        weight=weight,
        restrictions=_describe(r),
        origins=[o.to_dict() for o in o_found],
        dests=[d.to_dict() for d in d_found],
    )
    return frame

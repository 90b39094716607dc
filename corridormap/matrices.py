"""Distance and time matrices: many routes at once, one search per origin.

:func:`matrix` answers what :func:`corridormap.route` would for every origin and destination
pair, under one scenario: each entry is the length (or time) of the route ``route()`` finds.
It searches once per origin, from every state of the origin at once, over the routing core
(:mod:`corridormap.core`), and reads every destination off that one search, so a 100 × 100
matrix costs 100 searches, not 10,000.
"""

from __future__ import annotations

import datetime as dt
import itertools
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


def _fill_cch(
    C: Core,
    graph: SearchGraph,
    origins: list[list[PlaceMatch]],
    dests: list[list[PlaceMatch]],
    weight: str,
) -> np.ndarray:
    """Return every row at once, on the CCH.

    One many-to-many search over the states of every origin and destination node, then each
    pair's path (a query of microseconds) for its exact length or time; the first origin and
    destination nodes that connect are taken, as route() tries them.
    """

    def blocks(nodes: list[str]) -> tuple[np.ndarray, dict[str, tuple[int, int]]]:
        """Return the nodes' states one after the other, and each node's slice of them."""
        states = [C.state_ids(n) for n in nodes]
        ends = np.cumsum([0, *(len(x) for x in states)]).tolist()
        return (
            np.concatenate(states or [np.zeros(0, np.int64)]).astype(np.uint32),
            {n: (ends[k], ends[k + 1]) for k, n in enumerate(nodes)},
        )

    sources, rows = blocks(list(dict.fromkeys(m.id for m in itertools.chain(*origins))))
    targets, cols = blocks(list(dict.fromkeys(m.id for m in itertools.chain(*dests))))
    out = np.full((len(origins), len(dests)), np.nan)
    if not len(sources) or not len(targets):
        return out
    cost = graph.metric.distances_many_to_many(sources, targets)
    value = C.arc_time_h if weight == "time" else C.arc_length_km

    def best(a: str, b: str) -> tuple[int, int] | None:
        """Return the cheapest pair of states from node a to node b, if b can be reached."""
        (r0, r1), (c0, c1) = rows[a], cols[b]
        if a == b or r0 == r1 or c0 == c1:
            return None
        block = cost[r0:r1, c0:c1]
        k = int(block.argmin())
        if block.flat[k] >= graph.unreached:
            return None
        width = c1 - c0
        return int(sources[r0 + k // width]), int(targets[c0 + k % width])

    for i, o in enumerate(origins):
        for j, d in enumerate(dests):
            hit = next((h for a in o for b in d if (h := best(a.id, b.id)) is not None), None)
            if hit is not None:
                arcs = np.asarray(graph.metric.query(*hit)[2], np.int64)
                out[i, j] = float(value[arcs].sum())
    return out


def _saturated(
    C: Core, graph: SearchGraph, origins: list[PlaceMatch], dests: list[list[PlaceMatch]], row: np.ndarray
) -> bool:
    """Return whether a CCH row left a pair unreached that may yet connect.

    Such a pair's ends share a weakly connected component: its cost may have saturated the
    CCH's integer range. Ends in different components cannot connect.
    """
    mine = {a.id for a in origins}
    reach = set(graph.component[np.concatenate([C.state_ids(a) for a in mine])].tolist())
    for j in np.flatnonzero(np.isnan(row)):
        ends = [C.state_ids(b.id) for b in dests[j] if b.id not in mine]
        if ends and reach.intersection(graph.component[np.concatenate(ends)].tolist()):
            return True
    return False


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
    o_nodes = [_candidates(G, C, o, r) for o in o_found]
    found = _fill_cch(C, graph, o_nodes, d_nodes, weight) if graph.metric is not None else None
    rows = []
    for i in tqdm(range(len(o_found)), desc="matrix", unit="origin", disable=not show):
        # a row by scipy's search without the CCH, and where the CCH left a pair unreached (no
        # route, or a cost beyond its integer range: scipy tells which, exactly)
        if found is None or _saturated(C, graph, o_nodes[i], d_nodes, found[i]):
            rows.append(_fill_row(C, graph, o_nodes[i], d_nodes, weight))
        else:
            rows.append(found[i])
    for o, row in zip(o_found, rows, strict=True):
        row[[j for j, d in enumerate(d_found) if d.id == o.id]] = 0.0
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

"""The routing core: the routing graph as arrays, searched by contraction hierarchies.

:mod:`corridormap.multimodal` describes the routing graph as a networkx view: every node of the
transport graph split into one state per way of travelling through it, with transfer edges
between states. This module builds the same graph as numpy arrays, for search:

- a **state table** (``state_node``, ``state_code``; ``state_of[node, code]`` is a state's
  index, ``-1`` where a node has no such state);
- **arcs** (``arc_tail``, ``arc_head``, ``arc_length_km``, ``arc_time_h`` with the border
  dwell of the head node included, ``arc_edge``: the transport edge an arc runs along, or
  ``-1`` for a transfer, and ``arc_transfer``: the transfer's kind, or ``-1`` for a link);
- per transport edge, the facts a :class:`~corridormap.state.Scenario` tests (mode, feature,
  end nodes, kinds, passenger traffic, and its :class:`~corridormap.state.Window` as ordinal
  dates and a month bitmask), so that :func:`usable_edges` is one vectorised mask that gives
  the same answer as :func:`corridormap.state.usable` edge by edge.

A query turns the mask and a weight into arc costs and searches them with customizable
contraction hierarchies (RoutingKit's CCH, through ``pyroutingkit``): :func:`topology` orders
the state graph once (nested dissection by inertial flow on the states' coordinates, about a
second on the shipped network, kept in the graph cache), :func:`search_graph` customizes that
order with a scenario's costs in integer units (milliseconds, kept for the last few scenarios),
and a query takes microseconds. ``benchmarks/bench_network.py`` measured it against scipy's
Dijkstra, igraph, networkx and scgraph. Where pyroutingkit has no wheel, or with
``settings.search_engine = "scipy"``, the search is :func:`scipy.sparse.csgraph.dijkstra` from
every state of the origin at once over a CSR matrix of the cheapest usable arc between two
states (the first on a tie, as the networkx view does). The arrays are built once per transport
graph and kept in ``G.graph["_core"]``.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np

from . import settings
from .multimodal import _states, transfer_kind
from .state import Scenario
from .vocab import ROAD_LIKE_MODES

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

__all__ = [
    "TRANSFERS",
    "Core",
    "SearchGraph",
    "arc_costs",
    "build_topology",
    "core_from_columns",
    "core_graph",
    "search",
    "search_graph",
    "straight_km",
    "topology",
    "usable_edges",
]

#: Transfer kinds, by their code in ``Core.arc_transfer``.
TRANSFERS: tuple[str, ...] = ("gauge_change", "port_handling", "terminal_transfer")

_BASE_STATES = ("rail1520", "rail1435", "road", "sea", "pipeline-oil", "pipeline-gas")
_NEVER = np.iinfo(np.int64).max  # "closed" of what never closes
_CSR_KEPT = 8  # search graphs kept per core (one per scenario, weight and penalty asked lately)
_EPS = 1e-6  # keeps a zero-time transfer from being free (as in routing)


@dataclass(eq=False)
class SearchGraph:
    """The routing graph under one scenario and weight, ready to search.

    Attributes
    ----------
    cost
        Each arc's search cost (``inf`` where it cannot be used).
    tail, head
        Each arc's states (the core's ``arc_tail`` and ``arc_head``).
    n
        The number of states.
    metric
        The CCH customized with these costs (``pyroutingkit.CCHMetric``), or ``None`` where
        the search is scipy's (see ``settings.search_engine``).
    units
        The CCH's integer units per unit of cost.
    unreached
        The CCH's distance of an unreachable state (its ``INF_WEIGHT``).
    has_transfers
        Whether any transfer can be used (if none, a path's cost by distance is its length).
    """

    cost: np.ndarray
    tail: np.ndarray
    head: np.ndarray
    n: int
    metric: Any = None
    units: float = 1.0
    unreached: int = 0
    has_transfers: bool = True
    _csr: tuple[csr_matrix, np.ndarray] | None = field(default=None, init=False, repr=False)
    _component: np.ndarray | None = field(default=None, init=False, repr=False)

    def _entries(self) -> tuple[csr_matrix, np.ndarray]:
        """Return the CSR matrix of the cheapest usable arcs and the arc of each entry.

        Between each pair of states the entry is the cheapest usable arc, the first on a tie (as
        :func:`corridormap.routing` picks among a networkx view's edges); built on first use.
        """
        if self._csr is None:
            from scipy.sparse import csr_matrix  # only the scipy search needs it (a cold route does not)

            cost = self.cost
            keep = np.flatnonzero(np.isfinite(cost))
            order = keep[np.lexsort((keep, cost[keep], self.head[keep], self.tail[keep]))]
            tail, head = self.tail[order], self.head[order]
            first = np.ones(len(order), bool)
            first[1:] = (tail[1:] != tail[:-1]) | (head[1:] != head[:-1])
            arcs = order[first]
            n = self.n
            indptr = np.zeros(n + 1, np.int64)
            np.cumsum(np.bincount(self.tail[arcs], minlength=n), out=indptr[1:])
            self._csr = (csr_matrix((cost[arcs], self.head[arcs], indptr), shape=(n, n)), arcs)
        return self._csr

    @property
    def component(self) -> np.ndarray:
        """Each state's weakly connected component over the usable arcs (worked out on first use).

        States in different components cannot reach each other: the CCH's "unreached" between
        them needs no second search.
        """
        if self._component is None:
            from scipy.sparse.csgraph import connected_components

            self._component = connected_components(self.matrix, directed=True, connection="weak")[1]
        return self._component

    @property
    def matrix(self) -> csr_matrix:
        """The CSR matrix of the cheapest usable arc between each pair of states."""
        return self._entries()[0]

    @property
    def arcs(self) -> np.ndarray:
        """For each stored entry of :attr:`matrix` (in its order), the arc it stands for."""
        return self._entries()[1]

    def arc(self, a: int, b: int) -> int:
        """Return the arc the search used from state ``a`` to state ``b``."""
        matrix, arcs = self._entries()
        lo, hi = matrix.indptr[a], matrix.indptr[a + 1]
        return int(arcs[lo + np.searchsorted(matrix.indices[lo:hi], b)])

    def arcs_of(self, tails: np.ndarray, heads: np.ndarray) -> np.ndarray:
        """Return the arcs from many states to many states at once (each pair must be an entry)."""
        matrix, arcs = self._entries()
        n = matrix.shape[0]
        rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(matrix.indptr))
        keys = rows * n + matrix.indices  # ascending: rows in order, columns sorted in each
        out: np.ndarray = arcs[np.searchsorted(keys, tails.astype(np.int64) * n + heads)]
        return out


@dataclass(eq=False)
class Core:
    """The routing graph of a transport graph as arrays (see the module docstring)."""

    nodes: list[str]
    index: dict[str, int]
    edges: Sequence[tuple[str, str, str]]
    edge_u: np.ndarray
    edge_v: np.ndarray
    features: list[str]
    edge_feature: np.ndarray
    modes: list[str]
    edge_mode: np.ndarray
    kinds: list[Any]
    edge_kinds: np.ndarray
    edge_passenger: np.ndarray
    edge_planned: np.ndarray
    edge_cancelled: np.ndarray
    edge_opened: np.ndarray
    edge_expected: np.ndarray
    edge_closed: np.ndarray
    edge_months: np.ndarray
    edge_layer: Sequence[str]
    tiers: list[str]
    edge_tier: np.ndarray
    states: list[str]
    state_node: np.ndarray
    state_code: np.ndarray
    state_of: np.ndarray
    arc_tail: np.ndarray
    arc_head: np.ndarray
    arc_edge: np.ndarray
    arc_transfer: np.ndarray
    arc_length_km: np.ndarray
    arc_time_h: np.ndarray
    node_xy: np.ndarray
    _graphs: OrderedDict[Any, SearchGraph] = field(default_factory=OrderedDict, init=False, repr=False)
    #: Where the CCH ordering of this core is kept on disk (a cache entry's ``cch`` folder), if anywhere.
    topology_dir: Path | None = field(default=None, init=False, repr=False)
    _topology: Any = field(default=None, init=False, repr=False)
    #: Facts derived from the core and its graph once, for the queries' use.
    memo: dict[str, Any] = field(default_factory=dict, init=False, repr=False)

    def __getstate__(self) -> dict[str, Any]:
        """Pickle the arrays alone, for a sweep's worker process.

        The search graphs, the CCH order and the memo are made again where they are used, and
        the cache folder is not assumed to be there.
        """
        state = dict(self.__dict__)
        state.update(_graphs=OrderedDict(), _topology=None, topology_dir=None, memo={})
        return state

    def states_at(self, node: str) -> list[str]:
        """Return the states a node has (``rail1520``, ``road`` ...), empty if none or unknown."""
        i = self.index.get(node)
        if i is None:
            return []
        return [self.states[c] for c in np.flatnonzero(self.state_of[i] >= 0)]

    def state_ids(self, node: str) -> np.ndarray:
        """Return the indices of a node's states."""
        row: np.ndarray = self.state_of[self.index[node]]
        out: np.ndarray = row[row >= 0]
        return out


def straight_km(C: Core, a: str, b: str) -> float:
    """Return the great-circle distance between two nodes on a sphere of the Earth's mean radius.

    Only a bound for a search to start from (see :func:`corridormap.routing`), not a length: it
    spares importing pyproj on the way to a route. Lengths are geodesic (:mod:`corridormap.geodesy`).
    """
    (lon1, lat1), (lon2, lat2) = np.radians(C.node_xy[[C.index[a], C.index[b]]])
    h = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return float(2 * 6371.0088 * np.arcsin(np.sqrt(min(h, 1.0))))


def _codes(values: list[Any]) -> tuple[list[Any], np.ndarray]:
    """Return the distinct values in first-seen order and each value's code."""
    table: dict[Any, int] = {}
    codes = np.fromiter((table.setdefault(v, len(table)) for v in values), np.int32, len(values))
    return list(table), codes


def _ordinal(day: dt.date | None, missing: int) -> int:
    return missing if day is None else day.toordinal()


def _edge_columns(G: nx.MultiDiGraph) -> dict[str, Any]:
    """Read each transport edge's facts into columns (the one pass over the networkx edges)."""
    cols: dict[str, list[Any]] = {
        k: [] for k in ("edges", "feature", "mode", "layer", "tier", "states", "km")
    }
    cols.update(time=[], kinds=[], passenger=[], window=[])
    for u, v, key, d in G.edges(keys=True, data=True):
        cols["edges"].append((u, v, key))
        cols["feature"].append(d["feature"])
        cols["mode"].append(d["mode"])
        cols["layer"].append(d["layer"])
        cols["tier"].append(d.get("tier", "curated"))
        cols["states"].append(tuple(_states(d)))
        cols["km"].append(d["length_km"])
        cols["time"].append(d["time_h"])
        cols["kinds"].append(d.get("kind"))
        cols["passenger"].append(d.get("traffic") == "passenger")
        cols["window"].append(d["window"])
    return cols


def _window_arrays(windows: list[Any]) -> dict[str, np.ndarray]:
    """Return the windows as arrays: ordinal dates (0 if none, never for no closing) and month bits."""
    _, by_object = _codes([id(w) for w in windows])  # edges share Window objects: hash each once
    distinct, codes = _codes([windows[i] for i in np.unique(by_object, return_index=True)[1]])
    codes = codes[by_object]
    planned = np.array([w.planned for w in distinct], bool)
    cancelled = np.array([w.cancelled for w in distinct], bool)
    opened = np.array([_ordinal(w.opened, 0) for w in distinct], np.int64)
    expected = np.array([_ordinal(w.expected, 0) for w in distinct], np.int64)
    closed = np.array([_ordinal(w.closed, _NEVER) for w in distinct], np.int64)
    months = np.array([sum(1 << m for m in (w.months or ())) for w in distinct], np.int64)
    return {
        "edge_planned": planned[codes],
        "edge_cancelled": cancelled[codes],
        "edge_opened": opened[codes],
        "edge_expected": expected[codes],
        "edge_closed": closed[codes],
        "edge_months": months[codes],
    }


def _state_arrays(
    n: int, edge_u: np.ndarray, edge_v: np.ndarray, state_sets: list[tuple[str, ...]]
) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Expand edges into states: the state names, the state table and each link arc's edge and state."""
    combos, combo_of = _codes(state_sets)
    extra = sorted({s for c in combos for s in c} - set(_BASE_STATES))
    states = [*_BASE_STATES, *extra]
    code = {s: i for i, s in enumerate(states)}
    combo_mask = np.zeros((len(combos), len(states)), bool)
    for i, combo in enumerate(combos):
        combo_mask[i, [code[s] for s in combo]] = True
    arc_edge, arc_state = np.nonzero(combo_mask[combo_of])  # edge by edge, as the networkx view adds them
    present = np.zeros((n, len(states)), bool)
    present[edge_u[arc_edge], arc_state] = True
    present[edge_v[arc_edge], arc_state] = True
    state_of = np.full((n, len(states)), -1, np.int64)
    state_of[present] = np.arange(int(present.sum()))
    state_node, state_code = np.nonzero(present)
    return states, state_of, np.stack([state_node, state_code]), arc_edge, arc_state


def _transfers(
    states: list[str], state_of: np.ndarray, is_port: np.ndarray, p: dict[str, float]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Return the transfer arcs: tail and head states, kind code and hours."""
    hours = {"gauge_change": p["dwell.gauge_change"], "port_handling": p["handling.port"]}
    tails, heads, kinds, times = [], [], [], []
    for (a, sa), (b, sb) in itertools.permutations(enumerate(states), 2):
        both = (state_of[:, a] >= 0) & (state_of[:, b] >= 0)
        for port in (False, True):
            kind = transfer_kind(sa, sb, port)
            at = both & (is_port == port)
            if kind is None or not at.any():
                continue
            tails.append(state_of[at, a])
            heads.append(state_of[at, b])
            kinds.append(np.full(int(at.sum()), TRANSFERS.index(kind), np.int8))
            times.append(np.full(int(at.sum()), hours.get(kind, p["handling.terminal"])))
    if not tails:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int8), np.zeros(0)
    return np.concatenate(tails), np.concatenate(heads), np.concatenate(kinds), np.concatenate(times)


def _dwell(
    G: nx.MultiDiGraph, nodes: list[str], edge_v: np.ndarray, mode: np.ndarray, modes: list[str]
) -> np.ndarray:
    """Border dwell of each edge: entering a crossing costs the dwell of its mode."""
    p = G.graph["parameters"]
    border = np.array([G.nodes[n].get("layer") == "border_crossings" for n in nodes], bool)
    by_mode = np.array(
        [
            p["dwell.border_rail"] if m == "rail" else p["dwell.border_road"] if m in ROAD_LIKE_MODES else 0.0
            for m in modes
        ]
    )
    return np.where(border[edge_v], by_mode[mode] if len(modes) else 0.0, 0.0)


def core_graph(G: nx.MultiDiGraph) -> Core:
    """Return the routing core of a transport graph (built on first use and kept in ``G.graph``).

    Parameters
    ----------
    G
        The transport graph from :func:`corridormap.network` or :func:`corridormap.build_graph`.

    Returns
    -------
    Core
        The same states, links and transfers as :func:`corridormap.multimodal.routing_graph`.
    """
    cached: Core | None = G.graph.get("_core")
    if cached is not None:
        return cached
    index = {n: i for i, n in enumerate(G.nodes)}
    cols = _edge_columns(G)
    edge_u = np.fromiter((index[e[0]] for e in cols["edges"]), np.int64, len(cols["edges"]))
    edge_v = np.fromiter((index[e[1]] for e in cols["edges"]), np.int64, len(cols["edges"]))
    core = core_from_columns(G, cols, edge_u, edge_v)
    G.graph["_core"] = core
    return core


def core_from_columns(
    G: nx.MultiDiGraph, cols: dict[str, Any], edge_u: np.ndarray, edge_v: np.ndarray
) -> Core:
    """Return the routing core of a graph's nodes and of edges given as columns, not read from ``G``.

    A builder that holds its edges as arrays already (:func:`corridormap.lines.network_from_lines`)
    skips the pass over the networkx edges; :func:`core_graph` reads them into the same columns.

    Parameters
    ----------
    G
        The transport graph: its nodes (in order, with ``lon``, ``lat`` and ``layer``) and its
        ``parameters``.
    cols
        Per edge: ``edges`` ``(u, v, key)``, ``feature``, ``mode``, ``layer``, ``tier``
        (``curated``, ``backbone``, ``lines`` ...), ``states`` (a tuple of state names), ``km``,
        ``time``, ``kinds``, ``passenger`` and ``window``.
    edge_u, edge_v
        Each edge's end nodes, by position in ``G.nodes``.

    Returns
    -------
    Core
    """
    nodes = list(G.nodes)
    index = {n: i for i, n in enumerate(nodes)}
    features, edge_feature = _codes(cols["feature"])
    modes, edge_mode = _codes(cols["mode"])
    tiers, edge_tier = _codes(cols["tier"])
    kinds, kind_codes = _codes([*cols["kinds"], *(G.nodes[n].get("kind") for n in nodes)])
    node_kind = kind_codes[len(edge_u) :]
    edge_kinds = np.stack([kind_codes[: len(edge_u)], node_kind[edge_u], node_kind[edge_v]], axis=1)
    states, state_of, table, arc_edge, arc_state = _state_arrays(len(nodes), edge_u, edge_v, cols["states"])
    is_port = np.array([G.nodes[n].get("layer") == "ports" for n in nodes], bool)
    t_tail, t_head, t_kind, t_time = _transfers(states, state_of, is_port, G.graph["parameters"])
    edge_time = np.asarray(cols["time"], float) + _dwell(G, nodes, edge_v, edge_mode, modes)
    n_links = len(arc_edge)
    return Core(
        nodes=nodes,
        index=index,
        edges=cols["edges"],
        edge_u=edge_u,
        edge_v=edge_v,
        features=features,
        edge_feature=edge_feature,
        modes=modes,
        edge_mode=edge_mode,
        kinds=kinds,
        edge_kinds=edge_kinds,
        edge_passenger=np.asarray(cols["passenger"], bool),
        edge_layer=cols["layer"],
        tiers=tiers,
        edge_tier=edge_tier,
        **_window_arrays(cols["window"]),
        states=states,
        state_node=table[0],
        state_code=table[1],
        state_of=state_of,
        arc_tail=np.concatenate([state_of[edge_u[arc_edge], arc_state], t_tail]),
        arc_head=np.concatenate([state_of[edge_v[arc_edge], arc_state], t_head]),
        arc_edge=np.concatenate([arc_edge, np.full(len(t_tail), -1)]),
        arc_transfer=np.concatenate([np.full(n_links, -1, np.int8), t_kind]),
        arc_length_km=np.concatenate([np.asarray(cols["km"], float)[arc_edge], np.zeros(len(t_tail))]),
        arc_time_h=np.concatenate([edge_time[arc_edge], t_time]),
        node_xy=np.array([(G.nodes[n]["lon"], G.nodes[n]["lat"]) for n in nodes], float).reshape(-1, 2),
    )


def _isin(codes: np.ndarray, table: list[str], wanted: frozenset[str] | set[str]) -> np.ndarray:
    hit = np.array([t in wanted for t in table], bool)
    return hit[codes] if len(table) else np.zeros(codes.shape, bool)


def usable_edges(C: Core, s: Scenario) -> np.ndarray:
    """Return which transport edges a scenario can use: :func:`corridormap.state.usable`, vectorised.

    Parameters
    ----------
    C
        The routing core.
    s
        The scenario.

    Returns
    -------
    numpy.ndarray
        One bool per edge of ``C.edges``.
    """
    ok = ~C.edge_cancelled & (C.edge_closed > s.as_of.toordinal())
    if s.modes is not None:
        ok &= _isin(C.edge_mode, C.modes, s.modes)
    if s.close:
        ok &= ~_isin(C.edge_feature, C.features, s.close)
        ok &= ~_isin(C.edge_u, C.nodes, s.close) & ~_isin(C.edge_v, C.nodes, s.close)
    if s.close_kinds:
        ok &= ~_isin(C.edge_kinds, C.kinds, s.close_kinds).any(axis=1)
    if not s.passenger_rail:
        ok &= ~C.edge_passenger
    day = s.as_of.toordinal()
    # a planned project counts once its expected date has passed (an undated one, 0, at once)
    planned_ok = C.edge_expected <= day if s.include_planned else np.zeros(len(C.edges), bool)
    ok &= np.where(C.edge_planned, planned_ok, C.edge_opened <= day)
    if s.month is not None:
        ok &= (C.edge_months == 0) | (((C.edge_months >> s.month) & 1) == 1)
    return ok


def arc_costs(
    C: Core,
    s: Scenario,
    weight: str,
    penalty: dict[str, float] | None = None,
    km_per_h: float = 40.0,
) -> np.ndarray:
    """Return each arc's search cost under a scenario (``inf`` where it cannot be used).

    Parameters
    ----------
    C
        The routing core.
    s
        The scenario.
    weight
        ``"distance"``: a link costs its length and a transfer ``km_per_h`` × its hours;
        ``"time"``: hours.
    penalty
        Feature id to cost multiplier (route alternatives).
    km_per_h
        The speed that turns a transfer's hours into kilometres when routing by distance.

    Returns
    -------
    numpy.ndarray
    """
    link = C.arc_edge >= 0
    edge = np.where(link, C.arc_edge, 0)
    if weight == "time":
        cost = C.arc_time_h.copy()
    else:
        cost = np.where(link, C.arc_length_km, C.arc_time_h * km_per_h + _EPS)
    if penalty:
        factor = np.array([penalty.get(f, 1.0) for f in C.features])
        cost = np.where(link, cost * factor[C.edge_feature[edge]], cost)
    usable = usable_edges(C, s)[edge] & ~np.isnan(cost)
    return np.where(usable | ~link, cost, np.inf)


def _pyroutingkit() -> Any | None:
    """Return the pyroutingkit module if routes are to be searched by CCH and it is installed."""
    if settings.search_engine != "cch":
        return None
    try:
        import pyroutingkit  # type: ignore[import-untyped]
    except ImportError:  # no wheel for this platform: scipy's Dijkstra
        return None
    return pyroutingkit


def build_topology(C: Core) -> Any:
    """Return the CCH topology of a core's state graph (``pyroutingkit.CCHTopology``).

    The nested-dissection order (inertial flow on the states' coordinates) depends only on the
    graph's arcs, not on their costs, so one ordering serves every scenario and weight.

    Parameters
    ----------
    C
        The routing core.

    Returns
    -------
    pyroutingkit.CCHTopology
    """
    prk = _pyroutingkit()
    if prk is None:
        raise RuntimeError("the CCH search needs pyroutingkit and settings.search_engine = 'cch'")
    xy = C.node_xy[C.state_node].astype(np.float32).reshape(-1, 2)
    topology = prk.CCHTopology()
    topology.build(
        C.arc_tail.astype(np.uint32),
        C.arc_head.astype(np.uint32),
        np.ascontiguousarray(xy[:, 1]),
        np.ascontiguousarray(xy[:, 0]),
        len(C.state_node),
    )
    return topology


def topology(C: Core) -> Any | None:
    """Return the core's CCH topology, or ``None`` if routes are searched by scipy.

    It is read from the core's cache entry where one holds it, else built and kept on the core.
    """
    if _pyroutingkit() is None or not len(C.arc_tail):
        return None
    if C._topology is None:
        if C.topology_dir is not None and (C.topology_dir / "order").is_file():
            found = _pyroutingkit().CCHTopology()  # type: ignore[union-attr]
            try:
                found.load(str(C.topology_dir))
            except (RuntimeError, OSError, ValueError):  # unreadable: built again below
                pass
            else:
                if found.node_count == len(C.state_node) and found.arc_count == len(C.arc_tail):
                    C._topology = found
        if C._topology is None:
            C._topology = build_topology(C)
    return C._topology


def search_graph(
    C: Core, s: Scenario, weight: str, penalty: dict[str, float] | None, km_per_h: float
) -> SearchGraph:
    """Return the search graph for a scenario and weight (the last few are kept).

    With the CCH (``settings.search_engine``) this customizes the core's topology with the
    arcs' costs in integer units; otherwise the scipy search uses the CSR matrix of the cheapest
    usable arc between each pair of states, the first one on a tie (as
    :func:`corridormap.routing` picks among a networkx view's edges).
    """
    key = (s, weight, tuple(sorted((penalty or {}).items())), km_per_h, settings.search_engine)
    found = C._graphs.get(key)
    if found is not None:
        C._graphs.move_to_end(key)
        return found
    cost = arc_costs(C, s, weight, penalty, km_per_h)
    usable = np.isfinite(cost)
    graph = SearchGraph(
        cost, C.arc_tail, C.arc_head, len(C.state_node), has_transfers=bool((C.arc_edge[usable] < 0).any())
    )
    topo = topology(C)
    if topo is not None:
        prk = _pyroutingkit()
        units = settings.search_units_per_h if weight == "time" else settings.search_units_per_km
        weights = np.full(len(cost), prk.INF_WEIGHT, np.uint32)  # type: ignore[union-attr]
        # an arc dearer than the CCH's range (a route alternative's penalties compound) is kept
        # just below its infinity: a path through it then saturates, and scipy answers exactly
        weights[usable] = np.minimum(np.rint(cost[usable] * units), prk.INF_WEIGHT - 1)  # type: ignore[union-attr]
        metric = prk.CCHMetric(topo)  # type: ignore[union-attr]
        metric.customize(weights)
        graph.metric, graph.units, graph.unreached = metric, units, prk.INF_WEIGHT  # type: ignore[union-attr]
    C._graphs[key] = graph
    while len(C._graphs) > _CSR_KEPT:
        C._graphs.popitem(last=False)
    return graph


def search(
    graph: SearchGraph, sources: np.ndarray, targets: np.ndarray, limit: float = np.inf
) -> tuple[float, list[int], np.ndarray] | None:
    """Return the cheapest path from any source state to any target state.

    Parameters
    ----------
    graph
        The search graph.
    sources, targets
        State indices.
    limit
        For the scipy search: stop at this cost, beyond which a target counts as unreached (the
        CCH search needs no bound).

    Returns
    -------
    tuple or None
        The path's cost (summed from the arcs' exact costs), its states, first to last, and its
        arcs; ``None`` if no target is reached.
    """
    if graph.metric is not None:
        best: tuple[int, list[int], list[int]] | None = None
        for a in sources.tolist():
            for b in targets.tolist():
                found = graph.metric.query(a, b)
                if found[0] < graph.unreached and (best is None or found[0] < best[0]):
                    best = found
        if best is not None:
            arcs = np.asarray(best[2], np.int64)
            return float(graph.cost[arcs].sum()), list(best[1]), arcs
        # unreached: no path, or one whose cost in the CCH's units saturates at its infinity
        # (RoutingKit saturates, it does not wrap): none if no target shares a source's
        # component, else scipy's search tells which, exactly
        if not np.isin(graph.component[targets], graph.component[sources]).any():
            return None
    from scipy.sparse.csgraph import dijkstra

    dist, pred, _ = dijkstra(
        graph.matrix, indices=sources, min_only=True, return_predecessors=True, limit=limit
    )
    end = int(targets[np.argmin(dist[targets])])
    if not np.isfinite(dist[end]):
        return None
    path = [end]
    while pred[path[-1]] >= 0:
        path.append(int(pred[path[-1]]))
    path.reverse()
    states = np.asarray(path, np.int64)
    return float(dist[end]), path, graph.arcs_of(states[:-1], states[1:])

"""Maximum flow and minimum cut of a commodity through the network, under a scenario.

The flow network of a commodity is built from the transport graph:

- a link carries the commodity only if one of its capacity records for that commodity is in
  force at the date (:func:`corridormap.capacity.capacity_in_force`); a link without one carries
  none of it (zero capacity, not an error). Sea lanes are the exception: the sea is not the
  constraint, ports are, so a sea lane is unbounded;
- a node with a capacity record in force (a port's throughput, a crossing's) constrains what
  passes through it; a node without one does not;
- a two-way link offers its capacity in each direction; a pipeline only in its flow direction;
- several sources and sinks join a super-source and a super-sink.

A :class:`Scenario` closes features (ids, kinds, border crossings, whatever is closed in a
month), adds planned projects up to a date, and overrides capacities. Two implementations
solve the same network: scipy's ``maximum_flow`` (default, fast; capacities are scaled to whole
thousandths of the unit) and networkx's preflow-push; tests check one against the other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np

from ._errors import CorridorMapError
from .capacity import canonical_unit, capacity_in_force
from .dates import as_of_date, check_month
from .graph import Window
from .lookup import PlaceMatch, find_place
from .units import convert
from .vocab import COMMODITY_DIMENSIONS

__all__ = [
    "FlowNetwork",
    "FlowResult",
    "Scenario",
    "flow_network",
    "max_flow",
    "query_network",
    "scenario",
    "solve",
]

#: Stands for "no stated limit" (sea lanes, super-source and super-sink edges), in the unit of
#: the query; a flow that reaches it is reported as unbounded.
UNBOUNDED = 1e6
_SCALE = 1000  # scipy needs whole numbers: capacities in thousandths of the unit


@dataclass(frozen=True)
class Scenario:
    """A state of the network to compute flows in.

    Attributes
    ----------
    as_of
        The date: what was open, and the capacities in force, then (today by default).
    month
        1-12: seasonal links closed outside their months.
    include_planned
        Add planned and under-construction projects expected by ``as_of``.
    close
        Feature or node ids closed.
    close_kinds
        Kinds of feature closed (``ropeway``, ``ferry_crossing``, ``border_crossing`` ...).
    capacity
        Overrides: feature or node id to ``(value, unit)`` for the commodity asked.
    """

    as_of: dt.date = field(default_factory=dt.date.today)
    month: int | None = None
    include_planned: bool = False
    close: frozenset[str] = frozenset()
    close_kinds: frozenset[str] = frozenset()
    capacity: tuple[tuple[str, float, str], ...] = ()

    def with_closed(self, *ids: str) -> Scenario:
        """Return the same scenario with more features or nodes closed."""
        return Scenario(
            self.as_of,
            self.month,
            self.include_planned,
            self.close | set(ids),
            self.close_kinds,
            self.capacity,
        )

    def describe(self) -> dict[str, Any]:
        """Return the scenario as a JSON-ready dict."""
        return {
            "as_of": self.as_of.isoformat(),
            "month": self.month,
            "include_planned": self.include_planned,
            "close": sorted(self.close),
            "close_kinds": sorted(self.close_kinds),
            "capacity": [{"id": i, "value": v, "unit": u} for i, v, u in self.capacity],
        }


def scenario(
    as_of: str | dt.date | None = None,
    month: int | None = None,
    include_planned: bool = False,
    close: Iterable[str] = (),
    close_kinds: Iterable[str] = (),
    capacity: dict[str, tuple[float, str]] | None = None,
) -> Scenario:
    """Build a :class:`Scenario` from user input, checking each part.

    Parameters
    ----------
    as_of
        ``YYYY-MM-DD`` (or ``YYYY``, ``YYYY-MM``) or a date; today if ``None``.
    month
        1-12 or ``None``.
    include_planned
        Add planned projects expected by ``as_of``.
    close
        Feature or node ids to close.
    close_kinds
        Kinds of feature to close.
    capacity
        Feature or node id to ``(value, unit)`` overrides.

    Returns
    -------
    Scenario

    Raises
    ------
    CorridorMapError
        For an impossible date or month.
    """
    as_of = as_of_date(as_of)
    check_month(month)
    overrides = tuple((k, float(v), u) for k, (v, u) in (capacity or {}).items())
    return Scenario(
        as_of or dt.date.today(), month, include_planned, frozenset(close), frozenset(close_kinds), overrides
    )


@dataclass
class FlowNetwork:
    """The flow network of one commodity in one scenario, as arrays.

    Attributes
    ----------
    commodity, unit
        What flows, and the unit of every capacity and flow.
    nodes
        Flow-network node names: node ids, ``(id, "in")`` / ``(id, "out")`` for a node with a
        capacity, and ``"__source__"`` / ``"__sink__"``.
    tail, head, capacity
        One entry per arc.
    owner
        What each arc stands for: a feature id, ``("node", id)`` for a node's own capacity, or
        ``None`` for the arcs from the super-source and to the super-sink.
    record
        The capacity record each arc's capacity comes from (``None`` where unbounded).
    """

    commodity: str
    unit: str
    nodes: list[Any]
    tail: np.ndarray
    head: np.ndarray
    capacity: np.ndarray
    owner: list[Any]
    record: list[dict[str, Any] | None]
    sources: list[str]
    sinks: list[str]
    scenario: Scenario

    @property
    def source(self) -> int:
        """Index of the super-source."""
        return self.nodes.index("__source__")

    @property
    def sink(self) -> int:
        """Index of the super-sink."""
        return self.nodes.index("__sink__")


def _closed(G: nx.MultiDiGraph, d: dict[str, Any], u: str, v: str, s: Scenario) -> bool:
    if d["feature"] in s.close or u in s.close or v in s.close:
        return True
    if (
        d.get("kind") in s.close_kinds
        or G.nodes[u].get("kind") in s.close_kinds
        or G.nodes[v].get("kind") in s.close_kinds
    ):
        return True
    window: Window = d["window"]
    return not window.is_open(s.as_of, s.include_planned, s.month)


def flow_network(
    G: nx.MultiDiGraph,
    commodity: str,
    sources: Iterable[str],
    sinks: Iterable[str],
    scen: Scenario | None = None,
    unit: str | None = None,
) -> FlowNetwork:
    """Build the flow network of a commodity between sources and sinks.

    Parameters
    ----------
    G
        The transport graph.
    commodity
        A commodity of the vocabulary.
    sources, sinks
        Node ids (use :func:`corridormap.find_place` for names).
    scen
        The scenario; today's network if ``None``.
    unit
        The unit of capacities and flows; the commodity's canonical unit (Mt/yr, bcm/yr ...)
        if ``None``.

    Returns
    -------
    FlowNetwork
    """
    s = scen or Scenario()
    if commodity not in COMMODITY_DIMENSIONS:
        raise CorridorMapError(
            f"unknown commodity {commodity!r}: use one of {', '.join(sorted(COMMODITY_DIMENSIONS))}"
        )
    target = unit or _default_unit(commodity)
    overrides = {k: convert(v, u, target) for k, v, u in s.capacity}
    src, snk = list(sources), list(sinks)
    names: list[Any] = []
    index: dict[Any, int] = {}

    def node(name: Any) -> int:
        if name not in index:
            index[name] = len(names)
            names.append(name)
        return index[name]

    tail: list[int] = []
    head: list[int] = []
    cap: list[float] = []
    owner: list[Any] = []
    record: list[dict[str, Any] | None] = []

    def arc(a: Any, b: Any, c: float, who: Any, rec: dict[str, Any] | None) -> None:
        tail.append(node(a))
        head.append(node(b))
        cap.append(c)
        owner.append(who)
        record.append(rec)

    # node capacities: split the node into in -> out
    ends_in: dict[str, Any] = {}
    ends_out: dict[str, Any] = {}
    for n, data in G.nodes(data=True):
        if n in s.close or data.get("kind") in s.close_kinds:
            continue
        rec = (
            None
            if n in src or n in snk
            else capacity_in_force(data.get("capacities"), commodity, s.as_of, target)
        )
        if n in overrides and n not in src and n not in snk:
            rec = {
                "value": overrides[n],
                "unit": target,
                "basis": "override",
                "year": s.as_of.year,
                "sources": [],
            }
        if rec is None:
            ends_in[n] = ends_out[n] = n
        else:
            ends_in[n], ends_out[n] = (n, "in"), (n, "out")
            arc((n, "in"), (n, "out"), rec["value"], ("node", n), rec)
    for u, v, _, d in G.edges(keys=True, data=True):
        if u not in ends_out or v not in ends_in or _closed(G, d, u, v, s):
            continue
        feature = d["feature"]
        if feature in overrides:
            rec = {
                "value": overrides[feature],
                "unit": target,
                "basis": "override",
                "year": s.as_of.year,
                "sources": [],
            }
        elif d.get("layer") == "sea_lanes":
            rec = None
        else:
            rec = capacity_in_force(d.get("capacities"), commodity, s.as_of, target)
            if rec is None:
                continue  # the link does not carry this commodity
        arc(ends_out[u], ends_in[v], UNBOUNDED if rec is None else rec["value"], feature, rec)
    for n in src:
        if n in ends_in:
            arc("__source__", ends_in[n], UNBOUNDED, None, None)
    for n in snk:
        if n in ends_out:
            arc(ends_out[n], "__sink__", UNBOUNDED, None, None)
    node("__source__")
    node("__sink__")
    return FlowNetwork(
        commodity,
        target,
        names,
        np.array(tail, dtype=int),
        np.array(head, dtype=int),
        np.array(cap, dtype=float),
        owner,
        record,
        src,
        snk,
        s,
    )


def _default_unit(commodity: str) -> str:
    amount = COMMODITY_DIMENSIONS[commodity][0]
    per_year = {
        "[mass]": "Mt/yr",
        "[length] ** 3": "bcm/yr",
        "[container]": "TEU/yr",
        "[passenger]": "passengers/yr",
        "[vehicle]": "vehicles/yr",
        "[train]": "trains/day",
    }
    return canonical_unit(per_year[amount])


def solve(
    net: FlowNetwork, method: str = "scipy", capacity: np.ndarray | None = None
) -> tuple[float, np.ndarray]:
    """Solve a flow network: the maximum flow and the flow on every arc.

    Parameters
    ----------
    net
        From :func:`flow_network`.
    method
        ``"scipy"`` (``scipy.sparse.csgraph.maximum_flow``, capacities in thousandths of the
        unit) or ``"networkx"`` (preflow-push).
    capacity
        Capacities to use instead of the network's own (the same arcs), for N-1 sweeps.

    Returns
    -------
    (float, numpy.ndarray)
        The value and one flow per arc.
    """
    caps = net.capacity if capacity is None else capacity
    n = len(net.nodes)
    if method == "scipy":
        from scipy.sparse import csr_matrix
        from scipy.sparse.csgraph import maximum_flow

        scaled = np.round(caps * _SCALE).astype(np.int64)
        # one matrix entry per (tail, head): parallel arcs add up, as they would in parallel
        order = np.lexsort((net.head, net.tail))
        pairs = np.stack([net.tail[order], net.head[order]])
        keys, first = np.unique(pairs, axis=1, return_index=True)
        summed = np.add.reduceat(scaled[order], first)
        matrix = csr_matrix((summed.astype(np.int32), (keys[0], keys[1])), shape=(n, n))
        result = maximum_flow(matrix, net.source, net.sink)
        flow_matrix = result.flow.tocsr()
        pair_flow = np.asarray(flow_matrix[keys[0], keys[1]]).ravel().astype(float)
        # share each pair's flow among its parallel arcs in proportion to their capacity
        pair_of_arc = np.empty(len(order), dtype=int)
        pair_of_arc[order] = np.repeat(np.arange(len(first)), np.diff(np.append(first, len(order))))
        share = np.where(summed[pair_of_arc] > 0, scaled / np.maximum(summed[pair_of_arc], 1), 0.0)
        flows = np.maximum(pair_flow[pair_of_arc], 0.0) * share / _SCALE
        return float(result.flow_value) / _SCALE, flows
    if method == "networkx":
        F = nx.DiGraph()
        F.add_nodes_from(range(n))
        for t, h, c in zip(net.tail.tolist(), net.head.tolist(), caps.tolist(), strict=True):
            if F.has_edge(t, h):
                F[t][h]["capacity"] += c
            else:
                F.add_edge(t, h, capacity=c)
        value, flow_dict = nx.maximum_flow(F, net.source, net.sink)
        flows = np.zeros(len(caps))
        for i, (t, h, c) in enumerate(zip(net.tail.tolist(), net.head.tolist(), caps.tolist(), strict=True)):
            total = F[t][h]["capacity"]
            flows[i] = flow_dict[t][h] * (c / total if total > 0 else 0.0)
        return float(value), flows
    raise CorridorMapError(f"unknown method {method!r}: use 'scipy' or 'networkx'")


@dataclass
class FlowResult:
    """The maximum flow of a commodity and where it binds.

    Attributes
    ----------
    value, unit
        The maximum flow.
    unbounded
        True when no stated capacity limits the flow (a path of sea lanes and nodes without
        figures): the value is then meaningless.
    flows
        Feature id to the (net) flow on it.
    node_flows
        Node id to the flow through it, for nodes with a capacity.
    min_cut
        ``{"features": [...], "nodes": [...]}``: a set of features and nodes whose capacities
        add up to the maximum flow and whose closure would cut every source from every sink.
        Where several cuts tie, this is the one nearest the sources (the Skovorodino-Mohe
        section rather than Mohe-Daqing, both 30 Mt/yr).
    binding
        The capacity record behind each element of the minimum cut.
    """

    commodity: str
    unit: str
    value: float
    unbounded: bool
    sources: list[PlaceMatch]
    sinks: list[PlaceMatch]
    scenario: Scenario
    flows: dict[str, float]
    node_flows: dict[str, float]
    min_cut: dict[str, list[str]]
    binding: list[dict[str, Any]]
    method: str

    def to_dict(self) -> dict[str, Any]:
        """Return the result as a JSON-ready dict (what ``corridormap flow --json`` prints)."""
        return {
            "commodity": self.commodity,
            "value": round(self.value, 3),
            "unit": self.unit,
            "unbounded": self.unbounded,
            "sources": [p.to_dict() for p in self.sources],
            "sinks": [p.to_dict() for p in self.sinks],
            "scenario": self.scenario.describe(),
            "min_cut": self.min_cut,
            "binding": self.binding,
            "flows": {k: round(v, 3) for k, v in sorted(self.flows.items(), key=lambda kv: -kv[1])},
            "node_flows": {k: round(v, 3) for k, v in self.node_flows.items()},
            "method": self.method,
        }

    def map(self, G: nx.MultiDiGraph, ds: Any = None) -> Any:
        """Return a folium map of the flow: widths by volume, the minimum cut highlighted.

        Parameters
        ----------
        G
            The transport graph the flow was computed on.
        ds
            The dataset for the background network; the shipped one if ``None``.

        Returns
        -------
        folium.Map
        """
        from .maps import flow_map

        return flow_map(self, G, ds)

    def __str__(self) -> str:
        head = f"maximum {self.commodity} flow: " + (
            "unbounded (no stated capacity limits it)" if self.unbounded else f"{self.value:,.3g} {self.unit}"
        )
        lines = [head]
        for b in self.binding:
            lines.append(
                f"  binds at {b['id']}: {b['value']:,.3g} {b['unit']} ({b['basis']}, {b['year']}; {', '.join(b['sources']) or 'override'})"
            )
        return "\n".join(lines)


def _min_cut(net: FlowNetwork, flows: np.ndarray, caps: np.ndarray) -> list[int]:
    """Arcs from the source side to the sink side of the residual graph."""
    residual: dict[int, list[int]] = {}
    for i, (t, h) in enumerate(zip(net.tail.tolist(), net.head.tolist(), strict=True)):
        if caps[i] - flows[i] > 1e-9:
            residual.setdefault(t, []).append(h)
        if flows[i] > 1e-9:
            residual.setdefault(h, []).append(t)
    seen = {net.source}
    stack = [net.source]
    while stack:
        x = stack.pop()
        for y in residual.get(x, []):
            if y not in seen:
                seen.add(y)
                stack.append(y)
    return [
        i
        for i, (t, h) in enumerate(zip(net.tail.tolist(), net.head.tolist(), strict=True))
        if t in seen and h not in seen and caps[i] > 0
    ]


def query_network(
    G: nx.MultiDiGraph,
    commodity: str,
    sources: Iterable[str],
    sinks: Iterable[str],
    scen: Scenario | None = None,
    unit: str | None = None,
) -> tuple[list[PlaceMatch], list[PlaceMatch], FlowNetwork]:
    """Resolve a flow question's places, check them, and build its flow network.

    Parameters
    ----------
    G, commodity, sources, sinks, scen, unit
        As for :func:`max_flow`.

    Returns
    -------
    (list of PlaceMatch, list of PlaceMatch, FlowNetwork)
        The sources and sinks as found, and the network.

    Raises
    ------
    CorridorMapError
        For an empty set of sources or sinks, or a place that is both.
    """
    src = [find_place(G, p) for p in sources]
    snk = [find_place(G, p) for p in sinks]
    if not src or not snk:
        raise CorridorMapError("give at least one source and one sink")
    both = {p.id for p in src} & {p.id for p in snk}
    if both:
        raise CorridorMapError(f"{', '.join(sorted(both))} is both a source and a sink")
    net = flow_network(G, commodity, [p.id for p in src], [p.id for p in snk], scen or Scenario(), unit)
    return src, snk, net


def max_flow(
    G: nx.MultiDiGraph,
    commodity: str,
    sources: Iterable[str],
    sinks: Iterable[str],
    scen: Scenario | None = None,
    *,
    unit: str | None = None,
    method: str = "scipy",
) -> FlowResult:
    """Maximum flow of a commodity from sources to sinks, its minimum cut and binding figures.

    Parameters
    ----------
    G
        The transport graph (:func:`corridormap.network`).
    commodity
        ``oil``, ``gas``, ``containers`` ...
    sources, sinks
        Places (ids, names in three languages, ``LAT,LON``); at least one of each, none in both.
    scen
        The scenario (:func:`scenario`); today's network if ``None``.
    unit
        The unit of the result (Mt/yr for oil by default, bcm/yr for gas ...).
    method
        ``"scipy"`` or ``"networkx"``.

    Returns
    -------
    FlowResult

    Raises
    ------
    CorridorMapError
        For an unknown commodity or unit, an empty set of sources or sinks, or a place that is
        both.
    UnknownPlaceError
        For an unknown place.

    Examples
    --------
    >>> import corridormap
    >>> from corridormap.flows import max_flow, scenario
    >>> G = corridormap.network()
    >>> r = max_flow(G, "oil", ["Taishet"], ["Daqing"], scenario(as_of="2024-01-01"))
    >>> round(r.value), r.unit, r.min_cut["features"]
    (30, 'Mt/yr', ['pl-skovorodino-mohe'])
    """
    src, snk, net = query_network(G, commodity, sources, sinks, scen, unit)
    s = net.scenario
    value, flows = solve(net, method)
    cut = _min_cut(net, flows, net.capacity)
    feature_flow: dict[str, float] = {}
    node_flow: dict[str, float] = {}
    for i, who in enumerate(net.owner):
        if who is None or flows[i] <= 1e-9:
            continue
        if isinstance(who, tuple):
            node_flow[who[1]] = node_flow.get(who[1], 0.0) + float(flows[i])
        else:  # the segments of one feature carry the same flow: take the largest arc
            feature_flow[who] = max(feature_flow.get(who, 0.0), float(flows[i]))
    cut_features = sorted({net.owner[i] for i in cut if isinstance(net.owner[i], str)})
    cut_nodes = sorted({net.owner[i][1] for i in cut if isinstance(net.owner[i], tuple)})
    binding = []
    for i in cut:
        rec, who = net.record[i], net.owner[i]
        if rec is None or who is None:
            continue
        entry = {
            "id": who if isinstance(who, str) else who[1],
            "value": round(float(net.capacity[i]), 4),
            "unit": net.unit,
            "basis": rec.get("basis"),
            "year": rec.get("year"),
            "stated": f"{rec.get('stated_value', rec['value'])} {rec.get('stated_unit', rec['unit'])}",
            "sources": rec.get("sources", []),
        }
        if entry not in binding:
            binding.append(entry)
    return FlowResult(
        commodity=commodity,
        unit=net.unit,
        value=value,
        unbounded=value >= UNBOUNDED * 0.999,
        sources=src,
        sinks=snk,
        scenario=s,
        flows=feature_flow,
        node_flows=node_flow,
        min_cut={"features": cut_features, "nodes": cut_nodes},
        binding=binding,
        method=method,
    )

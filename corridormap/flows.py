"""Maximum flow and minimum cut of a commodity through the network, under a scenario.

The flow network of a commodity is built from the transport graph:

- a link carries the commodity only if one of its capacity records for that commodity is in
  force at the date (:func:`corridormap.capacity.capacity_in_force`); a link without one carries
  none of it, unless the scenario asks to ``assume_unbounded``. A zero or unbounded answer
  always says why (``FlowResult.note``): the links on the way that have no figure. Sea lanes
  are the exception: the sea is not the constraint, ports are, so a sea lane is unbounded;
- a node with a capacity record in force (a port's, a crossing's) constrains what passes
  through it, sources and sinks included (a port's 58 Mt/yr bounds what it can ship); a node
  without one does not;
- a two-way link offers its capacity in each direction; a pipeline only in its flow direction;
- several sources and sinks join a super-source and a super-sink.

A :class:`corridormap.state.Scenario` closes features (ids, kinds, border crossings, whatever
is closed in a month), adds planned projects up to a date, and overrides capacities. Two
implementations solve the same network: scipy's ``maximum_flow`` (default, fast) and networkx's
preflow-push; tests check one against the other.

Exactness: whatever unit the caller asks for, the network is solved in the commodity's
canonical unit (Mt/yr, bcm/yr ...), so every unit gives the same physical answer. scipy needs
32-bit integers: capacities are scaled by the largest power of ten (up to a million) that keeps
the whole network within that range; where no scale keeps three decimals of every capacity
(a capacity of 10^12 Mt/yr beside one of 8), networkx's floating-point solver is used instead.
"No stated limit" (a sea lane, the super-source's arcs) is an infinite capacity, and a flow
that only such arcs bound is reported as unbounded, never as a number.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import networkx as nx
import numpy as np

from . import settings
from ._args import names
from ._errors import InvalidArgumentError, UnknownPlaceError
from ._render import render
from ._results import GeoResult, summary_html
from .capacity import canonical_unit, capacity_in_force
from .graph import feature_edges, feature_geometry, features, usable_edge
from .lookup import PlaceMatch, find_place
from .state import Scenario, scenario
from .units import convert
from .vocab import COMMODITY_DIMENSIONS

__all__ = [
    "Binding",
    "FlowNetwork",
    "FlowResult",
    "Scenario",
    "flow_network",
    "max_flow",
    "query_network",
    "scenario",
    "solve",
]

#: "No stated limit" (sea lanes, super-source and super-sink arcs): an infinite capacity.
UNBOUNDED = float("inf")
_INT32 = 2**31 - 1
_DECIMALS = 3  # decimals of every capacity the integer scale must keep (else the float solver)


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


class _Builder:
    """The arcs of a flow network as they are collected, each node named once."""

    def __init__(self) -> None:
        self.names: list[Any] = []
        self.index: dict[Any, int] = {}
        self.tail: list[int] = []
        self.head: list[int] = []
        self.cap: list[float] = []
        self.owner: list[Any] = []
        self.record: list[dict[str, Any] | None] = []

    def node(self, name: Any) -> int:
        if name not in self.index:
            self.index[name] = len(self.names)
            self.names.append(name)
        return self.index[name]

    def arc(self, a: Any, b: Any, c: float, who: Any, rec: dict[str, Any] | None) -> None:
        self.tail.append(self.node(a))
        self.head.append(self.node(b))
        self.cap.append(c)
        self.owner.append(who)
        self.record.append(rec)


def _override(value: float, unit: str, s: Scenario) -> dict[str, Any]:
    return {"value": value, "unit": unit, "basis": "override", "year": s.as_of.year, "sources": []}


def _node_arcs(
    G: nx.MultiDiGraph,
    b: _Builder,
    commodity: str,
    s: Scenario,
    target: str,
    overrides: dict[str, float],
) -> dict[str, tuple[Any, Any]]:
    """Split every node with a capacity into in -> out; return each open node's in and out names."""
    sides: dict[str, tuple[Any, Any]] = {}
    for n, data in G.nodes(data=True):
        if n in s.close or data.get("kind") in s.close_kinds:
            continue
        rec = capacity_in_force(data.get("capacities"), commodity, s.as_of, target)
        if n in overrides:
            rec = _override(overrides[n], target, s)
        if rec is None:
            sides[n] = (n, n)
        else:
            sides[n] = ((n, "in"), (n, "out"))
            b.arc((n, "in"), (n, "out"), rec["value"], ("node", n), rec)
    return sides


def _link_arcs(
    G: nx.MultiDiGraph,
    b: _Builder,
    commodity: str,
    sides: dict[str, tuple[Any, Any]],
    s: Scenario,
    target: str,
    overrides: dict[str, float],
) -> None:
    for u, v, _, d in G.edges(keys=True, data=True):
        if u not in sides or v not in sides:
            continue
        if not usable_edge(G, s, u, v, d):
            continue
        fid = d["feature"]
        rec: dict[str, Any] | None
        if fid in overrides:
            rec = _override(overrides[fid], target, s)
        elif d.get("layer") == "sea_lanes":
            rec = None
        else:
            rec = capacity_in_force(d.get("capacities"), commodity, s.as_of, target)
            if rec is None and not s.assume_unbounded:
                continue  # the link does not carry this commodity
        b.arc(sides[u][1], sides[v][0], UNBOUNDED if rec is None else rec["value"], fid, rec)


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
        raise InvalidArgumentError(
            f"unknown commodity {commodity!r}: use one of {', '.join(sorted(COMMODITY_DIMENSIONS))}"
        )
    target = unit or _default_unit(commodity)
    overrides = {k: convert(v, u, target) for k, v, u in s.capacity}
    src, snk = list(sources), list(sinks)
    b = _Builder()
    sides = _node_arcs(G, b, commodity, s, target, overrides)
    _link_arcs(G, b, commodity, sides, s, target, overrides)
    for n in src:
        if n in sides:
            b.arc("__source__", sides[n][0], UNBOUNDED, None, None)
    for n in snk:
        if n in sides:
            b.arc(sides[n][1], "__sink__", UNBOUNDED, None, None)
    b.node("__source__")
    b.node("__sink__")
    return FlowNetwork(
        commodity,
        target,
        b.names,
        np.array(b.tail, dtype=int),
        np.array(b.head, dtype=int),
        np.array(b.cap, dtype=float),
        b.owner,
        b.record,
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


@lru_cache(maxsize=64)
def _to_canonical(unit: str) -> float:
    """Return the factor from a unit to its commodity's canonical unit (pint is slow: cached)."""
    return convert(1.0, unit, canonical_unit(unit))


def _integer_scale(net: FlowNetwork, caps: np.ndarray) -> float | None:
    """Return a power of ten that makes the capacities exact 32-bit integers, or ``None``.

    Infinite arcs are solved as one more than all finite capacities together, so every scaled
    capacity, every sum of parallel arcs and the flow itself stay below that times the number of
    arcs at the super-source and super-sink. The scale must also keep ``_DECIMALS`` decimals of
    every capacity (thousandths of a Mt/yr or bcm/yr), so the integer problem is the stated one.
    """
    finite = caps[np.isfinite(caps) & (caps > 0)]
    if not len(finite):
        return 1.0
    ends = int(np.count_nonzero(net.tail == net.source)) + int(np.count_nonzero(net.head == net.sink))
    bound = (float(finite.sum()) + 1.0) * (1 + ends)
    scale = float(10.0 ** np.floor(np.log10(_INT32 / (2 * bound))))
    return min(scale, 10.0**6) if scale >= 10.0**_DECIMALS else None


def _solve_scipy(net: FlowNetwork, caps: np.ndarray, scale: float) -> tuple[float, np.ndarray]:
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import maximum_flow

    n = len(net.nodes)
    finite = np.where(np.isfinite(caps), caps, 0.0)
    big = float(finite.sum()) + 1.0  # more than every finite capacity together
    scaled = np.round(np.where(np.isfinite(caps), caps, big) * scale).astype(np.int64)
    # one matrix entry per (tail, head): parallel arcs add up, as they would in parallel
    order = np.lexsort((net.head, net.tail))
    pairs = np.stack([net.tail[order], net.head[order]])
    keys, first = np.unique(pairs, axis=1, return_index=True)
    summed = np.add.reduceat(scaled[order], first)
    matrix = csr_matrix((summed.astype(np.int32), (keys[0], keys[1])), shape=(n, n))
    result = maximum_flow(matrix, net.source, net.sink)
    pair_flow = np.asarray(result.flow.tocsr()[keys[0], keys[1]]).ravel().astype(float)
    # share each pair's flow among its parallel arcs in proportion to their capacity
    pair_of_arc = np.empty(len(order), dtype=int)
    pair_of_arc[order] = np.repeat(np.arange(len(first)), np.diff(np.append(first, len(order))))
    share = np.where(summed[pair_of_arc] > 0, scaled / np.maximum(summed[pair_of_arc], 1), 0.0)
    flows = np.maximum(pair_flow[pair_of_arc], 0.0) * share / scale
    value = float(result.flow_value) / scale
    return (UNBOUNDED if value >= big else value), flows


def _solve_networkx(net: FlowNetwork, caps: np.ndarray) -> tuple[float, np.ndarray]:
    F = nx.DiGraph()
    F.add_nodes_from(range(len(net.nodes)))
    for t, h, c in zip(net.tail.tolist(), net.head.tolist(), caps.tolist(), strict=True):
        if F.has_edge(t, h):
            if "capacity" in F[t][h] and np.isfinite(c):
                F[t][h]["capacity"] += c
            elif "capacity" in F[t][h]:
                del F[t][h]["capacity"]
        elif np.isfinite(c):
            F.add_edge(t, h, capacity=c)
        else:
            F.add_edge(t, h)  # networkx: an arc without capacity is unbounded
    try:
        value, flow_dict = nx.maximum_flow(F, net.source, net.sink)
    except nx.NetworkXUnbounded:
        return UNBOUNDED, np.zeros(len(caps))
    flows = np.zeros(len(caps))
    for i, (t, h, c) in enumerate(zip(net.tail.tolist(), net.head.tolist(), caps.tolist(), strict=True)):
        total = F[t][h].get("capacity", np.inf)
        flows[i] = flow_dict[t][h] * (c / total if total > 0 and np.isfinite(total) else 1.0)
    return float(value), flows


def solve(
    net: FlowNetwork, method: str = "scipy", capacity: np.ndarray | None = None
) -> tuple[float, np.ndarray]:
    """Solve a flow network: the maximum flow and the flow on every arc.

    Parameters
    ----------
    net
        From :func:`flow_network`.
    method
        ``"scipy"`` (``scipy.sparse.csgraph.maximum_flow`` on capacities scaled to integers;
        networkx's solver where no integer scale is exact enough) or ``"networkx"``
        (preflow-push in floating point).
    capacity
        Capacities to use instead of the network's own (the same arcs), for N-1 sweeps.

    Returns
    -------
    (float, numpy.ndarray)
        The value (``inf`` when unbounded) and one flow per arc, in the network's unit.
    """
    if method not in ("scipy", "networkx"):
        raise InvalidArgumentError(f"unknown method {method!r}: use 'scipy' or 'networkx'")
    caps = net.capacity if capacity is None else capacity
    factor = _to_canonical(net.unit)  # solve in the canonical unit
    internal = caps * factor
    scale = _integer_scale(net, internal) if method == "scipy" else None
    if scale is not None:
        value, flows = _solve_scipy(net, internal, scale)
    else:
        value, flows = _solve_networkx(net, internal)
    return value / factor, flows / factor


@dataclass(frozen=True)
class Binding:
    """The capacity record behind one element of a minimum cut.

    Attributes
    ----------
    id
        The feature or node.
    value, unit
        Its capacity in the unit of the result.
    basis, year
        Of the record.
    stated
        The record's own value and unit, as its source states them.
    sources
        The record's sources (none for an override).
    """

    id: str
    value: float
    unit: str
    basis: str | None
    year: int | None
    stated: str
    sources: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return the binding record as a JSON-ready dict."""
        return {
            "id": self.id,
            "value": self.value,
            "unit": self.unit,
            "basis": self.basis,
            "year": self.year,
            "stated": self.stated,
            "sources": list(self.sources),
        }

    def __getitem__(self, key: str) -> Any:
        """Read a field by name, as from the dict it replaces."""
        return self.to_dict()[key]


@dataclass
class FlowResult(GeoResult):
    """The maximum flow of a commodity and where it binds.

    Attributes
    ----------
    value, unit
        The maximum flow (``inf`` when unbounded).
    unbounded
        True when no stated capacity limits the flow (a path of sea lanes and nodes without
        figures).
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
    geometry
        GeoJSON geometry of each feature that carries flow, in its drawn direction.
    positions
        Longitude, latitude and name of each source, sink and node of the cut.
    note
        Why a flow is zero or unbounded: the links on the way that have no figure for the
        commodity (a link without one carries none), or that nothing connects them.
    without_figure
        Those links, in order along the shortest way from the sources to the sinks.
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
    binding: list[Binding]
    method: str
    geometry: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)
    positions: dict[str, tuple[float, float, str]] = field(default_factory=dict, repr=False)
    note: str = ""
    without_figure: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return the result as a JSON-ready dict (what ``corridormap flow --json`` prints)."""
        return {
            "commodity": self.commodity,
            "value": None if self.unbounded else round(self.value, 3),
            "unit": self.unit,
            "unbounded": self.unbounded,
            "sources": [p.to_dict() for p in self.sources],
            "sinks": [p.to_dict() for p in self.sinks],
            "scenario": self.scenario.describe(),
            "min_cut": self.min_cut,
            "binding": [b.to_dict() for b in self.binding],
            "flows": {k: round(v, 3) for k, v in sorted(self.flows.items(), key=lambda kv: -kv[1])},
            "node_flows": {k: round(v, 3) for k, v in self.node_flows.items()},
            "method": self.method,
            "note": self.note,
            "without_figure": self.without_figure,
        }

    def to_frame(self, table: str = "flows") -> Any:
        """Return the flow on each feature and node, or the binding records, as a DataFrame.

        Parameters
        ----------
        table
            ``"flows"``: one row per feature and node that carries flow (largest first);
            ``"binding"``: one row per capacity record of the minimum cut.

        Returns
        -------
        pandas.DataFrame
        """
        import pandas as pd

        if table == "binding":
            columns = ["id", "value", "unit", "basis", "year", "stated", "sources"]
            return pd.DataFrame([b.to_dict() for b in self.binding], columns=columns)
        if table != "flows":
            raise InvalidArgumentError(f"table is 'flows' or 'binding', not {table!r}")

        rows = [
            {
                "id": k,
                "kind": "feature",
                "flow": v,
                "unit": self.unit,
                "in_cut": k in self.min_cut["features"],
            }
            for k, v in self.flows.items()
        ] + [
            {"id": k, "kind": "node", "flow": v, "unit": self.unit, "in_cut": k in self.min_cut["nodes"]}
            for k, v in self.node_flows.items()
        ]
        frame = pd.DataFrame(rows, columns=["id", "kind", "flow", "unit", "in_cut"])
        return frame.sort_values("flow", ascending=False, ignore_index=True)

    def to_geojson(self) -> dict[str, Any]:
        """Return the flow as a GeoJSON FeatureCollection.

        One LineString or MultiLineString per feature that carries flow (``role`` ``flow``,
        with ``flow`` and ``in_cut``), and one Point per source, sink and node of the cut
        (``role`` ``source``, ``sink`` or ``cut``); the collection's ``properties`` are
        :meth:`to_dict`.
        """
        features: list[dict[str, Any]] = []
        for fid, value in self.flows.items():
            if fid in self.geometry:
                props = {"id": fid, "role": "flow", "flow": round(value, 3), "unit": self.unit}
                props["in_cut"] = fid in self.min_cut["features"]
                features.append({"type": "Feature", "properties": props, "geometry": self.geometry[fid]})
        roles = [(n, "cut") for n in self.min_cut["nodes"]]
        roles += [(p.id, "source") for p in self.sources] + [(p.id, "sink") for p in self.sinks]
        for nid, role in roles:
            if nid in self.positions:
                lon, lat, name = self.positions[nid]
                point = {"type": "Point", "coordinates": [lon, lat]}
                props = {"id": nid, "role": role, "name": name}
                features.append({"type": "Feature", "properties": props, "geometry": point})
        return {"type": "FeatureCollection", "features": features, "properties": self.to_dict()}

    def _repr_html_(self) -> str:
        """Show the flow in Jupyter: a summary table, the binding records, and its map."""
        value = "unbounded" if self.unbounded else f"{self.value:,.3g} {self.unit}"
        rows = [
            ("commodity", self.commodity),
            ("maximum flow", value),
            ("from", ", ".join(p.name for p in self.sources)),
            ("to", ", ".join(p.name for p in self.sinks)),
            ("minimum cut", ", ".join(self.min_cut["features"] + self.min_cut["nodes"]) or "none"),
        ]
        if self.note:
            rows.append(("note", self.note))
        binding = self.to_frame("binding").to_html(index=False, escape=True)
        shown = render("flow_map", self, None)._repr_html_() if settings.repr_html_map else ""
        return summary_html("corridormap flow", rows, binding + shown)

    def map(self, G: Any = None, ds: Any = None, *, cdn: bool = False) -> Any:
        """Return a folium map of the flow: widths by volume, the minimum cut highlighted.

        Parameters
        ----------
        G
            Not needed (the result carries its geometry); kept so that older calls work.
        ds
            The dataset for the background network; the shipped one if ``None``.
        cdn
            Load Leaflet from a CDN instead of inlining it (see :func:`corridormap.maps.flow_map`).

        Returns
        -------
        folium.Map
        """
        return render("flow_map", self, ds=ds, cdn=cdn)

    def __str__(self) -> str:
        head = f"maximum {self.commodity} flow: " + (
            "unbounded (no stated capacity limits it)" if self.unbounded else f"{self.value:,.3g} {self.unit}"
        )
        lines = [head]
        if self.note:
            lines.append(f"  {self.note}")
        for b in self.binding:
            lines.append(
                f"  binds at {b.id}: {b.value:,.3g} {b.unit} ({b.basis}, {b.year}; {', '.join(b.sources) or 'override'})"
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


def _check_scenario(G: nx.MultiDiGraph, s: Scenario) -> None:
    """Refuse closures and overrides that name nothing in the graph (a typo would be ignored)."""
    features = feature_edges(G)
    for ident in sorted(s.close | {k for k, _, _ in s.capacity}):
        if ident not in G and ident not in features:
            raise UnknownPlaceError(
                f"no feature or node {ident!r} to close or override: give an id from "
                "'corridormap places' or 'corridormap show'"
            )
    if not s.close_kinds:
        return
    kinds = {d.get("kind") for _, _, d in G.edges(data=True)} | {d.get("kind") for _, d in G.nodes(data=True)}
    unknown = sorted(s.close_kinds - kinds)
    if unknown:
        known = ", ".join(sorted(k for k in kinds if k))
        raise InvalidArgumentError(f"no feature has kind {', '.join(unknown)}: kinds are {known}")


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
    src = [find_place(G, p) for p in names(sources, "sources")]
    snk = [find_place(G, p) for p in names(sinks, "sinks")]
    if not src or not snk:
        raise InvalidArgumentError("give at least one source and one sink")
    _check_scenario(G, scen or Scenario())
    both = {p.id for p in src} & {p.id for p in snk}
    if both:
        raise InvalidArgumentError(f"{', '.join(sorted(both))} is both a source and a sink")
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
    value, flows = solve(net, method)
    cut = _min_cut(net, flows, net.capacity)
    feature_flow, node_flow = _carried(net, flows)
    index = feature_edges(G)
    geometry = {fid: feature_geometry(G, fid) for fid in feature_flow if fid in index}
    cut_nodes = sorted({net.owner[i][1] for i in cut if isinstance(net.owner[i], tuple)})
    named = [*cut_nodes, *(p.id for p in src), *(p.id for p in snk)]
    positions = {n: (G.nodes[n]["lon"], G.nodes[n]["lat"], G.nodes[n].get("name", n)) for n in named}
    note, missing = _why(G, net, value, src, snk) if value == 0 or value == UNBOUNDED else ("", [])
    return FlowResult(
        note=note,
        without_figure=missing,
        commodity=commodity,
        unit=net.unit,
        value=value,
        unbounded=value == UNBOUNDED,
        sources=src,
        sinks=snk,
        scenario=net.scenario,
        flows=feature_flow,
        node_flows=node_flow,
        min_cut={
            "features": sorted({net.owner[i] for i in cut if isinstance(net.owner[i], str)}),
            "nodes": cut_nodes,
        },
        binding=[] if value == UNBOUNDED else _binding(net, cut),
        method=method,
        geometry=geometry,
        positions=positions,
    )


def _way(G: nx.MultiDiGraph, s: Scenario, sources: list[str], sinks: list[str]) -> list[str] | None:
    """Return the features on the shortest usable way from the sources to a sink, whatever they carry."""
    H = nx.DiGraph()
    for u, v, d in G.edges(data=True):
        if usable_edge(G, s, u, v, d) and (not H.has_edge(u, v) or H[u][v]["length_km"] > d["length_km"]):
            H.add_edge(u, v, length_km=d["length_km"], feature=d["feature"])
    ends = {n for n in sources if n in H}
    if not ends:
        return None
    lengths, paths = nx.multi_source_dijkstra(H, ends, weight="length_km")
    reached = [n for n in sinks if n in paths]
    if not reached:
        return None
    path = paths[min(reached, key=lambda n: lengths[n])]
    return list(dict.fromkeys(H[a][b]["feature"] for a, b in itertools.pairwise(path)))


def _why(
    G: nx.MultiDiGraph, net: FlowNetwork, value: float, src: list[PlaceMatch], snk: list[PlaceMatch]
) -> tuple[str, list[str]]:
    """Say why a flow is zero or unbounded, naming the links on the way without a figure."""
    s, commodity = net.scenario, net.commodity
    way = _way(G, s, [p.id for p in src], [p.id for p in snk])
    where = f"{', '.join(p.name for p in src)} to {', '.join(p.name for p in snk)}"
    if way is None:
        return (
            f"nothing connects {where} as of {s.as_of.isoformat()} (closed, not yet open or not linked)",
            [],
        )
    carried = {
        o for o, rec in zip(net.owner, net.record, strict=True) if isinstance(o, str) and rec is not None
    }
    table = features(G)
    missing = [f for f in way if f not in carried and table.get(f, {}).get("layer") != "sea_lanes"]
    shown = ", ".join(missing[:3]) + (f" and {len(missing) - 3} more" if len(missing) > 3 else "")
    if value == 0:
        if not missing:
            return f"the capacities in force on the way from {where} are zero", []
        return (
            f"{len(missing)} link(s) on the way from {where} have no {commodity} figure ({shown}): a link "
            "without a figure carries none; --assume-unbounded counts them as unbounded",
            missing,
        )
    if missing:
        return (
            f"no stated capacity limits it: no {commodity} figure on {shown} (counted as unbounded)",
            missing,
        )
    return (
        f"no stated capacity limits it: the way from {where} runs on sea lanes, which are unbounded "
        "(ports constrain them where they have figures)",
        [],
    )


def _carried(net: FlowNetwork, flows: np.ndarray) -> tuple[dict[str, float], dict[str, float]]:
    """Return the flow on each feature and through each node with a capacity."""
    feature_flow: dict[str, float] = {}
    node_flow: dict[str, float] = {}
    for i, who in enumerate(net.owner):
        if who is None or flows[i] <= 1e-9:
            continue
        if isinstance(who, tuple):
            node_flow[who[1]] = node_flow.get(who[1], 0.0) + float(flows[i])
        else:  # the segments of one feature carry the same flow: take the largest arc
            feature_flow[who] = max(feature_flow.get(who, 0.0), float(flows[i]))
    return feature_flow, node_flow


def _binding(net: FlowNetwork, cut: list[int]) -> list[Binding]:
    binding: list[Binding] = []
    for i in cut:
        rec, who = net.record[i], net.owner[i]
        if rec is None or who is None:
            continue
        entry = Binding(
            id=who if isinstance(who, str) else who[1],
            value=round(float(net.capacity[i]), 4),
            unit=net.unit,
            basis=rec.get("basis"),
            year=rec.get("year"),
            stated=f"{rec.get('stated_value', rec['value'])} {rec.get('stated_unit', rec['unit'])}",
            sources=tuple(rec.get("sources", [])),
        )
        if entry not in binding:
            binding.append(entry)
    return binding

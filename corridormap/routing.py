"""Route queries on the transport graph: multimodal, time-aware, with transfers as legs.

Routes are searched on the routing core (:mod:`corridormap.core`): the routing graph of
:mod:`corridormap.multimodal` as arrays, where each node has one state per way of travelling
through it and changes of gauge, port handling and rail-road transfers are arcs that cost time.
When routing by distance, a transfer weighs as much as the distance a train covers in the
transfer's time (``speed.rail`` × the transfer's hours), so that a "shortest" route does not
change mode to save a few kilometres; the reported length is the geodesic length alone. What a
route may use is a :class:`corridormap.state.Scenario` (modes, a date, planned projects, a
month, ids to avoid), applied as one vectorised mask that follows the rule
:func:`corridormap.state.usable`, so one routing core serves every query.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, overload

import networkx as nx
import numpy as np

from . import settings
from ._args import names
from ._errors import InvalidArgumentError, NoRouteError
from ._render import render
from ._results import GeoResult, summary_html
from .cache import edge_data
from .capacity import capacity_in_force
from .core import TRANSFERS, Core, SearchGraph, core_graph, search, search_graph, straight_km
from .dates import as_of_date, parse_date
from .graph import feature, features
from .lookup import PlaceMatch, find_place
from .multimodal import routing_graph  # the networkx view, kept for users of networkx algorithms
from .state import Scenario, scenario
from .vocab import (
    COMMODITIES,
    DEFAULT_MODES,
    MODES,
    MONTH_NAMES,
    PASSAGE_NAMES,
    PLANNED_STATUSES,
    ROAD_LIKE_MODES,
)

__all__ = [
    "Bottleneck",
    "Leg",
    "Restrictions",
    "Route",
    "Routes",
    "route",
    "route_alternatives",
    "routing_graph",
]

#: What a route may use: the scenario every query shares (``avoid`` is its ``close``).
Restrictions = Scenario


def _describe(r: Scenario) -> dict[str, Any]:
    """Return a route's restrictions as JSON: its modes, date, planned projects, month and what it avoids."""
    return {
        "modes": sorted(r.modes if r.modes is not None else MODES),
        "as_of": r.as_of.isoformat(),
        "include_planned": r.include_planned,
        "month": r.month,
        "avoid": sorted(r.close),
    }


class _Shapes(Sequence[Any]):
    """The geometries of a leg's edges, in the direction of travel, made on first read."""

    def __init__(self, G: nx.MultiDiGraph) -> None:
        self.G = G
        self.edges: list[int] = []  # edges of the routing core, in the order travelled
        self._made: list[Any] | None = None

    @property
    def made(self) -> list[Any]:
        """The geometries, made once (an edge travelled against its drawn direction reversed)."""
        if self._made is None:
            self._made = []
            for edge in self.edges:
                d = edge_data(self.G, edge)
                self._made.append(d["geometry"].reverse() if d["reverse"] else d["geometry"])
        return self._made

    @overload
    def __getitem__(self, i: int) -> Any: ...
    @overload
    def __getitem__(self, i: slice) -> list[Any]: ...
    def __getitem__(self, i: int | slice) -> Any:
        return self.made[i]

    def __len__(self) -> int:
        return len(self.edges)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle (and copy) the geometries as the list they stand for, not the graph."""
        return list, (self.made,)

    def __repr__(self) -> str:
        return repr(self.made)


@dataclass
class Leg:
    """One stretch of a route in one mode, or one transfer.

    Attributes
    ----------
    mode
        ``rail``, ``road``, ``sea``, ``ferry``, ``pontoon``, ``ropeway``, ``pipeline``, or
        ``transfer``.
    orig, dest
        Node ids where the leg starts and ends.
    length_km, time_h
        Geodesic length and travel time (``nan`` time for pipelines).
    features
        Ids of the data features the leg uses, in order.
    crossings
        Border crossings the leg passes.
    bridges
        Bridges the leg crosses.
    transfer
        For a transfer: ``gauge_change``, ``port_handling`` or ``terminal_transfer``.
    gauge_mm
        For a rail leg, the gauge it runs on.
    tier
        ``curated`` (the dataset's own links) or ``backbone`` (the OpenStreetMap-derived backbone
        and its connectors); ``None`` for a transfer.
    geometry
        Shapely geometries of the leg's segments, in the direction of travel (a sequence made on
        first read: a route printed as text or JSON does not make them).
    stops
        Node ids the leg passes, in order.
    """

    mode: str
    orig: str
    dest: str
    length_km: float = 0.0
    time_h: float = 0.0
    features: list[str] = field(default_factory=list)
    crossings: list[str] = field(default_factory=list)
    bridges: list[str] = field(default_factory=list)
    transfer: str | None = None
    gauge_mm: int | None = None
    tier: str | None = None
    geometry: Sequence[Any] = field(default_factory=list, repr=False)
    stops: list[str] = field(default_factory=list, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """Return the leg as a JSON-ready dict (without geometry)."""
        out: dict[str, Any] = {
            "mode": self.mode,
            "from": self.orig,
            "to": self.dest,
            "length_km": round(self.length_km, 1),
            "time_h": None if self.time_h != self.time_h else round(self.time_h, 2),
            "features": self.features,
            "crossings": self.crossings,
            "bridges": self.bridges,
        }
        if self.transfer:
            out["transfer"] = self.transfer
        if self.gauge_mm:
            out["gauge_mm"] = self.gauge_mm
        if self.tier:
            out["tier"] = self.tier
        return out


@dataclass(frozen=True)
class Bottleneck:
    """The smallest capacity in force along a route, for one commodity.

    Attributes
    ----------
    commodity
        The commodity asked for.
    value, unit
        The smallest capacity in force (``None`` if no feature on the route has a figure).
    at
        The feature or crossing where it is.
    basis, year, sources
        Of the capacity record.
    without_figure
        Features and crossings on the route with no figure for the commodity. The rule is the
        flows' one: a link without a figure carries none, so the bottleneck is then unknown
        (``value`` None); a crossing or a sea lane without one does not constrain.
    """

    commodity: str
    value: float | None
    unit: str | None
    at: str | None
    basis: str | None = None
    year: int | None = None
    sources: tuple[str, ...] = ()
    without_figure: tuple[str, ...] = ()

    def __getitem__(self, key: str) -> Any:
        """Read a field by name, as from the dict it replaces."""
        return self.to_dict()[key]

    def to_dict(self) -> dict[str, Any]:
        """Return the bottleneck as a JSON-ready dict."""
        if self.value is None:
            return {
                "commodity": self.commodity,
                "value": None,
                "unit": None,
                "at": None,
                "without_figure": list(self.without_figure),
            }
        return {
            "commodity": self.commodity,
            "value": self.value,
            "unit": self.unit,
            "at": self.at,
            "basis": self.basis,
            "year": self.year,
            "sources": list(self.sources),
            "without_figure": list(self.without_figure),
        }


@dataclass
class Route(GeoResult):
    """A route found by :func:`route`.

    Attributes
    ----------
    orig, dest
        The places as found (with how they were found).
    weight
        ``"distance"`` or ``"time"``.
    legs
        The legs in order; transfers are legs of their own.
    restrictions
        What the route was allowed to use.
    via
        Places the route was asked to pass, as found.
    bottleneck
        For a commodity: the smallest capacity in force along the route and where.
    positions
        Longitude and latitude of each node where a leg starts or ends.
    seasonal
        The seasonal links the route uses, each with its open months.
    passages
        The straits, canals and sea routes it takes (``northern_sea_route``, ``suez`` ...), in order.
    """

    orig: PlaceMatch
    dest: PlaceMatch
    weight: str
    legs: list[Leg]
    restrictions: Scenario
    via: list[PlaceMatch] = field(default_factory=list)
    bottleneck: Bottleneck | None = None
    positions: dict[str, tuple[float, float]] = field(default_factory=dict, repr=False)
    seasonal: list[dict[str, Any]] = field(default_factory=list)
    passages: list[str] = field(default_factory=list)

    @property
    def length_km(self) -> float:
        """Total geodesic length in kilometres."""
        return sum(leg.length_km for leg in self.legs)

    @property
    def time_h(self) -> float:
        """Total time in hours, transfers and border dwell included (``nan`` with pipelines)."""
        return sum(leg.time_h for leg in self.legs)

    @property
    def nodes(self) -> list[str]:
        """Node ids in order, from origin to destination."""
        out = [self.legs[0].orig] if self.legs else [self.orig.id]
        for leg in self.legs:
            for node in leg.stops:
                if out[-1] != node:
                    out.append(node)
        return out

    @property
    def features(self) -> list[str]:
        """Ids of every data feature the route uses, in order."""
        return list(dict.fromkeys(f for leg in self.legs for f in leg.features))

    def to_dict(self) -> dict[str, Any]:
        """Return the route as a JSON-ready dict (what ``corridormap route --json`` prints)."""
        total_time = self.time_h
        return {
            "orig": self.orig.to_dict(),
            "dest": self.dest.to_dict(),
            "via": [v.to_dict() for v in self.via],
            "weight": self.weight,
            "length_km": round(self.length_km, 1),
            "time_h": None if total_time != total_time else round(total_time, 2),
            "nodes": self.nodes,
            "features": self.features,
            "crossings": list(dict.fromkeys(c for leg in self.legs for c in leg.crossings)),
            "bridges": list(dict.fromkeys(b for leg in self.legs for b in leg.bridges)),
            "legs": [leg.to_dict() for leg in self.legs],
            "restrictions": _describe(self.restrictions),
            "seasonal": self.seasonal,
            "passages": self.passages,
            "bottleneck": None if self.bottleneck is None else self.bottleneck.to_dict(),
        }

    def to_geojson(self) -> dict[str, Any]:
        """Return the route as a GeoJSON FeatureCollection: one feature per leg.

        Travel legs are (Multi)LineStrings in the direction of travel, cut at the antimeridian
        as the data are; transfers are Points at the node where they happen.
        """
        features = []
        for i, leg in enumerate(self.legs):
            props = {"leg": i, **leg.to_dict()}
            if leg.mode == "transfer":
                geometry: dict[str, Any] = {"type": "Point", "coordinates": list(self.positions[leg.orig])}
            else:
                parts: list[list[list[float]]] = []
                for geom in leg.geometry:
                    for part in getattr(geom, "geoms", [geom]):
                        coords = [list(c) for c in part.coords]
                        if parts and parts[-1][-1] == coords[0]:
                            parts[-1].extend(coords[1:])
                        else:
                            parts.append(coords)
                geometry = (
                    {"type": "LineString", "coordinates": parts[0]}
                    if len(parts) == 1
                    else {"type": "MultiLineString", "coordinates": parts}
                )
            features.append({"type": "Feature", "properties": props, "geometry": geometry})
        properties = self.to_dict()
        properties["ends"] = [list(self.positions.get(p.id, (0.0, 0.0))) for p in (self.orig, self.dest)]
        return {"type": "FeatureCollection", "features": features, "properties": properties}

    def to_frame(self) -> Any:
        """Return the legs as a pandas DataFrame, one row per leg (no geometry)."""
        import pandas as pd

        return pd.DataFrame([leg.to_dict() for leg in self.legs])

    def _repr_html_(self) -> str:
        """Show the route in Jupyter: a summary table, the legs, and its map (``settings.repr_html_map``)."""
        time = f"{self.time_h:,.1f} h" if self.time_h == self.time_h else "n/a (pipeline)"
        rows = [
            ("from", f"{self.orig.name} ({self.orig.id})"),
            ("to", f"{self.dest.name} ({self.dest.id})"),
            ("length", f"{self.length_km:,.0f} km"),
            ("time", time),
            ("legs", " → ".join(leg.transfer or leg.mode for leg in self.legs)),
            ("crossings", ", ".join(dict.fromkeys(c for leg in self.legs for c in leg.crossings)) or "none"),
        ]
        if self.bottleneck is not None and self.bottleneck.value is not None:
            b = self.bottleneck
            rows.append((f"bottleneck ({b.commodity})", f"{b.value:g} {b.unit} at {b.at}"))
        legs = self.to_frame().to_html(index=False, escape=True)
        shown = render("route_map", self, None)._repr_html_() if settings.repr_html_map else ""
        return summary_html("corridormap route", rows, legs + shown)

    def map(self, ds: Any = None, *, cdn: bool = False) -> Any:
        """Return a folium map of the route over the faded network (displays inline in Jupyter).

        Parameters
        ----------
        ds
            The dataset for the background network; the shipped one if ``None``.
        cdn
            Load Leaflet from a CDN instead of inlining it (see :func:`corridormap.maps.route_map`).

        Returns
        -------
        folium.Map
        """
        return render("route_map", self, ds, cdn=cdn)

    def __str__(self) -> str:
        lines = [
            f"{self.orig.name} -> {self.dest.name}: {self.length_km:,.0f} km"
            + (f", {self.time_h:,.1f} h" if self.time_h == self.time_h else "")
        ]
        if self.passages:
            lines.append("  passages: " + ", ".join(PASSAGE_NAMES.get(p, p) for p in self.passages))
        if self.seasonal:
            shown = [f"{s['id']} ({_months_text(s['open_months'])})" for s in self.seasonal[:4]]
            more = f" and {len(self.seasonal) - 4} more" if len(self.seasonal) > 4 else ""
            lines.append(
                f"  seasonal links ({MONTH_NAMES[self.restrictions.month - 1] if self.restrictions.month else 'all year'}): "
                + ", ".join(shown)
                + more
            )
        for leg in self.legs:
            what = leg.transfer.replace("_", " ") if leg.transfer else leg.mode
            extra = f" via {', '.join(leg.crossings)}" if leg.crossings else ""
            extra += " [backbone]" if leg.tier == "backbone" else ""
            lines.append(
                f"  {what:<18} {leg.orig} -> {leg.dest}  {leg.length_km:,.0f} km  {leg.time_h:,.1f} h{extra}"
            )
        if self.bottleneck is not None:
            b = self.bottleneck
            lines.append(
                f"bottleneck for {b.commodity}: "
                + (
                    f"{b.value:g} {b.unit} at {b.at} ({b.basis}, {b.year})"
                    if b.value is not None
                    else f"unknown: no {b.commodity} figure on "
                    + ", ".join(b.without_figure[:3])
                    + (f" and {len(b.without_figure) - 3} more" if len(b.without_figure) > 3 else "")
                )
            )
        return "\n".join(lines)


def _parse_restrictions(
    G: nx.MultiDiGraph,
    modes: Iterable[str] | None,
    as_of: str | dt.date | None,
    month: int | None,
    avoid: Iterable[str],
    include_planned: bool,
    all_year: bool = False,
    passenger_rail: bool = False,
) -> Scenario:
    mode_set = frozenset(names(modes, "modes")) or DEFAULT_MODES
    unknown = sorted(mode_set - MODES)
    if unknown:
        raise InvalidArgumentError(f"unknown mode {', '.join(unknown)}: use {', '.join(sorted(MODES))}")
    avoided = []
    for item in names(avoid, "avoid"):
        if item in G or item in features(G):
            avoided.append(item)
        else:
            avoided.append(find_place(G, item).id)
    day = as_of_date(as_of)
    if month is None and not all_year:
        month = day.month  # the date sets the season: a route in November takes no summer lane
    return scenario(day, month, include_planned, close=avoided, modes=mode_set, passenger_rail=passenger_rail)


_MODE_STATES: dict[str, tuple[str, ...]] = {
    "rail": ("rail1520", "rail1435", "rail1668"),
    "sea": ("sea",),
    "pipeline": ("pipeline-oil", "pipeline-gas"),
    **{m: ("road",) for m in ROAD_LIKE_MODES},
}


def _candidates(G: nx.MultiDiGraph, C: Core, match: PlaceMatch, r: Scenario) -> list[PlaceMatch]:
    """Return the nodes a place may stand for under the modes, best first (the match itself if none fits)."""
    wanted = {s for m in (r.modes or MODES) for s in _MODE_STATES.get(m, ())}
    ids = [match.id, *match.alternatives] if match.how == "name" else [match.id]
    fits = [i for i in ids if wanted & set(C.states_at(i))]
    if not fits:
        return [match]
    return [
        match
        if i == match.id
        else PlaceMatch(
            i, G.nodes[i].get("name", i), "name, by mode", match.query, None, tuple(x for x in ids if x != i)
        )
        for i in fits[:3]
    ]


def _find_by_mode(
    G: nx.MultiDiGraph, C: Core, stops: list[PlaceMatch], r: Scenario, weight: str
) -> tuple[list[PlaceMatch], list[Leg]] | None:
    """Try the nodes each end may stand for under the modes (its port, its station) until one gives a route."""
    middle = [_candidates(G, C, s, r)[0] for s in stops[1:-1]]
    for a in _candidates(G, C, stops[0], r):
        for b in _candidates(G, C, stops[-1], r):
            if a.id == b.id:
                continue
            chosen = [a, *middle, b]
            legs = _find(G, C, chosen, r, weight)
            if legs is not None:
                return chosen, legs
    return None


def _search(
    C: Core, graph: SearchGraph, sources: np.ndarray, stop: str, weight: str
) -> tuple[list[int], np.ndarray] | None:
    """Return the cheapest path to any state of ``stop``: its states and its arcs.

    The CCH search needs no bound. The scipy search first stops at ``settings.search_reach``
    times the straight-line distance (or its time at rail speed): it answers exactly when it
    reaches the stop, and costs far less on a large network; if the stop lies beyond, the
    search runs again with no limit.
    """
    targets = C.state_ids(stop)
    if not len(sources) or not len(targets):
        return None
    if graph.metric is not None:
        found = search(graph, sources, targets)
    else:
        reach = straight_km(C, C.nodes[int(C.state_node[sources[0]])], stop) * settings.search_reach
        if weight == "time":
            reach /= settings.search_reach_speed_kmh
        found = search(graph, sources, targets, limit=reach) if reach > 0 else None
        if found is None:
            found = search(graph, sources, targets)
    return None if found is None else (found[1], found[2])


def _memo(G: nx.MultiDiGraph, C: Core) -> tuple[np.ndarray, np.ndarray, int]:
    """Return what legs read by code, worked out once per core.

    Whether each node is a border crossing, each state's gauge in mm (0 for a state that is not
    rail) and the code of the curated tier (-1 if none).
    """
    found: tuple[np.ndarray, np.ndarray, int] | None = C.memo.get("legs")
    if found is None:
        border = np.array([G.nodes[n].get("layer") == "border_crossings" for n in C.nodes], bool)
        gauge = np.array([int(s[4:]) if s.startswith("rail") else 0 for s in C.states], np.int64)
        curated = C.tiers.index("curated") if "curated" in C.tiers else -1
        found = C.memo["legs"] = (border, gauge, curated)
    return found


def _legs(G: nx.MultiDiGraph, C: Core, path: list[int], arcs: np.ndarray) -> list[Leg]:
    """Return the legs of a path of states, its arcs given (one a state to the next).

    A leg is a run of links in one mode, on one gauge and of one tier (curated or backbone), or
    one transfer; the runs are found on the arrays, and each leg's facts are read once.
    """
    legs: list[Leg] = []
    n = len(arcs)
    if not n:
        return legs
    border, gauges, curated = _memo(G, C)
    edge = C.arc_edge[arcs]
    link = edge >= 0
    e = np.where(link, edge, 0)
    gauge = gauges[C.state_code[np.asarray(path[:n], np.int64)]]
    mode = np.where(link, C.edge_mode[e], -1)
    tier = np.where(link, C.edge_tier[e], -1)
    start = np.ones(n, bool)
    start[1:] = (
        ~link[1:] | ~link[:-1] | (mode[1:] != mode[:-1]) | (gauge[1:] != gauge[:-1]) | (tier[1:] != tier[:-1])
    )
    bounds = [*np.flatnonzero(start).tolist(), n]
    us, vs = C.edge_u[e].tolist(), C.edge_v[e].tolist()
    features = C.edge_feature[e].tolist()
    km, hours = C.arc_length_km[arcs].tolist(), C.arc_time_h[arcs].tolist()
    edges = e.tolist()
    for a, b in itertools.pairwise(bounds):
        if not link[a]:  # a transfer is a leg of its own
            node = C.nodes[int(C.state_node[path[a]])]
            kind = TRANSFERS[int(C.arc_transfer[arcs[a]])]
            legs.append(Leg("transfer", node, node, 0.0, hours[a], transfer=kind, stops=[node]))
            continue
        stops = [C.nodes[us[a]], *(C.nodes[v] for v in vs[a:b])]
        own = list(dict.fromkeys(C.features[f] for f in features[a:b]))
        ends = [i for pair in zip(us[a:b], vs[a:b], strict=True) for i in pair]
        # bridges are curated features: the backbone's thousands of links need no look
        bridges = [k for k in range(a, b) if tier[a] == curated and C.edge_layer[edges[k]] == "bridges"]
        shapes = _Shapes(G)
        shapes.edges.extend(edges[a:b])
        legs.append(
            Leg(
                C.modes[int(mode[a])],
                stops[0],
                stops[-1],
                sum(km[a:b], 0.0),
                sum(hours[a:b], 0.0),
                features=own,
                crossings=list(dict.fromkeys(C.nodes[i] for i in ends if border[i])),
                bridges=list(dict.fromkeys(C.features[features[k]] for k in bridges)),
                gauge_mm=int(gauge[a]) or None,
                tier=C.tiers[int(tier[a])],
                geometry=shapes,
                stops=stops,
            )
        )
    return legs


def _bottleneck(G: nx.MultiDiGraph, legs: list[Leg], commodity: str, as_of: dt.date) -> Bottleneck:
    found: list[tuple[float, str, dict[str, Any]]] = []
    unknown: list[str] = []
    unit: str | None = None
    places = [(f, None) for leg in legs for f in leg.features] + [
        (None, c) for leg in legs for c in leg.crossings
    ]
    links_without = []
    for fid, node in dict.fromkeys(places):
        attrs = feature(G, fid) if fid else G.nodes[node]
        record = capacity_in_force(attrs.get("capacities"), commodity, as_of, unit)
        if record is None:
            unknown.append(fid or node or "")
            if fid and attrs.get("layer") != "sea_lanes":
                links_without.append(fid)  # as in flows: a link without a figure carries none
            continue
        unit = record["unit"]
        found.append((record["value"], fid or node or "", record))
    if not found or links_without:
        return Bottleneck(commodity, None, None, None, without_figure=tuple(unknown))
    value, at, record = min(found, key=lambda item: item[0])
    return Bottleneck(
        commodity,
        round(value, 4),
        record["unit"],
        at,
        record["basis"],
        record["year"],
        tuple(record["sources"]),
        tuple(unknown),
    )


def _find(
    G: nx.MultiDiGraph,
    C: Core,
    stops: Sequence[PlaceMatch],
    r: Scenario,
    weight: str,
    penalty: dict[str, float] | None = None,
) -> list[Leg] | None:
    graph = search_graph(C, r, weight, penalty, G.graph["parameters"]["speed.rail"])
    path: list[int] = []
    arcs: list[np.ndarray] = []
    sources = C.state_ids(stops[0].id) if stops[0].id in C.index else np.zeros(0, np.int64)
    for stop in stops[1:]:
        if stop.id not in C.index:
            return None
        part = _search(C, graph, sources, stop.id, weight)
        if part is None:
            return None
        states, part_arcs = part
        path = path + states[1:] if path else states  # the part starts in the state the last one ended in
        arcs.append(part_arcs)
        sources = np.array([states[-1]])  # continue in the state the route arrived in
    return _legs(G, C, path, np.concatenate(arcs) if arcs else np.zeros(0, np.int64))


def _closed_in_month(G: nx.MultiDiGraph, legs: list[Leg], month: int) -> str:
    closed: list[str] = []
    for leg in legs:
        for f in leg.features:
            months = _feature_months(G, f)
            if months and month not in months and f not in closed:
                closed.append(f)
    shown = ", ".join(f"{f} (open {_months_text(_feature_months(G, f))})" for f in closed[:3])
    more = f" and {len(closed) - 3} more" if len(closed) > 3 else ""
    return f"in {MONTH_NAMES[month - 1]} these links are closed: {shown}{more}"


def _not_yet_open(G: nx.MultiDiGraph, legs: list[Leg], r: Scenario) -> str | None:
    late = []
    planned = False
    for leg in legs:
        for f in leg.features:
            attrs = feature(G, f)
            opened, status = parse_date(attrs.get("opened")), attrs.get("status")
            if status in PLANNED_STATUSES or (opened and opened > r.as_of):
                planned = planned or status in PLANNED_STATUSES
                late.append(f"{f} ({status}" + (f", opened {opened.isoformat()}" if opened else "") + ")")
    if not late:
        return None
    hint = "; add planned projects to include them" if planned and not r.include_planned else ""
    return f"as of {r.as_of.isoformat()} not yet open: {', '.join(dict.fromkeys(late))}{hint}"


def _explain(G: nx.MultiDiGraph, C: Core, stops: Sequence[PlaceMatch], r: Scenario, weight: str) -> str:
    """Say which restriction cuts the network, by lifting each one in turn."""
    where = " -> ".join(f"{s.name} ({s.id})" for s in stops)
    reasons: list[str] = []
    if r.month is not None:
        legs = _find(G, C, stops, replace(r, month=None), weight)
        if legs is not None:
            reasons.append(_closed_in_month(G, legs, r.month))
    legs = _find(G, C, stops, replace(r, as_of=dt.date.max, include_planned=True), weight)
    late = _not_yet_open(G, legs, r) if legs is not None else None
    if late:
        reasons.append(late)
    if r.modes != MODES:
        legs = _find(G, C, stops, replace(r, modes=MODES), weight)
        if legs is not None:
            needed = sorted({leg.mode for leg in legs if leg.mode != "transfer"} - (r.modes or MODES))
            if needed:
                reasons.append(
                    f"by {', '.join(sorted(r.modes or MODES))} alone there is none; a route needs {', '.join(needed)}"
                )
    if r.close and _find(G, C, stops, replace(r, close=frozenset()), weight) is not None:
        reasons.append(f"avoiding {', '.join(sorted(r.close))} cuts every route")
    if not reasons:
        everything = Scenario(dt.date.max, None, True, modes=MODES)
        if _find(G, C, stops, everything, weight) is None:
            reasons.append(
                "the network does not connect them, even with every mode and every planned project"
            )
        else:
            reasons.append("the restrictions together cut the network")
    return f"no route {where}: " + "; ".join(reasons)


def _feature_months(G: nx.MultiDiGraph, fid: str) -> list[int]:
    return list(feature(G, fid).get("open_months") or [])


def _months_text(months: list[int]) -> str:
    if not months:
        return "all year"
    return f"{MONTH_NAMES[min(months) - 1][:3]}-{MONTH_NAMES[max(months) - 1][:3]}"


def _prepare(
    G: nx.MultiDiGraph,
    orig: str,
    dest: str,
    via: Iterable[str],
    weight: str,
    modes: Iterable[str] | None,
    as_of: str | dt.date | None,
    month: int | None,
    avoid: Iterable[str],
    include_planned: bool,
    commodity: str | None,
    all_year: bool = False,
    passenger_rail: bool = False,
) -> tuple[list[PlaceMatch], Scenario]:
    if weight not in ("distance", "time"):
        raise InvalidArgumentError(f"weight must be 'distance' or 'time', got {weight!r}")
    if commodity is not None and commodity not in COMMODITIES:
        raise InvalidArgumentError(
            f"unknown commodity {commodity!r}: use one of {', '.join(sorted(COMMODITIES))}"
        )
    stops = [find_place(G, orig), *(find_place(G, v) for v in names(via, "via")), find_place(G, dest)]
    if stops[0].id == stops[-1].id and len(stops) == 2:
        raise InvalidArgumentError(f"origin and destination are the same place ({stops[0].id})")
    r = _parse_restrictions(G, modes, as_of, month, avoid, include_planned, all_year, passenger_rail)
    if weight == "time" and "pipeline" in (r.modes or MODES):
        raise InvalidArgumentError(
            "pipelines have no travel time: route by distance, or leave out mode 'pipeline'"
        )
    return stops, r


def _make_route(
    G: nx.MultiDiGraph,
    stops: list[PlaceMatch],
    legs: list[Leg],
    r: Scenario,
    weight: str,
    commodity: str | None,
) -> Route:
    ends = [n for leg in legs for n in (leg.orig, leg.dest)] + [stops[0].id, stops[-1].id]
    positions = {n: (G.nodes[n]["lon"], G.nodes[n]["lat"]) for n in ends}
    result = Route(stops[0], stops[-1], weight, legs, r, via=stops[1:-1], positions=positions)
    for fid in result.features:
        attrs = feature(G, fid)
        if attrs.get("open_months"):
            result.seasonal.append({"id": fid, "open_months": sorted(attrs["open_months"])})
        if attrs.get("passage") and attrs["passage"] not in result.passages:
            result.passages.append(attrs["passage"])
    if commodity:
        result.bottleneck = _bottleneck(G, legs, commodity, r.as_of)
    return result


def route(
    G: nx.MultiDiGraph,
    orig: str,
    dest: str,
    *,
    weight: str = "distance",
    modes: Iterable[str] | None = None,
    as_of: str | dt.date | None = None,
    month: int | None = None,
    avoid: Iterable[str] = (),
    via: Iterable[str] = (),
    include_planned: bool = False,
    commodity: str | None = None,
    all_year: bool = False,
    passenger_lines: bool = False,
) -> Route:
    """Find the shortest route between two places.

    Parameters
    ----------
    G
        The transport graph (:func:`corridormap.network`).
    orig, dest
        Places: ids, names in English, Russian or Chinese, or ``LAT,LON``.
    weight
        ``"distance"`` (geodesic km) or ``"time"`` (hours, with transfers and border dwell).
    modes
        Modes allowed; every mode but pipelines by default.
    as_of
        A date (``YYYY[-MM[-DD]]`` or a ``datetime.date``): only what was open then (today).
    month
        1-12: only links open in that month; if ``None``, the month of ``as_of`` (the date
        sets the season) unless ``all_year``.
    avoid
        Feature or node ids (or place names) the route must not use.
    via
        Places the route must pass, in order.
    include_planned
        Also use planned and under-construction projects expected by ``as_of``.
    commodity
        Report the bottleneck capacity along the route for this commodity.
    all_year
        Open every seasonal link whatever the month.
    passenger_lines
        Also use passenger-only railways (high-speed lines); freight routes do not by default.

    Returns
    -------
    Route
        A name resolves to the node of the modes asked for (with ``modes=["sea"]`` "Dalian" is
        its port, with rail its station; ``how`` is then ``"name, by mode"``).

    Raises
    ------
    UnknownPlaceError
        If a place is unknown (the message suggests the closest names).
    NoRouteError
        If no route exists under the restrictions; the message says which restriction cut it.
    InvalidArgumentError
        For a bad mode, date, month, weight or commodity.

    Examples
    --------
    >>> import corridormap
    >>> G = corridormap.network()
    >>> r = corridormap.route(G, "Harbin", "Vladivostok", modes=["rail"])
    >>> r.to_dict()["crossings"], [leg.transfer for leg in r.legs if leg.transfer]
    (['bc-grodekovo-suifenhe'], ['gauge_change'])
    """
    args = (modes, as_of, month, avoid, include_planned, commodity, all_year, passenger_lines)
    stops, r = _prepare(G, orig, dest, via, weight, *args)
    C = core_graph(G)
    found = _find_by_mode(G, C, stops, r, weight)
    if found is None:
        raise NoRouteError(_explain(G, C, stops, r, weight))
    stops, legs = found
    return _make_route(G, stops, legs, r, weight, commodity)


class Routes(list[Route]):
    """Routes that differ materially, best first (what :func:`route_alternatives` returns).

    A list of :class:`Route`, with a table of them for pandas and Jupyter.
    """

    def to_frame(self) -> Any:
        """Return one row per route: rank, ends, length, time, legs, crossings and features.

        Returns
        -------
        pandas.DataFrame
        """
        import pandas as pd

        return pd.DataFrame(
            [
                {
                    "rank": i + 1,
                    "orig": r.orig.id,
                    "dest": r.dest.id,
                    "length_km": r.length_km,
                    "time_h": r.time_h,
                    "legs": " > ".join(leg.transfer or leg.mode for leg in r.legs),
                    "crossings": ", ".join(dict.fromkeys(c for leg in r.legs for c in leg.crossings)),
                    "features": len(r.features),
                }
                for i, r in enumerate(self)
            ]
        )

    def _repr_html_(self) -> str:
        """Show the routes in Jupyter: the ends and the table of routes (every text escaped)."""
        if not self:
            return summary_html("corridormap routes", [("routes", "none")])
        rows = [
            ("from", f"{self[0].orig.name} ({self[0].orig.id})"),
            ("to", f"{self[0].dest.name} ({self[0].dest.id})"),
        ]
        return summary_html(
            f"corridormap routes ({len(self)})", rows, self.to_frame().to_html(index=False, escape=True)
        )


def route_alternatives(
    G: nx.MultiDiGraph,
    orig: str,
    dest: str,
    k: int = 3,
    *,
    weight: str = "distance",
    modes: Iterable[str] | None = None,
    as_of: str | dt.date | None = None,
    month: int | None = None,
    avoid: Iterable[str] = (),
    via: Iterable[str] = (),
    include_planned: bool = False,
    commodity: str | None = None,
    max_shared: float | None = None,
    all_year: bool = False,
    passenger_lines: bool = False,
) -> Routes:
    """Find up to ``k`` routes that differ materially, best first.

    Each further route is searched with the features of the routes found so far made
    ``settings.alternatives_penalty`` (five) times as costly, and kept only if at most ``max_shared`` of its length runs on features a
    kept route already uses.

    Parameters
    ----------
    G, orig, dest, weight, modes, as_of, month, avoid, via, include_planned, commodity, all_year, passenger_lines
        As for :func:`route`.
    k
        How many routes at most.
    max_shared
        Largest share of a new route's length that may run on features of earlier routes
        (``settings.alternatives_max_shared``, 0.6, if ``None``).

    Returns
    -------
    Routes
        At least one route: a list of :class:`Route` with ``to_frame()``.

    Raises
    ------
    NoRouteError, UnknownPlaceError, InvalidArgumentError
        As for :func:`route`.
    """
    if not isinstance(k, int) or isinstance(k, bool) or k < 1:
        raise InvalidArgumentError(
            f"the number of alternatives must be a whole number of at least 1, got {k!r}"
        )
    limit = settings.alternatives_max_shared if max_shared is None else max_shared
    options: dict[str, Any] = {"modes": modes, "as_of": as_of, "month": month, "avoid": avoid, "via": via}
    options.update(all_year=all_year, passenger_lines=passenger_lines)
    first = route(
        G, orig, dest, weight=weight, include_planned=include_planned, commodity=commodity, **options
    )
    found = [first]
    stops = [first.orig, *first.via, first.dest]
    C = core_graph(G)
    penalty: dict[str, float] = {}
    for _ in range(4 * k):
        if len(found) >= k:
            break
        for f in found[-1].features:
            penalty[f] = penalty.get(f, 1.0) * settings.alternatives_penalty
        legs = _find(G, C, stops, first.restrictions, weight, penalty)
        if legs is None:
            break
        used = {f for r in found for f in r.features}
        total = sum(leg.length_km for leg in legs) or 1.0
        shared = 0.0
        for leg in legs:
            if leg.mode == "transfer":
                continue
            share = sum(1 for f in leg.features if f in used) / max(len(leg.features), 1)
            shared += leg.length_km * share
        if shared / total <= limit:
            found.append(_make_route(G, stops, legs, first.restrictions, weight, commodity))
    return Routes(found)

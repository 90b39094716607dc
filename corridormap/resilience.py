"""Criticality (N-1): what one closure costs, for flows and for routes.

For a flow question, every feature (link) and every node is closed in turn and the maximum flow
recomputed; the loss is ranked. Closing a node closes every arc into or out of it. A feature or
node that carries no flow in the maximum flow cannot reduce it when closed (that flow stays
feasible), so only those carrying flow are recomputed, on the same flow network with their arcs
set to zero: no graph is rebuilt.

For a route question, every feature of the route is avoided in turn and the route found again;
the extra distance (or time) is ranked, and features without which there is no route at all are
marked.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np

from ._errors import CorridorMapError, NoRouteError
from ._results import GeoResult, summary_html
from .flows import query_network, solve
from .lookup import find_place
from .routing import Route, route
from .state import Scenario

__all__ = ["Criticality", "Ranking", "flow_criticality", "route_criticality"]


@dataclass(frozen=True)
class Criticality:
    """The loss from closing one feature or node.

    Attributes
    ----------
    id
        The feature or node closed.
    kind
        ``"feature"`` or ``"node"``.
    loss
        Maximum flow lost (in ``unit``), or extra km / hours on the route.
    unit
        The unit of ``loss``.
    remaining
        The maximum flow (or route length or time) with it closed; ``None`` when nothing is left.
    disconnects
        Closing it cuts the sinks from the sources (or leaves no route).
    """

    id: str
    kind: str
    loss: float
    unit: str
    remaining: float | None
    disconnects: bool

    def to_dict(self) -> dict[str, Any]:
        """Return the item as a JSON-ready dict."""
        return {
            "id": self.id,
            "kind": self.kind,
            "loss": round(self.loss, 3) if math.isfinite(self.loss) else None,
            "unit": self.unit,
            "remaining": None if self.remaining is None else round(self.remaining, 3),
            "disconnects": self.disconnects,
        }


@dataclass
class Ranking(GeoResult):
    """An N-1 ranking: the value with nothing closed, and each closure's loss (largest first).

    It unpacks as ``base, items = flow_criticality(...)``.

    Attributes
    ----------
    base
        The maximum flow (or the route's length or time) with nothing closed.
    items
        One :class:`Criticality` per feature or node whose closure loses something.
    unit
        The unit of ``base`` and of every loss.
    positions
        GeoJSON geometry of each ranked feature and node, for maps and exports.
    """

    base: float
    items: list[Criticality]
    unit: str = ""
    positions: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)

    def __iter__(self) -> Iterator[Any]:
        """Unpack as ``base, items``."""
        return iter((self.base, self.items))

    def __len__(self) -> int:
        return len(self.items)

    def to_dict(self) -> dict[str, Any]:
        """Return the ranking as a JSON-ready dict."""
        return {"base": round(self.base, 3), "unit": self.unit, "ranking": [c.to_dict() for c in self.items]}

    def to_frame(self) -> Any:
        """Return the ranking as a pandas DataFrame, one row per closure."""
        import pandas as pd

        columns = ["id", "kind", "loss", "unit", "remaining", "disconnects"]
        return pd.DataFrame([c.to_dict() for c in self.items], columns=columns)

    def _repr_html_(self) -> str:
        """Show the ranking in Jupyter: the value with nothing closed and the ten largest losses."""
        top = self.items[0].id if self.items else "none"
        rows = [
            ("with nothing closed", f"{self.base:,.4g} {self.unit}"),
            ("closures that lose something", len(self.items)),
            ("most critical", top),
            ("cut the sinks off alone", sum(c.disconnects for c in self.items)),
        ]
        return summary_html("corridormap N-1 ranking", rows, self.to_frame().head(10).to_html(index=False))

    def to_geojson(self) -> dict[str, Any]:
        """Return the ranked features and nodes as GeoJSON, each with its loss (rank order)."""
        features = [
            {
                "type": "Feature",
                "properties": {"rank": i + 1, **c.to_dict()},
                "geometry": self.positions[c.id],
            }
            for i, c in enumerate(self.items)
            if c.id in self.positions
        ]
        return {"type": "FeatureCollection", "features": features, "properties": self.to_dict()}

    def __str__(self) -> str:
        lines = [f"with nothing closed: {self.base:,.4g} {self.unit}"]
        for c in self.items:
            loss = "no route" if c.disconnects and c.remaining is None else f"{c.loss:,.4g} {c.unit}"
            lines.append(f"  {c.id:<44} {loss}" + ("  (disconnects)" if c.disconnects else ""))
        return "\n".join(lines)


def _positions(G: nx.MultiDiGraph, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    from .graph import feature_edges, feature_geometry

    index = feature_edges(G)
    out: dict[str, dict[str, Any]] = {}
    for ident in ids:
        if ident in G:
            out[ident] = {"type": "Point", "coordinates": [G.nodes[ident]["lon"], G.nodes[ident]["lat"]]}
        elif ident in index:
            out[ident] = feature_geometry(G, ident)
    return out


def flow_criticality(
    G: nx.MultiDiGraph,
    commodity: str,
    sources: Iterable[str],
    sinks: Iterable[str],
    scen: Scenario | None = None,
    *,
    top: int | None = None,
    everything: bool = False,
    unit: str | None = None,
    method: str = "scipy",
) -> Ranking:
    """Rank features and nodes by the maximum flow lost when each alone is closed.

    Parameters
    ----------
    G
        The transport graph.
    commodity, sources, sinks, scen
        As for :func:`corridormap.flows.max_flow`.
    top
        Keep the ``top`` largest losses.
    everything
        Recompute for every feature and node of the flow network, not only those carrying flow
        (the answer is the same; this is for benchmarks and checks).
    unit
        The unit of flows and losses (the commodity's default, Mt/yr or bcm/yr ..., if ``None``).
    method
        ``"scipy"`` or ``"networkx"``.

    Returns
    -------
    Ranking
        The maximum flow with nothing closed, and the ranking (largest loss first; items that
        lose nothing are left out).

    Raises
    ------
    CorridorMapError
        If the flow is unbounded (no stated capacity limits it): no closure has a finite loss.
    """
    _, _, net = query_network(G, commodity, sources, sinks, scen, unit)
    base_value, flows = solve(net, method)
    if base_value == float("inf"):
        raise CorridorMapError(
            f"the {commodity} flow is unbounded (no stated capacity limits it), so no closure has a "
            "finite loss: add capacities or choose sources and sinks a capacity bounds"
        )
    groups: dict[tuple[str, str], list[int]] = {}
    for i, who in enumerate(net.owner):
        if isinstance(who, str):
            groups.setdefault(("feature", who), []).append(i)
    # closing a node closes every arc into or out of it (its own capacity arc included)
    ends = set(net.sources) | set(net.sinks) | {"__source__", "__sink__"}
    for i, (t, h) in enumerate(zip(net.tail.tolist(), net.head.tolist(), strict=True)):
        for name in {_node_id(net.nodes[t]), _node_id(net.nodes[h])} - ends:
            groups.setdefault(("node", name), []).append(i)
    results = []
    for (kind, ident), arcs in groups.items():
        if not everything and not np.any(flows[arcs] > 1e-9):
            continue
        caps = net.capacity.copy()
        caps[arcs] = 0.0
        value, _ = solve(net, method, caps)
        loss = base_value - value
        if loss > 1e-9:
            results.append(Criticality(ident, kind, loss, net.unit, value, value <= 1e-9 < base_value))
    results.sort(key=lambda c: (-c.loss, c.id))
    kept = results[:top] if top else results
    return Ranking(base_value, kept, net.unit, _positions(G, [c.id for c in kept]))


def _node_id(name: Any) -> str:
    return str(name[0] if isinstance(name, tuple) else name)


def route_criticality(
    G: nx.MultiDiGraph,
    orig: str,
    dest: str,
    *,
    top: int | None = None,
    **route_options: Any,
) -> Ranking:
    """Rank the features of a route by the extra distance or time when each alone is closed.

    Parameters
    ----------
    G
        The transport graph.
    orig, dest
        The places.
    top
        Keep the ``top`` largest losses.
    **route_options
        As for :func:`corridormap.route` (``weight``, ``modes``, ``as_of``, ``month`` ...).

    Returns
    -------
    Ranking
        The route's length (or time) with nothing closed, and the ranking; a feature without
        which there is no route has ``disconnects`` true and an infinite loss.
    """
    weight = route_options.get("weight", "distance")
    avoid = set(route_options.pop("avoid", ()))
    base = route(G, orig, dest, avoid=avoid, **route_options)

    def measure(r: Route) -> float:
        return r.time_h if weight == "time" else r.length_km

    unit = "h" if weight == "time" else "km"
    base_value = measure(base)
    used = list(dict.fromkeys([*base.features, *(c for leg in base.legs for c in leg.crossings)]))
    results = []
    for ident in used:
        try:
            other = route(
                G, find_place(G, orig).id, find_place(G, dest).id, avoid=avoid | {ident}, **route_options
            )
        except NoRouteError:
            results.append(
                Criticality(ident, "node" if ident in G else "feature", float("inf"), unit, None, True)
            )
            continue
        results.append(
            Criticality(
                ident,
                "node" if ident in G else "feature",
                measure(other) - base_value,
                unit,
                measure(other),
                False,
            )
        )
    results.sort(key=lambda c: (-c.loss, c.id))
    kept = results[:top] if top else results
    return Ranking(base_value, kept, unit, _positions(G, [c.id for c in kept]))

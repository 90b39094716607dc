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

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np

from ._errors import NoRouteError
from .flows import Scenario, query_network, solve
from .lookup import find_place
from .routing import Route, route

__all__ = ["Criticality", "flow_criticality", "route_criticality"]


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
            "loss": None if self.loss != self.loss else round(self.loss, 3),
            "unit": self.unit,
            "remaining": None if self.remaining is None else round(self.remaining, 3),
            "disconnects": self.disconnects,
        }


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
) -> tuple[float, list[Criticality]]:
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
    (float, list of Criticality)
        The maximum flow with nothing closed, and the ranking (largest loss first; items that
        lose nothing are left out).
    """
    _, _, net = query_network(G, commodity, sources, sinks, scen, unit)
    base_value, flows = solve(net, method)
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
    return base_value, results[:top] if top else results


def _node_id(name: Any) -> str:
    return str(name[0] if isinstance(name, tuple) else name)


def route_criticality(
    G: nx.MultiDiGraph,
    orig: str,
    dest: str,
    *,
    top: int | None = None,
    **route_options: Any,
) -> tuple[float, list[Criticality]]:
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
    (float, list of Criticality)
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
    return base_value, results[:top] if top else results

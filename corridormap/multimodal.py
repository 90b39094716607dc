"""The routing graph: every node split into one state per way of travelling through it.

Each node of the transport graph becomes one state per way of travelling through it —
``rail1520``, ``rail1435``, ``road`` (roads, ferries, pontoons and the ropeway), ``sea`` and
``pipeline-oil`` / ``pipeline-gas`` — and states meet through transfer edges that cost time:

- a change of gauge between 1520, 1435 and 1668 mm (``dwell.gauge_change``), where a train
  leaves a dual-gauge link onto single-gauge track or two gauges meet at a border;
- ship to rail, road or pipeline at a port (``handling.port``);
- rail to road at any node (``handling.terminal``).

Entering a border crossing costs the border dwell of the mode (``dwell.border_rail`` or
``dwell.border_road``). The routing graph is built once per transport graph and kept in
``G.graph``. Route queries search the same graph as arrays (:mod:`corridormap.core`); this
networkx view is kept for users who want networkx algorithms on it.
"""

from __future__ import annotations

import itertools
from typing import Any

import networkx as nx

from .vocab import ROAD_LIKE_MODES

__all__ = ["routing_graph", "transfer_kind"]


def _states(data: dict[str, Any]) -> list[str]:
    mode = data["mode"]
    if mode == "rail":
        gauges = data.get("gauge_mm") or [1435, 1520]
        return [f"rail{g}" for g in gauges]
    if mode in ROAD_LIKE_MODES:
        return ["road"]
    if mode == "sea":
        return ["sea"]
    return [f"pipeline-{data.get('commodity', 'oil')}"]


def transfer_kind(a: str, b: str, is_port: bool) -> str | None:
    """Return the kind of transfer between two states at a node, or ``None`` if there is none.

    Parameters
    ----------
    a, b
        States (``rail1520``, ``rail1435``, ``rail1668``, ``road``, ``sea``, ``pipeline-oil`` ...).
    is_port
        Whether the node is a port (ships transfer only at ports).

    Returns
    -------
    str or None
        ``gauge_change``, ``port_handling`` or ``terminal_transfer``.

    Examples
    --------
    >>> transfer_kind("rail1520", "rail1435", False), transfer_kind("sea", "road", False)
    ('gauge_change', None)
    """
    pair = {a, b}
    if a != b and a.startswith("rail") and b.startswith("rail"):
        return "gauge_change"  # 1520/1435, and 1668/1435 at the Pyrenees
    if "sea" in pair:
        return "port_handling" if is_port else None
    if any(s.startswith("pipeline") for s in pair):
        return None
    return "terminal_transfer"  # rail <-> road


def _dwell(G: nx.MultiDiGraph, v: str, mode: str, p: dict[str, float]) -> float:
    if G.nodes[v].get("layer") != "border_crossings":
        return 0.0
    if mode == "rail":
        return p["dwell.border_rail"]
    return p["dwell.border_road"] if mode in ROAD_LIKE_MODES else 0.0


def routing_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Return the routing graph of a transport graph (built on first use and kept in ``G.graph``).

    Parameters
    ----------
    G
        The transport graph from :func:`corridormap.network` or :func:`corridormap.build_graph`.

    Returns
    -------
    networkx.MultiDiGraph
        Nodes ``(node id, state)`` and ``(node id, "end")``; link edges carry the transport
        graph's edge as ``g`` = (u, v, key) and ``kinds`` (the feature's kind and its end
        nodes'), transfer edges a ``transfer`` type.
    """
    cached: nx.MultiDiGraph | None = G.graph.get("_routing")
    if cached is not None:
        return cached
    p = G.graph["parameters"]
    R = nx.MultiDiGraph()
    for u, v, key, d in G.edges(keys=True, data=True):
        common = {
            "kind": "link",
            "g": (u, v, key),
            "feature": d["feature"],
            "mode": d["mode"],
            "layer": d["layer"],
            "length_km": d["length_km"],
            "time_h": d["time_h"] + _dwell(G, v, d["mode"], p),
            "window": d["window"],
            "kinds": (d.get("kind"), G.nodes[u].get("kind"), G.nodes[v].get("kind")),
            "traffic": d.get("traffic"),
        }
        for state in _states(d):
            R.add_edge((u, state), (v, state), key=key, **common)
    states: dict[str, set[str]] = {}
    for node, state in list(R.nodes):
        states.setdefault(node, set()).add(state)
    hours = {"gauge_change": p["dwell.gauge_change"], "port_handling": p["handling.port"]}
    for node, present in states.items():
        is_port = G.nodes[node].get("layer") == "ports"
        for a, b in itertools.permutations(sorted(present), 2):
            kind = transfer_kind(a, b, is_port)
            if kind is not None:
                R.add_edge(
                    (node, a),
                    (node, b),
                    key=kind,
                    kind="transfer",
                    transfer=kind,
                    time_h=hours.get(kind, p["handling.terminal"]),
                    length_km=0.0,
                )
        for state in present:
            R.add_edge((node, state), (node, "end"), key="end", kind="end")
    R.graph["states"] = {node: sorted(present) for node, present in states.items()}
    G.graph["_routing"] = R
    return R

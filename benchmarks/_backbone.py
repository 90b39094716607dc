"""A real large line layer for the map benchmark: Eurasian railways from ``scgraph_data``.

``scgraph_data.world_railways`` (MIT; derived from OpenStreetMap, © OpenStreetMap contributors,
ODbL) is a graph of about 275,000 nodes and 408,000 edges. Chains of edges through nodes of
degree two are joined into polylines, as a backbone of the real network would be, and those
in Eurasia (10° W to 180° E, 0° to 80° N) kept: the ``n`` with most vertices, as GeoJSON
features with ids ``rw-<k>``. Install with ``pip install scgraph_data`` (the ``curation`` extra).
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any


def _graph() -> tuple[list[list[float]], list[dict[str, float]]]:
    spec = importlib.util.find_spec("scgraph_data")
    if spec is None or spec.origin is None:
        raise SystemExit("scgraph_data is not installed: pip install scgraph_data")
    text = (Path(spec.origin).parent / "world_railways.py").read_text()
    found = {m[1]: m[2] for m in re.finditer(r"^(graph|nodes)=(.*)$", text, flags=re.M)}
    nodes = json.loads(found["nodes"])
    graph = json.loads(re.sub(r"(\d+):", r'"\1":', found["graph"]))
    return nodes, graph


def eurasian_railways(n: int = 30_000) -> dict[str, Any]:
    """Return ``n`` railway polylines of Eurasia as a GeoJSON FeatureCollection."""
    nodes, graph = _graph()
    inside = [-10 <= lon <= 180 and 0 <= lat <= 80 for lat, lon in nodes]
    adj: dict[int, list[int]] = defaultdict(list)
    for u, row in enumerate(graph):
        for key in row:
            v = int(key)
            if v != u and inside[u] and inside[v]:
                adj[u].append(v)
    seen: set[tuple[int, int]] = set()
    chains = []
    for start in sorted(adj):
        if len(adj[start]) == 2:
            continue
        for nxt in adj[start]:
            if (start, nxt) in seen:
                continue
            chain, prev, cur = [start], start, nxt
            seen.add((start, nxt))
            seen.add((nxt, start))
            while True:
                chain.append(cur)
                if len(adj[cur]) != 2:
                    break
                step = adj[cur][0] if adj[cur][1] == prev else adj[cur][1]
                if (cur, step) in seen:
                    break
                seen.add((cur, step))
                seen.add((step, cur))
                prev, cur = cur, step
            chains.append(chain)
    chains.sort(key=lambda c: (-len(c), c[0]))
    features = [
        {
            "type": "Feature",
            "properties": {"id": f"rw-{k}"},
            "geometry": {"type": "LineString", "coordinates": [[nodes[i][1], nodes[i][0]] for i in chain]},
        }
        for k, chain in enumerate(chains[:n])
    ]
    return {"type": "FeatureCollection", "features": features, "chains": len(chains)}

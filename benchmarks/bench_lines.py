"""A user's 400k-line GeoPackage to a routable graph: corridormap.network_from_lines against plain networkx.

The network is scgraph_data 2.0.0's world railways (OpenStreetMap, ODbL; read as data by
``_world.load_world``, nothing of it imported), written as a GeoPackage of one two-point
LineString per undirected edge: the kind of file a user brings. The upstream network has 328,750
undirected edges; the longest 71,250 are written as two lines each (cut at their midpoint) to
make the 400,000 lines of the target. Each contender runs in a fresh
process, so that its peak resident memory (``resource.getrusage``, ``ru_maxrss``) is its own:

- **corridormap**: ``network_from_lines(FILE, tolerance_m=50)`` end to end and per step (read,
  snap, split, graph, core), then the first route (which orders the state graph for the CCH),
  warm routes, a save to the graph cache and a load from it;
- **networkx** (the peer): the same file read with pyogrio, ends joined only where their
  coordinates are equal (no tolerance, no splitting), geodesic lengths, a MultiDiGraph built
  with ``add_edges_from`` both ways, and ``nx.shortest_path_length`` for the same pairs;
- **CLI**: ``corridormap route --lines FILE A B`` with an empty cache, then again (cached).

Run from the repository root (it takes a few minutes; the machine should be idle)::

    CORRIDORMAP_CACHE=$(mktemp -d) python benchmarks/bench_lines.py [--limit N] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

#: Long and short pairs as LAT,LON (city centres; each resolves to the nearest node within 50 km).
PAIRS = [
    ("52.52,13.40", "52.23,21.01"),  # Berlin - Warsaw
    ("55.75,37.62", "43.12,131.89"),  # Moscow - Vladivostok
    ("48.86,2.35", "39.90,116.40"),  # Paris - Beijing
]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # KiB on Linux


def make_gpkg(path: Path, limit: int | None, target: int) -> dict[str, Any]:
    """Write the world railways as a GeoPackage of lines; return what was written.

    Each undirected upstream edge is a two-point line (328,750 of them). To reach ``target``
    lines, the longest edges are drawn as two lines each, cut at their midpoint in longitude and
    latitude: the same network, the same track, more lines and more ends to join (as a file
    whose lines break at kilometre posts or at municipal boundaries has).
    """
    import geopandas as gpd
    import numpy as np
    import shapely
    from _world import load_world

    world = load_world(None)
    n = len(world.i) if limit is None else min(limit, len(world.i))
    a, b = world.i[:n], world.j[:n]
    start = np.column_stack([world.lon[a], world.lat[a]])
    stop = np.column_stack([world.lon[b], world.lat[b]])
    extra = max(0, min(target, 2 * n) - n) if limit is None else 0
    length = np.where(np.abs(start[:, 0] - stop[:, 0]) > 180, 0.0, world.km[:n])  # never across ±180°
    cut = np.argsort(-length, kind="stable")[:extra]
    mid = (start[cut] + stop[cut]) / 2
    whole = np.setdiff1d(np.arange(n), cut)
    firsts = np.concatenate([start[whole], start[cut], mid])
    lasts = np.concatenate([stop[whole], mid, stop[cut]])
    gdf = gpd.GeoDataFrame(geometry=shapely.linestrings(np.stack([firsts, lasts], 1)), crs="EPSG:4326")
    gdf.to_file(path, driver="GPKG", engine="pyogrio")
    return {
        "lines": len(gdf),
        "upstream_edges": n,
        "cut_in_two": int(extra),
        "upstream_nodes": len(world.lon),
        "bytes": path.stat().st_size,
    }


def child_corridormap(path: Path) -> dict[str, Any]:
    import corridormap
    from corridormap.cache import lines_key, load_graph, save_graph

    t = time.perf_counter()
    G = corridormap.network_from_lines(path, tolerance_m=50.0, progress=False)
    build_s = time.perf_counter() - t
    build_mb = _peak_mb()
    C = corridormap.core.core_graph(G)
    out: dict[str, Any] = {
        "build_s": round(build_s, 2),
        "steps_s": G.graph["lines"]["seconds"],
        "peak_mb_after_build": round(build_mb),
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "states": len(C.state_node),
        "arcs": len(C.arc_tail),
        "splits": G.graph["lines"]["splits"],
        "joined_end_pairs": G.graph["lines"]["joined_end_pairs"],
        "routes": [],
    }
    for k, (a, b) in enumerate(PAIRS):
        t = time.perf_counter()
        try:
            r = corridormap.route(G, a, b, modes=["rail"])
        except corridormap.CorridorMapError as exc:
            out["routes"].append({"pair": [a, b], "error": str(exc)})
            continue
        first = time.perf_counter() - t
        t = time.perf_counter()
        corridormap.route(G, a, b, modes=["rail"])
        warm = time.perf_counter() - t
        out["routes"].append(
            {
                "pair": [a, b],
                "km": round(r.length_km, 1),
                "first_s": round(first, 3),
                "warm_s": round(warm, 4),
            }
        )
        if k == 0:
            out["first_route_s"] = round(first, 2)  # orders the state graph for the CCH
    key = lines_key(path, 50.0, "rail")
    entry = Path(tempfile.mkdtemp()) / f"graph-{key}"
    t = time.perf_counter()
    save_graph(entry, G, key)
    out["cache_save_s"] = round(time.perf_counter() - t, 2)
    out["cache_mb"] = round(sum(f.stat().st_size for f in entry.rglob("*") if f.is_file()) / 1e6, 1)
    out["peak_mb"] = round(_peak_mb())
    del G, C
    t = time.perf_counter()
    H = load_graph(entry, key)
    out["cache_load_s"] = round(time.perf_counter() - t, 2)
    assert H is not None
    routed = [r["pair"] for r in out["routes"] if "km" in r]
    if routed:
        t = time.perf_counter()
        corridormap.route(H, *routed[0], modes=["rail"])
        out["route_after_load_s"] = round(time.perf_counter() - t, 3)
    return out


def child_networkx(path: Path) -> dict[str, Any]:
    import networkx as nx
    import numpy as np
    import pyogrio
    import shapely

    from corridormap.geodesy import distance_km, lengths_km

    t = time.perf_counter()
    gdf = pyogrio.read_dataframe(path, use_arrow=True)
    geoms = np.asarray(gdf.geometry.array, dtype=object)
    ends = np.concatenate(
        [
            shapely.get_coordinates(shapely.get_point(geoms, 0)),
            shapely.get_coordinates(shapely.get_point(geoms, -1)),
        ]
    )
    xy, node = np.unique(ends, axis=0, return_inverse=True)
    n = len(geoms)
    u, v = node[:n].tolist(), node[n:].tolist()
    km = lengths_km(geoms).tolist()
    G = nx.MultiDiGraph()
    G.add_nodes_from((i, {"lon": x, "lat": y}) for i, (x, y) in enumerate(xy.tolist()))
    G.add_edges_from((a, b, {"length_km": w}) for a, b, w in zip(u, v, km, strict=True))
    G.add_edges_from((b, a, {"length_km": w}) for a, b, w in zip(u, v, km, strict=True))
    out: dict[str, Any] = {
        "build_s": round(time.perf_counter() - t, 2),
        "peak_mb_after_build": round(_peak_mb()),
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "routes": [],
    }

    def nearest(text: str) -> int:
        lat, lon = (float(x) for x in text.split(","))
        return int(np.argmin(distance_km(np.full(len(xy), lon), np.full(len(xy), lat), xy[:, 0], xy[:, 1])))

    for a, b in PAIRS:
        s, d = nearest(a), nearest(b)
        t = time.perf_counter()
        try:
            km_ = nx.shortest_path_length(G, s, d, weight="length_km")
        except nx.NetworkXNoPath:
            out["routes"].append({"pair": [a, b], "error": "no path"})
            continue
        out["routes"].append(
            {"pair": [a, b], "km": round(float(km_), 1), "dijkstra_s": round(time.perf_counter() - t, 3)}
        )
    out["peak_mb"] = round(_peak_mb())
    return out


def _run_child(which: str, path: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", which, str(path)], capture_output=True, text=True, check=False
    )
    if done.returncode:
        raise SystemExit(f"{which} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _cli(path: Path, cache: str) -> dict[str, Any]:
    a, b = PAIRS[0]
    env = {**os.environ, "CORRIDORMAP_CACHE": cache, "PYTHONPATH": str(HERE.parent)}
    out = {}
    for name in ("cold_s", "cached_s"):
        t = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "corridormap", "route", "--lines", str(path), a, b, "--json"],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        out[name] = round(time.perf_counter() - t, 2)
        if done.returncode:
            raise SystemExit(f"CLI failed: {done.stderr[-2000:]}")
        out["km"] = json.loads(done.stdout)["length_km"]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, help="only the first N upstream edges, none cut (a quick check)")
    ap.add_argument("--lines", type=int, default=400_000, help="lines in the file (default 400,000)")
    ap.add_argument("--json", help="also write the results here")
    ap.add_argument("--child", nargs=2, metavar=("WHICH", "FILE"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        which, file = args.child
        result = child_corridormap(Path(file)) if which == "corridormap" else child_networkx(Path(file))
        print(json.dumps(result))
        return
    work = Path(tempfile.mkdtemp(prefix="bench-lines-"))
    gpkg = work / "world_railways.gpkg"
    t = time.perf_counter()
    made = make_gpkg(gpkg, args.limit, args.lines)
    made["write_s"] = round(time.perf_counter() - t, 1)
    print(
        f"GeoPackage: {made['lines']:,} lines, {made['bytes'] / 1e6:.0f} MB, written in {made['write_s']} s"
    )
    results = {
        "input": made,
        "cpus": os.cpu_count(),
        "load_avg_at_start": os.getloadavg(),
        "corridormap": _run_child("corridormap", gpkg),
        "networkx": _run_child("networkx", gpkg),
        "cli": _cli(gpkg, str(work / "cache")),
        "load_avg_at_end": os.getloadavg(),
    }
    cm, nxr = results["corridormap"], results["networkx"]
    print(
        f"corridormap.network_from_lines: {cm['build_s']} s ({', '.join(f'{k} {v} s' for k, v in cm['steps_s'].items())}), "
        f"peak RSS {cm['peak_mb_after_build']} MB; {cm['nodes']:,} nodes, {cm['edges']:,} edges, "
        f"{cm['states']:,} states, {cm['splits']:,} splits"
    )
    print(
        f"  first route {cm.get('first_route_s')} s (CCH order), cache save {cm['cache_save_s']} s "
        f"({cm['cache_mb']} MB), load {cm['cache_load_s']} s, route after load {cm.get('route_after_load_s')} s, "
        f"peak RSS overall {cm['peak_mb']} MB"
    )
    print(
        f"networkx peer: {nxr['build_s']} s, peak RSS {nxr['peak_mb_after_build']} MB; "
        f"{nxr['nodes']:,} nodes, {nxr['edges']:,} edges"
    )
    for ours, theirs in zip(cm["routes"], nxr["routes"], strict=True):
        print(
            f"  {ours['pair'][0]} -> {ours['pair'][1]}: corridormap {ours.get('km')} km "
            f"(warm {ours.get('warm_s')} s), networkx {theirs.get('km')} km ({theirs.get('dijkstra_s')} s)"
        )
    print(f"CLI route --lines: cold {results['cli']['cold_s']} s, cached {results['cli']['cached_s']} s")
    print(f"load average: {results['load_avg_at_start']} at start, {results['load_avg_at_end']} at end")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

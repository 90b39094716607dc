#!/usr/bin/env python3
"""Extract the Far East subset of scgraph_data's railway and highway networks.

scgraph_data (PyPI, version 2.0.0; network data (c) OpenStreetMap contributors,
ODbL-1.0) ships each network as a Python module holding two literals:

    graph=[{neighbour_index: length_km, ...}, ...]   # adjacency, one dict per node
    nodes=[[lat, lon], ...]                          # 3 decimals

Version 2.0.0 imports ``scgraph.core``, which current scgraph no longer has, so the
modules are NOT imported: the two literal lines are read as text and parsed as JSON
(dict keys quoted first).  The networks are clipped to BBOX (every node inside;
every edge with both ends inside), renumbered in original order, and written to
upstream/<network>.json.gz (gzip, mtime 0, sorted and rounded, so the bytes are
deterministic):

    {"meta": {...provenance...},
     "nodes": [[lon, lat], ...],
     "edges": [[i, j, length_km], ...]}   # i < j, one per undirected edge

Usage (from the repository root):
    pip download --no-deps scgraph_data==2.0.0 -d /tmp/scgraph_data
    python scripts/alignments/extract_upstream.py /tmp/scgraph_data/scgraph_data-2.0.0-py3-none-any.whl
    # or, with scgraph_data installed (pip install -e ".[curation]"), no argument:
    python scripts/alignments/extract_upstream.py
"""

import gzip
import hashlib
import io
import json
import re
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "upstream"
PACKAGE = "scgraph_data"
VERSION = "2.0.0"
NETWORKS = ("world_railways", "world_highways")
# lon_min, lat_min, lon_max, lat_max: the rail and road links of geodata/ span
# 98.00-140.28 E, 30.83-57.04 N (Taishet to Vanino, Shanghai to the BAM); 1.5 deg margin.
BBOX = (96.5, 29.3, 141.8, 58.6)


def read_sources(wheel=None):
    """Yield (network, text) from a wheel file or from the installed package."""
    if wheel:
        with zipfile.ZipFile(wheel) as z:
            for net in NETWORKS:
                yield net, z.read(f"{PACKAGE}/{net}.py")
    else:
        import importlib.metadata as md
        import importlib.util

        got = md.version(PACKAGE)
        if got != VERSION:
            sys.exit(f"{PACKAGE} {got} installed, {VERSION} expected")
        spec = importlib.util.find_spec(PACKAGE)  # finds the folder, imports nothing
        base = Path(spec.submodule_search_locations[0])
        for net in NETWORKS:
            yield net, (base / f"{net}.py").read_bytes()


def literal(text, name):
    """The text of the line ``name=...`` (each literal is on one line)."""
    m = re.search(rb"^" + name.encode() + rb"=(.*)$", text, re.M)
    if not m:
        raise ValueError(f"no literal {name}")
    return m.group(1)


def parse(raw):
    nodes = json.loads(literal(raw, "nodes"))
    # dict keys are bare ints: quote them to make the adjacency literal JSON
    graph = json.loads(re.sub(rb"([{ ])(\d+):", rb'\1"\2":', literal(raw, "graph")))
    if len(graph) != len(nodes):
        raise ValueError("graph and nodes differ in length")
    return graph, nodes


def clip(graph, nodes):
    x0, y0, x1, y1 = BBOX
    keep = [i for i, (lat, lon) in enumerate(nodes) if x0 <= lon <= x1 and y0 <= lat <= y1]
    new = {old: k for k, old in enumerate(keep)}
    out_nodes = [[round(nodes[i][1], 3), round(nodes[i][0], 3)] for i in keep]
    best = {}
    for old in keep:
        a = new[old]
        for nb, km in graph[old].items():
            b = new.get(int(nb))
            if b is None or b == a:
                continue
            key = (min(a, b), max(a, b))
            km = round(float(km), 3)
            if key not in best or km < best[key]:
                best[key] = km
    edges = [[a, b, best[(a, b)]] for a, b in sorted(best)]
    return out_nodes, edges


def main():
    wheel = sys.argv[1] if len(sys.argv) > 1 else None
    OUT.mkdir(exist_ok=True)
    summary = {}
    for net, raw in read_sources(wheel):
        sha = hashlib.sha256(raw).hexdigest()
        graph, nodes = parse(raw)
        sub_nodes, edges = clip(graph, nodes)
        meta = {
            "package": PACKAGE,
            "version": VERSION,
            "module": f"{PACKAGE}/{net}.py",
            "sha256": sha,
            "bbox_lon_lat": list(BBOX),
            "nodes_total": len(nodes),
            "nodes": len(sub_nodes),
            "edges": len(edges),
            "licence": "ODbL-1.0",
            "credit": "© OpenStreetMap contributors",
            "node_format": "[lon, lat] (WGS84, 3 decimals as upstream)",
            "edge_format": "[i, j, length_km] as upstream, i < j, undirected",
        }
        body = json.dumps({"meta": meta, "nodes": sub_nodes, "edges": edges}, separators=(",", ":"))
        buf = io.BytesIO()
        with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as g:
            g.write(body.encode())
        (OUT / f"{net}.json.gz").write_bytes(buf.getvalue())
        summary[net] = meta
        print(
            f"{net}: {len(nodes)} nodes -> {len(sub_nodes)} in bbox, {len(edges)} edges, "
            f"{len(buf.getvalue()) / 1e6:.1f} MB, sha256 {sha}"
        )
    (OUT / "manifest.json").write_text(
        json.dumps(summary, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()

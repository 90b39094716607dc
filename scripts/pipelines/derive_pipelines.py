#!/usr/bin/env python3
"""Redraw the pipeline layer (geodata/pipelines.geojson) on Global Energy Monitor's traced routes.

Reproducible derivation of every pipeline geometry:

* Input routes: Global Energy Monitor's GOIT/GGIT pipeline routes, Far East subset
  (``upstream/gem_routes_far_east.geojson``, see ``upstream/README.md``; CC BY 4.0).
  GEM keys its routes by project id only, so routes are matched to our features by
  geometry, never by name.
* Reference lines: the hand-curated lines the dataset had before this script
  (``curated_lines.geojson``, frozen), so that a rerun matches against the same
  reference and reproduces every file byte for byte.
* Matching: for each feature, every GEM route of the same commodity (``gas-pipelines``
  for gas, ``liquid-pipelines`` for oil) is measured against the reference line: the
  share of its length within 25 km of it, the share of the reference line it covers, the
  mean and maximum distance of its vertices from it, and its length.  Routes with
  something within 60 km of the reference line form a network: consecutive vertices are
  edges, and each route end is joined to the nearest point of any other route within
  5 km (a junction; a gap of up to 60 km is bridged at a penalty and reported).
* Path: the feature's ``from``, ``via`` and ``to`` nodes are attached to the nearest
  point of the network (a straight connector from the node), and the least-cost path
  is taken through them in order.  An edge costs its length times
  1 + (d / 50 km)^2, with d its distance from the reference line, so among parallel or
  branching GEM routes the one along the curated corridor wins.  The path therefore
  starts and ends exactly at the node coordinates and is cut at the node projections.
* The line is simplified with a 100 m tolerance (Douglas-Peucker, in a Lambert
  azimuthal equal-area projection centred on 50 N 120 E), densified so that no two
  consecutive vertices are more than 100 km apart (straight-line points: these add no
  information) and rounded to 5 decimals.
* ``geometry_source`` records the dataset, licence, credit, the GEM project ids whose
  vertices the line uses and the evidence; ``geometry_quality`` is ``traced`` where the
  GEM vertices used are at most 100 km apart (the dataset's definition of traced) and
  ``approximate`` where GEM's own route is coarser or a node lies more than 50 km off it.
  Features listed in KEEP_CURATED keep their hand-drawn line and say why in
  ``geometry_source``.

Run from the repository root:
    python scripts/pipelines/derive_pipelines.py
It rewrites the geometry, ``geometry_quality`` and ``geometry_source`` of every feature in
geodata/pipelines.geojson (all other properties are kept as they are) and writes a
per-feature report to scripts/pipelines/qa_report.json.
"""

import json
import math
from pathlib import Path

import networkx as nx
import shapely
from pyproj import Geod, Transformer
from shapely.geometry import LineString, MultiLineString, Point

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
GEODATA = REPO / "geodata"
GEM_FILE = HERE / "upstream" / "gem_routes_far_east.geojson"
CURATED_FILE = HERE / "curated_lines.geojson"
GEOD = Geod(ellps="WGS84")
FWD = Transformer.from_crs("EPSG:4326", "+proj=laea +lat_0=50 +lon_0=120 +units=km", always_xy=True)
INV = Transformer.from_crs("+proj=laea +lat_0=50 +lon_0=120 +units=km", "EPSG:4326", always_xy=True)

NEAR_KM = 25.0  # "near the reference line" for the match statistics
NETWORK_KM = 60.0  # routes with a part this close to the reference line join the network
JUNCTION_KM = 5.0  # route ends this close to another route join it freely
GAP_KM = 60.0  # larger gaps are bridged at a penalty (and reported)
GAP_PENALTY = 3.0
MERGE_KM = 0.5  # routes closer than this run on one trace
MERGE_STEP_KM = 20.0
ATTACH_KM = 120.0  # a node is attached to the network only within this distance
SCALE_KM = 50.0  # edge cost: length * (1 + (d / SCALE_KM)^2)
SIMPLIFY_KM = 0.1  # ~100 m: what a regional map needs
MAX_SPACING_KM = 100.0
VIA_KM = 5.0
CONNECTOR_KM = 50.0  # a longer straight connector to an end node makes the line approximate

DATASET = "Global Energy Monitor, GOIT/GGIT pipeline routes (github.com/GlobalEnergyMonitor/GOIT-GGIT-pipeline-routes, commit 6bfab45)"
GEM_SOURCE_ID = "gem-goit-ggit-routes"  # its entry in geodata/sources.json
LICENCE = "CC BY 4.0"
CREDIT = "Global Energy Monitor, Global Oil/Gas Infrastructure Tracker"
OSM_CREDIT = "© OpenStreetMap contributors (ODbL)"

# Features whose hand-drawn line is kept, with the reason (GEM has no route for them, or only
# a schematic one that is no better than ours).
KEEP_CURATED = {
    "pl-power-of-siberia-2-soyuz-vostok": (
        "GEM has no traced route for the Soyuz Vostok transit: its Power of Siberia 2 route "
        "(P5409) is an 11-vertex schematic line that runs from the Mongolian border far from the "
        "Naushki-Ulaanbaatar-Erenhot corridor and on to Shanghai, so the curated schematic line is kept."
    ),
    "pl-skovorodino-mohe": (
        "GEM's routes for this spur (P6349, P5174) are two-vertex straight lines from the Skovorodino "
        "pumping station to Mohe that pass 5-8 km from the Dzhalinda-Mohe crossing and, joined to the "
        "Skovorodino node, give 81 km against the published 63.4-72 km; the curated line, which passes "
        "the crossing, is kept."
    ),
    "pl-far-eastern-route": (
        "GEM's route for the Far Eastern route (P3895) is a two-vertex schematic line of 26 km that "
        "does not reach either end node; the curated schematic line is kept."
    ),
}


# Where several GEM routes of the same commodity run along one feature, the routes that belong
# to it are named here with the evidence; the others cost PREFER_PENALTY times as much.
PREFER_PENALTY = 4.0
PREFER = {
    "pl-skv-khabarovsk-vladivostok": (
        ["P0758"],
        "P0758 carries the OpenStreetMap tags of the Sakhalin-Khabarovsk-Vladivostok trunkline (relation "
        "3220256) and, with its second GEM piece, runs to Vladivostok; P2027 is the Komsomolsk-Khabarovsk "
        "line, which ends in Khabarovsk.",
    ),
    "pl-eastern-route-middle": (
        ["P4483", "P4484"],
        "GEM's parent project P4482 (Eastern Route) bundles P4484 (north), P4483 (middle), P4485 and "
        "P4486 (south); P4483 runs from the end of P4484 to Yongqing.",
    ),
    "pl-eastern-route-south": (
        ["P4486"],
        "P4486, the southern route in GEM's Eastern Route bundle P4482, runs from Yongqing to Shanghai.",
    ),
    "pl-eastern-route-north": (
        ["P4484"],
        "P4484, the northern route in GEM's Eastern Route bundle P4482 (traced from OSM way 476173307, "
        "tagged Power of Siberia), crosses the Amur at Blagoveshchensk and runs to Changling.",
    ),
}


def proj(lon, lat):
    x, y = FWD.transform(lon, lat)
    return (x, y)


def unproj(x, y):
    lon, lat = INV.transform(x, y)
    return (lon, lat)


def geod_km(coords):
    return GEOD.line_length([c[0] for c in coords], [c[1] for c in coords]) / 1000.0


def gc_km(a, b):
    return GEOD.inv(a[0], a[1], b[0], b[1])[2] / 1000.0


def load_nodes():
    nodes = {}
    for layer in ("places", "ports", "border_crossings"):
        for f in json.load(open(GEODATA / f"{layer}.geojson", encoding="utf-8"))["features"]:
            nodes[f["properties"]["id"]] = tuple(f["geometry"]["coordinates"])
    return nodes


def load_gem():
    """GEM routes as (index, properties, list of projected parts); exact duplicates dropped."""
    routes, seen = [], {}
    for i, f in enumerate(json.load(open(GEM_FILE, encoding="utf-8"))["features"]):
        p = f["properties"]
        g = f["geometry"]
        parts = [g["coordinates"]] if g["type"] == "LineString" else g["coordinates"]
        key = json.dumps(parts)
        if key in seen:
            old = seen[key]
            if p.get("ProjectID") == p["gem_project_id"] and old["own"] is False:
                # keep the copy in the route's own file; the other is a parent project's copy
                old["duplicates"].append(old["id"])
                old.update(id=p["gem_project_id"], file=p["gem_file"], own=True, index=i)
            else:
                old["duplicates"].append(p["gem_project_id"])
            continue
        r = {
            "index": i,
            "id": p["gem_project_id"],
            "file": p["gem_file"],
            "folder": p["gem_file"].split("/")[-2],
            "osm_id": p.get("@id"),
            "parts_ll": parts,
            "parts": [[proj(*c) for c in part] for part in parts],
            "duplicates": [],
            "own": p.get("ProjectID", p["gem_project_id"]) == p["gem_project_id"],
        }
        seen[key] = r
        routes.append(r)
    return routes


def route_stats(r, ref):
    """Distances of a GEM route from the reference line (projected km)."""
    pts = [Point(c) for part in r["parts"] for c in part]
    ds = [ref.distance(q) for q in pts]
    lines = [LineString(part) for part in r["parts"] if len(part) >= 2]
    glen = sum(ln.length for ln in lines)
    buf = ref.buffer(NEAR_KM)
    near = sum(ln.intersection(buf).length for ln in lines)
    cover = ref.intersection(MultiLineString(lines).buffer(NEAR_KM)).length / ref.length
    return {
        "gem_project_id": r["id"],
        "gem_file": r["file"],
        "vertices": len(pts),
        "length_km": round(sum(geod_km(part) for part in r["parts_ll"]), 1),
        "share_within_25km": round(near / glen, 3) if glen else 0.0,
        "reference_covered_within_25km": round(cover, 3),
        "mean_vertex_distance_km": round(sum(ds) / len(ds), 1),
        "max_vertex_distance_km": round(max(ds), 1),
        "min_vertex_distance_km": round(min(ds), 1),
    }


def seg_cost(a, b, ref, penalty=1.0):
    """Cost of a segment: its length, weighted by its distance from the reference line."""
    length = math.dist(a, b)
    d = ref.distance(Point((a[0] + b[0]) / 2, (a[1] + b[1]) / 2))
    return length * (1 + (d / SCALE_KM) ** 2) * penalty


def nearest_on(parts, pt):
    """Nearest point of a route to pt: (distance, part index, distance along the part)."""
    best = None
    for k, part in enumerate(parts):
        if len(part) < 2:
            continue
        ln = LineString(part)
        s = ln.project(pt)
        d = ln.interpolate(s).distance(pt)
        if best is None or d < best[0] - 1e-9:
            best = (d, k, s)
    return best


def build_network(routes, ref, attach_pts, prefer):
    """Graph over the routes near the reference line, with split points for attachments."""
    used = [
        r for r in routes if any(ref.distance(Point(c)) <= NETWORK_KM for part in r["parts"] for c in part)
    ]
    penalty = {r["index"]: (1.0 if not prefer or r["id"] in prefer else PREFER_PENALTY) for r in used}
    # split requests per (route, part): distances along the part
    splits = {}
    junctions = []  # (route a, end point, route b, part, s, distance)
    for ra in used:
        for part in ra["parts"]:
            for end in (part[0], part[-1]):
                pe = Point(end)
                for rb in used:
                    if rb is ra:
                        continue
                    hit = nearest_on(rb["parts"], pe)
                    if hit and hit[0] <= GAP_KM:
                        junctions.append((ra, end, rb, hit[1], hit[2], hit[0]))
                        splits.setdefault((rb["index"], hit[1]), set()).add(round(hit[2], 6))
    # where two routes run on the same trace (one copied or traced from the other), let the
    # path change from one to the other: a junction every MERGE_STEP_KM where they touch
    for ra in used:
        for part in ra["parts"]:
            arr = shapely.points(part)
            for rb in used:
                if rb is ra:
                    continue
                lines = [LineString(q) for q in rb["parts"] if len(q) >= 2]
                if not lines:
                    continue
                dist = shapely.distance(arr, MultiLineString(lines))
                last = None
                for j in range(1, len(part) - 1):
                    if dist[j] > MERGE_KM:
                        continue
                    if last is not None and math.dist(part[last], part[j]) < MERGE_STEP_KM:
                        continue
                    hit = nearest_on(rb["parts"], Point(part[j]))
                    junctions.append((ra, tuple(part[j]), rb, hit[1], hit[2], hit[0]))
                    splits.setdefault((rb["index"], hit[1]), set()).add(round(hit[2], 6))
                    last = j
    attach = {}
    for name, pt in attach_pts:
        cands = []
        for r in used:
            hit = nearest_on(r["parts"], Point(pt))
            if hit and hit[0] <= ATTACH_KM:
                cands.append((hit[0], r["index"], hit[1], hit[2], r))
        cands.sort(key=lambda c: (c[0], c[1]))
        attach[name] = cands[:3]
        for c in cands[:3]:
            splits.setdefault((c[1], c[2]), set()).add(round(c[3], 6))
    G = nx.Graph()
    coord = {}
    owner = {}
    for r in used:
        for k, part in enumerate(r["parts"]):
            if len(part) < 2:
                continue
            ln = LineString(part)
            cum = [0.0]
            for a, b in zip(part[:-1], part[1:]):
                cum.append(cum[-1] + math.dist(a, b))
            pts = [(cum[j], part[j]) for j in range(len(part))]
            for s in sorted(splits.get((r["index"], k), ())):
                q = ln.interpolate(s)
                pts.append((s, (q.x, q.y)))
            pts.sort(key=lambda t: t[0])
            prev = None
            for j, (s, c) in enumerate(pts):
                key = (r["index"], k, round(s, 6))
                coord[key] = c
                owner[key] = r
                if prev is not None and key != prev:
                    G.add_edge(
                        prev,
                        key,
                        w=seg_cost(coord[prev], c, ref, penalty[r["index"]]),
                        kind="route",
                        route=r["index"],
                    )
                prev = key
    at = {}
    for key, c in coord.items():
        at.setdefault((key[0], tuple(c)), key)
    for ra, end, rb, k, s, d in junctions:
        a = at.get((ra["index"], tuple(end)))
        b = (rb["index"], k, round(s, 6))
        if a is None or b not in coord:
            continue
        pen = 1.0 if d <= JUNCTION_KM else GAP_PENALTY
        w = seg_cost(coord[a], coord[b], ref, pen) + 1e-6
        if not G.has_edge(a, b) or G[a][b]["w"] > w:
            G.add_edge(a, b, w=w, kind="junction" if d <= JUNCTION_KM else "gap", gap_km=round(d, 1))
    return G, coord, owner, attach, used


def derive(feature, ref_ll, routes, nodes):
    p = feature["properties"]
    ref = LineString([proj(*c) for c in ref_ll])
    seq = [p["from"], *p.get("via", []), p["to"]]
    pts = [(n, proj(*nodes[n])) for n in seq]
    prefer = PREFER.get(p["id"], ([], ""))[0]
    G, coord, owner, attach, used = build_network(routes, ref, pts, prefer)
    for n, pt in pts:
        G.add_node(("node", n))
        coord[("node", n)] = pt
        for d, ri, k, s, r in attach[n]:
            key = (ri, k, round(s, 6))
            G.add_edge(
                ("node", n),
                key,
                w=seg_cost(pt, coord[key], ref, 1.0) + d,
                kind="connector",
                gap_km=round(d, 1),
            )
    detour = {}
    path = [("node", seq[0])]
    for a, b in zip(seq[:-1], seq[1:]):
        leg = nx.shortest_path(G, ("node", a), ("node", b), weight="w")
        path += leg[1:]
    # a via node lies on the line if its connector is short: drop the spike then
    clean = []
    for j, key in enumerate(path):
        if key[0] == "node" and 0 < j < len(path) - 1:
            d = G[path[j - 1]][key]["gap_km"]
            if d <= VIA_KM and path[j - 1] == path[j + 1]:
                continue
        if clean and clean[-1] == key:
            continue
        clean.append(key)
    path = clean
    # evidence: which GEM routes the path runs on, and how far
    used_km, used_d, gaps, connectors = {}, {}, [], []
    for a, b in zip(path[:-1], path[1:]):
        e = G[a][b]
        if e["kind"] == "route":
            r = owner[a]
            used_km[r["index"]] = used_km.get(r["index"], 0.0) + math.dist(coord[a], coord[b])
            used_d.setdefault(r["index"], []).append(ref.distance(Point(coord[b])))
        elif e["kind"] == "gap":
            gaps.append(e["gap_km"])
        elif e["kind"] == "connector":
            n = (a if a[0] == "node" else b)[1]
            if n not in [c["node"] for c in connectors]:
                connectors.append({"node": n, "km": e["gap_km"]})
    # a via node further from the route: go to it and back without retracing the route near it
    for n in p.get("via", []):
        key = ("node", n)
        if key not in path:
            continue
        j = path.index(key)
        c = coord[key]
        r_km = 2 * G[path[j - 1]][key]["gap_km"]
        lo, hi = j, j
        while lo > 1 and math.dist(coord[path[lo - 1]], c) < r_km:
            lo -= 1
        while hi < len(path) - 2 and math.dist(coord[path[hi + 1]], c) < r_km:
            hi += 1
        detour[n] = round(r_km, 1)
        path = path[:lo] + [key] + path[hi + 1 :]
    xy = [coord[k] for k in path]
    by_index = {r["index"]: r for r in routes}
    line = LineString(xy).simplify(SIMPLIFY_KM, preserve_topology=False)
    ll = [unproj(*c) for c in line.coords]
    out = [ll[0]]
    for a, b in zip(ll[:-1], ll[1:]):
        n = int(math.ceil(gc_km(a, b) / MAX_SPACING_KM))
        for j in range(1, n):
            out.append((a[0] + (b[0] - a[0]) * j / n, a[1] + (b[1] - a[1]) * j / n))
        out.append(b)
    out = [[round(x, 5), round(y, 5)] for x, y in out]
    out[0] = [round(v, 5) for v in nodes[seq[0]]]
    out[-1] = [round(v, 5) for v in nodes[seq[-1]]]
    # max spacing of the GEM vertices used (before densifying)
    spacing = max(gc_km(a, b) for a, b in zip(ll[:-1], ll[1:]))
    used_routes = sorted((by_index[i] for i in used_km), key=lambda r: (r["id"], r["index"]))
    gem_ids = sorted({r["id"] for r in used_routes})
    osm_ids = sorted({r["osm_id"] for r in used_routes if r["osm_id"]})
    stats = {}
    for r in used_routes:
        st = route_stats(r, ref)
        st["km_used"] = round(used_km[r["index"]], 1)
        ds = used_d[r["index"]]
        st["used_mean_distance_km"] = round(sum(ds) / len(ds), 1)
        st["used_max_distance_km"] = round(max(ds), 1)
        if r["duplicates"]:
            st["identical_geometry_in"] = sorted(set(r["duplicates"]))
        if r["osm_id"]:
            st["osm"] = r["osm_id"]
        stats.setdefault(r["id"], []).append(st)
    via_km = {}
    outline = LineString([proj(*c) for c in out])
    for n in p.get("via", []):
        via_km[n] = round(outline.distance(Point(proj(*nodes[n]))), 2)
    # traced: the GEM vertices used are at most 100 km apart, no gap was bridged and no straight
    # connector to a node off the route is longer than CONNECTOR_KM (shorter ones are reported
    # in the evidence: they join a node placed on a town or field rather than on the pipeline)
    long_connector = any(c["km"] > CONNECTOR_KM for c in connectors)
    quality = "traced" if spacing <= MAX_SPACING_KM and not gaps and not long_connector else "approximate"
    evidence = {
        "method": "least-cost path on the GEM routes between the feature's nodes, weighted by distance from the previous hand-drawn line",
        "routes": [dict(s, gem_project_id=k) for k, v in stats.items() for s in v],
        "end_connectors_km": {c["node"]: c["km"] for c in connectors},
        "gaps_bridged_km": gaps,
        "via_detours_km": detour,
        "preferred_routes": PREFER.get(p["id"], ([], None))[0],
        "preference_reason": PREFER.get(p["id"], ([], None))[1],
        "max_vertex_spacing_km": round(spacing, 1),
    }
    candidates = []
    for r in used:
        st = route_stats(r, ref)
        if st["share_within_25km"] >= 0.3 and r["index"] not in used_km:
            candidates.append(st)
    candidates.sort(key=lambda s: (-s["reference_covered_within_25km"], s["gem_project_id"]))
    return out, quality, gem_ids, osm_ids, evidence, via_km, candidates[:5]


def length_ref(p):
    """Published length of this feature (basis 'stated'), for the report."""
    vals = [rec for rec in p.get("lengths", []) if rec.get("basis") == "stated" and rec.get("unit") == "km"]
    return vals


def main():
    nodes = load_nodes()
    routes_all = load_gem()
    ref = {
        f["properties"]["id"]: f["geometry"]
        for f in json.load(open(CURATED_FILE, encoding="utf-8"))["features"]
    }
    ref_quality = {
        f["properties"]["id"]: f["properties"]["geometry_quality"]
        for f in json.load(open(CURATED_FILE, encoding="utf-8"))["features"]
    }
    feats = json.load(open(GEODATA / "pipelines.geojson", encoding="utf-8"))["features"]
    report = {}
    for f in feats:
        p = f["properties"]
        fid = p["id"]
        folder = "gas-pipelines" if p["commodity"] == "gas" else "liquid-pipelines"
        routes = [r for r in routes_all if r["folder"] == folder]
        routes.sort(key=lambda r: r["index"])
        ref_ll = ref[fid]["coordinates"]
        before_km = geod_km(ref_ll)
        published = [
            {"value": rec["value"], "sources": rec["sources"], "note": rec.get("note", "")}
            for rec in length_ref(p)
        ]
        if fid in KEEP_CURATED:
            refl = LineString([proj(*c) for c in ref_ll])
            cands = []
            for r in routes:
                if any(refl.distance(Point(c)) <= NETWORK_KM for part in r["parts"] for c in part):
                    st = route_stats(r, refl)
                    if st["share_within_25km"] >= 0.3 or st["reference_covered_within_25km"] >= 0.1:
                        cands.append(st)
            cands.sort(key=lambda s: (-s["reference_covered_within_25km"], s["gem_project_id"]))
            f["geometry"] = ref[fid]  # the kept line is the curated one, not what the file held before
            p["geometry_quality"] = ref_quality[fid]
            p["geometry_source"] = {
                "dataset": "hand-curated (corridormap)",
                "licence": "MIT (corridormap's own curation, drawn through sourced towns and crossings)",
                "gem_project_ids": [],
                "note": KEEP_CURATED[fid],
                "evidence": {"gem_candidates": cands[:3]},
            }
            after_km = before_km
            report[fid] = {
                "geometry": "curated (kept)",
                "reason": KEEP_CURATED[fid],
                "gem_candidates": cands[:5],
                "length_before_km": round(before_km, 1),
                "length_after_km": round(after_km, 1),
                "published_km": published,
                "ratio_after_to_published": [round(after_km / x["value"], 3) for x in published],
            }
            print(f"{fid:40s} curated  {before_km:8.1f} km")
            continue
        coords, quality, gem_ids, osm_ids, evidence, via_km, cands = derive(f, ref_ll, routes, nodes)
        after_km = geod_km(coords)
        credit = CREDIT + ("; routes traced from OpenStreetMap: " + OSM_CREDIT if osm_ids else "")
        if GEM_SOURCE_ID not in p["sources"]:
            p["sources"].append(GEM_SOURCE_ID)
        src = {
            "dataset": DATASET,
            "source": GEM_SOURCE_ID,
            "licence": LICENCE,
            "credit": credit,
            "gem_project_ids": gem_ids,
        }
        if osm_ids:
            src["osm_ids"] = osm_ids
        src["evidence"] = {
            "routes": [
                {
                    k: s[k]
                    for k in (
                        "gem_project_id",
                        "km_used",
                        "used_mean_distance_km",
                        "used_max_distance_km",
                        "vertices",
                        "length_km",
                    )
                }
                for s in evidence["routes"]
            ],
            "end_connectors_km": evidence["end_connectors_km"],
            "gaps_bridged_km": evidence["gaps_bridged_km"],
            "length_km": round(after_km, 1),
            "previous_length_km": round(before_km, 1),
        }
        p["geometry_quality"] = quality
        p["geometry_source"] = src
        f["geometry"] = {"type": "LineString", "coordinates": coords}
        report[fid] = {
            "geometry": "GEM",
            "gem_project_ids": gem_ids,
            "evidence": evidence,
            "other_candidates": cands,
            "via_distance_km": via_km,
            "vertices": len(coords),
            "geometry_quality": quality,
            "length_before_km": round(before_km, 1),
            "length_after_km": round(after_km, 1),
            "published_km": published,
            "ratio_after_to_published": [round(after_km / x["value"], 3) for x in published],
        }
        print(
            f"{fid:40s} {','.join(gem_ids):18s} {before_km:8.1f} -> {after_km:8.1f} km  "
            f"{quality:11s} ends {evidence['end_connectors_km']} gaps {evidence['gaps_bridged_km']} via {via_km} "
            f"pub {[x['value'] for x in published]}"
        )
    feats.sort(key=lambda f: f["properties"]["id"])
    body = ",\n".join(
        json.dumps(
            {"type": "Feature", "properties": f["properties"], "geometry": f["geometry"]}, ensure_ascii=False
        )
        for f in feats
    )
    (GEODATA / "pipelines.geojson").write_text(
        '{"type": "FeatureCollection", "features": [\n' + body + "\n]}\n", encoding="utf-8"
    )
    (HERE / "qa_report.json").write_text(
        json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Build the sea-lane layer (sea_lanes.geojson) and its waypoints (places.geojson).

Reproducible derivation of every line in this folder:

* Open-sea legs come from the `searoute` package (v1.6.0; network: Eurostat's
  MARNET/SeaRoute maritime network).  Called with ``restrictions=[]``: the
  package's default restriction ``['northwest']`` also closes its
  Bering-Chukchi edge (tagged ``northwest``) and therefore silently closes the
  Northern Sea Route.  The NSR result is checked to run along the Russian
  Arctic coast through the Vilkitsky Strait (it must pass the waypoint).
* Where MARNET has no edges (port approaches, bays, the Bering Sea, Peter the
  Great Gulf, Aniva Bay, the Tatar Strait north of Vanino) or where a MARNET
  segment crosses Natural Earth 10m land, the gap is filled with a shortest
  water path on a raster of Natural Earth 10m land (8-neighbour Dijkstra,
  then line-of-sight smoothing).  Lines built that way are flagged
  ``approximate``.
* A few open-sea legs on which MARNET follows the coast (North Cape - Kara Gate, Kola Bay -
  Kara Gate, across the Kara and Laptev Seas, Avacha Gulf - Tsugaru Strait / Yokohama, North
  Cape - Rotterdam) are drawn with the same raster router instead (method ``grid`` in
  links.json), which keeps port-to-port distances within a few per cent of published ones.
* Transit lanes join open-water waypoints (straits, capes, points off a bay's mouth); ports
  hang off them by short approach lanes, so a through route never enters a port.  Each lane's
  ``passage`` (set in make_links.py) is copied to the output like its other properties.
* The Yenisei from its estuary up to Dudinka follows the Natural Earth 10m
  river centre line.
* Each line is simplified (shapely, 0.005 deg), densified so that no two
  consecutive vertices are more than 100 km apart (great-circle points, or
  straight if a great-circle point would fall on land), rounded to 5 decimals
  and cut at the antimeridian (RFC 7946 3.1.9).

Run from the repository root (needs the curation extra: pip install -e ".[curation]"):
    python scripts/sea_lanes/make_links.py      # writes links.json, the list of lanes
    python scripts/sea_lanes/build_sea_lanes.py # writes geodata/sea_lanes.geojson
Node coordinates (ports, and the waypoints in places.geojson) are read from geodata/; a
per-lane report (method, vertices, length, spacing, km over land) goes to qa_report.json here.
"""

import heapq
import json
import math
from pathlib import Path

import numpy as np
import searoute as sr
import shapely
from pyproj import Geod
from shapely import affinity
from shapely.geometry import LineString, Point, box, shape
from shapely.ops import unary_union

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
GEODATA = REPO / "geodata"
NE_DIR = GEODATA / "naturalearth"
GEOD = Geod(ellps="WGS84")
MAX_SPACING_KM = 100.0

# ---------------------------------------------------------------- land data
_land = unary_union(
    [shape(f["geometry"]) for f in json.load(open(NE_DIR / "ne_10m_land_region.geojson"))["features"]]
)
# extend to unwrapped longitudes 180..200 (Chukotka / Alaska shifted by +360)
_west = _land.intersection(box(-180, -90, -150, 90))
LAND = unary_union([_land, affinity.translate(_west, xoff=360)])
# core land: 1 km inside the coast, to tolerate Natural Earth generalisation
LAND_CORE = LAND.buffer(-0.01)
shapely.prepare(LAND)
shapely.prepare(LAND_CORE)


def covered(x, y):
    """Is (x, y) inside the area the Natural Earth subset covers?"""
    return y >= 28.0 and (0.0 <= x <= 200.0 or -180.0 <= x <= -160.0)


# inland waterways that Natural Earth 10m land does not cut (no land check)
INLAND = [
    box(8.55, 53.40, 10.10, 54.00),  # Elbe, Cuxhaven - Hamburg
    box(32.20, 29.85, 32.70, 31.35),  # Suez Canal
    box(3.95, 51.85, 4.30, 52.05),  # Rotterdam, Maasvlakte / Nieuwe Waterweg
    box(82.90, 69.30, 86.40, 70.12),  # Yenisei river, Karaul - Dudinka
]


def inland(x, y):
    return any(b.contains(Point(x, y)) for b in INLAND)


def seg_on_land(p, q):
    """True if segment p-q crosses land (core) where land data exist."""
    if inland(*p) and inland(*q):
        return False
    return LAND_CORE.intersects(LineString([p, q]))


def gc_km(p, q):
    return GEOD.inv(p[0], p[1], q[0], q[1])[2] / 1000.0


def line_km(coords):
    return sum(gc_km(a, b) for a, b in zip(coords[:-1], coords[1:]))


# ---------------------------------------------------------- raster router
def grid_route(a, b, res=None, pad=1.0, region=None):
    """Shortest water path a->b on a raster of Natural Earth land.

    a, b: (lon, lat) in unwrapped longitudes.  Returns a smoothed list of
    coordinates from a to b, or None when no water path exists.
    """
    if region is None:
        x0, x1 = min(a[0], b[0]) - pad, max(a[0], b[0]) + pad
        y0, y1 = min(a[1], b[1]) - pad, max(a[1], b[1]) + pad
    else:
        x0, y0, x1, y1 = region
    if res is None:
        res = max(0.01, max(x1 - x0, y1 - y0) / 400.0)
    xs = np.arange(x0, x1 + res / 2, res)
    ys = np.arange(y0, y1 + res / 2, res)
    XX, YY = np.meshgrid(xs, ys)
    land = shapely.contains_xy(LAND, XX, YY)
    ny, nx = land.shape

    def cell(p):
        return (int(round((p[1] - y0) / res)), int(round((p[0] - x0) / res)))

    nbrs = [(-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1), (1, -1), (1, 0), (1, 1)]
    # label 8-connected water components; route only inside the largest one
    comp = np.full(land.shape, -1, dtype=np.int32)
    sizes = []
    for r0, c0 in zip(*np.nonzero(~land)):
        if comp[r0, c0] >= 0:
            continue
        lab = len(sizes)
        comp[r0, c0] = lab
        stack, n = [(r0, c0)], 0
        while stack:
            r, c = stack.pop()
            n += 1
            for dr, dc in nbrs:
                rr, cc = r + dr, c + dc
                if 0 <= rr < ny and 0 <= cc < nx and not land[rr, cc] and comp[rr, cc] < 0:
                    comp[rr, cc] = lab
                    stack.append((rr, cc))
        sizes.append(n)
    if not sizes:
        return None
    main_lab = int(np.argmax(sizes))
    wr, wc = np.nonzero(comp == main_lab)

    def nearest_main(p):
        r, c = cell(p)
        d = (wr - r) ** 2 + ((wc - c) * math.cos(math.radians(p[1]))) ** 2
        k = int(np.argmin(d))
        return (int(wr[k]), int(wc[k]))

    s, t = nearest_main(a), nearest_main(b)
    coslat = np.cos(np.radians(ys))
    dist = np.full(land.shape, np.inf)
    prev = np.full(land.shape + (2,), -1, dtype=np.int32)
    dist[s] = 0.0
    heap = [(0.0, s)]
    while heap:
        d, (r, c) = heapq.heappop(heap)
        if d > dist[r, c]:
            continue
        if (r, c) == t:
            break
        for dr, dc in nbrs:
            rr, cc = r + dr, c + dc
            if 0 <= rr < ny and 0 <= cc < nx and not land[rr, cc]:
                nd = d + math.hypot(dr, dc * coslat[r])
                if nd < dist[rr, cc]:
                    dist[rr, cc] = nd
                    prev[rr, cc] = (r, c)
                    heapq.heappush(heap, (nd, (rr, cc)))
    if not np.isfinite(dist[t]):
        return None
    path = []
    rc = t
    while True:
        path.append((float(xs[rc[1]]), float(ys[rc[0]])))
        if rc == s:
            break
        rc = (int(prev[rc][0]), int(prev[rc][1]))
    path.reverse()
    pts = [tuple(a)] + path + [tuple(b)]
    return smooth(pts)


def smooth(pts):
    """Line-of-sight simplification: keep a point only where needed."""
    out = [pts[0]]
    i, n = 0, len(pts)
    while i < n - 1:
        j = i + 1
        k = j
        while k < n and (k == i + 1 or not seg_on_land(pts[i], pts[k])):
            j = k
            k += 1
        out.append(pts[j])
        i = j
    return out


# ------------------------------------------------------------ helpers
def unwrap(coords):
    out = [list(coords[0])]
    for x, y in coords[1:]:
        px = out[-1][0]
        while x - px > 180:
            x -= 360
        while x - px < -180:
            x += 360
        out.append([x, y])
    return out


def searoute_path(a, b):
    r = sr.searoute(list(a), list(b), restrictions=[], return_passages=True)
    coords = unwrap(r["geometry"]["coordinates"])
    # searoute repeats the antimeridian point; drop exact duplicates
    dedup = [coords[0]]
    for p in coords[1:]:
        if abs(p[0] - dedup[-1][0]) > 1e-9 or abs(p[1] - dedup[-1][1]) > 1e-9:
            dedup.append(p)
    return dedup, r["properties"].get("traversed_passages", [])


def shift_near(p, ref):
    x = p[0]
    while x - ref[0] > 180:
        x -= 360
    while x - ref[0] < -180:
        x += 360
    return [x, p[1]]


def attach(a, path, b):
    """Join node a, a MARNET path and node b without zig-zags.

    Cut the MARNET path where 'straight from the node, then along the path'
    is shortest, then fix any land crossing with the raster router.
    """
    a = shift_near(a, path[0])
    b = shift_near(b, path[-1])
    # head
    tail_len = [0.0] * len(path)
    for i in range(len(path) - 2, -1, -1):
        tail_len[i] = tail_len[i + 1] + gc_km(path[i], path[i + 1])
    near = max(60.0, 1.5 * min(gc_km(a, p) for p in path))
    ok = [
        i for i in range(len(path)) if i == 0 or (gc_km(a, path[i]) <= near and not seg_on_land(a, path[i]))
    ]
    i0 = min(ok, key=lambda i: gc_km(a, path[i]) + tail_len[i])
    path = path[i0:]
    head_len = [0.0] * len(path)
    for i in range(1, len(path)):
        head_len[i] = head_len[i - 1] + gc_km(path[i - 1], path[i])
    near = max(60.0, 1.5 * min(gc_km(b, p) for p in path))
    ok = [
        j
        for j in range(len(path))
        if j == len(path) - 1 or (gc_km(b, path[j]) <= near and not seg_on_land(path[j], b))
    ]
    j0 = min(ok, key=lambda j: head_len[j] + gc_km(path[j], b))
    path = path[: j0 + 1]
    return [a] + path + [b]


def fix_land(coords, res=None):
    """Replace any segment crossing land by a raster water path."""
    out = [coords[0]]
    fixed = 0
    for p, q in zip(coords[:-1], coords[1:]):
        if seg_on_land(p, q):
            alt = grid_route(p, q, res=res, pad=max(0.3, min(2.0, gc_km(p, q) / 200)))
            if alt:
                out.extend([list(c) for c in alt[1:]])
                fixed += 1
                continue
        out.append(q)
    return out, fixed


def simplify(coords, tol=0.005):
    ls = LineString(coords).simplify(tol, preserve_topology=False)
    cand = [list(c) for c in ls.coords]
    if any(seg_on_land(p, q) for p, q in zip(cand[:-1], cand[1:])) and not any(
        seg_on_land(p, q) for p, q in zip(coords[:-1], coords[1:])
    ):
        return coords
    return cand


def densify(coords, max_km=MAX_SPACING_KM):
    out = [coords[0]]
    for p, q in zip(coords[:-1], coords[1:]):
        d = gc_km(p, q)
        n = int(math.ceil(d / max_km)) - 1
        if n > 0:
            gc = GEOD.npts(p[0], p[1], q[0], q[1], n)
            gc = [shift_near([x, y], p) for x, y in gc]
            pts = [p] + gc + [q]
            if any(seg_on_land(u, v) for u, v in zip(pts[:-1], pts[1:])):
                pts = [
                    [p[0] + (q[0] - p[0]) * k / (n + 1), p[1] + (q[1] - p[1]) * k / (n + 1)]
                    for k in range(n + 2)
                ]
            out.extend(pts[1:-1])
        out.append(q)
    return out


def norm_lon(x):
    while x > 180:
        x -= 360
    while x < -180:
        x += 360
    return x


def split_antimeridian(coords):
    """Unwrapped coords -> list of parts in [-180, 180], cut at +-180."""
    parts = [[]]
    for i, (x, y) in enumerate(coords):
        if i > 0:
            px, py = coords[i - 1]
            # crossing of an odd multiple of 180 between px and x
            k0, k1 = math.floor((px + 180) / 360), math.floor((x + 180) / 360)
            if k0 != k1:
                edge = 360 * max(k0, k1) - 180
                t = (edge - px) / (x - px)
                yc = round(py + t * (y - py), 5)
                e_prev = 180.0 if x > px else -180.0
                parts[-1].append([e_prev, yc])
                parts.append([[-e_prev, yc]])
                if abs(x - edge) < 1e-9:  # vertex lies on the meridian itself
                    continue
        parts[-1].append([round(norm_lon(x), 5), round(y, 5)])
    # clean exact +-180 vertices that norm_lon may have flipped
    for part in parts:
        for j in (0, -1):
            pass
    return parts


def land_report(coords):
    """km of line inside Natural Earth land (core) where data exist."""
    km_in, checked, total = 0.0, 0.0, 0.0
    for p, q in zip(coords[:-1], coords[1:]):
        d = gc_km(p, q)
        total += d
        if not (covered(*p) and covered(*q)):
            continue
        if inland(*p) and inland(*q):
            continue
        checked += d
        seg = LineString([p, q])
        if LAND_CORE.intersects(seg):
            frac = seg.intersection(LAND_CORE).length / max(seg.length, 1e-12)
            km_in += frac * d
    return round(km_in, 1), round(checked, 0), round(total, 0)


# ------------------------------------------------------------ nodes
def load_master():
    """Node coordinates from the curated point layers (ports and places, waypoints included)."""
    nodes = {}
    for layer in ("ports", "places"):
        for f in json.load(open(GEODATA / f"{layer}.geojson", encoding="utf-8"))["features"]:
            p = f["properties"]
            nodes[p["id"]] = {"layer": layer, "name": p["name"], "coord": tuple(f["geometry"]["coordinates"])}
    return nodes


LINKS = json.load(open(HERE / "links.json", encoding="utf-8"))["links"]


def node_coord(nid, master):
    return master[nid]["coord"]


def yenisei_river(dudinka):
    """Natural Earth Yenisey centre line from its mouth end up to Dudinka."""
    d = json.load(open(NE_DIR / "ne_10m_rivers_region.geojson"))
    line = None
    for f in d["features"]:
        if f["properties"].get("name") == "Yenisey":
            g = shape(f["geometry"])
            if g.bounds[3] > 69.9:
                line = g
    coords = [list(c) for c in line.coords]
    if coords[0][1] > coords[-1][1]:
        coords.reverse()  # south -> north
    k = min(range(len(coords)), key=lambda i: gc_km(coords[i], dudinka))
    river = coords[k:]  # Dudinka -> mouth end
    river.reverse()  # mouth end -> Dudinka
    return river


def build_link(link, master):
    a = node_coord(link["from"], master)
    b = node_coord(link["to"], master)
    method = link["method"]
    info = {"method": method, "passages": [], "fixed_segments": 0}
    if method == "searoute":
        path, passages = searoute_path(a, b)
        info["passages"] = passages
        coords = attach(a, path, b)
        coords, nfix = fix_land(coords)
        info["fixed_segments"] = nfix
    elif method == "grid":
        region = link.get("region")
        a2 = list(a)
        if region and region[2] > 180 and a2[0] < 0:
            a2[0] += 360
        b2 = shift_near(b, a2)
        coords = grid_route(a2, b2, res=link.get("res"), pad=link.get("pad", 1.0), region=region)
        if coords is None:
            raise RuntimeError("no water path for " + link["id"])
        coords = [list(c) for c in coords]
        coords, nfix = fix_land(coords)
        info["fixed_segments"] = nfix
    elif method == "yenisei":
        river = yenisei_river(b)
        sea = grid_route(list(a), river[0], res=0.02, pad=0.6)
        coords = [list(c) for c in sea] + river[1:] + [list(b)]
    elif method == "via":
        # fixed real points (Suez Canal: entrances, lakes, towns on its banks)
        coords = [list(a)] + [list(p) for p in link["points"]] + [list(b)]
    else:
        raise ValueError(method)
    if link.get("extra_via_points"):
        pass
    coords = simplify(coords)
    coords = densify(coords)
    coords[0] = list(shift_near(a, coords[1]))
    coords[-1] = list(shift_near(b, coords[-2]))
    return coords, info


def main():
    master = load_master()
    feats, report = [], {}
    for link in LINKS:
        coords, info = build_link(link, master)
        parts = split_antimeridian(coords)
        # exact node coordinates at both ends
        parts[0][0] = [round(v, 5) for v in node_coord(link["from"], master)]
        parts[-1][-1] = [round(v, 5) for v in node_coord(link["to"], master)]
        if len(parts) == 1:
            geom = {"type": "LineString", "coordinates": parts[0]}
        else:
            geom = {"type": "MultiLineString", "coordinates": parts}
        allc = [c for p in parts for c in p]
        length_km = sum(GEOD.line_length([c[0] for c in p], [c[1] for c in p]) for p in parts) / 1000
        spacing = max(gc_km(p, q) for part in parts for p, q in zip(part[:-1], part[1:]))
        km_in, checked, total = land_report(coords)
        props = {k: v for k, v in link.items() if k not in ("method", "region", "res", "pad", "points")}
        feats.append({"type": "Feature", "properties": props, "geometry": geom})
        # via nodes within 5 km?
        via_ok = {}
        for vid in link.get("via", []):
            vp = Point(node_coord(vid, master))
            via_ok[vid] = round(min(gc_km(c, vp.coords[0]) for c in allc), 1)
        report[link["id"]] = {
            "method": info["method"],
            "passages": info["passages"],
            "fixed_segments": info["fixed_segments"],
            "vertices": len(allc),
            "parts": len(parts),
            "length_km": round(length_km, 1),
            "max_spacing_km": round(spacing, 1),
            "km_inside_land": km_in,
            "km_checked": checked,
            "via_nearest_vertex_km": via_ok,
        }
        print(
            f"{link['id']:45s} {info['method']:9s} {len(allc):4d} v "
            f"{length_km:8.1f} km  max {spacing:5.1f} km  land {km_in:6.1f}/{checked:7.0f} km "
            f"fix {info['fixed_segments']} {info['passages']}"
        )
    feats.sort(key=lambda f: f["properties"]["id"])
    body = ",\n".join(
        json.dumps(
            {"type": "Feature", "properties": f["properties"], "geometry": f["geometry"]}, ensure_ascii=False
        )
        for f in feats
    )
    (GEODATA / "sea_lanes.geojson").write_text(
        '{"type": "FeatureCollection", "features": [\n' + body + "\n]}\n", encoding="utf-8"
    )
    (HERE / "qa_report.json").write_text(json.dumps(report, indent=1) + "\n")


if __name__ == "__main__":
    main()

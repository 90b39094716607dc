#!/usr/bin/env python3
"""Derive the Eurasian railway backbone from scgraph_data's OpenStreetMap-derived world railways.

Reads the ``world_railways`` network of scgraph_data 2.0.0 (installed, or a wheel passed with
``--wheel``; read as text by ``scripts/alignments/extract_upstream.py``, network data
© OpenStreetMap contributors, ODbL-1.0) and ``upstream/ne_50m_admin_0_eurasia.geojson`` (country
polygons derived from Natural Earth 1:50m admin-0, public domain; see README.md), and writes
``geodata/backbone/rail.parquet``:

0. the upstream network's gaps are joined (``join_gaps``): two connected pieces whose nearest
   nodes lie within ``GAP_KM``, one of them the end of a line, get a join between those nodes,
   and each curated join in ``JOINS`` (a gap the upstream leaves open inside one piece, named
   by its two end nodes' upstream [lon, lat] with the reason) is added; a join is a straight
   edge of its geodesic length;
1. every upstream node gets the country whose polygon holds it (a node off every polygon, on a
   coast or a river border, takes the nearest polygon within ``OFFSHORE_KM``); nodes in
   countries outside the backbone, or farther than that from any polygon, are left out;
2. every upstream edge whose ends lie in two countries is cut where it crosses the first
   country's boundary, and a border node is added there (a link never spans a border, so each
   gauge break sits at a border node); the part in a country left out is dropped;
3. connected pieces of under ``MIN_COMPONENT_KM`` of track are dropped (islands, sidings cut
   off by the clipping, lines whose connection upstream lacks);
4. chains of degree-2 nodes are contracted into links, keeping junctions, ends and border
   nodes; each link's length is along the track, from the upstream network's stated edge
   lengths (``track_lengths``: the sparse upstream vertices cut curves, so their geodesic runs
   5.9 % short over the whole network), and it is drawn simplified (Douglas-Peucker at
   ``SIMPLIFY_M`` in a Lambert conformal conic, halved until the drawn line's geodesic is
   within ``MAX_LENGTH_LOSS`` of the full polyline's), its ends exactly on its nodes;
5. each link gets its country's gauge (``GAUGE_BY_COUNTRY``, else 1435 mm).

The file is GeoParquet 1.1 (WKB, OGC:CRS84) written with pyarrow, zstd-compressed, rows in a
fixed order, so two runs give identical bytes (check with ``sha256sum``).

Run from the repository root::

    python scripts/backbone/derive_backbone.py
    python scripts/backbone/derive_backbone.py --countries-from ne_50m_admin_0_countries.json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import shapely
from pyproj import Transformer
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path[:0] = [str(REPO), str(REPO / "scripts" / "alignments")]

from extract_upstream import VERSION, parse, read_sources  # noqa: E402

from corridormap.geodesy import distance_km, lengths_km  # noqa: E402

COUNTRIES = HERE / "upstream" / "ne_50m_admin_0_eurasia.geojson"
OUT = REPO / "geodata" / "backbone" / "rail.parquet"
NETWORK = "world_railways"

#: Countries of the backbone (Natural Earth ADM0_A3): Europe from the Atlantic (Ireland and
#: Northern Ireland are 1600 mm and left out: Northern Ireland's lines fall below
#: MIN_COMPONENT_KM once Ireland is gone), the former Soviet Union, Turkey and the Caucasus,
#: Central Asia, Mongolia, China and Korea.
BACKBONE = [
    "ALB",
    "AND",
    "AUT",
    "BEL",
    "BGR",
    "BIH",
    "BLR",
    "CHE",
    "CZE",
    "DEU",
    "DNK",
    "ESP",
    "EST",
    "FIN",
    "FRA",
    "GBR",
    "GRC",
    "HRV",
    "HUN",
    "ITA",
    "KOS",
    "LIE",
    "LTU",
    "LUX",
    "LVA",
    "MCO",
    "MDA",
    "MKD",
    "MNE",
    "NLD",
    "NOR",
    "POL",
    "PRT",
    "ROU",
    "RUS",
    "SMR",
    "SRB",
    "SVK",
    "SVN",
    "SWE",
    "UKR",
    "TUR",
    "GEO",
    "ARM",
    "AZE",
    "KAZ",
    "KGZ",
    "TJK",
    "TKM",
    "UZB",
    "MNG",
    "CHN",
    "HKG",
    "MAC",
    "PRK",
    "KOR",
]
#: Natural Earth's ISO_A2 is -99 for these; their ISO 3166-1 alpha-2 codes (Kosovo: XK, user-assigned).
ISO2_FIX = {"FRA": "FR", "NOR": "NO", "KOS": "XK"}
#: 1520 mm: the former Soviet Union and Mongolia; Finland's 1524 mm runs through with it and is
#: treated as 1520. 1668 mm: Spain and Portugal (their 1435 mm high-speed lines are not told
#: apart by country). Every other backbone country: 1435 mm.
GAUGE_BY_COUNTRY = {
    **dict.fromkeys(
        [
            "RU",
            "BY",
            "UA",
            "MD",
            "LT",
            "LV",
            "EE",
            "KZ",
            "UZ",
            "TM",
            "KG",
            "TJ",
            "GE",
            "AM",
            "AZ",
            "MN",
            "FI",
        ],
        1520,
    ),
    **dict.fromkeys(["ES", "PT"], 1668),
}
BOX = (-32.0, 25.0, 180.0, 82.0)  # Eurasia: keeps France's and Spain's Atlantic islands, drops overseas parts
COUNTRY_SIMPLIFY_DEG = 0.005  # coverage simplification of the derived polygons (about 500 m)
OFFSHORE_KM = 5.0
MIN_COMPONENT_KM = 500.0
#: Two connected pieces of the upstream network whose nearest nodes lie within this distance
#: (km), one of them a line's end, are joined there: lines the generalisation cut short of the
#: line they meet (the Turkestan-Siberia line north of Almaty is four pieces, 0.1-1.3 km apart).
GAP_KM = 1.5
#: Gaps the upstream leaves inside one connected piece, joined by hand-checked rule: each names
#: its two upstream end nodes by [lon, lat] (3 decimals) and says why. The join is a straight
#: edge of the two nodes' geodesic distance (the track between them runs longer).
JOINS = [
    {
        "a": [106.139, 49.837],
        "b": [106.152, 50.247],
        "why": "Trans-Mongolian Railway, Darkhan-Sukhbaatar: the network's line north from Darkhan "
        "ends at 106.139, 49.837 (north of Orkhon) and its line south from Naushki ends at "
        "Sukhbaatar station, 106.152, 50.247; the 45.6 km between them, over the Orkhon and the "
        "Selenge, is not in scgraph_data 2.0.0 world_railways, which without it reaches "
        "Ulaanbaatar only through China (Zamyn-Uud-Erenhot)",
    }
]
JUNCTION_KM = 0.3
#: A link shorter than this (km) between two border nodes whose other links all lie in one
#: neighbouring country is that country's: a line along a border river that the 500 m
#: simplification of the polygons, not the track, took across the border (the Korean line
#: along the Tumen dips 0.8 km into China at 130.20 E).
DIP_KM = 1.0
SIMPLIFY_M = 100.0
MAX_LENGTH_LOSS = 0.005
LCC = Transformer.from_crs(
    "EPSG:4326", "+proj=lcc +lat_1=35 +lat_2=65 +lat_0=50 +lon_0=60 +datum=WGS84 +units=m", always_xy=True
)
CREDIT = "© OpenStreetMap contributors"


def prepare_countries(source: Path) -> None:
    """Write the derived country polygons from Natural Earth's 1:50m admin-0 countries GeoJSON."""
    fc = json.loads(source.read_text(encoding="utf-8"))
    box = shapely.box(*BOX)
    rows = []
    for f in fc["features"]:
        p = f["properties"]
        if p["CONTINENT"] not in ("Europe", "Asia"):
            continue
        geom = shapely.intersection(shapely.geometry.shape(f["geometry"]), box)
        if geom.is_empty:
            continue
        iso2 = ISO2_FIX.get(p["ADM0_A3"], p["ISO_A2"])
        rows.append((p["ADM0_A3"], iso2, p["NAME"], geom))
    rows.sort()
    geoms = shapely.coverage_simplify(np.array([r[3] for r in rows]), COUNTRY_SIMPLIFY_DEG)
    geoms = shapely.set_precision(geoms, 1e-4)
    feats = [
        {
            "type": "Feature",
            "properties": {"adm0_a3": a3, "iso_a2": iso2, "name": name, "backbone": a3 in BACKBONE},
            "geometry": shapely.geometry.mapping(g),
        }
        for (a3, iso2, name, _), g in zip(rows, geoms, strict=True)
        if not g.is_empty
    ]
    body = ",\n".join(json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in feats)
    COUNTRIES.parent.mkdir(exist_ok=True)
    COUNTRIES.write_text('{"type":"FeatureCollection","features":[\n' + body + "\n]}\n", encoding="utf-8")
    print(f"{COUNTRIES.relative_to(REPO)}: {len(feats)} countries, {COUNTRIES.stat().st_size / 1e6:.2f} MB")


def load_countries() -> tuple[list[str], list[bool], np.ndarray]:
    """ISO alpha-2 code, whether it is a backbone country, and the polygon of each country."""
    fc = json.loads(COUNTRIES.read_text(encoding="utf-8"))
    codes = [f["properties"]["iso_a2"] for f in fc["features"]]
    keep = [bool(f["properties"]["backbone"]) for f in fc["features"]]
    polys = np.array([shapely.geometry.shape(f["geometry"]) for f in fc["features"]])
    return codes, keep, polys


def load_network(wheel: str | None) -> tuple[np.ndarray, np.ndarray, dict[tuple[int, int], float], str]:
    """Upstream node coordinates (lon, lat), undirected edges (i < j) without self-loops, and
    each edge's along-track length in km as the upstream network states it (the shortest, where
    both directions are listed)."""
    import hashlib

    for net, raw in read_sources(wheel):
        if net != NETWORK:
            continue
        graph, nodes = parse(raw)
        xy = np.array(nodes, dtype=float)[:, ::-1]
        track: dict[tuple[int, int], float] = {}
        for i, adj in enumerate(graph):
            for j, km in adj.items():
                key = (min(i, int(j)), max(i, int(j)))
                if key[0] != key[1]:
                    track[key] = min(float(km), track.get(key, float("inf")))
        return xy, np.array(sorted(track), dtype=np.int64), track, hashlib.sha256(raw).hexdigest()
    raise SystemExit(f"no {NETWORK} in scgraph_data")


def _node_at(xy: np.ndarray, lonlat: list[float]) -> int:
    """The one upstream node at a [lon, lat] given to 3 decimals."""
    hit = np.nonzero(np.all(np.abs(xy - np.asarray(lonlat)) < 5e-4, axis=1))[0]
    if len(hit) != 1:
        raise SystemExit(f"join end {lonlat}: {len(hit)} upstream nodes there, 1 expected")
    return int(hit[0])


def join_gaps(
    xy: np.ndarray, edges: np.ndarray, track: dict[tuple[int, int], float]
) -> tuple[np.ndarray, list[dict[str, object]]]:
    """Add the gap joins and the curated JOINS to the upstream edges (and their lengths to
    ``track``); return the edges and a record of each join."""
    from scipy.spatial import cKDTree

    n = len(xy)
    adj = coo_matrix((np.ones(len(edges)), (edges[:, 0], edges[:, 1])), shape=(n, n))
    _, label = connected_components(adj, directed=False)
    degree = np.bincount(edges.ravel(), minlength=n)
    lon, lat = np.radians(xy[:, 0]), np.radians(xy[:, 1])
    tree = cKDTree(np.column_stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)]))
    pairs = tree.query_pairs(2 * np.sin(GAP_KM / 6371.0088 / 2), output_type="ndarray")
    pairs = pairs[(label[pairs[:, 0]] != label[pairs[:, 1]]) & (degree[pairs].min(axis=1) == 1)]
    km = distance_km(xy[pairs[:, 0], 0], xy[pairs[:, 0], 1], xy[pairs[:, 1], 0], xy[pairs[:, 1], 1])
    best: dict[tuple[int, int], tuple[float, int, int]] = {}
    for (a, b), d in zip(pairs.tolist(), km.tolist(), strict=True):
        a, b = min(a, b), max(a, b)
        key = (int(min(label[a], label[b])), int(max(label[a], label[b])))
        if key not in best or (d, a, b) < best[key]:
            best[key] = (d, a, b)
    added: list[tuple[int, int, float]] = [
        (a, b, d) for d, a, b in sorted(best.values(), key=lambda t: t[1:])
    ]
    records: list[dict[str, object]] = []
    for join in JOINS:
        a, b = sorted((_node_at(xy, join["a"]), _node_at(xy, join["b"])))  # type: ignore[arg-type]
        if (a, b) in track or degree[a] != 1 or degree[b] != 1:
            raise SystemExit(f"join {join['a']}-{join['b']}: not a gap between two line ends")
        d = float(distance_km(xy[a, 0], xy[a, 1], xy[b, 0], xy[b, 1]))
        added.append((a, b, d))
        records.append({"a": join["a"], "b": join["b"], "km": round(d, 3), "why": join["why"]})
    for a, b, d in added:
        track[(a, b)] = d
    print(
        f"joins: {len(best)} gaps under {GAP_KM:g} km between pieces ({sum(t[0] for t in best.values()):.1f} km), "
        f"{len(records)} curated ({sum(float(r['km']) for r in records):.1f} km)"  # type: ignore[arg-type]
    )
    out = np.vstack([edges, np.array([(a, b) for a, b, _ in added], dtype=np.int64).reshape(-1, 2)])
    return out[np.lexsort((out[:, 1], out[:, 0]))], records


def node_countries(xy: np.ndarray, polys: np.ndarray) -> np.ndarray:
    """Index of the polygon holding each node, the nearest within OFFSHORE_KM, else -1."""
    points = shapely.points(xy)
    tree = shapely.STRtree(polys)
    where = np.full(len(xy), -1, dtype=np.int64)
    pt, poly = tree.query(points, predicate="within")
    where[pt] = poly  # the polygons do not overlap, so one each
    off = np.nonzero(where < 0)[0]
    near_pt, near_poly = tree.query_nearest(points[off], max_distance=0.1, all_matches=False)
    k = off[near_pt]
    # the nearest point of the polygon (found in degrees), its distance measured on the ellipsoid
    to = shapely.get_coordinates(shapely.shortest_line(points[k], polys[near_poly]))[1::2]
    close = distance_km(xy[k, 0], xy[k, 1], to[:, 0], to[:, 1]) <= OFFSHORE_KM
    where[k[close]] = near_poly[close]
    return where


def cut_at_borders(
    xy: np.ndarray, edges: np.ndarray, where: np.ndarray, polys: np.ndarray, keep: list[bool]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Split edges at national borders; return coordinates, edges, edge countries, border flags
    and, for each border node, the upstream edge (i < j) it cuts.

    Border nodes are appended after the upstream nodes, in edge order.
    """
    kept = np.array(keep + [False])  # index -1: no country
    ci, cj = where[edges[:, 0]], where[edges[:, 1]]
    inside = kept[ci] | kept[cj]
    same = (ci == cj) & inside
    out_edges = [edges[same]]
    out_country = [ci[same]]
    new_xy: list[tuple[float, float]] = []
    cut: list[tuple[int, int]] = []
    cross = np.nonzero(inside & (ci != cj))[0]
    n = len(xy)
    for k in cross.tolist():
        i, j = int(edges[k, 0]), int(edges[k, 1])
        a, b = int(where[i]), int(where[j])
        if not kept[a]:  # walk from the side in the backbone
            i, j, a, b = j, i, b, a
        segment = shapely.LineString([xy[i], xy[j]])
        hit = shapely.intersection(segment, polys[a].boundary)
        points = shapely.get_coordinates(hit)
        # no crossing found: the edge leaves through a gap the simplification left; cut mid-way
        first = points[np.argmin(np.hypot(*(points - xy[i]).T))] if len(points) else (xy[i] + xy[j]) / 2
        m = n + len(new_xy)
        new_xy.append((round(float(first[0]), 5), round(float(first[1]), 5)))
        cut.append((min(i, j), max(i, j)))
        out_edges.append(np.array([[i, m]]))
        out_country.append(np.array([a]))
        if kept[b]:
            out_edges.append(np.array([[m, j]]))
            out_country.append(np.array([b]))
    all_xy = np.vstack([xy, np.array(new_xy).reshape(-1, 2)])
    border = np.zeros(len(all_xy), dtype=bool)
    border[n:] = True
    return (
        all_xy,
        np.vstack(out_edges),
        np.concatenate(out_country),
        border,
        np.array(cut, dtype=np.int64).reshape(-1, 2),
    )


def track_lengths(
    xy: np.ndarray, paths: list[list[int]], track: dict[tuple[int, int], float], cut: np.ndarray, n: int
) -> np.ndarray:
    """Along-track length (km) of each node path, from the upstream network's edge lengths.

    The upstream coordinates are sparse (a vertex every few km on plain track), so the geodesic
    through them runs short of the track: by 5.9 % over the whole network. The upstream network
    states each edge's own track length; each step of a path is its geodesic length scaled by
    the track-to-geodesic ratio of the upstream edge it lies on (for the two halves of an edge
    cut at a border, that edge's ratio; for a step made by merging junction nodes, 1).
    """
    nodes = np.concatenate(paths)
    first = np.cumsum([0] + [len(p) for p in paths])[:-1]
    a, b = nodes[:-1], nodes[1:]
    step = np.ones(len(a), dtype=bool)
    step[first[1:] - 1] = False  # no step from one path's end to the next path's start
    a, b = a[step], b[step]
    owner = np.repeat(np.arange(len(paths)), [len(p) - 1 for p in paths])
    # the upstream edge of each step: itself, or the edge a border node cuts
    ua, ub = a.copy(), b.copy()
    for side, other in ((ua, ub), (ub, ua)):
        at = side >= n
        cut_edge = cut[side[at] - n]
        side[at], other[at] = cut_edge[:, 0], cut_edge[:, 1]
    lo, hi = np.minimum(ua, ub), np.maximum(ua, ub)
    stated = np.array(
        [track.get((int(i), int(j)), np.nan) for i, j in zip(lo.tolist(), hi.tolist(), strict=True)]
    )
    chord = distance_km(xy[lo, 0], xy[lo, 1], xy[hi, 0], xy[hi, 1])
    ratio = np.where(np.isfinite(stated) & (chord > 1e-6), stated / np.maximum(chord, 1e-9), 1.0)
    km = distance_km(xy[a, 0], xy[a, 1], xy[b, 0], xy[b, 1]) * ratio
    return np.bincount(owner, weights=km, minlength=len(paths))


def drop_small_components(xy: np.ndarray, edges: np.ndarray, country: np.ndarray) -> tuple[np.ndarray, ...]:
    """Keep the edges of connected pieces with at least MIN_COMPONENT_KM of track."""
    n = len(xy)
    km = distance_km(xy[edges[:, 0], 0], xy[edges[:, 0], 1], xy[edges[:, 1], 0], xy[edges[:, 1], 1])
    adj = coo_matrix((np.ones(len(edges)), (edges[:, 0], edges[:, 1])), shape=(n, n))
    _, label = connected_components(adj, directed=False)
    total = np.bincount(label[edges[:, 0]], weights=km, minlength=label.max() + 1)
    big = total[label[edges[:, 0]]] >= MIN_COMPONENT_KM
    print(
        f"pieces: {int((total > 0).sum())}, kept {int((total >= MIN_COMPONENT_KM).sum())} "
        f"({total[total >= MIN_COMPONENT_KM].sum():.0f} km), dropped {total[(total > 0) & (total < MIN_COMPONENT_KM)].sum():.0f} km"
    )
    return edges[big], country[big]


def contract(edges: np.ndarray, country: np.ndarray, border: np.ndarray) -> list[tuple[list[int], int]]:
    """Contract chains of degree-2 nodes: return (node path, country) per link, in a fixed order."""
    nbrs: dict[int, list[tuple[int, int]]] = {}
    for k, (i, j) in enumerate(edges.tolist()):
        nbrs.setdefault(i, []).append((j, k))
        nbrs.setdefault(j, []).append((i, k))
    for v in nbrs.values():
        v.sort()

    def is_stop(v: int) -> bool:
        return len(nbrs[v]) != 2 or bool(border[v]) or country[nbrs[v][0][1]] != country[nbrs[v][1][1]]

    used = np.zeros(len(edges), dtype=bool)
    links: list[tuple[list[int], int]] = []

    def walk(start: int, first: int, k: int) -> None:
        path, prev = [start, first], start
        used[k] = True
        while not is_stop(path[-1]):
            here = path[-1]
            step = [(w, e) for w, e in nbrs[here] if not used[e]]
            if not step:  # a loop closed on itself
                break
            w, e = step[0]
            used[e] = True
            prev, path = here, path + [w]
        del prev
        links.append((path, int(country[k])))

    for v in sorted(nbrs):
        if is_stop(v):
            for w, k in nbrs[v]:
                if not used[k]:
                    walk(v, w, k)
    for v in sorted(nbrs):  # loops with no stop on them
        for w, k in nbrs[v]:
            if not used[k]:
                walk(v, w, k)
    return links


def undip(
    xy: np.ndarray,
    edges: np.ndarray,
    country: np.ndarray,
    border: np.ndarray,
    links: list[tuple[list[int], int]],
) -> tuple[np.ndarray, np.ndarray, int]:
    """Give each dip (a link under DIP_KM between two border nodes, every other link at both in
    one other country) that country, its two border nodes made ordinary; return the new edge
    countries and border flags and the number of dips."""
    km = lengths_km(_lines(xy, [p for p, _ in links]))
    at: dict[int, list[int]] = {}
    for k, (path, _) in enumerate(links):
        for v in (path[0], path[-1]):
            at.setdefault(v, []).append(k)
    edge_of = {(int(i), int(j)): k for k, (i, j) in enumerate(np.sort(edges, axis=1).tolist())}
    country, border = country.copy(), border.copy()
    dips = 0
    for k, (path, c) in enumerate(links):
        a, b = path[0], path[-1]
        if a == b or km[k] >= DIP_KM or not (border[a] and border[b]):
            continue
        other = {links[j][1] for v in (a, b) for j in at[v] if j != k}
        if len(other) == 1 and c not in other and all(len(at[v]) > 1 for v in (a, b)):
            (to,) = other
            for i, j in zip(path[:-1], path[1:], strict=True):
                country[edge_of[(min(i, j), max(i, j))]] = to
            border[a] = border[b] = False
            dips += 1
    print(f"dips: {dips} links under {DIP_KM:g} km given to the country around them")
    return country, border, dips


def _lines(xy: np.ndarray, paths: list[list[int]]) -> np.ndarray:
    """LineStrings through the given node paths."""
    index = np.repeat(np.arange(len(paths)), [len(p) for p in paths])
    return shapely.linestrings(xy[np.concatenate(paths)], indices=index)


def merge_junctions(
    xy: np.ndarray,
    edges: np.ndarray,
    country: np.ndarray,
    border: np.ndarray,
    links: list[tuple[list[int], int]],
) -> tuple[np.ndarray, np.ndarray]:
    """Merge the two ends of every link shorter than JUNCTION_KM into one node (no border node).

    Such links are the throats and triangles of junctions, at the resolution of the upstream
    coordinates (0.001°, about 100 m). Each cluster becomes its lowest-numbered node; two
    clusters merge only while those nodes are under JUNCTION_KM apart.
    """
    km = lengths_km(_lines(xy, [p for p, _ in links]))
    parent = np.arange(len(xy))

    def root(v: int) -> int:
        while parent[v] != v:
            parent[v] = parent[parent[v]]
            v = int(parent[v])
        return v

    for (path, _), length in zip(links, km.tolist(), strict=True):
        a, b = path[0], path[-1]
        if length < JUNCTION_KM and a != b and not border[a] and not border[b]:
            ra, rb = root(a), root(b)
            near = distance_km(xy[ra, 0], xy[ra, 1], xy[rb, 0], xy[rb, 1]) < JUNCTION_KM
            if ra != rb and near:  # clusters stay within about twice JUNCTION_KM
                parent[max(ra, rb)] = min(ra, rb)
    rep = np.array([root(v) for v in range(len(xy))])
    moved = distance_km(xy[:, 0], xy[:, 1], xy[rep, 0], xy[rep, 1])
    print(
        f"junctions: {int((rep != np.arange(len(xy))).sum())} nodes merged, farthest {moved.max():.2f} km away"
    )
    new = np.sort(rep[edges], axis=1)
    keep = new[:, 0] != new[:, 1]
    new, country = new[keep], country[keep]
    _, first = np.unique(new, axis=0, return_index=True)
    first.sort()
    return new[first], country[first]


def _pin_ends(full: np.ndarray, drawn: np.ndarray) -> np.ndarray:
    """The drawn lines with their first and last vertices replaced by the full lines'."""
    xy, part = shapely.get_coordinates(drawn, return_index=True)
    first = np.r_[0, np.nonzero(np.diff(part))[0] + 1]
    last = np.r_[first[1:] - 1, len(part) - 1]
    ends, end_part = shapely.get_coordinates(full, return_index=True)
    start = np.r_[0, np.nonzero(np.diff(end_part))[0] + 1]
    stop = np.r_[start[1:] - 1, len(end_part) - 1]
    xy[first], xy[last] = ends[start], ends[stop]
    return shapely.linestrings(xy, indices=part)


def simplify(lines: np.ndarray) -> np.ndarray:
    """Douglas-Peucker in the conic at SIMPLIFY_M, halved per line until within MAX_LENGTH_LOSS."""

    def fwd(c: np.ndarray) -> np.ndarray:
        return np.column_stack(LCC.transform(c[:, 0], c[:, 1]))

    def inv(c: np.ndarray) -> np.ndarray:
        return np.round(np.column_stack(LCC.transform(c[:, 0], c[:, 1], direction="INVERSE")), 5)

    full = lengths_km(lines)
    projected = shapely.transform(lines, fwd)
    out = lines.copy()
    todo = np.arange(len(lines))
    tol = SIMPLIFY_M
    while len(todo) and tol >= 1.0:
        cand = shapely.transform(shapely.simplify(projected[todo], tol, preserve_topology=False), inv)
        cand = _pin_ends(lines[todo], cand)  # ends exactly on the nodes
        ok = np.abs(lengths_km(cand) - full[todo]) <= MAX_LENGTH_LOSS * full[todo]
        out[todo[ok]] = cand[ok]
        todo, tol = todo[~ok], tol / 2
    print(f"simplified at {SIMPLIFY_M:g} m (halved for some); {len(todo)} links kept unsimplified")
    return out


def write(table: pa.Table, meta: dict[str, object], bbox: list[float], out: Path) -> None:
    geo = {
        "version": "1.1.0",
        "primary_column": "geometry",
        "columns": {"geometry": {"encoding": "WKB", "geometry_types": ["LineString"], "bbox": bbox}},
    }
    table = table.replace_schema_metadata(
        {"geo": json.dumps(geo), "corridormap": json.dumps(meta, ensure_ascii=False, sort_keys=True)}
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, out, compression="zstd", compression_level=9, row_group_size=1 << 20)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wheel", help="read scgraph_data from this wheel instead of the installed package")
    ap.add_argument("--countries-from", type=Path, help="Natural Earth ne_50m_admin_0_countries GeoJSON")
    ap.add_argument(
        "--out", type=Path, default=OUT, help="output file (default: geodata/backbone/rail.parquet)"
    )
    args = ap.parse_args()
    if args.countries_from:
        prepare_countries(args.countries_from)
    codes, keep, polys = load_countries()
    xy, edges, track, sha = load_network(args.wheel)
    upstream_nodes = len(xy)
    print(f"{NETWORK}: {len(xy)} nodes, {len(edges)} edges")
    edges, joins = join_gaps(xy, edges, track)
    where = node_countries(xy, polys)
    xy, edges, country, border, cut = cut_at_borders(xy, edges, where, polys, keep)
    edges, country = drop_small_components(xy, edges, country)
    links = contract(edges, country, border)
    edges, country = merge_junctions(xy, edges, country, border, links)
    links = contract(edges, country, border)
    country, border, _ = undip(xy, edges, country, border, links)
    links = contract(edges, country, border)
    used = sorted({v for path, _ in links for v in (path[0], path[-1])})
    number = {v: k for k, v in enumerate(used)}
    rows = sorted((number[p[0]], number[p[-1]], xy[p].round(5).tolist(), codes[c], p) for p, c in links)
    lines = _lines(xy, [r[4] for r in rows])
    length = np.round(track_lengths(xy, [r[4] for r in rows], track, cut, upstream_nodes), 3)
    drawn = simplify(lines)
    gauge = [GAUGE_BY_COUNTRY.get(r[3], 1435) for r in rows]
    table = pa.table(
        {
            "id": pa.array(range(len(rows)), pa.int32()),
            "from": pa.array([r[0] for r in rows], pa.int32()),
            "to": pa.array([r[1] for r in rows], pa.int32()),
            "country": pa.array([r[3] for r in rows], pa.string()).dictionary_encode(),
            "gauge_mm": pa.array(gauge, pa.int16()),
            "length_km": pa.array(length, pa.float64()),
            "geometry": pa.array(shapely.to_wkb(drawn, output_dimension=2), pa.binary()),
        }
    )
    meta = {
        "title": "Eurasian railway backbone (corridormap)",
        "credit": CREDIT,
        "licence": "ODbL-1.0",
        "source": f"scgraph_data {VERSION} {NETWORK} (generalised from OpenStreetMap), module sha256 {sha}",
        "countries": "Natural Earth 1:50m admin-0 countries (public domain), scripts/backbone/upstream",
        "script": "scripts/backbone/derive_backbone.py",
        "facts": "topology, along-track length and gauge by country only: no dates, status or capacities",
        "length_km": "along-track length: the upstream network's stated edge lengths along the link (each step's WGS84 geodesic scaled by its upstream edge's track-to-chord ratio)",
        "geometry": f"Douglas-Peucker {SIMPLIFY_M:g} m (halved until within {MAX_LENGTH_LOSS:.1%} of the full polyline's geodesic length)",
        "gauge_by_country": GAUGE_BY_COUNTRY,
        "gauge_default_mm": 1435,
        "min_component_km": MIN_COMPONENT_KM,
        "junction_km": JUNCTION_KM,
        "dip_km": DIP_KM,
        "gap_km": GAP_KM,
        "joins": joins,
    }
    write(table, meta, [round(float(b), 5) for b in shapely.total_bounds(drawn)], args.out)
    print(
        f"{args.out}: {len(rows)} links, {len(used)} nodes, "
        f"{int(border[used].sum())} border nodes, {length.sum():.0f} km, {args.out.stat().st_size / 1e6:.2f} MB"
    )


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Derive the geometry of every rail and road link from OpenStreetMap-derived networks.

Reads upstream/world_railways.json.gz and upstream/world_highways.json.gz (written by
extract_upstream.py from scgraph_data 2.0.0; (c) OpenStreetMap contributors, ODbL-1.0),
guides.json (curation: guide stations per link, links to leave as drawn) and baseline.json
(the hand-drawn lines before derivation: length, geometry_quality, coordinates; used for
the report and kept for every link that is not derived), and rewrites
geodata/rail.geojson and geodata/roads.geojson.

For each link:

* the stops are: ``from``, the intermediate points, ``to``.  The intermediate points are
  the link's ``via`` nodes, or, where guides.json lists guides for the link, that ordered
  list (an entry ``{"node": id}`` stands for a node of the dataset, e.g. a ``via``; every
  ``via`` must then appear in it; other entries are named stations with their own lon/lat
  and source);
* every stop is snapped to the nearest network node (cKDTree on unit vectors), or where no
  node is within SNAP_MAX_KM to the nearest point of an edge within SNAP_MAX_KM (shapely
  STRtree; the point splits the edge's length in proportion), inside one connected component
  of the network within reach of every stop; a stop farther than that is refused and the
  link left as it was;
* the legs between consecutive stops are shortest paths (scipy.sparse.csgraph.dijkstra
  on a CSR matrix of the network, weights = upstream edge lengths in km); out-and-back spurs
  to a stop beside the line are dropped, and the edge lengths of what is left are the
  link's along-track length (``geometry_source.network_length_km``);
* the path is simplified with Douglas-Peucker at SIMPLIFY_M metres in a Lambert conformal
  conic projection of the region (snapped stops kept as vertices), rounded to 5 decimals,
  and starts exactly at the ``from`` node and ends exactly at the ``to`` node.

It sets ``geometry_quality`` to ``traced`` and ``geometry_source`` (dataset, licence,
credit, method, guides) on each derived link and writes a per-link report to
qa_report.json.  Every other property is left untouched.  The output is deterministic.

Run from the repository root:
    python scripts/alignments/derive_alignments.py
"""

import gzip
import json
import math
import sys
from pathlib import Path

import numpy as np
import shapely
from pyproj import Geod, Transformer
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components, dijkstra
from scipy.spatial import cKDTree
from shapely import STRtree
from shapely.geometry import LineString

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
GEODATA = REPO / "geodata"
UPSTREAM = HERE / "upstream"
GEOD = Geod(ellps="WGS84")
SNAP_MAX_KM = 5.0
SHORT_KM = 30.0  # a rail connector or a road whose ends are closer than this is short ...
DETOUR_MAX = 1.5  # ... and is refused when its path is longer than this times the end-to-end distance
DETOUR_MIN_KM = 2.0  # ... and by more than this (the network lacks the direct street or siding)
GAP_KM = 3.0
TRACED_MAX_EDGE_KM = 100.0  # longest straight network edge a "traced" line may contain  # join network components whose nearest nodes are closer than this
SIMPLIFY_M = 100.0
TRACED_TOLERANCE = 0.05  # corridormap.settings.traced_length_tolerance
COMPARED_BASES = {"stated", "derived", "structure"}  # corridormap.vocab.COMPARED_LENGTH_BASES
R_EARTH_KM = 6371.0088
LCC = Transformer.from_crs(
    "EPSG:4326", "+proj=lcc +lat_1=35 +lat_2=55 +lat_0=45 +lon_0=120 +datum=WGS84 +units=m", always_xy=True
)
LAYERS = {
    "rail": {"file": "rail.geojson", "network": "world_railways", "modes": {"rail"}},
    "roads": {"file": "roads.geojson", "network": "world_highways", "modes": {"road"}},
}


def unit_xyz(lon, lat):
    lon, lat = np.radians(lon), np.radians(lat)
    return np.column_stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])


def chord_to_km(c):
    return 2 * R_EARTH_KM * np.arcsin(np.clip(np.asarray(c) / 2, 0, 1))


def km_to_chord(km):
    return 2 * math.sin(km / R_EARTH_KM / 2)


def line_km(coords):
    if len(coords) < 2:
        return 0.0
    return GEOD.line_length([c[0] for c in coords], [c[1] for c in coords]) / 1000.0


class Network:
    def __init__(self, name, joins=()):
        """``joins``: curated joins (guides.json ``joins``) between two upstream nodes, by position.

        The automatic gap joins link separate components only; a line whose end stops short of
        the junction it belongs to, while reaching the rest of the network elsewhere, stays in
        one component with the gap open.  Each curated join names its two nodes by their
        upstream [lon, lat] (3 decimals) and is added as an edge of their geodesic distance.
        """
        d = json.loads(gzip.decompress((UPSTREAM / f"{name}.json.gz").read_bytes()))
        self.meta = d["meta"]
        self.xy = np.array(d["nodes"], dtype=float)  # lon, lat
        e = np.array(d["edges"], dtype=float)
        i, j, w = e[:, 0].astype(np.int64), e[:, 1].astype(np.int64), e[:, 2]
        w = np.maximum(w, 1e-6)  # zero-length upstream edges must stay edges
        n = len(self.xy)
        self.tree = cKDTree(unit_xyz(self.xy[:, 0], self.xy[:, 1]))
        csr = csr_matrix((np.r_[w, w], (np.r_[i, j], np.r_[j, i])), shape=(n, n))
        _, label = connected_components(csr, directed=False)
        # gaps: for each pair of components, one joining edge between their closest nodes
        pairs = self.tree.query_pairs(km_to_chord(GAP_KM), output_type="ndarray")
        pairs = pairs[label[pairs[:, 0]] != label[pairs[:, 1]]]
        dist = chord_to_km(np.linalg.norm(self.tree.data[pairs[:, 0]] - self.tree.data[pairs[:, 1]], axis=1))
        best = {}
        for (a, b), km in zip(pairs.tolist(), dist.tolist()):
            key = tuple(sorted((int(label[a]), int(label[b]))))
            if key not in best or (km, a, b) < best[key]:
                best[key] = (km, a, b)
        gap = sorted(best.values(), key=lambda t: (t[1], t[2]))
        self.joins = {}
        for join in joins:
            a, b = (self.node_at(join[k]) for k in ("a", "b"))
            km = GEOD.inv(*self.xy[a], *self.xy[b])[2] / 1000
            if a == b or km > GAP_KM or float(csr[a, b]) > 0:
                raise ValueError(f"guides.json join {join}: not a gap under {GAP_KM:g} km between two nodes")
            gap.append((km, a, b))
            self.joins[(min(a, b), max(a, b))] = {
                "a": join["a"],
                "b": join["b"],
                "km": round(km, 3),
                "why": join["why"],
            }
        self.gap_edges = {(min(a, b), max(a, b)) for _, a, b in gap}
        gi = np.array([t[1] for t in gap], dtype=np.int64)
        gj = np.array([t[2] for t in gap], dtype=np.int64)
        gw = np.array([max(t[0], 1e-6) for t in gap])
        self.csr = csr_matrix((np.r_[w, w, gw, gw], (np.r_[i, j, gi, gj], np.r_[j, i, gj, gi])), shape=(n, n))
        self.csr.sum_duplicates()
        self.ncomp, self.label = connected_components(self.csr, directed=False)
        self.comp_size = np.bincount(self.label)

        # every undirected edge (gap joins included) as a segment in LCC metres, to snap onto
        up = self.csr.tocoo()
        keep = up.row < up.col
        self.eu, self.ev, self.ew = up.row[keep], up.col[keep], up.data[keep]
        self.mx, self.my = LCC.transform(self.xy[:, 0], self.xy[:, 1])
        self.seg = shapely.linestrings(
            np.stack(
                [
                    np.column_stack([self.mx[self.eu], self.my[self.eu]]),
                    np.column_stack([self.mx[self.ev], self.my[self.ev]]),
                ],
                axis=1,
            )
        )
        self.seg_tree = STRtree(self.seg)

    def node_at(self, lonlat):
        """The upstream node at exactly this [lon, lat] (3 decimals, as upstream)."""
        hit = np.nonzero(
            (np.round(self.xy[:, 0], 3) == lonlat[0]) & (np.round(self.xy[:, 1], 3) == lonlat[1])
        )[0]
        if len(hit) != 1:
            raise ValueError(f"guides.json join: {len(hit)} upstream nodes at {lonlat}")
        return int(hit[0])

    def snap(self, stops):
        """Snap (lon, lat) stops onto the network, inside one component.

        A stop goes to the nearest network node within SNAP_MAX_KM.  A stop with no node that
        near goes to the nearest point of an edge within SNAP_MAX_KM: the upstream network draws
        some lines as straight edges between sparse nodes, and a station can lie on such an edge
        far from either node.  The component is the largest one within reach of every stop.
        Returns a list of (u, v, t, lon, lat), t being the fraction of the way from node u to
        node v (u == v for a node), and the snap distances in km; raises LookupError where no
        component is within SNAP_MAX_KM of every stop.
        """
        pts = unit_xyz(np.array([s[0] for s in stops]), np.array([s[1] for s in stops]))
        near_nodes = self.tree.query_ball_point(pts, km_to_chord(SNAP_MAX_KM))
        x, y = LCC.transform([s[0] for s in stops], [s[1] for s in stops])
        planar = shapely.points(np.column_stack([x, y]))
        near_edges = [
            np.sort(self.seg_tree.query(q, predicate="dwithin", distance=SNAP_MAX_KM * 1000))
            if not c
            else None
            for q, c in zip(planar, near_nodes)
        ]
        comps = None
        for c, e in zip(near_nodes, near_edges):
            here = (
                set(self.label[np.array(c, dtype=np.int64)].tolist())
                if c
                else set(self.label[self.eu[e]].tolist())
            )
            comps = here if comps is None else comps & here
        if not comps:
            near = [round(float(self.seg[self.seg_tree.nearest(q)].distance(q)) / 1000, 1) for q in planar]
            raise LookupError(f"no component within {SNAP_MAX_KM} km of every stop; nearest edge km {near}")
        comp = max(comps, key=lambda k: (self.comp_size[k], -k))
        out, dist = [], []
        for (lon, lat), p, q, c, e in zip(stops, pts, planar, near_nodes, near_edges):
            if c:
                c = np.array(sorted(c), dtype=np.int64)
                c = c[self.label[c] == comp]
                k = int(c[int(np.argmin(np.linalg.norm(self.tree.data[c] - p, axis=1)))])
                out.append((k, k, 0.0, float(self.xy[k, 0]), float(self.xy[k, 1])))
                dist.append(round(float(chord_to_km(np.linalg.norm(self.tree.data[k] - p))), 3))
                continue
            e = e[self.label[self.eu[e]] == comp]
            k = int(e[int(np.argmin(shapely.distance(self.seg[e], q)))])  # ties: the lowest edge index
            along = float(shapely.line_locate_point(self.seg[k], q))
            t = along / max(float(self.seg[k].length), 1e-9)
            on = shapely.line_interpolate_point(self.seg[k], along)
            slon, slat = (float(a) for a in LCC.transform(on.x, on.y, direction="INVERSE"))
            out.append((int(self.eu[k]), int(self.ev[k]), t, slon, slat))
            dist.append(round(GEOD.inv(lon, lat, slon, slat)[2] / 1000, 3))
        return out, dist

    def with_stops(self, snapped):
        """The network with a node added at every stop that lies between an edge's ends.

        Returns (csr, xy, index of each stop's node, {added node: the edge it splits}).  The
        stops on one edge are chained in order along it, so a path between two of them stays on
        the edge; the split parts take the edge's length in proportion.
        """
        n = len(self.xy)
        idx, extra, on_edge, split, added = [], {}, {}, {}, []
        for u, v, t, lon, lat in snapped:
            if u == v:
                idx.append(u)
                continue
            key = (u, v, t)
            if key not in extra:
                extra[key] = n + len(extra)
                on_edge.setdefault((u, v), []).append((t, extra[key]))
                split[extra[key]] = (u, v)
                added.append([lon, lat])
            idx.append(extra[key])
        if not extra:
            return self.csr, self.xy, idx, split
        ri, ci, wi = [], [], []
        for (u, v), pts in on_edge.items():
            w = float(self.csr[u, v])
            chain = [(0.0, u)] + sorted(pts) + [(1.0, v)]
            for (ta, a), (tb, b) in zip(chain[:-1], chain[1:]):
                ri.append(a)
                ci.append(b)
                wi.append(max((tb - ta) * w, 1e-6))
        m = n + len(extra)
        base = self.csr.tocoo()
        csr = csr_matrix(
            (np.r_[base.data, wi, wi], (np.r_[base.row, ri, ci], np.r_[base.col, ci, ri])), shape=(m, m)
        )
        csr.sum_duplicates()
        xy = np.vstack([self.xy, np.array(added, dtype=float)])
        return csr, xy, idx, split

    @staticmethod
    def path(csr, a, b):
        dist, pred = dijkstra(csr, directed=False, indices=a, return_predecessors=True)
        if not np.isfinite(dist[b]):
            raise LookupError("no path")
        out = [b]
        while out[-1] != a:
            out.append(int(pred[out[-1]]))
        out.reverse()
        return out, float(dist[b])


def simplify(coords, keep):
    """Douglas-Peucker in LCC metres, piecewise between kept vertex indices."""
    x, y = LCC.transform([c[0] for c in coords], [c[1] for c in coords])
    out = []
    cuts = sorted(set([0, len(coords) - 1] + keep))
    for s, e in zip(cuts[:-1], cuts[1:]):
        if e - s < 2:
            piece = [coords[s], coords[e]]
        else:
            ls = LineString(list(zip(x[s : e + 1], y[s : e + 1]))).simplify(
                SIMPLIFY_M, preserve_topology=False
            )
            lon, lat = LCC.transform(*ls.xy, direction="INVERSE")
            piece = [[float(a), float(b)] for a, b in zip(lon, lat)]
        out.extend(piece if not out else piece[1:])
    return out


def round_dedup(coords):
    out = []
    for c in coords:
        r = [round(c[0], 5), round(c[1], 5)]
        if not out or r != out[-1]:
            out.append(r)
    return out


def load_nodes():
    nodes = {}
    for layer in ("places", "ports", "border_crossings"):
        for f in json.loads((GEODATA / f"{layer}.geojson").read_text(encoding="utf-8"))["features"]:
            nodes[f["properties"]["id"]] = {
                "name": f["properties"]["name"],
                "xy": f["geometry"]["coordinates"],
            }
    return nodes


def stops_for(props, guides, nodes):
    """Ordered stops [(name, lon, lat, kind)] of a link."""
    seq = [(props["from"], *nodes[props["from"]]["xy"], "from")]
    vias = props.get("via", [])
    g = guides.get(props["id"])
    if g is None:
        seq += [(v, *nodes[v]["xy"], "via") for v in vias]
    else:
        named = [e["node"] for e in g if "node" in e]
        missing = [v for v in vias if v not in named]
        if missing:
            raise ValueError(f"{props['id']}: guides.json omits via {missing}")
        for e in g:
            if "node" in e:
                seq.append((e["node"], *nodes[e["node"]]["xy"], "via" if e["node"] in vias else "node"))
            else:
                seq.append((e["name"], e["lon"], e["lat"], "guide"))
    seq.append((props["to"], *nodes[props["to"]]["xy"], "to"))
    return seq


def drop_backtracks(path, keep):
    """Remove every out-and-back spur from a path (a stop snapped to a node off the through line).

    Where the path runs a -> b -> a it turns back at b: a train passes a stop that lies beside
    the line (a border crossing point, a town), it does not run out to it and back.  Returns the
    path without the spurs and the positions of the kept stop vertices that remain on it.
    """
    out, kept = [], []
    marks = set(keep)
    for pos, node in enumerate(path):
        if len(out) >= 2 and out[-2] == node:
            out.pop()
            kept = [k for k in kept if k < len(out)]
            if pos in marks and (not kept or kept[-1] != len(out) - 1):
                kept.append(len(out) - 1)
            continue
        out.append(node)
        if pos in marks:
            kept.append(len(out) - 1)
    return out, kept


def derive(props, net, guides, nodes):
    stops = stops_for(props, guides, nodes)
    snapped, snap_km = net.snap([(s[1], s[2]) for s in stops])
    csr, xy, idx, split = net.with_stops(snapped)
    path, keep, net_km, max_edge = [idx[0]], [0], 0.0, 0.0
    for a, b in zip(idx[:-1], idx[1:]):
        if a != b:
            leg, km = net.path(csr, a, b)
            path.extend(leg[1:])
        keep.append(len(path) - 1)
    path, keep = drop_backtracks(path, keep)
    net_km = sum(float(csr[a, b]) for a, b in zip(path[:-1], path[1:]))
    raw = [[float(xy[k, 0]), float(xy[k, 1])] for k in path]
    raw = [list(map(float, stops[0][1:3]))] + raw + [list(map(float, stops[-1][1:3]))]
    keep = [k + 1 for k in keep]
    gaps, joins = 0, []
    for a, b in zip(path[:-1], path[1:]):
        # an added stop node only joins the parts of the edge it splits, so a step that touches
        # one is part of that upstream edge (whose straight line is one edge)
        edge = split.get(a) or split.get(b) or (min(a, b), max(a, b))
        max_edge = max(max_edge, float(net.csr[edge[0], edge[1]]))
        gaps += edge in net.gap_edges
        if edge in net.joins and net.joins[edge] not in joins:
            joins.append(net.joins[edge])
    simple = round_dedup(simplify(raw, keep))
    direct = line_km([raw[0], raw[-1]])
    short = direct < SHORT_KM and (props["mode"] == "road" or props.get("kind") == "connector")
    if short and line_km(simple) > max(DETOUR_MAX * direct, direct + DETOUR_MIN_KM):
        raise LookupError(
            f"short connector: the path measures {line_km(simple):.1f} km for {direct:.1f} km end to end "
            "(the network lacks the direct street or siding)"
        )
    return stops, snap_km, raw, simple, round(net_km, 1), round(max_edge, 1), gaps, joins


def offset_km(drawn, line):
    """Largest distance (km, LCC) from a vertex of the hand-drawn line to the derived line."""
    x, y = LCC.transform([c[0] for c in line], [c[1] for c in line])
    ls = LineString(list(zip(x, y)))
    dx, dy = LCC.transform([c[0] for c in drawn], [c[1] for c in drawn])
    from shapely.geometry import Point

    d = [ls.distance(Point(a, b)) for a, b in zip(dx, dy)]
    k = int(np.argmax(d))
    return round(d[k] / 1000, 1), [round(drawn[k][0], 3), round(drawn[k][1], 3)]


GAP_SOURCE = "scgraph-data-2-0-0"
GEOMETRY_SOURCES = [GAP_SOURCE, "openstreetmap-copyright"]  # cited by every derived link


def set_gap_claim(props, note, net_km, line_km_, off):
    """Record, as a claim, what the network says a link measures where guides.json explains a gap.

    ``off`` lists the stated lengths (values in their own unit) more than TRACED_TOLERANCE from
    the along-track length: the claim ``explains`` those records and no other.  Replaces the claim
    this script wrote before (field "lengths", source GAP_SOURCE), so reruns give the same file;
    other claims are left alone.
    """
    claims = [
        c
        for c in props.get("claims", [])
        if not (c.get("field") == "lengths" and c.get("sources") == [GAP_SOURCE])
    ]
    if note and off:
        claims.append(
            {
                "field": "lengths",
                "value": net_km,
                "explains": off,
                "sources": [GAP_SOURCE],
                "note": f"Sum of the OpenStreetMap-derived network's edge lengths along the traced path: {net_km:g} km; "
                f"the traced geometry measures {line_km_:.1f} km. {note}",
            }
        )
    if claims:
        props["claims"] = claims
    else:
        props.pop("claims", None)


def off_lengths(props, km):
    """The stated lengths of a link (values in their own unit) more than TRACED_TOLERANCE from ``km``."""
    return [
        rec["value"]
        for rec in props.get("lengths", [])
        if rec.get("unit") == "km"
        and rec.get("basis", "stated") in COMPARED_BASES
        and abs(km - rec["value"]) > TRACED_TOLERANCE * rec["value"]
    ]


def restore(feature, base, quality=None):
    """A link not derived keeps its hand-drawn geometry and quality (baseline.json).

    ``quality`` (from guides.json ``drawn_quality``) overrides the hand-drawn line's quality
    where it claimed more than it holds.
    """
    feature["geometry"] = {"type": "LineString", "coordinates": base["coordinates"]}
    feature["properties"]["geometry_quality"] = quality or base["geometry_quality"]
    feature["properties"].pop("geometry_source", None)
    feature["properties"]["sources"] = [
        s for s in feature["properties"]["sources"] if s not in GEOMETRY_SOURCES
    ]
    set_gap_claim(feature["properties"], None, 0.0, 0.0, [])


def published(pub, km):
    """The published lengths of a link with the ratio of its line's length to each."""
    return [
        {"value": v, "basis": b, "sources": s, "ratio": round(km / v, 3) if v else None} for v, b, s in pub
    ]


def write_layer(path, feats):
    body = ",\n".join(json.dumps(f, ensure_ascii=False) for f in feats)
    path.write_text('{"type": "FeatureCollection", "features": [\n' + body + "\n]}\n", encoding="utf-8")


def main():
    cur = json.loads((HERE / "guides.json").read_text(encoding="utf-8"))
    guides, leave, gap_notes = cur["guides"], cur["leave_as_drawn"], cur.get("gap_notes", {})
    drawn_quality = {k: v["quality"] for k, v in cur.get("drawn_quality", {}).items()}
    derived_quality = cur.get("derived_quality", {})
    baseline = json.loads((HERE / "baseline.json").read_text(encoding="utf-8"))
    nodes = load_nodes()
    report, problems = {}, []
    for layer, cfg in LAYERS.items():
        net = Network(cfg["network"], cur.get("joins", {}).get(cfg["network"], []))
        dataset = f"scgraph_data {cfg['network']} {net.meta['version']} (OpenStreetMap)"
        fc = json.loads((GEODATA / cfg["file"]).read_text(encoding="utf-8"))
        for f in fc["features"]:
            p = f["properties"]
            fid = p["id"]
            before = baseline[fid]["length_km"]
            rec = {"layer": layer, "length_before_km": before}
            pub = [
                (l["value"], l.get("basis"), l.get("sources", []))
                for l in p.get("lengths", [])
                if l.get("unit") == "km"
            ]
            if fid in leave or p.get("mode") not in cfg["modes"]:
                restore(f, baseline[fid], drawn_quality.get(fid))
                rec["derived"] = False
                rec["reason"] = leave.get(fid, f"mode {p.get('mode')}: not on the {cfg['network']} network")
                rec["length_km"] = round(line_km(f["geometry"]["coordinates"]), 1)
                rec["geometry_quality"] = p.get("geometry_quality")
            else:
                try:
                    stops, snap_km, raw, simple, net_km, max_edge, gaps, joins = derive(p, net, guides, nodes)
                except LookupError as e:
                    restore(f, baseline[fid], drawn_quality.get(fid))
                    problems.append(f"{fid}: {e}")
                    rec["derived"] = False
                    rec["reason"] = f"refused: {e}"
                    rec["length_km"] = round(line_km(f["geometry"]["coordinates"]), 1)
                    rec["geometry_quality"] = p.get("geometry_quality")
                    rec["published"] = published(pub, rec["length_km"])
                    report[fid] = rec
                    print(f"{fid:50s} REFUSED {e}")
                    continue
                f["geometry"] = {"type": "LineString", "coordinates": simple}
                # traced: every vertex on the real route, at most ~100 km apart (geodata/README.md);
                # a longer straight network edge is a generalisation, not a trace
                p["geometry_quality"] = "traced" if max_edge <= TRACED_MAX_EDGE_KM else "approximate"
                lower = derived_quality.get(fid)
                if lower:
                    p["geometry_quality"] = lower["quality"]
                used = [
                    {k: e[k] for k in ("name", "lon", "lat", "source")}
                    for e in guides.get(fid, [])
                    if "node" not in e
                ]
                p["geometry_source"] = {
                    "dataset": dataset,
                    "licence": "ODbL-1.0",
                    "credit": "© OpenStreetMap contributors",
                    "method": (
                        "shortest path on the network through the link's stops (from, "
                        + ("guide stations and nodes in guides.json" if fid in guides else "via nodes")
                        + f", to), snapped within {SNAP_MAX_KM:g} km; Douglas-Peucker {SIMPLIFY_M:g} m; "
                        "scripts/alignments/derive_alignments.py"
                    ),
                    "guides": used,
                    "sources": GEOMETRY_SOURCES,
                }
                if joins:  # curated joins (guides.json) the path crosses
                    p["geometry_source"]["network_joins"] = joins
                if net_km > 0:  # 0 where both ends snap to one node: the network does not measure it
                    p["geometry_source"]["network_length_km"] = net_km
                if lower:
                    p["geometry_source"]["quality_note"] = lower["why"]
                p["sources"] = p["sources"] + [s for s in GEOMETRY_SOURCES if s not in p["sources"]]
                L_raw, L_simple = line_km(raw), line_km(simple)
                rec.update(
                    derived=True,
                    stops=[s[0] for s in stops],
                    snap_km=snap_km,
                    vertices_raw=len(raw),
                    vertices=len(simple),
                    network_km=net_km,
                    length_derived_km=round(L_raw, 1),
                    length_km=round(L_simple, 1),
                    length_lost_km=round(L_raw - L_simple, 2),
                    longest_network_edge_km=max_edge,
                    gap_joins=gaps,
                    max_offset_from_drawn_km=offset_km(baseline[fid]["coordinates"], simple),
                    max_vertex_spacing_km=round(
                        max(line_km([a, b]) for a, b in zip(simple[:-1], simple[1:])), 1
                    ),
                )
                if joins:
                    rec["curated_joins"] = joins
                off = off_lengths(p, net_km)
                set_gap_claim(p, gap_notes.get(fid), net_km, L_simple, off)
                if fid in gap_notes and not off:
                    problems.append(f"{fid}: gap note not needed (every stated length within the tolerance)")
                if off and fid not in gap_notes:
                    problems.append(f"{fid}: stated {off} km off the along-track {net_km:g} km, no gap note")
                if max(snap_km) > 2.0:
                    problems.append(f"{fid}: snap up to {max(snap_km)} km")
            rec["published"] = published(pub, rec["length_km"])
            report[fid] = rec
            ratios = " ".join(f"{x['value']}:{x['ratio']}" for x in rec["published"])
            extra = (
                f"off {rec['max_offset_from_drawn_km']} edge {rec['longest_network_edge_km']} gaps {rec['gap_joins']}"
                if rec["derived"]
                else ""
            )
            print(
                f"{fid:45s} {'T' if rec['derived'] else '-'} {before:7.1f} -> {rec['length_km']:7.1f} {ratios:28s} {extra}"
            )
        write_layer(GEODATA / cfg["file"], fc["features"])
    report = {"problems": problems, "links": report}
    (HERE / "qa_report.json").write_text(
        json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    for pr in problems:
        print("PROBLEM", pr, file=sys.stderr)


if __name__ == "__main__":
    main()

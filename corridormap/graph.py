"""The transport graph: the dataset's links as a networkx MultiDiGraph keyed by feature ids.

Nodes are the point features (places, ports, border crossings) by id. Every link is split at the
nodes it passes (``via``) and becomes one edge per segment, in both directions for two-way modes
and in the flow direction for pipelines; a bridge that carries rail and road becomes one edge per
mode. Edge keys are the feature id (``rail-ussuriysk-grodekovo``), with ``:<segment>`` when the
link is split and ``:<mode>`` when a bridge carries several modes. Lengths are geodesic on WGS84;
travel times come from ``parameters.json`` (which a caller may override).

Each feature's own attributes are kept once, in a feature table (:func:`features`), with the
index of its edges in drawn order (:func:`feature_edges`); queries read a feature's status,
dates, months and capacities there. :func:`corridormap.cache.network` builds the graph once per
dataset and caches it.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import networkx as nx

from ._errors import CorridorMapError
from .state import Scenario, Window, edge_window, usable
from .units import convert
from .vocab import LINK_LAYERS, NODE_LAYERS, PARAMETER_UNITS

if TYPE_CHECKING:
    from .backbone import Backbone
    from .dataset import Dataset

__all__ = [
    "GRAPH_FORMAT",
    "build_graph",
    "feature",
    "feature_edges",
    "feature_geometry",
    "features",
    "join_backbone",
    "travel_parameters",
    "usable_edge",
]

#: Bumped whenever the graph's structure changes, so old cache files are not reused.
GRAPH_FORMAT = 9

_NODE_FIELDS = (
    "name",
    "name_ru",
    "name_zh",
    "aliases",
    "kind",
    "status",
    "opened",
    "expected",
    "closed",
    "countries",
    "capacities",
)
_EDGE_FIELDS = (
    "name",
    "kind",
    "status",
    "opened",
    "expected",
    "closed",
    "open_months",
    "arctic",
    "gauge_mm",
    "commodity",
    "capacities",
    "countries",
    "passage",
    "traffic",
)


def travel_parameters(
    parameters: dict[str, Any], overrides: dict[str, float] | None = None
) -> dict[str, float]:
    """Return the travel-time parameters as plain numbers in km/h and hours.

    Parameters
    ----------
    parameters
        The dataset's ``parameters`` (name to record with ``value`` and ``unit``).
    overrides
        Values that replace the dataset's, in the units of ``PARAMETER_UNITS`` (km/h, h), e.g.
        ``{"speed.rail": 50}``.

    Returns
    -------
    dict
        Parameter name to value.

    Raises
    ------
    CorridorMapError
        If a parameter the graph needs is missing, or an override names an unknown parameter.
    """
    values: dict[str, float] = {}
    for name, unit in PARAMETER_UNITS.items():
        record = parameters.get(name)
        if record is None:
            raise CorridorMapError(
                f"parameters.json lacks {name!r}: add it with a value, unit, basis and sources"
            )
        values[name] = convert(float(record["value"]), record["unit"], unit)
    for name, value in (overrides or {}).items():
        if name not in PARAMETER_UNITS:
            raise CorridorMapError(f"unknown parameter {name!r}: use one of {', '.join(PARAMETER_UNITS)}")
        values[name] = float(value)
    return values


def _split(geometry: Any, points: list[tuple[float, float]]) -> list[Any]:
    """Split a line at the points nearest to the given coordinates, in order."""
    if not points:
        return [geometry]
    from shapely import Point
    from shapely.ops import substring

    if geometry.geom_type != "LineString":
        raise CorridorMapError(
            "a line cut at the antimeridian cannot pass 'via' nodes; split it into two links"
        )
    cuts = [0.0]
    for lon, lat in points:
        cuts.append(max(cuts[-1], geometry.project(Point(lon, lat))))
    cuts.append(geometry.length)
    return [substring(geometry, a, b) for a, b in itertools.pairwise(cuts)]


def _segment_time(mode: str, length_km: float, arctic: bool, p: dict[str, float]) -> float:
    if mode == "rail":
        return length_km / p["speed.rail"]
    if mode == "road":
        return length_km / p["speed.road"]
    if mode == "sea":
        return length_km / (p["speed.sea_arctic"] if arctic else p["speed.sea"])
    if mode in ("ferry", "pontoon", "ropeway"):
        return p[f"time.{mode}_crossing"]
    return float("nan")  # pipelines move commodities, not journeys


def build_graph(
    ds: Dataset, parameters: dict[str, float] | None = None, backbone: bool = True
) -> nx.MultiDiGraph:
    """Assemble the transport graph of a loaded dataset.

    Parameters
    ----------
    ds
        A dataset from :func:`corridormap.load`.
    parameters
        Overrides of travel-time parameters (km/h and hours), e.g. ``{"speed.rail": 50}``.
    backbone
        Join the dataset's railway backbone (``backbone/rail.parquet``, which the shipped
        dataset has) beneath the curated links (see :func:`join_backbone`); ``False`` builds
        the curated network alone.

    Returns
    -------
    networkx.MultiDiGraph
        Nodes by feature id with their attributes (``layer``, ``lon``, ``lat``, names, ``kind``,
        dates, ``capacities``); edges with ``feature``, ``layer``, ``mode``, ``length_km`` (the
        geodesic length of the drawn segment, or for a link derived from an upstream network
        its share of the network's along-track length), ``drawn_km``,
        ``time_h``, ``geometry`` (a shapely line in the edge's own direction is obtained by
        reversing it when ``reverse`` is true), ``window`` (a :class:`Window`: when the edge can
        be used), ``tier`` (``curated``, or ``backbone`` for the backbone's links and connectors)
        and the link's attributes. ``G.graph`` holds the travel parameters used.

    Examples
    --------
    >>> import corridormap
    >>> G = corridormap.build_graph(corridormap.load())
    >>> G.nodes["bc-grodekovo-suifenhe"]["layer"], sorted(G["grodekovo"]["bc-grodekovo-suifenhe"])
    ('border_crossings', ['rail-grodekovo-suifenhe:0'])
    """
    import shapely

    from .geodesy import lengths_km

    params = travel_parameters(ds.parameters, parameters)
    G = nx.MultiDiGraph(crs="EPSG:4326", data=str(ds.path), parameters=params, format=GRAPH_FORMAT)
    for layer in NODE_LAYERS:
        for feature in ds.features(layer):
            props = feature["properties"]
            lon, lat = feature["geometry"]["coordinates"][:2]
            attrs = {k: props[k] for k in _NODE_FIELDS if k in props}
            G.add_node(props["id"], layer=layer, lon=float(lon), lat=float(lat), **attrs)
    pending: list[tuple[str, str, str, dict[str, Any], Any, bool]] = []
    for layer in LINK_LAYERS:
        for feature in ds.features(layer):
            props = feature["properties"]
            stops = [props["from"], *props.get("via", []), props["to"]]
            geometry = shapely.geometry.shape(feature["geometry"])
            via_xy = [(G.nodes[n]["lon"], G.nodes[n]["lat"]) for n in props.get("via", [])]
            segments = _split(geometry, via_xy)
            modes = props.get("modes") or [props["mode"]]
            attrs = {k: props[k] for k in _EDGE_FIELDS if k in props}
            for mode in modes:
                for i, segment in enumerate(segments):
                    key = props["id"]
                    if len(modes) > 1:
                        key += f":{mode}"
                    if len(segments) > 1:
                        key += f":{i}"
                    data = {
                        "feature": props["id"],
                        "layer": layer,
                        "mode": mode,
                        "segment": i,
                        "tier": "curated",
                        **attrs,
                    }
                    pending.append((stops[i], stops[i + 1], key, data, segment, bool(props.get("directed"))))
    lengths = lengths_km([item[4] for item in pending])
    link_km: dict[tuple[str, str], float] = {}
    for (_, _, _, data, _, _), km in zip(pending, lengths, strict=True):
        link_km[data["feature"], data["mode"]] = link_km.get((data["feature"], data["mode"]), 0.0) + float(km)
    along = _along_track(ds)
    for (u, v, key, data, segment, directed), km in zip(pending, lengths, strict=True):
        drawn = link_km[data["feature"], data["mode"]]
        factor = along[data["feature"]] / drawn if data["feature"] in along and drawn > 0 else 1.0
        data["length_km"] = float(km) * factor
        data["drawn_km"] = float(km)
        # time runs along the track (the length), not along the drawn line, which cuts its curves
        data["time_h"] = _segment_time(data["mode"], data["length_km"], bool(data.get("arctic")), params)
        if data["mode"] in ("ferry", "pontoon", "ropeway"):  # a fixed crossing time, shared by the segments
            total = link_km[data["feature"], data["mode"]]
            data["time_h"] *= float(km) / total if total > 0 else 1.0
        data["window"] = edge_window(data, (G.nodes[u], G.nodes[v]))
        G.add_edge(u, v, key=key, geometry=segment, reverse=False, **data)
        if not directed:
            G.add_edge(v, u, key=key, geometry=segment, reverse=True, **data)
    if backbone:
        from .backbone import load_backbone

        bb = load_backbone(ds.path)
        if bb is not None:
            join_backbone(G, bb)
    return G


def join_backbone(G: nx.MultiDiGraph, bb: Backbone) -> None:
    """Add the railway backbone to a curated transport graph, the curated links first.

    - A backbone link that runs within ``settings.backbone_duplicate_km`` of a curated rail line
      for at least ``settings.backbone_duplicate_share`` of its length is left out, and so is
      one that runs between the same two stations as a curated line, wholly within
      ``settings.backbone_parallel_km`` of it (:func:`corridormap.backbone.parallel_links`),
      and
      every link at a backbone border point within ``settings.backbone_connector_km`` of a
      curated rail border crossing: the curated link or crossing stands for it, with its facts.
    - The rest become edges ``bb-link-<id>`` (both ways, named by country and gauge) between
      nodes ``bb-<n>``: ``layer`` and
      ``tier`` ``backbone``, mode rail, ``gauge_mm`` ``[g]``, ``countries``, ``length_km``, time at
      ``speed.rail``, an always-open window and no capacities (flows treat them as links with
      no figure).
    - Connectors join the tiers (:func:`_connectors`).

    Parameters
    ----------
    G
        A transport graph built from curated links only; changed in place.
    bb
        The backbone from :func:`corridormap.backbone.load_backbone`.
    """
    import numpy as np

    from . import settings
    from .backbone import duplicated_links, link_name, parallel_links
    from .geodesy import distance_km, lengths_km

    curated = [d["geometry"] for _, _, d in G.edges(data=True) if d["mode"] == "rail" and not d["reverse"]]
    drop = duplicated_links(
        bb.geometry, curated, settings.backbone_duplicate_km, settings.backbone_duplicate_share
    )
    drop |= parallel_links(
        bb.geometry, curated, settings.backbone_parallel_km, settings.backbone_connector_km
    )
    countries: dict[int, set[str]] = {}
    for ends in (bb.orig, bb.dest):
        for n, c in zip(ends.tolist(), bb.country, strict=True):
            countries.setdefault(n, set()).add(str(c))
    border = np.array(sorted(n for n, cs in countries.items() if len(cs) > 1), dtype=np.int64)
    crossings = [n for n in _rail_nodes(G) if G.nodes[n].get("layer") == "border_crossings"]
    for n in crossings:
        lon, lat = G.nodes[n]["lon"], G.nodes[n]["lat"]
        here = np.full(len(border), lon), np.full(len(border), lat)
        km = distance_km(*here, bb.node_xy[border, 0], bb.node_xy[border, 1])
        near = border[km <= settings.backbone_connector_km]
        drop |= np.isin(bb.orig, near) | np.isin(bb.dest, near)
    keep = np.nonzero(~drop)[0]
    speed = G.graph["parameters"]["speed.rail"]
    drawn = lengths_km(bb.geometry[keep])
    # a node lies in the countries of the links the graph keeps at it (a border point whose
    # link on one side stands dropped for a curated line is no longer in that country)
    countries = {}
    for ends in (bb.orig[keep], bb.dest[keep]):
        for n, c in zip(ends.tolist(), bb.country[keep], strict=True):
            countries.setdefault(n, set()).add(str(c))
    for n in sorted(set(bb.orig[keep].tolist()) | set(bb.dest[keep].tolist())):
        lon, lat = bb.node_xy[n]
        G.add_node(
            f"bb-{n}", layer="backbone", lon=float(lon), lat=float(lat), countries=sorted(countries[n])
        )
    cuts, attached = _attachments(G, bb, keep)
    open_always = Window()
    ids, orig, dest = bb.link_id[keep].tolist(), bb.orig[keep].tolist(), bb.dest[keep].tolist()
    gauge, country, along = bb.gauge_mm[keep].tolist(), bb.country[keep].tolist(), bb.length_km[keep].tolist()
    edges = []
    for i, km in enumerate(drawn.tolist()):
        fid = f"bb-link-{ids[i]}"
        data = {
            "feature": fid,
            "name": link_name(country[i], gauge[i]),
            "layer": "backbone",
            "tier": "backbone",
            "mode": "rail",
            "gauge_mm": [gauge[i]],
            "countries": [country[i]],
            "window": open_always,
        }
        stops = [f"bb-{orig[i]}", *(node for _, node in cuts.get(i, [])), f"bb-{dest[i]}"]
        parts = _split(bb.geometry[keep[i]], [(G.nodes[n]["lon"], G.nodes[n]["lat"]) for n in stops[1:-1]])
        part_km = lengths_km(parts) if len(parts) > 1 else np.array([km])
        for k, (u, v, part) in enumerate(zip(stops[:-1], stops[1:], parts, strict=True)):
            share = float(part_km[k]) / km if km > 0 else 1.0 / len(parts)
            key = fid if len(parts) == 1 else f"{fid}:{k}"
            seg = {
                **data,
                "segment": k,
                "length_km": along[i] * share,
                "drawn_km": float(part_km[k]),
                "time_h": along[i] * share / speed,
                "geometry": part,
            }
            edges.append((u, v, key, {**seg, "reverse": False}))
            edges.append((v, u, key, {**seg, "reverse": True}))
    G.add_edges_from(edges)
    dropped_at: dict[int, set[str]] = {}
    for ends in (bb.orig[drop], bb.dest[drop]):
        for n, c in zip(ends.tolist(), bb.country[drop], strict=True):
            dropped_at.setdefault(n, set()).add(str(c))
    _connectors(G, bb, keep, dropped_at, speed, attached)
    G.graph["backbone"] = {**bb.meta, "links": len(keep), "dropped_as_curated": int(drop.sum())}


def _off_curated(G: nx.MultiDiGraph) -> list[str]:
    """Return the places and seaports off the curated rail network, in a fixed order.

    A place (not a waypoint) joins the backbone within ``settings.backbone_place_connector_km``;
    a seaport within ``settings.backbone_connector_km`` (a port on the railway has its rail
    terminal at its berths; one farther off, such as an island port, has none).
    """
    rail = set(_rail_nodes(G))
    return sorted(
        n
        for n, d in G.nodes(data=True)
        if n not in rail
        and (
            (d.get("layer") == "places" and d.get("kind") != "waypoint")
            or (d.get("layer") == "ports" and d.get("kind") == "seaport")
        )
    )


def _attachments(
    G: nx.MultiDiGraph, bb: Backbone, keep: Any
) -> tuple[dict[int, list[tuple[float, str]]], dict[str, tuple[str, float]]]:
    """Find where each place and seaport off the curated rail network meets the backbone.

    The backbone's nodes are its junctions, ends and border points only, so a station in the
    middle of a link (Ulaanbaatar, Almaty) lies far from every node but on the line. Each place
    or seaport (:func:`_off_curated`) meets the nearest point of a kept link in its own country
    (the one nearest in an equirectangular projection centred on it, so true to well under 1 %
    within the reach); a point within ``settings.backbone_end_km`` of the link's end is that
    end's node, any other cuts the link there at a new node ``bb-<n>`` (numbered after the
    file's nodes, in link and position order).

    Returns
    -------
    tuple
        Per kept link (its index in ``keep``), the cuts as ``(fraction, node)`` in order; per
        place or port, the backbone node it meets and the geodesic distance in km.
    """
    import numpy as np
    import shapely

    from . import settings
    from .backbone import _local
    from .geodesy import distance_km, lengths_km

    lines = bb.geometry[keep]
    tree = shapely.STRtree(lines)
    found: list[tuple[str, int, float, float, tuple[float, float]]] = []
    for n in _off_curated(G):
        d = G.nodes[n]
        reach = (
            settings.backbone_place_connector_km if d["layer"] == "places" else settings.backbone_connector_km
        )
        lon, lat = d["lon"], d["lat"]
        pad = np.degrees(reach / 6371.0088)
        cand = tree.query(
            shapely.box(
                lon - pad / max(np.cos(np.radians(abs(lat) + 1.0)), 0.05),
                lat - pad,
                lon + pad / max(np.cos(np.radians(abs(lat) + 1.0)), 0.05),
                lat + pad,
            )
        )
        own = set(d.get("countries") or [])
        if own:
            cand = cand[np.isin(bb.country[keep[cand]].astype(str), sorted(own))]
        if not len(cand):
            continue
        cand = np.sort(cand)
        local = _local(lines[cand], lon, lat)
        origin = shapely.Point(0.0, 0.0)
        dist = shapely.distance(local, origin)
        best = int(np.argmin(dist))
        if dist[best] > reach:
            continue
        frac = float(shapely.line_locate_point(local[best], origin, normalized=True))
        xy = shapely.get_coordinates(
            shapely.line_interpolate_point(lines[cand[best]], frac, normalized=True)
        )[0]
        km = float(distance_km(lon, lat, xy[0], xy[1]))
        if km <= reach:  # the reach holds on the ellipsoid, not only in the projection
            found.append((n, int(cand[best]), frac, km, (float(xy[0]), float(xy[1]))))
    drawn = lengths_km(lines[sorted({f[1] for f in found})]) if found else np.array([])
    link_km = dict(zip(sorted({f[1] for f in found}), drawn.tolist(), strict=True))
    cuts: dict[int, list[tuple[float, str]]] = {}
    attached: dict[str, tuple[str, float]] = {}
    number = len(bb.node_xy)
    at: dict[tuple[int, float], str] = {}
    for n, i, frac, km, xy in sorted(found, key=lambda f: (f[1], f[2], f[0])):
        end_km = settings.backbone_end_km
        if frac * link_km[i] <= end_km or (1.0 - frac) * link_km[i] <= end_km:
            end = bb.orig[keep[i]] if frac <= 0.5 else bb.dest[keep[i]]
            node = f"bb-{end}"
            km = float(distance_km(G.nodes[n]["lon"], G.nodes[n]["lat"], *bb.node_xy[end]))
        elif (i, frac) in at:
            node = at[i, frac]
        else:
            node = f"bb-{number}"
            number += 1
            at[i, frac] = node
            cuts.setdefault(i, []).append((frac, node))
            G.add_node(node, layer="backbone", lon=xy[0], lat=xy[1], countries=[str(bb.country[keep[i]])])
        attached[n] = (node, km)
    return cuts, attached


def _rail_nodes(G: nx.MultiDiGraph) -> list[str]:
    """Return the curated graph's nodes that rail links reach, in a fixed order."""
    found = {n for u, v, d in G.edges(data=True) if d["mode"] == "rail" for n in (u, v)}
    return sorted(n for n in found if G.nodes[n].get("layer") != "backbone")


def _connectors(
    G: nx.MultiDiGraph,
    bb: Backbone,
    keep: Any,
    dropped_at: dict[int, set[str]],
    speed: float,
    attached: dict[str, tuple[str, float]],
) -> None:
    """Join curated rail nodes, places and seaports to the backbone by short straight rail links.

    Every curated rail node gets a connector to its nearest backbone node still in use, and
    every backbone node that lost a link as a duplicate and keeps another gets one to its
    nearest curated rail node in the dropped link's country, each within ``settings.backbone_connector_km``; places and
    seaports off the curated rail network join where :func:`_attachments` found them on the
    backbone. A connector joins only nodes that share a country (a curated node and a backbone
    node across a border, as on the two banks of the Tumen, are not joined: only a border
    crossing joins two countries). A connector (``bb-connector:<node>:bb-<n>``, both ways) has
    the gauges of the backbone links at its backbone end and its geodesic length.
    """
    import numpy as np
    from shapely import LineString

    from . import settings
    from .backbone import nearest_nodes

    limit = settings.backbone_connector_km
    used = np.array(sorted(set(bb.orig[keep].tolist()) | set(bb.dest[keep].tolist())), dtype=np.int64)
    gauges: dict[str, set[int]] = {}
    for u, v, d in G.edges(data=True):
        if d["layer"] == "backbone" and not d["reverse"]:
            for n in (u, v):
                gauges.setdefault(n, set()).update(d["gauge_mm"])
    node_countries = [set(G.nodes[f"bb-{n}"]["countries"]) for n in used.tolist()]

    def shares(ours: str, candidates: np.ndarray) -> np.ndarray:
        own = set(G.nodes[ours].get("countries") or [])
        if not own:
            return candidates
        pos = np.searchsorted(used, candidates)
        return candidates[[bool(own & node_countries[p]) for p in pos.tolist()]]

    rail = _rail_nodes(G)
    pairs: set[tuple[str, str, float]] = {(n, node, km) for n, (node, km) in attached.items()}
    groups: dict[tuple[str, ...], list[str]] = {}
    for n in rail:
        groups.setdefault(tuple(sorted(G.nodes[n].get("countries") or [])), []).append(n)
    for _, ours in sorted(groups.items()):
        xy = np.array([(G.nodes[n]["lon"], G.nodes[n]["lat"]) for n in ours]).reshape(-1, 2)
        node, km = nearest_nodes(bb.node_xy, shares(ours[0], used), xy, limit)
        pairs |= {(ours[i], f"bb-{int(node[i])}", float(km[i])) for i in np.nonzero(node >= 0)[0].tolist()}
    orphans = np.array(sorted(n for n in dropped_at if f"bb-{n}" in gauges), dtype=np.int64)
    if len(rail) and len(orphans):
        rail_xy = np.array([(G.nodes[n]["lon"], G.nodes[n]["lat"]) for n in rail])
        tree_xy = np.vstack([bb.node_xy, rail_xy])  # look the curated nodes up as extra rows
        for n in orphans.tolist():
            # the connector stands for the dropped links, in their countries, and stays in one
            # country: a border point that lost its link on one side is joined by no connector
            own = dropped_at[n] & set(G.nodes[f"bb-{n}"]["countries"])
            extra = np.array(
                [
                    len(bb.node_xy) + k
                    for k, r in enumerate(rail)
                    if own & set(G.nodes[r].get("countries") or own)
                ],
                dtype=np.int64,
            )
            hit, hit_km = nearest_nodes(tree_xy, extra, bb.node_xy[[n]], limit)
            if hit[0] >= 0:
                pairs.add((rail[int(hit[0]) - len(bb.node_xy)], f"bb-{n}", float(hit_km[0])))
    for ours_id, theirs, length in sorted(pairs):
        key = f"bb-connector:{ours_id}:{theirs}"
        end = G.nodes[theirs]
        a, b = (G.nodes[ours_id]["lon"], G.nodes[ours_id]["lat"]), (end["lon"], end["lat"])
        data = {
            "feature": key,
            "layer": "backbone",
            "tier": "backbone",
            "kind": "backbone_connector",
            "mode": "rail",
            "segment": 0,
            "gauge_mm": sorted(gauges[theirs]),
            "countries": end["countries"],
            "length_km": length,
            "drawn_km": length,
            "time_h": length / speed,
            "window": Window(),
            "geometry": LineString([a, b]),
        }
        G.add_edge(ours_id, theirs, key=key, reverse=False, **data)
        G.add_edge(theirs, ours_id, key=key, reverse=True, **data)


def _along_track(ds: Dataset) -> dict[str, float]:
    """Return the along-track length of each link derived from an upstream network that measures it.

    A rail or road link derived from OpenStreetMap (``scripts/alignments``) is drawn through the
    generalised network's nodes, which cuts curves: its drawn line runs 3-9 % short of the track
    on winding lines. The network's own edge lengths (``geometry_source.network_length_km``)
    measure the track itself, so they are the link's length; the drawn line keeps its shape.
    """
    out: dict[str, float] = {}
    for layer in LINK_LAYERS:
        for feature in ds.features(layer):
            source = feature["properties"].get("geometry_source")
            value = source.get("network_length_km") if isinstance(source, dict) else None
            if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
                out[feature["properties"]["id"]] = float(value)
    return out


def feature_edges(G: nx.MultiDiGraph) -> dict[str, list[tuple[str, str, dict[str, Any]]]]:
    """Return each feature's edges in its drawn direction, in segment order (built once per graph).

    Parameters
    ----------
    G
        A transport graph.

    Returns
    -------
    dict
        Feature id to ``[(u, v, data), ...]``; the first edge starts at the feature's ``from``
        node and the last ends at its ``to`` node.
    """
    index: dict[str, list[tuple[str, str, dict[str, Any]]]] | None = G.graph.get("_features")
    if index is None:
        index = {}
        for u, v, d in G.edges(data=True):
            if not d["reverse"]:
                index.setdefault(d["feature"], []).append((u, v, d))
        for edges in index.values():
            edges.sort(key=lambda e: e[2]["segment"])
        G.graph["_features"] = index
    return index


def feature_geometry(G: nx.MultiDiGraph, fid: str) -> dict[str, Any]:
    """Return one link feature's geometry as GeoJSON, its segments joined in drawn order.

    Parameters
    ----------
    G
        A transport graph.
    fid
        A link feature's id.

    Returns
    -------
    dict
        A LineString, or a MultiLineString for a split or antimeridian-cut feature.
    """
    from shapely.geometry import mapping

    parts = [d["geometry"] for _, _, d in feature_edges(G)[fid]]
    if len(parts) == 1:
        return dict(mapping(parts[0]))
    lines = [list(map(list, p.coords)) for g in parts for p in getattr(g, "geoms", [g])]
    return {"type": "MultiLineString", "coordinates": lines}


def usable_edge(G: nx.MultiDiGraph, s: Scenario, u: str, v: str, d: dict[str, Any]) -> bool:
    """Apply :func:`corridormap.state.usable` to one edge of the graph (its end nodes' kinds too).

    Parameters
    ----------
    G
        A transport graph.
    s
        The scenario.
    u, v, d
        The edge.

    Returns
    -------
    bool
    """
    kinds = (d.get("kind"), G.nodes[u].get("kind"), G.nodes[v].get("kind"))
    return usable(s, d["feature"], d["mode"], d["window"], (u, v), kinds, d.get("traffic"))


def features(G: nx.MultiDiGraph) -> Mapping[str, dict[str, Any]]:
    """Return the feature table: each link feature's own attributes by id (built once per graph).

    This is where queries read what belongs to a feature rather than to one of its edges: its
    name, kind, status and dates, months, gauge, commodity and capacity records, its layer and
    its ``from`` and ``to`` nodes.

    Parameters
    ----------
    G
        A transport graph.

    Returns
    -------
    Mapping
        Feature id to its attributes, in the graph's order (a dict; a graph read from the cache
        makes each row on first read).
    """
    table: Mapping[str, dict[str, Any]] | None = G.graph.get("_table")
    if table is None:
        table = {}
        for fid, edges in feature_edges(G).items():
            first = edges[0][2]
            table[fid] = {
                **{k: first[k] for k in (*_EDGE_FIELDS, "layer", "tier") if k in first},
                "from": edges[0][0],
                "to": edges[-1][1],
                "modes": sorted({d["mode"] for _, _, d in edges}),
            }
        G.graph["_table"] = table
    return table


def feature(G: nx.MultiDiGraph, fid: str) -> dict[str, Any]:
    """Return one link feature's attributes from the feature table.

    Parameters
    ----------
    G
        A transport graph.
    fid
        A link feature's id.

    Returns
    -------
    dict

    Raises
    ------
    KeyError
        If the graph has no such feature.
    """
    return features(G)[fid]

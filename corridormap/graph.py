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
GRAPH_FORMAT = 8

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
    from .backbone import duplicated_links, link_name
    from .geodesy import distance_km, lengths_km

    curated = [d["geometry"] for _, _, d in G.edges(data=True) if d["mode"] == "rail" and not d["reverse"]]
    drop = duplicated_links(
        bb.geometry, curated, settings.backbone_duplicate_km, settings.backbone_duplicate_share
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
    for n in sorted(set(bb.orig[keep].tolist()) | set(bb.dest[keep].tolist())):
        lon, lat = bb.node_xy[n]
        G.add_node(
            f"bb-{n}", layer="backbone", lon=float(lon), lat=float(lat), countries=sorted(countries[n])
        )
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
            "segment": 0,
            "gauge_mm": [gauge[i]],
            "countries": [country[i]],
            "length_km": along[i],
            "drawn_km": km,
            "time_h": along[i] / speed,
            "window": open_always,
            "geometry": bb.geometry[keep[i]],
        }
        u, v = f"bb-{orig[i]}", f"bb-{dest[i]}"
        edges.append((u, v, fid, {**data, "reverse": False}))
        edges.append((v, u, fid, {**data, "reverse": True}))
    G.add_edges_from(edges)
    dropped_at = set(bb.orig[drop].tolist()) | set(bb.dest[drop].tolist())
    _connectors(G, bb, keep, dropped_at, speed)
    G.graph["backbone"] = {**bb.meta, "links": len(keep), "dropped_as_curated": int(drop.sum())}


def _rail_nodes(G: nx.MultiDiGraph) -> list[str]:
    """Return the curated graph's nodes that rail links reach, in a fixed order."""
    found = {n for u, v, d in G.edges(data=True) if d["mode"] == "rail" for n in (u, v)}
    return sorted(n for n in found if G.nodes[n].get("layer") != "backbone")


def _connectors(G: nx.MultiDiGraph, bb: Backbone, keep: Any, dropped_at: set[int], speed: float) -> None:
    """Join curated rail nodes and places to the backbone by short straight rail links.

    Every curated rail node and every place gets a connector to its nearest backbone node still
    in use, and every backbone node that lost a link as a duplicate and keeps another gets one
    to its nearest curated rail node, each within ``settings.backbone_connector_km`` (a place off
    the curated rail network within ``settings.backbone_place_connector_km``). A
    connector (``bb-connector:<node>:bb-<n>``, both ways) has the gauges of the backbone links
    at its backbone end and its geodesic length.
    """
    import numpy as np
    from shapely import LineString

    from . import settings
    from .backbone import nearest_nodes

    limit = settings.backbone_connector_km
    used = np.array(sorted(set(bb.orig[keep].tolist()) | set(bb.dest[keep].tolist())), dtype=np.int64)
    gauges: dict[int, set[int]] = {}
    for a, b, g in zip(
        bb.orig[keep].tolist(), bb.dest[keep].tolist(), bb.gauge_mm[keep].tolist(), strict=True
    ):
        gauges.setdefault(a, set()).add(g)
        gauges.setdefault(b, set()).add(g)
    rail = _rail_nodes(G)
    places = [n for n, d in G.nodes(data=True) if d.get("layer") == "places" and d.get("kind") != "waypoint"]
    pairs: set[tuple[str, int, float]] = set()
    for ours, reach in (
        (sorted(rail), limit),
        (sorted(set(places) - set(rail)), settings.backbone_place_connector_km),
    ):
        xy = np.array([(G.nodes[n]["lon"], G.nodes[n]["lat"]) for n in ours]).reshape(-1, 2)
        node, km = nearest_nodes(bb.node_xy, used, xy, reach)
        pairs |= {(ours[i], int(node[i]), float(km[i])) for i in np.nonzero(node >= 0)[0].tolist()}
    orphans = np.array(sorted(n for n in dropped_at if n in gauges), dtype=np.int64)
    if len(rail) and len(orphans):
        rail_xy = np.array([(G.nodes[n]["lon"], G.nodes[n]["lat"]) for n in rail])
        tree_xy = np.vstack([bb.node_xy, rail_xy])  # look the curated nodes up as extra rows
        extra = np.arange(len(bb.node_xy), len(tree_xy))
        hit, hit_km = nearest_nodes(tree_xy, extra, bb.node_xy[orphans], limit)
        for n, h, d in zip(orphans.tolist(), hit.tolist(), hit_km.tolist(), strict=True):
            if h >= 0:
                pairs.add((rail[h - len(bb.node_xy)], n, float(d)))
    for ours_id, n, length in sorted(pairs):
        key = f"bb-connector:{ours_id}:bb-{n}"
        a = (G.nodes[ours_id]["lon"], G.nodes[ours_id]["lat"])
        data = {
            "feature": key,
            "layer": "backbone",
            "tier": "backbone",
            "kind": "backbone_connector",
            "mode": "rail",
            "segment": 0,
            "gauge_mm": sorted(gauges[n]),
            "countries": G.nodes[f"bb-{n}"]["countries"],
            "length_km": length,
            "drawn_km": length,
            "time_h": length / speed,
            "window": Window(),
            "geometry": LineString([a, tuple(bb.node_xy[n])]),
        }
        G.add_edge(ours_id, f"bb-{n}", key=key, reverse=False, **data)
        G.add_edge(f"bb-{n}", ours_id, key=key, reverse=True, **data)


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

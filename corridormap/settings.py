"""Typed, documented defaults. Functions take ``None`` for these and fall back to them."""

from __future__ import annotations

#: A link's first and last vertices must lie within this distance of its ``from`` and
#: ``to`` nodes, and every ``via`` node within this distance of the line, in kilometres.
endpoint_tolerance_km: float = 5.0

#: A border crossing must lie within this distance of the Natural Earth China–Russia
#: boundary line, in kilometres. The 1:10m line generalises the river thalweg, so a
#: crossing in mid-river can sit a few kilometres from it.
border_tolerance_km: float = 6.0

#: A port must lie within this distance of the Natural Earth coastline or a river centre
#: line (river ports, estuary ports), in kilometres.
coast_tolerance_km: float = 5.0

#: A port whose point lies on the water (not on Natural Earth's land) may be this far from
#: the 1:10m coastline, which leaves out small islands such as Yangshan (Shanghai) and recent
#: land reclamation such as Maasvlakte (Rotterdam), in kilometres.
offshore_port_tolerance_km: float = 30.0

#: A line's geodesic length may differ from a stated length by at most this fraction.
length_tolerance: float = 0.30

#: Stated and computed growth rates in ``trade.csv`` may differ by this many percentage
#: points before ``validate`` warns.
growth_tolerance_pp: float = 0.5

#: Largest gap between consecutive vertices of a line, in kilometres, before ``validate``
#: warns that the line is too coarse to follow its real route (sea lanes in open ocean get
#: ``sea_vertex_spacing_km``).
vertex_spacing_km: float = 150.0

#: The same for sea lanes, whose open-ocean legs are great-circle arcs.
sea_vertex_spacing_km: float = 400.0

#: A ``LAT,LON`` place resolves to the nearest node within this distance, in kilometres; farther
#: away it is an error that names the nearest node and its distance.
place_snap_km: float = 50.0

#: How many graphs the cache folder keeps (the newest); older entries are removed.
cache_entries: int = 8

#: The years the maps' year control covers: the 2009-2018 cooperation programme to the
#: planned horizon of the 2030 forecasts.
map_years: tuple[int, int] = (2009, 2030)

#: Lines on the maps are simplified by this many degrees (about 200 m), which no zoom level of
#: a regional map can show, and coordinates rounded to this many decimals (about 10 m).
map_simplify_deg: float = 0.002
map_digits: int = 4
#: The backbone layer (tens of thousands of OSM-derived lines) is simplified by 0.005° (about
#: 500 m, under a pixel at zoom 7) and its coordinates kept to 3 decimals (about 100 m), then
#: simplified again per zoom level in the browser (Leaflet's smoothFactor, in pixels).
map_backbone_simplify_deg: float = 0.005
map_backbone_digits: int = 3
map_backbone_smooth_px: float = 1.5
#: The overview's mini-map draws Natural Earth land simplified by 0.5° (it is 150 pixels wide).
map_minimap_land_deg: float = 0.5

#: Route alternatives: each further search makes the features already used this many times as
#: costly, and keeps a route only if at most this share of its length runs on them.
alternatives_penalty: float = 5.0
alternatives_max_shared: float = 0.6

#: A line whose ``geometry_quality`` is ``traced`` or ``surveyed`` may differ from a stated
#: length by at most this fraction (``approximate`` and ``schematic`` lines get
#: ``length_tolerance``), unless a claim on ``length_km`` or ``lengths`` explains the gap.
traced_length_tolerance: float = 0.05

#: Largest file of a dataset the loader reads, in bytes (50 MB); a larger one is a problem.
max_file_bytes: int = 50_000_000

#: Deepest nesting of JSON arrays and objects the loader accepts (GeoJSON needs about 8).
max_json_depth: int = 64

#: Longest text allowed per field, in characters: names and aliases, titles, notes, and any
#: other text (ids, urls, publishers, references). Fields not listed get ``max_text_chars``.
max_name_chars: int = 300
max_title_chars: int = 1_000
max_note_chars: int = 10_000
max_text_chars: int = 2_000

#: The backbone (``backbone/rail.parquet``) joins the curated network through short connector
#: links: every curated rail node and every place to the nearest backbone node, and every
#: backbone junction left cut off by a dropped duplicate to the nearest curated rail node, each
#: within this distance, in kilometres. A backbone border point this close to a curated rail
#: border crossing is dropped with its links: the curated crossing is the authority there.
backbone_connector_km: float = 15.0

#: A place (a city, a border town) joins the backbone's nearest node within this distance, in
#: kilometres: the upstream network keeps a vertex only every few km and misses some stations
#: (its nearest vertex to Suzhou is 26 km away, to Almaty 45 km). The connector is a straight
#: link of that geodesic length, shown as a backbone leg.
backbone_place_connector_km: float = 50.0

#: A place or seaport whose nearest point on a backbone link lies within this distance of the
#: link's end, in kilometres, joins that end's node; one farther along cuts the link there (a
#: station in the middle of a link, such as Ulaanbaatar, joins the line, not a junction far off).
backbone_end_km: float = 1.0

#: A backbone link is a duplicate of the curated network, and dropped, when at least
#: ``backbone_duplicate_share`` of its length lies within ``backbone_duplicate_km`` of a curated
#: rail line.
backbone_duplicate_km: float = 2.0
backbone_duplicate_share: float = 0.8

#: A backbone link is also a duplicate when it runs between the same two stations as a curated
#: rail line (each end within ``backbone_connector_km`` of one of the line's ends) and lies
#: wholly within this distance of it, in kilometres: the backbone's Tumen-Hunchun link runs up
#: to 7.1 km from the curated line, which is traced through fewer points.
backbone_parallel_km: float = 10.0

#: A capacity or volume within this fraction below a plan's target counts as meeting it
#: (:func:`corridormap.plan.plan_scorecard`): 0.02 accepts 78.5 Mt/yr for a target of 80.
plan_met_tolerance: float = 0.02

#: Sweeps: about this many solves (a max flow, a route) go into one Dask task, so that a task
#: runs for a good fraction of a second and the scheduler's few milliseconds per task are small
#: beside it; a sweep is still cut into at least four tasks per worker.
sweep_task_solves: int = 200

#: Sweeps: how long to wait for a Dask scheduler given by address, in seconds.
sweep_connect_timeout_s: float = 10.0

#: Sweeps: how long to wait for the first worker to join a scheduler, in seconds.
sweep_worker_timeout_s: float = 60.0

#: Whether a route's or a flow's Jupyter display (``_repr_html_``) includes its map below the
#: summary table. The map is drawn over the shipped dataset's network, as ``Route.map()`` is.
repr_html_map: bool = True

#: A route search first stops at this many times the straight-line distance between its ends
#: (by time: that distance at ``search_reach_speed_kmh``); if the destination lies beyond, it
#: searches again with no limit. The answer is exact either way; on a large network the first,
#: bounded search spares most of the graph for a short route.
search_reach: float = 2.0
search_reach_speed_kmh: float = 40.0

#: How routes and matrices search the routing core: ``"cch"``, customizable contraction
#: hierarchies (RoutingKit, through the ``pyroutingkit`` package: the state graph is ordered
#: once per core, each scenario and weight is a customization of a few milliseconds, and a query
#: takes microseconds), or ``"scipy"``, scipy's compiled Dijkstra over a CSR matrix. ``"cch"``
#: falls back to ``"scipy"`` where pyroutingkit has no wheel (Windows, Linux on ARM). Both give
#: shortest paths. The CCH searches in integer units, ``search_units_per_km`` (0.1 m) or
#: ``search_units_per_h`` (3.6 ms), so of two paths within a few metres or tenths of a second of
#: each other (each arc rounds by half a unit) it may pick either; what a route reports is summed
#: from the exact lengths and times. A cost beyond its 31 bits (214,000 km, 2,100 h) saturates
#: and the query is answered by scipy.
search_engine: str = "cch"
search_units_per_km: float = 10_000.0
search_units_per_h: float = 1_000_000.0

#: Distance and time matrices show a progress bar from this many origins on.
matrix_progress_from: int = 20

#: A network of lines (:func:`corridormap.network_from_lines`) shows a progress bar per step from
#: this many lines on (a file always shows one).
lines_progress_from: int = 10_000

#: The gauge, in millimetres, of rail lines read without a ``gauge_mm`` column: standard gauge,
#: so that a network of one gauge has one routing state per node (a line's own ``gauge_mm``
#: wins). A route on such lines reports this gauge as an assumption of the input, not a fact.
lines_gauge_mm: int = 1435

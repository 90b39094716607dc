"""The dataset's vocabularies: layers, kinds, statuses, modes, commodities and bases.

``geodata/README.md`` documents each term; this module is the one place code reads them from.
"""

from __future__ import annotations

#: Point layers: their features are the graph's nodes.
NODE_LAYERS: tuple[str, ...] = ("places", "ports", "border_crossings")

#: Line layers: their features are the graph's links.
LINK_LAYERS: tuple[str, ...] = ("bridges", "pipelines", "rail", "roads", "sea_lanes")

#: Every layer, in the order they are read and drawn.
LAYERS: tuple[str, ...] = NODE_LAYERS + LINK_LAYERS

#: Geometry types allowed per layer.
GEOMETRY_TYPES: dict[str, tuple[str, ...]] = {
    **{layer: ("Point",) for layer in NODE_LAYERS},
    "bridges": ("LineString",),
    "pipelines": ("LineString", "MultiLineString"),
    "rail": ("LineString", "MultiLineString"),
    "roads": ("LineString", "MultiLineString"),
    "sea_lanes": ("LineString", "MultiLineString"),
}

#: Kinds allowed per layer.
KINDS: dict[str, frozenset[str]] = {
    "places": frozenset(
        {
            "city",
            "town",
            "junction",
            "station",
            "field",
            "plant",
            "terminal",
            "bridgehead",
            "compressor_station",
            "waypoint",
        }
    ),
    "ports": frozenset({"seaport", "oil_terminal", "lng_terminal", "river_port"}),
    "border_crossings": frozenset({"border_crossing"}),
    "bridges": frozenset({"road_bridge", "rail_bridge", "road_rail_bridge", "ropeway"}),
    "pipelines": frozenset({"oil_pipeline", "gas_pipeline"}),
    "rail": frozenset({"main_line", "branch_line", "connector"}),
    "roads": frozenset({"highway", "expressway", "connector", "ferry_crossing", "pontoon_crossing"}),
    "sea_lanes": frozenset({"sea_lane"}),
}

#: Kinds of place that have no status or opening date (a city, a strait).
UNDATED_PLACE_KINDS: frozenset[str] = frozenset({"city", "town", "waypoint"})

#: Id prefix per layer (places have none).
ID_PREFIXES: dict[str, str] = {
    "ports": "port-",
    "border_crossings": "bc-",
    "bridges": "bridge-",
    "pipelines": "pl-",
    "rail": "rail-",
    "roads": "road-",
    "sea_lanes": "sea-",
}

#: One status vocabulary for every feature.
STATUSES: frozenset[str] = frozenset(
    {
        "operating",
        "under_construction",
        "planned",
        "proposed",
        "suspended",
        "cancelled",
        "decommissioned",
    }
)

#: Statuses of something not yet built: shown dotted, used only when planned projects are asked for.
PLANNED_STATUSES: frozenset[str] = frozenset({"planned", "under_construction", "proposed"})

#: Statuses of something that has opened (``opened`` is required).
OPENED_STATUSES: frozenset[str] = frozenset({"operating", "suspended", "decommissioned"})

#: Modes of transport a link may have.
MODES: frozenset[str] = frozenset({"rail", "road", "pipeline", "sea", "ferry", "pontoon", "ropeway"})

#: Modes a route uses unless told otherwise (pipelines carry commodities, not journeys).
DEFAULT_MODES: frozenset[str] = MODES - {"pipeline"}

#: Modes that travel on the road network's states (a ferry, a pontoon, the ropeway).
ROAD_LIKE_MODES: frozenset[str] = frozenset({"road", "ferry", "pontoon", "ropeway"})

#: Month names, January first.
MONTH_NAMES: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

#: Modes allowed per link layer.
LAYER_MODES: dict[str, frozenset[str]] = {
    "bridges": frozenset({"rail", "road", "ropeway", "pipeline"}),
    "pipelines": frozenset({"pipeline"}),
    "rail": frozenset({"rail"}),
    "roads": frozenset({"road", "ferry", "pontoon"}),
    "sea_lanes": frozenset({"sea"}),
}

#: Modes a border crossing may serve.
CROSSING_MODES: frozenset[str] = frozenset({"rail", "road", "pipeline", "ropeway", "ferry", "pontoon"})

#: Track gauges in millimetres.
GAUGES_MM: frozenset[int] = frozenset({1435, 1520})

#: Commodities and the physical dimension of their capacity units (per time).
COMMODITY_DIMENSIONS: dict[str, tuple[str, ...]] = {
    "oil": ("[mass]",),
    "oil_products": ("[mass]",),
    "gas": ("[length] ** 3",),
    "lng": ("[mass]", "[length] ** 3"),
    "coal": ("[mass]",),
    "containers": ("[container]",),
    "grain": ("[mass]",),
    "general_cargo": ("[mass]",),
    "dry_bulk": ("[mass]",),
    "ore": ("[mass]",),
    "timber": ("[mass]", "[length] ** 3"),
    "freight": ("[mass]",),
    "passengers": ("[passenger]",),
    "vehicles": ("[vehicle]",),
    "trains": ("[train]",),
}

#: Commodities, in the order they are listed.
COMMODITIES: frozenset[str] = frozenset(COMMODITY_DIMENSIONS)

#: Bases of a capacity or figure.
BASES: frozenset[str] = frozenset({"design", "actual", "target", "estimate", "forecast"})

#: Bases of a stated length. ``stated_total`` covers more than the feature (a whole system)
#: and is not compared with the line.
LENGTH_BASES: frozenset[str] = frozenset({"stated", "derived", "stated_total", "structure"})

#: Lengths compared with the line's geodesic length: a stated one, one derived from published
#: kilometre posts (the difference of two chainages), and a structure's own length (bridges).
COMPARED_LENGTH_BASES: frozenset[str] = frozenset({"stated", "derived", "structure"})

#: Bases of a figure: those of a capacity, and ``stated`` for a quantity a source states
#: (a distance, a count) that is neither a design nor a measurement.
FIGURE_BASES: frozenset[str] = BASES | {"stated"}

#: How closely a geometry follows reality.
GEOMETRY_QUALITIES: frozenset[str] = frozenset({"surveyed", "traced", "approximate", "schematic"})

#: Kinds of entry in the source registry.
SOURCE_KINDS: frozenset[str] = frozenset(
    {
        "article",
        "official",
        "news",
        "company",
        "report",
        "encyclopedia",
        "gazetteer",
        "dataset",
        "law",
        "software",
    }
)

#: Kinds of named corridor.
CORRIDOR_KINDS: frozenset[str] = frozenset({"transport_corridor", "pipeline_system", "sea_route"})

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
#: ``nameplate`` is a plant's or line's rated capacity as its owner states it.
BASES: frozenset[str] = frozenset({"design", "nameplate", "actual", "target", "estimate", "forecast"})

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

#: What a plan's commitment promises (``plans.json``): a capacity in force, a volume carried or
#: reached (a figure), or an opening.
COMMITMENT_KINDS: frozenset[str] = frozenset({"capacity", "volume", "opening"})

#: Kinds of event in the timeline (``events.json``).
EVENT_KINDS: frozenset[str] = frozenset(
    {
        "agreement",
        "plan_approval",
        "plan_expiry",
        "committee_founded",
        "committee_meeting",
        "joint_statement",
        "opening",
        "milestone",
    }
)

#: Units a capacity record may use (amounts per time); each must also fit its commodity's
#: dimension (:data:`COMMODITY_DIMENSIONS`).
CAPACITY_UNITS: frozenset[str] = frozenset(
    {
        "Mt/yr",
        "kt/yr",
        "t/day",
        "Mt/day",
        "bcm/yr",
        "mcm/day",
        "TEU/yr",
        "passengers/yr",
        "passengers/day",
        "vehicles/day",
        "vehicles/yr",
        "trains/day",
    }
)

#: Units a figure record may use: those of capacities, amounts, distances, counts, shares,
#: durations and money.
FIGURE_UNITS: frozenset[str] = CAPACITY_UNITS | {
    "%",
    "km",
    "nmi",
    "count",
    "t",
    "kt",
    "Mt",
    "bcm",
    "mcm",
    "TEU",
    "passengers",
    "vehicles",
    "trains",
    "h",
    "day",
    "bn RUB",
    "bn USD",
    "bn CNY",
}

#: Units a length record may use.
LENGTH_UNITS: frozenset[str] = frozenset({"km", "m", "nmi"})

#: Parameters the graph needs, with the unit each is used in.
PARAMETER_UNITS: dict[str, str] = {
    "speed.rail": "km/h",
    "speed.road": "km/h",
    "speed.sea": "km/h",
    "speed.sea_arctic": "km/h",
    "time.ferry_crossing": "h",
    "time.pontoon_crossing": "h",
    "time.ropeway_crossing": "h",
    "dwell.gauge_change": "h",
    "dwell.border_rail": "h",
    "dwell.border_road": "h",
    "handling.port": "h",
    "handling.terminal": "h",
}

#: Grades of a source: who stands behind it (``geodata/README.md``, sources.json).
SOURCE_QUALITIES: frozenset[str] = frozenset(
    {"official", "operator", "news", "research", "encyclopedia", "gazetteer"}
)

#: Hosts that mirror, proxy or machine-translate other publishers' text (Wikipedia above all), or
#: repost and digest news agencies' and papers' articles (Dzen, Rambler, News.mail.ru, TenChat, SOTT, UrduPoint,
#: tpub's reprints of US Army reports, content farms): a source on one of them, or on a subdomain
#: of one, is not accepted.
MIRROR_DOMAINS: frozenset[str] = frozenset(
    {
        "001ce.com",
        "100ppi.com",
        "56885.net",
        "95408.com",
        "acentury.online",
        "aftabkazi.com",
        "agro-sss.ru",
        "arc.ask3.ru",
        "aroundus.com",
        "artikeldigital.com",
        "chinaviki.com",
        "cj8828.cn",
        "cppjump.com",
        "cryer.org.uk",
        "cultureru.com",
        "czwiki.cz",
        "dyto08wqdmna.cloudfrontnetl.store",
        "dzen.ru",
        "embedy.cc",
        "encyclopedia.datana.cloud",
        "enwikipedia.net",
        "ermakvagus.com",
        "euro-paletti.eu",
        "feifmx.com",
        "fgyfs.cn",
        "filotaimist.ru",
        "frwiki.wiki",
        "geo-sinterra.ru",
        "gittisbaby.com",
        "hbgtcfzp.com",
        "hcyjhs8.com",
        "hessslslslsls.azureedge.net",
        "howlingpixel.com",
        "imtqy.com",
        "ipfs.io",
        "jiuxingjy.com",
        "jmedia.wiki",
        "kampuspedia.com",
        "kiwix.nikhpc.keenetic.name",
        "knowledgr.com",
        "liquisearch.com",
        "m.global.ssl.fastly.net",
        "maigoo.com",
        "marketscreener.com",
        "mdict.net",
        "mediated.wiki",
        "menafn.com",
        "msn.finance.sina.com.cn",
        "my399.com",
        "naesaa.com",
        "newdu.com",
        "news.mail.ru",
        "owiki.org",
        "pedia.3rd-in.co.jp",
        "pediainside.com",
        "perceptiocs.com",
        "perceptioda.com",
        "perceptiode.com",
        "perceptiofr.com",
        "perceptiohu.com",
        "perceptiopt.com",
        "perceptioro.com",
        "piglix.com",
        "politicallore.com",
        "pressreader.com",
        "pvgazeta.br.com",
        "pwojczyn.com",
        "qianghongfangshui.com",
        "qiuwenbaike.cn",
        "qwe.wiki",
        "rambler.ua",
        "review.clateway.com",
        "ria24.today",
        "rodina.news",
        "russianwiki.com",
        "searchnavi.com",
        "semantic-network.de",
        "shengtairou.cn",
        "sitflex.com",
        "sky-net-eye.com",
        "sott.net",
        "stonelgs.ru",
        "stringtranslate.com",
        "talk.dob.jp",
        "tenchat.ru",
        "the-uncensored-wiki.com",
        "theinfolist.com",
        "theminiwiki.com",
        "tpub.com",
        "translate.baiducontent.com",
        "travelwaiting.com",
        "trud-ost.ru",
        "ttnews.xyz",
        "udalila.ru",
        "ukvolok.ru",
        "urdupoint.com",
        "when.com",
        "wiki-org.ru",
        "wiki.av1.space",
        "wiki.inamatrix.xyz",
        "wiki.li",
        "wiki7.org",
        "wikiclassic.com",
        "wikicsu.ru",
        "wikide.org",
        "wikim.kfd.me",
        "wikimili.com",
        "wikipedia.jakami.de",
        "wikipedia.moesalih.com",
        "wikirussya.com",
        "wikiwand.com",
        "wikizero.net",
        "woxingwu.com",
        "xnico.com",
        "yczyjg.com",
        "yinshua168.com.cn",
        "zakonbase.ru",
        "zhiqingwang.shzq.org",
        "zxc.wiki",
    }
)

#: What a railway line carries (``traffic``, optional).
RAIL_TRAFFIC: frozenset[str] = frozenset({"freight", "passenger", "mixed"})

#: Straits, canals and named sea routes a sea lane may be part of (``passage``, optional).
#: The passages a sea lane may be part of, with the names routes show them by.
PASSAGE_NAMES: dict[str, str] = {
    "northern_sea_route": "Northern Sea Route",
    "bering_strait": "Bering Strait",
    "fourth_kuril_strait": "Fourth Kuril Strait",
    "la_perouse": "La Pérouse Strait",
    "tsugaru": "Tsugaru Strait",
    "korea_strait": "Korea Strait",
    "bohai_strait": "Bohai Strait",
    "taiwan_strait": "Taiwan Strait",
    "malacca": "Strait of Malacca",
    "bab_el_mandeb": "Bab-el-Mandeb",
    "suez": "Suez Canal",
    "gibraltar": "Strait of Gibraltar",
    "english_channel": "English Channel",
    "danish_straits": "Danish straits",
}

#: The passage vocabulary (``passage`` of a sea lane).
PASSAGES: frozenset[str] = frozenset(PASSAGE_NAMES)

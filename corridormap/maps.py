r"""Interactive Folium maps of the network, of routes and of flows. The only module that imports folium.

The overview map embeds the dataset once, as compact JSON, and draws it with a small script:
one toggleable layer per kind (pipelines by commodity), styles by status and commodity, widths
by capacity, distinct markers, a legend, tooltips and popups built on click from the embedded
data and the source registry, a year control (2009 to the planned horizon), a search box that
finds places as they are typed (names in English, Russian and Chinese and aliases, by prefix,
ignoring case and accents, with suggestions), fullscreen, a scale and a mini-map.

Offline by default: Leaflet and its plugins (vendored in ``corridormap/_vendor`` from their npm
releases) are inlined into the page, and the background is Natural Earth land, embedded too; an
OpenStreetMap tile layer is offered in the layer control, off by default. So a page makes no
network request at all until a reader turns the tiles on. ``cdn=True`` links Leaflet from the
jsDelivr CDN instead (a smaller file that needs the network).

Drawing: lines are drawn on one canvas (``preferCanvas``), not as SVG elements, and simplified
at build time (Leaflet's ``smoothFactor`` simplifies them again per zoom level). A ``backbone``
layer (the open OSM-derived network, tens of thousands of lines with no facts) is sent as
delta-encoded integers and drawn as one light canvas layer (its vertices in typed arrays, thinned
per zoom level, no Leaflet object per line), with a popup built only for the line clicked.

Safety: nothing from the data is ever template source. The data go into the page as JSON in a
script element of their own, written with ``<``, ``>`` and ``&`` as ``\\u`` escapes so that it
cannot close that element, and are never passed through Jinja2 (branca renders a macro's output
again as a template, so no data go through a macro); every text is HTML-escaped in Python before
it is embedded, the page title too, and a source URL is linked only if it is http(s). So a
user's dataset can neither run code on the machine that makes the map nor script in the page.
:func:`save_map` renders the whole page before it touches the file.

Geography: longitudes west of -150° (Chukotka east of the 180th meridian, the Bering Strait)
are drawn at +360°, and lines cut at the antimeridian are joined again, so nothing is drawn the
long way round; coordinates are rounded to 4 decimals (about 10 m) and lines simplified by
0.002° (about 200 m), which no zoom level of a regional map can show.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import folium
import numpy as np
import shapely
from branca.element import Element, MacroElement
from shapely.geometry import mapping, shape

from . import settings
from ._assets import page_assets
from ._render import register
from ._results import collection
from .capacity import capacity_in_force
from .dates import as_of_date, parse_date
from .io import default_data_dir
from .outputs import check_output, write_output
from .state import node_window
from .style import LAYER_COLOURS, MODE_COLOURS, PLAN_STATUS_COLOURS, marker_css, palette
from .vocab import LINK_LAYERS, MONTH_NAMES

if TYPE_CHECKING:
    from .dataset import Dataset

__all__ = ["flow_map", "overview_map", "route_map", "save_map", "sweep_map"]

#: The credit line every map carries: the licences of the data it draws (geodata/README.md).
CREDIT = (
    "Rail, roads &copy; OpenStreetMap contributors (ODbL) &middot; pipelines &copy; Global Energy "
    "Monitor (CC BY 4.0) &middot; Natural Earth"
)

#: The years the year control covers: the 2009-2018 cooperation programme to the planned horizon.
FIRST_YEAR, LAST_YEAR = settings.map_years

_SIMPLIFY_DEG = settings.map_simplify_deg
_DIGITS = settings.map_digits

#: Layers of the overview, in drawing order: key, title, dataset layer, filter.
_LAYERS: list[tuple[str, str, str, dict[str, str] | None]] = [
    ("sea_lanes", "Sea lanes", "sea_lanes", None),
    ("roads", "Roads, ferries and pontoons", "roads", None),
    ("rail", "Railways", "rail", None),
    ("pipelines_oil", "Oil pipelines", "pipelines", {"commodity": "oil"}),
    ("pipelines_gas", "Gas pipelines", "pipelines", {"commodity": "gas"}),
    ("bridges", "Bridges and ropeway", "bridges", None),
    ("places", "Places", "places", None),
    ("ports", "Ports", "ports", None),
    ("border_crossings", "Border crossings", "border_crossings", None),
]


def _e(value: Any) -> str:
    """Escape a value for HTML."""
    return html.escape(str(value), quote=True)


def _safe_url(url: Any) -> str | None:
    text = str(url or "").strip()
    return html.escape(text, quote=True) if text.lower().startswith(("http://", "https://")) else None


def _unwrap(x: float) -> float:
    return x + 360.0 if x < -150.0 else x


def _display_geometry(geometry: dict[str, Any]) -> dict[str, Any]:
    """Unwrap longitudes past the antimeridian, join cut lines, simplify and round."""
    geom = shape(geometry)
    geom = shapely.transform(geom, lambda xy: _unwrap_array(xy))
    if geom.geom_type == "MultiLineString":
        merged = shapely.line_merge(geom)
        geom = merged if merged.geom_type in ("LineString", "MultiLineString") else geom
    if geom.geom_type != "Point":
        geom = shapely.simplify(geom, _SIMPLIFY_DEG, preserve_topology=False)
    out = mapping(shapely.set_precision(geom, 10**-_DIGITS) if geom.geom_type != "Point" else geom)
    return _round(out)


def _unwrap_array(xy: Any) -> Any:
    xy = xy.copy()
    xy[:, 0] = np.where(xy[:, 0] < -150.0, xy[:, 0] + 360.0, xy[:, 0])
    return xy


def _round(obj: Any) -> Any:
    if isinstance(obj, float):
        return round(obj, _DIGITS)
    if isinstance(obj, list | tuple):
        return [_round(v) for v in obj]
    if isinstance(obj, dict):
        return {k: _round(v) for k, v in obj.items()}
    return obj


def _width(props: dict[str, Any], as_of: dt.date) -> float:
    """Line width from the capacity in force (oil Mt/yr, gas bcm/yr, freight Mt/yr)."""
    best = 0.0
    for commodity in ("oil", "gas", "freight"):
        record = capacity_in_force(props.get("capacities"), commodity, as_of)
        if record:
            best = max(best, float(record["value"]))
    if best <= 0:
        return 2.0
    return round(min(2.0 + best / 8.0, 9.0), 1)


def _records(records: Any, fields: tuple[str, ...]) -> list[list[Any]]:
    out = []
    for r in records or []:
        if isinstance(r, dict):
            out.append(
                [
                    _e(r.get(f, "")) if f != "sources" else [_e(s) for s in r.get("sources", [])]
                    for f in fields
                ]
            )
    return out


def _compact(props: dict[str, Any], layer: str, as_of: dt.date) -> dict[str, Any]:
    """Return the properties a map needs, every text escaped."""
    status = props.get("status")
    p: dict[str, Any] = {
        "id": _e(props["id"]),
        "n": _e(props.get("name", props["id"])),
        "ru": _e(props.get("name_ru", "")),
        "zh": _e(props.get("name_zh", "")),
        "k": _e(props.get("kind", "")),
        "s": _e(status or ""),
        "o": _e(props.get("opened") or ""),
        "e": _e(props.get("expected") or ""),
        "c": _e(props.get("closed") or ""),
        "vy": node_window(props).years(),
        "cn": [_e(c) for c in props.get("countries") or []],
        "src": [_e(s) for s in props.get("sources") or []],
        "ls": [_e(s) for s in props.get("location_sources") or []],
        "q": _e(props.get("geometry_quality", "")),
        "nt": _e(props.get("notes", "")),
        "caps": _records(props.get("capacities"), ("commodity", "value", "unit", "basis", "year", "sources")),
        "figs": _records(props.get("figures"), ("metric", "value", "unit", "basis", "year", "sources")),
        "cl": _records(props.get("claims"), ("field", "value", "note", "sources")),
    }
    if props.get("aliases"):
        p["al"] = [_e(a) for a in props["aliases"]]  # for the search box
    if "from" in props:
        p.update(
            {
                "fr": _e(props["from"]),
                "to": _e(props["to"]),
                "m": _e(props.get("mode", "")),
                "ga": [int(g) for g in props.get("gauge_mm") or []],
                "om": [int(m) for m in props.get("open_months") or []],
                "len": _records(props.get("lengths"), ("value", "unit", "basis", "sources")),
                "w": _width(props, as_of),
            }
        )
    if layer == "border_crossings":
        cps = props.get("checkpoints") or {}
        p["cp"] = [_e((cps.get(c) or {}).get("name", "")) for c in ("RU", "CN")]
        p["md"] = [_e(m) for m in props.get("modes") or []]
    return p


def _json(payload: Any) -> str:
    """JSON that cannot close its script element."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _base_map(location: tuple[float, float] = (52.0, 125.0), zoom: int = 4) -> folium.Map:
    m = folium.Map(
        location=list(location), zoom_start=zoom, tiles=None, control_scale=True, prefer_canvas=True
    )
    # Leaflet and its plugins come from corridormap._assets; the maps draw their own markers and
    # controls, so folium's default jQuery, Bootstrap and icon fonts are not loaded at all.
    m.default_js = []
    m.default_css = []
    return m


@lru_cache(maxsize=2)
def _land(tolerance: float = 0.1) -> dict[str, Any]:
    """Natural Earth land, simplified by ``tolerance`` degrees, as an offline base layer.

    0.1° (about 10 km) for the map, 0.5° for the mini-map (150 pixels across the region);
    islands smaller than five cells of the tolerance are left out.
    """
    path = default_data_dir() / "naturalearth" / "ne_10m_land_region.geojson"
    doc = json.loads(path.read_text(encoding="utf-8"))
    land = shapely.union_all([shape(f["geometry"]) for f in doc["features"]])
    land = shapely.transform(land, _unwrap_array)
    land = shapely.simplify(land, tolerance, preserve_topology=True).buffer(0)
    parts = [p for p in getattr(land, "geoms", [land]) if p.area > 5 * tolerance**2]
    return _round(mapping(shapely.set_precision(shapely.MultiPolygon(parts), tolerance / 10)))


def _backbone_features(ds: Dataset) -> Any:
    """Return the dataset's ``backbone`` layer if it has one, else its railway backbone file."""
    layer = ds.raw.layers.get("backbone") or {}
    if layer.get("features"):
        return layer["features"]
    from .backbone import load_backbone

    return load_backbone(ds.path)


def _backbone(features: Any) -> dict[str, Any] | None:
    """Encode backbone lines compactly: simplified, on a grid, as delta-encoded integers.

    Returns ``None`` for no lines, else ``k`` (grid units per degree), ``n`` (the vertices of
    each drawn line), ``d`` (longitude and latitude steps from the previous vertex, in grid
    units, running on across lines), ``f`` (each drawn line's feature, where a feature has more
    than one part), and per feature the escaped ``ids``, ``names`` and ``km`` (stated length).
    """
    from .backbone import Backbone, link_name

    if features is None:
        return None
    if isinstance(features, Backbone):  # the railway backbone file: no GeoJSON detour for 44k lines
        return _encode_lines(
            features.geometry,
            [f"bb-link-{i}" for i in features.link_id.tolist()],
            [
                link_name(c, g)
                for c, g in zip(features.country.tolist(), features.gauge_mm.tolist(), strict=True)
            ],
            features.length_km.tolist(),
        )
    if hasattr(features, "to_geo_dict"):  # a GeoDataFrame
        features = features.to_geo_dict(drop_id=True)["features"]
    elif isinstance(features, dict):
        features = features.get("features", [])
    features = [f for f in features if f.get("geometry")]
    if not features:
        return None
    props = [f.get("properties") or {} for f in features]
    return _encode_lines(
        np.array([shape(f["geometry"]) for f in features], dtype=object),
        [p.get("id", i) for i, p in enumerate(props)],
        [p.get("name") or "" for p in props],
        [p.get("length_km") for p in props],
    )


def _encode_lines(geoms: np.ndarray, ids: list[Any], names: list[str], km: list[Any]) -> dict[str, Any]:
    """Encode lines with their ids, names and stated lengths as :func:`_backbone` describes."""
    geoms = shapely.transform(geoms, _unwrap_array)
    geoms = shapely.simplify(geoms, settings.map_backbone_simplify_deg, preserve_topology=False)
    parts, owner = shapely.get_parts(geoms, return_index=True)
    coords, index = shapely.get_coordinates(parts, return_index=True)
    k = 10**settings.map_backbone_digits
    grid = np.round(coords * k).astype(np.int64)
    keep = np.ones(len(grid), dtype=bool)  # drop repeated vertices on the grid
    keep[1:] = (index[1:] != index[:-1]) | np.any(grid[1:] != grid[:-1], axis=1)
    grid, index = grid[keep], index[keep]
    counts = np.bincount(index, minlength=len(parts))
    drawn = counts >= 2
    rows = np.repeat(drawn, counts)
    grid = grid[rows]
    steps = np.diff(grid, axis=0, prepend=np.zeros((1, 2), dtype=np.int64))
    out: dict[str, Any] = {
        "k": k,
        "n": counts[drawn].tolist(),
        "d": steps.ravel().tolist(),
        "ids": [_e(i) for i in ids],
        "names": [_e(n) for n in names],
        "km": [_number(x) for x in km],
    }
    if len(parts) != len(geoms):
        out["f"] = owner[drawn].tolist()
    return out


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return round(number, 1) if np.isfinite(number) else None


class _Raw(Element):
    """Text put into the page as it is: never compiled or rendered as a Jinja2 template.

    branca renders a macro's output again as a template (``Element(template)``), so anything
    from the data must not pass through a macro: it goes into the page through this element.
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text

    def render(self, **kwargs: Any) -> str:
        """Return the text unchanged."""
        return self._text


class _Script(MacroElement):
    """The page script, run after the map is made, with the map as ``map`` and the data as ``DATA``.

    The data go into the page as JSON in a ``<script type="application/json">`` element of their
    own (JSON that cannot close it), read with ``JSON.parse``; nothing from them is a template.
    """

    def __init__(self, payload: Any, code: str) -> None:
        super().__init__()
        self._name = "CorridormapScript"
        self.payload = _json(payload)
        self.code = code

    def render(self, **kwargs: Any) -> str:
        """Add the data and the script to the page (after the map's own script)."""
        figure: Any = self.get_root()
        parent: Any = self._parent
        data_id = f"{self.get_name()}_data"
        figure.html.add_child(
            _Raw(f'<script type="application/json" id="{data_id}">{self.payload}</script>'),
            name=data_id,
        )
        script = (
            f"(function () {{\nvar map = {parent.get_name()};\n"
            f'var DATA = JSON.parse(document.getElementById("{data_id}").textContent);\n'
            f"{self.code}\n}})();"
        )
        figure.script.add_child(_Raw(script), name=self.get_name())
        return ""


def _make_map(payload: dict[str, Any], page: str, title: str, cdn: bool = False) -> folium.Map:
    """Make a map that runs the shared script and one page script on a payload."""
    m = _base_map()
    shared = {"palette": palette(), "months": [name[:3] for name in MONTH_NAMES], "credit": CREDIT}
    m.add_child(_Script({**payload, **shared}, _script("common.js") + _script(page)))
    root: Any = m.get_root()
    # Leaflet and the plugins first: the map's own script, at the end of the page, needs them
    root.header.add_child(_Raw(page_assets(cdn=cdn)), name="corridormap_assets")
    root.header.add_child(_Raw(f"<style>{_script('maps.css')}\n{marker_css()}</style>"))
    root.title = _e(title)  # the page template inserts it as it is: escape it here
    return m


def _script(name: str) -> str:
    return (Path(__file__).with_name("_js") / name).read_text(encoding="utf-8")


def overview_map(
    ds: Dataset | None = None,
    *,
    as_of: str | dt.date | None = None,
    data: str | Path | None = None,
    cdn: bool = False,
    backbone: Any = None,
) -> folium.Map:
    """Draw the overview map of the whole network.

    Parameters
    ----------
    ds
        A loaded dataset; loaded from ``data`` (or the shipped dataset) if ``None``.
    as_of
        The year the year control starts at (today by default).
    data
        The dataset folder, if ``ds`` is not given.
    cdn
        Load Leaflet from the jsDelivr CDN instead of inlining it (a smaller file that needs
        the network).
    backbone
        The open backbone network to draw under the curated layers, as GeoJSON features (a
        FeatureCollection, a list of features or a GeoDataFrame) with line geometry; by default
        the dataset's ``backbone`` layer, if it has one.

    Returns
    -------
    folium.Map
        Displays inline in Jupyter; :func:`save_map` writes it to a file.
    """
    from .dataset import load

    ds = ds or load(data)
    day = as_of_date(as_of)
    layers = []
    for key, title, source, match in _LAYERS:
        features = []
        for feature in ds.features(source):
            props = feature["properties"]
            if match and any(props.get(k) != v for k, v in match.items()):
                continue
            features.append({"g": _display_geometry(feature["geometry"]), "p": _compact(props, source, day)})
        layers.append(
            {
                "key": key,
                "title": title,
                "colour": LAYER_COLOURS[key],
                "features": features,
                "on": key != "places",
            }
        )
    payload = {
        "layers": layers,
        "corridors": _corridors(ds),
        "sources": _sources(ds),
        "land": _land(),
        "land_mini": _land(settings.map_minimap_land_deg),
        "years": [FIRST_YEAR, LAST_YEAR],
        "year": min(max(day.year, FIRST_YEAR), LAST_YEAR),
        "now": dt.date.today().year,
        "events": _events(ds),
        "scorecard": _scorecard(ds),
        "backbone": _backbone(_backbone_features(ds) if backbone is None else backbone),
        "smooth": settings.map_backbone_smooth_px,
    }
    return _make_map(payload, "overview.js", "corridormap: China–Russia Far East and Arctic network", cdn)


def _events(ds: Dataset) -> list[dict[str, Any]]:
    """Return the timeline (``events.json``) for the year control: year, date, kind, title."""
    events = []
    for ev in ds.events:
        day = parse_date(ev.get("date"))
        if day is not None:
            events.append(
                {"y": day.year, "d": _e(ev["date"]), "k": _e(ev.get("kind", "")), "t": _e(ev["title"])}
            )
    return events


def _scorecard(ds: Dataset, plan: str = "plan-2018-2024") -> dict[str, Any] | None:
    """Return the plan scorecard for the map: each committed link with its commitments' statuses.

    A corridor's commitment colours each of its links. A link named by several commitments
    takes the status of the first that names it directly (not through a corridor).
    """
    from .plan import plan_scorecard

    if plan not in ds.plans:
        return None
    card = plan_scorecard(ds, plan)
    link_ids = {f["properties"]["id"] for layer in LINK_LAYERS for f in ds.features(layer)}
    links: dict[str, dict[str, Any]] = {}
    for direct in (True, False):
        for row in card.to_dict(orient="records"):
            for fid in row["features"]:
                members = [fid] if fid in link_ids else _members(ds, fid, link_ids)
                if (fid in link_ids) != direct:
                    continue
                for lid in members:
                    entry = links.setdefault(lid, {"id": _e(lid), "s": _e(row["status"]), "c": []})
                    entry["c"].append([_e(row["commitment"]), _e(row["title"]), _e(row["status"])])
    return {
        "plan": _e(card.attrs["plan_name"]),
        "as_of": _e(card.attrs["as_of"]),
        "colours": {_e(k): v for k, v in PLAN_STATUS_COLOURS.items()},
        "links": list(links.values()),
    }


def _members(ds: Dataset, cid: str, link_ids: set[str]) -> list[str]:
    """Return the links of a corridor's main chain (as the scorecard reads it), not its branches."""
    return [lid for lid in ds.corridors.get(cid, {}).get("links", []) if lid in link_ids]


def _corridors(ds: Dataset) -> list[dict[str, Any]]:
    """Return the named corridors, each with the links of its chains that the dataset has."""
    corridors = []
    link_ids = {f["properties"]["id"] for layer in LINK_LAYERS for f in ds.features(layer)}
    for cid, cor in ds.corridors.items():
        members = [
            lid for chain in [cor["links"], *cor.get("branches", [])] for lid in chain if lid in link_ids
        ]
        corridors.append(
            {
                "id": _e(cid),
                "n": _e(cor["name"]),
                "ru": _e(cor["name_ru"]),
                "zh": _e(cor["name_zh"]),
                "k": _e(cor["kind"]),
                "links": [_e(x) for x in members],
            }
        )
    return corridors


def _sources(ds: Dataset) -> dict[str, list[Any]]:
    """Return the source registry as the popups show it: title, publisher, date and a safe link."""
    return {
        _e(sid): [
            _e(s.get("title", "")),
            _e(s.get("publisher", "")),
            _e(s.get("date") or s.get("accessed") or ""),
            _safe_url(s.get("url")),
        ]
        for sid, s in ds.sources.items()
    }


def _background(ds: Dataset) -> dict[str, Any]:
    """Return the faded network and the offline land base that route and flow maps sit on."""
    lines = [
        _display_geometry(feature["geometry"])
        for layer in ("sea_lanes", "roads", "rail", "pipelines", "bridges")
        for feature in ds.features(layer)
    ]
    return {"network": lines, "land": _land()}


def route_map(route: Any, ds: Dataset | None = None, *, cdn: bool = False) -> folium.Map:
    """Draw one route over the faded network.

    Legs are coloured by mode, crossings and transfers marked, and a summary box gives the totals.

    Parameters
    ----------
    route
        A route (:func:`corridormap.route`), or its GeoJSON (``Route.to_geojson()``): one
        feature per leg, the route's summary in the collection's ``properties``.
    ds
        The dataset for the background network (the shipped one if ``None``).
    cdn
        Load Leaflet from the jsDelivr CDN instead of inlining it.

    Returns
    -------
    folium.Map
    """
    from .dataset import load

    ds = ds or load()
    gj = collection(route, "route")
    d = gj["properties"]
    legs = []
    for feature in gj["features"]:
        p = feature["properties"]
        legs.append(
            {
                "g": _display_geometry(feature["geometry"]),
                "mode": _e(p["mode"]),
                "from": _e(p["from"]),
                "to": _e(p["to"]),
                "km": p["length_km"],
                "h": p["time_h"],
                "features": [_e(f) for f in p["features"]],
                "crossings": [_e(c) for c in p["crossings"]],
                "transfer": _e(p.get("transfer") or ""),
                "colour": MODE_COLOURS.get(p["mode"], MODE_COLOURS["transfer"]),
            }
        )
    names = f"{d['orig']['name']} → {d['dest']['name']}"
    summary = {
        "title": _e(names),
        "length_km": d["length_km"],
        "time_h": d["time_h"],
        "weight": _e(d["weight"]),
        "as_of": _e(d["restrictions"]["as_of"]),
        "month": d["restrictions"]["month"],
        "crossings": [_e(c) for c in d["crossings"]],
        "transfers": [
            _e(p["properties"]["transfer"]) for p in gj["features"] if p["properties"].get("transfer")
        ],
    }
    nodes = {f["properties"]["id"]: f for f in ds.features("border_crossings")}
    crossings = [
        {
            "n": _e(nodes[c]["properties"]["name"]),
            "lat": float(nodes[c]["geometry"]["coordinates"][1]),
            "lon": _unwrap(float(nodes[c]["geometry"]["coordinates"][0])),
        }
        for c in d["crossings"]
        if c in nodes
    ]
    payload = {**_background(ds), "legs": legs, "crossings": crossings, "summary": summary}
    return _make_map(payload, "route.js", f"corridormap route: {names.replace('→', 'to')}", cdn)


def flow_map(result: Any, G: Any = None, ds: Dataset | None = None, *, cdn: bool = False) -> folium.Map:
    """Draw a maximum flow: widths by volume, the minimum cut highlighted, a summary box.

    Parameters
    ----------
    result
        A flow (:func:`corridormap.flows.max_flow`), or its GeoJSON (``FlowResult.to_geojson()``).
    G
        Not needed: the result carries its geometry (kept so that older calls work).
    ds
        The dataset for the background network (the shipped one if ``None``).
    cdn
        Load Leaflet from the jsDelivr CDN instead of inlining it.

    Returns
    -------
    folium.Map
    """
    from .dataset import load

    ds = ds or load()
    gj = collection(result, "flow")
    d = gj["properties"]
    lines = [f for f in gj["features"] if f["properties"]["role"] == "flow"]
    points = [f for f in gj["features"] if f["properties"]["role"] != "flow"]
    top = max((f["properties"]["flow"] for f in lines), default=0.0) or 1.0
    flows = [
        {
            "g": _display_geometry(f["geometry"]),
            "id": _e(f["properties"]["id"]),
            "v": f["properties"]["flow"],
            "w": round(2 + 10 * f["properties"]["flow"] / top, 1),
            "cut": bool(f["properties"]["in_cut"]),
        }
        for f in lines
    ]
    nodes = [
        {
            "id": _e(f["properties"]["id"]),
            "n": _e(f["properties"]["name"]),
            "lat": f["geometry"]["coordinates"][1],
            "lon": _unwrap(f["geometry"]["coordinates"][0]),
            "role": f["properties"]["role"],
        }
        for f in points
    ]
    summary = {
        "title": _e(f"Maximum {d['commodity']} flow"),
        "value": d["value"],
        "unit": _e(d["unit"]),
        "as_of": _e(d["scenario"]["as_of"]),
        "sources": [_e(p["name"]) for p in d["sources"]],
        "sinks": [_e(p["name"]) for p in d["sinks"]],
        "binding": [
            [_e(b["id"]), b["value"], _e(b["unit"]), _e(b["basis"]), _e(b["year"])] for b in d["binding"]
        ],
    }
    payload = {**_background(ds), "flows": flows, "nodes": nodes, "summary": summary}
    return _make_map(payload, "flow.js", f"corridormap flow: {d['commodity']}", cdn)


def save_map(m: folium.Map, path: str | Path, *, protect: Iterable[str | Path] = ()) -> Path:
    """Write a map to an HTML file: rendered completely first, then moved into place.

    Parameters
    ----------
    m
        A map from this module.
    path
        Where to write it (its folder is created).
    protect
        Folders being read (the dataset): the map may not be written inside them.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    OutputError
        If the path is refused or cannot be written; a previous file there is left unchanged.
    """
    check_output(path, protect)
    html_text = m.get_root().render()
    return write_output(path, html_text, protect)


register("route_map", route_map)
register("flow_map", flow_map)
register("overview_map", overview_map)


def _classes(values: list[float], n: int) -> list[float]:
    """Return the upper bounds of ``n`` equal classes from 0 to the largest value."""
    top = max(values, default=0.0) or 1.0
    return [top * (i + 1) / n for i in range(n)]


def sweep_map(
    frame: Any, *, title: str = "Sweep: criticality", unit: str = "", ds: Dataset | None = None
) -> folium.Map:
    """Draw the links and nodes of a sweep coloured by criticality, with a legend.

    Parameters
    ----------
    frame
        A DataFrame with ``id`` (a feature or node of the dataset), ``value`` (the expected or
        mean loss) and ``binds`` (share of scenarios in the minimum cut, or NaN), as
        :meth:`corridormap.sweeps.SweepResult.map` makes it.
    title, unit
        The map's title and the unit of ``value``.
    ds
        The dataset whose geometry is drawn (the shipped one if ``None``).

    Returns
    -------
    folium.Map
    """
    import math

    from .dataset import load
    from .style import CRITICALITY_COLOURS
    from .vocab import NODE_LAYERS

    ds = ds or load()
    where = {f["properties"]["id"]: (layer, f) for layer in ds.layers for f in ds.features(layer)}
    rows = [r for r in frame.to_dict(orient="records") if r["id"] in where]
    bounds = _classes([float(r["value"]) for r in rows], len(CRITICALITY_COLOURS))
    items = []
    for r in rows:
        layer, feature = where[r["id"]]
        value = float(r["value"])
        cls = next(i for i, b in enumerate(bounds) if value <= b + 1e-12)
        binds = r.get("binds")
        items.append(
            {
                "id": _e(r["id"]),
                "n": _e(feature["properties"].get("name", r["id"])),
                "g": _display_geometry(feature["geometry"]),
                "node": layer in NODE_LAYERS,
                "v": round(value, 3),
                "b": None
                if binds is None or (isinstance(binds, float) and math.isnan(binds))
                else round(binds, 3),
                "c": CRITICALITY_COLOURS[cls],
            }
        )
    low = [0.0, *bounds[:-1]]
    legend = [[CRITICALITY_COLOURS[i], round(low[i], 3), round(bounds[i], 3)] for i in range(len(bounds))]
    summary = {"title": _e(title), "unit": _e(unit), "legend": legend}
    payload = {**_background(ds), "items": items, "summary": summary}
    return _make_map(payload, "sweep.js", f"corridormap sweep: {title}")


register("sweep_map", sweep_map)

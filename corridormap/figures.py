"""Static figures for print: the network over Natural Earth in a regional or a polar projection.

The only module that imports matplotlib. Two projections:

- ``fareast``: a Lambert conformal conic projection centred on the Russian Far East and
  Northeast China (standard parallels 40° and 60° N, central meridian 125° E);
- ``arctic``: a north polar stereographic projection (central meridian 100° E) for the Arctic
  and the Northern Sea Route, which Web Mercator cannot show.

Both are continuous across the 180th meridian, so lines cut there in the data (Chukotka, the
Bering Strait) are drawn whole, the short way. Every figure has a legend, a graticule, a scale
bar, a title and a credit line; route and flow results are drawn over the network the same way.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import shape

from ._errors import InvalidArgumentError
from ._results import collection
from .dates import as_of_date
from .io import default_data_dir
from .outputs import write_output
from .state import node_window
from .style import BASE_COLOURS, FLOW_COLOURS, LAYER_COLOURS, MODE_COLOURS

if TYPE_CHECKING:
    import matplotlib.figure

    from .dataset import Dataset

__all__ = ["REGIONS", "network_figure", "save_figure"]

#: Projection and extent (in projected metres: x0, x1, y0, y1) of each region.
REGIONS: dict[str, dict[str, Any]] = {
    "fareast": {
        "crs": "+proj=lcc +lat_1=40 +lat_2=60 +lat_0=50 +lon_0=125 +datum=WGS84 +units=m",
        "extent": (-2_300_000, 2_600_000, -1_900_000, 1_700_000),
        "title": "The China–Russia Far East",
        "lons": range(90, 181, 10),
        "lats": range(30, 71, 10),
    },
    "arctic": {
        "crs": "+proj=stere +lat_0=90 +lat_ts=70 +lon_0=100 +datum=WGS84 +units=m",
        "extent": (-3_900_000, 3_900_000, -5_600_000, 2_300_000),
        "title": "The Arctic and the Northern Sea Route",
        "lons": range(-180, 180, 30),
        "lats": range(50, 90, 10),
    },
}

_STYLE = {
    "sea_lanes": (LAYER_COLOURS["sea_lanes"], "Sea lane"),
    "roads": (LAYER_COLOURS["roads"], "Road"),
    "rail": (LAYER_COLOURS["rail"], "Railway"),
    "oil": (LAYER_COLOURS["pipelines_oil"], "Oil pipeline"),
    "gas": (LAYER_COLOURS["pipelines_gas"], "Gas pipeline"),
    "bridges": (LAYER_COLOURS["bridges"], "Bridge"),
}
_CREDIT = (
    "Data: corridormap (every feature's sources in geodata/sources.json). Rail and road lines © OpenStreetMap "
    "contributors (ODbL); pipelines: Global Energy Monitor (CC BY 4.0). Base: Made with Natural Earth."
)


def _transformer(region: str) -> Transformer:
    return Transformer.from_crs("EPSG:4326", REGIONS[region]["crs"], always_xy=True)


def _project(geom: Any, t: Transformer) -> Any:
    return shapely.transform(geom, lambda xy: np.column_stack(t.transform(xy[:, 0], xy[:, 1])))


def _lines(ax: Any, geom: Any, t: Transformer, **style: Any) -> None:
    projected = _project(geom, t)
    for part in getattr(projected, "geoms", [projected]):
        xy = np.asarray(part.coords)
        if len(xy) >= 2 and np.all(np.isfinite(xy)):
            ax.plot(xy[:, 0], xy[:, 1], **style)


def _base(ax: Any, region: str, t: Transformer) -> None:
    folder = default_data_dir() / "naturalearth"
    land = json.loads((folder / "ne_10m_land_region.geojson").read_text(encoding="utf-8"))
    x0, x1, y0, y1 = REGIONS[region]["extent"]
    frame = shapely.box(x0, y0, x1, y1)
    ax.set_facecolor(BASE_COLOURS["sea"])
    for f in land["features"]:
        poly = _project(shape(f["geometry"]), t)
        if not poly.is_valid:
            poly = poly.buffer(0)
        poly = poly.intersection(frame)
        for part in getattr(poly, "geoms", [poly]):
            if part.geom_type == "Polygon" and not part.is_empty:
                xy = np.asarray(part.exterior.coords)
                ax.fill(
                    xy[:, 0],
                    xy[:, 1],
                    facecolor=BASE_COLOURS["land"],
                    edgecolor=BASE_COLOURS["coast"],
                    linewidth=0.3,
                    zorder=1,
                )
    borders = json.loads((folder / "ne_10m_boundary_lines_land_region.geojson").read_text(encoding="utf-8"))
    for f in borders["features"]:
        _lines(
            ax,
            shape(f["geometry"]),
            t,
            color=BASE_COLOURS["border"],
            linewidth=0.5,
            linestyle=(0, (3, 2)),
            zorder=2,
        )


def _graticule(ax: Any, region: str, t: Transformer) -> None:
    spec = REGIONS[region]
    for lon in spec["lons"]:
        line = shapely.LineString([(lon, lat) for lat in np.linspace(min(spec["lats"]) - 10, 89.5, 60)])
        _lines(ax, line, t, color=BASE_COLOURS["graticule"], linewidth=0.4, zorder=1.5)
    for lat in spec["lats"]:
        line = shapely.LineString([(lon, lat) for lon in np.linspace(-180, 180, 361)])
        _lines(ax, line, t, color=BASE_COLOURS["graticule"], linewidth=0.4, zorder=1.5)
    x0, x1, y0, y1 = spec["extent"]
    for lat in spec["lats"]:
        for lon in spec["lons"]:
            x, y = t.transform(lon, lat)
            if x0 < x < x1 and y0 < y < y1 and (lon % 30 == 0) and (lat % 20 == 0 or region == "fareast"):
                label = f"{lat}°N {abs(lon)}°{'W' if lon < 0 else 'E'}"
                ax.annotate(label, (x, y), fontsize=6, color=BASE_COLOURS["label"], zorder=1.6)


def _scale_bar(ax: Any, region: str, t: Transformer) -> None:
    """Draw a scale bar true at the centre of the map (the scale varies away from it)."""
    x0, x1, y0, y1 = REGIONS[region]["extent"]
    back = Transformer.from_crs(REGIONS[region]["crs"], "EPSG:4326", always_xy=True)
    from .geodesy import distance_km

    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    lon_a, lat_a = back.transform(cx, cy)
    lon_b, lat_b = back.transform(cx + 100_000, cy)
    km_per_100k = float(distance_km(lon_a, lat_a, lon_b, lat_b))
    length_km = 500 if region == "fareast" else 1000
    length_m = 100_000 * length_km / km_per_100k
    bx, by = x0 + 0.05 * (x1 - x0), y0 + 0.05 * (y1 - y0)
    ax.plot([bx, bx + length_m], [by, by], color="black", linewidth=2.5, solid_capstyle="butt", zorder=6)
    ax.text(
        bx + length_m / 2,
        by + 0.015 * (y1 - y0),
        f"{length_km:,} km (at the centre)",
        ha="center",
        fontsize=7,
        zorder=6,
    )


_WIDTHS = {"sea_lanes": 0.8, "roads": 0.7, "rail": 0.9, "pipelines": 1.6, "bridges": 2.5}


def _text(value: Any) -> str:
    """Text from data, safe for matplotlib: dollar signs would start mathtext."""
    return str(value).replace("$", r"\$")


def _draw_network(ax: Any, ds: Dataset, day: dt.date, t: Transformer, faded: bool) -> None:
    """Draw every link open at the date (the one rule of :mod:`corridormap.state`); planned ones dotted."""
    for layer in ("sea_lanes", "roads", "rail", "pipelines", "bridges"):
        for feature in ds.features(layer):
            p = feature["properties"]
            window = node_window(p)
            planned = window.planned
            if not planned and not window.is_open(day):
                continue
            key = p.get("commodity", "oil") if layer == "pipelines" else layer
            _lines(
                ax,
                shape(feature["geometry"]),
                t,
                color=BASE_COLOURS["coast"] if faded else _STYLE[key][0],
                linewidth=_WIDTHS[layer] * (0.6 if faded else 1),
                linestyle=(0, (1.5, 2)) if planned else "-",
                alpha=0.5 if (faded or planned) else 0.9,
                zorder=3,
            )


def _draw_nodes(ax: Any, ds: Dataset, t: Transformer) -> list[Any]:
    """Draw ports and border crossings; return the legend's handles for the network."""
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], color=c, linewidth=2, label=label) for c, label in _STYLE.values()]
    handles.append(
        Line2D(
            [],
            [],
            color=BASE_COLOURS["text"],
            linewidth=1.5,
            linestyle=(0, (1.5, 2)),
            label="planned or under construction",
        )
    )
    for layer, marker, label in (("ports", "s", "Port"), ("border_crossings", "D", "Border crossing")):
        coords = np.array([f["geometry"]["coordinates"][:2] for f in ds.features(layer)], dtype=float)
        if not len(coords):
            continue
        colour = LAYER_COLOURS[layer]
        xs, ys = t.transform(coords[:, 0], coords[:, 1])
        ax.scatter(xs, ys, marker=marker, s=18, color=colour, edgecolor="white", linewidth=0.6, zorder=5)
        handles.append(
            Line2D([], [], marker=marker, color="white", markerfacecolor=colour, markersize=6, label=label)
        )
    return handles


def _draw_route(ax: Any, gj: dict[str, Any], t: Transformer) -> list[Any]:
    """Draw a route's legs by mode and its two ends, from its GeoJSON; return the legend's handles."""
    from matplotlib.lines import Line2D

    handles = []
    seen = set()
    for feature in gj["features"]:
        mode = feature["properties"]["mode"]
        if mode == "transfer":
            continue
        colour = MODE_COLOURS.get(mode, MODE_COLOURS["transfer"])
        _lines(ax, shape(feature["geometry"]), t, color=colour, linewidth=3, zorder=6, solid_capstyle="round")
        if mode not in seen:
            handles.append(Line2D([], [], color=colour, linewidth=3, label=_text(f"route: {mode}")))
            seen.add(mode)
    d = gj["properties"]
    ends = d.get("ends") or [[0.0, 0.0], [0.0, 0.0]]
    xs, ys = t.transform([c[0] for c in ends], [c[1] for c in ends])
    ax.scatter(xs, ys, s=40, color=BASE_COLOURS["route_end"], edgecolor="white", zorder=7)
    for x, y, place in zip(xs, ys, (d["orig"], d["dest"]), strict=True):
        ax.annotate(
            _text(place["name"]), (x, y), xytext=(4, 4), textcoords="offset points", fontsize=8, zorder=7
        )
    return handles


def _draw_flow(ax: Any, gj: dict[str, Any], t: Transformer) -> list[Any]:
    """Draw a flow's features, width by volume and the minimum cut in red; return the legend's handles."""
    from matplotlib.lines import Line2D

    lines = [f for f in gj["features"] if f["properties"]["role"] == "flow"]
    top = max((f["properties"]["flow"] for f in lines), default=0.0) or 1.0
    for f in lines:
        p = f["properties"]
        _lines(
            ax,
            shape(f["geometry"]),
            t,
            color=FLOW_COLOURS["cut"] if p["in_cut"] else FLOW_COLOURS["flow"],
            linewidth=1.5 + 6 * p["flow"] / top,
            zorder=6,
            solid_capstyle="round",
        )
    commodity = _text(gj["properties"]["commodity"])
    return [
        Line2D([], [], color=FLOW_COLOURS["flow"], linewidth=4, label=f"{commodity} flow (width: volume)"),
        Line2D([], [], color=FLOW_COLOURS["cut"], linewidth=4, label="minimum cut"),
    ]


def _title(region: str, day: dt.date, route: dict[str, Any] | None, flow: dict[str, Any] | None) -> str:
    title = REGIONS[region]["title"]
    if route is not None:
        d = route["properties"]
        title = f"{d['orig']['name']} → {d['dest']['name']}: {d['length_km']:,.0f} km"
    elif flow is not None:
        d = flow["properties"]
        value = "unbounded" if d["value"] is None else f"{d['value']:,.3g} {d['unit']}"
        title = f"Maximum {d['commodity']} flow: {value}"
    return _text(title + f" (network as of {day.isoformat()})")


def network_figure(
    ds: Dataset | None = None,
    *,
    region: str = "fareast",
    as_of: str | dt.date | None = None,
    route: Any = None,
    flow: Any = None,
    G: Any = None,
    title: str | None = None,
) -> matplotlib.figure.Figure:
    """Draw the network (and a route or a flow) over Natural Earth in a regional or polar projection.

    Parameters
    ----------
    ds
        The dataset; the shipped one if ``None``.
    region
        ``"fareast"`` (Lambert conformal conic) or ``"arctic"`` (north polar stereographic).
    as_of
        Draw the network as it was at this date (what had opened; planned projects dotted).
    route
        A route to draw over the faded network (:func:`corridormap.route`, or its GeoJSON).
    flow
        A flow result to draw over the faded network (:func:`corridormap.flows.max_flow`, or its
        GeoJSON).
    G
        Not needed (results carry their geometry); kept so that older calls work.
    title
        The figure's title (a default that says what is drawn otherwise). Dollar signs are
        shown as such, never read as mathtext.

    Returns
    -------
    matplotlib.figure.Figure
        :func:`save_figure` writes it as PNG, SVG or PDF.

    Raises
    ------
    CorridorMapError
        For an unknown region or an impossible date.
    """
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    from .dataset import load

    if region not in REGIONS:
        raise InvalidArgumentError(f"unknown region {region!r}: use {', '.join(REGIONS)}")
    day = as_of_date(as_of)
    route_gj = None if route is None else collection(route, "route")
    flow_gj = None if flow is None else collection(flow, "flow")
    ds = ds or load()
    t = _transformer(region)
    fig, ax = plt.subplots(figsize=(11, 8.5 if region == "fareast" else 9.5), dpi=120)
    _base(ax, region, t)
    _graticule(ax, region, t)
    faded = route_gj is not None or flow_gj is not None
    _draw_network(ax, ds, day, t, faded)
    handles = [] if faded else _draw_nodes(ax, ds, t)
    if route_gj is not None:
        handles += _draw_route(ax, route_gj, t)
    if flow_gj is not None:
        handles += _draw_flow(ax, flow_gj, t)
    x0, x1, y0, y1 = REGIONS[region]["extent"]
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    _scale_bar(ax, region, t)
    ax.set_title(_title(region, day, route_gj, flow_gj) if title is None else _text(title), fontsize=12)
    if handles:
        ax.legend(handles=handles, loc="upper left", fontsize=7, framealpha=0.9)
    fig.text(0.01, 0.01, _CREDIT, fontsize=6.5, color=BASE_COLOURS["text"])
    fig.tight_layout()
    return fig


def save_figure(
    fig: matplotlib.figure.Figure, path: str | Path, *, protect: Iterable[str | Path] = ()
) -> Path:
    """Write a figure as PNG, SVG or PDF (by the file's extension), atomically, creating its folder.

    Parameters
    ----------
    fig
        From :func:`network_figure`.
    path
        ``*.png``, ``*.svg`` or ``*.pdf``.
    protect
        Folders being read (the dataset): the figure may not be written inside them.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    InvalidArgumentError
        For another extension.
    OutputError
        If the path is refused or cannot be written; a previous file there is left unchanged.
    """
    out = Path(path)
    suffix = out.suffix.lower()
    if suffix not in (".png", ".svg", ".pdf"):
        raise InvalidArgumentError(f"cannot write {out.name!r}: give a .png, .svg or .pdf file")
    return write_output(out, lambda tmp: fig.savefig(tmp, bbox_inches="tight", format=suffix[1:]), protect)

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
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import shape

from ._errors import CorridorMapError
from .dates import as_of_date, parse_date
from .graph import feature_edges
from .io import default_data_dir
from .style import LAYER_COLOURS, MODE_COLOURS

if TYPE_CHECKING:
    import matplotlib.figure
    import networkx as nx

    from .dataset import Dataset
    from .flows import FlowResult
    from .routing import Route

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
    "Data: corridormap (every feature's sources in geodata/sources.json). Base: Made with Natural Earth."
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
    ax.set_facecolor("#d4e6f1")
    for f in land["features"]:
        poly = _project(shape(f["geometry"]), t)
        if not poly.is_valid:
            poly = poly.buffer(0)
        poly = poly.intersection(frame)
        for part in getattr(poly, "geoms", [poly]):
            if part.geom_type == "Polygon" and not part.is_empty:
                xy = np.asarray(part.exterior.coords)
                ax.fill(xy[:, 0], xy[:, 1], facecolor="#f5f2eb", edgecolor="#9e9e9e", linewidth=0.3, zorder=1)
    borders = json.loads((folder / "ne_10m_boundary_lines_land_region.geojson").read_text(encoding="utf-8"))
    for f in borders["features"]:
        _lines(ax, shape(f["geometry"]), t, color="#8c6bb1", linewidth=0.5, linestyle=(0, (3, 2)), zorder=2)


def _graticule(ax: Any, region: str, t: Transformer) -> None:
    spec = REGIONS[region]
    for lon in spec["lons"]:
        line = shapely.LineString([(lon, lat) for lat in np.linspace(min(spec["lats"]) - 10, 89.5, 60)])
        _lines(ax, line, t, color="#bdbdbd", linewidth=0.4, zorder=1.5)
    for lat in spec["lats"]:
        line = shapely.LineString([(lon, lat) for lon in np.linspace(-180, 180, 361)])
        _lines(ax, line, t, color="#bdbdbd", linewidth=0.4, zorder=1.5)
    x0, x1, y0, y1 = spec["extent"]
    for lat in spec["lats"]:
        for lon in spec["lons"]:
            x, y = t.transform(lon, lat)
            if x0 < x < x1 and y0 < y < y1 and (lon % 30 == 0) and (lat % 20 == 0 or region == "fareast"):
                label = f"{lat}°N {abs(lon)}°{'W' if lon < 0 else 'E'}"
                ax.annotate(label, (x, y), fontsize=6, color="#888888", zorder=1.6)


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


def network_figure(
    ds: Dataset | None = None,
    *,
    region: str = "fareast",
    as_of: str | dt.date | None = None,
    route: Route | None = None,
    flow: FlowResult | None = None,
    G: nx.MultiDiGraph | None = None,
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
        A route to draw over the faded network (:func:`corridormap.route`).
    flow
        A flow result to draw over the faded network (needs ``G``, the graph it was computed on).
    G
        The transport graph, for ``flow``.
    title
        The figure's title (a default that says what is drawn otherwise).

    Returns
    -------
    matplotlib.figure.Figure
        :func:`save_figure` writes it as PNG, SVG or PDF.

    Raises
    ------
    CorridorMapError
        For an unknown region, an impossible date, or a flow without its graph.
    """
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    from .dataset import load

    if region not in REGIONS:
        raise CorridorMapError(f"unknown region {region!r}: use {', '.join(REGIONS)}")
    if flow is not None and G is None:
        raise CorridorMapError("a flow figure needs the graph the flow was computed on (G=...)")
    day = as_of_date(as_of)
    ds = ds or load()
    assert ds.raw is not None
    t = _transformer(region)
    fig, ax = plt.subplots(figsize=(11, 8.5 if region == "fareast" else 9.5), dpi=120)
    _base(ax, region, t)
    _graticule(ax, region, t)
    faded = route is not None or flow is not None
    handles = []
    for layer in ("sea_lanes", "roads", "rail", "pipelines", "bridges"):
        for feature in ds.raw.layers[layer]["features"]:
            p = feature["properties"]
            planned = p.get("status") in ("planned", "under_construction", "proposed")
            opened = parse_date(p.get("opened")) if isinstance(p.get("opened"), str) else None
            if not planned and opened is not None and opened > day:
                continue
            key = p.get("commodity", "oil") if layer == "pipelines" else layer
            colour = "#9e9e9e" if faded else _STYLE[key][0]
            width = {"sea_lanes": 0.8, "roads": 0.7, "rail": 0.9, "pipelines": 1.6, "bridges": 2.5}[layer]
            _lines(
                ax,
                shape(feature["geometry"]),
                t,
                color=colour,
                linewidth=width * (0.6 if faded else 1),
                linestyle=(0, (1.5, 2)) if planned else "-",
                alpha=0.5 if (faded or planned) else 0.9,
                zorder=3,
            )
    if not faded:
        handles = [Line2D([], [], color=c, linewidth=2, label=label) for c, label in _STYLE.values()]
        handles.append(
            Line2D(
                [],
                [],
                color="#555555",
                linewidth=1.5,
                linestyle=(0, (1.5, 2)),
                label="planned or under construction",
            )
        )
        nodes = ds.nodes
        for layer, marker, colour, label in (
            ("ports", "s", "#08519c", "Port"),
            ("border_crossings", "D", "#cb181d", "Border crossing"),
        ):
            pts = nodes[nodes["layer"] == layer]
            if len(pts):
                xs, ys = t.transform(pts.geometry.x.to_numpy(), pts.geometry.y.to_numpy())
                ax.scatter(
                    xs, ys, marker=marker, s=18, color=colour, edgecolor="white", linewidth=0.6, zorder=5
                )
                handles.append(
                    Line2D(
                        [],
                        [],
                        marker=marker,
                        color="white",
                        markerfacecolor=colour,
                        markersize=6,
                        label=label,
                    )
                )
    if route is not None:
        seen = set()
        for leg in route.legs:
            for geom in leg.geometry:
                _lines(
                    ax,
                    geom,
                    t,
                    color=MODE_COLOURS.get(leg.mode, "#444444"),
                    linewidth=3,
                    zorder=6,
                    solid_capstyle="round",
                )
            if leg.mode not in seen and leg.mode != "transfer":
                handles.append(
                    Line2D(
                        [],
                        [],
                        color=MODE_COLOURS.get(leg.mode, "#444444"),
                        linewidth=3,
                        label=f"route: {leg.mode}",
                    )
                )
                seen.add(leg.mode)
        ends = [route.orig.id, route.dest.id]
        coords = [(route._lonlat.get(n) or (0.0, 0.0)) for n in ends]
        xs, ys = t.transform([c[0] for c in coords], [c[1] for c in coords])
        ax.scatter(xs, ys, s=40, color="#756bb1", edgecolor="white", zorder=7)
        for x, y, match in zip(xs, ys, (route.orig, route.dest), strict=True):
            ax.annotate(match.name, (x, y), xytext=(4, 4), textcoords="offset points", fontsize=8, zorder=7)
    if flow is not None and G is not None:
        top = max(flow.flows.values(), default=0.0) or 1.0
        index = feature_edges(G)
        for fid, value in flow.flows.items():
            for _, _, d in index.get(fid, []):
                cut = fid in flow.min_cut["features"]
                _lines(
                    ax,
                    d["geometry"],
                    t,
                    color="#e31a1c" if cut else "#2c7fb8",
                    linewidth=1.5 + 6 * value / top,
                    zorder=6,
                    solid_capstyle="round",
                )
        handles += [
            Line2D([], [], color="#2c7fb8", linewidth=4, label=f"{flow.commodity} flow (width: volume)"),
            Line2D([], [], color="#e31a1c", linewidth=4, label="minimum cut"),
        ]
    x0, x1, y0, y1 = REGIONS[region]["extent"]
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    _scale_bar(ax, region, t)
    if title is None:
        title = REGIONS[region]["title"]
        if route is not None:
            title = f"{route.orig.name} → {route.dest.name}: {route.length_km:,.0f} km"
        elif flow is not None:
            title = f"Maximum {flow.commodity} flow: {flow.value:,.3g} {flow.unit}"
        title += f" (network as of {day.isoformat()})"
    ax.set_title(title, fontsize=12)
    if handles:
        ax.legend(handles=handles, loc="upper left", fontsize=7, framealpha=0.9)
    fig.text(0.01, 0.01, _CREDIT, fontsize=6.5, color="#555555")
    fig.tight_layout()
    return fig


def save_figure(fig: matplotlib.figure.Figure, path: str | Path) -> Path:
    """Write a figure as PNG, SVG or PDF (by the file's extension), creating its folder.

    Parameters
    ----------
    fig
        From :func:`network_figure`.
    path
        ``*.png``, ``*.svg`` or ``*.pdf``.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    CorridorMapError
        For another extension.
    """
    out = Path(path)
    if out.suffix.lower() not in (".png", ".svg", ".pdf"):
        raise CorridorMapError(f"cannot write {out.name!r}: give a .png, .svg or .pdf file")
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, bbox_inches="tight")
    return out

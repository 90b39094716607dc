"""Exports: the dataset, the transport graph and query results in the formats GIS tools read.

=========  ===================================================================================
what       formats
=========  ===================================================================================
dataset    ``gpkg`` (one file: a table per layer, ``sources``, ``corridors``, ``parameters`` and
           QGIS's ``layer_styles``); ``parquet``, ``geojson``, ``csv``: a folder with one file
           per layer and per table, and ``export.json`` listing them
graph      ``graphml`` (networkx; scalar attributes, geometry as WKT); ``gpkg`` (``nodes`` and
           ``edges`` in the OSMnx convention: ``u``, ``v``, ``key``, ``length_km``, ``time_h``)
result     ``geojson``, ``gpkg``, ``kml`` (Google Earth), ``gpx`` (a track), ``csv``
=========  ===================================================================================

Tables hold every attribute; lists and records (``countries``, ``capacities``, ``claims``) are
JSON text in the tabular formats and stay JSON in GeoJSON. CSV files carry the geometry as WKT
in their first column, ``WKT`` (what GDAL and QGIS read), and start with a byte order mark so
that Excel reads Russian and Chinese names right. Lines cut at the antimeridian stay cut, as
MultiLineStrings, in every format.

This module works on what it is given, duck-typed: a dataset (``layers``, ``features()``,
``sources``, ``corridors``, ``parameters``), a networkx graph, and any result with
``__geo_interface__``; so it imports no step above the records. Every file goes through
:mod:`corridormap.outputs`, atomically, never onto an input.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from . import _qgis, _tracks
from ._errors import InvalidArgumentError
from ._results import collection, strict
from ._version import __version__
from .outputs import write_folder, write_output

__all__ = ["FORMATS", "WRITES", "export_dataset", "export_format", "export_graph", "export_result"]

#: Every format an export can be written in.
FORMATS: tuple[str, ...] = ("gpkg", "parquet", "geojson", "csv", "graphml", "kml", "gpx")

#: The formats each kind of export is written in (``result``: a route or a flow).
WRITES: dict[str, tuple[str, ...]] = {
    "dataset": ("gpkg", "parquet", "geojson", "csv"),
    "graph": ("graphml", "gpkg"),
    "result": ("geojson", "gpkg", "kml", "gpx", "csv"),
}

_SUFFIXES = {
    ".gpkg": "gpkg",
    ".parquet": "parquet",
    ".geoparquet": "parquet",
    ".geojson": "geojson",
    ".json": "geojson",
    ".csv": "csv",
    ".graphml": "graphml",
    ".kml": "kml",
    ".gpx": "gpx",
}

#: The marker file of a dataset exported as a folder: what it holds, table by table.
MANIFEST = "export.json"

_FOLDER_FORMATS = ("parquet", "geojson", "csv")
_EXTENSIONS = {"parquet": ".parquet", "geojson": ".geojson", "csv": ".csv"}


def export_format(path: str | Path, format: str | None = None, what: str = "dataset") -> str:
    """Return the format an export is written in: ``format``, else the one the file's suffix names.

    Parameters
    ----------
    path
        The output file (or folder, for a dataset in ``parquet``, ``geojson`` or ``csv``).
    format
        One of :data:`FORMATS`, or ``None`` to read it from the suffix.
    what
        ``dataset``, ``graph`` or ``result``.

    Returns
    -------
    str

    Raises
    ------
    InvalidArgumentError
        For an unknown format or suffix, or a format this kind of export is not written in.

    Examples
    --------
    >>> export_format("route.kml", what="result")
    'kml'
    >>> export_format("graph.kml", what="graph")
    Traceback (most recent call last):
    ...
    corridormap._errors.InvalidArgumentError: a graph is exported as graphml or gpkg, not kml
    """
    allowed = WRITES[what]
    if format is None:
        suffix = Path(path).suffix.lower()
        if suffix not in _SUFFIXES:
            shown = f"suffix {suffix!r}" if suffix else "no suffix"
            raise InvalidArgumentError(
                f"cannot tell the format of {Path(path).name!r} ({shown}): give --format "
                + "|".join(allowed)
                + " or a file ending in "
                + ", ".join(s for s, f in _SUFFIXES.items() if f in allowed)
            )
        format = _SUFFIXES[suffix]
    elif format not in FORMATS:
        raise InvalidArgumentError(f"unknown export format {format!r}: formats are {', '.join(FORMATS)}")
    if format not in allowed:
        raise InvalidArgumentError(f"a {what} is exported as {' or '.join(allowed)}, not {format}")
    return format


def _flat(value: Any) -> Any:
    """Return a value as a table cell: lists and records as JSON text, missing values as None."""
    if isinstance(value, list | dict | tuple):
        return _json(value)
    return None if _is_nan(value) else value


def _flat_frame(frame: Any) -> Any:
    """Return a copy of a (Geo)DataFrame whose object columns are each of one type, ready for any format.

    Lists and records become JSON text (:func:`_flat`); a column that mixes kinds of value (a
    parameter's ``value``: a number, or a list of months) becomes JSON text throughout.
    """
    out = frame.reset_index(drop=True).copy()
    for column in out.columns:
        if column == getattr(out, "_geometry_column_name", None) or out[column].dtype != object:
            continue
        kinds = {type(v) for v in out[column] if v is not None and not _is_nan(v)}
        typed = {bool: "boolean", int: "Int64", float: "float64"}
        if len(kinds) == 1 and next(iter(kinds)) in typed:  # a flag or number with gaps
            out[column] = out[column].map(lambda v: None if _is_nan(v) else v).astype(typed[kinds.pop()])
        elif kinds == {int, float}:
            out[column] = out[column].astype("float64")
        elif len(kinds) > 1:
            out[column] = out[column].map(lambda v: None if v is None or _is_nan(v) else _json(v))
            out[column] = out[column].astype(object)
        else:
            out[column] = out[column].map(_flat).astype(object)
    return out


def _is_nan(value: Any) -> bool:
    return isinstance(value, float) and math.isnan(value)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _dumps(doc: Any) -> str:
    return json.dumps(strict(doc), ensure_ascii=False, allow_nan=False, default=str) + "\n"


def dataset_tables(ds: Any) -> dict[str, Any]:
    """Return the dataset's non-spatial tables: ``sources``, ``corridors`` and ``parameters``.

    Parameters
    ----------
    ds
        A :class:`~corridormap.Dataset`.

    Returns
    -------
    dict of str to pandas.DataFrame
        Flattened (lists as JSON text); parameters keyed by a ``name`` column.
    """
    import pandas as pd

    params = [{"name": name, **record} for name, record in ds.parameters.items()]
    tables = {
        "sources": pd.DataFrame(list(ds.sources.values())),
        "corridors": pd.DataFrame(list(ds.corridors.values())),
        "parameters": pd.DataFrame(params),
    }
    return {name: _flat_frame(frame) for name, frame in tables.items()}


def _layer_frames(ds: Any) -> dict[str, Any]:
    return {name: _flat_frame(gdf) for name, gdf in ds.layers.items()}


def _gpkg_writer(layers: dict[str, Any], tables: dict[str, Any], styles: bool) -> Callable[[Path], None]:
    """Return a writer of a GeoPackage of spatial layers and attribute tables (and their QGIS styles)."""

    def write(path: Path) -> None:
        import pandas as pd
        import pyogrio

        path.unlink(missing_ok=True)  # GDAL creates the GeoPackage; it cannot open the empty placeholder
        for name, frame in layers.items():
            pyogrio.write_dataframe(frame, path, layer=name, driver="GPKG")
        for name, frame in tables.items():
            pyogrio.write_dataframe(frame, path, layer=name, driver="GPKG")
        if styles:
            rows = _qgis.layer_style_rows(list(layers))
            frame = pd.DataFrame(rows, columns=list(_qgis.STYLE_COLUMNS))
            pyogrio.write_dataframe(frame, path, layer="layer_styles", driver="GPKG")

    return write


def _csv_writer(frame: Any) -> Callable[[Path], None]:
    """Return a writer of one table as UTF-8 CSV (with a byte order mark), its geometry as WKT first.

    Numbers are written so that they read back to the same float (pandas writes ``repr``), and
    coordinates at full precision (``shapely.to_wkt`` without rounding).
    """

    def write(path: Path) -> None:
        import pandas as pd
        import shapely

        table = pd.DataFrame(frame)
        geometry = getattr(frame, "_geometry_column_name", None)
        if geometry:
            wkt = shapely.to_wkt(frame.geometry.values, rounding_precision=-1)
            table = pd.concat([pd.Series(wkt, name="WKT"), table.drop(columns=geometry)], axis=1)
        table.to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\n")

    return write


def _folder_filler(ds: Any, format: str) -> Callable[[Path], None]:
    """Return a writer of the dataset as a folder: a file per layer and per table, and the manifest."""

    def fill(folder: Path) -> None:
        ext = _EXTENSIONS[format]
        counts: dict[str, int] = {}
        layers, tables = _layer_frames(ds), dataset_tables(ds)
        for name, frame in layers.items():
            target = folder / f"{name}{ext}"
            if format == "geojson":
                doc = {"type": "FeatureCollection", "name": name, "features": ds.features(name)}
                target.write_text(_dumps(doc), encoding="utf-8")
            elif format == "parquet":
                frame.to_parquet(target, index=False)
            else:
                _csv_writer(frame)(target)
            counts[name] = len(frame)
        for name, frame in tables.items():
            if format == "geojson":
                records = {"sources": list(ds.sources.values()), "corridors": list(ds.corridors.values())}
                doc = {name: records.get(name, ds.parameters)}
                (folder / f"{name}.json").write_text(_dumps(doc), encoding="utf-8")
            elif format == "parquet":
                frame.to_parquet(folder / f"{name}.parquet", index=False)
            else:
                _csv_writer(frame)(folder / f"{name}.csv")
            counts[name] = len(frame)
        manifest = {"corridormap": __version__, "what": "dataset", "format": format, "tables": counts}
        (folder / MANIFEST).write_text(_dumps(manifest), encoding="utf-8")

    return fill


def export_dataset(
    ds: Any, path: str | Path, format: str | None = None, protect: Iterable[str | Path] = ()
) -> Path:
    """Write the dataset: every layer with all its attributes, the sources, corridors and parameters.

    Parameters
    ----------
    ds
        A :class:`~corridormap.Dataset`.
    path
        A ``.gpkg`` file, or a folder for ``parquet``, ``geojson`` and ``csv`` (one file per
        layer and table, and ``export.json``).
    format
        One of ``WRITES["dataset"]``; ``None`` to read it from the suffix.
    protect
        Folders being read (the dataset's own folder is always protected).

    Returns
    -------
    pathlib.Path
        What was written.

    Raises
    ------
    InvalidArgumentError
        For a format a dataset is not written in.
    OutputError
        If the output cannot be written or would overwrite an input (or a folder corridormap
        did not write).
    """
    fmt = export_format(path, format, "dataset")
    guarded = [*protect, ds.path]
    if fmt == "gpkg":
        return write_output(path, _gpkg_writer(_layer_frames(ds), dataset_tables(ds), True), guarded)
    if Path(path).suffix:
        raise InvalidArgumentError(
            f"a dataset in {fmt} is a folder of files, one per table: name a folder without a suffix, "
            f"not {Path(path).name!r}, and give --format {fmt}"
        )
    return write_folder(path, _folder_filler(ds, fmt), MANIFEST, guarded)


def _scalar_attrs(attrs: dict[str, Any]) -> dict[str, Any]:
    """Attributes GraphML can hold: numbers, text and booleans; lists as JSON, geometry as WKT."""
    out: dict[str, Any] = {}
    for key, value in attrs.items():
        if key.startswith("_") or value is None:
            continue
        if hasattr(value, "wkt"):
            out[key] = value.wkt
        elif isinstance(value, bool | int | float | str):
            out[key] = value
        elif isinstance(value, list | dict | tuple):
            out[key] = json.dumps(value, ensure_ascii=False, default=str)
    return out


def graph_to_gdfs(G: Any) -> tuple[Any, Any]:
    """Return the graph's nodes and edges as GeoDataFrames, in the OSMnx convention.

    Parameters
    ----------
    G
        The transport graph (:func:`corridormap.build_graph`).

    Returns
    -------
    nodes, edges : geopandas.GeoDataFrame
        Nodes with ``id``, ``x`` (longitude), ``y`` (latitude) and their attributes; edges with
        ``u``, ``v``, ``key``, ``length_km``, ``time_h``, ``feature``, ``mode``, ``layer`` and
        the rest, each as its feature's geometry in the edge's direction.
    """
    import geopandas as gpd
    from shapely.geometry import Point

    node_rows = []
    for nid, attrs in G.nodes(data=True):
        flat = {k: v for k, v in _scalar_attrs(attrs).items() if k not in {"lon", "lat"}}
        node_rows.append({"id": nid, "x": attrs["lon"], "y": attrs["lat"], **flat})
    nodes = gpd.GeoDataFrame(node_rows, geometry=[Point(r["x"], r["y"]) for r in node_rows], crs="EPSG:4326")
    first = ["u", "v", "key", "length_km", "time_h", "feature", "mode", "layer"]
    edge_rows, geoms = [], []
    for u, v, key, attrs in G.edges(keys=True, data=True):
        flat = {k: val for k, val in _scalar_attrs(attrs).items() if k != "geometry"}
        edge_rows.append({"u": u, "v": v, "key": key, **flat})
        geoms.append(attrs.get("geometry"))
    edges = gpd.GeoDataFrame(edge_rows, geometry=geoms, crs="EPSG:4326")
    edges = edges[[c for c in first if c in edges] + [c for c in edges if c not in first]]
    return _flat_frame(nodes), _flat_frame(edges)


def _graphml_writer(G: Any) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        import networkx as nx

        H = nx.MultiDiGraph(**_scalar_attrs(G.graph))
        H.add_nodes_from((n, _scalar_attrs(d)) for n, d in G.nodes(data=True))
        H.add_edges_from((u, v, k, _scalar_attrs(d)) for u, v, k, d in G.edges(keys=True, data=True))
        nx.write_graphml(H, path)

    return write


def export_graph(
    G: Any, path: str | Path, format: str | None = None, protect: Iterable[str | Path] = ()
) -> Path:
    """Write the transport graph as GraphML or as a nodes/edges GeoPackage (OSMnx's convention).

    Parameters
    ----------
    G
        The transport graph.
    path
        A ``.graphml`` or ``.gpkg`` file.
    format
        ``graphml`` or ``gpkg``; ``None`` to read it from the suffix.
    protect
        Folders being read.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    InvalidArgumentError
        For a format a graph is not written in.
    OutputError
        If the file cannot be written or would overwrite an input.
    """
    fmt = export_format(path, format, "graph")
    if fmt == "graphml":
        return write_output(path, _graphml_writer(G), protect)
    nodes, edges = graph_to_gdfs(G)
    return write_output(path, _gpkg_writer({"nodes": nodes, "edges": edges}, {}, False), protect)


def _result_kind(gj: dict[str, Any]) -> str:
    """``route`` for a route's legs, ``flow`` for a flow, else ``features``."""
    props = [f["properties"] for f in gj["features"]]
    if props and all("leg" in p for p in props):
        return "route"
    if props and all("role" in p for p in props):
        return "flow"
    return "features"


def result_title(gj: dict[str, Any]) -> str:
    """Return a result's title: ``Harbin -> Vladivostok: 780 km`` or ``maximum oil flow: 30 Mt/yr``."""
    p = gj.get("properties") or {}
    if "orig" in p and "dest" in p:
        length = f": {p['length_km']:,.0f} km" if p.get("length_km") is not None else ""
        return f"{p['orig'].get('name', p['orig'].get('id'))} → {p['dest'].get('name', p['dest'].get('id'))}{length}"
    if "commodity" in p:
        value = "unbounded" if p.get("value") is None else f"{p['value']:,.3g} {p.get('unit', '')}"
        return f"maximum {p['commodity']} flow: {value}"
    return "corridormap result"


def result_to_gdf(result: Any) -> Any:
    """Return a result's features as a flattened GeoDataFrame (lists as JSON text), EPSG:4326."""
    import geopandas as gpd

    gj = collection(result)
    return _flat_frame(gpd.GeoDataFrame.from_features(gj["features"], crs="EPSG:4326"))


def export_result(
    result: Any, path: str | Path, format: str | None = None, protect: Iterable[str | Path] = ()
) -> Path:
    """Write a route, a flow or any result with ``__geo_interface__``.

    Parameters
    ----------
    result
        A :class:`~corridormap.Route`, :class:`~corridormap.FlowResult`, a ranking, or their
        GeoJSON FeatureCollection.
    path
        The file to write.
    format
        ``geojson`` (the result's GeoJSON with its summary as ``properties``), ``gpkg`` (a
        layer ``route``/``flow`` and a ``summary`` table), ``kml`` (a placemark per leg or
        flow line, styled by mode or role), ``gpx`` (a route as one track with a segment per
        part; a flow as a track per line; points as waypoints) or ``csv`` (a row per feature,
        WKT first); ``None`` to read it from the suffix.
    protect
        Folders being read.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    InvalidArgumentError
        For a format a result is not written in, or something that is not a result.
    OutputError
        If the file cannot be written or would overwrite an input.
    """
    fmt = export_format(path, format, "result")
    gj = collection(result)
    kind, title = _result_kind(gj), result_title(gj)
    if fmt == "geojson":
        return write_output(path, _dumps(gj), protect)
    if fmt == "kml":
        return write_output(path, _tracks.kml_document(gj, title), protect)
    if fmt == "gpx":
        return write_output(path, _tracks.gpx_document(gj, title, one_track=kind == "route"), protect)
    frame = result_to_gdf(gj)
    if fmt == "csv":
        return write_output(path, _csv_writer(frame), protect)
    import pandas as pd

    summary = _flat_frame(pd.DataFrame([{"title": title, **(gj.get("properties") or {})}]))
    return write_output(path, _gpkg_writer({kind: frame}, {"summary": summary}, False), protect)

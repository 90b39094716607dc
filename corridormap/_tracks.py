"""KML (Google Earth) and GPX documents of a result's GeoJSON: placemarks, tracks and waypoints.

Both are built with :mod:`xml.etree.ElementTree`, which escapes every text and attribute, so a
name from the dataset is only ever text. Coordinates are written at full float precision.
Lines cut at the antimeridian stay cut: a KML ``MultiGeometry`` of line strings, a GPX track
segment per part, so no viewer draws a line the long way round the globe.
"""

from __future__ import annotations

import json
import math
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any

from .style import BASE_COLOURS, FLOW_COLOURS, MODE_COLOURS

__all__ = ["GPX_NS", "KML_NS", "gpx_document", "kml_document", "style_key"]

KML_NS = "http://www.opengis.net/kml/2.2"
GPX_NS = "http://www.topografix.com/GPX/1/1"


def _text(value: Any) -> str:
    if isinstance(value, list | dict | tuple):
        return json.dumps(value, ensure_ascii=False, default=str)
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return ""
    return str(value)


def style_key(props: dict[str, Any]) -> str:
    """Return the style a feature is drawn with: by mode for a route leg, by role for a flow."""
    if "mode" in props:
        return f"mode-{props['mode']}"
    if props.get("in_cut") or props.get("role") == "cut":
        return "role-cut"
    if "role" in props:
        return f"role-{props['role']}"
    return "feature"


def _styles() -> dict[str, str]:
    """Every style key to its colour (from the palette)."""
    out = {f"mode-{mode}": colour for mode, colour in MODE_COLOURS.items()}
    out |= {f"role-{role}": colour for role, colour in FLOW_COLOURS.items()}
    out["feature"] = BASE_COLOURS["route_end"]
    return out


def _kml_colour(hex_colour: str) -> str:
    """``#rrggbb`` as KML writes it: ``aabbggrr``."""
    h = hex_colour.lstrip("#")
    return f"ff{h[4:6]}{h[2:4]}{h[0:2]}"


def _parts(geometry: dict[str, Any]) -> Iterator[list[list[float]]]:
    """Yield the line strings of a LineString or MultiLineString, as coordinate lists."""
    if geometry["type"] == "LineString":
        yield geometry["coordinates"]
    elif geometry["type"] == "MultiLineString":
        yield from geometry["coordinates"]


def _coords(points: list[list[float]]) -> str:
    return " ".join(f"{float(p[0])!r},{float(p[1])!r}" for p in points)


def _kml_geometry(parent: ET.Element, geometry: dict[str, Any]) -> None:
    if geometry["type"] == "Point":
        point = ET.SubElement(parent, "Point")
        ET.SubElement(point, "coordinates").text = _coords([geometry["coordinates"]])
        return
    parts = list(_parts(geometry))
    holder = parent if len(parts) == 1 else ET.SubElement(parent, "MultiGeometry")
    for part in parts:
        line = ET.SubElement(holder, "LineString")
        ET.SubElement(line, "tessellate").text = "1"
        ET.SubElement(line, "coordinates").text = _coords(part)


def placemark_name(i: int, props: dict[str, Any]) -> str:
    """Return a feature's placemark name: ``2. rail: a -> b`` for a leg, else its id or name."""
    if "leg" in props:
        what = props.get("transfer") or props.get("mode")
        return f"{int(props['leg']) + 1}. {what}: {props.get('from')} → {props.get('to')}"
    return str(props.get("name") or props.get("id") or f"feature {i + 1}")


def _description(props: dict[str, Any]) -> str:
    bits = []
    if props.get("length_km") is not None:
        bits.append(f"{props['length_km']:,.1f} km")
    if isinstance(props.get("time_h"), int | float) and math.isfinite(props["time_h"]):
        bits.append(f"{props['time_h']:,.1f} h")
    if props.get("flow") is not None:
        bits.append(f"flow {props['flow']:,.3g} {props.get('unit', '')}".rstrip())
    return ", ".join(bits)


def kml_document(collection: dict[str, Any], title: str) -> bytes:
    """Return a result's FeatureCollection as a KML document: one styled placemark per feature.

    Parameters
    ----------
    collection
        A GeoJSON FeatureCollection (a result's ``__geo_interface__``).
    title
        The document's name, shown in Google Earth's Places panel.

    Returns
    -------
    bytes
        UTF-8 KML 2.2.
    """
    root = ET.Element("kml", xmlns=KML_NS)
    doc = ET.SubElement(root, "Document")
    ET.SubElement(doc, "name").text = title
    used = {style_key(f["properties"]) for f in collection["features"]}
    for key, colour in _styles().items():
        if key not in used:
            continue
        style = ET.SubElement(doc, "Style", id=key)
        icon = ET.SubElement(style, "IconStyle")
        ET.SubElement(icon, "color").text = _kml_colour(colour)
        line = ET.SubElement(style, "LineStyle")
        ET.SubElement(line, "color").text = _kml_colour(colour)
        ET.SubElement(line, "width").text = "5" if key == "role-cut" else "4"
    for i, feature in enumerate(collection["features"]):
        props = feature["properties"]
        mark = ET.SubElement(doc, "Placemark")
        ET.SubElement(mark, "name").text = placemark_name(i, props)
        ET.SubElement(mark, "description").text = _description(props)
        ET.SubElement(mark, "styleUrl").text = f"#{style_key(props)}"
        extended = ET.SubElement(mark, "ExtendedData")
        for key, value in props.items():
            data = ET.SubElement(extended, "Data", name=str(key))
            ET.SubElement(data, "value").text = _text(value)
        if feature.get("geometry"):
            _kml_geometry(mark, feature["geometry"])
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body


def _trkseg(trk: ET.Element, part: list[list[float]]) -> None:
    seg = ET.SubElement(trk, "trkseg")
    for lon, lat, *_ in part:
        ET.SubElement(seg, "trkpt", lat=repr(float(lat)), lon=repr(float(lon)))


def gpx_document(collection: dict[str, Any], title: str, one_track: bool) -> bytes:
    """Return a result's FeatureCollection as GPX 1.1: tracks for the lines, waypoints for the points.

    Parameters
    ----------
    collection
        A GeoJSON FeatureCollection.
    title
        The name of the file's metadata (and of the track when there is one).
    one_track
        One track with a segment per line part, in order (a route); otherwise one track per
        line feature (a flow).

    Returns
    -------
    bytes
        UTF-8 GPX 1.1.
    """
    root = ET.Element("gpx", version="1.1", creator="corridormap", xmlns=GPX_NS)
    ET.SubElement(ET.SubElement(root, "metadata"), "name").text = title
    features = collection["features"]
    for i, feature in enumerate(features):  # GPX wants every waypoint before the tracks
        geometry = feature.get("geometry") or {}
        if geometry.get("type") == "Point":
            lon, lat = geometry["coordinates"][:2]
            wpt = ET.SubElement(root, "wpt", lat=repr(float(lat)), lon=repr(float(lon)))
            ET.SubElement(wpt, "name").text = placemark_name(i, feature["properties"])
            ET.SubElement(wpt, "type").text = style_key(feature["properties"])
    lines = [
        (i, f)
        for i, f in enumerate(features)
        if (f.get("geometry") or {}).get("type", "").endswith("LineString")
    ]
    if one_track and lines:
        trk = ET.SubElement(root, "trk")
        ET.SubElement(trk, "name").text = title
        for _, feature in lines:
            for part in _parts(feature["geometry"]):
                _trkseg(trk, part)
    else:
        for i, feature in lines:
            trk = ET.SubElement(root, "trk")
            ET.SubElement(trk, "name").text = placemark_name(i, feature["properties"])
            ET.SubElement(trk, "desc").text = _description(feature["properties"])
            ET.SubElement(trk, "type").text = style_key(feature["properties"])
            for part in _parts(feature["geometry"]):
                _trkseg(trk, part)
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body

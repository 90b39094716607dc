"""QGIS styles for an exported GeoPackage: the ``layer_styles`` rows that make QGIS open it styled.

QGIS looks for a table ``layer_styles`` in a GeoPackage and applies the row marked
``useAsDefault`` for each layer (its ``styleQML``); ``styleSLD`` is the same style for other
tools. The styles follow the project's palette (:mod:`corridormap.style`): lines coloured by
layer (pipelines by commodity) and dashed by status, points coloured by layer and labelled with
their English name. Every document is built with :mod:`xml.etree.ElementTree`; only palette
and vocabulary values go in (no dataset text).
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from typing import Any

from .style import BASE_COLOURS, CLOSED_STATUSES, LAYER_COLOURS, STATUS_DASH
from .vocab import NODE_LAYERS

__all__ = ["STYLE_COLUMNS", "layer_style_rows"]

#: Columns of the ``layer_styles`` table, as QGIS creates it.
STYLE_COLUMNS: tuple[str, ...] = (
    "f_table_catalog",
    "f_table_schema",
    "f_table_name",
    "f_geometry_column",
    "styleName",
    "styleQML",
    "styleSLD",
    "useAsDefault",
    "description",
    "owner",
    "ui",
    "update_time",
)

#: The order statuses are listed in a layer's legend.
_STATUS_ORDER = (
    "operating",
    "under_construction",
    "planned",
    "proposed",
    "suspended",
    "decommissioned",
    "cancelled",
)
_DOCTYPE = "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
_LINE_WIDTH_MM = {"sea_lanes": 0.5, "pipelines": 0.8, "rail": 0.7, "roads": 0.6, "bridges": 1.2}


def _rgba(hex_colour: str) -> str:
    """``#1f78b4`` as QGIS writes a colour: ``31,120,180,255``."""
    h = hex_colour.lstrip("#")
    return ",".join(str(int(h[i : i + 2], 16)) for i in (0, 2, 4)) + ",255"


def _categories(layer: str) -> tuple[str, list[tuple[str, str, str | None]]]:
    """Return the field a layer is styled by, and each category's value, colour and dash pattern."""
    if layer == "pipelines":
        return "commodity", [
            ("oil", LAYER_COLOURS["pipelines_oil"], None),
            ("gas", LAYER_COLOURS["pipelines_gas"], None),
        ]
    colour = LAYER_COLOURS[layer]
    return "status", [
        (s, BASE_COLOURS["closed"] if s in CLOSED_STATUSES else colour, STATUS_DASH.get(s))
        for s in _STATUS_ORDER
    ]


def _props(parent: ET.Element, props: dict[str, str]) -> None:
    for key, value in props.items():
        ET.SubElement(parent, "prop", k=key, v=value)


def _line_symbol(name: str, colour: str, dash: str | None, width: float) -> ET.Element:
    symbol = ET.Element("symbol", type="line", name=name, alpha="1", clip_to_extent="1", force_rhr="0")
    layer = ET.SubElement(
        symbol, "layer", {"class": "SimpleLine", "enabled": "1", "locked": "0", "pass": "0"}
    )
    props = {
        "line_color": _rgba(colour),
        "line_width": f"{width:g}",
        "line_width_unit": "MM",
        "line_style": "solid",
        "capstyle": "round",
        "joinstyle": "round",
        "use_custom_dash": "1" if dash else "0",
        "customdash": (dash or "5 2").replace(" ", ";"),
        "customdash_unit": "Pixel",
    }
    _props(layer, props)
    return symbol


def _marker_symbol(name: str, colour: str) -> ET.Element:
    symbol = ET.Element("symbol", type="marker", name=name, alpha="1", clip_to_extent="1", force_rhr="0")
    layer = ET.SubElement(
        symbol, "layer", {"class": "SimpleMarker", "enabled": "1", "locked": "0", "pass": "0"}
    )
    props = {
        "name": "circle",
        "color": _rgba(colour),
        "outline_color": "255,255,255,255",
        "outline_width": "0.3",
        "size": "2.4",
        "size_unit": "MM",
    }
    _props(layer, props)
    return symbol


def _labels(root: ET.Element) -> None:
    labeling = ET.SubElement(root, "labeling", type="simple")
    settings = ET.SubElement(labeling, "settings", calloutType="simple")
    ET.SubElement(
        settings, "text-style", fieldName="name", fontSize="8", textColor=_rgba(BASE_COLOURS["text"])
    )
    ET.SubElement(settings, "placement", placement="0", dist="1")
    ET.SubElement(settings, "rendering", scaleVisibility="1", scaleMax="20000000", scaleMin="1")


def qml(layer: str) -> str:
    """Return the QGIS style (QML) of one exported layer.

    Parameters
    ----------
    layer
        A layer name of :data:`corridormap.vocab.LAYERS`.

    Returns
    -------
    str
    """
    root = ET.Element("qgis", version="3.34.0", styleCategories="Symbology|Labeling")
    if layer in NODE_LAYERS:
        renderer = ET.SubElement(root, "renderer-v2", type="singleSymbol", symbollevels="0", forceraster="0")
        ET.SubElement(renderer, "symbols").append(_marker_symbol("0", LAYER_COLOURS[layer]))
        _labels(root)
        ET.SubElement(root, "layerGeometryType").text = "0"
    else:
        field, cats = _categories(layer)
        renderer = ET.SubElement(
            root, "renderer-v2", type="categorizedSymbol", attr=field, symbollevels="0", forceraster="0"
        )
        categories = ET.SubElement(renderer, "categories")
        symbols = ET.SubElement(renderer, "symbols")
        width = _LINE_WIDTH_MM[layer]
        for i, (value, colour, dash) in enumerate(cats):
            label = value.replace("_", " ")
            ET.SubElement(categories, "category", render="true", value=value, label=label, symbol=str(i))
            symbols.append(_line_symbol(str(i), colour, dash, width))
        ET.SubElement(root, "layerGeometryType").text = "1"
    return _DOCTYPE + ET.tostring(root, encoding="unicode")


def sld(layer: str) -> str:
    """Return the same style as an OGC Styled Layer Descriptor (SLD 1.0).

    Parameters
    ----------
    layer
        A layer name.

    Returns
    -------
    str
    """
    root = ET.Element(
        "StyledLayerDescriptor",
        {
            "version": "1.0.0",
            "xmlns": "http://www.opengis.net/sld",
            "xmlns:ogc": "http://www.opengis.net/ogc",
        },
    )
    named = ET.SubElement(root, "NamedLayer")
    ET.SubElement(named, "Name").text = layer
    user = ET.SubElement(named, "UserStyle")
    ET.SubElement(user, "Name").text = layer
    fts = ET.SubElement(user, "FeatureTypeStyle")
    if layer in NODE_LAYERS:
        rule = ET.SubElement(fts, "Rule")
        graphic = ET.SubElement(ET.SubElement(rule, "PointSymbolizer"), "Graphic")
        mark = ET.SubElement(graphic, "Mark")
        ET.SubElement(mark, "WellKnownName").text = "circle"
        fill = ET.SubElement(mark, "Fill")
        ET.SubElement(fill, "CssParameter", name="fill").text = LAYER_COLOURS[layer]
        ET.SubElement(graphic, "Size").text = "7"
    else:
        field, cats = _categories(layer)
        for value, colour, dash in cats:
            rule = ET.SubElement(fts, "Rule")
            ET.SubElement(rule, "Name").text = value
            equal = ET.SubElement(ET.SubElement(rule, "ogc:Filter"), "ogc:PropertyIsEqualTo")
            ET.SubElement(equal, "ogc:PropertyName").text = field
            ET.SubElement(equal, "ogc:Literal").text = value
            stroke = ET.SubElement(ET.SubElement(rule, "LineSymbolizer"), "Stroke")
            ET.SubElement(stroke, "CssParameter", name="stroke").text = colour
            ET.SubElement(stroke, "CssParameter", name="stroke-width").text = "2"
            if dash:
                ET.SubElement(stroke, "CssParameter", name="stroke-dasharray").text = dash
    return ET.tostring(root, encoding="unicode")


def layer_style_rows(layers: list[str], geometry_column: str = "geom") -> list[dict[str, Any]]:
    """Return one ``layer_styles`` row per layer: its QML and SLD, marked as the default.

    Parameters
    ----------
    layers
        The layer tables of the GeoPackage.
    geometry_column
        Their geometry column (``geom``, what GDAL names it in a GeoPackage).

    Returns
    -------
    list of dict
        Keyed by :data:`STYLE_COLUMNS`.
    """
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    return [
        {
            "f_table_catalog": "",
            "f_table_schema": "",
            "f_table_name": layer,
            "f_geometry_column": geometry_column,
            "styleName": f"corridormap {layer}",
            "styleQML": qml(layer),
            "styleSLD": sld(layer),
            "useAsDefault": True,
            "description": f"corridormap palette for {layer.replace('_', ' ')} (corridormap.style)",
            "owner": "corridormap",
            "ui": "",
            "update_time": now,
        }
        for layer in layers
    ]

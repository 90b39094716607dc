"""What every query result shares: GeoJSON out, the conversions built on it, and its Jupyter display."""

from __future__ import annotations

import html
import math
from collections.abc import Iterable
from typing import Any

__all__ = ["GeoResult", "collection", "strict", "summary_html"]


def strict(value: Any) -> Any:
    """Return a JSON-ready value with NaN and infinity as null, so that it dumps as strict JSON.

    Examples
    --------
    >>> strict({"km": float("nan"), "legs": [1.5, float("inf")]})
    {'km': None, 'legs': [1.5, None]}
    """
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: strict(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [strict(v) for v in value]
    return value


def summary_html(title: str, rows: Iterable[tuple[str, Any]], extra: str = "") -> str:
    """Return a small HTML table: a caption and one row per label and value, every text escaped.

    Parameters
    ----------
    title
        The caption.
    rows
        Label and value pairs; values are shown with ``str`` and escaped (dataset text is
        untrusted: a name holding markup is shown as text).
    extra
        HTML already made safe (a folium map's own ``_repr_html_``), placed below the table.

    Returns
    -------
    str

    Examples
    --------
    >>> summary_html("Route", [("from", "<b>West</b>")])
    '<div class="corridormap"><table><caption>Route</caption><tr><th style="text-align:left">from</th><td style="text-align:left">&lt;b&gt;West&lt;/b&gt;</td></tr></table></div>'
    """
    cells = "".join(
        f'<tr><th style="text-align:left">{html.escape(str(label))}</th>'
        f'<td style="text-align:left">{html.escape(str(value))}</td></tr>'
        for label, value in rows
    )
    return (
        f'<div class="corridormap"><table><caption>{html.escape(title)}</caption>{cells}</table>{extra}</div>'
    )


def collection(obj: Any, what: str = "result") -> dict[str, Any]:
    """Return the GeoJSON FeatureCollection of a result (anything with ``__geo_interface__``) or the dict.

    Parameters
    ----------
    obj
        A route, a flow, a ranking, or their GeoJSON.
    what
        Its name, for the error.

    Returns
    -------
    dict

    Raises
    ------
    InvalidArgumentError
        If it is not a FeatureCollection.
    """
    from ._errors import InvalidArgumentError

    gj = getattr(obj, "__geo_interface__", obj)
    if not isinstance(gj, dict) or gj.get("type") != "FeatureCollection":
        raise InvalidArgumentError(f"{what} must be a result with __geo_interface__ or its GeoJSON")
    return gj


class GeoResult:
    """A result that can give itself as GeoJSON (:meth:`to_geojson`), and so as everything else.

    Subclasses define ``to_geojson()`` (a FeatureCollection whose ``properties`` are the result's
    ``to_dict()``); this gives them ``__geo_interface__`` (for GeoPandas, shapely and the maps)
    and ``to_gdf()``.
    """

    def to_geojson(self) -> dict[str, Any]:
        """Return the result as a GeoJSON FeatureCollection."""
        raise NotImplementedError

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        """The result as GeoJSON (see :meth:`to_geojson`)."""
        return self.to_geojson()

    def to_gdf(self) -> Any:
        """Return :meth:`to_geojson`'s features as a GeoDataFrame in EPSG:4326."""
        import geopandas as gpd

        return gpd.GeoDataFrame.from_features(self.to_geojson()["features"], crs="EPSG:4326")

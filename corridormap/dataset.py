"""The validated dataset as GeoDataFrames: :func:`load` and :class:`Dataset`."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd

from ._errors import DataValidationError, Problem
from ._results import summary_html
from .io import RawDataset, read_raw, read_reference
from .validation import check_raw
from .vocab import LAYERS, LINK_LAYERS, NODE_LAYERS

__all__ = ["Dataset", "from_raw", "load"]

#: Columns every layer's GeoDataFrame has, in this order, whatever its features hold.
_BASE_COLUMNS = [
    "id",
    "name",
    "name_ru",
    "name_zh",
    "kind",
    "status",
    "opened",
    "expected",
    "countries",
    "sources",
]
_LINK_COLUMNS = ["from", "to", "mode", "via"]


@dataclass
class Dataset:
    """A validated corridormap dataset.

    The parsed GeoJSON features are the internal model (:meth:`features`); the GeoDataFrames
    users work with (:attr:`layers`, ``ds["rail"]``) are built from them on first use.

    Attributes
    ----------
    path
        The folder it was read from.
    raw
        The parsed files (every layer's features, the registry, corridors, parameters, trade).
    sources
        Source id to its registry entry.
    corridors
        Corridor id to its record.
    parameters
        Parameter name to its record (``value``, ``unit``, ``basis``, ``note``, ``sources``).
    trade
        The trade table, one row per year.
    warnings
        Warnings the validator raised (errors make :func:`load` fail).
    plans
        Plan id to its record in ``plans.json`` (with its ``commitments``); empty if the
        dataset has no such file.
    events
        The timeline of ``events.json``, in date order; empty if the dataset has none.
    """

    path: Path
    raw: RawDataset = field(repr=False)
    sources: dict[str, dict[str, Any]]
    corridors: dict[str, dict[str, Any]]
    parameters: dict[str, dict[str, Any]]
    trade: pd.DataFrame
    warnings: list[Problem] = field(default_factory=list)
    plans: dict[str, dict[str, Any]] = field(default_factory=dict)
    events: list[dict[str, Any]] = field(default_factory=list)
    _frames: dict[str, gpd.GeoDataFrame] = field(default_factory=dict, repr=False)

    def features(self, layer: str) -> list[dict[str, Any]]:
        """Return one layer's GeoJSON features (``properties`` and ``geometry``), as read.

        Parameters
        ----------
        layer
            A layer name (``"rail"``, ``"ports"`` ...).

        Returns
        -------
        list of dict
        """
        if layer not in LAYERS:
            raise KeyError(f"no layer {layer!r}; layers are {', '.join(LAYERS)}")
        features: list[dict[str, Any]] = self.raw.layers[layer]["features"]
        return features

    @property
    def layers(self) -> dict[str, gpd.GeoDataFrame]:
        """Layer name to a GeoDataFrame in EPSG:4326, indexed by feature id (built on first use)."""
        for name in LAYERS:
            if name not in self._frames:
                self._frames[name] = _layer_frame(name, self.raw.layers[name])
        return self._frames

    def __getitem__(self, layer: str) -> gpd.GeoDataFrame:
        """Return one layer's GeoDataFrame by name."""
        try:
            return self.layers[layer]
        except KeyError:
            raise KeyError(f"no layer {layer!r}; layers are {', '.join(self.layers)}") from None

    @property
    def nodes(self) -> gpd.GeoDataFrame:
        """All point features (places, ports, border crossings) with a ``layer`` column."""
        return _stack({name: self.layers[name] for name in NODE_LAYERS})

    @property
    def links(self) -> gpd.GeoDataFrame:
        """All line features (bridges, pipelines, rail, roads, sea lanes) with a ``layer`` column."""
        return _stack({name: self.layers[name] for name in LINK_LAYERS})

    def feature(self, fid: str) -> dict[str, Any]:
        """Return every attribute of one feature, its layer and its geometry as GeoJSON.

        Parameters
        ----------
        fid
            A feature or corridor id.

        Returns
        -------
        dict

        Raises
        ------
        KeyError
            If no feature has that id.
        """
        for name, gdf in self.layers.items():
            if fid in gdf.index:
                row = gdf.loc[fid]
                props = {k: v for k, v in row.items() if k != "geometry" and not _is_missing(v)}
                return {"layer": name, **props, "geometry": row.geometry.__geo_interface__}
        if fid in self.corridors:
            return {"layer": "corridors", **self.corridors[fid]}
        raise KeyError(fid)

    def summary(self) -> dict[str, Any]:
        """Count features by layer and status, and the registry's size.

        Returns
        -------
        dict
            ``{"layers": {layer: {"features": n, "status": {status: n}}}, "sources": n,
            "corridors": n, "parameters": n}``.
        """
        layers = {
            name: {
                "features": len(gdf),
                "status": dict(Counter(gdf["status"].fillna("undated")).most_common()),
            }
            for name, gdf in self.layers.items()
        }
        return {
            "layers": layers,
            "sources": len(self.sources),
            "corridors": len(self.corridors),
            "parameters": len(self.parameters),
        }

    def to_frame(self) -> pd.DataFrame:
        """Return the summary as a DataFrame: one row per layer, its features by status.

        Returns
        -------
        pandas.DataFrame
            Indexed by layer, with ``features`` and a column per status.
        """
        rows = {
            name: {"features": info["features"], **info["status"]}
            for name, info in self.summary()["layers"].items()
        }
        return pd.DataFrame.from_dict(rows, orient="index").fillna(0).astype(int)

    def _repr_html_(self) -> str:
        """Show the dataset in Jupyter: where it was read from, and its layers by status.

        No map: the overview is large; ``corridormap.maps.overview_map(ds)`` draws it.
        """
        s = self.summary()
        rows = [
            ("folder", self.path),
            ("features", sum(info["features"] for info in s["layers"].values())),
            ("sources", s["sources"]),
            ("corridors", s["corridors"]),
            ("parameters", s["parameters"]),
            ("warnings", len(self.warnings)),
        ]
        return summary_html("corridormap dataset", rows, self.to_frame().to_html())


def _is_missing(value: Any) -> bool:
    if isinstance(value, list | dict | tuple):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _stack(frames: dict[str, gpd.GeoDataFrame]) -> gpd.GeoDataFrame:
    parts = [gdf.assign(layer=name) for name, gdf in frames.items() if len(gdf)]
    if not parts:
        return gpd.GeoDataFrame(
            columns=[*_BASE_COLUMNS, "layer", "geometry"], geometry="geometry", crs="EPSG:4326"
        )
    return gpd.GeoDataFrame(pd.concat(parts), geometry="geometry", crs="EPSG:4326")


def _layer_frame(name: str, doc: dict[str, Any]) -> gpd.GeoDataFrame:
    features = doc.get("features", [])
    columns = _BASE_COLUMNS + (_LINK_COLUMNS if name in LINK_LAYERS else [])
    if features:
        gdf = gpd.GeoDataFrame.from_features(features, crs="EPSG:4326")
    else:
        gdf = gpd.GeoDataFrame(columns=[*columns, "geometry"], geometry="geometry", crs="EPSG:4326")
    for column in columns:
        if column not in gdf.columns:
            gdf[column] = None
    ordered = columns + [c for c in gdf.columns if c not in columns and c != "geometry"] + ["geometry"]
    return gdf[ordered].set_index("id", drop=False).rename_axis(None)


def load(data: str | Path | None = None, *, geography: bool = False) -> Dataset:
    """Load and validate a dataset.

    Parameters
    ----------
    data
        The dataset folder; ``None`` for the dataset shipped with the package.
    geography
        Also run the validator's checks against Natural Earth (crossings on the border, ports
        on the coast). Off by default because the structural checks already guarantee a
        usable dataset; ``corridormap validate`` runs them all.

    Returns
    -------
    Dataset

    Raises
    ------
    DataReadError
        If the folder does not exist.
    DataValidationError
        If the dataset has errors; its ``problems`` lists every one.

    Examples
    --------
    >>> import corridormap
    >>> ds = corridormap.load()
    >>> ds["ports"].loc["port-vladivostok", "name"]
    'Port of Vladivostok'
    """
    raw = read_raw(data)
    return from_raw(raw, check_raw(raw, read_reference() if geography else None))


def from_raw(raw: RawDataset, problems: list[Problem]) -> Dataset:
    """Make a :class:`Dataset` of files already read and checked (so nothing is checked twice).

    Parameters
    ----------
    raw
        From :func:`corridormap.io.read_raw`.
    problems
        What :func:`corridormap.validation.check_raw` found in it.

    Returns
    -------
    Dataset

    Raises
    ------
    DataValidationError
        If the problems include an error.
    """
    if any(p.severity == "error" for p in problems):
        raise DataValidationError(problems)
    sources = {entry["id"]: entry for entry in raw.sources["sources"]}
    corridors = {entry["id"]: entry for entry in raw.corridors["corridors"]}
    trade = pd.DataFrame(raw.trade or [])
    for column in ("trade_100m_usd", "growth_stated_pct", "growth_computed_pct"):
        trade[column] = pd.to_numeric(trade[column], errors="coerce")
    for column in ("official_trade_100m_usd", "official_growth_pct"):  # optional columns
        if column in trade:
            trade[column] = pd.to_numeric(trade[column], errors="coerce")
    trade["year"] = trade["year"].astype(int)
    return Dataset(
        path=raw.root,
        raw=raw,
        sources=sources,
        corridors=corridors,
        parameters=dict(raw.parameters["parameters"]),
        trade=trade,
        warnings=[p for p in problems if p.severity == "warning"],
        plans={entry["id"]: entry for entry in (raw.plans or {}).get("plans", [])},
        events=list((raw.events or {}).get("events", [])),
    )

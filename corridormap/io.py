"""Reading the dataset from disk (the only module that opens its files), and writing exports.

A dataset is a folder laid out like the shipped one (``geodata/README.md``): one GeoJSON file
per layer, ``sources.json``, ``corridors.json``, ``parameters.json`` and ``trade.csv``, and
optionally ``plans.json`` and ``events.json`` (a dataset without them is valid). Reading
never raises on a broken file: what cannot be read becomes a :class:`~corridormap.Problem`, so
that ``validate`` can report every problem at once.

The exports (:func:`export_dataset`, :func:`export_graph`, :func:`export_result`) are written
by :mod:`corridormap.export` and offered here too, as OSMnx offers its savers in ``osmnx.io``
(imported on first use: reading a graph from the cache needs this module, not the exports).
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import settings
from ._errors import DataReadError, Problem
from .vocab import LAYERS

if TYPE_CHECKING:
    from .export import export_dataset, export_format, export_graph, export_result

_EXPORTS = ("export_dataset", "export_format", "export_graph", "export_result")

__all__ = [
    "DATA_FILES",
    "OPTIONAL_FILES",
    "RawDataset",
    "Reference",
    "default_data_dir",
    "export_dataset",
    "export_format",
    "export_graph",
    "export_result",
    "read_lines",
    "read_raw",
    "read_reference",
]


def __getattr__(name: str) -> Any:
    """Return an export of :mod:`corridormap.export`, imported on first use (PEP 562)."""
    if name in _EXPORTS:
        from . import export

        return getattr(export, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: Files of a dataset besides the layers.
DATA_FILES: tuple[str, ...] = ("sources.json", "corridors.json", "parameters.json", "trade.csv")

#: Files a dataset may have: read and checked when present, never missing.
OPTIONAL_FILES: tuple[str, ...] = ("plans.json", "events.json", "backbone/rail.parquet")


@dataclass
class RawDataset:
    """A dataset as read from disk, before validation.

    Attributes
    ----------
    root
        The folder it was read from.
    layers
        Layer name to the parsed GeoJSON document (``None`` if missing or unreadable).
    sources, corridors, parameters
        The parsed JSON documents (``None`` if missing or unreadable).
    plans, events
        The parsed ``plans.json`` and ``events.json`` (``None`` if absent, which is allowed, or
        unreadable).
    trade
        Rows of ``trade.csv`` as dicts of strings (``None`` if missing or unreadable).
    problems
        What could not be read.
    """

    root: Path
    layers: dict[str, Any] = field(default_factory=dict)
    sources: Any = None
    corridors: Any = None
    parameters: Any = None
    plans: Any = None
    events: Any = None
    trade: list[dict[str, str]] | None = None
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class Reference:
    """Reference geography from Natural Earth, for the validator's checks.

    Attributes
    ----------
    border
        The China–Russia land and river boundary lines (shapely geometry).
    coast
        Coastlines of the region (shapely geometry).
    rivers
        River centre lines of the region (shapely geometry).
    land
        Land polygons of the region (shapely geometry, prepared for fast point tests).
    """

    border: Any
    coast: Any
    rivers: Any
    land: Any


def default_data_dir() -> Path:
    """Return the shipped dataset's folder.

    An installed package carries the data as ``corridormap/geodata`` (``pyproject.toml`` maps
    the repository's top-level ``geodata/`` there); a source checkout or an editable install
    reads ``geodata/`` beside the package.

    Returns
    -------
    pathlib.Path
    """
    here = Path(__file__).resolve().parent
    packaged = here / "geodata"
    return packaged if packaged.is_dir() else here.parent / "geodata"


def _problem(name: str, message: str, fix: str, where: str = "-") -> Problem:
    return Problem("error", name, "-", where, message, fix)


def _too_large(path: Path) -> Problem | None:
    """Return a problem if the file is larger than :data:`corridormap.settings.max_file_bytes`."""
    size = path.stat().st_size
    if size <= settings.max_file_bytes:
        return None
    return _problem(
        path.name,
        f"file is {size:,} bytes, more than the limit of {settings.max_file_bytes:,}",
        "split the layer or remove what does not belong in it (settings.max_file_bytes)",
    )


def _structure_problem(name: str, doc: Any) -> Problem | None:
    """Return a problem if a parsed document nests too deep or holds a lone surrogate.

    Walks the document without recursion, so any depth the parser accepted can be measured.
    A lone surrogate (a JSON escape such as ``ud800``) parses but cannot be written back as UTF-8.
    """
    limit = settings.max_json_depth
    stack: list[tuple[Any, int, str]] = [(doc, 1, "")]
    while stack:
        node, depth, where = stack.pop()
        if isinstance(node, dict | list) and depth > limit:
            message = f"JSON nested more than {limit} levels deep (at {where[:60] or 'the top'})"
            return _problem(name, message, "flatten the structure (settings.max_json_depth)")
        items: Any = (
            node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        )
        for key, child in items:
            path = f"{where}.{key}" if isinstance(key, str) else f"{where}[{key}]"
            for text in (key, child):
                if isinstance(text, str) and _has_surrogate(text):
                    shown = path.lstrip(".").encode("utf-8", "backslashreplace").decode("utf-8")
                    message = f"text at {shown} holds a lone surrogate (not a character)"
                    return _problem(
                        name, message, "replace the \\ud800-\\udfff escape with the character meant"
                    )
            stack.append((child, depth + 1, path))
    return None


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _read_json(path: Path, problems: list[Problem], optional: bool = False) -> Any:
    name = path.name
    if optional and not path.exists():
        return None
    if not path.is_file():
        problems.append(_problem(name, "file is missing", f"create {name} (see geodata/README.md)"))
        return None
    try:
        large = _too_large(path)
        if large is not None:
            problems.append(large)
            return None
        with path.open(encoding="utf-8") as handle:
            doc = json.load(handle)
    except UnicodeDecodeError as exc:
        problems.append(_problem(name, f"not UTF-8 text ({exc.reason})", "save the file as UTF-8"))
        return None
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        fix = "fix the JSON syntax at that position"
        problems.append(_problem(name, f"not well-formed JSON: {exc.msg}", fix, where))
        return None
    except RecursionError:
        limit = settings.max_json_depth
        message = f"JSON nested too deep to read (the limit is {limit} levels)"
        problems.append(_problem(name, message, "flatten the structure (settings.max_json_depth)"))
        return None
    except OSError as exc:
        problems.append(_problem(name, f"cannot read: {exc.strerror}", "check the file's permissions"))
        return None
    if not isinstance(doc, dict):
        message = f"holds a JSON {type(doc).__name__}, not an object"
        problems.append(_problem(name, message, "see geodata/README.md"))
        return None
    structure = _structure_problem(name, doc)
    if structure is not None:
        problems.append(structure)
        return None
    return doc


def _read_csv(path: Path, problems: list[Problem]) -> list[dict[str, str]] | None:
    name = path.name
    if not path.is_file():
        problems.append(
            Problem("error", name, "-", "-", "file is missing", f"create {name} (see geodata/README.md)")
        )
        return None
    try:
        large = _too_large(path)
        if large is not None:
            problems.append(large)
            return None
        with path.open(encoding="utf-8", newline="") as handle:
            return [dict(row) for row in csv.DictReader(handle)]
    except (UnicodeDecodeError, csv.Error, OSError) as exc:
        problems.append(
            Problem(
                "error",
                name,
                "-",
                "-",
                f"cannot read as CSV: {exc}",
                "save it as UTF-8 CSV with a header row",
            )
        )
    return None


def _folder(data: str | Path | None) -> Path:
    """Return the dataset folder asked for, which must exist."""
    root = default_data_dir() if data is None else Path(data)
    if not root.is_dir():
        raise DataReadError(
            f"dataset folder '{root}' does not exist: pass a folder that holds the layer files "
            "(places.geojson, rail.geojson ...; see geodata/README.md)"
        )
    return root


def read_raw(data: str | Path | None = None) -> RawDataset:
    """Read every file of a dataset without interpreting it.

    Parameters
    ----------
    data
        The dataset folder; ``None`` for the shipped dataset.

    Returns
    -------
    RawDataset

    Raises
    ------
    DataReadError
        If the folder does not exist.
    """
    root = _folder(data)
    raw = RawDataset(root=root)
    for layer in LAYERS:
        raw.layers[layer] = _read_json(root / f"{layer}.geojson", raw.problems)
    raw.sources = _read_json(root / "sources.json", raw.problems)
    raw.corridors = _read_json(root / "corridors.json", raw.problems)
    raw.parameters = _read_json(root / "parameters.json", raw.problems)
    raw.plans = _read_json(root / "plans.json", raw.problems, optional=True)
    raw.events = _read_json(root / "events.json", raw.problems, optional=True)
    raw.trade = _read_csv(root / "trade.csv", raw.problems)
    return raw


def fingerprint(data: str | Path | None = None) -> str:
    """Return a hash of every file of a dataset: it changes whenever any file does.

    Parameters
    ----------
    data
        The dataset folder; ``None`` for the shipped dataset.

    Returns
    -------
    str
        A hexadecimal SHA-256 digest.

    Raises
    ------
    DataReadError
        If the folder does not exist.
    """
    import hashlib

    root = _folder(data)
    digest = hashlib.sha256(str(root.resolve()).encode())
    for name in [f"{layer}.geojson" for layer in LAYERS] + list(DATA_FILES) + list(OPTIONAL_FILES):
        path = root / name
        digest.update(name.encode())
        digest.update(path.read_bytes() if path.is_file() else b"<missing>")
    return digest.hexdigest()


def _read_geometries(path: Path, keep: Any = None) -> Any:
    import shapely
    from shapely.geometry import shape

    with path.open(encoding="utf-8") as handle:
        doc = json.load(handle)
    geoms = [
        shape(f["geometry"])
        for f in doc["features"]
        if f.get("geometry") and (keep is None or keep(f["properties"]))
    ]
    return shapely.union_all(geoms) if len(geoms) > 1 else geoms[0]


@lru_cache(maxsize=1)
def read_reference() -> Reference:
    """Read the Natural Earth reference layers shipped with the package.

    Returns
    -------
    Reference
    """
    folder = default_data_dir() / "naturalearth"

    def china_russia(props: dict[str, Any]) -> bool:
        return {props.get("adm0_left"), props.get("adm0_right")} == {"China", "Russia"}

    return Reference(
        border=_read_geometries(folder / "ne_10m_boundary_lines_land_region.geojson", china_russia),
        coast=_read_geometries(folder / "ne_10m_coastline_region.geojson"),
        rivers=_read_geometries(folder / "ne_10m_rivers_region.geojson"),
        land=_prepared(_read_geometries(folder / "ne_10m_land_region.geojson")),
    )


def _prepared(geometry: Any) -> Any:
    import shapely

    shapely.prepare(geometry)
    return geometry


def read_lines(path: str | Path) -> list[str]:
    """Return the entries of a list file: one a line, blank lines and ``#`` comments left out.

    Parameters
    ----------
    path
        A UTF-8 text file (a list of places, say).

    Returns
    -------
    list of str

    Raises
    ------
    DataReadError
        If the file cannot be read, is larger than ``settings.max_file_bytes`` or is not UTF-8.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        blob = path.read_bytes() if size <= settings.max_file_bytes else b""
    except OSError as exc:
        raise DataReadError(f"cannot read {path}: {exc.strerror or exc}") from None
    if size > settings.max_file_bytes:
        raise DataReadError(
            f"{path}: larger than {settings.max_file_bytes:,} bytes (settings.max_file_bytes)"
        )
    try:
        text = blob.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataReadError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    return [entry for line in text.splitlines() if (entry := line.split("#", 1)[0].strip())]

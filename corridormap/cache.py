"""The transport graph of a dataset, built once and kept in a verified cache file.

:func:`network` loads and validates a dataset, builds its transport graph and its routing
graph, and keeps the result in ``$CORRIDORMAP_CACHE`` (default ``~/.cache/corridormap``), so
that a repeated command-line query does not read the dataset again.

The cache is safe and never stale:

- its key is a hash of every file of the dataset, the parameter overrides, the corridormap
  version and the source code of every module the graph is built by, so an edited file or a
  changed builder always gives a fresh graph;
- each file is signed with an HMAC-SHA256 under a per-user key kept outside the cache folder
  (``$CORRIDORMAP_KEY_FILE``, default ``~/.config/corridormap/cache.key``, mode 0600); a file
  whose signature does not verify is never unpickled: it is rebuilt, with one warning. So a
  writable or restored cache folder cannot make corridormap run code;
- files are written to a temporary file and moved into place, and only the newest
  ``settings.cache_entries`` entries are kept.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import pickle
import secrets
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from . import settings
from ._version import __version__
from .graph import GRAPH_FORMAT, build_graph, feature_edges, features
from .io import default_data_dir, fingerprint
from .multimodal import routing_graph

if TYPE_CHECKING:
    from .dataset import Dataset

__all__ = ["cache_dir", "cache_key", "network"]

log = logging.getLogger(__name__)

_MAGIC = b"corridormap-graph-v1\n"
#: The modules whose code shapes the cached graph: a change to any of them is a new key.
_BUILDERS = ("graph", "backbone", "multimodal", "state", "geodesy", "units", "dates", "io", "vocab", "cache")


def cache_dir() -> Path:
    """Return the folder for cached graphs: ``$CORRIDORMAP_CACHE``, else the user cache folder.

    Returns
    -------
    pathlib.Path
    """
    if os.environ.get("CORRIDORMAP_CACHE"):
        return Path(os.environ["CORRIDORMAP_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "corridormap"


def _key_file() -> Path:
    if os.environ.get("CORRIDORMAP_KEY_FILE"):
        return Path(os.environ["CORRIDORMAP_KEY_FILE"])
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "corridormap" / "cache.key"


def _secret() -> bytes | None:
    """Return the per-user signing key, made on first use; ``None`` if it cannot be had."""
    path = _key_file()
    try:
        if path.is_file():
            key = path.read_bytes()
            return key if len(key) >= 32 else None
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        key = secrets.token_bytes(32)
        with os.fdopen(fd, "wb") as handle:
            handle.write(key)
        return key
    except OSError as exc:
        log.warning("no graph cache: cannot read or make the key %s: %s", path, exc)
        return None


def cache_key(root: Path, parameters: dict[str, float] | None = None, backbone: bool = True) -> str:
    """Return the cache key of a dataset's graph.

    Parameters
    ----------
    root
        The dataset folder.
    parameters
        Travel-parameter overrides.
    backbone
        Whether the graph joins the dataset's railway backbone.

    Returns
    -------
    str
        32 hex digits.
    """
    digest = hashlib.sha256()
    digest.update(fingerprint(root).encode())
    digest.update(repr(sorted((parameters or {}).items())).encode())
    digest.update(f"backbone={backbone}".encode())
    digest.update(f"format={GRAPH_FORMAT};corridormap={__version__};networkx={nx.__version__}".encode())
    here = Path(__file__).parent
    for name in _BUILDERS:
        digest.update((here / f"{name}.py").read_bytes())
    return digest.hexdigest()[:32]


def _read(path: Path, key: bytes) -> nx.MultiDiGraph | None:
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    head = len(_MAGIC) + 32
    if not blob.startswith(_MAGIC) or len(blob) <= head:
        log.warning("rebuilding the graph: unreadable cache file %s", path)
        return None
    signature, body = blob[len(_MAGIC) : head], blob[head:]
    if not hmac.compare_digest(signature, hmac.new(key, body, hashlib.sha256).digest()):
        log.warning("rebuilding the graph: cache file %s is not signed by this user's key", path)
        return None
    try:
        G: nx.MultiDiGraph = pickle.loads(body)  # verified: written by this user's corridormap
    except Exception as exc:  # a signed file from an incompatible library version
        log.warning("rebuilding the graph: cannot read cache file %s: %s", path, exc)
        return None
    return G


def _write(path: Path, G: nx.MultiDiGraph, key: bytes) -> None:
    body = pickle.dumps(G, protocol=pickle.HIGHEST_PROTOCOL)
    signature = hmac.new(key, body, hashlib.sha256).digest()
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=".tmp-", delete=False) as out:
            tmp = out.name
            out.write(_MAGIC + signature + body)
        os.replace(tmp, path)
        tmp = None
        _prune(path.parent)
    except OSError as exc:
        log.warning("cannot write graph cache %s: %s", path, exc)
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("graph-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[settings.cache_entries :]:
        old.unlink(missing_ok=True)


def network(
    data: str | Path | None = None,
    parameters: dict[str, float] | None = None,
    *,
    cache: bool = True,
    dataset: Dataset | None = None,
    backbone: bool = True,
) -> nx.MultiDiGraph:
    """Return the transport graph of a dataset, built once and cached on disk.

    Parameters
    ----------
    data
        The dataset folder; ``None`` for the shipped dataset.
    parameters
        Overrides of travel-time parameters (see :func:`corridormap.graph.build_graph`).
    cache
        Read and write the cache file (``False`` always builds afresh).
    dataset
        The dataset already loaded from ``data``, so that a command that also draws a map
        loads and validates it once.
    backbone
        Join the dataset's railway backbone (the shipped dataset has one); ``False`` for the
        curated network alone.

    Returns
    -------
    networkx.MultiDiGraph

    Raises
    ------
    DataReadError
        If the folder does not exist.
    DataValidationError
        If the dataset has errors.
    """
    root = dataset.path if dataset is not None else default_data_dir() if data is None else Path(data)
    key = _secret() if cache else None
    path = cache_dir() / f"graph-{cache_key(root, parameters, backbone)}.pickle" if key else None
    if path is not None and key is not None and path.is_file():
        G = _read(path, key)
        if G is not None:
            return G
    if dataset is None:
        from .dataset import load

        dataset = load(root)
    G = build_graph(dataset, parameters, backbone=backbone)
    routing_graph(G)  # build the derived structures now, so that they are cached too
    feature_edges(G)
    features(G)
    if path is not None and key is not None:
        _write(path, G, key)
    return G

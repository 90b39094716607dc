"""Finding a node of the transport graph from what a user types.

A place is found, in this order:

1. by id (``port-vladivostok``);
2. by ``LAT,LON`` (``43.12,131.89``): the nearest node, with its distance;
3. by English, Russian or Chinese name or alias, ignoring case, accents, hyphens, apostrophes,
   a note in brackets and a station number, and for a port its name without "Port of" ("Harbin (main station)" is
   found as ``harbin``, "Хабаровск-1" as ``Хабаровск``, ``哈尔滨``, ``Bei'an`` or ``beian``).

When a name matches several nodes, the rule is: places before ports before border crossings,
and among places a city or town before a station, junction or other place. So "Vladivostok"
is the city (the port is listed among the alternatives) and "Port of Vladivostok" (or
``port-vladivostok``) the port. The result says which
node was used and how it was found. An unknown name raises :class:`UnknownPlaceError` with the
closest names.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import networkx as nx

from . import settings
from ._errors import UnknownPlaceError

__all__ = ["PlaceMatch", "find_place", "name_index", "normalise"]

_LAYER_ORDER = {"places": 0, "ports": 1, "border_crossings": 2}
_KIND_ORDER = {"city": 0, "town": 1, "station": 2, "junction": 3}
_COORD_RE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$")
_PUNCT_RE = re.compile(r"[\s\-‐–—'’ʼ`.,()/]+")
_PAREN_RE = re.compile(r"\s*[(（][^)）]*[)）]")
_NUMBER_RE = re.compile(r"(?:[-\s]+(?:1|2|I|II)|[一二]站)$")


@dataclass(frozen=True)
class PlaceMatch:
    """A node found for a user's query.

    Attributes
    ----------
    id
        The node id.
    name
        Its English name.
    how
        ``"id"``, ``"name"`` or ``"nearest"``.
    query
        What the user typed.
    distance_km
        For a ``LAT,LON`` query, the distance from the point to the node.
    alternatives
        Other nodes the name matched, which the rule put after this one.
    """

    id: str
    name: str
    how: str
    query: str
    distance_km: float | None = None
    alternatives: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return the match as a JSON-ready dict."""
        return {
            "id": self.id,
            "name": self.name,
            "how": self.how,
            "query": self.query,
            "distance_km": None if self.distance_km is None else round(self.distance_km, 2),
            "alternatives": list(self.alternatives),
        }


def normalise(text: str) -> str:
    """Fold a name for matching: no case, accents or punctuation.

    Parameters
    ----------
    text
        A name in any script.

    Returns
    -------
    str

    Examples
    --------
    >>> normalise("Bei'an"), normalise("Komsomolsk-on-Amur"), normalise("Ёрмолино")
    ('beian', 'komsomolskonamur', 'ермолино')
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _PUNCT_RE.sub("", stripped)


def name_index(G: nx.MultiDiGraph) -> dict[str, list[str]]:
    """Return the folded names of a graph's nodes, each with the nodes it names (built once per graph).

    Parameters
    ----------
    G
        The transport graph.

    Returns
    -------
    dict
        A name or id folded by :func:`normalise` (with and without a note in brackets, a station number,
        "Port of" or "Terminal") to node ids, in node order.
    """
    index: dict[str, list[str]] = G.graph.get("_names") or {}
    if index:
        return index
    for node, data in G.nodes(data=True):
        names = [
            node,
            data.get("name"),
            data.get("name_ru"),
            data.get("name_zh"),
            *(data.get("aliases") or []),
        ]
        for name in names:
            if not (isinstance(name, str) and name.strip()):
                continue
            bare = _PAREN_RE.sub("", name).strip()  # "Harbin (main station)" -> "Harbin"
            variants = {name, bare, _NUMBER_RE.sub("", bare)}  # "Khabarovsk-1" -> "Khabarovsk"
            variants |= {
                re.sub(r"^(?i:port of|terminal)\s+", "", v) for v in variants
            }  # "Port of Dalian" -> "Dalian"
            for variant in variants:
                key = normalise(variant)
                if key and node not in index.setdefault(key, []):
                    index[key].append(node)
    G.graph["_names"] = index
    return index


def _rank(G: nx.MultiDiGraph, node: str) -> tuple[int, int, str]:
    data = G.nodes[node]
    return (_LAYER_ORDER.get(data.get("layer", ""), 9), _KIND_ORDER.get(data.get("kind", ""), 8), node)


def find_place(G: nx.MultiDiGraph, query: str) -> PlaceMatch:
    """Find the node a user means by an id, a name in any of three languages, or ``LAT,LON``.

    Parameters
    ----------
    G
        The transport graph.
    query
        What the user typed.

    Returns
    -------
    PlaceMatch

    Raises
    ------
    UnknownPlaceError
        If nothing matches; the message lists the closest names.

    Examples
    --------
    >>> import corridormap
    >>> G = corridormap.network()
    >>> find_place(G, "Vladivostok").id, find_place(G, "Port of Vladivostok").id
    ('vladivostok', 'port-vladivostok')
    >>> find_place(G, "哈尔滨").id
    'harbin'
    """
    text = str(query).strip()
    if text in G:
        return PlaceMatch(text, G.nodes[text].get("name", text), "id", text)
    coords = _COORD_RE.match(text)
    if coords:
        return _nearest(G, float(coords.group(1)), float(coords.group(2)), text)
    key = normalise(text)
    found = sorted(name_index(G).get(key, []), key=lambda n: _rank(G, n))
    if found:
        best = found[0]
        return PlaceMatch(best, G.nodes[best].get("name", best), "name", text, alternatives=tuple(found[1:]))
    index = name_index(G)
    close = difflib.get_close_matches(key, list(index), n=4, cutoff=0.6)
    suggestions: list[str] = []
    for k in close:
        for node in index[k]:
            label = f"{G.nodes[node].get('name', node)} ({node})"
            if label not in suggestions:
                suggestions.append(label)
    hint = (
        f"; did you mean {', '.join(suggestions[:4])}?"
        if suggestions
        else "; 'corridormap places' lists every node"
    )
    raise UnknownPlaceError(f"unknown place {text!r}{hint}")


def _nearest(G: nx.MultiDiGraph, lat: float, lon: float, text: str) -> PlaceMatch:
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise UnknownPlaceError(f"{text!r} is not a LAT,LON position: latitude -90..90, longitude -180..180")
    import numpy as np

    from .geodesy import distance_km

    core = G.graph.get("_core")  # its node table is the graph's nodes, in order, as arrays
    if core is not None:
        nodes, xy = core.nodes, core.node_xy
    else:
        nodes = list(G.nodes)
        xy = np.array([(G.nodes[n]["lon"], G.nodes[n]["lat"]) for n in nodes], float).reshape(-1, 2)
    # the great circle finds the few nodes that can be nearest (on WGS84 a geodesic is within
    # 0.6 % of it either way), the geodesic picks among them: the same node as measuring them all
    lon1, lat1, lon2, lat2 = np.radians(lon), np.radians(lat), np.radians(xy[:, 0]), np.radians(xy[:, 1])
    h = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    sphere = 2 * 6371.0088 * np.arcsin(np.sqrt(np.minimum(h, 1.0)))
    near = np.flatnonzero(sphere <= sphere.min() * 1.02 + 0.01)
    dists = distance_km(np.full(len(near), lon), np.full(len(near), lat), xy[near, 0], xy[near, 1])
    best = int(np.argmin(dists))
    i, km = int(near[best]), float(dists[best])
    name = G.nodes[nodes[i]].get("name", nodes[i])
    if km > settings.place_snap_km:
        raise UnknownPlaceError(
            f"no node within {settings.place_snap_km:g} km of {text}: the nearest is {name} ({nodes[i]}), "
            f"{km:,.0f} km away; give a place on the network or its name"
        )
    return PlaceMatch(nodes[i], name, "nearest", text, km)

"""Comparing the network at two dates or in two scenarios.

What opened or closed, and how capacities and flows changed, by commodity and by corridor.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ._errors import InvalidArgumentError
from ._results import summary_html
from .capacity import capacity_in_force
from .flows import max_flow
from .graph import feature_edges, usable_edge
from .graph import features as feature_table
from .state import Scenario, node_window
from .vocab import COMMODITIES

__all__ = ["Comparison", "compare"]


@dataclass
class Comparison:
    """The differences between two states of the network.

    Attributes
    ----------
    before, after
        The two scenarios.
    opened, closed
        Features and nodes usable in ``after`` but not in ``before``, and the reverse.
    capacities
        Per feature or node and commodity whose capacity in force changed: before, after, unit
        (``None`` where the feature was not open, or no figure was in force).
    corridors
        Per corridor and commodity: the bottleneck capacity along its main links and the maximum
        flow from its first to its last node, before and after.
    """

    before: Scenario
    after: Scenario
    opened: list[dict[str, Any]] = field(default_factory=list)
    closed: list[dict[str, Any]] = field(default_factory=list)
    capacities: list[dict[str, Any]] = field(default_factory=list)
    corridors: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return the comparison as a JSON-ready dict (what ``corridormap compare --json`` prints)."""
        return {
            "before": self.before.describe(),
            "after": self.after.describe(),
            "opened": self.opened,
            "closed": self.closed,
            "capacities": self.capacities,
            "corridors": self.corridors,
        }

    def to_frame(self, table: str = "corridors") -> Any:
        """Return one of the comparison's lists as a pandas DataFrame.

        Parameters
        ----------
        table
            ``"corridors"`` (bottleneck and flow by corridor and commodity), ``"capacities"``,
            ``"opened"`` or ``"closed"``.

        Returns
        -------
        pandas.DataFrame
        """
        import pandas as pd

        tables = {
            "corridors": self.corridors,
            "capacities": self.capacities,
            "opened": self.opened,
            "closed": self.closed,
        }
        if table not in tables:
            raise InvalidArgumentError(f"table is one of {', '.join(tables)}, not {table!r}")
        return pd.DataFrame(tables[table])

    def _repr_html_(self) -> str:
        """Show the comparison in Jupyter: counts, and the corridors' changes."""
        rows = [
            ("before", self.before.as_of.isoformat()),
            ("after", self.after.as_of.isoformat()),
            ("opened", len(self.opened)),
            ("closed", len(self.closed)),
            ("capacity changes", len(self.capacities)),
        ]
        corridors = self.to_frame("corridors").to_html(index=False)
        return summary_html("corridormap comparison", rows, corridors)


def _usable_features(G: nx.MultiDiGraph, s: Scenario) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for u, v, d in G.edges(data=True):
        if d["feature"] in found:
            continue
        if usable_edge(G, s, u, v, d):
            found[d["feature"]] = {
                "id": d["feature"],
                "layer": d["layer"],
                "name": d.get("name"),
                "opened": d.get("opened"),
                "status": d.get("status"),
            }
    return found


def _usable_nodes(G: nx.MultiDiGraph, s: Scenario) -> set[str]:
    """Nodes open in a scenario (a crossing or port that has opened and is not closed)."""
    found = set()
    for n, data in G.nodes(data=True):
        if n in s.close or data.get("kind") in s.close_kinds:
            continue
        if node_window(data).is_open(s.as_of, s.include_planned, None):
            found.add(n)
    return found


def compare(
    G: nx.MultiDiGraph,
    before: Scenario,
    after: Scenario,
    commodities: list[str] | None = None,
    corridors: dict[str, dict[str, Any]] | None = None,
) -> Comparison:
    """Compare the network in two scenarios (two dates, or a date with and without planned projects).

    Parameters
    ----------
    G
        The transport graph.
    before, after
        The scenarios (:func:`corridormap.flows.scenario`).
    commodities
        Commodities to compare capacities and flows for; every commodity with a capacity record
        if ``None``.
    corridors
        The dataset's corridors (``Dataset.corridors``), for the per-corridor rows.

    Returns
    -------
    Comparison
    """
    a, b = _usable_features(G, before), _usable_features(G, after)
    result = Comparison(before, after)
    result.opened = [b[k] for k in sorted(set(b) - set(a))]
    result.closed = [a[k] for k in sorted(set(a) - set(b))]
    features = feature_edges(G)
    records: dict[str, list[dict[str, Any]]] = {
        fid: attrs["capacities"] for fid, attrs in feature_table(G).items() if attrs.get("capacities")
    }
    for n, data in G.nodes(data=True):
        if data.get("capacities"):
            records[n] = data["capacities"]
    usable = {"before": set(a) | _usable_nodes(G, before), "after": set(b) | _usable_nodes(G, after)}
    present = sorted({r["commodity"] for recs in records.values() for r in recs})
    wanted = [c for c in (commodities or present) if c in COMMODITIES]
    for ident, recs in sorted(records.items()):
        for commodity in wanted:
            x = capacity_in_force(recs, commodity, before.as_of) if ident in usable["before"] else None
            y = capacity_in_force(recs, commodity, after.as_of) if ident in usable["after"] else None
            if (x is None) != (y is None) or (x and y and abs(x["value"] - y["value"]) > 1e-9):
                unit = (y or x or {}).get("unit")
                result.capacities.append(
                    {
                        "id": ident,
                        "commodity": commodity,
                        "before": None if x is None else round(x["value"], 4),
                        "after": None if y is None else round(y["value"], 4),
                        "unit": unit,
                        "sources": (y or x or {}).get("sources", []),
                    }
                )
    for cid, cor in (corridors or {}).items():
        links = cor["links"]
        if links[0] not in features or links[-1] not in features:
            continue
        first, last = features[links[0]][0][0], features[links[-1]][-1][1]
        link_records = [rec for lid in links for rec in [records.get(lid)]]
        for commodity in wanted:
            if not any(
                capacity_in_force(r, commodity, after.as_of) or capacity_in_force(r, commodity, before.as_of)
                for r in link_records
                if r
            ):
                continue
            row: dict[str, Any] = {"corridor": cid, "commodity": commodity}
            for label, s in (("before", before), ("after", after)):
                caps = [capacity_in_force(r, commodity, s.as_of) if r else None for r in link_records]
                known = [c for c in caps if c is not None]
                row[f"bottleneck_{label}"] = (
                    round(min(c["value"] for c in known), 4) if len(known) == len(caps) else None
                )
                flow = max_flow(G, commodity, [first], [last], s) if first and last else None
                row[f"flow_{label}"] = None if flow is None or flow.unbounded else round(flow.value, 4)
                row["unit"] = flow.unit if flow else None
            result.corridors.append(row)
    return result

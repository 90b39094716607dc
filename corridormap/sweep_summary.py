"""Summaries of a sweep's table: what binds, what failing costs, how far routes detour.

Each takes the table of :func:`corridormap.sweeps.sweep` (or the Parquet it wrote, read back) and
returns a DataFrame. Groups are a query in one state, closure set and capacity set (what shares
one base value); shares and expectations are over that group's scenarios (its failure draws).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._errors import InvalidArgumentError

__all__ = ["binding", "criticality", "detours", "losses", "map_frame", "summary"]

#: The columns that make one group: a query in one state, closure set and capacity set.
GROUP = ["query", "state", "closure", "capacity"]

_EPS = 1e-9


def _scenarios(rows: pd.DataFrame) -> pd.Series:
    """How many scenarios each group has."""
    return rows.groupby(GROUP, sort=False)["scenario"].nunique().rename("scenarios")


def summary(table: pd.DataFrame) -> pd.DataFrame:
    """Per max-flow and route query and group: the base value and the value's spread over the scenarios.

    Parameters
    ----------
    table
        A sweep's table.

    Returns
    -------
    pandas.DataFrame
        ``query``, ``type``, ``state``, ``closure``, ``capacity``, ``unit``, ``scenarios``,
        ``base`` (mean over pairs for routes), ``mean``, ``min``, ``max`` of the value, and
        ``loss_share``: the share of rows worse than the base (less flow, a longer route or none).
    """
    rows = table[table["type"].isin(["max_flow", "routes"])].copy()
    flow = rows["type"] == "max_flow"
    worse = np.where(flow, rows["value"] < rows["base"] - _EPS, ~(rows["value"] <= rows["base"] + _EPS))
    rows["worse"] = worse.astype(float)
    out = rows.groupby([*GROUP, "type", "unit"], sort=False).agg(
        scenarios=("scenario", "nunique"),
        base=("base", "mean"),
        mean=("value", "mean"),
        min=("value", "min"),
        max=("value", "max"),
        loss_share=("worse", "mean"),
    )
    return out.reset_index()[
        [
            "query",
            "type",
            "state",
            "closure",
            "capacity",
            "unit",
            "scenarios",
            "base",
            "mean",
            "min",
            "max",
            "loss_share",
        ]
    ]


def binding(table: pd.DataFrame) -> pd.DataFrame:
    """How often each feature or node is in a max flow's minimum cut.

    Parameters
    ----------
    table
        A sweep's table.

    Returns
    -------
    pandas.DataFrame
        ``query``, ``state``, ``closure``, ``capacity``, ``id``, ``binds`` (scenarios in whose
        minimum cut it is), ``scenarios`` and ``share``; largest share first.
    """
    rows = table[table["type"] == "max_flow"]
    counts = _scenarios(rows)
    cut = rows[[*GROUP, "scenario", "binding"]].explode("binding").dropna(subset=["binding"])
    out = cut.groupby([*GROUP, "binding"], sort=False)["scenario"].nunique().rename("binds").reset_index()
    out = out.rename(columns={"binding": "id"}).join(counts, on=GROUP)
    out["share"] = out["binds"] / out["scenarios"]
    return out.sort_values([*GROUP, "share", "id"], ascending=[True] * 4 + [False, True], ignore_index=True)


def losses(table: pd.DataFrame) -> pd.DataFrame:
    """Return what failing costs a max flow, per element that failed.

    A draw's loss (the base flow less the flow with the draw's failures) counts for every element
    that failed in it and is in the query's flow network (``touched``): with N-2 both elements
    of a draw take part in its loss when both are in the network; an oil pipeline never takes
    part in a gas flow's loss.

    Parameters
    ----------
    table
        A sweep's table.

    Returns
    -------
    pandas.DataFrame
        ``query``, ``state``, ``closure``, ``capacity``, ``id``, ``unit``, ``failed`` (draws it
        failed in), ``scenarios``, ``loss_when_failed`` (mean loss of those draws),
        ``expected_loss`` (their loss summed over every draw of the group: the loss it takes
        part in, per draw) and ``disconnects`` (the share of its draws that leave no flow);
        largest expected loss first.
    """
    rows = table[(table["type"] == "max_flow") & np.isfinite(table["base"])].copy()
    counts = _scenarios(rows)
    rows["loss"] = (rows["base"] - rows["value"]).clip(lower=0.0)
    rows["cut_off"] = ((rows["value"] <= _EPS) & (rows["base"] > _EPS)).astype(float)
    failed = rows[[*GROUP, "unit", "scenario", "touched", "loss", "cut_off"]].explode("touched")
    failed = failed.dropna(subset=["touched"]).rename(columns={"touched": "id"})
    out = failed.groupby([*GROUP, "id", "unit"], sort=False).agg(
        failed=("scenario", "nunique"),
        loss_when_failed=("loss", "mean"),
        total=("loss", "sum"),
        disconnects=("cut_off", "mean"),
    )
    out = out.reset_index().join(counts, on=GROUP)
    out["expected_loss"] = out.pop("total") / out["scenarios"]
    columns = [
        *GROUP,
        "id",
        "unit",
        "failed",
        "scenarios",
        "loss_when_failed",
        "expected_loss",
        "disconnects",
    ]
    ranked: pd.DataFrame = out[columns]
    return ranked.sort_values(
        [*GROUP, "expected_loss", "id"], ascending=[True] * 4 + [False, True], ignore_index=True
    )


def criticality(table: pd.DataFrame) -> pd.DataFrame:
    """N-1 criticality queries over the scenarios: each element's loss, averaged.

    Parameters
    ----------
    table
        A sweep's table.

    Returns
    -------
    pandas.DataFrame
        ``query``, ``state``, ``closure``, ``capacity``, ``id``, ``unit``, ``ranked`` (scenarios
        in which closing it loses flow), ``scenarios``, ``mean_loss`` (over every scenario: a
        scenario where it loses nothing counts 0), ``max_loss`` and ``disconnects`` (share of
        scenarios); largest mean loss first.
    """
    all_rows = table[table["type"] == "criticality"]
    counts = _scenarios(all_rows)
    rows = all_rows.dropna(subset=["element"]).copy()
    rows["cut_off"] = (rows["note"] == "disconnects").astype(float)
    out = rows.groupby([*GROUP, "element", "unit"], sort=False).agg(
        ranked=("scenario", "nunique"),
        total=("value", "sum"),
        max_loss=("value", "max"),
        cuts=("cut_off", "sum"),
    )
    out = out.reset_index().rename(columns={"element": "id"}).join(counts, on=GROUP)
    out["mean_loss"] = out.pop("total") / out["scenarios"]
    out["disconnects"] = out.pop("cuts") / out["scenarios"]
    columns = [*GROUP, "id", "unit", "ranked", "scenarios", "mean_loss", "max_loss", "disconnects"]
    out = out[columns]
    return out.sort_values(
        [*GROUP, "mean_loss", "id"], ascending=[True] * 4 + [False, True], ignore_index=True
    )


def detours(table: pd.DataFrame) -> pd.DataFrame:
    """Return the distribution of detours per origin-destination pair: how much longer failures make a route.

    Parameters
    ----------
    table
        A sweep's table.

    Returns
    -------
    pandas.DataFrame
        ``query``, ``state``, ``closure``, ``capacity``, ``orig``, ``dest``, ``unit``, ``base``
        (the route with nothing failed), ``scenarios``, ``no_route`` (share of scenarios with no
        route), and over the scenarios with one: ``detour_share`` (share longer than the base),
        ``mean``, ``p50``, ``p90`` and ``max`` detour, in the unit.
    """
    rows = table[table["type"] == "routes"].copy()
    rows["detour"] = rows["value"] - rows["base"]
    rows["none"] = rows["value"].isna().astype(float)
    rows["longer"] = (rows["detour"] > _EPS).astype(float).where(rows["value"].notna())
    keys = [*GROUP, "orig", "dest", "unit"]
    out = rows.groupby(keys, sort=False).agg(
        base=("base", "first"),
        scenarios=("scenario", "nunique"),
        no_route=("none", "mean"),
        detour_share=("longer", "mean"),
        mean=("detour", "mean"),
        p50=("detour", lambda x: x.quantile(0.5)),
        p90=("detour", lambda x: x.quantile(0.9)),
        max=("detour", "max"),
    )
    return out.reset_index()


def map_frame(table: pd.DataFrame, query: str, state: str | None = None) -> tuple[pd.DataFrame, str, str]:
    """Return the per-element values a criticality map colours: expected loss, or mean N-1 loss.

    Parameters
    ----------
    table
        A sweep's table.
    query
        A max-flow query (expected loss of each element that failed, and how often each binds)
        or a criticality query (mean loss).
    state
        A state's name (the table's first if ``None``); the first closure and capacity sets.

    Returns
    -------
    (pandas.DataFrame, str, str)
        ``id``, ``value``, ``binds`` (share of scenarios, NaN for criticality); the title; the unit.

    Raises
    ------
    InvalidArgumentError
        For a query or state the table does not have, or a route query.
    """
    rows = table[table["query"] == query]
    if rows.empty:
        raise InvalidArgumentError(
            f"no query {query!r} in the sweep: queries are {', '.join(table['query'].unique())}"
        )
    kind = rows["type"].iloc[0]
    if kind == "routes":
        raise InvalidArgumentError(
            f"{query!r} is a route query: a criticality map is of a max_flow or criticality query"
        )
    state = state if state is not None else str(rows["state"].iloc[0])
    if state not in set(rows["state"]):
        raise InvalidArgumentError(
            f"no state {state!r} in the sweep: states are {', '.join(rows['state'].unique())}"
        )
    first = rows[rows["state"] == state].iloc[0]
    pick = {"query": query, "state": state, "closure": first["closure"], "capacity": first["capacity"]}

    def mine(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[np.logical_and.reduce([frame[k] == v for k, v in pick.items()])]

    if kind == "criticality":
        values = mine(criticality(table))
        frame = pd.DataFrame({"id": values["id"], "value": values["mean_loss"], "binds": np.nan})
        measure = "mean N-1 loss"
    else:
        values = mine(losses(table))[["id", "expected_loss"]].rename(columns={"expected_loss": "value"})
        binds = mine(binding(table))[["id", "share"]].rename(columns={"share": "binds"})
        frame = values.merge(binds, on="id", how="outer")
        frame["value"] = frame["value"].fillna(0.0)
        measure = "expected loss"
    unit = str(first["unit"]) if isinstance(first["unit"], str) else ""
    title = f"{query}, {state}: {measure}"
    return frame.sort_values(["value", "id"], ascending=[False, True], ignore_index=True), title, unit

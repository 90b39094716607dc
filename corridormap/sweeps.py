"""Scenario sweeps: every query of a grid in every scenario, serially or on Dask, as one table.

The module is ``sweeps`` so that ``corridormap.sweep`` stays the function once it is imported.

A grid (:mod:`corridormap.grid`) expands into scenarios: each state (date, month, planned
projects) times each closure set times each capacity-override set times each failure draw. Every
query is answered in every scenario, and :func:`sweep` returns one tidy table, one row per
scenario and query (and per origin-destination pair, or per ranked element):

========== =====================================================================================
column     meaning
========== =====================================================================================
scenario   the scenario's index (its draws come from the grid's seed and this index)
state ...  ``state``, ``as_of``, ``month``, ``planned``, ``closure``, ``capacity``: its parameters
draw       the failure draw within its state (``<NA>`` without failures)
failed     the elements that failed in the draw (ids, sorted)
touched    those of them in the query's flow network (the others cannot change a flow)
query      the query's name, and ``type``: ``max_flow``, ``routes`` or ``criticality``
commodity  for flows; ``orig`` and ``dest`` for routes; ``element`` for a criticality's item
value      the maximum flow, the route's length (or time), or the element's loss; ``unit``
base       the same query in the same state with nothing failed (for criticality: the flow
           with the draw's failures and nothing more closed)
binding    the minimum cut (features and nodes) of a flow
length_km  a route's length, ``time_h`` its time, ``crossings`` its border crossings
note       ``no route``, ``unbounded``, ``disconnects``, or empty
========== =====================================================================================

Determinism: scenario *i* draws its failures from ``numpy.random.SeedSequence(seed,
spawn_key=(i,))``, which is the *i*-th child of ``SeedSequence(seed).spawn(...)``, and the rows
are sorted by scenario and query before the table is made. So the table is the same serially
and on any number of workers.

Execution: the graph is built once, scattered to every worker once (``broadcast=True``), and
the scenarios are cut into batches of about ``settings.sweep_task_solves`` solves, so each
task runs for a good fraction of a second, not microseconds. Within a batch, the flow network of
a query in a state is built once and each draw zeroes the capacities of the elements that
failed, as :func:`corridormap.flows.flow_criticality` does for N-1.
"""

from __future__ import annotations

import itertools
import logging
import math
import os
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np

from . import settings
from ._errors import CorridorMapError, DataReadError, InvalidArgumentError, NoRouteError
from ._render import render
from .capacity import canonical_unit
from .flows import FlowNetwork, query_network, solve
from .graph import feature_edges, features, usable_edge
from .grid import CapacitySet, Closure, Grid, Query, State, grid_from_dict, load_grid
from .lookup import find_place
from .resilience import flow_criticality
from .routing import route
from .state import Scenario, scenario

__all__ = ["COLUMNS", "Spec", "SweepResult", "expand", "sweep"]

logger = logging.getLogger(__name__)

#: The columns of a sweep's table, in order.
COLUMNS = (
    "scenario",
    "state",
    "as_of",
    "month",
    "planned",
    "closure",
    "capacity",
    "draw",
    "failed",
    "touched",
    "query",
    "type",
    "commodity",
    "orig",
    "dest",
    "element",
    "value",
    "unit",
    "base",
    "binding",
    "length_km",
    "time_h",
    "crossings",
    "note",
)

#: Solves a criticality query costs, roughly, for batching (one per element carrying flow).
_CRITICALITY_COST = 10


@dataclass(frozen=True)
class Spec:
    """One scenario of a sweep: its state, closures, overrides and the elements that failed."""

    index: int
    state: State
    closure: Closure
    capacity: CapacitySet
    draw: int | None = None
    failed: tuple[str, ...] = ()

    def scenario(self, unit: str | None = None) -> Scenario:
        """Return the scenario's state as a :class:`corridormap.state.Scenario` (failures not closed).

        Parameters
        ----------
        unit
            A flow query's unit: only the capacity overrides of its kind apply (an override in
            Mt/yr is not one for a gas flow in bcm/yr). ``None``: none apply.
        """
        kind = None if unit is None else canonical_unit(unit)
        return scenario(
            self.state.as_of,
            self.state.month,
            self.state.planned,
            self.closure.ids,
            self.closure.kinds,
            {i: (v, u) for i, v, u in self.capacity.overrides if canonical_unit(u) == kind},
        )


@dataclass(frozen=True)
class _Context:
    """What every batch needs besides the graph: the queries (places resolved) and kinds' ids."""

    queries: tuple[Query, ...]
    kind_ids: Mapping[str, tuple[str, ...]]


# --- expanding and checking a grid -------------------------------------------------------------


def _kinds(G: nx.MultiDiGraph) -> dict[str, set[str]]:
    """Kind to the feature and node ids of that kind."""
    out: dict[str, set[str]] = {}
    for fid, d in features(G).items():
        out.setdefault(str(d.get("kind")), set()).add(fid)
    for n, d in G.nodes(data=True):
        out.setdefault(str(d.get("kind")), set()).add(n)
    return out


def _check_ids(G: nx.MultiDiGraph, ids: Sequence[str], where: str) -> None:
    index = feature_edges(G)
    for ident in ids:
        if ident not in G and ident not in index:
            raise InvalidArgumentError(
                f"{where}: no feature or node {ident!r}; give an id from 'corridormap places' or 'corridormap show'"
            )


def _check_kinds(known: Mapping[str, set[str]], kinds: Sequence[str], where: str) -> None:
    for kind in kinds:
        if kind not in known:
            raise InvalidArgumentError(
                f"{where}: no feature or node has kind {kind!r}; kinds are {', '.join(sorted(known))}"
            )


def _resolve(G: nx.MultiDiGraph, places: Sequence[str], where: str) -> tuple[str, ...]:
    try:
        return tuple(find_place(G, p).id for p in places)
    except CorridorMapError as exc:
        raise InvalidArgumentError(f"{where}: {exc}") from None


def _check_query(G: nx.MultiDiGraph, q: Query, first: Spec, where: str) -> Query:
    """Resolve a query's places to ids and ask it once, so that a bad commodity or mode fails here."""
    try:
        if q.type == "routes":
            pairs = tuple(
                (_resolve(G, [o], f"{where}.pairs")[0], _resolve(G, [d], f"{where}.pairs")[0])
                for o, d in q.pairs
            )
            try:
                o, d = pairs[0]
                route(G, o, d, weight=q.weight, modes=q.modes, as_of=first.state.as_of)
            except NoRouteError:
                pass
            return replace(q, pairs=pairs)
        q = replace(
            q,
            sources=_resolve(G, q.sources, f"{where}.sources"),
            sinks=_resolve(G, q.sinks, f"{where}.sinks"),
        )
        _, _, net = query_network(G, str(q.commodity), q.sources, q.sinks, first.scenario(), q.unit)
        return replace(q, unit=net.unit)  # the unit its overrides are converted to
    except InvalidArgumentError as exc:
        if str(exc).startswith(where):
            raise
        raise InvalidArgumentError(f"{where}: {exc}") from None


def _candidates(G: nx.MultiDiGraph, grid: Grid, s: Scenario, kinds: Mapping[str, set[str]]) -> list[str]:
    """Return the elements that can fail in a state: of the kinds asked (or every link), and open in it."""
    f = grid.failures
    assert f is not None
    wanted = [k for k, _ in f.probabilities] or list(f.kinds)
    pool = set(f.ids) | {i for k in wanted for i in kinds.get(k, ())}
    if not pool:
        pool = set(features(G))
    open_ids: set[str] = set()
    for u, v, d in G.edges(data=True):
        if usable_edge(G, s, u, v, d):
            open_ids.update((d["feature"], u, v))
    return sorted(pool & open_ids)


def _draws(
    grid: Grid, candidates: list[str], kinds: Mapping[str, set[str]], start: int
) -> list[tuple[str, ...]]:
    """Return the failure draws of one state, scenario indices from ``start`` on."""
    f = grid.failures
    assert f is not None
    if f.k is not None and f.draws is None:
        return list(itertools.combinations(candidates, min(f.k, len(candidates))))
    out = []
    assert f.draws is not None
    p = np.array(
        [max((q for k, q in f.probabilities if c in kinds.get(k, ())), default=0.0) for c in candidates]
    )
    for i in range(start, start + f.draws):
        rng = np.random.default_rng(np.random.SeedSequence(grid.seed, spawn_key=(i,)))
        if f.k is not None:
            picked = rng.choice(len(candidates), size=min(f.k, len(candidates)), replace=False)
        else:
            picked = np.flatnonzero(rng.random(len(candidates)) < p)
        out.append(tuple(sorted(candidates[j] for j in picked)))
    return out


def expand(G: nx.MultiDiGraph, grid: Grid) -> tuple[list[Spec], tuple[Query, ...]]:
    """Check a grid against a graph and expand it into scenarios.

    Parameters
    ----------
    G
        The transport graph.
    grid
        The grid.

    Returns
    -------
    (list of Spec, tuple of Query)
        The scenarios in order (their ``index`` is their position), and the queries with their
        places resolved to ids.

    Raises
    ------
    InvalidArgumentError
        For an id, kind, place, commodity or unit the graph does not know, naming where in the grid.
    """
    kinds = _kinds(G)
    w = grid.where
    for i, c in enumerate(grid.closures):
        _check_ids(G, c.ids, f"{w}: closures[{i}].ids")
        _check_kinds(kinds, c.kinds, f"{w}: closures[{i}].kinds")
    for i, overrides in enumerate(grid.capacity):
        _check_ids(G, [k for k, _, _ in overrides.overrides], f"{w}: capacity[{i}].set")
    if grid.failures is not None:
        _check_ids(G, grid.failures.ids, f"{w}: failures.ids")
        _check_kinds(kinds, grid.failures.kinds, f"{w}: failures.kinds")
        _check_kinds(kinds, [k for k, _ in grid.failures.probabilities], f"{w}: failures.probabilities")
    specs: list[Spec] = []
    for state, closure, cap in itertools.product(grid.states, grid.closures, grid.capacity):
        base = Spec(len(specs), state, closure, cap)
        if grid.failures is None:
            specs.append(base)
            continue
        pool = _candidates(G, grid, base.scenario(), kinds)
        for d, failed in enumerate(_draws(grid, pool, kinds, len(specs))):
            specs.append(replace(base, index=len(specs), draw=d, failed=failed))
    queries = tuple(_check_query(G, q, specs[0], f"{w}: queries[{i}]") for i, q in enumerate(grid.queries))
    return specs, queries


# --- answering one batch -----------------------------------------------------------------------


def _node_id(name: Any) -> str:
    return str(name[0] if isinstance(name, tuple) else name)


def _arc_groups(net: FlowNetwork) -> dict[str, np.ndarray]:
    """Element id to the arcs that closing it zeroes (a node: every arc into or out of it)."""
    groups: dict[str, list[int]] = {}
    for i, who in enumerate(net.owner):
        if isinstance(who, str):
            groups.setdefault(who, []).append(i)
    ends = {"__source__", "__sink__"}
    for i, (t, h) in enumerate(zip(net.tail.tolist(), net.head.tolist(), strict=True)):
        for name in {_node_id(net.nodes[t]), _node_id(net.nodes[h])} - ends:
            groups.setdefault(name, []).append(i)
    return {k: np.array(sorted(set(v)), dtype=np.int64) for k, v in groups.items()}


def _cut(net: FlowNetwork, flows: np.ndarray, caps: np.ndarray) -> list[str]:
    """Return the features and nodes of the minimum cut nearest the sources (as ``max_flow`` reports it)."""
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import breadth_first_order

    forward = caps - flows > 1e-9
    backward = flows > 1e-9
    rows = np.concatenate([net.tail[forward], net.head[backward]])
    cols = np.concatenate([net.head[forward], net.tail[backward]])
    n = len(net.nodes)
    residual = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    seen = np.zeros(n, dtype=bool)
    seen[breadth_first_order(residual, net.source, directed=True, return_predecessors=False)] = True
    cut = np.flatnonzero(seen[net.tail] & ~seen[net.head] & (caps > 0))
    owners = (net.owner[i] for i in cut.tolist())
    return sorted({o if isinstance(o, str) else o[1] for o in owners if o is not None})


def _row(spec: Spec, q: Query, **values: Any) -> dict[str, Any]:
    return {
        "scenario": spec.index,
        "state": spec.state.name,
        "as_of": spec.state.as_of.isoformat(),
        "month": spec.state.month,
        "planned": spec.state.planned,
        "closure": spec.closure.name,
        "capacity": spec.capacity.name,
        "draw": spec.draw,
        "failed": list(spec.failed),
        "query": q.name,
        "type": q.type,
        "commodity": q.commodity,
        **values,
    }


class _Batch:
    """Answers the queries of a batch of scenarios, keeping what a state's draws share."""

    def __init__(self, G: nx.MultiDiGraph, ctx: _Context) -> None:
        self.G = G
        self.ctx = ctx
        self._flow_cache: dict[Any, Any] = {}
        self._route_cache: dict[Any, Any] = {}

    def max_flow(self, spec: Spec, q: Query) -> list[dict[str, Any]]:
        key = (spec.state, spec.closure, spec.capacity, q.name)
        if key not in self._flow_cache:
            s = spec.scenario(q.unit)
            _, _, net = query_network(self.G, str(q.commodity), q.sources, q.sinks, s, q.unit)
            value, _ = solve(net)
            self._flow_cache[key] = (net, _arc_groups(net), value)
        net, groups, base = self._flow_cache[key]
        caps = net.capacity.copy()
        for ident in spec.failed:
            if ident in groups:
                caps[groups[ident]] = 0.0
        value, flows = solve(net, "scipy", caps)
        unbounded = math.isinf(value)
        binding = [] if unbounded else _cut(net, flows, caps)
        note = "unbounded" if unbounded else ""
        touched = [i for i in spec.failed if i in groups]
        values = {"value": value, "unit": net.unit, "base": base, "binding": binding, "touched": touched}
        return [_row(spec, q, **values, note=note)]

    def _route(self, spec: Spec, q: Query, o: str, d: str, failed: tuple[str, ...]) -> Any:
        closed = set(spec.closure.ids) | {i for k in spec.closure.kinds for i in self.ctx.kind_ids.get(k, ())}
        try:
            return route(
                self.G,
                o,
                d,
                weight=q.weight,
                modes=q.modes,
                as_of=spec.state.as_of,
                month=spec.state.month,
                avoid=sorted(closed | set(failed)),
                include_planned=spec.state.planned,
            )
        except NoRouteError:
            return None

    def routes(self, spec: Spec, q: Query) -> list[dict[str, Any]]:
        out = []
        unit = "h" if q.weight == "time" else "km"
        for o, d in q.pairs:
            key = (spec.state, spec.closure, q.name, o, d)
            if key not in self._route_cache:
                self._route_cache[key] = self._route(spec, q, o, d, ())
            r0 = self._route_cache[key]
            r = self._route(spec, q, o, d, spec.failed) if spec.failed else r0
            base = math.nan if r0 is None else (r0.time_h if q.weight == "time" else r0.length_km)
            values: dict[str, Any] = {"orig": o, "dest": d, "unit": unit, "base": base}
            if r is None:
                values.update(value=math.nan, crossings=[], note="no route")
            else:
                crossings = list(dict.fromkeys(c for leg in r.legs for c in leg.crossings))
                value = r.time_h if q.weight == "time" else r.length_km
                values.update(value=value, length_km=r.length_km, time_h=r.time_h, crossings=crossings)
            out.append(_row(spec, q, **values))
        return out

    def criticality(self, spec: Spec, q: Query) -> list[dict[str, Any]]:
        s = spec.scenario(q.unit).with_closed(*spec.failed)
        try:
            ranking = flow_criticality(
                self.G, str(q.commodity), q.sources, q.sinks, s, top=q.top, unit=q.unit
            )
        except CorridorMapError as exc:
            if "unbounded" not in str(exc):
                raise
            return [_row(spec, q, value=math.nan, base=math.inf, note="unbounded")]
        if not ranking.items:  # a row all the same, so that the scenario counts
            return [_row(spec, q, value=0.0, unit=ranking.unit, base=ranking.base, note="no loss")]
        return [
            _row(
                spec,
                q,
                element=c.id,
                value=c.loss,
                unit=c.unit,
                base=ranking.base,
                note="disconnects" if c.disconnects else "",
            )
            for c in ranking.items
        ]


def run_batch(
    G: nx.MultiDiGraph, specs: Sequence[Spec], ctx: _Context
) -> tuple[list[tuple[Any, ...]], float]:
    """Answer every query in each scenario of a batch (what one Dask task runs).

    Parameters
    ----------
    G
        The transport graph (on a worker, the broadcast copy).
    specs
        The scenarios.
    ctx
        The queries and the ids of the kinds closed.

    Returns
    -------
    (list of tuple, float)
        The rows, each ``(scenario, query index, item) + values in COLUMNS order``, and the
        seconds the batch took.
    """
    start = time.perf_counter()
    batch = _Batch(G, ctx)
    rows: list[tuple[Any, ...]] = []
    for spec in specs:
        for qi, q in enumerate(ctx.queries):
            made = getattr(batch, q.type)(spec, q)
            for j, r in enumerate(made):
                rows.append((spec.index, qi, j, *(r.get(c) for c in COLUMNS)))
    return rows, time.perf_counter() - start


# --- running a sweep ---------------------------------------------------------------------------


def _cost(q: Query) -> int:
    return len(q.pairs) if q.type == "routes" else _CRITICALITY_COST if q.type == "criticality" else 1


def batches(specs: Sequence[Spec], queries: Sequence[Query], workers: int) -> list[list[Spec]]:
    """Cut the scenarios into batches of about ``settings.sweep_task_solves`` solves, at least 4 per worker.

    Parameters
    ----------
    specs, queries
        The scenarios and queries.
    workers
        The number of workers.

    Returns
    -------
    list of list of Spec
    """
    per_spec = max(1, sum(_cost(q) for q in queries))
    size = max(1, settings.sweep_task_solves // per_spec)
    size = max(1, min(size, math.ceil(len(specs) / (4 * max(1, workers)))))
    return [list(specs[i : i + size]) for i in range(0, len(specs), size)]


def _in_jupyter() -> bool:
    shell = sys.modules.get("IPython")
    get = getattr(shell, "get_ipython", None)
    return bool(get and get() is not None and "IPKernelApp" in getattr(get(), "config", {}))


@contextmanager
def _dask_client(client: Any, scheduler: str | None, workers: int | None) -> Iterator[Any]:
    """Yield the client to run on: the one given, one to a scheduler, or a LocalCluster made (and closed) here."""
    if client is not None:
        yield client
        return
    from dask.distributed import Client, LocalCluster

    if scheduler is not None:
        try:
            made = Client(scheduler, timeout=settings.sweep_connect_timeout_s)  # type: ignore[no-untyped-call]
        except OSError as exc:
            raise CorridorMapError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        with made:
            yield made
        return
    n = workers or os.cpu_count() or 1
    cluster = LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0"
    )
    with cluster, Client(cluster) as local:  # type: ignore[no-untyped-call]
        yield local


def _announce(client: Any) -> None:
    """Show the Dask dashboard's link: in Jupyter as the client's own summary, else in the log."""
    link = getattr(client, "dashboard_link", None)
    logger.info("Dask dashboard: %s", link)
    if _in_jupyter():
        from IPython.display import display

        display(client)  # type: ignore[no-untyped-call]


def _run_dask(
    client: Any, G: nx.MultiDiGraph, specs: list[Spec], ctx: _Context, progress: bool
) -> tuple[list[tuple[Any, ...]], dict[str, Any]]:
    from dask.distributed import as_completed
    from tqdm.auto import tqdm

    _announce(client)
    try:
        client.wait_for_workers(1, timeout=settings.sweep_worker_timeout_s)
    except TimeoutError:
        raise CorridorMapError(
            f"no Dask worker joined the scheduler within {settings.sweep_worker_timeout_s:g} s: start one "
            "with 'dask worker ADDRESS'"
        ) from None
    n = len(client.scheduler_info().get("workers", {})) or 1
    parts = batches(specs, ctx.queries, n)
    start = time.perf_counter()
    graph = client.scatter(G, broadcast=True, hash=False)  # once per worker, not once per task
    futures = [client.submit(run_batch, graph, part, ctx, pure=False) for part in parts]
    rows: list[tuple[Any, ...]] = []
    busy = 0.0
    with tqdm(total=len(futures), desc="sweep", unit="task", disable=not progress) as bar:
        for future in as_completed(futures):  # type: ignore[no-untyped-call]
            made, seconds = future.result()
            rows.extend(made)
            busy += seconds
            bar.update()
    wall = time.perf_counter() - start
    return rows, {"workers": n, "tasks": len(parts), "seconds": wall, "task_seconds": busy}


def _run_serial(
    G: nx.MultiDiGraph, specs: list[Spec], ctx: _Context, progress: bool
) -> tuple[list[tuple[Any, ...]], dict[str, Any]]:
    from tqdm.auto import tqdm

    parts = batches(specs, ctx.queries, 1)
    start = time.perf_counter()
    rows: list[tuple[Any, ...]] = []
    busy = 0.0
    for part in tqdm(parts, desc="sweep", unit="task", disable=not progress):
        made, seconds = run_batch(G, part, ctx)
        rows.extend(made)
        busy += seconds
    wall = time.perf_counter() - start
    return rows, {"workers": 0, "tasks": len(parts), "seconds": wall, "task_seconds": busy}


def _table(rows: list[tuple[Any, ...]]) -> Any:
    import pandas as pd

    rows = sorted(rows, key=lambda r: r[:3])
    frame = pd.DataFrame([r[3:] for r in rows], columns=list(COLUMNS))
    for column in ("month", "draw"):
        frame[column] = frame[column].astype("Int64")
    for column in ("value", "base", "length_km", "time_h"):
        frame[column] = frame[column].astype("float64")
    for column in ("failed", "touched", "binding", "crossings"):
        frame[column] = [list(x) if isinstance(x, list) else [] for x in frame[column]]
    frame["note"] = frame["note"].fillna("")
    frame["planned"] = frame["planned"].astype(bool)
    return frame


def sweep(
    grid: Grid | Mapping[str, Any] | str | Path,
    client: Any = None,
    serial: bool = False,
    workers: int | None = None,
    *,
    scheduler: str | None = None,
    G: nx.MultiDiGraph | None = None,
    data: str | Path | None = None,
    backbone: bool = True,
    progress: bool = False,
) -> SweepResult:
    """Answer every query of a grid in every scenario: serially, on a LocalCluster or on a cluster.

    Parameters
    ----------
    grid
        A :class:`corridormap.grid.Grid`, its keys as a dict, or a YAML or TOML file.
    client
        A ``dask.distributed.Client`` to run on (a cluster's); if ``None``, one to ``scheduler``,
        else a LocalCluster of ``workers`` processes (one per core by default), closed after.
    serial
        Run in this process, without Dask (to reproduce and debug): the same table.
    workers
        The LocalCluster's size.
    scheduler
        A Dask scheduler's address, ``tcp://HOST:PORT``.
    G
        The transport graph (``corridormap.network(data)`` if ``None``).
    data
        The dataset folder, when ``G`` is not given.
    backbone
        Whether that graph joins the dataset's railway backbone (``False``: the curated links
        only, a graph a tenth the size to send to the workers when no query needs the backbone).
    progress
        Show a progress bar (tqdm) as tasks complete.

    Returns
    -------
    SweepResult
        The table (see the module's docstring) and how it was run.

    Raises
    ------
    InvalidArgumentError
        For a grid that is not valid, or names what the network does not have.
    """
    if isinstance(grid, str | Path):
        grid = load_grid(grid)
    elif not isinstance(grid, Grid):
        grid = grid_from_dict(grid)
    if serial and (client is not None or scheduler is not None or workers is not None):
        raise InvalidArgumentError("serial runs without Dask: drop client, scheduler and workers")
    if client is not None and scheduler is not None:
        raise InvalidArgumentError("give a client or a scheduler address, not both")
    if workers is not None and (client is not None or scheduler is not None):
        raise InvalidArgumentError(
            "workers sizes a LocalCluster: a client's or scheduler's cluster has its own"
        )
    if G is None:
        from .cache import network

        G = network(data, backbone=backbone)
    specs, queries = expand(G, grid)
    kinds = _kinds(G)
    closed_kinds = {k for c in grid.closures for k in c.kinds}
    ctx = _Context(queries, {k: tuple(sorted(kinds[k])) for k in sorted(closed_kinds)})
    if serial:
        rows, run = _run_serial(G, specs, ctx, progress)
    else:
        with _dask_client(client, scheduler, workers) as c:
            rows, run = _run_dask(c, G, specs, ctx, progress)
    return SweepResult(_table(rows), grid.name, len(specs), run)


# --- the result and its summaries --------------------------------------------------------------


@dataclass
class SweepResult:
    """A sweep's table and how it was run, with the summaries that answer its questions.

    Attributes
    ----------
    table
        One row per scenario and query (see :mod:`corridormap.sweeps`).
    name
        The grid's name.
    scenarios
        How many scenarios.
    run
        ``workers`` (0 serially), ``tasks``, ``seconds`` (wall) and ``task_seconds`` (summed).
    """

    table: Any
    name: str = "sweep"
    scenarios: int = 0
    run: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def read_parquet(cls, path: str | Path) -> SweepResult:
        """Read a table that :meth:`to_parquet` (or ``corridormap sweep``) wrote."""
        import pandas as pd
        import pyarrow

        try:
            table = pd.read_parquet(path)
        except (OSError, pyarrow.ArrowException) as exc:
            raise DataReadError(f"cannot read the sweep table {path}: {exc}") from None
        missing = [c for c in COLUMNS if c not in table.columns]
        if missing:
            raise InvalidArgumentError(
                f"{path} is not a sweep table of this version: it has no column {', '.join(missing)}; "
                "run the sweep again"
            )
        for column in ("failed", "touched", "binding", "crossings"):
            table[column] = [list(x) for x in table[column]]
        return cls(table, Path(path).stem, int(table["scenario"].nunique()) if len(table) else 0)

    def to_parquet(self, path: str | Path, protect: Sequence[str | Path] = ()) -> Path:
        """Write the table as Parquet, atomically, never over an input (``protect``)."""
        from .outputs import write_output

        return write_output(path, lambda tmp: self.table.to_parquet(tmp, index=False), protect)

    def binding(self) -> Any:
        """How often each feature or node binds: per max-flow query and state, the share of scenarios."""
        from .sweep_summary import binding

        return binding(self.table)

    def losses(self) -> Any:
        """Per failed element, query and state: how often it failed, the loss then, the expected loss."""
        from .sweep_summary import losses

        return losses(self.table)

    def criticality(self) -> Any:
        """Per criticality query, state and element: the mean loss over scenarios and how often it disconnects."""
        from .sweep_summary import criticality

        return criticality(self.table)

    def detours(self) -> Any:
        """Per route query, state and origin-destination pair: the distribution of detours."""
        from .sweep_summary import detours

        return detours(self.table)

    def summary(self) -> Any:
        """Per query and state: scenarios, the base value, and the value's mean, minimum and maximum."""
        from .sweep_summary import summary

        return summary(self.table)

    def to_dict(self) -> dict[str, Any]:
        """Return how the sweep ran and the per-query summary as a JSON-ready dict."""
        rows = self.summary().to_dict(orient="records")
        return {
            "name": self.name,
            "scenarios": self.scenarios,
            "rows": len(self.table),
            "run": self.run,
            "summary": rows,
        }

    def map(self, query: str, state: str | None = None, ds: Any = None) -> Any:
        """Return a folium map of the links and nodes coloured by criticality, with a legend.

        Parameters
        ----------
        query
            A max-flow query (coloured by expected loss) or a criticality query (mean loss).
        state
            One state's name (the first if ``None``).
        ds
            The dataset whose geometry is drawn (the shipped one if ``None``).

        Returns
        -------
        folium.Map
        """
        from .sweep_summary import map_frame

        frame, title, unit = map_frame(self.table, query, state)
        return render("sweep_map", frame, title=title, unit=unit, ds=ds)

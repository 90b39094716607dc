"""A Monte Carlo N-2 sweep of about 100k solves, serially and then on a LocalCluster of 2 workers.

    .venv/bin/python benchmarks/bench_sweep.py                 # ~100k max-flow solves
    .venv/bin/python benchmarks/bench_sweep.py --solves 6000   # a reduced run

The grid is ``notebooks/sweeps/n2_oil_gas.yml`` (oil and gas to China, three states, N-2 of the
pipelines and pipeline crossings) with as many draws as the solve count asks (3 states x 2 queries
per draw). Both runs happen in the same process, on the same machine, and must give the same
table. Reported: wall times (the whole ``sweep`` call, and its execution alone), the speed-up,
and the per-task overhead on Dask, ``(workers x execution wall - summed task compute) / tasks``,
beside what it is made of: the scheduler's round trip for an empty task, the time to pickle and
unpickle one task's arguments and result, and the graph's one-off scatter to every worker.
"""

from __future__ import annotations

import argparse
import pickle
import time
from dataclasses import replace
from pathlib import Path

import pandas as pd

import corridormap
from corridormap.grid import load_grid
from corridormap.sweeps import _Context, batches, expand, run_batch, sweep

GRID = Path(__file__).resolve().parents[1] / "notebooks" / "sweeps" / "n2_oil_gas.yml"


def _noop(x: int) -> int:
    return x


def _pickle_ms(obj: object) -> tuple[float, int]:
    start = time.perf_counter()
    for _ in range(20):
        blob = pickle.dumps(obj, protocol=5)
        pickle.loads(blob)
    return (time.perf_counter() - start) / 20 * 1000, len(blob)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--solves", type=int, default=100_000, help="about this many max-flow solves")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    from dask.distributed import Client, LocalCluster

    G = corridormap.network(backbone=False)  # oil and gas: the pipelines, no railway backbone
    base = load_grid(GRID)
    per_draw = len(base.states) * len(base.queries)
    draws = max(1, round(args.solves / per_draw))
    assert base.failures is not None
    grid = replace(base, failures=replace(base.failures, draws=draws))
    solves = draws * per_draw

    start = time.perf_counter()
    serial = sweep(grid, serial=True, G=G)
    serial_wall = time.perf_counter() - start

    start = time.perf_counter()
    cluster = LocalCluster(
        n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=":0"
    )
    client = Client(cluster)
    startup = time.perf_counter() - start
    try:
        start = time.perf_counter()
        client.scatter(G, broadcast=True, hash=False)
        scatter = time.perf_counter() - start
        start = time.perf_counter()
        on_dask = sweep(grid, client=client, G=G)
        dask_wall = time.perf_counter() - start
        client.gather(client.map(_noop, range(50), pure=False))  # warm
        start = time.perf_counter()
        client.gather(client.map(_noop, range(500), pure=False))
        noop_ms = (time.perf_counter() - start) / 500 * 1000 * args.workers
    finally:
        client.close()
        cluster.close()
    pd.testing.assert_frame_equal(serial.table, on_dask.table)

    specs, queries = expand(G, grid)
    ctx = _Context(queries, {})
    part = batches(specs, queries, args.workers)[0]
    args_ms, args_bytes = _pickle_ms((part, ctx))
    result_ms, result_bytes = _pickle_ms(run_batch(G, part, ctx))

    run = on_dask.run
    execution = run["seconds"]
    overhead = (run["workers"] * execution - run["task_seconds"]) / run["tasks"]
    per_solve = serial.run["task_seconds"] / solves * 1000
    print(
        f"{solves:,} max-flow solves ({draws:,} N-2 draws x {len(grid.states)} states x {len(grid.queries)} queries)"
    )
    print()
    print("| run | whole call | execution | speed-up (execution) |")
    print("| --- | ---: | ---: | ---: |")
    print(f"| serial | {serial_wall:.1f} s | {serial.run['seconds']:.1f} s | 1.00x |")
    speed = serial.run["seconds"] / execution
    print(
        f"| LocalCluster, {run['workers']} workers, {run['tasks']} tasks | {dask_wall:.1f} s | {execution:.1f} s | {speed:.2f}x |"
    )
    print()
    print("| per task (Dask) | ms |")
    print("| --- | ---: |")
    mean_task = run["task_seconds"] / run["tasks"] * 1000
    print(
        f"| compute, mean ({run['task_seconds'] / solves * 1000:.2f} ms per solve; serial {per_solve:.2f} ms) | {mean_task:.0f} |"
    )
    print(f"| overhead: workers x wall - compute, per task | {overhead * 1000:.0f} |")
    print(f"| of which: scheduler round trip of an empty task | {noop_ms:.1f} |")
    print(f"| of which: pickle + unpickle the task's arguments ({args_bytes / 1e3:.0f} kB) | {args_ms:.1f} |")
    print(
        f"| of which: pickle + unpickle the task's result ({result_bytes / 1e3:.0f} kB) | {result_ms:.1f} |"
    )
    print()
    print(
        f"one-off: LocalCluster start {startup:.1f} s; graph scatter to every worker {scatter * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()

"""The timing helper the benchmarks share."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any


def median_time(func: Callable[[], Any], repeat: int) -> float:
    """Median wall time of ``repeat`` calls, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)

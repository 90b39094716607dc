"""A cold command-line route against importing networkx, new processes taking turns.

    .venv/bin/python benchmarks/bench_cold.py [RUNS]

The graph cache is filled first (one route), then each run starts ``corridormap route Harbin
Hamburg --mode rail`` and ``corridormap route Vladivostok Rotterdam --mode rail,sea`` as new
processes, alternating with ``python -c "import networkx"``, so that all three see the same load;
the table gives median wall times (these machines are shared and noisy: read the ratios).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 21
COMMANDS = {
    "cold `corridormap route Harbin Hamburg --mode rail` (cache present)": [
        sys.executable,
        "-m",
        "corridormap",
        "route",
        "Harbin",
        "Hamburg",
        "--mode",
        "rail",
    ],
    "cold `corridormap route Vladivostok Rotterdam --mode rail,sea` (cache present)": [
        sys.executable,
        "-m",
        "corridormap",
        "route",
        "Vladivostok",
        "Rotterdam",
        "--mode",
        "rail,sea",
    ],
}
REFERENCE = [sys.executable, "-c", "import networkx"]


def wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    for cmd in COMMANDS.values():
        wall(cmd)  # fills the cache
    times: dict[str, list[float]] = {label: [] for label in [*COMMANDS, "reference"]}
    for _ in range(RUNS):
        for label, cmd in COMMANDS.items():
            times[label].append(wall(cmd))
        times["reference"].append(wall(REFERENCE))
    ref = statistics.median(times["reference"])
    print(f"| measure (median of {RUNS} new processes) | corridormap | reference | reference time | ratio |")
    print("| --- | ---: | --- | ---: | ---: |")
    for label in COMMANDS:
        t = statistics.median(times[label])
        print(f'| {label} | {t:.2f} s | `python -c "import networkx"` | {ref:.2f} s | {t / ref:.1f}x |')


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Compare the published port-to-port sea distances in geodata/corridors.json with the routes
the network gives, and exit non-zero if one is off by more than 3 %.

A distance is a corridor figure with ``from``, ``to``, ``passage`` and ``month`` (8 for the
Northern Sea Route, 2 for Suez); the route is the shortest sea route between the two ports in
that month.

    python scripts/sea_lanes/check_distances.py [DATA_DIR]
"""

import json
import sys
from pathlib import Path

import corridormap
from corridormap.routing import route

NMI_KM = 1.852
TOLERANCE = 0.03


def main() -> int:
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "geodata"
    net = corridormap.network(data)
    corridors = json.loads((data / "corridors.json").read_text(encoding="utf-8"))["corridors"]
    bad = 0
    for c in corridors:
        for f in c.get("figures", []):
            if "from" not in f:
                continue
            published_km = f["value"] * (NMI_KM if f["unit"] == "nmi" else 1.0)
            km = route(net, f["from"], f["to"], modes=["sea"], month=f["month"]).length_km
            ratio = km / published_km
            ok = abs(ratio - 1) <= TOLERANCE
            bad += not ok
            print(
                f"{'ok ' if ok else 'OFF'} {f['from']} - {f['to']} ({f['passage']}, month {f['month']}): "
                f"published {f['value']:,} {f['unit']}, network {km / NMI_KM:,.0f} nmi, ratio {ratio:.3f} "
                f"[{', '.join(f['sources'])}]"
            )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

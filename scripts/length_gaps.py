#!/usr/bin/env python3
"""List the rail, road and pipeline links whose stated lengths lie more than 5 % from the line.

For each stated length (basis ``stated`` or ``derived``, in km) it prints the link, its
geometry_quality, the drawn (geodesic) length, the along-track length where the link was derived
from an upstream network (``geometry_source.network_length_km``), the stated value and its
sources, the ratio of the measured length (along-track, else drawn) to it, and whether a claim
``explains`` it.  ``--all`` prints every stated length.  Run from the repository root:

    python scripts/length_gaps.py [--all]
"""

import json
import sys
from pathlib import Path

from shapely.geometry import shape

from corridormap.geodesy import length_km

GEODATA = Path(__file__).resolve().parents[1] / "geodata"
LAYERS = ("rail", "roads", "pipelines")
TOLERANCE = 0.05  # corridormap.settings.traced_length_tolerance


def rows():
    for layer in LAYERS:
        for f in json.loads((GEODATA / f"{layer}.geojson").read_text(encoding="utf-8"))["features"]:
            p = f["properties"]
            drawn = length_km(shape(f["geometry"]))
            along = (p.get("geometry_source") or {}).get("network_length_km")
            explained = {v for c in p.get("claims", []) for v in c.get("explains", [])}
            for rec in p.get("lengths", []):
                if rec.get("unit") != "km" or rec.get("basis", "stated") not in ("stated", "derived"):
                    continue
                ratio = (along or drawn) / rec["value"]
                yield (
                    p["id"],
                    p.get("geometry_quality"),
                    round(drawn, 1),
                    along,
                    rec["value"],
                    ",".join(rec.get("sources", [])),
                    round(ratio, 3),
                    rec["value"] in explained,
                )


def main():
    every = "--all" in sys.argv[1:]
    print("link | quality | drawn km | along-track km | stated km | sources | ratio | claim explains")
    for r in rows():
        if every or abs(r[6] - 1) > TOLERANCE:
            print(" | ".join("" if x is None else str(x) for x in r))


if __name__ == "__main__":
    main()

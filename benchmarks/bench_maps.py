"""The overview map against plain ``GeoDataFrame.explore()`` of the same layers, in one run.

    .venv/bin/python benchmarks/bench_maps.py

Reports the HTML size, and the time from opening the page in headless Chromium to the map being
drawn (the load event plus two animation frames; median of 9 runs, the pages taking turns). No internet: corridormap's
default page needs none (Leaflet and the base are inlined); for the CDN variant and the reference
the CDN files are served from tests/browser/node_modules, and the reference's extra assets
(jQuery, Bootstrap, icon fonts), which corridormap's maps do not load, are answered with empty
files, so the reference is timed without parsing them (in its favour). Its OpenStreetMap tiles
are answered with an empty image.

The curated overview (the backbone left out) is the page compared with ``explore()`` of the same
layers; the overview as ``make map`` writes it adds the shipped railway backbone
(``geodata/backbone/rail.parquet``) as one light canvas layer: its size and first
draw are reported beside.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from browser_support import ARGS, CHROMIUM, PNG, local_file

import corridormap
from corridormap.backbone import load_backbone
from corridormap.maps import overview_map, save_map

RUNS = 9


def draw_times(paths: list[Path]) -> dict[Path, float]:
    """Median first-draw time of each page, in seconds; the pages take turns, round by round, so
    that each is timed under the same load."""
    from playwright.sync_api import sync_playwright

    times: dict[Path, list[float]] = {path: [] for path in paths}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)

        def handle(route):  # type: ignore[no-untyped-def]
            url = route.request.url
            if url.startswith("file:"):
                route.continue_()
            elif "openstreetmap" in url:
                route.fulfill(status=200, body=PNG, content_type="image/png")
            else:
                found = local_file(url) if "leaflet" in url else None
                route.fulfill(
                    status=200,
                    body=found.read_bytes() if found else b"",
                    content_type="text/plain",
                    headers={"access-control-allow-origin": "*"},
                )

        for _ in range(RUNS):
            for path in paths:
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                page.route("**/*", handle)
                page.goto(path.as_uri(), wait_until="load")
                times[path].append(
                    page.evaluate(
                        "new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now()))))"
                    )
                )
                page.close()
        browser.close()
    return {path: statistics.median(t) / 1000.0 for path, t in times.items()}


def main() -> None:
    ds = corridormap.load()
    folder = Path(tempfile.mkdtemp())
    curated = save_map(overview_map(ds, backbone=[]), folder / "overview-curated.html")
    cdn = save_map(overview_map(ds, cdn=True, backbone=[]), folder / "overview-cdn.html")
    m = None
    for name in ["sea_lanes", "roads", "rail", "pipelines", "bridges", "places", "ports", "border_crossings"]:
        gdf = ds[name].copy()
        m = gdf.explore(m=m, name=name) if m is not None else gdf.explore(name=name)
    reference = folder / "explore.html"
    m.save(str(reference))
    shipped = save_map(overview_map(ds), folder / "overview.html")  # the default: with the backbone
    lines = len(load_backbone(ds.path).link_id)
    rows = [
        (
            "corridormap overview of the curated layers, self-contained (Leaflet and Natural Earth inlined)",
            curated,
        ),
        ("the same, `--cdn` (Leaflet from jsDelivr)", cdn),
        ("`GeoDataFrame.explore()` of the same layers (OpenStreetMap tiles)", reference),
        (
            f"corridormap overview as `make map` writes it: with the railway backbone ({lines:,} lines)",
            shipped,
        ),
    ]
    times = draw_times([path for _, path in rows])
    print("| map | HTML size | first draw in headless Chromium (median of 9, taking turns) |")
    print("| --- | ---: | ---: |")
    for label, path in rows:
        print(f"| {label} | {path.stat().st_size / 1024:,.0f} KB | {times[path] * 1000:,.0f} ms |")
    print(
        f"| ratio, self-contained curated overview / explore() | "
        f"{curated.stat().st_size / reference.stat().st_size:.2f}x | {times[curated] / times[reference]:.2f}x |"
    )


if __name__ == "__main__":
    main()

"""The overview map against plain ``GeoDataFrame.explore()`` of the same layers, in one run.

    .venv/bin/python benchmarks/bench_maps.py

Reports the HTML size, and the time from opening the page in headless Chromium to the map being
drawn (the load event plus two animation frames; median of 7 runs). No internet: CDN files are
served from tests/browser/node_modules; the reference's extra assets (jQuery, Bootstrap, icon
fonts), which corridormap's maps do not load, are answered with empty files, so the reference is
timed without parsing them (in its favour).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from browser_support import ARGS, CHROMIUM, PNG, local_file

import corridormap
from corridormap.maps import overview_map, save_map

RUNS = 7


def draw_time(path: Path) -> float:
    from playwright.sync_api import sync_playwright

    times = []
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
                    status=200, body=found.read_bytes() if found else b"", content_type="text/plain"
                )

        for _ in range(RUNS):
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.route("**/*", handle)
            page.goto(path.as_uri(), wait_until="load")
            times.append(
                page.evaluate(
                    "new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now()))))"
                )
            )
            page.close()
        browser.close()
    return statistics.median(times) / 1000.0


def main() -> None:
    ds = corridormap.load()
    folder = Path(tempfile.mkdtemp())
    ours = save_map(overview_map(ds), folder / "overview.html")
    m = None
    for name in ["sea_lanes", "roads", "rail", "pipelines", "bridges", "places", "ports", "border_crossings"]:
        gdf = ds[name].copy()
        m = gdf.explore(m=m, name=name) if m is not None else gdf.explore(name=name)
    reference = folder / "explore.html"
    m.save(str(reference))
    a, b = ours.stat().st_size, reference.stat().st_size
    ta, tb = draw_time(ours), draw_time(reference)
    print("| map | HTML size | first draw in headless Chromium (median of 7) |")
    print("| --- | ---: | ---: |")
    print(
        f"| corridormap overview (every layer, popups with every figure and source, offline base) | {a / 1024:,.0f} KB | {ta * 1000:,.0f} ms |"
    )
    print(f"| `GeoDataFrame.explore()` of the same layers | {b / 1024:,.0f} KB | {tb * 1000:,.0f} ms |")
    print(f"| ratio | {a / b:.2f}x | {ta / tb:.2f}x |")


if __name__ == "__main__":
    main()

"""The maps in a real browser (headless Chromium, no internet): drawn features, layer toggles,
popups with figures and source links, the year control, hostile text, screenshots."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from browser_support import open_map, require_browser

import corridormap
from corridormap.dates import parse_date
from corridormap.flows import max_flow, scenario
from corridormap.maps import flow_map, overview_map, save_map

pytestmark = pytest.mark.browser

SCREENSHOTS = os.environ.get("CORRIDORMAP_SCREENSHOTS")  # a folder to copy screenshots to (README images)


@pytest.fixture(scope="module")
def ds() -> corridormap.Dataset:
    return corridormap.load()


@pytest.fixture(scope="module")
def overview_file(ds: corridormap.Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_browser()
    return save_map(overview_map(ds), tmp_path_factory.mktemp("maps") / "overview.html")


#: How many lines the page has drawn: polylines on a canvas with a part inside the view.
DRAWN = """(() => { let n = 0; window.corridormap.map.eachLayer(l => {
    if (l instanceof L.Polyline && l._renderer instanceof L.Canvas && l._parts && l._parts.length) { n++; } });
    return n; })()"""


#: How many points of a layer are drawn on the lines' canvas.
POINTS = """window.corridormap.groups.{key}.getLayers().filter(l => l instanceof L.CircleMarker && l._map
    && l._renderer === window.corridormap.map.getRenderer(l) && l._renderer instanceof L.Canvas).length"""


def dark_pixels(m: Any) -> int:
    """Pixels of the lines' canvas dark enough to be railway (#252525; every other line is lighter)."""
    return int(
        m.js(
            """(() => { const c = window.corridormap.map.getPanes().overlayPane.querySelector('canvas');
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
            for (let i = 0; i < d.length; i += 4) { if (d[i + 3] > 100 && Math.max(d[i], d[i + 1], d[i + 2]) < 70) { n++; } }
            return n; })()"""
        )
    )


def shoot(page: Any, tmp_path: Path, name: str) -> Path:
    """A screenshot on the embedded Natural Earth base (tiles are blank here, with no internet)."""
    page.evaluate("CM.offline && CM.offline()")
    page.wait_for_timeout(400)  # let popups and markers finish fading in
    path = tmp_path / f"{name}.png"
    page.screenshot(path=str(path))
    assert path.stat().st_size > 10_000
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(SCREENSHOTS) / path.name)
    return path


def expected_visible(
    ds: corridormap.Dataset, layer: str, year: int, match: dict[str, str] | None = None
) -> int:
    now = dt.date.today().year
    count = 0
    for _, row in ds[layer].iterrows():
        if match and any(row.get(k) != v for k, v in match.items()):
            continue
        if row["status"] in ("planned", "under_construction", "proposed"):
            count += year >= now
            continue
        opened = parse_date(row["opened"]) if isinstance(row["opened"], str) else None
        closed = parse_date(row.get("closed")) if isinstance(row.get("closed"), str) else None
        count += (opened is None or opened.year <= year) and (closed is None or closed.year > year)
    return count


LAYERS = [
    ("ports", "ports", None),
    ("border_crossings", "border_crossings", None),
    ("bridges", "bridges", None),
    ("pipelines_oil", "pipelines", {"commodity": "oil"}),
    ("pipelines_gas", "pipelines", {"commodity": "gas"}),
    ("rail", "rail", None),
    ("roads", "roads", None),
    ("sea_lanes", "sea_lanes", None),
]


def test_overview_draws_every_layer_without_errors(
    overview_file: Path, ds: corridormap.Dataset, tmp_path: Path
) -> None:
    with open_map(overview_file) as m:
        year = m.js("window.corridormap.map && document.querySelector('.cm-year-value').textContent")
        for key, layer, match in LAYERS:
            assert m.js(f"window.corridormap.count('{key}')") == expected_visible(
                ds, layer, int(year), match
            ), key
        # what the reader sees: one shape per visible port on the lines' canvas, one path per
        # visible line; no point is a DOM marker and no line an SVG element
        assert m.js(POINTS.format(key="ports")) == expected_visible(ds, "ports", int(year))
        assert m.js(DRAWN) >= 200
        assert m.js("window.corridormap.map.getPanes().overlayPane.querySelectorAll('path').length") == 0
        assert m.js("document.querySelectorAll('.leaflet-marker-pane .leaflet-marker-icon').length") == 0
        assert m.js("document.querySelectorAll('.cm-legend summary').length") == 1
        shoot(m.page, tmp_path, "overview")
        assert m.errors == [] and m.unexpected == []
        assert m.requests == [overview_file.resolve().as_uri()]  # the file, nothing else


def test_toggling_a_layer_hides_it(overview_file: Path) -> None:
    with open_map(overview_file) as m:
        lines = m.js(DRAWN)
        rail = m.js("window.corridormap.count('rail')")
        drawn_rail = m.js("window.corridormap.groups.rail.getLayers().filter(l => l._parts.length).length")
        dark = dark_pixels(m)
        assert rail > 50 and dark > 2000  # railway ink on the canvas
        m.page.get_by_text("Railways", exact=True).click()
        assert m.js("window.corridormap.count('rail')") == 0
        assert m.js(DRAWN) == lines - drawn_rail
        m.page.wait_for_timeout(100)  # the canvas redraws on the next frame
        assert dark_pixels(m) == 0  # no railway left on the picture
        m.page.get_by_text("Railways", exact=True).click()
        assert m.js("window.corridormap.count('rail')") == rail
        m.page.wait_for_timeout(100)
        assert dark_pixels(m) >= dark  # back, and now drawn over the lines it was under
        assert m.errors == []


def test_clicking_a_pipeline_opens_its_figures_and_sources(overview_file: Path, tmp_path: Path) -> None:
    with open_map(overview_file) as m:
        # a vertex of ESPO-1 where no other line is drawn on top of it (the canvas gives a click
        # to the last-drawn line under the pointer) and no marker or control covers it
        point = m.js(
            """(() => { const map = window.corridormap.map, line = window.corridormap.byId['pl-espo-1'].parts[0];
                const canvas = line._renderer._container;
                for (const ll of line.getLatLngs()) {
                    map.setView(ll, 8, {animate: false});
                    const lp = map.latLngToLayerPoint(ll), p = map.latLngToContainerPoint(ll);
                    const r = map.getContainer().getBoundingClientRect(), x = r.left + p.x, y = r.top + p.y;
                    let top = null;
                    for (let o = line._renderer._drawFirst; o; o = o.next) {
                        if (o.layer.options.interactive && o.layer._containsPoint(lp)) { top = o.layer; }
                    }
                    if (top === line && document.elementFromPoint(x, y) === canvas) { return [x, y]; }
                }
                return null; })()"""
        )
        assert point is not None
        m.page.mouse.click(point[0], point[1])
        popup = m.page.locator(".leaflet-popup-content")
        popup.wait_for()
        text = popup.inner_text()
        assert "ESPO-1" in text and "Capacities" in text and "80 Mt/yr" in text
        links = popup.locator("a[href^='http']")
        assert links.count() >= 3
        assert links.first.get_attribute("target") == "_blank"
        shoot(m.page, tmp_path, "popup")
        assert m.errors == []


def test_year_control_shows_the_network_as_it_was(overview_file: Path, ds: corridormap.Dataset) -> None:
    with open_map(overview_file) as m:
        slider = m.page.locator(".cm-year-range")
        slider.fill("2015")
        assert m.js("document.querySelector('.cm-year-value').textContent") == "2015"
        assert m.js("window.corridormap.byId['bridge-blagoveshchensk-heihe'].shown") is False
        assert m.js("window.corridormap.byId['pl-power-of-siberia-chayanda-heihe'].shown") is False
        assert m.js("window.corridormap.count('pipelines_gas')") == expected_visible(
            ds, "pipelines", 2015, {"commodity": "gas"}
        )
        slider.fill("2022")
        note = m.js("document.querySelector('.cm-year-note').textContent")
        assert "Opened in 2022" in note and "Blagoveshchensk" in note  # the road bridge, 10 June 2022
        assert m.js("window.corridormap.byId['bridge-blagoveshchensk-heihe'].shown") is True
        slider.fill("2019")
        assert (
            m.js("window.corridormap.byId['pl-power-of-siberia-chayanda-heihe'].shown") is True
        )  # 2 Dec 2019
        assert m.errors == []


def test_search_finds_a_place_in_three_languages(overview_file: Path) -> None:
    with open_map(overview_file) as m:
        for name in ["Zabaikalsk (station)", "哈尔滨", "Владивосток"]:
            assert m.js(f"window.corridormap.find({json.dumps(name)})") is True, name
        box = m.page.locator(".cm-search input")
        box.fill("Port of Vladivostok")
        box.press("Enter")
        assert m.page.locator(".leaflet-popup-content").last.inner_text().startswith("Port of Vladivostok")
        assert m.errors == []


def popup_title(m: Any) -> str:
    popup = m.page.locator(".leaflet-popup-content h4")
    popup.last.wait_for()
    return str(popup.last.inner_text())


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("zabaikalsk", "Zabaikalsk (station)"),  # the name without its note in brackets
        ("Zabaïkalsk", "Zabaikalsk (station)"),  # accents ignored
        ("ZABAI", "Zabaikalsk (station)"),  # a prefix, in capitals: the place before the crossing
        ("забайк", "Zabaikalsk (station)"),  # a Cyrillic prefix (й folds to и on both sides)
        ("ЗАБАЙКАЛЬСК", "Zabaikalsk (station)"),
        ("Хабаровск", "Khabarovsk-1 (station)"),  # the station before the bridge "Хабаровский мост"
        ("Артем", "Artyom (Knevichi) road junction"),  # е for ё (Артём)
        ("哈尔", "Harbin (main station)"),  # a Chinese prefix
        ("满洲里", "Manzhouli (railway station)"),  # the whole name before the crossing 后贝加尔斯克—满洲里
        ("尔滨", "Harbin (main station)"),  # inside a Chinese name (no spaces between words)
        ("otpor", "Zabaikalsk (station)"),  # an alias
        ("amur mir", "Khabarovsk Amur bridge"),  # a bridge, by an alias ("Amur miracle")
        ("vladivostok", "Vladivostok (station)"),  # the whole name before a word in one
    ],
)
def test_search_matches_as_people_type(overview_file: Path, query: str, title: str) -> None:
    with open_map(overview_file) as m:
        assert m.js(f"window.corridormap.find({json.dumps(query)})") is True
        assert popup_title(m) == title
        assert m.errors == []


def test_search_suggests_places_best_first(overview_file: Path) -> None:
    with open_map(overview_file) as m:
        box = m.page.locator(".cm-search input")
        box.click()
        box.press_sequentially("забайк")
        options = m.page.locator(".cm-search-list [role=option]")
        options.first.wait_for()
        rows = [
            [
                options.nth(k).locator(".cm-search-name").inner_text(),
                options.nth(k).locator(".cm-search-other").inner_text(),
            ]
            for k in range(options.count())
        ]
        # the station (a place) before the crossing, English name with the Russian one beside it
        assert rows == [
            ["Zabaikalsk (station)", "Забайкальск"],
            ["Zabaikalsk-Manzhouli", "Забайкальск — Маньчжурия"],
        ]
        assert m.js("document.querySelector('.cm-search input').getAttribute('aria-expanded')") == "true"
        box.fill("vla")
        box.dispatch_event("input")
        count = m.page.locator(".cm-search-list [role=option]").count()
        assert 2 <= count <= 8
        names = m.page.locator(".cm-search-list .cm-search-name").all_inner_texts()
        assert names[0] == "Vladivostok (station)" and "Port of Vladivostok" in names
        assert m.errors == []


def test_search_by_keyboard_opens_the_popup(overview_file: Path) -> None:
    with open_map(overview_file) as m:
        box = m.page.locator(".cm-search input")
        box.click()
        box.press_sequentially("zabai")
        m.page.locator(".cm-search-list [role=option]").first.wait_for()
        box.press("ArrowDown")
        box.press("ArrowDown")  # the second suggestion: the border crossing
        assert m.js("document.querySelector('.cm-search-list [aria-selected=true]').textContent").startswith(
            "Zabaikalsk-Manzhouli"
        )
        box.press("Enter")
        assert popup_title(m) == "Zabaikalsk-Manzhouli"
        assert box.input_value() == "Zabaikalsk-Manzhouli"
        assert m.js("document.querySelector('.cm-search-list').hidden") is True
        # Escape closes the list without choosing
        box.fill("")
        box.press_sequentially("khab")
        m.page.locator(".cm-search-list [role=option]").first.wait_for()
        box.press("Escape")
        assert m.js("document.querySelector('.cm-search-list').hidden") is True
        assert m.errors == []


def test_search_says_when_nothing_matches(overview_file: Path) -> None:
    with open_map(overview_file) as m:
        box = m.page.locator(".cm-search input")
        box.click()
        box.press_sequentially("xyz<b>q")
        message = m.page.locator(".cm-search-none")
        message.wait_for()
        assert message.inner_text() == "No place matches \u201cxyz<b>q\u201d"  # shown as typed, not as HTML
        assert m.js("document.querySelectorAll('.cm-search b').length") == 0
        assert m.js("document.querySelector('.cm-search-list').hidden") is True
        assert m.js("window.corridormap.find('xyz')") is False
        assert m.errors == []


def test_hostile_text_in_a_dataset_does_not_run(tmp_path: Path) -> None:
    require_browser()
    data = tmp_path / "data"
    shutil.copytree(corridormap.io.default_data_dir(), data)
    places = json.loads((data / "places.geojson").read_text(encoding="utf-8"))
    hostile = 'Harbin<img src=x onerror="window.__pwned=1"></script><script>window.__pwned=2</script>'
    for feature in places["features"]:
        if feature["properties"]["id"] == "harbin":
            feature["properties"]["name"] = hostile
            feature["properties"]["notes"] = "<b onmouseover=alert(1)>bold</b>"
    (data / "places.geojson").write_text(json.dumps(places, ensure_ascii=False), encoding="utf-8")
    sources = json.loads((data / "sources.json").read_text(encoding="utf-8"))
    for s in sources["sources"]:
        if s["id"] == "li-2025-arctic-institute":
            s["title"] = "<script>window.__pwned=3</script>Article"
    (data / "sources.json").write_text(json.dumps(sources, ensure_ascii=False), encoding="utf-8")
    path = save_map(overview_map(data=data), tmp_path / "hostile.html")
    assert "<script>window.__pwned" not in path.read_text(encoding="utf-8")
    with open_map(path) as m:
        m.js("void window.corridormap.groups.places.addTo(window.corridormap.map)")
        m.js(
            "window.corridormap.find('harbin<img src=x onerror=\"window.__pwned=1\"></script><script>window.__pwned=2</script>')"
        )
        popup = m.page.locator(".leaflet-popup-content")
        popup.wait_for()
        assert hostile in popup.inner_text()  # shown as text
        assert m.js("window.__pwned") is None
        assert (
            m.js(
                "document.querySelectorAll('.leaflet-popup-content img, .leaflet-popup-content script, .leaflet-popup-content b').length"
            )
            == 0
        )
        assert m.errors == []


def test_route_map(ds: corridormap.Dataset, tmp_path: Path) -> None:
    require_browser()
    G = corridormap.network()
    r = corridormap.route(G, "Harbin", "Vladivostok", modes=["rail"])
    path = save_map(r.map(ds), tmp_path / "route.html")
    with open_map(path) as m:
        assert m.js(
            "window.corridormap.legs.getLayers().filter(l => l.feature && 'leg' in l.feature.properties).length"
        ) == len(r.legs)
        summary = m.page.locator(".cm-summary").inner_text()
        shown = f"{r.length_km:,.1f}".removesuffix(".0")  # as the page formats it (687.0 shows as 687)
        assert f"{shown} km" in summary and "bc-grodekovo-suifenhe" in summary and "gauge change" in summary
        assert m.js("document.querySelectorAll('.leaflet-marker-pane .cm-border_crossings').length") == 1
        shoot(m.page, tmp_path, "route")
        assert m.errors == [] and m.unexpected == []


def test_flow_map(ds: corridormap.Dataset, tmp_path: Path) -> None:
    require_browser()
    G = corridormap.network()
    result = max_flow(G, "oil", ["Taishet"], ["Daqing", "port-kozmino"], scenario(as_of="2016-01-01"))
    path = save_map(flow_map(result, G, ds), tmp_path / "flow.html")
    with open_map(path) as m:
        assert m.js(
            "window.corridormap.flows.getLayers().filter(l => l.feature && 'value' in l.feature.properties).length"
        ) == len(result.flows)
        # in 2016 ESPO-2's 30 Mt/yr and the spur's 15 bind (test_flows.py has the sources)
        cut = m.js("window.corridormap.cut.getLayers().map(l => l.feature.properties.id)")
        assert sorted(cut) == ["pl-espo-2", "pl-skovorodino-mohe"]
        assert "45 Mt/yr" in m.page.locator(".cm-summary").inner_text()
        shoot(m.page, tmp_path, "flow")
        assert m.errors == [] and m.unexpected == []


def test_year_control_lists_the_years_events(overview_file: Path) -> None:
    with open_map(overview_file) as m:
        slider = m.page.locator(".cm-year-range")
        slider.fill("2024")
        note = m.js("document.querySelector('.cm-year-note').textContent")
        # Li 2025: the Arctic Shipping Lanes Cooperation Sub-committee, May 2024; its first meeting
        # on 25 November 2024 (Ministry of Transport of the PRC)
        assert (
            "Events in 2024" in note and "Arctic Shipping Lanes Cooperation Sub-committee established" in note
        )
        assert "2024-05" in note and "2024-11-25" in note
        slider.fill("2018")
        note = m.js("document.querySelector('.cm-year-note').textContent")
        assert "Plan for Cooperation and Development in the Russian Far East (2018-2024)" in note
        assert "Sub-committee" not in note
        assert m.errors == []


def test_scorecard_layer_colours_each_committed_link(overview_file: Path, tmp_path: Path) -> None:
    with open_map(overview_file) as m:
        count = "window.corridormap.scorecard.getLayers().length"
        # 27 links: ESPO-1, ESPO-2, Power of Siberia (Chayanda-Heihe), the three SKV sections, the
        # 8 + 6 links of Primorye-1 and -2, the road and rail bridges and the ropeway, and the
        # four further links of the Eastern Route
        assert m.js(count) == 27
        assert m.js("window.corridormap.map.hasLayer(window.corridormap.scorecard)") is False
        m.page.get_by_text("Plan scorecard (2024)").click()
        assert m.js("window.corridormap.map.hasLayer(window.corridormap.scorecard)") is True
        statuses = m.js(
            "window.corridormap.scorecard.getLayers().reduce((a, h) => (a[h.cm.s] = (a[h.cm.s] || 0) + 1, a), {})"
        )
        # at the plan's end: ESPO, Power of Siberia, SKV and the two bridges met; the ropeway not
        assert statuses == {"met": 8, "not met": 1, "not yet due": 18}
        rope = m.js(
            "window.corridormap.scorecard.getLayers().find(h => h.cm.id === 'bridge-blagoveshchensk-heihe-ropeway').options.color"
        )
        assert rope == "#d73027"
        legend = m.js("document.querySelector('.cm-legend').textContent")
        assert "Plan scorecard, as of 2024-12-31" in legend and "not yet due" in legend
        shoot(m.page, tmp_path, "scorecard")
        assert m.errors == []


def test_template_payloads_show_literally_in_the_browser(tmp_path: Path) -> None:
    # issue 11: {{ }}, {% %}, </title><script> and mathtext in a route map's names, in Chromium
    require_browser()
    from fixtures_data import route_dataset, write_dataset

    data = route_dataset()
    names = {
        "west": "West {{ 7*7 }}",
        "cn-city": "City </title><script>window.__pwned=1</script> {% for x in range(3) %}X{% endfor %} $\\frac{1}{$",
    }
    for f in data["places"]["features"]:
        f["properties"]["name"] = names.get(f["properties"]["id"], f["properties"]["name"])
    ds = corridormap.load(write_dataset(tmp_path / "data", data))
    r = corridormap.route(corridormap.build_graph(ds), "west", "cn-city", modes=["rail"])
    path = save_map(r.map(ds), tmp_path / "route.html")
    with open_map(path) as m:
        summary = m.page.locator(".cm-summary").inner_text()
        assert "West {{ 7*7 }}" in summary and "{% for x in range(3) %}X{% endfor %}" in summary
        assert "West 49" not in summary and "XXX" not in summary
        assert m.page.title().startswith("corridormap route: West {{ 7*7 }} to City </title><script>")
        assert m.js("window.__pwned") is None
        assert m.errors == []


# --- Offline by default (issue 14): every map with every request but the file refused --------


@pytest.fixture(scope="module")
def route_file(ds: corridormap.Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_browser()
    r = corridormap.route(corridormap.network(), "Harbin", "Vladivostok", modes=["rail"])
    return save_map(r.map(ds), tmp_path_factory.mktemp("maps") / "route.html")


@pytest.fixture(scope="module")
def flow_file(ds: corridormap.Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_browser()
    G = corridormap.network()
    result = max_flow(G, "oil", ["Taishet"], ["Daqing", "port-kozmino"], scenario(as_of="2016-01-01"))
    return save_map(flow_map(result, G, ds), tmp_path_factory.mktemp("maps") / "flow.html")


def painted(m: Any, selector: str) -> float:
    """The share of a canvas's pixels that are painted (not transparent)."""
    return float(
        m.js(
            f"""(() => {{ const c = document.querySelector({json.dumps(selector)});
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
            for (let i = 3; i < d.length; i += 4) {{ if (d[i] > 0) {{ n++; }} }}
            return n / (c.width * c.height); }})()"""
        )
    )


@pytest.mark.parametrize(("kind", "least"), [("overview", 200), ("route", 40), ("flow", 100)])
def test_every_map_works_with_the_network_refused(
    kind: str, least: int, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    path: Path = request.getfixturevalue(f"{kind}_file")
    with open_map(path) as m:
        assert m.js(DRAWN) >= least  # the lines (curated, or the faded network under a route or flow)
        # the base is the embedded Natural Earth land, drawn; the tiles are an option, off
        assert painted(m, ".leaflet-cm-base-pane canvas") > 0.1
        control = m.page.locator(".leaflet-control-layers-base")
        assert control.locator("label", has_text="Natural Earth (offline)").locator("input").is_checked()
        assert not control.locator("label", has_text="OpenStreetMap (online)").locator("input").is_checked()
        # fullscreen, on and off again
        button = m.page.locator(".leaflet-control-zoom-fullscreen")
        button.click()
        m.page.wait_for_function("window.corridormap.map._isFullscreen === true")
        button.click()
        m.page.wait_for_function("window.corridormap.map._isFullscreen === false")
        if kind == "overview":
            # the mini-map (built once the map is drawn): the same land, following the map, and
            # it folds away
            m.page.wait_for_function("window.corridormap.minimap !== null", timeout=10_000)
            mini = m.page.locator(".leaflet-control-minimap")
            assert painted(m, ".leaflet-control-minimap canvas") > 0.1
            m.js("void window.corridormap.map.setView([43.1, 131.9], 6, {animate: false})")  # Vladivostok
            m.page.wait_for_timeout(300)
            mini_centre = m.js(
                "(() => { const c = window.corridormap.minimap._miniMap.getCenter(); return [c.lat, c.lng]; })()"
            )
            assert abs(mini_centre[0] - 43.1) < 0.5 and abs(mini_centre[1] - 131.9) < 0.5
            m.page.locator(".leaflet-control-minimap-toggle-display").click()
            # folded: wait for the fold's transition to end (the page with the backbone is heavy,
            # so a fixed wait was too short on a loaded machine), then measure
            m.page.wait_for_function(
                "document.querySelector('.leaflet-control-minimap').getBoundingClientRect().width < 40",
                timeout=10_000,
            )
            assert mini.bounding_box()["width"] < 40
        shoot(m.page, tmp_path, f"{kind}-offline")
        assert m.errors == [] and m.unexpected == []
        assert m.requests == [path.resolve().as_uri()]  # nothing but the file, not even a refused one


def test_online_tiles_are_requested_only_when_chosen(overview_file: Path) -> None:
    with open_map(overview_file, tiles=True) as m:
        assert m.requests == [overview_file.resolve().as_uri()]
        m.page.locator(".leaflet-control-layers-base label", has_text="OpenStreetMap (online)").click()
        m.page.wait_for_function(
            "window.corridormap.map._container.querySelectorAll('.leaflet-tile').length > 0"
        )
        assert any("tile.openstreetmap.org" in url for url in m.requests)
        assert m.errors == []


def test_cdn_mode_links_the_pinned_files(ds: corridormap.Dataset, tmp_path: Path) -> None:
    require_browser(cdn=True)
    small = save_map(overview_map(ds, cdn=True), tmp_path / "cdn.html")
    inline = save_map(overview_map(ds), tmp_path / "inline.html")
    assert inline.stat().st_size - small.stat().st_size > 150_000  # Leaflet is ~160 KB of it
    with open_map(small, cdn=True) as m:
        assert m.js(DRAWN) >= 200
        assert {u for u in m.requests if "jsdelivr" in u} >= {
            "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js",
            "https://cdn.jsdelivr.net/npm/leaflet.fullscreen@3.0.0/Control.FullScreen.js",
            "https://cdn.jsdelivr.net/npm/leaflet-minimap@3.6.1/dist/Control.MiniMap.min.js",
        }
        assert m.errors == [] and m.unexpected == []


def synthetic_backbone(rows: int = 150, cols: int = 200) -> dict[str, Any]:
    """rows x cols short zigzag lines, one per cell of a 0.5° x 0.2° grid over Eurasia (30,000)."""
    features = []
    for r in range(rows):
        for c in range(cols):
            x, y = 40.0 + 0.5 * c, 35.0 + 0.2 * r
            line = [[round(x + 0.06 * k, 4), round(y + (0.08 if k % 2 else 0.0), 4)] for k in range(7)]
            features.append(
                {
                    "type": "Feature",
                    "properties": {"id": f"bb-{r}-{c}", "length_km": 50.0},
                    "geometry": {"type": "LineString", "coordinates": line},
                }
            )
    return {"type": "FeatureCollection", "features": features}


def test_a_backbone_of_30000_lines_is_one_light_canvas_layer(ds: corridormap.Dataset, tmp_path: Path) -> None:
    require_browser()
    plain = save_map(overview_map(ds, backbone=[]), tmp_path / "plain.html")
    path = save_map(overview_map(ds, backbone=synthetic_backbone()), tmp_path / "backbone.html")
    assert path.stat().st_size < 5_000_000
    layers = "(() => { let n = 0; window.corridormap.map.eachLayer(() => n++); return n; })()"
    with open_map(plain) as m:
        lines, before = m.js(DRAWN), m.js(layers)
        ink = painted(m, ".leaflet-overlay-pane canvas")
    with open_map(path) as m:
        assert m.js("window.corridormap.backbone.lineCount()") == 30_000
        assert m.js("window.corridormap.backbone._renderer instanceof L.Canvas") is True
        # one layer more, however many lines, and no polyline object for them
        assert m.js(layers) == before + 1 and m.js(DRAWN) == lines
        assert painted(m, ".leaflet-overlay-pane canvas") > ink + 0.05  # the lines are on the picture
        assert m.js("window.corridormap.map.getPanes().overlayPane.querySelectorAll('path').length") == 0
        # a click on a line, where no curated line is drawn over it, opens that line's popup
        point = m.js(
            """(() => { const map = window.corridormap.map, bb = window.corridormap.backbone;
                const canvas = bb._renderer._container;
                for (const [r, c] of [[100, 150], [120, 30], [20, 180], [60, 60]]) {
                    const ll = bb.vertex(r * 200 + c, 3);
                    map.setView(ll, 9, {animate: false});
                    const lp = map.latLngToLayerPoint(ll), p = map.latLngToContainerPoint(ll);
                    const rect = map.getContainer().getBoundingClientRect();
                    let top = null;
                    for (let o = bb._renderer._drawFirst; o; o = o.next) {
                        if (o.layer.options.interactive && o.layer._containsPoint(lp)) { top = o.layer; }
                    }
                    if (top === bb && document.elementFromPoint(rect.left + p.x, rect.top + p.y) === canvas) {
                        return [rect.left + p.x, rect.top + p.y, 'bb-' + r + '-' + c];
                    }
                }
                return null; })()"""
        )
        assert point is not None
        m.page.mouse.click(point[0], point[1])
        popup = m.page.locator(".leaflet-popup-content")
        popup.wait_for()
        text = popup.inner_text()
        assert point[2] in text and "Backbone" in text and "50 km" in text
        assert m.page.get_by_text("Backbone (open network, 30,000 lines)").count() == 1
        assert m.errors == [] and m.requests == [path.resolve().as_uri()]

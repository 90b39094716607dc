"""Opening generated maps in headless Chromium with no internet (see ../shared/TESTING.md).

By default every request but the map file itself is refused and recorded: a map made with the
default (inlined, offline) settings must make none. With ``cdn=True`` (maps made with
``cdn=True``) CDN requests are answered from the npm packages in ``tests/browser/node_modules``
(installed by ``make browser-assets`` at the versions in ``tests/browser/package.json``); with
``tiles=True`` tile requests are answered with an empty image. JavaScript errors, console errors
and failed requests are collected.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
MODULES = HERE / "browser" / "node_modules"
CHROMIUM = os.environ.get("CORRIDORMAP_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
# a 1x1 transparent PNG for tile requests
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
_JSDELIVR = re.compile(
    r"^https://cdn\.jsdelivr\.net/npm/(?P<pkg>(?:@[^/]+/)?[^@/]+)@(?P<ver>[^/]+)/(?P<path>.+)$"
)
_CDNJS = re.compile(r"^https://cdnjs\.cloudflare\.com/ajax/libs/(?P<pkg>[^/]+)/(?P<ver>[^/]+)/(?P<path>.+)$")
_TYPES = {".js": "application/javascript", ".css": "text/css", ".png": "image/png", ".svg": "image/svg+xml"}


def browser_available(cdn: bool = False) -> str | None:
    """Why the browser tests cannot run here, or None if they can."""
    if not Path(CHROMIUM).exists():
        return f"Chromium not found at {CHROMIUM}: install it (apt-get install chromium) or set CORRIDORMAP_CHROMIUM"
    if cdn and not MODULES.is_dir():
        return "front-end packages missing: run 'make browser-assets' (npm install into tests/browser)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "playwright is not installed: pip install -e '.[test]'"
    return None


def require_browser(cdn: bool = False) -> None:
    """Skip (or, where CORRIDORMAP_REQUIRE_BROWSER is set, as in CI, fail) without a browser."""
    reason = browser_available(cdn)
    if reason:
        if os.environ.get("CORRIDORMAP_REQUIRE_BROWSER"):
            pytest.fail(f"browser tests are required here but cannot run: {reason}")
        pytest.skip(reason)


def local_file(url: str) -> Path | None:
    """The npm file that answers a CDN URL, checking that the version matches."""
    for pattern in (_JSDELIVR, _CDNJS):
        match = pattern.match(url)
        if not match:
            continue
        pkg, version, path = match["pkg"], match["ver"], match["path"]
        folder = MODULES / pkg
        manifest = folder / "package.json"
        if not manifest.is_file():
            return None
        installed = json.loads(manifest.read_text())["version"]
        if installed != version:
            raise AssertionError(
                f"the map asks for {pkg}@{version}, tests/browser has {installed}: update package.json"
            )
        name = Path(path).name
        candidates = [
            folder / path,
            folder / "dist" / path,
            folder / "dist" / name,
            folder / path.replace(".min.", "."),
            folder / "dist" / name.replace(".js", ".min.js").replace(".css", ".min.css"),
        ]
        return next((c for c in candidates if c.is_file()), None)
    return None


@dataclass
class Page:
    page: Any
    errors: list[str] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)  # every request the page made

    def js(self, code: str) -> Any:
        return self.page.evaluate(code)


@contextmanager
def open_map(
    path: Path, width: int = 1400, height: int = 900, *, cdn: bool = False, tiles: bool = False
) -> Iterator[Page]:
    """Open a map file in headless Chromium with every other request refused (see the module)."""
    from playwright.sync_api import sync_playwright

    url = path.resolve().as_uri()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            result = Page(page)

            def handle(route: Any) -> None:
                asked = route.request.url
                found = local_file(asked) if cdn else None
                if asked == url:
                    route.continue_()
                elif tiles and "tile.openstreetmap.org" in asked:
                    route.fulfill(status=200, body=PNG, content_type="image/png")
                elif found is not None:
                    route.fulfill(
                        status=200,
                        body=found.read_bytes(),
                        content_type=_TYPES.get(found.suffix, "application/octet-stream"),
                        headers={"access-control-allow-origin": "*"},  # the page asks with CORS (SRI)
                    )
                else:
                    result.unexpected.append(asked)
                    route.abort()

            page.route("**/*", handle)
            page.on("request", lambda req: result.requests.append(req.url))
            page.on("pageerror", lambda exc: result.errors.append(f"pageerror: {exc}"))
            page.on(
                "console",
                lambda msg: result.errors.append(f"console: {msg.text}") if msg.type == "error" else None,
            )
            # Leaflet cancels tile requests when the view moves on: those are not failures
            page.on(
                "requestfailed",
                lambda req: (
                    None
                    if tiles and "tile.openstreetmap.org" in req.url
                    else result.errors.append(f"request failed: {req.url}")
                ),
            )
            page.goto(url, wait_until="load")
            try:
                page.wait_for_function("window.corridormap && window.corridormap.map", timeout=20_000)
            except Exception as exc:
                raise AssertionError(
                    f"the map did not draw: {exc}; errors {result.errors}; unanswered {result.unexpected}"
                ) from None
            yield result
        finally:
            browser.close()

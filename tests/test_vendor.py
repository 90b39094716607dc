"""The vendored front-end files (corridormap/_vendor, written by scripts/vendor_js.py)."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest

from corridormap import _assets
from corridormap._errors import CorridorMapError

ROOT = Path(__file__).resolve().parents[1]
VENDOR = ROOT / "corridormap" / "_vendor"


def test_every_vendored_file_matches_the_manifest() -> None:
    listed = set()
    for package in _assets.manifest():
        for entry in package["files"]:
            data = (VENDOR / package["name"] / entry["path"]).read_bytes()
            assert hashlib.sha256(data).hexdigest() == entry["sha256"], entry["path"]
            assert len(data) == entry["bytes"]
            listed.add(f"{package['name']}/{entry['path']}")
        # the licence travels with the code: the BSD and MIT texts name their terms
        licence = (VENDOR / package["name"] / package["licence_file"]).read_text(encoding="utf-8")
        assert ("Redistribution and use" in licence) or ("Permission is hereby granted" in licence)
        assert package["integrity"].startswith("sha512-")
    on_disk = {p.relative_to(VENDOR).as_posix() for p in VENDOR.rglob("*") if p.is_file()}
    assert on_disk - {"manifest.json"} == listed  # nothing unlisted ships


def test_the_versions_are_those_the_maps_asked_for_before() -> None:
    # the browser tests' npm cache (tests/browser/package.json) serves CDN-mode maps: same pins
    wanted = json.loads((ROOT / "tests" / "browser" / "package.json").read_text())["dependencies"]
    assert {p["name"]: p["version"] for p in _assets.manifest()} == wanted
    assert _assets.manifest()[0]["name"] == "leaflet"  # loaded before its plugins


def test_the_inlined_assets_need_no_network_and_cannot_close_their_elements() -> None:
    html = _assets.page_assets()
    # only bare <script> and <style> elements: nothing to fetch
    assert set(re.findall(r"<(?:script|style|link)\b[^>]*>", html)) == {"<script>", "<style>"}
    assert "sourceMappingURL" not in html
    # every url() in the style sheets is a data: URI (or Leaflet's old-IE VML behaviour)
    urls = re.findall(r"url\(([^)]*)\)", html)
    assert urls and all(u.startswith("data:image/") or u == "#default#VML" for u in urls)
    for tag in ("script", "style"):
        inner = re.findall(rf"<{tag}>(.*?)</{tag}>", html, flags=re.S)
        assert len(inner) == 3  # leaflet, fullscreen, minimap
        assert all(f"</{tag}" not in text.lower() for text in inner)


def test_the_cdn_links_carry_subresource_integrity() -> None:
    html = _assets.page_assets(cdn=True)
    links = re.findall(r'(?:src|href)="([^"]+)" integrity="sha384-([^"]+)"', html)
    assert len(links) == 6
    for url, _sri in links:
        assert url.startswith("https://cdn.jsdelivr.net/npm/")
    assert "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js" in html


def test_an_altered_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "_vendor"
    shutil.copytree(VENDOR, copy)
    js = copy / "leaflet" / "leaflet.js"
    js.write_bytes(js.read_bytes().replace(b'version="1.9.3"', b'version="6.6.6"'))
    monkeypatch.setattr(_assets, "VENDOR", copy)
    _assets._read.cache_clear()
    try:
        with pytest.raises(CorridorMapError, match=r"leaflet\.js does not match its manifest hash"):
            _assets.page_assets()
    finally:
        _assets._read.cache_clear()

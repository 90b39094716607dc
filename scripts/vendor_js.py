"""Vendor Leaflet and the Leaflet plugins the maps use into ``corridormap/_vendor/``.

    .venv/bin/python scripts/vendor_js.py

The versions are pinned here, in ``PACKAGES``, and nowhere else: the maps read them from the
manifest this script writes. For each package the npm release tarball is fetched with
``npm pack NAME@VERSION``, checked against the registry's ``dist.integrity`` (sha512, from
``npm view``), and only the files the maps need and the licence are extracted. The manifest
(``corridormap/_vendor/manifest.json``) lists for each package its name, version, licence,
the tarball's integrity and the sha256 and size of every file; ``tests/test_vendor.py``
re-checks the files against it. Rerunning the script reproduces the folder byte for byte.

Folium's page template also loads jQuery, Bootstrap, Font Awesome and Leaflet.awesome-markers;
the maps draw their own markers and controls, so corridormap's pages do not load those at all
(``corridormap.maps`` empties folium's default asset lists) and they are not vendored.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENDOR = ROOT / "corridormap" / "_vendor"

#: name, version, then the files to keep: (path in the tarball, path in the vendor folder), the
#: page assets (scripts and styles) in the order the page loads them, images after.
PACKAGES: list[dict[str, object]] = [
    {
        "name": "leaflet",
        "version": "1.9.3",
        "licence_file": "LICENSE",
        "files": [
            ("dist/leaflet.js", "leaflet.js"),
            ("dist/leaflet.css", "leaflet.css"),
            ("dist/images/layers.png", "images/layers.png"),
            ("dist/images/layers-2x.png", "images/layers-2x.png"),
            ("dist/images/marker-icon.png", "images/marker-icon.png"),
        ],
    },
    {
        "name": "leaflet.fullscreen",
        "version": "3.0.0",
        "licence_file": "LICENSE",
        "files": [
            ("Control.FullScreen.js", "Control.FullScreen.js"),
            ("Control.FullScreen.css", "Control.FullScreen.css"),
            ("icon-fullscreen.svg", "icon-fullscreen.svg"),
        ],
    },
    {
        "name": "leaflet-minimap",
        "version": "3.6.1",
        "licence_file": "LICENSE.txt",
        "files": [
            ("dist/Control.MiniMap.min.js", "Control.MiniMap.min.js"),
            ("dist/Control.MiniMap.min.css", "Control.MiniMap.min.css"),
            ("dist/images/toggle.svg", "images/toggle.svg"),
            ("dist/images/toggle.png", "images/toggle.png"),
        ],
    },
]


def npm(*args: str) -> str:
    return subprocess.run(["npm", *args], check=True, capture_output=True, text=True).stdout


def fetch(name: str, version: str, folder: Path) -> tuple[bytes, str, str]:
    """The release tarball, checked against the registry's sha512; its integrity and licence."""
    view = json.loads(npm("view", f"{name}@{version}", "dist.integrity", "license", "--json"))
    integrity, licence = view["dist.integrity"], view["license"]
    packed = json.loads(npm("pack", f"{name}@{version}", "--pack-destination", str(folder), "--json"))
    data = (folder / packed[0]["filename"]).read_bytes()
    algo, _, expected = integrity.partition("-")
    if algo != "sha512":
        sys.exit(f"{name}@{version}: the registry gives a {algo} integrity, expected sha512")
    actual = base64.b64encode(hashlib.sha512(data).digest()).decode()
    if actual != expected:
        sys.exit(f"{name}@{version}: the tarball's sha512 {actual} is not the registry's {expected}")
    return data, integrity, licence


def extract(tarball: bytes, wanted: list[tuple[str, str]], dest: Path) -> list[dict[str, object]]:
    """Write the wanted members under dest; their manifest entries."""
    entries = []
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as tar:
        for member_path, out_path in wanted:
            member = tar.extractfile(f"package/{member_path}")
            if member is None:
                sys.exit(f"{member_path} is not a file in the tarball")
            data = member.read()
            target = dest / out_path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            entries.append(
                {
                    "path": out_path,
                    "from": member_path,
                    "sha256": hashlib.sha256(data).hexdigest(),
                    "bytes": len(data),
                }
            )
    return entries


def main() -> None:
    staging = Path(tempfile.mkdtemp(prefix="corridormap-vendor-"))
    try:
        out = staging / "_vendor"
        manifest = []
        for pkg in PACKAGES:
            name, version = str(pkg["name"]), str(pkg["version"])
            tarball, integrity, licence = fetch(name, version, staging)
            files = [*pkg["files"], (pkg["licence_file"], pkg["licence_file"])]  # type: ignore[misc]
            entries = extract(tarball, files, out / name)
            manifest.append(
                {
                    "name": name,
                    "version": version,
                    "licence": licence,
                    "licence_file": pkg["licence_file"],
                    "integrity": integrity,
                    "files": entries,
                }
            )
            print(f"{name}@{version}: {len(entries)} files, {licence}")
        (out / "manifest.json").write_text(json.dumps({"packages": manifest}, indent=2) + "\n")
        # everything checked and written: replace the folder
        if VENDOR.exists():
            shutil.rmtree(VENDOR)
        shutil.copytree(out, VENDOR)
    finally:
        shutil.rmtree(staging)


if __name__ == "__main__":
    main()

"""The front-end files a map page loads: Leaflet and its plugins, vendored in ``_vendor/``.

``scripts/vendor_js.py`` extracts them from their npm releases (checked against the
registry's sha512) and writes ``_vendor/manifest.json``: name, version, licence and the sha256
of every file. :func:`page_assets` gives the page's ``<head>`` markup for them, either inlined
(the default: the page then needs no network at all; images in the style sheets become
``data:`` URIs) or as links to the jsDelivr CDN with subresource integrity (a small file
that needs the network). Every vendored file is checked against its manifest hash when read.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from ._errors import CorridorMapError

__all__ = ["manifest", "page_assets"]

VENDOR = Path(__file__).with_name("_vendor")
CDN = "https://cdn.jsdelivr.net/npm/"
_MIME = {".png": "image/png", ".svg": "image/svg+xml"}
_URL = re.compile(r"url\((['\"]?)([^)'\"#]+)\1\)")


@lru_cache(maxsize=1)
def manifest() -> list[dict[str, Any]]:
    """Return the vendored packages, as ``_vendor/manifest.json`` lists them (page load order).

    Returns
    -------
    list of dict
        Each with ``name``, ``version``, ``licence``, ``licence_file``, ``integrity`` and
        ``files`` (``path``, ``from``, ``sha256``, ``bytes``).
    """
    packages: list[dict[str, Any]] = json.loads((VENDOR / "manifest.json").read_text(encoding="utf-8"))[
        "packages"
    ]
    return packages


def _entry(package: str, path: str) -> dict[str, Any]:
    """Return a vendored file's manifest entry, with its package's version."""
    for p in manifest():
        for f in p["files"]:
            if p["name"] == package and f["path"] == path:
                return {**f, "version": p["version"]}
    raise CorridorMapError(f"{package}/{path} is not in the vendored manifest")


@cache
def _read(package: str, path: str) -> bytes:
    """Return a vendored file's bytes, checked against its manifest hash."""
    entry = _entry(package, path)
    data = (VENDOR / package / path).read_bytes()
    if hashlib.sha256(data).hexdigest() != entry["sha256"]:
        raise CorridorMapError(
            f"corridormap/_vendor/{package}/{path} does not match its manifest hash: "
            "reinstall corridormap or rerun scripts/vendor_js.py"
        )
    return data


def _css(package: str, path: str) -> str:
    """Return a style sheet with the images it names (vendored beside it) as ``data:`` URIs."""
    text = _read(package, path).decode("utf-8")
    folder = Path(path).parent

    def inline(match: re.Match[str]) -> str:
        target = (folder / match[2]).as_posix()
        mime = _MIME.get(Path(target).suffix)
        if mime is None:
            return match[0]
        encoded = base64.b64encode(_read(package, target)).decode("ascii")
        return f"url(data:{mime};base64,{encoded})"

    return _URL.sub(inline, text)


def _inert(text: str, tag: str) -> str:
    """Return text that cannot close the element it is put in."""
    return re.sub(f"</({tag})", r"<\\/\1", text, flags=re.IGNORECASE)


def _assets() -> list[tuple[str, str]]:
    """Return the page's scripts and style sheets, in load order: (package, path)."""
    return [
        (p["name"], f["path"]) for p in manifest() for f in p["files"] if f["path"].endswith((".js", ".css"))
    ]


def page_assets(*, cdn: bool = False) -> str:
    """Return the ``<head>`` markup that loads Leaflet and its plugins.

    Parameters
    ----------
    cdn
        Link to the jsDelivr CDN (with subresource integrity) instead of inlining the files.

    Returns
    -------
    str
        ``<style>`` and ``<script>`` elements, or ``<link>`` and ``<script src>`` ones.
    """
    out = []
    for package, path in _assets():
        if cdn:
            entry = _entry(package, path)
            url = f"{CDN}{package}@{entry['version']}/{entry['from']}"
            sri = "sha384-" + base64.b64encode(hashlib.sha384(_read(package, path)).digest()).decode()
            if path.endswith(".css"):
                out.append(f'<link rel="stylesheet" href="{url}" integrity="{sri}" crossorigin="anonymous"/>')
            else:
                out.append(f'<script src="{url}" integrity="{sri}" crossorigin="anonymous"></script>')
        elif path.endswith(".css"):
            out.append(f"<style>/* {package} */\n{_inert(_css(package, path), 'style')}</style>")
        else:
            code = _read(package, path).decode("utf-8")
            code = re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", code)  # no map to fetch
            out.append(f"<script>/* {package} */\n{_inert(code, 'script')}</script>")
    return "\n".join(out)

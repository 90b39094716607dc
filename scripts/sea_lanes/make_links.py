#!/usr/bin/env python3
"""Writes links.json: the curated list of sea-lane links (ids, ends, names,
sources, seasons, lengths) that build_sea_lanes.py turns into geometry.
Kept as a script so that shared attributes are set in one place."""

import json
from pathlib import Path

N = {  # node id -> (English, Russian, Chinese) short names
    "port-murmansk": ("Murmansk", "Мурманск", "摩尔曼斯克"),
    "port-arkhangelsk": ("Arkhangelsk", "Архангельск", "阿尔汉格尔斯克"),
    "kara-gate": ("Kara Gate", "Карские Ворота", "喀拉海峡"),
    "bely-island": ("Bely Island", "остров Белый", "别雷岛"),
    "port-sabetta": ("Sabetta", "Сабетта", "萨贝塔"),
    "port-dikson": ("Dikson", "Диксон", "季克森"),
    "port-dudinka": ("Dudinka", "Дудинка", "杜金卡"),
    "vilkitsky-strait": ("Vilkitsky Strait", "пролив Вилькицкого", "维利基茨基海峡"),
    "port-tiksi": ("Tiksi", "Тикси", "季克西"),
    "laptev-strait": ("Dmitry Laptev Strait", "пролив Дмитрия Лаптева", "德米特里·拉普捷夫海峡"),
    "port-pevek": ("Pevek", "Певек", "佩韦克"),
    "long-strait": ("Long Strait", "пролив Лонга", "朗海峡"),
    "bering-strait": ("Bering Strait", "Берингов пролив", "白令海峡"),
    "port-provideniya": ("Provideniya", "Провидения", "普罗维杰尼亚"),
    "port-petropavlovsk": (
        "Petropavlovsk-Kamchatsky",
        "Петропавловск-Камчатский",
        "堪察加彼得罗巴甫洛夫斯克",
    ),
    "fourth-kuril-strait": ("Fourth Kuril Strait", "Четвёртый Курильский пролив", "第四千岛海峡"),
    "la-perouse-strait": ("La Pérouse Strait", "пролив Лаперуза", "拉彼鲁兹海峡"),
    "port-magadan": ("Magadan", "Магадан", "马加丹"),
    "port-korsakov": ("Korsakov", "Корсаков", "科尔萨科夫"),
    "port-prigorodnoye": ("Prigorodnoye", "Пригородное", "普里戈罗德诺耶"),
    "moneron-island": ("Moneron Island", "остров Монерон", "莫涅龙岛"),
    "port-vanino": ("Vanino", "Ванино", "瓦尼诺"),
    "port-sovetskaya-gavan": ("Sovetskaya Gavan", "Советская Гавань", "苏维埃港"),
    "port-de-kastri": ("De-Kastri", "Де-Кастри", "德卡斯特里"),
    "peter-the-great-gulf": ("Peter the Great Gulf", "залив Петра Великого", "彼得大帝湾"),
    "port-vladivostok": ("Vladivostok", "Владивосток", "符拉迪沃斯托克"),
    "port-nakhodka": ("Nakhodka", "Находка", "纳霍德卡"),
    "port-vostochny": ("Vostochny", "Восточный", "东方港"),
    "port-kozmino": ("Kozmino", "Козьмино", "科兹米诺"),
    "port-zarubino": ("Zarubino", "Зарубино", "扎鲁比诺"),
    "port-posyet": ("Posyet", "Посьет", "波西耶特"),
    "korea-strait": ("Korea Strait", "Корейский пролив", "朝鲜海峡"),
    "port-busan": ("Busan", "Пусан", "釜山"),
    "chengshan-cape": ("Chengshan Cape", "мыс Чэншань", "成山角"),
    "port-dalian": ("Dalian", "Далянь", "大连"),
    "bohai-strait": ("Bohai Strait", "пролив Бохай", "渤海海峡"),
    "port-tianjin": ("Tianjin", "Тяньцзинь", "天津"),
    "port-yingkou": ("Yingkou", "Инкоу", "营口"),
    "port-qingdao": ("Qingdao", "Циндао", "青岛"),
    "yangtze-approach": ("Yangtze estuary approaches", "подходы к устью Янцзы", "长江口外"),
    "port-shanghai": ("Shanghai (Yangshan)", "Шанхай (Яншань)", "上海（洋山）"),
    "taiwan-strait": ("Taiwan Strait", "Тайваньский пролив", "台湾海峡"),
    "singapore-strait": ("Singapore Strait", "Сингапурский пролив", "新加坡海峡"),
    "malacca-strait": ("Strait of Malacca", "Малаккский пролив", "马六甲海峡"),
    "bab-el-mandeb": ("Bab-el-Mandeb", "Баб-эль-Мандеб", "曼德海峡"),
    "suez-canal-south": ("Suez", "Суэц", "苏伊士"),
    "suez-canal-north": ("Port Said", "Порт-Саид", "塞得港"),
    "gibraltar-strait": ("Strait of Gibraltar", "Гибралтарский пролив", "直布罗陀海峡"),
    "dover-strait": ("Strait of Dover", "пролив Па-де-Кале", "多佛尔海峡"),
    "port-rotterdam": ("Rotterdam", "Роттердам", "鹿特丹"),
    "elbe-approach": ("Elbe approach", "подходы к Эльбе", "易北河口外"),
    "port-hamburg": ("Hamburg", "Гамбург", "汉堡"),
    "north-cape": ("North Cape", "Нордкап", "北角"),
}
SEA = {"en": "", "ru": "", "zh": ""}

SR = ["searoute-py", "eurostat-searoute-marnet"]
NE = ["naturalearth-v4"]
NSR_SRC = ["nsr-merchant-shipping-code", "law-132-fz-2012", "tass-2024-nsr-cargo", "li-2025-arctic-institute"]
SEASON_SRC = ["washingtonpost-2018-nsr", "gcaptain-2024-early-ice"]
NSR_LEN = [
    {
        "value": 5600,
        "unit": "km",
        "basis": "stated_total",
        "sources": ["tass-2024-nsr-cargo", "valdai-nsr-infographic"],
        "note": "Length of the whole Northern Sea Route from the Kara Strait to Providence Bay, not of this segment.",
    },
    {
        "value": 5612,
        "unit": "km",
        "basis": "stated_total",
        "sources": ["mailru-2025-chemko"],
        "note": "Whole NSR stated as 3,030 nautical miles by Rosatom's Arctic project office (converted at 1.852 km); not the length of this segment.",
    },
]
OPENED_CLAIM = {
    "field": "opened",
    "value": "1932",
    "sources": ["bse-nsr"],
    "note": "The route as a national shipping line: first passage in one season (Sibiryakov) and creation of Glavsevmorput, 1932. The 'opened' value used here is the entry into force of the present legal regime of the NSR water area.",
}
NSR_OPENED_NOTE = (
    "'opened' is the entry into force (January 2013, 180 days after publication) of Federal Law 132-FZ of 28 July 2012, "
    "which defined the NSR water area in the Merchant Shipping Code."
)
NO_ICE_CLAIM = {
    "field": "open_months",
    "value": [7, 8, 9, 10],
    "sources": SEASON_SRC + ["rclutz-2024-nsr-freeze"],
    "note": "Season for ships without ice class: transits are generally made July-October; in 2024 the NSR administration set exit deadlines of 15 October (no ice class), 20 October (light) and 31 October (medium ice class).",
}
ARC7_EAST_CLAIM = {
    "field": "open_months",
    "value": [7, 8, 9, 10, 11, 12],
    "sources": ["semanticnetwork-cdm-2017"],
    "note": "Arc7 LNG carriers of Yamal LNG: eastbound along the NSR from July to December (westbound year-round).",
}


def nm(a, b, sea_en=None):
    e = f"{N[a][0]} – {N[b][0]}" + (f" ({sea_en})" if sea_en else "")
    return e, f"{N[a][1]} – {N[b][1]}", f"{N[a][2]}—{N[b][2]}"


L = []


def add(lid, a, b, method, countries, sea=None, **kw):
    e, r, z = nm(a, b, sea)
    d = {
        "id": lid,
        "name": e,
        "name_ru": r,
        "name_zh": z,
        "from": a,
        "to": b,
        "mode": "sea",
        "kind": "sea_lane",
        "status": "operating",
        "directed": False,
        "countries": countries,
        "method": method,
    }
    d.update(kw)
    if "sources" not in d:
        d["sources"] = SR if method == "searoute" else NE
    if "geometry_quality" not in d:
        d["geometry_quality"] = "traced" if method == "searoute" else "approximate"
    L.append(d)


def nsr(kind):
    """attributes for NSR links: kind 'west' (year-round for ice class) or 'east' (seasonal)."""
    base = {"arctic": True, "opened": "2013-01", "lengths": NSR_LEN}
    if kind == "west":
        base["claims"] = [NO_ICE_CLAIM, OPENED_CLAIM]
    else:
        base["open_months"] = [7, 8, 9, 10]
        base["claims"] = [ARC7_EAST_CLAIM, OPENED_CLAIM]
    return base


GEO_SR = "Geometry from the searoute package (MARNET network), joined to the nodes and kept off Natural Earth land with a raster water path where needed."
GEO_GRID = "Geometry: shortest water path on Natural Earth 10m land (raster router), not a charted fairway."

# ---------------------------------------------------------------- NSR west
add(
    "sea-murmansk-kara-gate",
    "port-murmansk",
    "kara-gate",
    "searoute",
    ["RU"],
    "Barents and Pechora Seas",
    arctic=True,
    sources=SR + ["mailru-2025-chemko", "skai-2024-yamal-kildin"] + SEASON_SRC,
    claims=[NO_ICE_CLAIM],
    notes="Approach to the Northern Sea Route from Murmansk through the Barents and Pechora Seas to the Kara Gate; outside the NSR's legal water area, so undated. Listed without open_months: ice-class ships (Arc7 LNG carriers shuttling Sabetta-Murmansk/Kildin, Norilsk Nickel's Dudinka line) sail it year-round with icebreaker support in winter; the claim gives the season for ships without ice class. "
    + GEO_SR,
)
add(
    "sea-arkhangelsk-murmansk",
    "port-arkhangelsk",
    "port-murmansk",
    "searoute",
    ["RU"],
    "White and Barents Seas",
    arctic=True,
    sources=SR + SEASON_SRC,
    claims=[NO_ICE_CLAIM],
    notes="Arkhangelsk out of the White Sea through its Gorlo (throat) and round the Kola Peninsula to Murmansk. The White Sea freezes in winter; Arkhangelsk is kept open with icebreakers, so the lane is listed year-round for ice-class ships, with the season for ships without ice class as a claim. Undated. "
    + GEO_SR,
)
add(
    "sea-arkhangelsk-kara-gate",
    "port-arkhangelsk",
    "kara-gate",
    "searoute",
    ["RU"],
    "White, Barents and Pechora Seas",
    arctic=True,
    sources=SR + SEASON_SRC,
    claims=[NO_ICE_CLAIM],
    notes="Arkhangelsk through the White Sea Gorlo and east across the Pechora Sea to the Kara Gate, the eastbound approach to the Northern Sea Route. Year-round for ice-class ships with icebreaker support; the claim gives the season for ships without ice class. Undated. "
    + GEO_SR,
)
add(
    "sea-kara-gate-bely-island",
    "kara-gate",
    "bely-island",
    "searoute",
    ["RU"],
    "Kara Sea",
    sources=SR + NSR_SRC + ["mailru-2025-chemko", "protothema-2017-cdm"] + SEASON_SRC,
    **nsr("west"),
    notes="Kara Sea crossing from the Kara Gate to the Ob Bay approach. Western sector of the NSR (west of the Dikson meridian), where year-round navigation exists for ice-class ships; Yamal LNG's Arc7 carriers use it all year. "
    + NSR_OPENED_NOTE
    + " "
    + GEO_SR,
)
add(
    "sea-bely-island-sabetta",
    "bely-island",
    "port-sabetta",
    "grid",
    ["RU"],
    "Ob Bay",
    res=0.03,
    pad=0.8,
    sources=NE + NSR_SRC + ["protothema-2017-cdm", "portnews-2021-sabetta-ice"],
    **nsr("west"),
    notes="Branch into Ob Bay to Sabetta (Yamal LNG). Year-round for Arc7 ice-class LNG carriers with icebreaker support (the carriers were built for year-round work in the Kara Sea and Ob Bay); the port applies winter ice restrictions from November to about July. "
    + NSR_OPENED_NOTE
    + " "
    + GEO_GRID
    + " The dredged sea channel in Ob Bay is not drawn.",
)
add(
    "sea-bely-island-dikson",
    "bely-island",
    "port-dikson",
    "grid",
    ["RU"],
    "Kara Sea",
    res=0.03,
    pad=0.8,
    sources=NE + NSR_SRC + ["mailru-2025-chemko"],
    **nsr("west"),
    notes="Kara Sea leg to Dikson at the mouth of the Yenisei Gulf; Dikson's meridian divides the NSR's western sector (year-round navigation for ice-class ships) from the eastern one. "
    + NSR_OPENED_NOTE
    + " "
    + GEO_GRID,
)
add(
    "sea-dikson-dudinka",
    "port-dikson",
    "port-dudinka",
    "yenisei",
    ["RU"],
    "Yenisei Gulf and Yenisei",
    sources=NE + NSR_SRC + ["mailru-2025-chemko"],
    **nsr("west"),
    notes="Branch up the Yenisei Gulf and the Yenisei to Dudinka (Norilsk Nickel's port). The gulf part is a raster water path on Natural Earth land; the river part follows the Natural Earth 10m Yenisei centre line from Karaul up to Dudinka (Natural Earth land does not cut the river, so that part is not checked for land). "
    + NSR_OPENED_NOTE,
)
# ---------------------------------------------------------------- NSR east
EAST = dict(sources=SR + NSR_SRC + SEASON_SRC + ["semanticnetwork-cdm-2017"])
add(
    "sea-dikson-vilkitsky-strait",
    "port-dikson",
    "vilkitsky-strait",
    "searoute",
    ["RU"],
    "Kara Sea",
    **EAST,
    **nsr("east"),
    notes="Main NSR lane from Dikson along the Taymyr coast to the Vilkitsky Strait, eastern sector. open_months: transits generally July-October. "
    + NSR_OPENED_NOTE
    + " "
    + GEO_SR,
)
add(
    "sea-vilkitsky-strait-tiksi",
    "vilkitsky-strait",
    "port-tiksi",
    "searoute",
    ["RU"],
    "Laptev Sea",
    **EAST,
    **nsr("east"),
    notes="Laptev Sea leg to Tiksi (Buor-Khaya Gulf, east of the Lena delta). Transits that do not call at Tiksi use sea-vilkitsky-strait-laptev-strait. "
    + NSR_OPENED_NOTE
    + " "
    + GEO_SR,
)
add(
    "sea-tiksi-laptev-strait",
    "port-tiksi",
    "laptev-strait",
    "grid",
    ["RU"],
    "Laptev Sea",
    res=0.04,
    pad=1.0,
    sources=NE + NSR_SRC + SEASON_SRC + ["semanticnetwork-cdm-2017"],
    **nsr("east"),
    notes="From Tiksi east to the Dmitry Laptev Strait. " + NSR_OPENED_NOTE + " " + GEO_GRID,
)
add(
    "sea-vilkitsky-strait-laptev-strait",
    "vilkitsky-strait",
    "laptev-strait",
    "searoute",
    ["RU"],
    "Laptev Sea",
    **EAST,
    **nsr("east"),
    notes="Through lane across the Laptev Sea from the Vilkitsky Strait to the Dmitry Laptev Strait without calling at Tiksi. Deep-draught ships use the Sannikov Strait or pass north of the New Siberian Islands (not drawn). "
    + NSR_OPENED_NOTE
    + " "
    + GEO_SR,
)
add(
    "sea-laptev-strait-pevek",
    "laptev-strait",
    "port-pevek",
    "searoute",
    ["RU"],
    "East Siberian Sea",
    **EAST,
    **nsr("east"),
    notes="East Siberian Sea leg to Pevek (Chaunskaya Bay). " + NSR_OPENED_NOTE + " " + GEO_SR,
)
add(
    "sea-pevek-long-strait",
    "port-pevek",
    "long-strait",
    "searoute",
    ["RU"],
    "East Siberian and Chukchi Seas",
    **EAST,
    **nsr("east"),
    notes="From Pevek to the Long Strait between Wrangel Island and Chukotka. "
    + NSR_OPENED_NOTE
    + " "
    + GEO_SR,
)
add(
    "sea-long-strait-bering-strait",
    "long-strait",
    "bering-strait",
    "searoute",
    ["RU"],
    "Chukchi Sea",
    **EAST,
    **nsr("east"),
    notes="Chukchi Sea leg along the Chukotka coast to the Bering Strait (parallel of Cape Dezhnev, the NSR's eastern limit). Cut at the 180th meridian. searoute tags this MARNET edge 'northwest', so it was called with no passage restrictions. "
    + NSR_OPENED_NOTE
    + " "
    + GEO_SR,
)
add(
    "sea-bering-strait-provideniya",
    "bering-strait",
    "port-provideniya",
    "grid",
    ["RU"],
    "Bering Sea",
    res=0.02,
    pad=0.6,
    sources=NE + NSR_SRC + SEASON_SRC + ["semanticnetwork-cdm-2017"],
    **nsr("east"),
    notes="From the Bering Strait south along the Chukotka coast to Provideniya, the end point that TASS uses for the NSR's 5,600 km (Providence Bay lies south of the legal NSR limit). Both ends are west of 180, so the line needs no antimeridian cut. "
    + NSR_OPENED_NOTE
    + " "
    + GEO_GRID,
)
# ---------------------------------------------------------------- Pacific
add(
    "sea-bering-strait-petropavlovsk",
    "bering-strait",
    "port-petropavlovsk",
    "grid",
    ["RU"],
    "Bering Sea",
    res=0.08,
    region=[157.5, 51.5, 193.0, 67.0],
    arctic=False,
    notes="Pacific continuation of the NSR: Bering Strait - Anadyr Strait - Gulf of Anadyr - Cape Navarin - along the Koryak and Kamchatka coasts to Avacha Bay. The northern end freezes in winter; through traffic follows the NSR season. May clip the US exclusive economic zone west of the 1990 maritime boundary line; not checked. Cut at the 180th meridian. Undated (sea lane in continuous use). "
    + GEO_GRID,
)
add(
    "sea-petropavlovsk-fourth-kuril-strait",
    "port-petropavlovsk",
    "fourth-kuril-strait",
    "grid",
    ["RU"],
    "Pacific",
    res=0.03,
    pad=0.8,
    notes="From Avacha Bay along south-east Kamchatka and Paramushir to the Fourth Kuril Strait. Undated (sea lane in continuous use). "
    + GEO_GRID,
)
add(
    "sea-fourth-kuril-strait-la-perouse-strait",
    "fourth-kuril-strait",
    "la-perouse-strait",
    "searoute",
    ["RU", "JP"],
    "Sea of Okhotsk",
    notes="Across the Sea of Okhotsk along the inner side of the Kuril chain to La Pérouse Strait. Undated (sea lane in continuous use). "
    + GEO_SR,
)
add(
    "sea-fourth-kuril-strait-magadan",
    "fourth-kuril-strait",
    "port-magadan",
    "searoute",
    ["RU"],
    "Sea of Okhotsk",
    notes="Kamchatka - Magadan lane across the Sea of Okhotsk. Nagaev Bay ices over in winter (icebreaker-assisted port). Undated. "
    + GEO_SR,
)
add(
    "sea-la-perouse-strait-magadan",
    "la-perouse-strait",
    "port-magadan",
    "searoute",
    ["RU", "JP"],
    "Sea of Okhotsk",
    notes="Supply lane from the Sea of Japan ports to Magadan across the Sea of Okhotsk. Undated. " + GEO_SR,
)
add(
    "sea-la-perouse-strait-korsakov",
    "la-perouse-strait",
    "port-korsakov",
    "grid",
    ["RU"],
    "Aniva Bay",
    res=0.01,
    pad=0.3,
    notes="Into Aniva Bay to Korsakov. Undated. " + GEO_GRID,
)
add(
    "sea-la-perouse-strait-prigorodnoye",
    "la-perouse-strait",
    "port-prigorodnoye",
    "grid",
    ["RU"],
    "Aniva Bay",
    res=0.01,
    pad=0.3,
    notes="Into Aniva Bay to the Sakhalin-2 LNG and oil terminal at Prigorodnoye. Undated. " + GEO_GRID,
)
add(
    "sea-la-perouse-strait-moneron-island",
    "la-perouse-strait",
    "moneron-island",
    "grid",
    ["RU", "JP"],
    "Sea of Japan",
    res=0.01,
    pad=0.3,
    notes="Western exit of La Pérouse Strait into the Sea of Japan. Undated. " + GEO_GRID,
)
add(
    "sea-moneron-island-vanino",
    "moneron-island",
    "port-vanino",
    "searoute",
    ["RU"],
    "Tatar Strait",
    notes="North through the Tatar Strait to Vanino. Undated. " + GEO_SR,
)
add(
    "sea-vanino-sovetskaya-gavan",
    "port-vanino",
    "port-sovetskaya-gavan",
    "grid",
    ["RU"],
    "Tatar Strait",
    res=0.005,
    pad=0.15,
    notes="Short harbour link between the neighbouring bays of Vanino and Sovetskaya Gavan. Undated. "
    + GEO_GRID,
)
add(
    "sea-vanino-de-kastri",
    "port-vanino",
    "port-de-kastri",
    "grid",
    ["RU"],
    "Tatar Strait",
    res=0.02,
    pad=0.5,
    notes="North along the mainland coast of the Tatar Strait to the De-Kastri oil terminal (Sakhalin-1 exports). Undated. "
    + GEO_GRID,
)
add(
    "sea-moneron-island-peter-the-great-gulf",
    "moneron-island",
    "peter-the-great-gulf",
    "searoute",
    ["RU"],
    "Sea of Japan",
    notes="Across the northern Sea of Japan between La Pérouse Strait and Peter the Great Gulf. Undated. "
    + GEO_SR,
)
add(
    "sea-moneron-island-korea-strait",
    "moneron-island",
    "korea-strait",
    "searoute",
    ["RU", "JP", "KR"],
    "Sea of Japan",
    notes="Diagonal crossing of the Sea of Japan between La Pérouse Strait and the Korea Strait. Undated. "
    + GEO_SR,
)
for port in [
    "port-vladivostok",
    "port-nakhodka",
    "port-vostochny",
    "port-kozmino",
    "port-zarubino",
    "port-posyet",
]:
    add(
        "sea-peter-the-great-gulf-" + port[5:],
        "peter-the-great-gulf",
        port,
        "grid",
        ["RU"],
        "Peter the Great Gulf",
        res=0.005,
        pad=0.15,
        notes=f"Approach from the middle of Peter the Great Gulf to {N[port][0]}. Undated. " + GEO_GRID,
    )
add(
    "sea-peter-the-great-gulf-korea-strait",
    "peter-the-great-gulf",
    "korea-strait",
    "searoute",
    ["RU", "KP", "KR"],
    "Sea of Japan",
    notes="South along the Korean east coast from Peter the Great Gulf to the Korea Strait; passes the waters off North Korea. Undated. "
    + GEO_SR,
)
add(
    "sea-korea-strait-busan",
    "korea-strait",
    "port-busan",
    "grid",
    ["KR"],
    "Korea Strait",
    res=0.005,
    pad=0.15,
    notes="Approach to Busan. Undated. " + GEO_GRID,
)
add(
    "sea-korea-strait-chengshan-cape",
    "korea-strait",
    "chengshan-cape",
    "searoute",
    ["KR", "CN"],
    "Yellow Sea",
    notes="Along the south coast of Korea and north across the Yellow Sea to Chengshan Cape. Undated. "
    + GEO_SR,
)
add(
    "sea-korea-strait-yangtze-approach",
    "korea-strait",
    "yangtze-approach",
    "searoute",
    ["KR", "CN"],
    "East China Sea",
    notes="South of Jeju to the Yangtze estuary approaches. Undated. " + GEO_SR,
)
add(
    "sea-chengshan-cape-dalian",
    "chengshan-cape",
    "port-dalian",
    "searoute",
    ["CN"],
    "Yellow Sea",
    notes="North across the northern Yellow Sea to Dalian. Undated. " + GEO_SR,
)
add(
    "sea-chengshan-cape-bohai-strait",
    "chengshan-cape",
    "bohai-strait",
    "searoute",
    ["CN"],
    "Yellow Sea",
    sources=SR + ["oasis-2023-miaodao"],
    notes="From Chengshan Cape to the Laotieshan Channel of the Bohai Strait (merchant ships may cross the Miaodao archipelago only by the Laotieshan or Changshan channels). Undated. "
    + GEO_SR,
)
add(
    "sea-bohai-strait-tianjin",
    "bohai-strait",
    "port-tianjin",
    "searoute",
    ["CN"],
    "Bohai Sea",
    notes="Across the Bohai Sea to Tianjin. Undated. " + GEO_SR,
)
add(
    "sea-bohai-strait-yingkou",
    "bohai-strait",
    "port-yingkou",
    "searoute",
    ["CN"],
    "Bohai Sea",
    notes="North across the Bohai Sea (Liaodong Bay) to Yingkou (Bayuquan). Undated. " + GEO_SR,
)
add(
    "sea-chengshan-cape-qingdao",
    "chengshan-cape",
    "port-qingdao",
    "searoute",
    ["CN"],
    "Yellow Sea",
    notes="Along the south coast of the Shandong peninsula to Qingdao. Undated. " + GEO_SR,
)
add(
    "sea-chengshan-cape-yangtze-approach",
    "chengshan-cape",
    "yangtze-approach",
    "searoute",
    ["CN"],
    "Yellow Sea",
    notes="South through the Yellow Sea from Chengshan Cape to the Yangtze estuary approaches: the way Dalian and the Bohai ports join the southern route. Undated. "
    + GEO_SR,
)
add(
    "sea-qingdao-yangtze-approach",
    "port-qingdao",
    "yangtze-approach",
    "searoute",
    ["CN"],
    "Yellow Sea",
    notes="From Qingdao south to the Yangtze estuary approaches, where it joins the southern route. Undated. "
    + GEO_SR,
)
add(
    "sea-yangtze-approach-shanghai",
    "yangtze-approach",
    "port-shanghai",
    "searoute",
    ["CN"],
    "East China Sea",
    notes="Approach to Yangshan deep-water port. Undated. " + GEO_SR,
)
add(
    "sea-yangtze-approach-taiwan-strait",
    "yangtze-approach",
    "taiwan-strait",
    "searoute",
    ["CN", "TW"],
    "East China Sea",
    notes="From the Yangtze estuary approaches south along the Zhejiang and Fujian coasts to the Taiwan Strait (route for Dalian, Bohai and Qingdao traffic heading south). Undated. "
    + GEO_SR,
)
add(
    "sea-shanghai-taiwan-strait",
    "port-shanghai",
    "taiwan-strait",
    "searoute",
    ["CN", "TW"],
    "East China Sea",
    notes="Start of the southern (Suez) route from Shanghai: through the Zhoushan islands and along the coast to the Taiwan Strait. Undated. "
    + GEO_SR,
)
# ---------------------------------------------------------------- southern route
RED = ["porteconomics-2024-red-sea"]
add(
    "sea-taiwan-strait-singapore-strait",
    "taiwan-strait",
    "singapore-strait",
    "searoute",
    ["CN", "TW", "VN", "MY", "ID", "SG"],
    "South China Sea",
    notes="South China Sea crossing to Singapore. Undated. "
    + GEO_SR
    + " South of 28 N the project's Natural Earth subset has no land, so the line was not checked against a coastline there.",
)
add(
    "sea-singapore-strait-malacca-strait",
    "singapore-strait",
    "malacca-strait",
    "searoute",
    ["SG", "MY", "ID"],
    "Strait of Malacca",
    notes="Singapore Strait and the southern Strait of Malacca to One Fathom Bank. Undated. "
    + GEO_SR
    + " Not checked against a coastline (outside the Natural Earth subset).",
)
add(
    "sea-malacca-strait-bab-el-mandeb",
    "malacca-strait",
    "bab-el-mandeb",
    "searoute",
    ["MY", "ID", "TH", "LK", "IN", "MV", "YE", "SO", "DJ"],
    "Indian Ocean",
    sources=SR + RED,
    notes="Northern Strait of Malacca, south of Sri Lanka, across the Arabian Sea and the Gulf of Aden to Bab-el-Mandeb; open-ocean legs densified to at most 100 km between vertices. Coastal states listed from the geometry (territorial seas or EEZs passed), approximate. Traffic through Bab-el-Mandeb fell to about half from late 2023 as lines diverted round the Cape of Good Hope; the lane is kept as operating. Undated. "
    + GEO_SR
    + " Not checked against a coastline (outside the Natural Earth subset).",
)
add(
    "sea-bab-el-mandeb-suez",
    "bab-el-mandeb",
    "suez-canal-south",
    "searoute",
    ["YE", "ER", "SA", "SD", "EG"],
    "Red Sea",
    sources=SR + RED,
    notes="Red Sea and Gulf of Suez. Traffic much reduced since late 2023 (Red Sea attacks); kept as operating. Undated. "
    + GEO_SR,
)
add(
    "sea-suez-canal",
    "suez-canal-south",
    "suez-canal-north",
    "searoute",
    ["EG"],
    "Suez Canal",
    sources=SR + ["wikipedia-suez-canal", "marinelink-suez-canal"],
    opened="1869-11-17",
    lengths=[
        {
            "value": 193.3,
            "unit": "km",
            "basis": "stated",
            "sources": ["wikipedia-suez-canal"],
            "note": "Including the northern and southern access channels; the drawn line runs from Port Tewfik to Port Said harbour and is shorter.",
        }
    ],
    notes="The Suez Canal from Port Tewfik (Suez) to Port Said, opened 17 November 1869. MARNET vertices only (Natural Earth land does not cut the canal, which is excluded from the land check). "
    + GEO_SR,
)
add(
    "sea-port-said-gibraltar-strait",
    "suez-canal-north",
    "gibraltar-strait",
    "searoute",
    ["EG", "GR", "MT", "IT", "TN", "DZ", "ES", "MA", "GI"],
    "Mediterranean Sea",
    notes="Mediterranean crossing south of Crete, between Sicily and Tunisia and along the Algerian coast. Undated. "
    + GEO_SR,
)
add(
    "sea-gibraltar-strait-dover-strait",
    "gibraltar-strait",
    "dover-strait",
    "searoute",
    ["ES", "PT", "FR", "GB"],
    "Atlantic and English Channel",
    notes="Round Cape St Vincent and Finisterre, across the Bay of Biscay and up the English Channel. Undated. "
    + GEO_SR
    + " West of 0 deg the project's Natural Earth subset has no land, so only the part east of Greenwich was checked.",
)
add(
    "sea-dover-strait-rotterdam",
    "dover-strait",
    "port-rotterdam",
    "searoute",
    ["GB", "FR", "BE", "NL"],
    "North Sea",
    notes="From the Strait of Dover to Rotterdam (Maasvlakte). Undated. " + GEO_SR,
)
add(
    "sea-dover-strait-elbe-approach",
    "dover-strait",
    "elbe-approach",
    "searoute",
    ["GB", "FR", "BE", "NL", "DE"],
    "North Sea",
    notes="Along the Dutch and German Frisian coast to the Elbe approach. Undated. " + GEO_SR,
)
add(
    "sea-elbe-approach-hamburg",
    "elbe-approach",
    "port-hamburg",
    "searoute",
    ["DE"],
    "Elbe",
    notes="Up the Elbe from the light-vessel position past Cuxhaven to Hamburg (the river is excluded from the land check). Undated. "
    + GEO_SR,
)
# ---------------------------------------------------------------- Murmansk - Europe
add(
    "sea-murmansk-north-cape",
    "port-murmansk",
    "north-cape",
    "searoute",
    ["RU", "NO"],
    "Barents Sea",
    arctic=False,
    notes="Out of Kola Bay and west along the Murman and Finnmark coasts to the North Cape; ice-free all year. Undated. "
    + GEO_SR,
)
add(
    "sea-north-cape-rotterdam",
    "north-cape",
    "port-rotterdam",
    "searoute",
    ["NO", "DK", "DE", "NL"],
    "Norwegian and North Seas",
    notes="Along the Norwegian coast and south across the North Sea to Rotterdam. Undated. " + GEO_SR,
)
add(
    "sea-north-cape-elbe-approach",
    "north-cape",
    "elbe-approach",
    "searoute",
    ["NO", "DK", "DE"],
    "Norwegian and North Seas",
    notes="Along the Norwegian coast and across the North Sea to the Elbe approach (for Hamburg). Undated. "
    + GEO_SR,
)

for d in L:
    d.setdefault("arctic", False)
Path(__file__).with_name("links.json").write_text(
    json.dumps({"links": L}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
)
print(len(L), "links")

#!/usr/bin/env python3
"""Writes links.json: the curated list of sea-lane links (ids, ends, names,
sources, seasons, lengths) that build_sea_lanes.py turns into geometry.
Kept as a script so that shared attributes are set in one place."""

import json
from pathlib import Path

N = {  # node id -> (English, Russian, Chinese) short names
    "port-murmansk": ("Murmansk", "Мурманск", "摩尔曼斯克"),
    "kola-bay-approach": ("Kola Bay approach", "подходы к Кольскому заливу", "科拉湾口外"),
    "port-arkhangelsk": ("Arkhangelsk", "Архангельск", "阿尔汉格尔斯克"),
    "kara-gate": ("Kara Gate", "Карские Ворота", "喀拉海峡"),
    "bely-island": ("Bely Island", "остров Белый", "别雷岛"),
    "port-sabetta": ("Sabetta", "Сабетта", "萨贝塔"),
    "port-dikson": ("Dikson", "Диксон", "季克森"),
    "dikson-approach": ("Kara Sea off Dikson", "Карское море у Диксона", "季克森外海"),
    "port-dudinka": ("Dudinka", "Дудинка", "杜金卡"),
    "vilkitsky-strait": ("Vilkitsky Strait", "пролив Вилькицкого", "维利基茨基海峡"),
    "port-tiksi": ("Tiksi", "Тикси", "季克西"),
    "laptev-strait": ("Dmitry Laptev Strait", "пролив Дмитрия Лаптева", "德米特里·拉普捷夫海峡"),
    "port-pevek": ("Pevek", "Певек", "佩韦克"),
    "chaun-bay-approach": ("Chaun Bay approach", "подходы к Чаунской губе", "恰翁湾口外"),
    "long-strait": ("Long Strait", "пролив Лонга", "朗海峡"),
    "bering-strait": ("Bering Strait", "Берингов пролив", "白令海峡"),
    "port-provideniya": ("Provideniya", "Провидения", "普罗维杰尼亚"),
    "port-petropavlovsk": (
        "Petropavlovsk-Kamchatsky",
        "Петропавловск-Камчатский",
        "堪察加彼得罗巴甫洛夫斯克",
    ),
    "avacha-gulf": ("Avacha Gulf", "Авачинский залив", "阿瓦恰湾外海"),
    "tsugaru-strait": ("Tsugaru Strait", "Сангарский пролив", "津轻海峡"),
    "port-yokohama": ("Yokohama", "Иокогама", "横滨"),
    "fourth-kuril-strait": ("Fourth Kuril Strait", "Четвёртый Курильский пролив", "第四千岛海峡"),
    "la-perouse-strait": ("La Pérouse Strait", "пролив Лаперуза", "拉彼鲁兹海峡"),
    "port-magadan": ("Magadan", "Магадан", "马加丹"),
    "port-korsakov": ("Korsakov", "Корсаков", "科尔萨科夫"),
    "port-prigorodnoye": ("Prigorodnoye", "Пригородное", "普里戈罗德诺耶"),
    "moneron-island": ("Moneron Island", "остров Монерон", "莫涅龙岛"),
    "port-vanino": ("Vanino", "Ванино", "瓦尼诺"),
    "vanino-approach": ("Tatar Strait off Vanino", "Татарский пролив у Ванино", "瓦尼诺外鞑靼海峡"),
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
    "maas-approach": ("Maas approach", "подходы к Маасу", "马斯河口外"),
    "elbe-approach": ("Elbe approach", "подходы к Эльбе", "易北河口外"),
    "port-hamburg": ("Hamburg", "Гамбург", "汉堡"),
    "north-cape": ("North Cape", "Нордкап", "北角"),
}
SEA = {"en": "", "ru": "", "zh": ""}

SR = ["searoute-py", "eurostat-searoute-marnet"]
NE = ["naturalearth-v4"]
NSR_SRC = [
    "nsr-merchant-shipping-code",
    "portnews-2012-nsr-administration",
    "tass-2024-nsr-cargo",
    "li-2025-arctic-institute",
]
SEASON_SRC = ["washingtonpost-2018-nsr", "gcaptain-2024-early-ice"]
NSR_LEN = [
    {
        "value": 5600,
        "unit": "km",
        "basis": "stated_total",
        "sources": ["tass-2024-nsr-cargo", "valdai-nsr-infographic"],
        "note": "Length of the whole Northern Sea Route from the Kara Strait to Providence Bay, not of this segment.",
    },
]
OPENED_CLAIM = {
    "field": "opened",
    "value": "1932",
    "sources": ["arctic-russia-2022-sibiryakov"],
    "note": "The route as a national shipping line: first passage in one navigation season (Aleksandr Sibiryakov, 1932), which led to the creation of Glavsevmorput. The 'opened' value used here is the entry into force of the present legal regime of the NSR water area.",
}
NSR_OPENED_NOTE = (
    "'opened' is the entry into force (January 2013) of Federal Law 132-FZ of 28 July 2012, "
    "which defined the NSR water area in the Merchant Shipping Code."
)
NO_ICE_CLAIM = {
    "field": "open_months",
    "value": [7, 8, 9, 10],
    "sources": SEASON_SRC,
    "note": "Season for ships without ice class: transits are generally made July-October; in 2024 the NSR administration set exit deadlines of 15 October (no ice class), 20 October (light) and 31 October (medium ice class).",
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
        base["claims"] = [OPENED_CLAIM]
    return base


GEO_SR = "Geometry from the searoute package (MARNET network), joined to the nodes and kept off Natural Earth land with a raster water path where needed."
GEO_GRID = "Geometry: shortest water path on Natural Earth 10m land (raster router), not a charted fairway."

# ---------------------------------------------------------------- NSR west
add(
    "sea-north-cape-kara-gate",
    "north-cape",
    "kara-gate",
    "searoute",
    ["NO", "RU"],
    "Barents and Pechora Seas",
    arctic=True,
    sources=SR + SEASON_SRC,
    claims=[NO_ICE_CLAIM],
    notes="Through lane of the Northeast Passage across the Barents Sea from the North Cape to the Kara Gate, passing north of the Kola Peninsula without entering Kola Bay (Murmansk hangs off it by sea-kola-bay-approach-murmansk). Outside the NSR's legal water area, so undated. Listed without open_months: ice-class ships sail it year-round (the south-eastern Barents and Pechora Seas freeze in winter); the claim gives the season for ships without ice class. "
    + GEO_SR,
)
add(
    "sea-kola-bay-approach-kara-gate",
    "kola-bay-approach",
    "kara-gate",
    "searoute",
    ["RU"],
    "Barents and Pechora Seas",
    arctic=True,
    sources=SR + ["skai-2024-yamal-kildin"] + SEASON_SRC,
    claims=[NO_ICE_CLAIM],
    notes="From the Kola Bay approach (Murmansk) east through the Barents and Pechora Seas to the Kara Gate: the way Murmansk joins the Northern Sea Route. Outside the NSR's legal water area, so undated. Listed without open_months: ice-class ships (Arc7 LNG carriers shuttling Sabetta-Murmansk/Kildin, Norilsk Nickel's Dudinka line) sail it year-round with icebreaker support in winter; the claim gives the season for ships without ice class. "
    + GEO_SR,
)
add(
    "sea-kola-bay-approach-murmansk",
    "kola-bay-approach",
    "port-murmansk",
    "grid",
    ["RU"],
    "Kola Bay",
    res=0.004,
    pad=0.15,
    arctic=False,
    sources=NE + ["wiki-kola-bay"],
    notes="Port approach: from the Barents Sea off the mouth of Kola Bay up the fjord (about 57 km long) to Murmansk; ice-free all year. Undated. "
    + GEO_GRID,
)
add(
    "sea-arkhangelsk-kola-bay-approach",
    "port-arkhangelsk",
    "kola-bay-approach",
    "searoute",
    ["RU"],
    "White and Barents Seas",
    arctic=True,
    sources=SR + SEASON_SRC,
    claims=[NO_ICE_CLAIM],
    notes="Arkhangelsk out of the White Sea through its Gorlo (throat) and round the Kola Peninsula to the Kola Bay approach (for Murmansk, and west to the North Cape). The White Sea freezes in winter; Arkhangelsk is kept open with icebreakers, so the lane is listed year-round for ice-class ships, with the season for ships without ice class as a claim. Undated. "
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
    sources=SR + NSR_SRC + ["protothema-2017-cdm"] + SEASON_SRC,
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
    "sea-kara-gate-dikson-approach",
    "kara-gate",
    "dikson-approach",
    "grid",
    ["RU"],
    "Kara Sea",
    sources=NE + NSR_SRC,
    **nsr("west"),
    notes="Through lane of the Northern Sea Route across the Kara Sea from the Kara Gate to the open water north of Dikson Island, passing the Ob Bay approach (Bely Island) to the north-east. Western sector of the NSR (west of the Dikson meridian), year-round for ice-class ships. "
    + NSR_OPENED_NOTE,
)
add(
    "sea-bely-island-dikson-approach",
    "bely-island",
    "dikson-approach",
    "grid",
    ["RU"],
    "Kara Sea",
    res=0.03,
    pad=0.8,
    sources=NE + NSR_SRC,
    **nsr("west"),
    notes="Kara Sea leg of the through route from the Ob Bay approach to the open water north of Dikson Island; Dikson's meridian divides the NSR's western sector (year-round navigation for ice-class ships) from the eastern one. "
    + NSR_OPENED_NOTE
    + " "
    + GEO_GRID,
)
add(
    "sea-dikson-approach-dikson",
    "dikson-approach",
    "port-dikson",
    "grid",
    ["RU"],
    "Kara Sea",
    res=0.005,
    pad=0.2,
    sources=NE + NSR_SRC + ["tass-2019-dikson"],
    **nsr("west"),
    notes="Port approach from the through lane off Dikson Island to the port of Dikson at the mouth of the Yenisei Gulf. "
    + NSR_OPENED_NOTE
    + " "
    + GEO_GRID,
)
add(
    "sea-dikson-approach-dudinka",
    "dikson-approach",
    "port-dudinka",
    "yenisei",
    ["RU"],
    "Yenisei Gulf and Yenisei",
    sources=NE + NSR_SRC,
    **nsr("west"),
    notes="Branch from the through lane off Dikson, past Dikson (without calling), up the Yenisei Gulf and the Yenisei to Dudinka (Norilsk Nickel's port). The gulf part is a raster water path on Natural Earth land; the river part follows the Natural Earth 10m Yenisei centre line from Karaul up to Dudinka (Natural Earth land does not cut the river, so that part is not checked for land). "
    + NSR_OPENED_NOTE,
)
# ---------------------------------------------------------------- NSR east
EAST = dict(sources=SR + NSR_SRC + SEASON_SRC)
add(
    "sea-dikson-approach-vilkitsky-strait",
    "dikson-approach",
    "vilkitsky-strait",
    "searoute",
    ["RU"],
    "Kara Sea",
    **EAST,
    **nsr("east"),
    notes="Main NSR lane from the open water off Dikson along the Taymyr coast to the Vilkitsky Strait, eastern sector. open_months: transits generally July-October. "
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
    sources=NE + NSR_SRC + SEASON_SRC,
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
    "sea-laptev-strait-chaun-bay-approach",
    "laptev-strait",
    "chaun-bay-approach",
    "searoute",
    ["RU"],
    "East Siberian Sea",
    **EAST,
    **nsr("east"),
    notes="East Siberian Sea leg of the through route to the open water north of Ayon Island, off the mouth of Chaunskaya Bay. "
    + NSR_OPENED_NOTE
    + " "
    + GEO_SR,
)
add(
    "sea-chaun-bay-approach-pevek",
    "chaun-bay-approach",
    "port-pevek",
    "grid",
    ["RU"],
    "Chaunskaya Bay",
    res=0.01,
    pad=0.3,
    sources=NE + NSR_SRC + SEASON_SRC + ["wiki-chaunskaya-bay"],
    **nsr("east"),
    notes="Port approach from the through lane into Chaunskaya Bay to Pevek. "
    + NSR_OPENED_NOTE
    + " "
    + GEO_GRID,
)
add(
    "sea-chaun-bay-approach-long-strait",
    "chaun-bay-approach",
    "long-strait",
    "searoute",
    ["RU"],
    "East Siberian and Chukchi Seas",
    **EAST,
    **nsr("east"),
    notes="From off Chaunskaya Bay past Cape Shelagsky to the Long Strait between Wrangel Island and Chukotka. "
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
    sources=NE + NSR_SRC + SEASON_SRC,
    **nsr("east"),
    notes="From the Bering Strait south along the Chukotka coast to Provideniya, the end point that TASS uses for the NSR's 5,600 km (Providence Bay lies south of the legal NSR limit). Both ends are west of 180, so the line needs no antimeridian cut. "
    + NSR_OPENED_NOTE
    + " "
    + GEO_GRID,
)
# ---------------------------------------------------------------- Pacific
add(
    "sea-bering-strait-avacha-gulf",
    "bering-strait",
    "avacha-gulf",
    "grid",
    ["RU"],
    "Bering Sea",
    res=0.08,
    region=[157.5, 51.5, 193.0, 67.0],
    arctic=False,
    notes="Pacific continuation of the NSR: south through the Bering Strait and across the Bering Sea past Cape Navarin and the Kamchatka capes to the Avacha Gulf, without entering Avacha Bay (Petropavlovsk hangs off it by sea-avacha-gulf-petropavlovsk). The northern end freezes in winter; through traffic follows the NSR season. May clip the US exclusive economic zone west of the 1990 maritime boundary line; not checked. Cut at the 180th meridian. Undated (sea lane in continuous use). "
    + GEO_GRID,
)
add(
    "sea-avacha-gulf-petropavlovsk",
    "avacha-gulf",
    "port-petropavlovsk",
    "grid",
    ["RU"],
    "Avacha Bay",
    res=0.005,
    pad=0.2,
    sources=NE + ["wiki-avacha-bay"],
    notes="Port approach from the Avacha Gulf through the 3 km mouth of Avacha Bay to Petropavlovsk-Kamchatsky. Undated. "
    + GEO_GRID,
)
add(
    "sea-avacha-gulf-fourth-kuril-strait",
    "avacha-gulf",
    "fourth-kuril-strait",
    "grid",
    ["RU"],
    "Pacific",
    res=0.03,
    pad=0.8,
    notes="From the Avacha Gulf along south-east Kamchatka and Paramushir to the Fourth Kuril Strait. Undated (sea lane in continuous use). "
    + GEO_GRID,
)
add(
    "sea-avacha-gulf-tsugaru-strait",
    "avacha-gulf",
    "tsugaru-strait",
    "searoute",
    ["RU", "JP"],
    "Pacific",
    notes="Pacific lane from the Avacha Gulf south-west along the ocean side of the Kuril Islands and Hokkaido into the Tsugaru Strait: the way ships from the Sea of Japan and the Yellow and East China Seas reach the Bering Strait. Undated (sea lane in continuous use). "
    + GEO_SR,
)
add(
    "sea-avacha-gulf-yokohama",
    "avacha-gulf",
    "port-yokohama",
    "searoute",
    ["RU", "JP"],
    "Pacific",
    sources=SR + ["wiki-port-of-yokohama"],
    notes="Pacific lane from the Avacha Gulf along the Kuril Islands and the Pacific coast of Hokkaido and Honshu into Tokyo Bay to Yokohama. Undated (sea lane in continuous use). "
    + GEO_SR,
)
add(
    "sea-tsugaru-strait-korea-strait",
    "tsugaru-strait",
    "korea-strait",
    "searoute",
    ["JP", "KR"],
    "Sea of Japan",
    notes="Across the Sea of Japan from the Tsugaru Strait to the Korea Strait. Undated (sea lane in continuous use). "
    + GEO_SR,
)
add(
    "sea-tsugaru-strait-peter-the-great-gulf",
    "tsugaru-strait",
    "peter-the-great-gulf",
    "searoute",
    ["JP", "RU"],
    "Sea of Japan",
    notes="Across the northern Sea of Japan from the Tsugaru Strait to Peter the Great Gulf. Undated (sea lane in continuous use). "
    + GEO_SR,
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
    "sea-moneron-island-vanino-approach",
    "moneron-island",
    "vanino-approach",
    "searoute",
    ["RU"],
    "Tatar Strait",
    notes="North through the Tatar Strait to the open water off Vanino and Sovetskaya Gavan bays. Undated. "
    + GEO_SR,
)
add(
    "sea-vanino-approach-vanino",
    "vanino-approach",
    "port-vanino",
    "grid",
    ["RU"],
    "Vanino Bay",
    res=0.005,
    pad=0.15,
    notes="Port approach into Vanino Bay. Undated. " + GEO_GRID,
)
add(
    "sea-vanino-approach-sovetskaya-gavan",
    "vanino-approach",
    "port-sovetskaya-gavan",
    "grid",
    ["RU"],
    "Sovetskaya Gavan Bay",
    res=0.005,
    pad=0.15,
    notes="Port approach into Sovetskaya Gavan Bay. Undated. " + GEO_GRID,
)
add(
    "sea-vanino-approach-de-kastri",
    "vanino-approach",
    "port-de-kastri",
    "grid",
    ["RU"],
    "Tatar Strait",
    res=0.02,
    pad=0.5,
    notes="North from off Vanino along the mainland coast of the Tatar Strait to the De-Kastri oil terminal (Sakhalin-1 exports), passing Vanino without calling. Undated. "
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
    "sea-qingdao-korea-strait",
    "port-qingdao",
    "korea-strait",
    "searoute",
    ["CN", "KR"],
    "Yellow Sea",
    notes="From Qingdao east-south-east across the Yellow Sea, south of the Korean peninsula to the Korea Strait, without rounding Chengshan Cape. Undated. "
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
add(
    "sea-yokohama-singapore-strait",
    "port-yokohama",
    "singapore-strait",
    "searoute",
    ["JP", "TW", "PH", "VN", "MY", "SG"],
    "Philippine and South China Seas",
    sources=SR + ["wiki-port-of-yokohama"],
    notes="Southern route from Yokohama: along the Pacific coast of Japan, through the Luzon Strait and across the South China Sea to Singapore. Undated. "
    + GEO_SR
    + " South of 28 N the project's Natural Earth subset has no land, so the line was not checked against a coastline there.",
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
            "basis": "stated_total",
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
    "sea-dover-strait-maas-approach",
    "dover-strait",
    "maas-approach",
    "searoute",
    ["GB", "FR", "BE", "NL"],
    "North Sea",
    notes="From the Strait of Dover north-east to the open water off the Maas entrance (Rotterdam). Undated. "
    + GEO_SR,
)
add(
    "sea-maas-approach-rotterdam",
    "maas-approach",
    "port-rotterdam",
    "searoute",
    ["NL"],
    "North Sea",
    notes="Port approach from off the Maas entrance through the Maasmond to Rotterdam (Europoort). Undated. "
    + GEO_SR,
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
    "sea-kola-bay-approach-north-cape",
    "kola-bay-approach",
    "north-cape",
    "searoute",
    ["RU", "NO"],
    "Barents Sea",
    arctic=False,
    notes="From off the mouth of Kola Bay west along the Murman and Finnmark coasts to the North Cape; ice-free all year. Undated. "
    + GEO_SR,
)
add(
    "sea-north-cape-maas-approach",
    "north-cape",
    "maas-approach",
    "searoute",
    ["NO", "DK", "DE", "NL"],
    "Norwegian and North Seas",
    notes="Along the Norwegian coast and south across the North Sea to the open water off the Maas entrance (Rotterdam). Undated. "
    + GEO_SR,
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

# ---------------------------------------------------------------- passages
# The passage (strait, canal or named sea route) each lane is part of; lanes in none omit it.
# At a strait drawn as a waypoint between two lanes, the passage goes to the one lane that
# every route through the strait must take (see geodata/README.md, "Sea lanes: passage").
PASSAGES = {
    "northern_sea_route": [
        "sea-kara-gate-dikson-approach",
        "sea-kara-gate-bely-island",
        "sea-bely-island-sabetta",
        "sea-bely-island-dikson-approach",
        "sea-dikson-approach-dikson",
        "sea-dikson-approach-dudinka",
        "sea-dikson-approach-vilkitsky-strait",
        "sea-vilkitsky-strait-tiksi",
        "sea-tiksi-laptev-strait",
        "sea-vilkitsky-strait-laptev-strait",
        "sea-laptev-strait-chaun-bay-approach",
        "sea-chaun-bay-approach-pevek",
        "sea-chaun-bay-approach-long-strait",
        "sea-long-strait-bering-strait",
    ],
    "bering_strait": ["sea-bering-strait-avacha-gulf", "sea-bering-strait-provideniya"],
    "fourth_kuril_strait": ["sea-avacha-gulf-fourth-kuril-strait"],
    "la_perouse": ["sea-la-perouse-strait-moneron-island"],
    "tsugaru": ["sea-avacha-gulf-tsugaru-strait"],
    "korea_strait": [
        "sea-tsugaru-strait-korea-strait",
        "sea-moneron-island-korea-strait",
        "sea-peter-the-great-gulf-korea-strait",
    ],
    "bohai_strait": ["sea-chengshan-cape-bohai-strait"],
    "taiwan_strait": ["sea-taiwan-strait-singapore-strait"],
    "malacca": ["sea-singapore-strait-malacca-strait"],
    "bab_el_mandeb": ["sea-bab-el-mandeb-suez"],
    "suez": ["sea-suez-canal"],
    "gibraltar": ["sea-port-said-gibraltar-strait"],
    "english_channel": ["sea-gibraltar-strait-dover-strait"],
}
BY_ID = {d["id"]: d for d in L}

# ---------------------------------------------------------------- open-sea legs on the raster
# MARNET runs these legs along the coast (the Murman coast, the Taymyr and Laptev coasts, the
# inner Norwegian lead, the Kuril chain), making port-to-port distances 5-7 % longer than the
# published ones; a shortest water path on Natural Earth land follows the open sea instead.
GEO_OPEN = (
    "Geometry: shortest water path across the open sea on Natural Earth 10m land (raster router), "
    "used instead of the searoute/MARNET path, which follows the coast here; not a charted fairway."
)
OPEN_SEA = {
    "sea-north-cape-kara-gate": 0.05,
    "sea-kola-bay-approach-kara-gate": 0.04,
    "sea-kara-gate-dikson-approach": 0.04,
    "sea-dikson-approach-vilkitsky-strait": 0.04,
    "sea-vilkitsky-strait-laptev-strait": 0.05,
    "sea-avacha-gulf-tsugaru-strait": 0.05,
    "sea-avacha-gulf-yokohama": 0.05,
    "sea-north-cape-maas-approach": 0.05,
    "sea-qingdao-korea-strait": 0.03,
}
for lid, res in OPEN_SEA.items():
    d = BY_ID[lid]
    d["method"], d["res"], d["pad"] = "grid", res, 1.0
    d["geometry_quality"] = "approximate"
    d["sources"] = NE + [x for x in d["sources"] if x not in SR]
    d["notes"] = d["notes"].replace(GEO_SR, GEO_OPEN) if GEO_SR in d["notes"] else d["notes"] + " " + GEO_OPEN
for passage, ids in PASSAGES.items():
    for lid in ids:
        assert "passage" not in BY_ID[lid], lid
        BY_ID[lid]["passage"] = passage
for d in L:
    d.setdefault("arctic", False)
Path(__file__).with_name("links.json").write_text(
    json.dumps({"links": L}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
)
print(len(L), "links")

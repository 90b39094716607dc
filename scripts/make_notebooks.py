"""Write the notebooks in notebooks/ from the cells below, with no outputs.

    .venv/bin/python scripts/make_notebooks.py

The notebooks are committed without outputs; CI executes every one from a clean kernel (nbmake).
Edit the cells here, not the .ipynb files, so that the two never drift apart.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

OUT = Path(__file__).resolve().parents[1] / "notebooks"

SETUP = """import pandas as pd
import corridormap
from corridormap.flows import max_flow, scenario
pd.set_option("display.width", 140)
pd.set_option("display.max_colwidth", 60)"""

NOTEBOOKS: dict[str, list[tuple[str, str]]] = {
    "01_dataset.ipynb": [
        (
            "md",
            """# What is in the dataset

corridormap ships a curated GeoJSON dataset of the China–Russia Far East and Arctic network: ports,
border crossings, bridges, pipelines, railways, roads and sea lanes, each feature with names in
three languages, a status, dates, capacities with units and bases, and sources. This notebook
counts what is there, shows the trade table of the article the project grew from (Li Xiaoning,
The Arctic Institute, 2025) beside China's customs figures, and where the figures come from.""",
        ),
        (
            "code",
            SETUP
            + """
ds = corridormap.load()
by_status = pd.DataFrame({name: gdf["status"].fillna("undated (city, strait)").value_counts() for name, gdf in ds.layers.items()})
by_status.fillna(0).astype(int).T""",
        ),
        ("md", "## By country\n\nA feature that crosses the border counts for both countries."),
        (
            "code",
            """rows = []
for name, gdf in ds.layers.items():
    for countries in gdf["countries"]:
        rows += [{"layer": name, "country": c} for c in countries]
pd.crosstab(pd.DataFrame(rows)["layer"], pd.DataFrame(rows)["country"])""",
        ),
        (
            "md",
            "## Links by decade of opening\n\nWhat opened when: the Soviet-era main lines, the 2009–2018 programme (ESPO), the 2018–2024 plan (Power of Siberia, the Amur bridges).",
        ),
        (
            "code",
            """links = ds.links.copy()
links["year"] = pd.to_numeric(links["opened"].str[:4], errors="coerce")
links["decade"] = (links["year"] // 10 * 10).astype("Int64").astype(str).str.replace("<NA>", "undated") + "s"
pd.crosstab(links["layer"], links["decade"])""",
        ),
        (
            "code",
            """opened_2019_2024 = links[(links["year"] >= 2019) & (links["year"] <= 2024)][["name", "layer", "opened"]].sort_values("opened")
opened_2019_2024""",
        ),
        (
            "md",
            """## The trade table: the article's figures and China's customs figures

The article gives China–Russia trade for 2021–2024 (MOFCOM, in hundreds of millions of US dollars)
with growth rates: **the article's figures, as stated**. The dataset keeps the rates as stated and
computes them from the volumes; the validator warns where the two disagree rather than "fixing"
either.

China's customs (the General Administration of Customs, GACC) publish their own annual figure:
**the customs figures, official**, kept in `trade.csv` beside the article's with their own
sources (TASS and Sputnik reporting GACC; for 2023 also MOFCOM's press conference of May 2024).
They differ most for 2023: 2,320 in the article (+4.9% as stated), 2,401.1 by the customs
(US$240.1 bn, +26.3%). Neither replaces the other; both are shown, labelled.""",
        ),
        (
            "code",
            """trade = ds.trade.set_index("year")
table = pd.DataFrame({
    "article, as stated (bn US$)": (trade["trade_100m_usd"] / 10).round(2),
    "customs, official (bn US$)": (trade["official_trade_100m_usd"] / 10).round(2),
    "article growth as stated (%)": trade["growth_stated_pct"],
    "article growth computed (%)": trade["growth_computed_pct"],
    "customs growth, official (%)": trade["official_growth_pct"],
    "customs source": trade["official_source"].str.replace(";", ", "),
})
table["article - customs (bn US$)"] = (table["article, as stated (bn US$)"] - table["customs, official (bn US$)"]).round(2)
table""",
        ),
        (
            "code",
            """import matplotlib.pyplot as plt

fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.2))
table[["article, as stated (bn US$)", "customs, official (bn US$)"]].plot.bar(ax=left, color=["#2c7fb8", "#31a354"], rot=0)
for bars in left.containers:
    left.bar_label(bars, fmt="%.1f", fontsize=7)
left.set_ylabel("billion US$")
left.set_title("China–Russia trade")
left.legend(["the article (MOFCOM), as stated", "China's customs (GACC), official"], loc="upper left", fontsize=8)
trade[["growth_stated_pct", "growth_computed_pct", "official_growth_pct"]].plot.bar(ax=right, color=["#bdbdbd", "#e6550d", "#31a354"], rot=0)
right.set_ylabel("% on the year before")
right.set_title("Growth")
right.legend(["the article, as stated", "the article, computed from its volumes", "China's customs, official"], loc="upper right", fontsize=8)
fig.tight_layout()""",
        ),
        (
            "md",
            """The article's 2024 growth of 1.9% is the customs' rate: from the customs figure for 2023 the
article's 2024 volume is 2.0% up, from the article's own 2,320 it would be 5.5% up.""",
        ),
        (
            "code",
            """{
    "from the customs figure for 2023": round(float(trade.loc[2024, "trade_100m_usd"] / trade.loc[2023, "official_trade_100m_usd"]) * 100 - 100, 1),
    "from the article's figure for 2023": round(float(trade.loc[2024, "trade_100m_usd"] / trade.loc[2023, "trade_100m_usd"]) * 100 - 100, 1),
}""",
        ),
        ("code", """[str(w) for w in ds.warnings if w.file == "trade.csv"]"""),
        (
            "md",
            "## Where the figures come from\n\nEvery feature cites sources from one registry; every capacity and figure record cites its own.",
        ),
        (
            "code",
            """sources = pd.DataFrame(ds.sources.values())
sources["kind"].value_counts()""",
        ),
        (
            "code",
            """records = []
for name, gdf in ds.layers.items():
    for caps in gdf.get("capacities", pd.Series(dtype=object)).dropna():
        records += [{"layer": name, "basis": c["basis"], "commodity": c["commodity"]} for c in caps]
pd.crosstab(pd.DataFrame(records)["commodity"], pd.DataFrame(records)["basis"])""",
        ),
    ],
    "02_routes_through_time.ipynb": [
        (
            "md",
            """# Routes through time

The 2018–2024 development plan promised the Primorye corridors and a series of Amur bridges. What
did the routes between the corridors' ends look like in 2018, and what changed by 2024? Every
route below comes from the project's graph, with the network as it was at the date.""",
        ),
        (
            "code",
            SETUP
            + """
G = corridormap.network()

def table(routes):
    return pd.DataFrame([{
        "route": label, "as of": r.restrictions.as_of, "km": round(r.length_km), "hours": round(r.time_h, 1),
        "crossings": ", ".join(r.to_dict()["crossings"]), "bridges": ", ".join(r.to_dict()["bridges"]),
        "transfers": ", ".join(l.transfer for l in r.legs if l.transfer),
    } for label, r in routes])""",
        ),
        (
            "md",
            "## The corridors' ends by rail, 2018 and 2024\n\nPrimorye-1 (Harbin – Suifenhe – Grodekovo – Vladivostok) and Primorye-2 (Changchun – Hunchun – Makhalino – Zarubino).",
        ),
        (
            "code",
            """pairs = [("Primorye-1: Harbin - Vladivostok", "Harbin", "Vladivostok"),
         ("Primorye-1: Harbin - Port Vostochny", "Harbin", "port-vostochny"),
         ("Primorye-2: Changchun - Port of Zarubino", "Changchun", "port-zarubino")]
table([(label, corridormap.route(G, a, b, modes=["rail"], weight="time", as_of=day)) for label, a, b in pairs for day in ("2018-06-01", "2024-06-01")])""",
        ),
        (
            "md",
            "## What the 2022 bridges changed\n\nThe Nizhneleninskoye–Tongjiang rail bridge (traffic from 16 November 2022) and the Blagoveshchensk–Heihe road bridge (10 June 2022).",
        ),
        (
            "code",
            """table([(f"Birobidzhan - Jiamusi by rail", corridormap.route(G, "Birobidzhan", "Jiamusi", modes=["rail"], as_of=day)) for day in ("2022-01-01", "2023-01-01")])""",
        ),
        (
            "code",
            """road = ["road", "ferry", "pontoon"]
for day, month in [("2019-07-15", 7), ("2019-11-15", 11), ("2023-11-15", 11)]:
    try:
        r = corridormap.route(G, "Blagoveshchensk", "Heihe", modes=road, as_of=day, month=month)
        print(day, "->", ", ".join(r.features), f"({r.length_km:.1f} km)")
    except corridormap.NoRouteError as e:
        print(day, "-> no road route:", e)""",
        ),
        (
            "md",
            "## If the Grodekovo–Suifenhe crossing closes\n\nAlternatives from Harbin to Vladivostok by rail, and the same with the crossing avoided.",
        ),
        (
            "code",
            """from corridormap.routing import route_alternatives
table([(f"alternative {i}", r) for i, r in enumerate(route_alternatives(G, "Harbin", "Vladivostok", 3, modes=["rail"]), 1)]
      + [("avoiding bc-grodekovo-suifenhe", corridormap.route(G, "Harbin", "Vladivostok", modes=["rail"], avoid=["bc-grodekovo-suifenhe"]))])""",
        ),
        ("md", "## The route on a map"),
        (
            "code",
            """r = corridormap.route(G, "Harbin", "Vladivostok", modes=["rail"])
r.map()""",
        ),
    ],
    "03_capacity_and_resilience.ipynb": [
        (
            "md",
            """# Capacity and resilience

The article calls the sub-regional network a "strategic stabilizer". How much oil and gas can it
move to China, where does it bind, what does one closure cost, and what would the planned
projects add? Capacities are the records in force at each date (design, estimate or actual, with
their sources).""",
        ),
        (
            "code",
            SETUP
            + """
from corridormap.resilience import flow_criticality
G = corridormap.network()""",
        ),
        (
            "md",
            "## Oil from Taishet, year by year\n\nTo China (Daqing, by the Skovorodino–Mohe spur) and to the Pacific (Kozmino).",
        ),
        (
            "code",
            """rows = []
for year in range(2010, 2026):
    s = scenario(as_of=f"{year}-07-01")
    china = max_flow(G, "oil", ["Taishet"], ["Daqing"], s)
    both = max_flow(G, "oil", ["Taishet"], ["Daqing", "port-kozmino"], s)
    rows.append({"year": year, "to China (Mt/yr)": china.value, "to China and Kozmino (Mt/yr)": both.value,
                 "binds at": ", ".join(b["id"] for b in both.binding)})
pd.DataFrame(rows).set_index("year")""",
        ),
        (
            "md",
            "## Gas to China: Power of Siberia's capacity and its deliveries\n\nCapacity and throughput are different things. The line's design capacity, 38 bcm/yr, is in force from its opening in December 2019 (no intermediate stage is published, so none is invented); what it delivered rose from 4.1 bcm in 2020 to 31.1 bcm in 2024, reaching the design rate in December 2024. The flow uses the capacity; the deliveries are figures beside it.",
        ),
        (
            "code",
            """rows = []
for day in ["2019-06-01", "2020-07-01", "2021-07-01", "2022-07-01", "2023-07-01", "2024-07-01", "2025-01-01"]:
    r = max_flow(G, "gas", ["chayanda", "kovykta"], ["changling"], scenario(as_of=day))
    rows.append({"as of": day, "capacity (bcm/yr)": r.value, "binds at": ", ".join(f"{b['id']} ({b['basis']} {b['year']})" for b in r.binding)})
capacity = pd.DataFrame(rows)
pos = corridormap.load()["pipelines"].loc["pl-power-of-siberia-chayanda-heihe"]
deliveries = pd.DataFrame([f for f in pos["figures"] if f["metric"] == "throughput" and f["unit"] == "bcm"])
display(capacity)
deliveries[["year", "value", "unit", "basis", "sources"]]""",
        ),
        (
            "md",
            "## N-1: what one closure costs oil exports\n\nEvery link and node closed in turn; the loss of maximum flow from Taishet to Daqing and Kozmino.",
        ),
        (
            "code",
            """base, ranking = flow_criticality(G, "oil", ["Taishet"], ["Daqing", "port-kozmino"], scenario(as_of="2025-01-01"), top=10)
print(f"maximum with everything open: {base:g} Mt/yr")
pd.DataFrame([c.to_dict() for c in ranking])""",
        ),
        (
            "md",
            "## 2030 with the planned projects\n\nThe Far Eastern route (from the Sakhalin–Khabarovsk–Vladivostok system into Heilongjiang, expected January 2027) adds a second gas entry into China.",
        ),
        (
            "code",
            """sources, sinks = ["chayanda", "kovykta", "gks-sakhalin"], ["changling", "hulin-first-station"]
today = max_flow(G, "gas", sources, sinks, scenario(as_of="2026-06-01"))
planned = max_flow(G, "gas", sources, sinks, scenario(as_of="2030-01-01", include_planned=True))
pd.DataFrame([{"scenario": "2026, operating", "bcm/yr": today.value, "minimum cut": today.min_cut["features"]},
              {"scenario": "2030, with planned projects", "bcm/yr": planned.value, "minimum cut": planned.min_cut["features"]}])""",
        ),
        (
            "code",
            """from corridormap.comparisons import compare
ds = corridormap.load()
changes = compare(G, scenario(as_of="2018-01-01"), scenario(as_of="2024-12-31"), ["oil", "gas"], ds.corridors)
pd.DataFrame(changes.corridors)""",
        ),
        (
            "md",
            "## The oil flow on a map\n\nLine width is volume; the binding section (the minimum cut) is red.",
        ),
        (
            "code",
            """result = max_flow(G, "oil", ["Taishet"], ["Daqing", "port-kozmino"], scenario(as_of="2016-01-01"))
result.map(G)""",
        ),
    ],
    "04_arctic.ipynb": [
        (
            "md",
            """# The Northern Sea Route against Suez

How much shorter is the Arctic route from Dalian, Qingdao and Shanghai to Rotterdam and Hamburg,
and in which months can it be used? Routes are shortest sea routes on the project's sea lanes;
the Arctic lanes east of Dikson are open July–October for ships without high ice class.""",
        ),
        (
            "code",
            SETUP
            + """
G = corridormap.network()
NSR = "sea-dikson-approach-vilkitsky-strait"  # the through lane east of Dikson
rows = []
for orig in ["port-dalian", "port-qingdao", "port-shanghai"]:
    for dest in ["port-rotterdam", "port-hamburg"]:
        for month in range(1, 13):
            r = corridormap.route(G, orig, dest, modes=["sea"], weight="time", month=month)
            rows.append({"from": orig[5:], "to": dest[5:], "month": month, "nmi": round(r.length_km / 1.852),
                         "days": round(r.time_h / 24, 1), "via": "NSR" if NSR in r.features else "Suez"})
months = pd.DataFrame(rows)
months.pivot_table(index=["from", "to"], columns="month", values="nmi")""",
        ),
        (
            "code",
            """months.pivot_table(index=["from", "to"], columns="via", values="nmi", aggfunc="min").assign(
    saving_pct=lambda t: (100 * (1 - t["NSR"] / t["Suez"])).round(1))""",
        ),
        (
            "md",
            """## Against published distances

Shanghai–Rotterdam is published as 10,557 nmi via Suez and 8,046 nmi by the Northern Sea Route
(crewing.odessa.ua, 2019). The project's lanes give:""",
        ),
        (
            "code",
            """published = pd.DataFrame([f for f in corridormap.load().corridors["northern-sea-route"]["figures"] if f["unit"] == "nmi"])
published[["metric", "value", "note", "sources"]]""",
        ),
        (
            "code",
            """sh = months[(months["from"] == "shanghai") & (months["to"] == "rotterdam")]
pd.DataFrame({"published (nmi)": [10557, 8046], "this network (nmi)": [sh[sh.via == "Suez"].nmi.min(), sh[sh.via == "NSR"].nmi.min()]},
             index=["via Suez", "via NSR"])""",
        ),
        (
            "md",
            "## A polar view\n\nWeb Mercator cannot show the route across the top of Russia; a north polar stereographic projection can.",
        ),
        (
            "code",
            """from corridormap.figures import network_figure
r = corridormap.route(G, "port-shanghai", "port-rotterdam", modes=["sea"], month=8)
network_figure(region="arctic", route=r);""",
        ),
        (
            "md",
            """## Land bridge, Suez or the Northern Sea Route

From Shanghai, Dalian and Harbin to Rotterdam and Hamburg, month by month: by rail the whole way
(the land bridge through Russia or Kazakhstan), or by rail to the Chinese port (Shanghai, Dalian;
Harbin's is Dalian) and then by sea, where the month decides between Suez and the Northern Sea
Route. Each is the fastest route on the network (`weight="time"`), with its length and time; the
rail route is the same in every month. The land bridge runs on the Eurasian railway backbone
(OpenStreetMap-derived) beyond the curated corridors; a pair the network does not connect says
so in the table instead of a time.""",
        ),
        (
            "code",
            """PORT = {"Shanghai": "port-shanghai", "Dalian": "port-dalian", "Harbin": "port-dalian"}
DEST = {"Rotterdam": "port-rotterdam", "Hamburg": "port-hamburg"}


def attempt(orig, dest, **kw):
    try:
        return corridormap.route(G, orig, dest, weight="time", **kw), ""
    except corridormap.CorridorMapError as err:  # no route on this network: say so in the table
        return None, str(err).split(":")[0]


options = []
for orig, port in PORT.items():
    for dest, dest_port in DEST.items():
        rail, why = attempt(orig, dest, modes=["rail"], all_year=True)
        for month in range(1, 13):
            sea, why_sea = attempt(orig, dest_port, modes=["rail", "sea"], via=[port], month=month)
            for option, r, note in [("land bridge", rail, why), ("by sea", sea, why_sea)]:
                passage = "" if r is None else ("NSR" if "northern_sea_route" in r.passages
                                                else "Suez" if "suez" in r.passages else "")
                options.append({"from": orig, "to": dest, "month": month, "option": option,
                                "km": None if r is None else round(r.length_km),
                                "days": None if r is None else round(r.time_h / 24, 1),
                                "passage": passage, "note": note})
compare = pd.DataFrame(options)
compare.pivot_table(index=["from", "to", "option"], columns="month", values="days", dropna=False)""",
        ),
        (
            "code",
            """# the same routes by distance, with the passage each sea route takes in each month
compare.assign(km_and_passage=lambda t: t["km"].map(lambda v: "no route" if pd.isna(v) else f"{v:,.0f}")
               + t["passage"].map(lambda s: f" ({s})" if s else "")).pivot(
    index=["from", "to", "option"], columns="month", values="km_and_passage")""",
        ),
    ],
    "05_development_plan.ipynb": [
        (
            "md",
            """# The 2018–2024 Development Plan: what was promised, what was built, what flows

The Plan for China–Russia Cooperation and Development in the Russian Far East (2018–2024) expired
at the end of 2024. The article this project grew from (Li Xiaoning, The Arctic Institute, 2025)
names its targets: ESPO to 80 and 50 Mt/yr, Power of Siberia at 38 bcm/yr, Sakhalin–Khabarovsk–
Vladivostok at a design 28.04 bcm/yr, the Primorye corridors at 45 Mt a year by 2030, and the
three cross-border crossings at Blagoveshchensk–Heihe and Nizhneleninskoye–Tongjiang. The
scorecard checks each against the dataset's own records: the capacity in force at the date (what
a line *can* carry), the latest actual figure (what it *did* carry), and the opening date. A
capacity within 2% of the target counts as met (`corridormap.plan` gives the rules).""",
        ),
        (
            "code",
            SETUP
            + """
from corridormap.plan import plan_scorecard, scorecard_to_text
ds = corridormap.load()
card = plan_scorecard(ds, as_of="2024-12-31")
card[["target_value", "target_unit", "target_date", "in_force_value", "in_force_unit", "actual_value",
      "actual_unit", "actual_year", "opened", "status", "gap", "gap_unit"]]""",
        ),
        (
            "md",
            "The same as a table to paste, with the sources of every target, capacity and actual figure (`corridormap plan --as-of 2024-12-31` prints it):",
        ),
        ("code", "print(scorecard_to_text(card))"),
        (
            "md",
            """## The scorecard year by year

A target is *not yet due* until the end of its year; the statuses at the end of each year show
when each was reached.""",
        ),
        (
            "code",
            """years = {year: plan_scorecard(ds, as_of=f"{year}-12-31")["status"] for year in range(2018, 2026)}
pd.DataFrame(years)""",
        ),
        (
            "md",
            """## The timeline

Agreements, plan approvals and expiries, the Arctic Shipping Lanes Cooperation Sub-committee
(founded May 2024, first meeting 25 November 2024), joint statements, openings and milestones:
every dated event the article names, each with its sources (`geodata/events.json`).""",
        ),
        (
            "code",
            """events = pd.DataFrame(ds.events)
events["sources"] = events["sources"].map(", ".join)
events[["date", "kind", "title", "title_ru", "title_zh", "sources"]]""",
        ),
        (
            "md",
            """## What flows: oil and gas to China, 2018 against 2024

Maximum flows on the transport graph at each date, with the capacities in force then: crude
from Taishet to Daqing (by the Skovorodino–Mohe spur) and to the Pacific at Kozmino, and gas
from the Chayanda and Kovykta fields to the Chinese line at Changling. Capacities, not
deliveries: in 2024 Power of Siberia delivered 31.12 bcm while able to carry 38 bcm/yr from
December.""",
        ),
        (
            "code",
            """G = corridormap.network(dataset=ds)
queries = {"oil to China (Daqing)": ("oil", ["Taishet"], ["Daqing"]),
           "oil to China and Kozmino": ("oil", ["Taishet"], ["Daqing", "port-kozmino"]),
           "gas to China (Changling)": ("gas", ["chayanda", "kovykta"], ["changling"])}
rows = []
for label, (commodity, sources, sinks) in queries.items():
    for day in ["2018-12-31", "2024-12-31"]:
        r = max_flow(G, commodity, sources, sinks, scenario(as_of=day))
        rows.append({"flow": label, "as of": day, "value": round(r.value, 2), "unit": r.unit,
                     "binds at": ", ".join(f"{b['id']} ({b['basis']} {b['year']})" for b in r.binding)})
pd.DataFrame(rows).pivot_table(index="flow", columns="as of", values="value", aggfunc="first")""",
        ),
        ("code", "pd.DataFrame(rows)"),
        (
            "md",
            """## Where the sources disagree

The scorecard says "met" for Sakhalin–Khabarovsk–Vladivostok only because the article's own
28.04 bcm/yr is a design record in the dataset: the Russian government and MOFCOM gave 6 bcm/yr
for the first start-up complex of 2011 and 30 bcm/yr as the aim, Upstream 5.5 bcm/yr, and the
English Wikipedia 36.5 bcm/yr. Power of Siberia is 38 bcm/yr in the operator's and the news
agencies' reports, 61 bcm/yr in an encyclopaedia's, and 44 bcm/yr as a target for 2025. Every
figure, with its basis and source:""",
        ),
        (
            "code",
            """def side_by_side(fid):
    props = ds.feature(fid)
    rows = [{"feature": fid, "what": f"capacity ({c['basis']})", "value": c["value"], "unit": c["unit"],
             "year": c.get("date") or c.get("year"), "sources": c["sources"]} for c in props.get("capacities", [])]
    rows += [{"feature": fid, "what": f"claim: {c['field']}", "value": c["value"], "unit": "",
              "year": "", "sources": c["sources"]} for c in props.get("claims", []) if "capacity" in c["field"]]
    return rows

rows = side_by_side("pl-skv-khabarovsk-vladivostok") + side_by_side("pl-power-of-siberia-chayanda-heihe")
table = pd.DataFrame(rows)
table["publishers"] = table["sources"].map(lambda ids: "; ".join(ds.sources[i]["publisher"] for i in ids))
table["sources"] = table["sources"].map(", ".join)
table""",
        ),
    ],
    "06_sweeps.ipynb": [
        (
            "md",
            """# Monte Carlo N-2: oil and gas supply to China in 2018, 2024 and 2030

How robust is Russian oil and gas supply to China to the loss of any two links at once? The grid
in `sweeps/n2_oil_gas.yml` asks it in three states of the network: mid-2018, mid-2024, and mid-2030
with the planned projects (the Far Eastern gas route, Power of Siberia 2). In each of 150 draws
per state, two of the pipelines and pipeline border crossings open then fail together, and the
maximum flow from the Russian sources to the Chinese sinks is solved with them closed.

The same command runs from a shell, on a LocalCluster (one worker per core) by default, or on a
cluster with `--scheduler tcp://HOST:PORT`:

    corridormap sweep notebooks/sweeps/n2_oil_gas.yml --out output/n2_oil_gas.parquet

Here it runs on a LocalCluster of two workers (the client's summary shows the Dask dashboard's
link) and writes the Parquet table that the rest of the notebook reads. Oil and gas run on
pipelines, so the sweep sends the workers the curated network without the railway backbone
(`backbone=False`, a tenth of the graph); `corridormap sweep ... --no-backbone` does the same.""",
        ),
        (
            "code",
            SETUP
            + """
from pathlib import Path
from corridormap.grid import load_grid
from corridormap.sweeps import SweepResult
grid = load_grid("sweeps/n2_oil_gas.yml")
run = corridormap.sweep(grid, workers=2, backbone=False)
path = run.to_parquet(Path("..") / "output" / "n2_oil_gas.parquet")
run.run""",
        ),
        (
            "md",
            "## The table\n\nOne row per scenario and query: the state, the two elements that failed, the maximum flow, the flow with nothing failed (`base`) and the minimum cut (`binding`).",
        ),
        (
            "code",
            """result = SweepResult.read_parquet(path)
result.table[["scenario", "state", "failed", "query", "value", "unit", "base", "binding"]].head(6)""",
        ),
        (
            "md",
            "## Per state: the flow with nothing failed, and what two failures leave\n\n`loss_share` is the share of draws that lose some of the flow.",
        ),
        (
            "code",
            """result.summary()[["query", "state", "unit", "scenarios", "base", "mean", "min", "loss_share"]]""",
        ),
        (
            "md",
            "## What binds\n\nThe share of draws in which each pipeline or station is in the minimum cut: the section that limits the flow.",
        ),
        (
            "code",
            """binds = result.binding()
binds.pivot_table(index=["query", "id"], columns="state", values="share").fillna(0).round(2)""",
        ),
        (
            "md",
            "## Expected loss per element\n\nThe loss of a draw counts for both elements that failed in it; `expected_loss` is that loss averaged over every draw of the state, `loss_when_failed` over the draws in which the element failed.",
        ),
        (
            "code",
            """loss = result.losses()
loss[loss["expected_loss"] > 0].pivot_table(index=["query", "id"], columns="state", values="expected_loss").fillna(0).round(2)""",
        ),
        (
            "md",
            "## The criticality map\n\nGas to China in 2030 with the planned projects: each pipeline coloured by its expected loss; hover for how often it binds.",
        ),
        ("code", """result.map("gas to China", "2030 planned")"""),
    ],
}


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for name, cells in NOTEBOOKS.items():
        nb = new_notebook()
        nb.cells = [new_markdown_cell(text) if kind == "md" else new_code_cell(text) for kind, text in cells]
        for i, cell in enumerate(nb.cells):
            cell.id = f"cell-{i}"  # stable ids: rerunning the script rewrites the same bytes
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nb.metadata["language_info"] = {"name": "python"}
        nbformat.write(nb, OUT / name)
        print("wrote", OUT / name)


if __name__ == "__main__":
    main()

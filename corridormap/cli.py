"""The ``corridormap`` command line: a thin layer over the Python API.

Only this module prints and sets exit codes. Every error corridormap raises on purpose becomes
one line on stderr and exit status 1; usage errors exit with 2.
"""

from __future__ import annotations

import atexit
import gc
import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from ._errors import CorridorMapError, DataValidationError
from ._results import strict

F = TypeVar("F", bound=Callable[..., Any])

_data_option = click.option(
    "--data",
    "data",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Dataset folder laid out like geodata/ (default: the shipped dataset).",
)

_no_backbone_option = click.option(
    "--no-backbone",
    is_flag=True,
    help="Use the curated links only, without the dataset's OpenStreetMap railway backbone.",
)

_json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")


@dataclass(frozen=True)
class _Lines:
    """A network of lines asked for with ``--lines`` (instead of a dataset)."""

    path: Path
    tolerance_m: float
    mode: str


def _lines_options(func: F) -> F:
    """Add ``--lines``, ``--tolerance-m`` and ``--lines-mode``, handed on as one ``lines`` argument."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        path, tolerance, mode = (kwargs.pop(k) for k in ("lines_file", "tolerance_m", "lines_mode"))
        return func(*args, lines=None if path is None else _Lines(path, tolerance, mode), **kwargs)

    command: Any = wrapper
    for option in (
        click.option(
            "--lines-mode",
            type=click.Choice(["rail", "road", "sea"]),
            default="rail",
            show_default=True,
            help="The mode of the --lines network (its speed gives the times).",
        ),
        click.option(
            "--tolerance-m",
            type=click.FloatRange(min=0, min_open=True),
            default=50.0,
            show_default=True,
            help="With --lines: ends this close (metres) join; a line passing a node this close is split.",
        ),
        click.option(
            "--lines",
            "lines_file",
            type=click.Path(path_type=Path),
            default=None,
            metavar="FILE",
            help="Route on your own network of lines (GeoPackage, GeoParquet, GeoJSON) instead of "
            "the dataset; places as LAT,LON. Built once, then read from the cache.",
        ),
    ):
        command = option(command)
    return command  # type: ignore[no-any-return]


_cdn_option = click.option(
    "--cdn",
    is_flag=True,
    help="Load Leaflet from the jsDelivr CDN: a smaller HTML file that needs the network "
    "(by default everything is inlined and the map works offline).",
)


def _as_of_option(help: str) -> Callable[[F], F]:
    """Make the ``--as-of`` option, with its help."""
    return click.option("--as-of", "as_of", metavar="YYYY-MM-DD", help=help)


def _month_option(help: str) -> Callable[[F], F]:
    """Make the ``--month`` option, with its help."""
    return click.option("--month", metavar="1-12", help=help)


def _planned_option(help: str) -> Callable[[F], F]:
    """Make the ``--planned`` flag, with its help."""
    return click.option("--planned", "include_planned", is_flag=True, help=help)


def _out_option(default: str, help: str) -> Callable[[F], F]:
    """Make an output file option (``--map`` when the default is empty, else ``--out``)."""
    name = "--map" if default == "" else "--out"

    def to_path(ctx: click.Context, param: click.Parameter, value: str | None) -> Path | None:
        if value is None:
            return None
        if not value.strip():
            raise click.BadParameter("no output file given: name a file to write", ctx, param)
        return Path(value)

    return click.option(
        name,
        "map_file" if default == "" else "out",
        type=click.Path(dir_okay=False),
        default=None if default == "" else default,
        show_default=default != "",
        callback=to_path,
        help=help,
    )


def _clean_errors(func: F) -> F:
    """Turn corridormap's own errors into one line on stderr and exit status 1."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except DataValidationError as exc:
            errors = [p for p in exc.problems if p.severity == "error"]
            _say(
                f"corridormap: error: the dataset has {len(errors)} error(s), the first: {errors[0]}; "
                "run 'corridormap validate --data DIR' to list them all",
                err=True,
            )
            sys.exit(1)
        except CorridorMapError as exc:
            _say(f"corridormap: error: {exc}", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _say(text: str, err: bool = False) -> None:
    """Print text with control characters and bidi overrides shown as code points (ESC as u001b).

    Text from a dataset cannot then drive the terminal.
    """
    click.echo(_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text), err=err)


def _print_json(payload: Any) -> None:
    """Print strict JSON (no NaN or Infinity: a missing value is null)."""
    _say(json.dumps(strict(payload), ensure_ascii=False, indent=2, default=str, allow_nan=False))


def _emit(result: Any, as_json: bool) -> None:
    """Print a result: its ``to_dict()`` as JSON, or its text."""
    if as_json:
        _print_json(result.to_dict())
    else:
        _say(str(result))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="corridormap")
def main() -> None:
    """Corridors, crossings, bridges, pipelines, ports and Arctic sea lanes of the China–Russia Far East."""
    # When the process ends, the interpreter's last collections walk every object the imports
    # (numpy, scipy, networkx) and a command made: about 0.2 s of a cold route, to free memory
    # the operating system takes back anyway. Freezing them at exit skips that walk; it changes
    # nothing while the process runs, and files are closed by their own ``with`` blocks.
    atexit.unregister(gc.freeze)  # once, however often main() runs in one process
    atexit.register(gc.freeze)


@main.command()
@_data_option
@_json_option
@click.option("--no-geography", is_flag=True, help="Skip the checks against Natural Earth (border, coast).")
@click.option("--quiet", "-q", is_flag=True, help="Print only problems, no summary.")
@_clean_errors
def validate(data: Path | None, as_json: bool, no_geography: bool, quiet: bool) -> None:
    """Check a dataset and list every problem, one per line. Changes no file.

    Exits 1 if there is any error; warnings (such as sources that disagree) do not fail.
    """
    from .dataset import from_raw
    from .io import read_raw, read_reference
    from .validation import check_raw

    raw = read_raw(data)
    problems = check_raw(raw, None if no_geography else read_reference())
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    summary = None if errors else from_raw(raw, problems).summary()
    if as_json:
        _print_json(
            {
                "valid": not errors,
                "errors": len(errors),
                "warnings": len(warnings),
                "problems": [p.__dict__ for p in problems],
                "summary": summary,
            }
        )
    else:
        for problem in problems:
            _say(str(problem))
        if summary and not quiet:
            _echo_summary(summary)
        _say(f"{len(errors)} error(s), {len(warnings)} warning(s)")
    if errors:
        sys.exit(1)


def _echo_summary(summary: dict[str, Any]) -> None:
    _say(f"{'layer':<18}{'features':>9}  by status")
    for name, info in summary["layers"].items():
        statuses = ", ".join(f"{k} {v}" for k, v in info["status"].items())
        _say(f"{name:<18}{info['features']:>9}  {statuses}")
    _say(
        f"{summary['sources']} sources, {summary['corridors']} corridors, {summary['parameters']} parameters"
    )


@main.command()
@_data_option
@_json_option
@_clean_errors
def summary(data: Path | None, as_json: bool) -> None:
    """Count the dataset's features by layer and status."""
    from .dataset import load

    result = load(data).summary()
    if as_json:
        _print_json(result)
    else:
        _echo_summary(result)


@main.command()
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    help="Only nodes of this kind (city, junction, seaport ...); repeatable.",
)
@click.option(
    "--layer",
    "layers",
    multiple=True,
    type=click.Choice(["places", "ports", "border_crossings"]),
    help="Only nodes of this layer; repeatable.",
)
@_data_option
@_json_option
@_clean_errors
def places(kinds: tuple[str, ...], layers: tuple[str, ...], data: Path | None, as_json: bool) -> None:
    """List the network's nodes: places, ports and border crossings."""
    from .dataset import load

    nodes = load(data).nodes
    if kinds:
        unknown = sorted(set(kinds) - set(nodes["kind"]))
        if unknown:
            raise click.BadParameter(
                f"no node has kind {', '.join(unknown)}; kinds are {', '.join(sorted(set(nodes['kind'])))}",
                param_hint="--kind",
            )
        nodes = nodes[nodes["kind"].isin(kinds)]
    if layers:
        nodes = nodes[nodes["layer"].isin(layers)]
    rows = [
        {
            "id": fid,
            "name": row["name"],
            "name_ru": row["name_ru"],
            "name_zh": row["name_zh"],
            "kind": row["kind"],
            "layer": row["layer"],
            "status": row["status"] if isinstance(row["status"], str) else None,
            "lon": round(row.geometry.x, 5),
            "lat": round(row.geometry.y, 5),
        }
        for fid, row in nodes.iterrows()
    ]
    if as_json:
        _print_json(rows)
        return
    for r in rows:
        _say(f"{r['id']:<36} {r['kind']:<16} {r['lat']:>9.4f} {r['lon']:>10.4f}  {r['name']}")


@main.command()
@click.argument("fid", metavar="ID")
@_data_option
@_json_option
@_clean_errors
def show(fid: str, data: Path | None, as_json: bool) -> None:
    """Show every attribute of one feature or corridor, with its sources."""
    from .dataset import load

    ds = load(data)
    try:
        feature = ds.feature(fid)
    except KeyError:
        import difflib

        ids = [i for gdf in ds.layers.values() for i in gdf.index] + list(ds.corridors)
        close = difflib.get_close_matches(fid, ids, n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(close)}?" if close else "; 'corridormap places' lists node ids"
        raise CorridorMapError(f"no feature with id {fid!r}{hint}") from None
    cited = sorted({s for s in _walk_sources(feature)})
    feature["sources_cited"] = {sid: ds.sources[sid] for sid in cited if sid in ds.sources}
    if as_json:
        _print_json(feature)
        return
    for key, value in feature.items():
        if key in {"geometry", "sources_cited"}:
            continue
        _say(f"{key}: {json.dumps(value, ensure_ascii=False, default=str)}")
    _say("references:")
    for sid, src in feature["sources_cited"].items():
        _say(f"  [{sid}] {src['title']}. {src['publisher']}, {src['date']}. {src['url']}")


def _walk_sources(value: Any) -> list[str]:
    found: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key in {"sources", "location_sources"} and isinstance(item, list):
                found.extend(s for s in item if isinstance(s, str))
            else:
                found.extend(_walk_sources(item))
    elif isinstance(value, list):
        for item in value:
            found.extend(_walk_sources(item))
    return found


def _months(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        month = int(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a month; give 1-12", param_hint="--month") from None
    if not 1 <= month <= 12:
        raise click.BadParameter(f"{month} is not a month; give 1-12", param_hint="--month")
    return month


_route_options = [
    click.option(
        "--mode",
        "modes",
        help="Modes allowed, comma-separated: rail,road,sea,ferry,pontoon,ropeway,pipeline.",
    ),
    click.option("--weight", type=click.Choice(["distance", "time"]), default="distance", show_default=True),
    _as_of_option("Only what was open at this date (default: today)."),
    _month_option("Only links open in this month (the Northern Sea Route, river ferries)."),
    click.option("--avoid", multiple=True, metavar="ID", help="A feature or node to avoid; repeatable."),
    click.option("--via", multiple=True, metavar="PLACE", help="A place to pass, in order; repeatable."),
    _planned_option("Also use planned projects expected by --as-of."),
    click.option("--commodity", help="Report the bottleneck capacity along the route for this commodity."),
    click.option(
        "--all-year",
        is_flag=True,
        help="Open every seasonal link (without --month the date's month applies).",
    ),
    click.option(
        "--passenger-lines", is_flag=True, help="Also use passenger-only railways (high-speed lines)."
    ),
]

_ROUTE_KEYS = (
    "modes",
    "weight",
    "as_of",
    "month",
    "avoid",
    "via",
    "include_planned",
    "commodity",
    "all_year",
    "passenger_lines",
)


def _with_route_options(func: F) -> F:
    """Add the route options to a command and hand it one ``options`` dict for :func:`~corridormap.route`."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        options = {key: kwargs.pop(key) for key in _ROUTE_KEYS}
        options["modes"] = _mode_list(options["modes"])
        options["month"] = _months(options["month"])
        return func(*args, options=options, **kwargs)

    command: Any = _clean_errors(wrapper)
    for option in reversed(_route_options):
        command = option(command)
    return command  # type: ignore[no-any-return]


@main.command()
@click.argument("orig")
@click.argument("dest")
@_with_route_options
@click.option(
    "--alternatives", type=click.IntRange(min=1), metavar="K", help="Up to K routes that differ materially."
)
@click.option("--no-cache", is_flag=True, help="Build the graph afresh instead of reading the cache.")
@_no_backbone_option
@_out_option("", "Also write an HTML map of the route.")
@_cdn_option
@_data_option
@_lines_options
@_json_option
@_clean_errors
def route(
    orig: str,
    dest: str,
    options: dict[str, Any],
    alternatives: int | None,
    no_cache: bool,
    no_backbone: bool,
    map_file: Path | None,
    cdn: bool,
    data: Path | None,
    lines: _Lines | None,
    as_json: bool,
) -> None:
    """Find a route between two places (ids, names in English, Russian or Chinese, or LAT,LON).

    Transfers (a change of gauge, port handling, rail to road) are legs of their own, with
    their time. The date sets the season: without --month, the month of --as-of (today) applies.
    A city resolves to its port for --mode sea and to its station for rail. Examples:
    corridormap route Harbin Vladivostok --mode rail;
    corridormap route Dalian Rotterdam --mode sea --as-of 2025-08-01 --json;
    corridormap route --lines tracks.gpkg 52.52,13.40 52.23,21.01
    """
    from .routing import route as find_route
    from .routing import route_alternatives

    _check_output(map_file, data)
    ds, G = _network(
        data, with_dataset=map_file is not None, cache=not no_cache, backbone=not no_backbone, lines=lines
    )
    if alternatives:
        routes = route_alternatives(G, orig, dest, alternatives, **options)
        if map_file:
            _save_map("route_map", routes[0], ds, map_file, cdn)
        if as_json:
            _print_json({"routes": [r.to_dict() for r in routes]})
        else:
            for i, r in enumerate(routes, start=1):
                _say(f"[{i}] {r}")
        return
    result = find_route(G, orig, dest, **options)
    if map_file:
        _save_map("route_map", result, ds, map_file, cdn)
    _emit(result, as_json)


def _mode_list(modes: str | None) -> list[str] | None:
    return [m.strip() for m in modes.split(",") if m.strip()] if modes else None


def _network(
    data: Path | None,
    *,
    with_dataset: bool,
    cache: bool = True,
    backbone: bool = True,
    lines: _Lines | None = None,
) -> tuple[Any, Any]:
    """Return the graph of a dataset, and the dataset too when a map or table needs it (loaded once).

    With ``lines``, the graph of that file of lines (cached) and the shipped dataset for a map.
    """
    from .cache import lines_network, network

    if lines is not None:
        if data is not None:
            raise click.UsageError("give --data or --lines, not both")
        G = lines_network(lines.path, tolerance_m=lines.tolerance_m, mode=lines.mode, cache=cache)
        if not with_dataset:
            return None, G
        from .dataset import load

        return load(None), G
    if not with_dataset:
        return None, network(data, cache=cache, backbone=backbone)
    from .dataset import load

    ds = load(data)
    return ds, network(data, cache=cache, dataset=ds, backbone=backbone)


def _save_map(maker: str, result: Any, ds: Any, path: Path, cdn: bool = False) -> None:
    from .maps import flow_map, route_map, save_map

    made = route_map(result, ds, cdn=cdn) if maker == "route_map" else flow_map(result, ds=ds, cdn=cdn)
    save_map(made, path, protect=[ds.path])


def _check_output(path: Path | None, data: Path | None) -> None:
    """Refuse an output inside the dataset being read before any work is done."""
    if path is None:
        return
    from .io import default_data_dir
    from .outputs import check_output

    check_output(path, [data if data is not None else default_data_dir()])


_flow_options = [
    click.option("--commodity", required=True, help="oil, gas, containers, freight ..."),
    click.option(
        "--from", "sources", multiple=True, required=True, metavar="PLACE", help="A source; repeatable."
    ),
    click.option("--to", "sinks", multiple=True, required=True, metavar="PLACE", help="A sink; repeatable."),
    _as_of_option("The network and capacities at this date."),
    _month_option("Close seasonal links outside their months."),
    click.option("--close", multiple=True, metavar="ID", help="Close a feature or node; repeatable."),
    click.option(
        "--close-kind", "close_kinds", multiple=True, metavar="KIND", help="Close every feature of a kind."
    ),
    _planned_option("Add planned projects expected by --as-of."),
    click.option(
        "--capacity",
        "capacity",
        multiple=True,
        nargs=3,
        metavar="ID VALUE UNIT",
        help="Override a feature's or node's capacity, e.g. --capacity pl-espo-2 60 Mt/yr; repeatable.",
    ),
    click.option("--unit", help="Unit of the result (default Mt/yr for tonnes, bcm/yr for gas ...)."),
    click.option("--method", type=click.Choice(["scipy", "networkx"]), default="scipy", show_default=True),
    click.option(
        "--assume-unbounded",
        is_flag=True,
        help="Count links without a figure for the commodity as unbounded (a what-if; says so).",
    ),
]


@dataclass(frozen=True)
class _FlowQuery:
    """What the flow options of ``flow`` and ``criticality`` ask, as one value."""

    commodity: str
    sources: tuple[str, ...]
    sinks: tuple[str, ...]
    scenario: Any
    unit: str | None
    method: str


_FLOW_KEYS = (
    "commodity",
    "sources",
    "sinks",
    "as_of",
    "month",
    "close",
    "close_kinds",
    "include_planned",
    "capacity",
    "unit",
    "method",
    "assume_unbounded",
)


def _with_flow_options(func: F) -> F:
    """Add the flow options to a command and hand it one ``query`` instead of eleven arguments."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        o = {key: kwargs.pop(key) for key in _FLOW_KEYS}
        scen = _scenario(
            o["as_of"],
            o["month"],
            o["close"],
            o["close_kinds"],
            o["include_planned"],
            o["capacity"],
            o["assume_unbounded"],
        )
        query = _FlowQuery(o["commodity"], o["sources"], o["sinks"], scen, o["unit"], o["method"])
        return func(*args, query=query, **kwargs)

    command: Any = _clean_errors(wrapper)  # a bad date in the options is a clean error too
    for option in reversed(_flow_options):
        command = option(command)
    return command  # type: ignore[no-any-return]


def _scenario(
    as_of: str | None,
    month: str | None,
    close: tuple[str, ...],
    close_kinds: tuple[str, ...],
    include_planned: bool,
    capacity: tuple[tuple[str, str, str], ...] = (),
    assume_unbounded: bool = False,
) -> Any:
    from .state import scenario

    overrides = {}
    for ident, value, unit in capacity:
        try:
            overrides[ident] = (float(value), unit)
        except ValueError:
            raise click.BadParameter(f"{value!r} is not a number", param_hint="--capacity") from None
    return scenario(
        as_of,
        _months(month),
        include_planned,
        close,
        close_kinds,
        overrides,
        assume_unbounded=assume_unbounded,
    )


@main.command()
@_with_flow_options
@_no_backbone_option
@_out_option("", "Also write an HTML map of the flow.")
@_cdn_option
@_data_option
@_json_option
@_clean_errors
def flow(
    query: _FlowQuery, no_backbone: bool, map_file: Path | None, cdn: bool, data: Path | None, as_json: bool
) -> None:
    """Maximum flow of a commodity from sources to sinks, its minimum cut and the figures that bind.

    Example: corridormap flow --commodity oil --from Taishet --to Daqing --to port-kozmino --as-of 2016-01-01
    """
    from .flows import max_flow

    _check_output(map_file, data)
    ds, G = _network(data, with_dataset=map_file is not None, backbone=not no_backbone)
    q = query
    result = max_flow(G, q.commodity, q.sources, q.sinks, q.scenario, unit=q.unit, method=q.method)
    if result.value == 0 and result.without_figure:
        raise CorridorMapError(f"maximum {q.commodity} flow is 0 {result.unit}: {result.note}")
    if map_file:
        _save_map("flow_map", result, ds, map_file, cdn)
    _emit(result, as_json)
    if not as_json:
        for fid, value in sorted(result.flows.items(), key=lambda kv: -kv[1]):
            _say(f"  {fid:<44} {value:,.3g} {result.unit}")


@main.command()
@_with_flow_options
@click.option("--top", type=click.IntRange(min=1), help="Only the N largest losses.")
@_data_option
@_json_option
@_clean_errors
def criticality(query: _FlowQuery, top: int | None, data: Path | None, as_json: bool) -> None:
    """Rank features and nodes by the flow lost when each alone is closed (N-1)."""
    from .resilience import flow_criticality

    _, G = _network(data, with_dataset=False)
    q = query
    base, ranking = flow_criticality(
        G, q.commodity, q.sources, q.sinks, q.scenario, top=top, unit=q.unit, method=q.method
    )
    unit_name = ranking[0].unit if ranking else (q.unit or "")
    if as_json:
        _print_json(
            {
                "commodity": q.commodity,
                "value": round(base, 3),
                "unit": unit_name,
                "ranking": [c.to_dict() for c in ranking],
            }
        )
        return
    _say(f"maximum {q.commodity} flow with everything open: {base:,.3g} {unit_name}")
    for c in ranking:
        cut = "  (cuts the sinks off)" if c.disconnects else ""
        _say(f"  {c.id:<44} -{c.loss:,.3g} {c.unit}{cut}")


@main.command()
@click.option(
    "--as-of",
    "dates",
    multiple=True,
    required=True,
    metavar="YYYY-MM-DD",
    help="Give two dates: before and after.",
)
@click.option(
    "--commodity",
    "commodities",
    multiple=True,
    help="Compare this commodity; repeatable (default: all with figures).",
)
@_planned_option("Add planned projects expected by the second date.")
@_data_option
@_json_option
@_clean_errors
def compare(
    dates: tuple[str, ...],
    commodities: tuple[str, ...],
    include_planned: bool,
    data: Path | None,
    as_json: bool,
) -> None:
    """Compare the network at two dates: what opened or closed, capacity and flow changes by corridor."""
    from .comparisons import compare as run_compare
    from .state import scenario

    if len(dates) != 2:
        raise click.BadParameter(f"give exactly two dates, got {len(dates)}", param_hint="--as-of")
    before, after = scenario(dates[0]), scenario(dates[1], include_planned=include_planned)
    if before.as_of >= after.as_of:
        raise click.BadParameter("the first date must come before the second", param_hint="--as-of")
    ds, G = _network(data, with_dataset=True)
    result = run_compare(G, before, after, list(commodities) or None, ds.corridors)
    if as_json:
        _print_json(result.to_dict())
        return
    _say(f"{before.as_of} -> {after.as_of}")
    _say(f"opened ({len(result.opened)}):")
    for f in result.opened:
        _say(f"  {f['id']:<44} {f.get('opened') or ''}")
    _say(f"closed ({len(result.closed)}):")
    for f in result.closed:
        _say(f"  {f['id']}")
    _say("capacity changes:")
    for c in result.capacities:
        _say(f"  {c['id']:<44} {c['commodity']:<10} {c['before']} -> {c['after']} {c['unit']}")
    _say("corridors (bottleneck along the main links; maximum flow end to end):")
    for c in result.corridors:
        _say(
            f"  {c['corridor']:<32} {c['commodity']:<8} bottleneck {c['bottleneck_before']} -> {c['bottleneck_after']}, "
            f"flow {c['flow_before']} -> {c['flow_after']} {c['unit']}"
        )


@main.command()
@click.option(
    "--plan", "plan_id", default="plan-2018-2024", show_default=True, help="A plan id of plans.json."
)
@_as_of_option("Score the commitments at this date (default: the plan's last day).")
@_json_option
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV, one row per commitment.")
@_data_option
@_clean_errors
def plan(plan_id: str, as_of: str | None, as_json: bool, as_csv: bool, data: Path | None) -> None:
    """Score a plan's commitments: target, capacity in force, latest actual, status and gap.

    Example: corridormap plan --as-of 2024-12-31
    """
    from .dataset import load
    from .plan import plan_scorecard, scorecard_to_csv, scorecard_to_dict, scorecard_to_text

    if as_json and as_csv:
        raise click.UsageError("give --json or --csv, not both")
    card = plan_scorecard(load(data), plan_id, as_of)
    if as_json:
        _print_json(scorecard_to_dict(card))
    elif as_csv:
        click.echo(scorecard_to_csv(card), nl=False)
    else:
        click.echo(scorecard_to_text(card))


@main.command(name="map")
@_as_of_option("The year the map's year control starts at (default: today).")
@_out_option("output/corridormap.html", "The HTML file to write.")
@_cdn_option
@_data_option
@_clean_errors
def map_command(as_of: str | None, out: Path, cdn: bool, data: Path | None) -> None:
    """Write the interactive overview map of the network to an HTML file."""
    from .dataset import load
    from .maps import overview_map, save_map

    _check_output(out, data)
    ds = load(data)
    path = save_map(overview_map(ds, as_of=as_of, cdn=cdn), out, protect=[ds.path])
    _say(f"wrote {path} ({path.stat().st_size / 1024:,.0f} KB): open it in a browser")


@main.command()
@click.option(
    "--region",
    type=click.Choice(["fareast", "arctic"]),
    default="fareast",
    show_default=True,
    help="fareast: Lambert conformal conic; arctic: north polar stereographic.",
)
@_as_of_option("The network as it was at this date.")
@click.option(
    "--route", "route_ends", nargs=2, metavar="ORIG DEST", help="Draw the route between two places."
)
@click.option("--mode", "modes", help="Modes for --route, comma-separated.")
@_month_option("Month for --route (seasonal links).")
@_out_option("output/corridormap.png", "The file to write: .png, .svg or .pdf.")
@_data_option
@_clean_errors
def figure(
    region: str,
    as_of: str | None,
    route_ends: tuple[str, str] | None,
    modes: str | None,
    month: str | None,
    out: Path,
    data: Path | None,
) -> None:
    """Write a static figure of the network (and a route) for print, over Natural Earth."""
    from .dataset import load
    from .figures import network_figure, save_figure

    if out.suffix.lower() not in (".png", ".svg", ".pdf"):
        raise click.BadParameter(f"{out.name!r}: give a .png, .svg or .pdf file", param_hint="--out")
    _check_output(out, data)
    ds = load(data)
    result = None
    if route_ends:
        from .cache import network
        from .routing import route as find_route

        G = network(data, dataset=ds)
        result = find_route(
            G, route_ends[0], route_ends[1], modes=_mode_list(modes), as_of=as_of, month=_months(month)
        )
    path = save_figure(network_figure(ds, region=region, as_of=as_of, route=result), out, protect=[ds.path])
    _say(f"wrote {path}")


@main.command(name="sweep")
@click.argument("grid_file", metavar="GRID", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The Parquet file to write (default: output/GRID-NAME.parquet).",
)
@click.option("--serial", is_flag=True, help="Run in this process, without Dask (the same table).")
@click.option(
    "--workers", type=click.IntRange(min=1), help="Workers of the LocalCluster (default: one per core)."
)
@click.option("--scheduler", metavar="tcp://HOST:PORT", help="Run on the Dask scheduler at this address.")
@_no_backbone_option
@_data_option
@_json_option
@_clean_errors
def sweep_command(
    grid_file: Path,
    out: Path | None,
    serial: bool,
    workers: int | None,
    scheduler: str | None,
    no_backbone: bool,
    data: Path | None,
    as_json: bool,
) -> None:
    """Answer every query of a scenario grid (YAML or TOML) in every scenario; write one Parquet table.

    Example: corridormap sweep notebooks/sweeps/n2_oil_gas.yml --workers 2
    """
    from .grid import load_grid
    from .io import default_data_dir
    from .outputs import check_output
    from .sweeps import sweep

    if serial and (workers or scheduler):
        raise click.UsageError("--serial runs without Dask: drop --workers and --scheduler")
    if workers and scheduler:
        raise click.UsageError("--workers sizes a LocalCluster: with --scheduler the cluster has its own")
    grid = load_grid(grid_file)
    target = out if out is not None else Path("output") / f"{grid_file.stem}.parquet"
    protect = [data if data is not None else default_data_dir(), grid_file]
    check_output(target, protect)
    result = sweep(
        grid,
        serial=serial,
        workers=workers,
        scheduler=scheduler,
        data=data,
        backbone=not no_backbone,
        progress=True,
    )
    path = result.to_parquet(target, protect)
    if as_json:
        _print_json({**result.to_dict(), "out": str(path)})
        return
    run = result.run
    where = "serially" if serial else f"on {run['workers']} Dask worker(s)"
    _say(
        f"{result.scenarios} scenarios, {len(result.table)} rows, {run['tasks']} tasks {where} in {run['seconds']:.1f} s"
    )
    for r in result.summary().to_dict(orient="records"):
        _say(
            f"  {r['query']:<14} {r['state']:<24} {r['closure']}/{r['capacity']}: base {r['base']:,.4g} {r['unit']}, "
            f"mean {r['mean']:,.4g}, min {r['min']:,.4g}, worse than base in {100 * r['loss_share']:.0f}%"
        )
    _say(f"wrote {path}")


@click.command(name="--what route")
@click.argument("orig")
@click.argument("dest")
@_with_route_options
def _route_query(orig: str, dest: str, options: dict[str, Any]) -> tuple[str, str, dict[str, Any]]:
    """Return the route asked for by ``export --what route``: its ends and the route options."""
    return orig, dest, options


@click.command(name="--what flow")
@_with_flow_options
def _flow_query(query: _FlowQuery) -> _FlowQuery:
    """Return the flow asked for by ``export --what flow``: the flow options."""
    return query


def _sub_query(ctx: click.Context, command: click.Command, args: list[str]) -> Any:
    """Parse the arguments after ``--what route`` or ``--what flow`` with that query's own options."""
    with command.make_context(command.name, list(args), parent=ctx) as sub:
        return command.invoke(sub)


@main.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.option(
    "--what",
    type=click.Choice(["dataset", "graph", "route", "flow"]),
    required=True,
    help="dataset: every layer and table; graph: the transport graph; route ORIG DEST; flow.",
)
@click.option(
    "--format",
    "fmt",
    metavar="FORMAT",
    help="gpkg, parquet, geojson, csv (dataset); graphml, gpkg (graph); "
    "geojson, gpkg, kml, gpx, csv (route, flow). Default: from the suffix of --out.",
)
@click.option(
    "--out",
    required=True,
    type=click.Path(),
    help="The file to write (a folder for a dataset in parquet, geojson or csv).",
)
@_data_option
@click.pass_context
@_clean_errors
def export(ctx: click.Context, what: str, fmt: str | None, out: str, data: Path | None) -> None:
    """Write the dataset, the graph, a route or a flow in a GIS format.

    --what route takes ORIG DEST and every option of 'corridormap route' (--mode, --as-of ...);
    --what flow takes every option of 'corridormap flow' (--commodity, --from, --to ...).

    Examples
    --------
    corridormap export --what dataset --out corridormap.gpkg;
    corridormap export --what route Harbin Vladivostok --mode rail --out route.kml;
    corridormap export --what flow --commodity oil --from Taishet --to Daqing --out flow.gpkg
    """
    from .export import export_dataset, export_format, export_graph, export_result

    if what in ("dataset", "graph") and ctx.args:
        raise click.UsageError(f"--what {what} takes no arguments, got {' '.join(ctx.args)}")
    export_format(out, fmt, "result" if what in ("route", "flow") else what)  # before any work
    _check_output(Path(out), data)
    query = None
    if what in ("route", "flow"):  # parse the query before the graph is loaded
        query = _sub_query(ctx, _route_query if what == "route" else _flow_query, ctx.args)
    if what == "dataset":
        from .dataset import load

        path = export_dataset(load(data), out, fmt)
    else:
        _, G = _network(data, with_dataset=False)
        guard = [data if data is not None else _default_data()]
        if what == "graph":
            path = export_graph(G, out, fmt, protect=guard)
        else:
            path = export_result(_run_query(what, query, G), out, fmt, protect=guard)
    _say(f"wrote {path}")


def _default_data() -> Path:
    from .io import default_data_dir

    return default_data_dir()


def _run_query(what: str, query: Any, G: Any) -> Any:
    """Run the route or flow that ``export`` was asked for."""
    if what == "route":
        from .routing import route as find_route

        orig, dest, options = query
        return find_route(G, orig, dest, **options)
    from .flows import max_flow

    q = query
    return max_flow(G, q.commodity, q.sources, q.sinks, q.scenario, unit=q.unit, method=q.method)


def _places(given: tuple[str, ...], path: Path | None, option: str) -> list[str]:
    """Return the places given with an option and those in its file (one a line, ``#`` starts a comment)."""
    from .io import read_lines

    places = [*given, *(read_lines(path) if path is not None else [])]
    if not places:
        raise click.UsageError(f"give at least one place with {option} or {option}-file")
    return places


def _matrix_csv(frame: Any) -> str:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([f"orig \\ dest ({frame.attrs['unit']})", *frame.columns])
    digits = 1 if frame.attrs["unit"] == "km" else 2
    for orig, row in frame.iterrows():
        writer.writerow([orig, *("" if v != v else f"{v:.{digits}f}" for v in row)])
    return out.getvalue()


@main.command(name="matrix")
@click.option("--from", "origins", multiple=True, metavar="PLACE", help="An origin; repeatable.")
@click.option("--to", "dests", multiple=True, metavar="PLACE", help="A destination; repeatable.")
@click.option("--from-file", type=click.Path(dir_okay=False, path_type=Path), help="Origins, one a line.")
@click.option("--to-file", type=click.Path(dir_okay=False, path_type=Path), help="Destinations, one a line.")
@click.option("--mode", "modes", help="Modes allowed, comma-separated (as for route).")
@click.option("--weight", type=click.Choice(["distance", "time"]), default="distance", show_default=True)
@_as_of_option("Only what was open at this date (default: today).")
@_month_option("Only links open in this month (the Northern Sea Route, river ferries).")
@click.option("--avoid", multiple=True, metavar="ID", help="A feature or node to avoid; repeatable.")
@_planned_option("Also use planned projects expected by --as-of.")
@click.option("--all-year", is_flag=True, help="Open every seasonal link.")
@click.option("--passenger-lines", is_flag=True, help="Also use passenger-only railways (high-speed lines).")
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV: one row per origin, empty where no route.")
@_data_option
@_lines_options
@_json_option
@_clean_errors
def matrix_command(
    origins: tuple[str, ...],
    dests: tuple[str, ...],
    from_file: Path | None,
    to_file: Path | None,
    modes: str | None,
    weight: str,
    as_of: str | None,
    month: str | None,
    avoid: tuple[str, ...],
    include_planned: bool,
    all_year: bool,
    passenger_lines: bool,
    as_csv: bool,
    data: Path | None,
    lines: _Lines | None,
    as_json: bool,
) -> None:
    """Print the route length (km) or time (h) between every origin and destination.

    Each entry is what `corridormap route` reports for the pair; one search per origin.
    Example: corridormap matrix --from Harbin --from Dalian --to Vladivostok --to Chita --mode rail
    """
    from .matrices import matrix

    if as_json and as_csv:
        raise click.UsageError("give --json or --csv, not both")
    found = matrix(
        _network(data, with_dataset=False, lines=lines)[1],
        _places(origins, from_file, "--from"),
        _places(dests, to_file, "--to"),
        weight=weight,
        modes=_mode_list(modes),
        as_of=as_of,
        month=_months(month),
        avoid=avoid,
        include_planned=include_planned,
        all_year=all_year,
        passenger_lines=passenger_lines,
    )
    if as_json:
        digits = 1 if found.attrs["unit"] == "km" else 2  # as route --json rounds
        values = [[None if v != v else round(v, digits) for v in row] for row in found.to_numpy().tolist()]
        _print_json({**found.attrs, "values": values})
    elif as_csv:
        click.echo(_matrix_csv(found), nl=False)
    else:
        _say(f"{found.attrs['weight']} in {found.attrs['unit']} (blank: no route)")
        _say(found.round(1 if found.attrs["unit"] == "km" else 2).to_string(na_rep=""))

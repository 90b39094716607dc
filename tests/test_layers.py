"""The package's layering: each step imports only the steps before it, and nothing imports in a circle.

The steps are those of DESIGN.md and the README's layout: data -> graph -> queries -> maps ->
front ends. The test reads every module's imports (type-checking ones included) with ``ast``,
so an upward import fails here before it can grow into a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "corridormap"

#: Lowest first. A module may import modules of its own layer or of a lower one.
LAYERS: list[tuple[str, set[str]]] = [
    (
        "base",
        {
            "_errors",
            "_version",
            "_render",
            "vocab",
            "settings",
            "units",
            "dates",
            "style",
            "geodesy",
            "outputs",
            "_args",
            "_results",
            "_qgis",
            "_tracks",
            "_assets",
        },
    ),
    ("records", {"capacity", "export", "io", "state", "grid"}),
    ("data", {"validation", "dataset", "backbone"}),
    ("graph", {"graph", "multimodal", "core", "snap", "lines", "lookup"}),
    ("cache", {"cache"}),
    ("queries", {"routing", "flows"}),
    ("derived queries", {"resilience", "comparisons", "plan", "matrices", "sweeps", "sweep_summary"}),
    ("render", {"maps", "figures"}),
    ("front ends", {"cli", "__main__", "__init__"}),
]
LEVEL = {module: i for i, (_, modules) in enumerate(LAYERS) for module in modules}


def _module(path: Path, root: Path = PACKAGE) -> str:
    rel = path.relative_to(root)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem  # a subpackage counts as one module


def _imports(path: Path, root: Path = PACKAGE) -> set[str]:
    """The package's own modules that a file imports."""
    found: set[str] = set()
    in_subpackage = len(path.relative_to(root).parts) > 1
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            up = node.level - (1 if in_subpackage else 0)  # levels above the package root
            if up == 0 and in_subpackage:
                continue  # inside the subpackage itself
            if node.module:
                found.add(node.module.split(".")[0])
            else:  # from . import settings
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("corridormap."):
            found.add((node.module or "").split(".")[1])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("corridormap."))
    return found - {_module(path, root)}


def _graph() -> nx.DiGraph:
    G = nx.DiGraph()
    for path in PACKAGE.rglob("*.py"):
        G.add_node(_module(path))
        for target in _imports(path):
            G.add_edge(_module(path), target)
    return G


def test_every_module_has_a_layer() -> None:
    assert set(_graph().nodes) == set(LEVEL)


def test_no_import_runs_from_a_lower_layer_to_a_higher_one() -> None:
    upward = sorted(
        f"{a} ({LAYERS[LEVEL[a]][0]}) imports {b} ({LAYERS[LEVEL[b]][0]})"
        for a, b in _graph().edges
        if LEVEL[b] > LEVEL[a]
    )
    assert upward == []


def test_the_import_graph_has_no_cycle() -> None:
    assert list(nx.simple_cycles(_graph())) == []


@pytest.mark.parametrize(
    "module", ["routing", "flows", "resilience", "comparisons", "sweeps", "sweep_summary"]
)
def test_query_modules_never_import_the_map_layer(module: str) -> None:
    assert not ({"maps", "figures"} & set(_graph().successors(module)))


def test_the_layering_test_sees_every_import_form(tmp_path: Path) -> None:
    # a module and a subpackage module of a package laid out like corridormap, importing upward
    (tmp_path / "validation").mkdir()
    (tmp_path / "graph.py").write_text(
        "from .maps import overview_map\nfrom . import cli\nimport corridormap.flows\n", encoding="utf-8"
    )
    (tmp_path / "validation" / "links.py").write_text(
        "from .records import x\nfrom ..routing import route\nfrom .. import figures\n", encoding="utf-8"
    )
    assert _imports(tmp_path / "graph.py", tmp_path) == {"maps", "cli", "flows"}
    assert _imports(tmp_path / "validation" / "links.py", tmp_path) == {"routing", "figures"}

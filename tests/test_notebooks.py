"""The notebooks are committed without outputs and match the script that writes them.

(CI executes them: pytest collects notebooks/ with nbmake.)"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]


def test_notebooks_have_no_outputs_and_match_their_script() -> None:
    spec = importlib.util.spec_from_file_location("make_notebooks", ROOT / "scripts" / "make_notebooks.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb")) == sorted(module.NOTEBOOKS)
    for name, cells in module.NOTEBOOKS.items():
        nb = nbformat.read(ROOT / "notebooks" / name, as_version=4)
        assert [c.source for c in nb.cells] == [text for _, text in cells], (
            f"{name} differs from scripts/make_notebooks.py"
        )
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, f"{name} has outputs"

"""Settings for every test run, doctests included."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(autouse=True, scope="session")
def _graph_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep cached graphs in a temporary folder, never in the user's cache."""
    os.environ["CORRIDORMAP_CACHE"] = str(tmp_path_factory.mktemp("graph-cache"))

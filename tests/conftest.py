"""Shared fixtures: small hand-checkable datasets written to temporary folders."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fixtures_data import route_dataset, tiny_dataset, write_dataset


@pytest.fixture
def tiny() -> dict[str, Any]:
    return tiny_dataset()


@pytest.fixture
def make_dataset(tmp_path: Path) -> Callable[[dict[str, Any]], Path]:
    counter = iter(range(1000))

    def make(data: dict[str, Any]) -> Path:
        return write_dataset(tmp_path / f"ds{next(counter)}", data)

    return make


@pytest.fixture
def route_data() -> dict[str, Any]:
    return route_dataset()

"""Reading what a command prints as JSON, refusing what strict JSON does not allow."""

from __future__ import annotations

import json
from typing import Any


def strict_json(text: str) -> Any:
    """Parse JSON, raising on ``NaN``, ``Infinity`` and ``-Infinity`` (not JSON, though Python writes them)."""

    def refuse(token: str) -> Any:
        raise ValueError(f"not strict JSON: {token}")

    return json.loads(text, parse_constant=refuse)

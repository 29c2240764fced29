"""The JSON contract as text."""

from __future__ import annotations

import json

from analyzer.report import Report
from analyzer.terminal import json_safe


def render_json(report: Report) -> str:
    """The report's JSON form, indented, non-ASCII kept as is (but for C1 controls and bidi
    characters, written as escapes so the JSON is safe to print on a terminal)."""
    return json_safe(json.dumps(report.to_dict(), indent=2, ensure_ascii=False)) + "\n"

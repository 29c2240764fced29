"""The JSON contract as text."""

from __future__ import annotations

import json

from analyzer.report import Report


def render_json(report: Report) -> str:
    """The report's JSON form, indented, non-ASCII kept as is."""
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"

"""Renderers: a :class:`~analyzer.report.Report` in to text out. They compute nothing new."""

from analyzer.render.jsonout import render_json
from analyzer.render.markdown import render_markdown
from analyzer.render.table import render_table

FORMATS = ("table", "json", "markdown")

__all__ = ["FORMATS", "render_json", "render_markdown", "render_table"]

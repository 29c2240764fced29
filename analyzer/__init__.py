"""skillgap: how far a resume stands from the AI Engineer and ML Engineer paths.

>>> from analyzer import analyze_text
>>> report = analyze_text("Skills: Python, PyTorch, Docker, Kubernetes")
>>> [skill.name for skill in report.skills]
['Python', 'PyTorch', 'Docker', 'Kubernetes']

The public API is imported lazily, so ``skillgap --help`` does not load spaCy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "JobTarget",
    "Limits",
    "Report",
    "SkillgapError",
    "__version__",
    "analyze",
    "analyze_bytes",
    "analyze_folder",
    "analyze_text",
    "read_posting",
]

if TYPE_CHECKING:
    from analyzer.analysis import analyze, analyze_bytes, analyze_text
    from analyzer.batch import analyze_folder
    from analyzer.errors import SkillgapError
    from analyzer.isolation import Limits
    from analyzer.posting import JobTarget, read_posting
    from analyzer.report import Report

_LAZY = {
    "analyze": "analyzer.analysis",
    "analyze_bytes": "analyzer.analysis",
    "analyze_text": "analyzer.analysis",
    "analyze_folder": "analyzer.batch",
    "Limits": "analyzer.isolation",
    "JobTarget": "analyzer.posting",
    "read_posting": "analyzer.posting",
    "Report": "analyzer.report",
    "SkillgapError": "analyzer.errors",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'analyzer' has no attribute {name!r}")

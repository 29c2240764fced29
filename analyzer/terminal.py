"""Text made safe to print on a terminal: control characters shown, never obeyed.

Resume text and file names come from strangers. Printed raw, an escape sequence in them could
clear the screen, switch to the alternate screen, plant a hyperlink to any address (OSC 8) or
retitle the window, and a bidi override (U+202E) could make a line read other than it is. Every
terminal output (the table, ``--explain``, errors, warnings, the summary) passes what came from a
resume or a file name through :func:`terminal_safe`, which shows such characters as escapes
(``\\x1b``, ``\\u202e``) instead.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, TypeVar

# C0 and C1 controls and DEL, which terminals act on; bidi embeddings, overrides, isolates and
# marks, which reorder what is shown; line and paragraph separators, which break lines.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# Bidi and separator characters that JSON leaves as they are; JSON escapes C0 controls itself.
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r"}

T = TypeVar("T")


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    if char == "\t":
        return " "  # a tab only moves the cursor right: harmless, and resume lines use it to part cells
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def terminal_safe(text: str, *, keep_newlines: bool = False) -> str:
    """The text with every control, bidi and line-separator character shown as an escape.

    >>> terminal_safe("cv\\x1b[2J.pdf")
    'cv\\\\x1b[2J.pdf'
    """
    if keep_newlines:
        return "\n".join(_UNSAFE.sub(_escape, line) for line in text.split("\n"))
    return _UNSAFE.sub(_escape, text)


def json_safe(text: str) -> str:
    """JSON text (as ``json.dumps(..., ensure_ascii=False)`` writes it) with C1 controls, DEL and
    bidi characters written as ``\\u`` escapes too, so printing it on a terminal obeys none of
    them; the data it holds is unchanged."""
    return _JSON_UNSAFE.sub(lambda match: f"\\u{ord(match.group(0)):04x}", text)


def terminal_safe_copy(value: T) -> T:
    """A copy of a value (dataclasses, tuples, lists, dicts) with every string made
    :func:`terminal_safe`: what the terminal view prints from a report holds no live control."""
    return _safe(value)


def _safe(value: Any) -> Any:
    if isinstance(value, str):
        return terminal_safe(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            field.name: _safe(getattr(value, field.name)) for field in dataclasses.fields(value) if field.init
        }
        return dataclasses.replace(value, **changes)
    if isinstance(value, (tuple, list)):
        return type(value)(_safe(item) for item in value)
    if isinstance(value, dict):
        return {key: _safe(item) for key, item in value.items()}
    return value

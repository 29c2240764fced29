"""Removing contact details from a report's evidence: e-mail addresses, phone numbers, URLs.

Evidence quotes resume lines, and resume lines carry contact details; ``--redact`` keeps them out
of every output format, so reports can be shared without them.
"""

from __future__ import annotations

import re
from dataclasses import replace

from analyzer.experience import Experience
from analyzer.report import Evidence, Report, SkillFound

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
URL = re.compile(
    r"(?i)\b(?:https?://|www\.)[^\s,;()<>]+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|dev|ai|me|co|edu|gov|uk|de)\b(?:/[^\s,;()<>]*)?"
)
PHONE = re.compile(r"(?<![\w.])\+?\(?\d{1,4}\)?(?:[\s.-]?\(?\d{2,4}\)?){2,5}(?![\w.])")
YEAR_RANGE = re.compile(r"(?:19|20)\d\d\s*[-–.]\s*(?:19|20)\d\d")
# Fewer digits than this is a number in a sentence, not a phone number.
MIN_PHONE_DIGITS = 7


def _phone(match: re.Match[str]) -> str:
    number = match.group(0)
    digits = sum(char.isdigit() for char in number)
    if digits < MIN_PHONE_DIGITS or YEAR_RANGE.fullmatch(number.strip()):
        return number
    return "[phone]"


def redact_text(text: str) -> str:
    """The text with e-mail addresses, URLs and phone numbers replaced by placeholders."""
    text = EMAIL.sub("[email]", text)
    text = URL.sub("[url]", text)
    return PHONE.sub(_phone, text)


def _redact_evidence(item: Evidence) -> Evidence:
    return replace(item, text=redact_text(item.text), line_text=redact_text(item.line_text))


def _redact_skill(skill: SkillFound) -> SkillFound:
    return replace(skill, evidence=tuple(_redact_evidence(item) for item in skill.evidence))


def _redact_entries(experience: Experience | None) -> Experience | None:
    """Dated entries with contact details removed from their titles and organisations."""
    if experience is None:
        return None
    entries = tuple(
        replace(
            entry,
            title=redact_text(entry.title) if entry.title else entry.title,
            org=redact_text(entry.org) if entry.org else entry.org,
        )
        for entry in experience.entries
    )
    return replace(experience, entries=entries)


def redact_report(report: Report) -> Report:
    """The report with contact details removed from every piece of evidence and every entry."""
    return replace(
        report,
        skills=tuple(_redact_skill(skill) for skill in report.skills),
        learning=tuple(_redact_skill(skill) for skill in report.learning),
        experience=_redact_entries(report.experience),
    )

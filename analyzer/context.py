"""Context rules: whether a name found in text is a claim of the skill.

Ambiguous names ("Go", "R", "Spark", "AI") have to pass the context rule their taxonomy entry
carries; fields named in a job title, employers and towns claim nothing; learning cues and hedges
mark what follows them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from analyzer.finders import Candidate
from analyzer.languages import is_ordinary_word, places, vocabulary
from analyzer.sections import SKILLS, SectionedLine
from analyzer.tokenizer import Tokens, compact_key
from skills import Skill, Taxonomy

# Skills that name a field of work rather than a technology; in a job title they claim nothing.
FIELD_KINDS = frozenset({"concept", "method", "practice"})
# A title may join this many more fields to the first one, with one of these between them.
MAX_JOINED_FIELDS = 2
FIELD_JOINERS = frozenset({"/", "&", "+"})
# After a job title's noun ("Engineer at Databricks"), the name after one of these markers is the
# employer, as long as it ends the title's item. Job nouns, levels and links are data per language.
EMPLOYER_MARKERS = frozenset({"at", "@", ",", "|", "—", "–", "-", "·"})
EMPLOYER_ENDS = frozenset({"|", "—", "–", "-", "·", "(", ";"})
# How many words before a name a job title's noun may stand ("Senior ML Engineer II at X").
EMPLOYER_REACH = 4
# A town named after an employer ("OpenAI, San Francisco, CA") has at most this many words.
MAX_TOWN_WORDS = 3
# Words after a job title's noun that end the title: "Full-stack developer for B2B SaaS" names
# the client next, where "Machine learning engineer who ships models" goes on to a claim.
TITLE_BREAKS = frozenset({"|", ",", "—", "–", "-", "·", "•", "(", "@", "at", ".", ";", ":", "/", "for"})
# A full stop ends a clause only before a space or the end: the dots inside "ASP.NET" and
# "Node.js" do not.
CLAUSE_END = re.compile(r"[;!?\n]|\.(?=\s|$)")
# A learning cue or a hedge governs the names that follow it within this many characters of its
# clause.
LEARNING_WINDOW = 160
# An ambiguous name ("Go", "R") keeps its exact case when it is this short or an ordinary word;
# other ambiguous names ("GitHub", written "Github") need only their context.
CASE_SENSITIVE_LENGTH = 2


def spells(text: str, surface: str) -> bool:
    """Whether a text spells an ambiguous surface: exactly, when the surface is short or an
    ordinary word ("Go" is a name, "go" a verb); in any case otherwise ("Github")."""
    if text == surface:
        return True
    words = surface.split()
    keeps_case = len(compact_key(surface)) <= CASE_SENSITIVE_LENGTH or any(
        is_ordinary_word(word) for word in words
    )
    return not keeps_case and text.casefold() == surface.casefold()


def context_allows(
    tokens: Tokens,
    candidate: Candidate,
    surface: str,
    lines: Sequence[SectionedLine],
    in_anchored_list: bool,
    taxonomy: Taxonomy,
) -> bool:
    """Whether an ambiguous name passes its taxonomy rule: no rejecting word beside it, and one
    of the signals the rule needs (the skills section, a cue word, a list of names needing no
    context)."""
    skill: Skill = taxonomy.skills[candidate.skill_id]
    rule = skill.ambiguous
    if rule is None or not spells(tokens.span_text(candidate.start, candidate.end), surface):
        return False
    before = tokens.neighbour_words(candidate.start, -1)
    after = tokens.neighbour_words(candidate.end - 1, 1)
    if _any_cue(before, rule.reject_before, reverse=True) or _any_cue(after, rule.reject_after):
        return False
    if not rule.needs:
        return True
    line_index = tokens.line_of[candidate.start]
    # "con Spark", "mit Spark": the cue words of other languages read as the rule's own.
    cue_words = vocabulary().cue_words
    before_in_english = [cue_words.get(word, word) for word in before]
    # A field's name that qualifies the next word ("AI workloads", "AI Engineering:" as a row
    # label) names what the listed skills are about, not a skill: in a skills section it must
    # end its item.
    in_skills_section = lines[line_index].section == SKILLS and (
        skill.kind not in FIELD_KINDS or tokens.ends_item(candidate.end)
    )
    signals = {
        "skills_section": in_skills_section,
        "cue": _any_cue(before_in_english, rule.cues_before, reverse=True)
        or _any_cue(after, rule.cues_after),
        "list": tokens.between_separators(candidate.start, candidate.end) and in_anchored_list,
    }
    return any(signals[need] for need in rule.needs)


def names_a_place(tokens: Tokens, candidate: Candidate) -> bool:
    """Whether the name is a town's, followed by its region or country ("Grand Rapids, MI",
    "West Java, Indonesia", "Spark, NV")."""
    return _region_follows(tokens, candidate.end)


def names_a_role(tokens: Tokens, candidate: Candidate, taxonomy: Taxonomy) -> bool:
    """Whether a field is named as part of a job title or team ("ML Engineer", "data
    science team"): that says where someone worked, not what they can do. Technologies in
    titles ("Python Developer") still count."""
    if taxonomy.skills[candidate.skill_id].kind not in FIELD_KINDS:
        return False
    words = vocabulary()
    following = tokens.neighbour_words(candidate.end - 1, 1, count=3 + 2 * MAX_JOINED_FIELDS)
    # Fields joined in one title ("AI/ML Engineer", "Data Science & Analytics Intern").
    for _ in range(MAX_JOINED_FIELDS):
        if len(following) > 2 and following[0] in FIELD_JOINERS:
            following = following[2:]
    if following and following[0] in words.job_nouns | words.organisation_nouns:
        return _title_ends(following[1:3])
    # The noun first, as Spanish, Portuguese and French put it ("Ingeniero de Machine
    # Learning — 2021", "Cientista de Dados"): the field must end the title there.
    before = [word for word in tokens.neighbour_words(candidate.start, -1) if word not in words.role_levels]
    if len(before) >= 2 and before[0] in words.role_links and before[1] in words.job_nouns:
        return _title_ends(following[:2])
    return False


def _title_ends(following: Sequence[str]) -> bool:
    """Whether a job title ends with the words before ``following``: its line ends, or it gives
    way to a company, a level or a date ("May 2024"). A sentence goes on ("Machine learning
    engineer who ships models" still claims machine learning)."""
    words = vocabulary()
    rest = [word for word in following if word not in words.role_levels]
    return not rest or rest[0] in TITLE_BREAKS or rest[0].isdigit() or rest[0] in words.date_words


def _region_follows(tokens: Tokens, comma: int) -> bool:
    """Whether a comma is followed, to the end of its item, by a region code or a country."""
    if comma >= len(tokens.words) or tokens.words[comma] != ",":
        return False
    known = places()
    following: list[int] = []
    position = comma + 1
    # The words after the comma on its line, as many as the longest country has and one more.
    while position < len(tokens.words) and len(following) <= known.longest_country:
        if tokens.line_of[position] != tokens.line_of[comma]:
            break
        if not tokens.spaces[position]:
            following.append(position)
        position += 1
    if not following:
        return False
    first = tokens.words[following[0]]

    def ends_there(count: int) -> bool:
        # A place ends its item: nothing or punctuation, a date or a dash follows it.
        if count >= len(following):
            return True
        word = tokens.words[following[count]]
        return not word[0].isalpha()

    if first in known.region_codes and ends_there(1):
        return True
    words = [tokens.lowers[position] for position in following]
    return any(
        tuple(words[:count]) in known.countries and ends_there(count)
        for count in range(1, len(words) + 1)
    )


def _place_follows(tokens: Tokens, comma: int) -> bool:
    """Whether a comma is followed by a place: a region or country ("OpenAI, USA"), or a town of a
    few capitalized words and its region ("OpenAI, San Francisco, CA")."""
    if _region_follows(tokens, comma):
        return True
    position = comma + 1
    town_words = 0
    while position < len(tokens.words) and tokens.line_of[position] == tokens.line_of[comma]:
        word = tokens.words[position]
        if not tokens.spaces[position]:
            if word == ",":
                return town_words > 0 and _region_follows(tokens, position)
            if not word[:1].isupper() or not word.isalpha() or town_words == MAX_TOWN_WORDS:
                return False
            town_words += 1
        position += 1
    return False


def names_an_employer(tokens: Tokens, candidate: Candidate) -> bool:
    """Whether the name stands where a title line names the employer ("ML Engineer at
    Databricks", "Data Scientist, Amazon — 2021"): where someone worked, not what they can do."""
    before = tokens.neighbour_words(candidate.start, -1, count=EMPLOYER_REACH)
    if not before or before[0] not in EMPLOYER_MARKERS:
        return False
    title_end = [word for word in before[1:] if word not in vocabulary().role_levels]
    if not title_end or title_end[0] not in vocabulary().job_nouns:
        return False
    after = tokens.neighbour_words(candidate.end - 1, 1, count=1)
    # The employer ends the title's item ("… at Databricks | 2021", "…, OpenAI, San Francisco, CA");
    # a list of skills goes on with a comma ("Backend Engineer | Python, Go").
    if after and after[0] == ",":
        return _place_follows(tokens, candidate.end)
    return not after or (after[0] in EMPLOYER_ENDS or after[0].isdigit() or after[0] in vocabulary().date_words)


def _any_cue(words: Sequence[str], cues: frozenset[str], *, reverse: bool = False) -> bool:
    """Whether the nearest words spell one of the cues (multi-word cues read in text order)."""
    for count in range(1, len(words) + 1):
        nearest = words[:count]
        phrase = " ".join(reversed(nearest) if reverse else nearest)
        if phrase in cues:
            return True
    return False


def labelled_rows(lines: Sequence[SectionedLine], label: re.Pattern[str]) -> set[int]:
    """Indexes of the lines a row label governs: the line it opens ("Learning: Rust,") and the
    lines its list wraps onto, as long as each line ends mid-list (a comma or a connector)."""
    connectors = vocabulary().connectors
    governed: set[int] = set()
    carrying = False
    for index, sectioned in enumerate(lines):
        text = sectioned.line.text.rstrip()
        continues = (
            carrying
            and not sectioned.line.item_start
            and sectioned.section == lines[index - 1].section
        )
        if label.match(text) or continues:
            governed.add(index)
            words = text.split()
            carrying = text.endswith((",", ";", "/")) or bool(words and words[-1].casefold() in connectors)
        else:
            carrying = False
    return governed


def clause_has(cue: re.Pattern[str], text: str, offset: int, clause_starts: Sequence[int]) -> bool:
    """Whether the clause holding ``offset`` says, before it, what the cue says (that the skill
    is being learned, or known only a little)."""
    clause_start = clause_starts[bisect.bisect_right(clause_starts, offset) - 1]
    clause_start = max(clause_start, offset - LEARNING_WINDOW)
    return bool(cue.search(text[clause_start:offset]))

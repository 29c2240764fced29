"""Finding skills: tokenizer-sensitive names, aliases, spelling variants, and the traps."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer import analyze_text
from analyzer.document import read_document
from analyzer.mentions import SkillMatcher
from analyzer.sections import find_sections, sectioned_lines
from skills import load_taxonomy


def names(text: str) -> set[str]:
    return {skill.name for skill in analyze_text(text).skills}


def learning(text: str) -> set[str]:
    return {skill.name for skill in analyze_text(text).learning}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Built services in C++ and C# on .NET.", {"C++", "C#", ".NET"}),
        ("Wrote the API in Node.js behind a CI/CD pipeline.", {"Node.js", "CI/CD"}),
        ("Trained models with scikit-learn and ran A/B testing.", {"scikit-learn", "A/B testing"}),
    ],
)
def test_names_with_symbols_are_found_in_sentences(text: str, expected: set[str]) -> None:
    assert expected <= names(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Deep learning with Pytorch.", "PyTorch"),
        ("Deployed models with Tensor Flow Serving and Tensor Flow.", "TensorFlow"),
        ("Classic models in scikit learn.", "scikit-learn"),
        ("Orchestrated containers on Kubernets.", "Kubernetes"),
        ("Skills: sklearn, k8s", "scikit-learn"),
        ("Skills: sklearn, k8s", "Kubernetes"),
        ("Wrote Python3 scripts.", "Python"),
    ],
)
def test_spelling_variants_typos_and_aliases_fold_onto_one_skill(text: str, expected: str) -> None:
    assert expected in names(text)


def test_evidence_keeps_the_text_as_written() -> None:
    report = analyze_text("Skills: Pytorch, Kubernets")
    evidence = {skill.name: skill.evidence[0].text for skill in report.skills}
    assert evidence["PyTorch"] == "Pytorch"
    assert evidence["Kubernetes"] == "Kubernets"


def test_longest_match_wins() -> None:
    found = names("Built dashboards in JavaScript.")
    assert "JavaScript" in found and "Java" not in found


@pytest.mark.parametrize("word", ["Python", "Docker", "Java"])
def test_short_or_ordinary_words_never_fuzzy_match(word: str) -> None:
    near_misses = {
        "Python": "Pythons are snakes.",
        "Docker": "The docket was full.",
        "Java": "Fixed Jira tickets.",
    }
    assert word not in names(near_misses[word])


def test_go_counts_as_a_language_in_a_list_or_after_a_cue() -> None:
    assert "Go" in names("Skills: Go, Python, SQL")
    assert "Go" in names("Rewrote the billing service in Go.")


@pytest.mark.parametrize(
    "text", ["Ready to go live next week.", "Go to market plan for the launch.", "A real go-getter."]
)
def test_go_as_a_verb_is_not_a_language(text: str) -> None:
    assert "Go" not in names(text)


def test_r_counts_in_a_list_of_languages() -> None:
    assert "R" in names("Analyses using Python and R.")
    assert "R" in names("Languages: R, SQL")


def test_r_as_a_letter_is_not_a_language() -> None:
    assert "R" not in names("Worked in the R&D group as employee R. Smith.")


def test_c_counts_only_as_a_language() -> None:
    assert "C" in names("Languages: C, C++, Python")
    assert "C" not in names("Raised a Series C round; took Vitamin C; got a C in chemistry.")


def test_spark_the_framework_versus_spark_the_verb() -> None:
    assert "Apache Spark" in names("Built ETL jobs in Spark and Kafka.")
    assert "Apache Spark" not in names("Sparked a team-wide initiative. It was a spark of genius.")


def test_excel_the_verb_is_never_a_skill() -> None:
    assert not {name for name in names("Excellent communication; I excel at teamwork.") if "Excel" in name}


@pytest.mark.parametrize("text", ["Swift delivery of features.", "Removed rust from the old boat."])
def test_swift_and_rust_as_ordinary_words_are_not_languages(text: str) -> None:
    assert not names(text) & {"Swift", "Rust"}


def test_swift_and_rust_in_a_skills_list_are_languages() -> None:
    assert {"Swift", "Rust"} <= names("Languages: Swift, Rust, Kotlin")


def test_ml_inside_html_is_not_machine_learning() -> None:
    found = names("Built pages in HTML and XHTML.")
    assert "HTML" in found
    assert not any("machine learning" in name.lower() for name in found)


def test_ml_on_its_own_is_machine_learning() -> None:
    assert any("machine learning" in name.lower() for name in names("Applied ML to fraud detection."))


def test_ai_inside_a_company_name_or_job_title_is_not_a_skill() -> None:
    found = names("Engineer at Acme AI Labs and OpenAI, working with AI engineers.")
    assert not any(name.lower() == "artificial intelligence" for name in found)


def test_ai_as_a_field_is_a_skill() -> None:
    assert any(
        name.lower() == "artificial intelligence" for name in names("M.S. with a specialization in AI.")
    )


def test_currently_learning_is_not_a_claim() -> None:
    text = "Skills: Python\nCurrently learning Rust and planning to learn Haskell."
    assert "Rust" not in names(text)
    assert "Rust" in learning(text)


def test_a_skill_claimed_elsewhere_stays_claimed_when_also_being_learned() -> None:
    text = "Skills: Python, Docker\nCurrently learning advanced Docker networking."
    assert "Docker" in names(text) and "Docker" not in learning(text)


def test_every_mention_knows_its_section_page_and_line() -> None:
    report = analyze_text("Jane Doe\nSUMMARY\nBuilt models.\nSKILLS\nPython, PyTorch\n")
    pytorch = next(skill for skill in report.skills if skill.name == "PyTorch")
    evidence = pytorch.evidence[0]
    assert (evidence.section, evidence.page, evidence.line) == ("skills", 1, 5)


def test_a_learning_section_lists_no_claims() -> None:
    text = "SKILLS\nPython\nLEARNING\nPyTorch, Kubernetes (in progress)\n"
    assert names(text) == {"Python"}
    assert {"PyTorch", "Kubernetes"} <= learning(text)


@pytest.mark.parametrize(
    "sentence",
    [
        "I am moving toward machine learning in my spare time.",
        "Working through an online course on deep learning.",
        "Plan to learn deep learning next year.",
    ],
)
def test_moving_toward_or_studying_a_field_is_not_a_claim(sentence: str) -> None:
    assert not {"Machine learning", "Deep learning"} & names(sentence)


@pytest.mark.parametrize(
    "text",
    ["Machine Learning Engineer, Acme (2020 - 2023)", "Member of the data science team.", "DevOps Engineer"],
)
def test_a_field_named_in_a_job_title_or_team_is_not_a_claim(text: str) -> None:
    assert not names(text) & {"Machine learning", "Data science", "DevOps"}


def test_a_technology_in_a_job_title_still_counts() -> None:
    assert "Python" in names("Senior Python Developer, Acme (2020 - 2023)")


def test_lowercase_words_in_brackets_are_not_fuzzy_matched() -> None:
    assert names("LANGUAGES\nEnglish (fluent), Spanish (native)") == set()


def test_a_field_in_a_sentence_about_oneself_still_counts() -> None:
    assert "Machine learning" in names("Machine learning engineer who ships fraud models every week.")


def test_a_field_in_a_title_that_names_its_client_is_no_claim() -> None:
    assert "Full-stack development" not in names("Full-stack developer for logistics startups.")


def test_a_field_that_qualifies_the_next_word_in_a_skills_section_is_no_item() -> None:
    assert "Application monitoring" not in names("SKILLS\nmonitoring dashboards, Grafana, Prometheus")
    assert "Application monitoring" in names("SKILLS\nGrafana, monitoring, Prometheus")


def test_a_version_after_an_ambiguous_name_keeps_it_in_its_list() -> None:
    assert "Prisma" in names("Built approval gates in Next.js 14, Prisma 7, and PostgreSQL.")


def test_two_skills_joined_by_a_slash_are_both_found() -> None:
    assert {"HTML", "CSS", "C", "C++"} <= names("SKILLS\nHTML/CSS, C/C++, Python")


@pytest.mark.parametrize("text", ["Served traffic at scale.", "Ran a quick check on the data flow."])
def test_ordinary_words_running_together_do_not_spell_a_product(text: str) -> None:
    assert not names(text) & {"AtScale", "Semantic layer", "Property-based testing", "Google Cloud Dataflow"}


def test_a_name_written_in_parts_matches_with_spaces() -> None:
    assert {"scikit-learn", "TensorFlow"} <= names("Models in scikit learn and Tensor Flow.")


def test_a_spaced_name_matches_whatever_its_words() -> None:
    assert any("back" in name.lower() for name in names("Maintained back-end services for billing."))


def test_our_tokenizer_splits_whitespace_and_punctuation_as_spacys_english_does() -> None:
    import spacy

    from analyzer.mentions import build_tokenizer

    text = "Skills:\tPython,  C++ ,\n\nGo\t\t| Node.js  \n Inc. don't (e.g. SQL) \u00a0Rust\r\nJava"
    ours = [(token.text, token.idx) for token in build_tokenizer()(text)]
    theirs = [(token.text, token.idx) for token in spacy.blank("en")(text)]
    assert ours == theirs


SKILLED_TEXT = (
    "SKILLS\nPython, C++, C#, scikit-learn, Node.js, Apache Airflow, Go\nBuilt RAG apps with LangChain."
)


def _found(matcher: SkillMatcher) -> list[tuple[str, str]]:
    document = read_document(SKILLED_TEXT.encode("utf-8"), "resume.txt")
    return [
        (mention.skill_id, mention.text) for mention in matcher.find(sectioned_lines(find_sections(document)))
    ]


def test_a_matcher_built_from_cached_patterns_finds_what_a_fresh_one_finds(tmp_path: Path) -> None:
    fresh = SkillMatcher(load_taxonomy(), tmp_path)
    assert list((tmp_path / "patterns").glob("*.json"))
    cached = SkillMatcher(load_taxonomy(), tmp_path)
    assert _found(cached) == _found(fresh)
    assert len(_found(fresh)) >= 8


def test_a_damaged_pattern_cache_is_rebuilt(tmp_path: Path) -> None:
    expected = _found(SkillMatcher(load_taxonomy(), tmp_path))
    for entry in (tmp_path / "patterns").glob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    assert _found(SkillMatcher(load_taxonomy(), tmp_path)) == expected


def test_a_matcher_without_a_cache_directory_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("HOME", str(tmp_path))
    assert _found(SkillMatcher(load_taxonomy()))
    assert not list(tmp_path.iterdir())


def test_once_the_vocabulary_is_full_a_resumes_own_words_are_let_go(monkeypatch: pytest.MonkeyPatch) -> None:
    from analyzer import mentions

    document = read_document(b"SKILLS\nPython, Docker, LangChain\nShipped the Zorblax platform.", "cv.txt")
    lines = sectioned_lines(find_sections(document))
    learning = SkillMatcher(load_taxonomy())
    expected = learning.find(lines)
    assert "zorblax" in learning.tokenizer.vocab.strings
    monkeypatch.setattr(mentions, "SHARED_VOCABULARY", 0)
    full = SkillMatcher(load_taxonomy())
    assert full.find(lines) == expected
    assert "zorblax" not in full.tokenizer.vocab.strings

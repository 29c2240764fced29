"""The kinds of failure real resumes showed, each guarded at its mechanism: ordinary words never
fuzzy-matched into products, names in any case and glued to punctuation, Unicode folded before
tokenizing, headings and connectors of other languages, hedged claims and plans."""

from __future__ import annotations

import io

import pytest
from reportlab.pdfgen.canvas import Canvas

from analyzer import analyze, analyze_text
from analyzer.document import normalize_text, read_document
from analyzer.languages import is_ordinary_word
from analyzer.sections import find_sections, section_for_heading, sectioned_lines


def names(text: str) -> set[str]:
    return {skill.name for skill in analyze_text(text).skills}


def learning(text: str) -> set[str]:
    return {skill.name for skill in analyze_text(text).learning}


def confidences(text: str) -> dict[str, float]:
    return {skill.name: max(e.confidence for e in skill.evidence) for skill in analyze_text(text).skills}


# -- ordinary words are not misspelt products ------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Detection, Recognition and Smart Networks",
        "Talent Acquisition, Posture Assessment and Quarterly Objectives",
        "Health Informatics Program, Fluent Communicator",
        "Premio de Detección, Reconocimiento y Redes Sociales",
    ],
)
def test_correctly_spelled_words_in_title_case_never_become_products(sentence: str) -> None:
    assert names(sentence) == set()


def test_a_misspelt_product_name_is_still_found() -> None:
    assert {"Kubernetes", "TensorFlow"} <= names("Deployed models with Tensorflw on Kubernets.")


@pytest.mark.parametrize("word", ["detection", "Networks", "objectives", "habilidades", "Erfahrung"])
def test_words_of_every_shipped_language_are_ordinary_words(word: str) -> None:
    assert is_ordinary_word(word)


@pytest.mark.parametrize("word", ["kubernets", "tensorflw", "pytorch"])
def test_misspelt_or_product_names_are_not_ordinary_words(word: str) -> None:
    assert not is_ordinary_word(word)


# -- names in other cases and spellings ------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "skill"),
    [
        ("Github", "GitHub"),
        ("Tensorflow", "TensorFlow"),
        ("Pytorch", "PyTorch"),
        ("MLFlow", "MLflow"),
        ("NodeJS", "Node.js"),
        ("Scikitlearn", "scikit-learn"),
        ("ScikitLearn", "scikit-learn"),
        ("Postgresql", "PostgreSQL"),
    ],
)
def test_names_that_are_no_ordinary_word_match_in_any_case(written: str, skill: str) -> None:
    assert skill in names(f"Skills: Python, {written}, Docker")


def test_an_ambiguous_name_that_is_an_ordinary_word_keeps_its_case() -> None:
    assert "Go" not in names("Skills: Python, go, Docker")
    assert "Go" in names("Skills: Python, Go, Docker")


# -- punctuation real PDFs use ---------------------------------------------------------------------


def test_names_glued_to_brackets_and_commas_are_found() -> None:
    assert {"Python", "Java", "C#"} <= names("Lenguajes(Python,Java y C#)")


def test_names_between_slashes_are_found() -> None:
    assert {"JavaScript", "SQL", "Docker"} <= names("Skills: JS/SQL/Docker")


def test_a_non_breaking_hyphen_joins_like_an_ascii_one() -> None:
    assert "BERT" in names("Built BERT\u2011based classifiers for support tickets.")


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        ("BERT\u2011based", "BERT-based"),
        ("Tensor\ufb02ow classi\ufb01cation", "Tensorflow classification"),
        ("Python\u00a0\u2009SQL", "Python SQL"),
        ("\uff30\uff59\uff54\uff48\uff4f\uff4e", "Python"),
        ("x \u2212 y", "x - y"),
    ],
)
def test_unicode_forms_hyphens_and_spaces_are_folded_before_tokenizing(raw: str, normalized: str) -> None:
    assert normalize_text(raw) == normalized


def test_an_en_dash_between_words_stays_a_dash() -> None:
    assert normalize_text("2019 \u2013 2021") == "2019 \u2013 2021"


# -- headings and connectors in other languages ----------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("Habilidades", "skills"),
        ("CONOCIMIENTOS", "skills"),
        ("Experiencia Laboral", "experience"),
        ("Formación", "education"),
        ("Competências", "skills"),
        ("Experiência Profissional", "experience"),
        ("Kenntnisse", "skills"),
        ("Berufserfahrung", "experience"),
        ("Compétences", "skills"),
        ("Expérience professionnelle", "experience"),
        ("Centres d'intérêt", "interests"),
        ("Technical Skill", "skills"),
        ("Skills & Tools", "skills"),
        ("Tech Stack", "skills"),
        ("Relevant Skills", "skills"),
    ],
)
def test_headings_of_every_shipped_language_name_their_section(heading: str, section: str) -> None:
    assert section_for_heading(heading) == section


def test_an_ambiguous_name_counts_under_a_skills_heading_in_another_language() -> None:
    text = "Ana Pérez\nHABILIDADES\nGo, R\n"
    assert {"Go", "R"} <= names(text)


@pytest.mark.parametrize("connector", ["y", "e", "und", "et"])
def test_list_connectors_of_other_languages_make_a_list(connector: str) -> None:
    assert "Go" in names(f"Desarrollé servicios con Python {connector} Go.")


@pytest.mark.parametrize("line", ["Kenntnisse: Python, R", "Compétences : Python, R"])
def test_an_inline_label_in_another_language_opens_a_skills_line(line: str) -> None:
    document = read_document(f"{line}\n".encode(), "cv.txt")
    assert [sectioned.section for sectioned in sectioned_lines(find_sections(document))] == ["skills"]


# -- hedged claims and plans -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Familiar with Rust.",
        "Some exposure to Kubernetes.",
        "Familiar: Rust, Kubernetes",
        "Conocimientos básicos de Kubernetes.",
        "Notions de Kubernetes.",
    ],
)
def test_a_hedged_claim_counts_with_lower_confidence(text: str) -> None:
    found = confidences(text)
    plain = confidences(text.replace("Familiar with", "Built with"))
    assert found
    assert all(value < 0.7 for value in found.values())
    assert max(plain.values()) >= max(found.values())


def test_a_plain_claim_keeps_full_confidence() -> None:
    assert confidences("Skills: Rust, Kubernetes") == {"Rust": 1.0, "Kubernetes": 1.0}


@pytest.mark.parametrize(
    "text",
    [
        "Next 6 months: Rust, Kubernetes",
        "Exploring: Rust, Kubernetes",
        "Upcoming: Rust, Kubernetes",
        "Currently learning Rust and Kubernetes.",
        "Skills\nLanguages\tPython\nLearning\tRust, Kubernetes",
        "Próximos pasos: Rust, Kubernetes",
    ],
)
def test_plans_are_reported_apart_and_claim_nothing(text: str) -> None:
    assert {"Rust", "Kubernetes"} <= learning(text)
    assert not {"Rust", "Kubernetes"} & names(text)


def test_a_field_ending_in_learning_is_no_plan() -> None:
    assert "PyTorch" in names("Deep learning: PyTorch")


def test_an_ambiguous_name_on_a_wrapped_line_of_a_list_counts() -> None:
    assert {"Vagrant", "Helm"} <= names("Ansible, Terraform, Kubernetes,\nScaleway, Vagrant, Tanka, Helm")


def test_a_wrapped_sentence_does_not_make_a_list_of_an_ordinary_word() -> None:
    assert "Helm" not in names("Built Kubernetes operators, then took\nthe Helm of the platform team.")


def test_a_platform_alone_on_a_header_line_labels_a_profile_link() -> None:
    text = "Alex Martin\nParis, France\nLinkedin\nGithub\nGitlab\nSKILLS\nPython, GitLab"
    report = analyze_text(text)
    evidence = {skill.name: [e.section for e in skill.evidence] for skill in report.skills}
    assert "GitHub" not in evidence
    assert evidence["GitLab"] == ["skills"]


# -- places --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Bandung, West Java, Indonesia",
        "ML Engineer | Grand Rapids, MI | 2020 - 2022",
        "Research Intern, Acme Labs, Spark, NV",
        "Data Analyst — Java, Indonesia — 2019",
    ],
)
def test_a_town_named_like_a_skill_before_its_region_or_country_is_no_skill(line: str) -> None:
    assert names(f"EXPERIENCE\n{line}") == set()


def test_skills_listed_before_a_region_like_word_still_count() -> None:
    assert {"Java", "Python", "Apache Spark", "R"} <= names("Skills: Java, Python, Spark, R, C")


# -- a skills table's row labels -------------------------------------------------------------------


def _pdf(lines: list[tuple[str, float, str]]) -> bytes:
    """A one-page PDF: each line drawn in its font and size, top to bottom."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    y = 740.0
    for font, size, text in lines:
        canvas.setFont(font, size)
        canvas.drawString(72, y, text)
        y -= size * 1.6
    canvas.save()
    return buffer.getvalue()


def test_a_languages_sub_heading_inside_skills_lists_programming_languages() -> None:
    data = _pdf(
        [
            ("Helvetica-Bold", 16, "Ana Silva"),
            ("Helvetica-Bold", 13, "SKILLS"),
            ("Helvetica", 10, "Languages"),
            ("Helvetica", 10, "Go, R, Python"),
            ("Helvetica-Bold", 13, "EXPERIENCE"),
            ("Helvetica", 10, "Built data pipelines at Acme."),
        ]
    )
    report = analyze(data)
    sections = {skill.name: skill.evidence[0].section for skill in report.skills}
    assert {name: sections.get(name) for name in ("Go", "R", "Python")} == dict.fromkeys(
        ("Go", "R", "Python"), "skills"
    )


def test_a_languages_heading_styled_like_the_others_is_still_spoken_languages() -> None:
    data = _pdf(
        [
            ("Helvetica-Bold", 13, "SKILLS"),
            ("Helvetica", 10, "Python, SQL"),
            ("Helvetica-Bold", 13, "LANGUAGES"),
            ("Helvetica", 10, "English, Spanish, Go"),
        ]
    )
    assert "Go" not in {skill.name for skill in analyze(data).skills}


@pytest.mark.parametrize("cue", ["con", "com", "mit", "avec"])
def test_cue_words_of_other_languages_let_an_ambiguous_name_count(cue: str) -> None:
    assert "Jest" in names(f"Pruebas end-to-end {cue} Jest.")


def test_a_plan_label_governs_the_lines_its_list_wraps_onto() -> None:
    text = "SKILLS\nDocker, Git\nNext 6 months: PyTorch,\nMLflow\nPython, SQL"
    assert {"PyTorch", "MLflow"} <= learning(text)
    assert {"Docker", "Git", "Python", "SQL"} <= names(text)
    assert not {"PyTorch", "MLflow"} & names(text)


# -- skill names in other languages ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "skill"),
    [
        ("Habilidades: aprendizaje automático, Python", "Machine learning"),
        ("Competências: aprendizado de máquina, Python", "Machine learning"),
        ("Kenntnisse: maschinelles Lernen, Python", "Machine learning"),
        ("Compétences : apprentissage automatique, Python", "Machine learning"),
        ("Competências: redes neurais e visão computacional", "Neural networks"),
    ],
)
def test_skill_names_written_in_another_language_are_that_skill(line: str, skill: str) -> None:
    assert skill in names(line)


# -- fields in job titles ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "AI/ML Engineer\tMay 2024 - May 2026",
        "Data Science & Analytics Intern, Acme",
        "Machine Learning Engineer 2021 - 2023",
        "Ingeniera de Machine Learning — desde 2021",
        "Ingénieur en Machine Learning | Paris",
    ],
)
def test_fields_joined_in_a_job_title_before_a_date_claim_nothing(title: str) -> None:
    assert names(f"EXPERIENCE\n{title}\nShipped things.") == set()


# -- words split by a hyphen ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "rejoined"),
    [
        ("lan- guage modeling", "language modeling"),
        ("Engi- neering", "Engineering"),
        ("Stop-word- removal", "Stop-word-removal"),
        ("AI- assisted coding", "AI-assisted coding"),
        ("front- and back-end", "front- and back-end"),
        ("AI- and ML-based tools", "AI- and ML-based tools"),
    ],
)
def test_a_word_split_by_a_hyphen_and_a_space_is_rejoined(raw: str, rejoined: str) -> None:
    assert normalize_text(raw) == rejoined


# -- employers -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "ML Engineer at Databricks",
        "Senior ML Engineer II at Databricks (2021 - 2023)",
        "Cloud Engineer | Amazon Web Services | 2019 - 2021",
        "MERN Stack Developer, OpenAI, San Francisco, USA",
        "Data Engineer, Snowflake, Bozeman, MT",
    ],
)
def test_a_product_named_as_the_employer_of_a_title_is_no_skill(title: str) -> None:
    assert names(f"EXPERIENCE\n{title}\nShipped things.") == set()


def test_skills_listed_after_a_title_still_count() -> None:
    assert {"Python", "Go"} <= names("EXPERIENCE\nBackend Engineer | Python, Go\nShipped things.")
    assert {"Python", "Snowflake"} <= names("EXPERIENCE\nData Engineer, Snowflake, Python, Airflow\nShipped.")


def test_a_field_after_a_job_noun_in_a_sentence_still_counts() -> None:
    assert "Machine learning" in names("Ingeniera de Machine Learning con cinco años entrenando modelos.")


def test_a_dot_inside_a_name_does_not_end_the_list_an_ambiguous_name_stands_in() -> None:
    assert "Microsoft Orleans" in names("ASP.NET Core, Orleans, SignalR")

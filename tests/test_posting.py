"""Reading a job posting into requirements: importance from its sections, alternatives, years,
degrees, and what does not count (the company blurb, the benefits)."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.posting import JobTarget, read_posting, read_posting_bytes, read_posting_text
from skills import load_taxonomy
from tests.resume_docx import build_docx, heading, paragraph
from tests.resume_pdf import Resume, Section, render_resume

POSTING = """\
Senior Machine Learning Engineer

About Acme
Acme builds route planning software on Snowflake, trusted by Fortune 500 shippers.

What you'll do
- Build training pipelines with Airflow.

Requirements
- 3+ years of Python
- Spark or Ray for distributed jobs
- Familiarity with React, Vue, or Angular
- Docker, SQL, and PyTorch or TensorFlow
- Experience with Terraform is a plus.
- BS or MS in Computer Science or a related field

Nice to have
- Kafka

Benefits
- Free Excel training and a Tableau licence
"""


@pytest.fixture(scope="module")
def target() -> JobTarget:
    return read_posting_text(POSTING, load_taxonomy())


def importance(target: JobTarget, skill_id: str) -> str:
    return target.requirement(skill_id).importance


def test_the_title_line_names_the_target(target: JobTarget) -> None:
    assert target.title == "Senior Machine Learning Engineer"
    assert target.id == "job_senior_machine_learning_engineer"


def test_a_required_skill_is_core(target: JobTarget) -> None:
    assert importance(target, "python") == "core"


def test_a_preferred_skill_is_nice(target: JobTarget) -> None:
    assert importance(target, "apache_kafka") == "nice"


def test_a_skill_named_only_in_the_responsibilities_is_important(target: JobTarget) -> None:
    assert importance(target, "apache_airflow") == "important"


def test_a_plus_inside_the_requirements_makes_a_nice_to_have(target: JobTarget) -> None:
    assert importance(target, "terraform") == "nice"


def test_the_company_blurb_and_the_benefits_do_not_count(target: JobTarget) -> None:
    asked = {item.skill_id for item in target.requirements}
    assert not asked & {"snowflake", "microsoft_excel", "tableau"}


def test_or_makes_alternatives(target: JobTarget) -> None:
    assert target.requirement("apache_spark").alternatives == ("ray",)
    assert target.requirement("react").alternatives == ("vue", "angular")


def test_a_list_ending_in_and_keeps_its_skills_apart(target: JobTarget) -> None:
    assert target.requirement("docker").alternatives == ()
    assert target.requirement("sql").alternatives == ()
    assert target.requirement("pytorch").alternatives == ("tensorflow",)


def test_years_of_a_skill_are_kept(target: JobTarget) -> None:
    assert target.requirement("python").years == 3
    assert target.requirement("docker").years is None


def test_years_after_the_skill_count_too() -> None:
    posting = read_posting_text("Data Engineer\nRequirements\n- Scala (2+ years)\n", load_taxonomy())
    assert posting.requirement("scala").years == 2


def test_degrees_are_listed_not_scored(target: JobTarget) -> None:
    assert [degree.text for degree in target.degrees] == ["BS or MS in Computer Science or a related field"]


def test_a_posting_that_never_says_requirements_still_has_must_haves() -> None:
    posting = read_posting_text(
        "Backend Engineer\n\nWe are hiring a backend engineer to grow our payments team. The ideal candidate "
        "has strong experience with Go and PostgreSQL. Knowledge of Kubernetes would be nice.\n",
        load_taxonomy(),
    )
    assert importance(posting, "postgresql") == "core"
    assert importance(posting, "kubernetes") == "nice"


def test_requirement_sections_in_another_language_are_read() -> None:
    posting = read_posting_text(
        "Ingeniero de datos\n\nRequisitos\n- Python y SQL\n\nDeseable\n- Apache Kafka\n", load_taxonomy()
    )
    assert importance(posting, "python") == "core"
    assert importance(posting, "apache_kafka") == "nice"


def test_a_posting_pdf_is_read_like_a_resume_pdf(tmp_path: Path) -> None:
    pdf = render_resume(
        Resume(
            name="Data Scientist",
            contact="Remote",
            main=(
                Section("Responsibilities", ("• Build forecasting models in Python.",)),
                Section("Qualifications", ("• 2+ years of SQL", "• Experience with scikit-learn")),
                Section("Nice to have", ("• Experience with dbt",)),
            ),
        )
    )
    posting = read_posting_bytes(pdf, "posting.pdf", load_taxonomy())
    assert posting.title == "Data Scientist"
    assert importance(posting, "sql") == "core" and posting.requirement("sql").years == 2
    assert importance(posting, "dbt") == "nice"


def test_a_posting_in_a_word_document_is_read_by_its_headings_and_lists() -> None:
    docx = build_docx(
        [
            paragraph("Data Engineer", bold=True, size=16),
            heading("Requirements"),
            paragraph("3+ years of Python", bullet=True),
            paragraph("Spark or Flink", bullet=True),
            heading("Nice to have"),
            paragraph("Kafka", bullet=True),
        ]
    )
    posting = read_posting_bytes(docx, "posting.docx", load_taxonomy())
    assert posting.title == "Data Engineer"
    assert importance(posting, "python") == "core" and posting.requirement("python").years == 3
    assert posting.requirement("apache_spark").alternatives == ("apache_flink",)
    assert importance(posting, "apache_kafka") == "nice"


def test_a_posting_with_no_skill_says_so() -> None:
    posting = read_posting_text("Office Manager\nRequirements\n- A friendly manner\n", load_taxonomy())
    assert posting.requirements == ()
    assert any("no skill" in warning for warning in posting.warnings)


def test_a_posting_that_reads_like_a_resume_gets_a_warning() -> None:
    resume_text = "Jane Doe\nEducation\nBSc Physics\nProjects\n- Built a Python app\nCertifications\nAWS\n"
    posting = read_posting_text(resume_text, load_taxonomy())
    assert posting.resume_like and any("reads like a resume" in warning for warning in posting.warnings)


def test_a_resume_with_dated_roles_reads_like_a_resume_even_with_few_resume_headings() -> None:
    resume_text = (
        "Margaret Lee\nSummary\nAccountant.\nExperience\nAccounting Manager, Copperfield | 2019 – present\n"
        "- Wrote SQL reports\nSenior Auditor, Whitcombe | 2013 – 2019\n- Led audits\nEducation\nBS Accounting\n"
        "Skills\nSQL\n"
    )
    assert read_posting_text(resume_text, load_taxonomy()).resume_like


def test_a_posting_giving_the_dates_of_its_internship_does_not_read_like_a_resume() -> None:
    posting_text = (
        "Data Science Intern\nRequirements\n- Python\nEducation\nEnrolled in a BS program\n"
        "Internship: June 2025 – August 2025\n"
    )
    assert not read_posting_text(posting_text, load_taxonomy()).resume_like


def test_a_real_posting_does_not_read_like_a_resume(target: JobTarget) -> None:
    assert not target.resume_like


def test_an_empty_posting_is_a_usage_error_naming_it(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    with pytest.raises(Exception, match="empty.txt: the job posting is empty") as raised:
        read_posting(empty, load_taxonomy())
    assert raised.value.exit_code == 2  # type: ignore[attr-defined]


def test_a_resume_with_experience_and_skills_headings_still_reads_like_a_resume() -> None:
    resume_text = (
        "Alex Kim\nSummary\nBackend developer.\nExperience\n- Built Python services\n"
        "Education\nBSc Physics\nSkills\nPython, SQL\nLearning\nRust\n"
    )
    assert read_posting_text(resume_text, load_taxonomy()).resume_like


def test_a_degree_sentence_keeps_the_tools_it_asks_for_but_not_its_fields() -> None:
    posting = read_posting_text(
        "Backend Engineer\nQualifications\n- BS in Computer Science, Statistics or a related field and "
        "3+ years of experience with Java\n",
        load_taxonomy(),
    )
    assert [(item.skill_id, item.years) for item in posting.requirements] == [("java", 3)]
    assert len(posting.degrees) == 1


def test_one_of_a_list_makes_the_whole_list_alternatives() -> None:
    posting = read_posting_text(
        "Backend Engineer\nRequirements\n- Experience with one or more of: Python, Ruby, Java\n",
        load_taxonomy(),
    )
    assert posting.requirement("python").alternatives == ("ruby", "java")


def test_a_list_left_open_makes_its_skills_alternatives() -> None:
    posting = read_posting_text(
        "Data Engineer\nRequirements\n- Knowledge of AWS, GCP or similar\n", load_taxonomy()
    )
    assert posting.requirement("aws").alternatives == ("gcp",)


def test_a_list_in_parentheses_gives_examples_any_of_which_will_do() -> None:
    posting = read_posting_text(
        "Data Engineer\nRequirements\n- Experience with at least one cloud provider (AWS, GCP, Azure)\n",
        load_taxonomy(),
    )
    assert posting.requirement("aws").alternatives == ("gcp", "azure")


def test_or_another_makes_the_broader_skill_an_alternative() -> None:
    posting = read_posting_text(
        "Data Engineer\nRequirements\n- Postgres or MySQL (or another relational database)\n", load_taxonomy()
    )
    assert posting.requirement("postgresql").alternatives == ("mysql", "relational_databases")


def test_a_closed_comma_list_keeps_its_skills_apart() -> None:
    posting = read_posting_text("Data Engineer\nRequirements\n- Python, SQL, Airflow\n", load_taxonomy())
    assert [item.alternatives for item in posting.requirements] == [(), (), ()]


def test_or_a_similar_tool_leaves_the_list_open() -> None:
    posting = read_posting_text(
        "Data Engineer\nRequirements\n- Airflow, Dagster, or a similar orchestrator\n", load_taxonomy()
    )
    assert posting.requirement("apache_airflow").alternatives == ("dagster",)


def test_the_tech_stack_line_names_what_the_job_uses_not_must_haves() -> None:
    posting = read_posting_text(
        "Data Engineer\nRequirements\n- Strong SQL\nTech stack: dbt, Terraform\n", load_taxonomy()
    )
    assert posting.requirement("sql").importance == "core"
    assert posting.requirement("terraform").importance == "important"


def test_a_demand_naming_no_skill_is_listed_as_written_and_not_scored() -> None:
    posting = read_posting_text(
        "Product Manager\nRequirements\n- 4+ years of product management for B2B software\n- Strong SQL\n",
        load_taxonomy(),
    )
    assert [(line.text, line.importance) for line in posting.unscored] == [
        ("4+ years of product management for B2B software", "core")
    ]
    assert [item.skill_id for item in posting.requirements] == ["sql"]

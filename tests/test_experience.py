"""Specification of experience over time: dated entries, months per skill, total and seniority."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from analyzer import analyze, analyze_text
from analyzer.document import Line
from analyzer.experience import date_ranges, find_entries, month_text, parse_month
from analyzer.sections import Section as ResumeSection
from tests.resume_pdf import Resume, Section

AS_OF = parse_month("2026-12")


def ranges(text: str) -> list[tuple[str, str | None, str]]:
    return [
        (month_text(found.start), None if found.end is None else month_text(found.end), found.precision)
        for found in date_ranges(text)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jan 2020 – Present", ("2020-01", None, "month")),
        ("01/2019 - 06/2021", ("2019-01", "2021-06", "month")),
        ("2018–2020", ("2018-01", "2020-12", "year")),
        ("Summer 2021", ("2021-06", "2021-08", "month")),
        ("Mar. 2017 to Sep. 2019", ("2017-03", "2019-09", "month")),
        ("2021 - now", ("2021-01", None, "year")),
        ("since 2019", ("2019-01", None, "year")),
        ("Jan 2020 – Mar 2022 (2 yrs 3 mos)", ("2020-01", "2022-03", "month")),
        ("ene. 2020 – actualidad", ("2020-01", None, "month")),
        ("seit 2019", ("2019-01", None, "year")),
        ("depuis 2018", ("2018-01", None, "year")),
        ("Janeiro/2007 - Novembro/2013", ("2007-01", "2013-11", "month")),
        ("März 2018 – Dez. 2020", ("2018-03", "2020-12", "month")),
        ("01 Janvier, 2019 - 27 Septembre, 2019", ("2019-01", "2019-09", "month")),
        ("April - June 2011", ("2011-04", "2011-06", "month")),
        ("June 2023–2024", ("2023-06", "2024-12", "year")),
        ("Fall 2021–Present", ("2021-09", None, "month")),
        ("Sep. 2023 Mar. 2024", ("2023-09", "2024-03", "month")),
        ("Data Engineer\tMay 2021", ("2021-05", "2021-05", "month")),
        ("B.S. Computer Science, State University, 2019", ("2019-01", "2019-12", "year")),
        ("2022 –\tCommunity Builder, AWS", ("2022-01", None, "year")),
        ("[ 31 May 2023 ]", ("2023-05", "2023-05", "month")),
    ],
)
def test_every_date_form_resumes_use_is_read(text: str, expected: tuple[str, str | None, str]) -> None:
    assert ranges(text) == [expected]


def test_two_summers_written_as_one_date_are_two_entries() -> None:
    assert ranges("Summer 2012 and 2013") == [
        ("2012-06", "2012-08", "month"),
        ("2013-06", "2013-08", "month"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Cut latency by 40% in 2019 while migrating the API.",
        "Chosen as a KPCB Fellow 2014.",
        "Python 3.10, 2500 users",
    ],
)
def test_a_year_inside_a_sentence_is_no_date(text: str) -> None:
    assert ranges(text) == []


def test_a_footer_date_with_its_day_is_no_entry() -> None:
    assert ranges("February 10, 2026") == []


RESUME = """Jane Doe
Experience
Machine Learning Engineer, Acme Corp — Jan 2020 – Present
- Trained models with PyTorch; served them with Docker.
Data Analyst | Beta Inc | 01/2017 - 12/2019
- Dashboards in SQL and Python; Docker for the ETL jobs.
Projects
Chess engine in Rust, 2022
Education
B.S. Computer Science, State University, 2013–2017
Skills
Python, Kubernetes
"""


def test_each_dated_entry_is_reported_with_section_title_org_and_dates() -> None:
    entries = analyze_text(RESUME, as_of=AS_OF).to_dict()["experience"]["entries"]
    assert [
        {key: entry[key] for key in ("section", "title", "org", "start", "end", "precision")}
        for entry in entries
    ] == [
        {
            "section": "experience",
            "title": "Machine Learning Engineer",
            "org": "Acme Corp",
            "start": "2020-01",
            "end": None,
            "precision": "month",
        },
        {
            "section": "experience",
            "title": "Data Analyst",
            "org": "Beta Inc",
            "start": "2017-01",
            "end": "2019-12",
            "precision": "month",
        },
        {
            "section": "projects",
            "title": "Chess engine in Rust",
            "org": None,
            "start": "2022-01",
            "end": "2022-12",
            "precision": "year",
        },
        {
            "section": "education",
            "title": "B.S. Computer Science",
            "org": "State University",
            "start": "2013-01",
            "end": "2017-12",
            "precision": "year",
        },
    ]


def test_total_months_merge_experience_overlaps_and_leave_out_projects_and_education() -> None:
    report = analyze_text(RESUME, as_of=AS_OF).to_dict()
    assert report["experience"]["total_months"] == 84 + 36
    assert report["as_of"] == "2026-12"


def test_a_skill_counts_the_months_of_every_experience_entry_that_mentions_it() -> None:
    skills = {skill["id"]: skill for skill in analyze_text(RESUME, as_of=AS_OF).to_dict()["skills"]}
    assert (skills["docker"]["months"], skills["docker"]["first_used"], skills["docker"]["last_used"]) == (
        120,
        "2017-01",
        "2026-12",
    )
    assert (skills["sql"]["months"], skills["sql"]["last_used"]) == (36, "2019-12")


def test_a_skill_only_listed_has_unknown_months_not_zero() -> None:
    skills = {skill["id"]: skill for skill in analyze_text(RESUME, as_of=AS_OF).to_dict()["skills"]}
    assert (skills["kubernetes"]["months"], skills["kubernetes"]["last_used"]) == (None, None)


def test_present_is_the_as_of_month() -> None:
    earlier = analyze_text(RESUME, as_of=parse_month("2020-12")).to_dict()
    assert earlier["experience"]["total_months"] == 12 + 36


def test_overlapping_jobs_count_their_shared_months_once() -> None:
    text = "Experience\nEngineer, A Corp, 2019\nAnalyst, B Corp, Jun 2019 - May 2020\n"
    assert analyze_text(text, as_of=AS_OF).to_dict()["experience"]["total_months"] == 17


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Experience\nEngineer, A Corp, Jan 2016 - Dec 2025\n", "senior"),
        ("Experience\nEngineer, A Corp, Jan 2023 - Dec 2025\n", "mid"),
        ("Experience\nEngineer, A Corp, Jan 2025 - Dec 2025\n", "junior"),
        (
            "Experience\nIntern, A Corp, Summer 2026\nEducation\nB.S., State University, 2023 - Present\n",
            "student",
        ),
    ],
)
def test_seniority_follows_the_documented_thresholds_with_a_reason(text: str, level: str) -> None:
    experience = analyze_text(text, as_of=AS_OF).to_dict()["experience"]
    assert experience["seniority"] == level
    assert "months of professional experience" in experience["seniority_reason"]


@pytest.mark.parametrize(
    "line",
    ["Engineer, A Corp, 2020 - 2018", "Engineer, A Corp, 2099 - Present", "Engineer, A Corp, 1900 - 1903"],
)
def test_nonsense_dates_are_ignored_with_a_warning(line: str) -> None:
    report = analyze_text(f"Experience\n{line}\n- Python\n", as_of=AS_OF).to_dict()
    assert report["experience"]["entries"] == []
    assert report["experience"]["total_months"] == 0
    assert any("ignored a date on page 1, line 2" in warning for warning in report["warnings"])


def test_warnings_about_dates_never_quote_the_resume() -> None:
    report = analyze_text("Experience\nSecret Project Falcon, 2020 - 2018\n", as_of=AS_OF)
    assert not any("Falcon" in warning for warning in report.warnings)


def test_a_dated_project_inside_a_job_dates_its_own_skills() -> None:
    text = (
        "Experience\nAI Developer, Zeta Labs, May 2024 - Present\n"
        "Chatbot platform, Nov 2024 - Jun 2025\n- Built with FastAPI and LangChain.\n"
    )
    report = analyze_text(text, as_of=AS_OF).to_dict()
    skills = {skill["id"]: skill["months"] for skill in report["skills"]}
    assert skills["fastapi"] == 8
    assert report["experience"]["total_months"] == 32


def test_two_roles_above_one_list_of_bullets_share_it() -> None:
    text = (
        "Experience\nSenior Engineer, Bank Tech, Mar 2020 - Aug 2022\nEngineer, Bank Tech, Aug 2018 - Feb 2020\n"
        "- Pipelines with Apache Airflow.\n"
    )
    skills = {skill["id"]: skill["months"] for skill in analyze_text(text, as_of=AS_OF).to_dict()["skills"]}
    assert skills["apache_airflow"] == 49


def test_spanish_headings_and_month_names_make_entries() -> None:
    text = "EXPERIENCIA PROFESIONAL\nCientífico de Datos, Agencia, ene. 2020 – actualidad\n- Modelos con XGBoost.\n"
    experience = analyze_text(text, as_of=AS_OF).to_dict()["experience"]
    assert [(entry["section"], entry["start"], entry["end"]) for entry in experience["entries"]] == [
        ("experience", "2020-01", None)
    ]


def test_entries_list_the_skills_used_in_them() -> None:
    entries = analyze_text(RESUME, as_of=AS_OF).to_dict()["experience"]["entries"]
    assert {"pytorch", "docker"} <= set(entries[0]["skills"])
    assert "sql" not in entries[0]["skills"]


TWO_COLUMN_DATES = Resume(
    name="Riley Stone",
    contact="riley@example.com",
    main=(
        Section(
            "Experience",
            (
                "**Data Scientist**, Northwind Analytics",
                "Jun 2021 – Present",
                "• Forecasting models with Prophet and scikit-learn.",
                "**Data Analyst**, Contoso Retail",
                "Mar. 2018 to Sep. 2020",
                "• Reporting in SQL and Tableau.",
            ),
            columns=2,
        ),
        Section("Education", ("**B.Sc. Statistics**, Lakeside University, 2014–2018",)),
    ),
)


def test_dates_in_their_own_column_of_a_pdf_date_the_entry_beside_them(
    write_pdf: Callable[..., Path],
) -> None:
    report = analyze(write_pdf(TWO_COLUMN_DATES), as_of=AS_OF).to_dict()
    entries = [(entry["section"], entry["start"], entry["end"]) for entry in report["experience"]["entries"]]
    assert ("experience", "2021-06", None) in entries
    assert ("experience", "2018-03", "2020-09") in entries
    assert ("education", "2014-01", "2018-12") in entries
    assert report["experience"]["total_months"] == 67 + 31


def test_a_range_split_over_two_lines_of_a_pdf_is_one_range(write_pdf: Callable[..., Path]) -> None:
    resume = Resume(
        name="Sam Park",
        contact="sam@example.com",
        main=(Section("Experience", ("**Product Manager**, Initech, 2017 –", "Present", "• Roadmaps.")),),
    )
    entries = analyze(write_pdf(resume), as_of=AS_OF).to_dict()["experience"]["entries"]
    assert [(entry["start"], entry["end"], entry["precision"]) for entry in entries] == [
        ("2017-01", None, "year")
    ]


def test_separators_inside_brackets_stay_in_the_title() -> None:
    text = "Experience\nData Scientist (intern, then full time), Harborview Analytics, Jun 2019 - Jun 2020\n"
    entry = analyze_text(text, as_of=AS_OF).to_dict()["experience"]["entries"][0]
    assert (entry["title"], entry["org"]) == (
        "Data Scientist (intern, then full time)",
        "Harborview Analytics",
    )


def test_a_list_of_named_events_is_no_entry() -> None:
    text = "Education\nB.S. Computer Science, State University, 2011-2015\nKubeCon 2019, Velocity 2019, OSCON 2019\n"
    entries = analyze_text(text, as_of=AS_OF).to_dict()["experience"]["entries"]
    assert [(entry["start"], entry["end"]) for entry in entries] == [("2011-01", "2015-12")]


def test_labels_repeated_inside_every_entry_do_not_end_the_experience() -> None:
    block = "Proyectos\n- Fraud models with XGBoost.\nTecnologías\n- Python, Spark.\n"
    text = (
        "EXPERIENCIA PROFESIONAL\n"
        f"Jefe de Área, Agencia Tributaria, 2021 - 2023\n{block}"
        f"Analista, Agencia Tributaria, 2017 - 2020\n{block}"
        f"Programador, Banco Sur, 2013 - 2016\n{block}"
    )
    entries = analyze_text(text, as_of=AS_OF).to_dict()["experience"]["entries"]
    assert [(entry["section"], entry["start"]) for entry in entries] == [
        ("experience", "2021-01"),
        ("experience", "2017-01"),
        ("experience", "2013-01"),
    ]


def _line(text: str, number: int, size: float = 9.0, x0: float = 50.0, bold: bool = False) -> Line:
    return Line(text, 1, number, x0=x0, top=20.0 * number, x1=x0 + 300, bottom=20.0 * number + 9, font_size=size, bold=bold)


def test_a_sub_heading_set_larger_than_the_text_changes_the_kind_of_entries() -> None:
    awards = ResumeSection(
        "awards",
        "Honors & Awards",
        (
            _line("2021\tFirst Place, Cloud GameDay", 2),
            _line("Community", 3, size=12.0, x0=40.0),
            _line("2022 –\tHashiCorp Ambassador, HashiCorp", 4),
        ),
    )
    entries, _ = find_entries([awards], AS_OF)
    assert [(entry.section, month_text(entry.start), entry.end) for entry in entries] == [
        ("volunteering", "2022-01", None)
    ]


def test_an_entry_title_styled_like_a_heading_keeps_its_dates() -> None:
    title = _line("Actualidad\tJefe de Área", 2, bold=True)
    sections = [
        ResumeSection("experience", "EXPERIENCIA PROFESIONAL", (), _line("EXPERIENCIA PROFESIONAL", 1, bold=True)),
        ResumeSection("other", title.text, (_line("|\tAgencia Tributaria", 3), _line("2025\tModelos de fraude", 4)), title),
    ]
    entries, _ = find_entries(sections, AS_OF)
    assert [(entry.section, month_text(entry.start), entry.end) for entry in entries] == [
        ("experience", "2025-01", None)
    ]


def test_a_year_between_names_on_a_degree_line_dates_the_degree() -> None:
    text = (
        "Education\n"
        "Master of Business Administration : Finance 2011 University of Delaware , City , State , USA\n"
    )
    entries = analyze_text(text, as_of=AS_OF).to_dict()["experience"]["entries"]
    assert [(entry["section"], entry["start"], entry["end"]) for entry in entries] == [
        ("education", "2011-01", "2011-12")
    ]


def test_a_dated_award_in_a_job_description_is_no_entry() -> None:
    text = (
        "Experience\nInvestment Accountant, BNY Mellon, 10/2012 to 11/2015\n"
        "- Award: Received a special achievement award at BNY Mellon Bank in Asset Servicing\n"
        "achievement award (Dec 2014.\n"
    )
    entries = analyze_text(text, as_of=AS_OF).to_dict()["experience"]["entries"]
    assert [(entry["start"], entry["end"]) for entry in entries] == [("2012-10", "2015-11")]


def test_a_heading_hyphenated_over_two_lines_is_read_whole() -> None:
    sections = [
        ResumeSection("other", "CONFERENCES AND SEM-", (), _line("CONFERENCES AND SEM-", 1, bold=True)),
        ResumeSection("other", "INARS", (_line("[ Oct 2025 – Jan 2026 ]\tTechnical Writing Course", 3),), _line("INARS", 2, bold=True)),
    ]
    entries, _ = find_entries(sections, AS_OF)
    assert [(entry.section, month_text(entry.start)) for entry in entries] == [("education", "2025-10")]


def test_a_wrapped_sentence_below_an_entry_is_not_the_next_entry_s_title() -> None:
    text = (
        "Experience\n"
        "Software Engineer\tJun 2021 - Dec 2022\n"
        "- Shipped plugin search end-to-end, increasing plugin discovery by 25% within first quarter\n"
        "through robust API design and performance tuning\n"
        "Software Engineer\tJul 2019 - May 2021\n"
        "- Developed API integrations for Notion workspaces.\n"
    )
    report = analyze_text(text, as_of=AS_OF).to_dict()
    months = {skill["id"]: skill["months"] for skill in report["skills"]}
    assert months["api_design"] == 19


def test_a_skill_named_in_a_job_title_counts_the_months_of_that_job() -> None:
    text = (
        "Skills\nMERN stack, Docker\n"
        "Experience\n"
        "MERN Stack Developer, OpenAI, Jun 2020 - Dec 2020\n- Chat features with React.\n"
        "Full Stack Developer, Uber, Jan 2019 - May 2020\n- Web apps with the MERN stack and Docker.\n"
    )
    months = {skill["id"]: skill["months"] for skill in analyze_text(text, as_of=AS_OF).to_dict()["skills"]}
    assert months["mern_stack"] == 7 + 17


def test_a_skill_named_inside_a_longer_name_counts_where_that_name_is_used() -> None:
    text = (
        "Skills\nAWS, Python\n"
        "Experience\n"
        "Data Engineer, Northwind, Jan 2022 - Dec 2022\n- ETL jobs on AWS Glue and AWS Lambda.\n"
        "Data Analyst, Contoso, Jan 2020 - Dec 2021\n- Reports in Python.\n"
    )
    months = {skill["id"]: skill["months"] for skill in analyze_text(text, as_of=AS_OF).to_dict()["skills"]}
    assert months["aws"] == 12


def test_a_first_page_sidebar_does_not_end_the_jobs_going_on_overleaf() -> None:
    def at(text: str, page: int, number: int, x0: float) -> Line:
        return Line(text, page, number, x0=x0, top=20.0 * number, x1=x0 + 150, bottom=20.0 * number + 9, font_size=9.0)

    sections = [
        ResumeSection("experience", "EXPERIENCE", (at("2021 – 2023\tData Scientist, Northwind", 1, 2, 40.0),), at("EXPERIENCE", 1, 1, 40.0)),
        ResumeSection(
            "skills",
            "SKILLS",
            (at("Python, SQL", 1, 4, 420.0), at("2018 – 2020\tData Analyst, Contoso", 2, 1, 40.0)),
            at("SKILLS", 1, 3, 420.0),
        ),
    ]
    entries, _ = find_entries(sections, AS_OF)
    assert [(entry.section, month_text(entry.start)) for entry in entries] == [
        ("experience", "2021-01"),
        ("experience", "2018-01"),
    ]


def test_a_name_with_symbols_is_not_found_inside_another_name() -> None:
    text = "Skills\nC++, C#\nExperience\nBackend Developer, Acme, Jan 2020 - Dec 2020\n- Services in C#.\n"
    months = {skill["id"]: skill["months"] for skill in analyze_text(text, as_of=AS_OF).to_dict()["skills"]}
    assert (months["csharp"], months["cpp"]) == (12, None)

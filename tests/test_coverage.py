"""Coverage: graded competency strength, best fit on what distinguishes a path, suggestions a
mentor would give, and the learning plan."""

from __future__ import annotations

import pytest

from analyzer import analyze_text
from analyzer.report import PathResult, Report
from skills import load_taxonomy

ML_RESUME = """EXPERIENCE
Machine Learning Engineer, Acme
- Trained gradient boosting models with XGBoost and scikit-learn, and deep models in PyTorch.
- Evaluated them with ROC AUC, precision and recall, and cross-validation.
- Built feature pipelines in pandas and SQL, scheduled with Airflow; tracked runs in MLflow.
- Served models with FastAPI in Docker on AWS SageMaker and monitored drift.
SKILLS
Python, statistics, linear algebra, probability
"""

AI_RESUME = """EXPERIENCE
AI Engineer, Beta
- Built a RAG assistant with LangChain, the OpenAI API and Pinecone; prompt engineering and evals.
- Built an agent with function calling over our REST API in FastAPI; deployed with Docker on AWS.
- Added speech input with Whisper and document OCR with Azure Document Intelligence.
SKILLS
Python, TypeScript, PostgreSQL, Git
"""

WEB_DEVELOPER = """EXPERIENCE
Full-stack developer, Gamma
- Built the storefront in React and TypeScript with a Node.js and Express REST API.
- PostgreSQL schema design, Redis caching, Docker, GitHub Actions CI/CD and AWS deployments.
- Wrote unit tests with Jest and reviewed code daily; Git and trunk-based development.
"""


def _competency(report: Report, path_id: str, competency_id: str):
    return next(item for item in report.path(path_id).competencies if item.id == competency_id)


def test_coverage_is_the_weighted_mean_of_competency_strengths() -> None:
    report = analyze_text(ML_RESUME)
    for path in report.paths:
        total = sum(item.weight for item in path.competencies)
        mean = sum(item.weight * item.strength for item in path.competencies) / total
        assert path.coverage == pytest.approx(mean, abs=1e-3)


def test_one_listed_tool_never_covers_a_competency() -> None:
    item = _competency(analyze_text("Skills: PyTorch"), "ml_engineer", "ml_frameworks")
    assert 0 < item.strength < load_taxonomy().scoring.covered_threshold
    assert not item.covered


def test_several_skills_used_at_work_cover_a_competency_nearly_in_full() -> None:
    item = _competency(analyze_text(ML_RESUME), "ml_engineer", "model_training")
    assert item.covered and item.strength >= 0.85


def test_use_at_work_shows_more_than_a_listing_which_shows_more_than_an_award() -> None:
    at_work = _competency(analyze_text("Experience\nBuilt services in Python."), "ml_engineer", "programming")
    listed = _competency(analyze_text("Skills\nPython"), "ml_engineer", "programming")
    award = _competency(analyze_text("Awards\nPython Software Foundation grant"), "ml_engineer", "programming")
    assert at_work.strength > listed.strength > award.strength > 0


def test_a_fuzzy_match_counts_less_than_an_exact_one() -> None:
    exact = _competency(analyze_text("Skills: Kubernetes"), "ai_engineer", "ai_testing_deployment")
    fuzzy = _competency(analyze_text("Skills: Kubernets"), "ai_engineer", "ai_testing_deployment")
    assert 0 < fuzzy.strength < exact.strength


def test_a_competency_lists_its_skills_strongest_first() -> None:
    item = _competency(analyze_text("Skills: Java\nExperience\nWrote Python daily."), "ai_engineer", "programming")
    assert item.skills == ("python", "java")


def test_an_implied_parent_adds_strength_but_is_not_a_claimed_skill() -> None:
    report = analyze_text("Skills: PyTorch")
    assert [skill.id for skill in report.skills] == ["pytorch"]
    implied_only = {
        cid
        for member in load_taxonomy().implied_closure("pytorch")[1:]
        for cid in load_taxonomy().skills[member].competencies
    } - set(load_taxonomy().skills["pytorch"].competencies)
    assert implied_only, "PyTorch should imply a broader skill with competencies of its own"
    for competency in implied_only & {item.id for item in report.path("ml_engineer").competencies}:
        assert _competency(report, "ml_engineer", competency).skills == ("pytorch",)


def test_nothing_claimed_covers_nothing_and_fits_no_path() -> None:
    report = analyze_text("Enjoys hiking and cooking.")
    assert all(path.coverage == 0 and path.focus == 0 for path in report.paths)
    assert report.best_fit is None
    assert report.best_fit_reason.startswith("Neither path yet")


def test_an_ml_resume_fits_ml_engineer_with_a_reason() -> None:
    report = analyze_text(ML_RESUME)
    assert report.best_fit == "ml_engineer"
    assert report.best_fit_reason.startswith("ML Engineer:")
    assert "shown in work" in report.path("ml_engineer").reason


def test_an_llm_application_resume_fits_ai_engineer() -> None:
    assert analyze_text(AI_RESUME).best_fit == "ai_engineer"


def test_a_web_developer_without_ai_or_ml_work_fits_neither_path() -> None:
    report = analyze_text(WEB_DEVELOPER)
    assert report.best_fit is None
    assert report.path("ai_engineer").coverage > report.path("ai_engineer").focus
    assert report.path("ai_engineer").reason.startswith("No Generative AI")


def test_shared_ground_never_distinguishes_a_path() -> None:
    taxonomy = load_taxonomy()
    shared = {"programming", "software_engineering", "system_design", "api_integration", "cloud_services"}
    for path in taxonomy.paths.values():
        assert not {entry.id for entry in path.competencies if entry.distinguishing} & shared


def test_role_titles_decide_between_paths_whose_skills_are_close() -> None:
    work = (
        "EXPERIENCE\n- Fine-tuned BERT with Hugging Face Transformers in PyTorch; trained XGBoost and "
        "scikit-learn models with feature engineering, cross-validation and ROC AUC.\n"
        "- Built pandas and SQL pipelines in Airflow, served models on SageMaker and tracked them in MLflow.\n"
        "- Built a RAG chatbot with the OpenAI API.\n"
    )
    as_ai = analyze_text("Jane Doe\nGenerative AI Engineer\n" + work)
    as_ml = analyze_text("Jane Doe\nMachine Learning Engineer\n" + work)
    assert abs(as_ai.path("ai_engineer").focus - as_ai.path("ml_engineer").focus) < 0.15
    assert as_ai.path("ai_engineer").titles == 1 and as_ml.path("ml_engineer").titles == 1
    assert (as_ai.best_fit, as_ml.best_fit) == ("ai_engineer", "ml_engineer")


def test_a_title_naming_both_paths_counts_for_both_and_not_as_its_inner_title() -> None:
    report = analyze_text("Jane Doe\nAI/ML Engineer\nSkills: Python")
    assert [path.titles for path in report.paths] == [1, 1]


def test_missing_lists_every_uncovered_competency_with_its_strength() -> None:
    report = analyze_text("Skills: PyTorch")
    path = report.path("ml_engineer")
    assert {gap.id for gap in path.missing} == {item.id for item in path.competencies if not item.covered}
    partial = next(gap for gap in path.missing if gap.id == "ml_frameworks")
    assert partial.strength > 0


# What a mentor would have a newcomer learn first for each gap: the first suggestion is one of these.
FIRST_SUGGESTIONS = {
    "ml_frameworks": {"pytorch", "scikit_learn", "tensorflow"},
    "model_training": {"pytorch", "scikit_learn", "tensorflow", "supervised_learning"},
    "generative_ai": {"openai_api", "prompt_engineering", "rag"},
    "nlp": {"huggingface_transformers", "spacy", "nltk"},
    "computer_vision": {"opencv", "cnn"},
    "software_engineering": {"git", "unit_testing", "code_review"},
    "api_integration": {"rest_api", "fastapi", "flask"},
    "math_statistics": {"statistics", "probability", "linear_algebra"},
    "data_preparation": {"pandas", "sql"},
    "mlops_monitoring": {"mlflow", "docker", "ci_cd"},
    "cloud_services": {"aws", "gcp", "azure"},
    "cloud_deployment": {"aws_sagemaker", "gcp_vertex_ai", "azure_ml", "aws", "gcp", "azure"},
    "evaluation_metrics": {"model_evaluation", "precision_recall", "roc_auc", "confusion_matrix"},
    "data_pipelines": {"etl", "apache_airflow", "apache_spark", "sql"},
}


@pytest.mark.parametrize("competency", sorted(FIRST_SUGGESTIONS))
def test_a_gap_is_first_suggested_a_foundational_widely_used_skill(competency: str) -> None:
    report = analyze_text("Enjoys hiking and cooking.")
    gaps = {gap.id: gap for path in report.paths for gap in path.missing}
    first = gaps[competency].suggested_skills[0]
    assert first.id in FIRST_SUGGESTIONS[competency]
    assert first.foundational


def test_every_competency_of_a_shipped_path_has_skills_to_learn_first() -> None:
    taxonomy = load_taxonomy()
    for path in taxonomy.paths.values():
        for entry in path.competencies:
            assert taxonomy.competencies[entry.id].learn_first, entry.id


def test_suggestions_never_name_a_skill_the_resume_shows_under_any_alias() -> None:
    report = analyze_text("Skills: sklearn, torch, Sagemaker")
    shown = {"scikit_learn", "pytorch", "aws_sagemaker"}
    for path in report.paths:
        for gap in path.missing:
            assert not shown & {skill.id for skill in gap.suggested_skills}
        assert not shown & {step.id for step in path.plan}


def _plan_order_holds(path: PathResult, shown: set[str]) -> None:
    seen: set[str] = set(shown)
    for step in path.plan:
        assert all(required in seen for required in step.requires), (step.id, step.requires)
        seen.add(step.id)


def test_a_plan_puts_prerequisites_before_the_skills_that_need_them() -> None:
    report = analyze_text("Experience\nKept the accounts in Excel.")
    for path in report.paths:
        assert path.plan
        _plan_order_holds(path, {skill.id for skill in report.skills})
    ml_plan = [step.id for step in report.path("ml_engineer").plan]
    assert "python" in load_taxonomy().skills["scikit_learn"].requires
    assert ml_plan.index("python") < ml_plan.index("scikit_learn")


def test_a_plan_takes_core_gaps_before_important_and_nice_ones() -> None:
    rank = {"core": 0, "important": 1, "nice": 2}
    for path in analyze_text(WEB_DEVELOPER).paths:
        importance = {item.id: item.importance for item in path.competencies}
        chosen = [rank[importance[step.gap]] for step in path.plan if step.gap]
        assert chosen == sorted(chosen)


def test_each_plan_step_says_which_gaps_it_closes_and_why() -> None:
    for step in analyze_text(WEB_DEVELOPER).path("ml_engineer").plan:
        assert step.why
        if step.gap:
            assert step.gap in step.closes


def test_a_plan_notes_a_skill_already_being_learned() -> None:
    report = analyze_text("Skills: Python\nCurrently learning pandas.")
    step = next(step for step in report.path("ml_engineer").plan if step.id == "pandas")
    assert "already learning" in step.why


def _ml_frameworks_strength(dates: str) -> float:
    text = f"EXPERIENCE\nData Scientist, Acme | {dates}\n- Trained models in PyTorch and scikit-learn.\n"
    return _competency(analyze_text(text), "ml_engineer", "ml_frameworks").strength


def test_recent_long_use_at_work_counts_more_than_old_or_brief_use() -> None:
    recent_and_long = _ml_frameworks_strength("2024 - Present")
    assert recent_and_long > _ml_frameworks_strength("2010 - 2012")
    assert recent_and_long > _ml_frameworks_strength("Jan 2026 - Mar 2026")


def test_undated_use_at_work_counts_as_it_is() -> None:
    undated = _competency(
        analyze_text("EXPERIENCE\n- Trained models in PyTorch and scikit-learn.\n"), "ml_engineer", "ml_frameworks"
    )
    assert undated.strength == pytest.approx(_ml_frameworks_strength("2024 - Present"))

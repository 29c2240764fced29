"""Regenerate the sample resume PDFs in examples/resumes/.

Run it from the repository root::

    pip install '.[test]'   # reportlab, which draws the PDFs
    python examples/make_sample_resumes.py

The PDFs are drawn by ``tests/resume_pdf.py``, the same module the tests use,
so the examples exercise the layouts the extractor is tested against: one
column, two columns and sidebars.  Everyone in them is fictional and every
e-mail address is at example.com.  Output is deterministic, so running the
script again only changes the files whose content was edited here.

The ML engineer's resume deliberately contains wording that a naive keyword
matcher misreads ("go live", "Acme AI Labs", "reacted to", "sparked",
"currently learning Rust"); skillgap should not count those as skills.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))  # so that "tests.resume_pdf" imports

from tests.resume_pdf import Resume, Section, render_resume

OUT_DIR = REPO_ROOT / "examples" / "resumes"

JORDAN_LEE = Resume(
    name="Jordan Lee",
    contact=(
        "jordan.lee@example.com | +1 555 0117 | Seattle, WA | "
        "github.com/jordanlee-ml | linkedin.com/in/jordan-lee-example"
    ),
    main=(
        Section(
            "Summary",
            (
                (
                    "Machine learning engineer with five years of experience taking "
                    "models from notebook to production: ranking and forecasting "
                    "models in PyTorch and XGBoost, feature pipelines on Spark, and "
                    "the serving, monitoring and retraining around them. Comfortable "
                    "owning a model end to end, from the offline metric to the A/B "
                    "test that decides whether it is ready to go live."
                ),
            ),
        ),
        Section(
            "Experience",
            (
                ("**Senior Machine Learning Engineer**, Acme AI Labs, Seattle, WA | Mar 2022 \u2013 Present"),
                (
                    "\u2022 Trained and shipped a two-tower PyTorch retrieval model for "
                    "product recommendations; +6.8% click-through in a four-week A/B "
                    "test across 12M weekly users."
                ),
                (
                    "\u2022 Reduced p95 inference latency by 40% by exporting models to "
                    "ONNX, batching requests and moving serving to GPU nodes on "
                    "Kubernetes (EKS)."
                ),
                (
                    "\u2022 Built the training and deployment pipeline on AWS SageMaker: "
                    "nightly retraining, model registry in MLflow, canary rollout "
                    "with automatic rollback."
                ),
                (
                    "\u2022 Added drift and data-quality monitoring with Prometheus and "
                    "Grafana dashboards; reacted to production incidents as part of "
                    "a weekly on-call rotation."
                ),
                (
                    "\u2022 Mentored three junior engineers and sparked a team-wide "
                    "initiative to write design docs before starting new models."
                ),
                ("**Machine Learning Engineer**, Nimbus AI, Remote | Jul 2020 \u2013 Feb 2022"),
                (
                    "\u2022 Built batch feature pipelines with Apache Spark and Airflow "
                    "over 4 TB/day of clickstream events, streamed from Kafka."
                ),
                (
                    "\u2022 Developed demand forecasting models (gradient-boosted trees "
                    "with XGBoost and LightGBM) that cut forecast error (MAPE) from "
                    "18% to 11%."
                ),
                (
                    "\u2022 Containerised model services with Docker and wrote the "
                    "Terraform for their AWS infrastructure (ECS, S3, IAM)."
                ),
                (
                    "\u2022 Wrote the offline evaluation library used by four teams: "
                    "backtesting, calibration plots and significance tests."
                ),
                (
                    "**Data Scientist** (intern, then full time), Harborview Analytics, "
                    "Portland, OR | Jun 2019 \u2013 Jun 2020"
                ),
                (
                    "\u2022 Built churn models in scikit-learn and presented the findings "
                    "to product and sales leadership."
                ),
                (
                    "\u2022 Moved ad-hoc SQL reports to scheduled jobs on PostgreSQL, "
                    "saving analysts about a day a week."
                ),
            ),
        ),
        Section(
            "Projects",
            (
                (
                    "\u2022 tinyserve (open source): a minimal model server in Python "
                    "and C++ with dynamic batching; 600+ stars on GitHub."
                ),
                (
                    "\u2022 Kaggle: top 3% in a tabular time-series competition, using "
                    "LightGBM and careful cross-validation."
                ),
            ),
        ),
        Section(
            "Education",
            (
                "**M.S. Computer Science**, University of Washington | 2019",
                (
                    "Coursework: machine learning, deep learning, linear algebra, "
                    "probability and statistics, distributed systems."
                ),
                "**B.S. Mathematics**, Oregon State University | 2017",
            ),
        ),
    ),
    side=(
        Section(
            "Technical Skills",
            (
                "Languages: Python, SQL, C++, Scala",
                "ML: PyTorch, TensorFlow, scikit-learn, XGBoost, LightGBM",
                "Data: Spark, Airflow, Kafka, pandas, PostgreSQL",
                ("MLOps: Docker, Kubernetes, MLflow, SageMaker, Terraform, Prometheus, Grafana"),
                "Cloud: AWS (S3, EKS, ECS, Lambda)",
                "Currently learning Rust for high-performance data tooling.",
            ),
        ),
        Section(
            "Certifications",
            (
                "\u2022 AWS Certified Machine Learning - Specialty (2023)",
                "\u2022 Certified Kubernetes Application Developer (CKAD) (2022)",
            ),
        ),
        Section(
            "Other",
            (
                (
                    "Excellent communication skills; regular speaker at the Seattle "
                    "MLOps meetup. Languages: English (native), Korean (conversational)."
                ),
            ),
        ),
    ),
)

SAM_RIVERA = Resume(
    name="Sam Rivera",
    contact=("sam.rivera@example.com | +1 555 0163 | Austin, TX | github.com/samrivera-dev"),
    main=(
        Section(
            "Profile",
            (
                (
                    "AI engineer who builds LLM-powered products people actually use. "
                    "I design retrieval-augmented generation (RAG) systems, wire them "
                    "into real front ends and back ends, and measure whether the "
                    "answers are any good."
                ),
            ),
        ),
        Section(
            "Experience",
            (
                ("**AI Engineer**, Lighthouse Legal Tech, Austin, TX | 2023 \u2013 Present"),
                (
                    "\u2022 Built a contract Q&A assistant with LangChain and the OpenAI "
                    "API over 2M documents, with a RAG pipeline on a pgvector vector "
                    "database and citation checking."
                ),
                (
                    "\u2022 Designed the evaluation harness: golden question sets, "
                    "LLM-as-judge scoring and regression tests run on every prompt "
                    "change."
                ),
                (
                    "\u2022 Wrote the FastAPI back end and a React (TypeScript) chat front "
                    "end with streaming responses."
                ),
                (
                    "\u2022 Added meeting transcription with Whisper speech-to-text and "
                    "automatic summaries of the transcripts."
                ),
                ("**Software Engineer, ML Platform**, Quantum Orchard, Remote | 2020 \u2013 2023"),
                (
                    "\u2022 Built Go microservices for feature lookup and model routing "
                    "(gRPC, Redis), serving 30k requests per second."
                ),
                (
                    "\u2022 Deployed vision models for shelf monitoring: OpenCV "
                    "preprocessing, fine-tuned detection models, served on GCP with "
                    "Vertex AI endpoints."
                ),
                (
                    "\u2022 Led the system design for moving batch scoring to Pub/Sub "
                    "and Cloud Run, halving infrastructure cost."
                ),
                "**Junior Developer**, Bluefern Web Studio | 2018 \u2013 2020",
                ("\u2022 Full-stack work on client sites in JavaScript, Node.js and PostgreSQL."),
            ),
        ),
        Section(
            "Selected Projects",
            (
                (
                    "\u2022 DocDigest: open-source RAG starter kit with hybrid search "
                    "(BM25 plus embeddings) in Qdrant and Pinecone back ends."
                ),
                (
                    "\u2022 Voice notes to tasks: Whisper plus a small fine-tuned model "
                    "that extracts action items, running on a laptop CPU."
                ),
            ),
        ),
        Section(
            "Education",
            ("**B.S. Computer Engineering**, Texas State University, 2018",),
        ),
    ),
    side=(
        Section(
            "Skills",
            (
                (
                    "LLMs: OpenAI API, LangChain, LlamaIndex, prompt engineering, "
                    "RAG, fine-tuning with Hugging Face Transformers"
                ),
                "Vector DBs: pgvector, Qdrant, Pinecone",
                "Backend: Python, FastAPI, Go, gRPC, Redis, PostgreSQL",
                "Frontend: React, TypeScript",
                "Vision and speech: OpenCV, PyTorch, Whisper",
                "Cloud: GCP (Vertex AI, Cloud Run, Pub/Sub), Docker",
                "System design, API design, evaluation of LLM output",
            ),
        ),
        Section(
            "Certifications",
            ("\u2022 Google Cloud Professional Machine Learning Engineer",),
        ),
        Section(
            "Talks",
            (("\u2022 \u201cEvaluating RAG without fooling yourself\u201d, Austin AI Meetup, 2024"),),
        ),
        Section("Languages", ("English, Spanish",)),
    ),
)

PRIYA_SHAH = Resume(
    name="Priya Shah",
    contact="priya.shah@example.com | +1 555 0188 | Chicago, IL",
    main=(
        Section(
            "Summary",
            (
                (
                    "Data analyst with four years in retail and healthcare analytics, "
                    "now moving toward machine learning. I turn messy data into "
                    "dashboards and decisions, and I have started building "
                    "predictive models for the questions dashboards cannot answer."
                ),
            ),
        ),
        Section(
            "Experience",
            (
                ("**Senior Data Analyst**, Lakeshore Health, Chicago, IL | 2022 \u2013 Present"),
                (
                    "\u2022 Own the weekly operations reporting: SQL on Snowflake feeding "
                    "Tableau dashboards used by 40 clinic managers."
                ),
                (
                    "\u2022 Built a linear regression model in Python (pandas, "
                    "statsmodels) to forecast appointment no-shows; used to plan "
                    "overbooking at two pilot clinics."
                ),
                (
                    "\u2022 Ran the analysis for a reminder-text experiment (t-tests, "
                    "confidence intervals) that reduced no-shows by 9%."
                ),
                "**Data Analyst**, Midway Grocers, Chicago, IL | 2020 \u2013 2022",
                (
                    "\u2022 Automated monthly sales reports in Excel (Power Query, pivot "
                    "tables) and later in R with tidyverse and R Markdown."
                ),
                ("\u2022 Segmented customers with k-means clustering to target loyalty-program offers."),
            ),
        ),
        Section(
            "Education",
            (
                ("**B.A. Economics**, minor in Statistics, University of Illinois Chicago, 2020"),
                "Online: Machine Learning Specialization (Coursera), 2024",
            ),
        ),
    ),
    side=(
        Section(
            "Skills",
            (
                "SQL (Snowflake, MySQL)",
                "Excel, Power Query",
                "Tableau, Looker Studio",
                "Python: pandas, NumPy, matplotlib, statsmodels",
                "R: tidyverse, ggplot2",
                "Statistics: regression, hypothesis testing, A/B testing",
                "Git (basic)",
            ),
        ),
        Section(
            "Interests",
            ("Learning scikit-learn; volunteer data work for a food bank.",),
        ),
    ),
)


def main() -> None:
    """Write the three sample PDFs, one per layout family."""
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    samples = (
        ("ml_engineer_jordan_lee.pdf", JORDAN_LEE, "single", "caps"),
        ("ai_engineer_sam_rivera.pdf", SAM_RIVERA, "sidebar_left", "caps"),
        ("data_analyst_priya_shah.pdf", PRIYA_SHAH, "sidebar_right", "title"),
    )
    for filename, resume, layout, heading_style in samples:
        path = OUT_DIR / filename
        path.write_bytes(render_resume(resume, layout, heading_style=heading_style))
        print(f"wrote {path.relative_to(REPO_ROOT)} ({layout})")


if __name__ == "__main__":
    main()

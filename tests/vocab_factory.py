"""A small, fixed vocabulary for unit tests that must not move with the shipped data."""

from __future__ import annotations

from interview_closer.core.vocab import VocabEntry, Vocabulary

ENTRIES = [
    VocabEntry("PostgreSQL", "tool", "relational databases", ("postgres", "postgre sql", "psql")),
    VocabEntry("MySQL", "tool", "relational databases", ("my sql",)),
    VocabEntry("SQL", "tool", "query languages", ("structured query language",)),
    VocabEntry("Python", "tool", "programming languages", ("python3", "pyhton")),
    VocabEntry("JavaScript", "tool", "programming languages", ("js", "java script")),
    VocabEntry("Go", "tool", "programming languages", ("=Go", "golang")),
    VocabEntry("Kubernetes", "tool", "container orchestration", ("k8s", "kube")),
    VocabEntry("Docker", "tool", "containers", ("docker compose",)),
    VocabEntry("Airflow", "tool", "workflow orchestration", ("apache airflow",)),
    VocabEntry("Kafka", "tool", "event streaming", ("apache kafka",)),
    VocabEntry("REST API", "skill", "web apis", ("restful api", "rest service")),
    VocabEntry("Intensive care nursing", "skill", "critical care",
               ("icu", "intensive care unit", "icu nursing")),
    VocabEntry("Wound care", "skill", "nursing care", ("wound dressing",)),
    VocabEntry("RN licence", "certification", "nursing licences",
               ("rn license", "registered nurse license", "active rn license")),
    VocabEntry("BLS", "certification", "life support", ("basic life support",)),
    VocabEntry("Spanish", "language", "languages", ()),
    VocabEntry("Communication", "soft", "communication",
               ("written communication", "verbal communication", "communication skills")),
    VocabEntry("People management", "skill", "leadership",
               ("team management", "managing teams", "line management")),
    VocabEntry("Quota attainment", "skill", "sales results",
               ("meeting quota", "exceeding quota", "quota achievement")),
    VocabEntry("Bachelor's degree", "degree", "degrees", ("bachelor", "bachelors", "bs", "bsc")),
    VocabEntry("Spark", "tool", "big data", ("=Spark", "pyspark", "apache spark")),
]
PARAPHRASES = [
    ("People management", r"\b(?:led|managed|supervised) (?:a team of )?\d+\b"),
    ("Quota attainment", r"\bclosed \$[\d.,]+\s?[mk]?\b.*\b(?:arr|revenue|bookings)\b"),
]


def small_vocab() -> Vocabulary:
    """The fixed test vocabulary."""
    return Vocabulary(ENTRIES, PARAPHRASES)

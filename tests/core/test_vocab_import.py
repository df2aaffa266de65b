"""Parsers for the O*NET and ESCO taxonomy files."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from interview_closer.core.vocab_import import (
    parse_esco_skills,
    parse_onet_technology,
    preferred_label_length,
)
from interview_closer.errors import InputError

ONET = (
    "O*NET-SOC Code\tExample\tCommodity Code\tCommodity Title\tHot Technology\tIn Demand\n"
    "11-1011.00\tAdobe Acrobat\t43232202\tDocument management software\tY\tN\n"
    "11-1011.00\tMicrosoft Excel\t43232110\tSpreadsheet software\tY\tY\n"
    "13-2011.00\tMicrosoft Excel\t43232110\tSpreadsheet software\tY\tY\n"
    "13-2011.00\tIntuit QuickBooks\t43231601\tAccounting software\tY\tN\n"
    "short line\n"
)

ESCO_OFFICIAL = (
    "conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,description\n"
    'KnowledgeSkillCompetence,http://x/1,knowledge,sector-specific,Python (computer programming),'
    '"Python\npython programming",The techniques of programming.\n'
    "KnowledgeSkillCompetence,http://x/2,skill/competence,cross-sector,manage staff,"
    '"manage employees\nsupervise staff",Manage people.\n'
)

ESCO_SIMPLE = (
    "id,description\n"
    'http://x/1,"manage musical staff manage staff of music coordinate duties of musical staff '
    'Assign and manage staff tasks in areas such as scoring."\n'
    'http://x/2,"supervise correctional procedures oversee prison procedures manage '
    'correctional procedures Supervise the operations of a correctional facility."\n'
    'http://x/3,"hydrography The study of water bodies and the management of staff."\n'
    # Verbs that start other labels in the file tell the heuristic where a label may begin.
    'http://x/4,"oversee prison staff Oversee the staff."\n'
    'http://x/5,"oversee security Oversee the security."\n'
)


def test_onet_distinct_examples_become_tools_with_commodity_families() -> None:
    entries = parse_onet_technology(ONET)
    assert [e.name for e in entries] == ["Adobe Acrobat", "Microsoft Excel", "Intuit QuickBooks"]
    assert {e.kind for e in entries} == {"tool"}
    assert entries[1].family == "spreadsheet software"


def test_onet_rejects_a_file_without_the_header() -> None:
    with pytest.raises(InputError, match="not an O\\*NET Technology Skills file"):
        parse_onet_technology("a,b,c\n1,2,3\n", "bad.txt")


def test_esco_official_export_with_multiline_alt_labels() -> None:
    entries = parse_esco_skills(ESCO_OFFICIAL)
    assert entries[0].name == "Python (computer programming)"
    assert entries[0].aliases == ("Python", "python programming")
    assert entries[0].kind == "tool"
    assert entries[1].kind == "skill"
    assert entries[1].aliases == ("manage employees", "supervise staff")
    # Every entry its own family: importing ESCO must not make unrelated skills adjacent.
    assert len({e.family for e in entries}) == 2


def test_esco_simplified_copy_recovers_preferred_labels() -> None:
    names = [e.name for e in parse_esco_skills(ESCO_SIMPLE)]
    assert names[:3] == ["manage musical staff", "supervise correctional procedures", "hydrography"]


def test_esco_rejects_other_csv_files() -> None:
    with pytest.raises(InputError, match="not an ESCO skills CSV"):
        parse_esco_skills("name,age\nx,1\n", "people.csv")
    with pytest.raises(InputError, match="empty"):
        parse_esco_skills("", "empty.csv")


@pytest.mark.parametrize(
    ("run", "expected"),
    [
        ("analyse test data analyze test data analysing test data", "analyse test data"),
        ("programmable logic controller PLC logic controller", "programmable logic controller"),
        ("supervise maintenance of sport facilities manage maintenance of sport facilities",
         "supervise maintenance of sport facilities"),
        ("histology", "histology"),
    ],
)
def test_preferred_label_heuristic(run: str, expected: str) -> None:
    words = run.split()
    assert " ".join(words[: preferred_label_length(words, Counter())]) == expected


def test_shared_taxonomies_parse(shared_dir: Path) -> None:
    onet = (shared_dir / "taxonomy" / "onet" / "Technology Skills.txt").read_text(encoding="utf-8")
    tools = parse_onet_technology(onet)
    assert len(tools) > 5000
    assert any(e.name == "Microsoft Excel" for e in tools)
    esco = (shared_dir / "taxonomy" / "esco" / "skills.csv").read_text(encoding="utf-8")
    skills = parse_esco_skills(esco)
    assert len(skills) > 13000
    labels = set(
        (shared_dir / "eval" / "esco-linked" / "skills_en_label.txt")
        .read_text(encoding="utf-8").splitlines()
    )
    # The heuristic is documented as right for a little over half of the entries.
    share = sum(1 for e in skills if e.name in labels) / len(skills)
    assert share > 0.5

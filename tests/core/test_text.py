"""Tokenising, normalising and sentence splitting."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from interview_closer.core.text import normalise_word, split_sentences, tokenize


def test_tokens_keep_offsets_into_the_text() -> None:
    text = "Built C++ and C# services on .NET; used Node.js, CI/CD."
    toks = tokenize(text)
    assert [t.text for t in toks] == [
        "Built", "C++", "and", "C#", "services", "on", ".NET", "used", "Node.js", "CI", "CD",
    ]
    for t in toks:
        assert text[t.start : t.end] == t.text


def test_normalise_folds_plurals_and_dots_but_keeps_words_that_end_in_s() -> None:
    assert normalise_word("APIs") == "api"
    assert normalise_word("Databases") == "database"
    assert normalise_word("Node.js") == "nodejs"
    assert normalise_word("Kubernetes") == "kubernetes"
    assert normalise_word("analysis") == "analysis"
    assert normalise_word("status") == "status"
    assert normalise_word("AWS") == "aws"
    assert normalise_word("Companies") == "company"
    assert normalise_word("2nd") == "second" == normalise_word("second")


def test_sentences_split_on_stops_and_lines_but_not_on_eg() -> None:
    text = "We use tools, e.g. Python and SQL. You have 5 years.\n- Docker\n- Kubernetes"
    parts = [text[a:b] for a, b in split_sentences(text)]
    assert parts == [
        "We use tools, e.g. Python and SQL.",
        "You have 5 years.",
        "- Docker",
        "- Kubernetes",
    ]


def test_a_hard_wrapped_sentence_is_one_sentence_but_lists_and_paragraphs_are_not() -> None:
    text = (
        "- 4+ years of building reporting in SQL and Python, ideally in a\n"
        "  retail or e-commerce business\n"
        "- Experience with Tableau dashboards.\n"
        "  it continues after a full stop, so it stands alone\n"
        "Skills we use every single day at work here\n"
        "\n"
        "python on its own after a blank line\n"
        "Short line\n"
        "lower case after a short line"
    )
    parts = [text[a:b] for a, b in split_sentences(text)]
    assert parts == [
        "- 4+ years of building reporting in SQL and Python, ideally in a\n"
        "  retail or e-commerce business",
        "- Experience with Tableau dashboards.",
        "it continues after a full stop, so it stands alone",
        "Skills we use every single day at work here",
        "python on its own after a blank line",
        "Short line",
        "lower case after a short line",
    ]
    bulleted = "Experience with Tableau or Power BI dashboards used by all of\n- stakeholders"
    assert len(split_sentences(bulleted)) == 2


@given(st.text(max_size=300))
def test_tokens_and_sentences_never_point_outside_the_text(text: str) -> None:
    for t in tokenize(text):
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start : t.end] == t.text
    for a, b in split_sentences(text):
        assert 0 <= a < b <= len(text)
        assert text[a:b].strip() == text[a:b]

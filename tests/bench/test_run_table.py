"""The bench table folds the two matching modes into one row per figure."""

from __future__ import annotations

from bench.run import Row, merge_modes, print_table


def test_lexical_and_semantic_rows_become_one_row() -> None:
    rows = [
        Row("Matching", "lexical tune accuracy", 0.44, 0.79, ">= 0.85"),
        Row("Matching", "lexical holdout accuracy", 0.34, 0.70, ">= 0.85"),
        Row("Matching", "semantic tune accuracy", 0.44, 0.83, ">= 0.85"),
        Row("Matching", "semantic holdout accuracy", 0.34, None, ">= 0.85"),
    ]
    merged = merge_modes(rows)
    assert [(r.figure, r.product, r.semantic) for r in merged] == [
        ("tune accuracy", 0.79, 0.83),
        ("holdout accuracy", 0.70, None),
    ]


def test_table_prints_every_column(capsys) -> None:  # type: ignore[no-untyped-def]
    print_table([Row("Plans", "plans/s", None, 61.0, ">= 50", ".0f", 21.0)])
    out = capsys.readouterr().out.splitlines()
    assert "semantic" in out[0]
    assert out[2].split() == ["Plans", "plans/s", "-", "61", "21", ">=", "50"]

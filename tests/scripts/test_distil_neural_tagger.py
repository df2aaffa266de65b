"""The distillation script's target building (no torch needed)."""

from __future__ import annotations

import pytest
from scripts.distil_neural_tagger import mix_gold


def test_a_target_mixes_the_gold_label_into_the_teachers_probabilities() -> None:
    teacher = [[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]]
    mixed = mix_gold(teacher, [0, 1], 0.5)
    assert mixed[0] == pytest.approx([0.85, 0.1, 0.05])
    assert mixed[1] == pytest.approx([0.05, 0.55, 0.4])
    assert all(sum(row) == pytest.approx(1.0) for row in mixed)


def test_a_zero_gold_share_keeps_the_teacher_and_a_full_one_the_gold() -> None:
    teacher = [[0.6, 0.3, 0.1]]
    assert mix_gold(teacher, [2], 0.0)[0] == pytest.approx(teacher[0])
    assert mix_gold(teacher, [2], 1.0)[0] == pytest.approx([0.0, 0.0, 1.0])

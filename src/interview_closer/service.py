"""Glue used by every shell: read the files, understand them, build the plan."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from interview_closer.core.models import Plan, Posting, Resume, SkillMention, YearMonth

if TYPE_CHECKING:
    from interview_closer.core.matching import Matcher
    from interview_closer.core.posting import MentionFinder
    from interview_closer.core.similarity import Similarity
    from interview_closer.core.vocab import Vocabulary


def _finder(semantic: bool = False) -> MentionFinder:
    """The best mention finder available: the trained extractor, else the vocabulary.

    semantic: the neural tagger (the packaged MiniLM encoder with the shipped adapters),
    when the extra is installed. It reads without a sentence gate: on SkillSpan dev the
    lexical gate only cost it (10-epoch adapter: exact F1 0.523 without, 0.520 with;
    sentence F1 0.868 against 0.864).
    """
    try:
        from interview_closer.core.extract import SkillExtractor

        if semantic:
            from interview_closer.core.neural_tagger import adapter_available
            from interview_closer.core.semantic import semantic_available

            if semantic_available() and adapter_available():
                return SkillExtractor.default(gate="off", tagger="neural").find_many
        return SkillExtractor.default(gate="lexical").find_many
    except (ImportError, AttributeError, FileNotFoundError, OSError):
        from interview_closer.core.vocab import Vocabulary

        vocab = Vocabulary.default()

        def find_each(texts: Sequence[str]) -> list[list[SkillMention]]:
            return [vocab.find(text) for text in texts]

        return find_each


def require_neural_tagger() -> None:
    """Raise a usage error unless the semantic extra and the tagger's adapters are installed."""
    from interview_closer.core.neural_tagger import adapter_available
    from interview_closer.core.semantic import INSTALL_HINT, semantic_available
    from interview_closer.errors import UsageError

    if not semantic_available():
        raise UsageError(f"the neural tagger needs the semantic extra; {INSTALL_HINT}")
    if not adapter_available():
        raise UsageError("the neural tagger's adapters are missing from this install; reinstall")


def understand_posting(
    text: str,
    title: str | None = None,
    company: str | None = None,
    *,
    all_mentions: bool = False,
    semantic: bool = False,
) -> Posting:
    """Parse a posting's text with the default vocabulary and extractor.

    semantic: find the skill mentions with the neural tagger (`closer extract --semantic`).
    """
    from interview_closer.core.posting import parse_posting

    return parse_posting(text, title=title, company=company, find_mentions=_finder(semantic),
                         all_mentions=all_mentions)


def understand_resume(text: str, today: date | None = None) -> Resume:
    """Parse a resume's text; 'Present' means the month of `today` when given."""
    from interview_closer.core.resume import parse_resume

    ym = YearMonth(today.year, today.month) if today else None
    return parse_resume(text, today=ym)


_MATCHERS: dict[tuple[int, str | None], Matcher] = {}


def _matcher(vocab: Vocabulary, semantic_model: str | None = None) -> Matcher:
    """One matcher per vocabulary and mode, so its caches serve every plan of the process.

    semantic_model: None for the default lexical similarity; "packaged" or a local model
    folder for sentence embeddings (the optional `semantic` extra).
    """
    from interview_closer.core.matching import Matcher

    key = (id(vocab), semantic_model)
    if key not in _MATCHERS:
        if semantic_model is None:
            _MATCHERS[key] = Matcher(vocab)
        else:
            _MATCHERS[key] = Matcher(vocab, similarity=semantic_similarity(semantic_model))
    return _MATCHERS[key]


def semantic_similarity(semantic_model: str = "packaged") -> Similarity:
    """The semantic mode's similarity for matching.

    "packaged": the word-piece table distilled from the packaged MiniLM (a lookup per text;
    it matches as well as the full encoder on the matching set); anything else names a
    sentence-transformers model (a local folder, or the packaged MiniLM by its name) whose
    encoder embeds every text.
    """
    from interview_closer.core.static_embeddings import StaticEmbeddingSimilarity, table_available

    if semantic_model == "packaged" and table_available():
        return StaticEmbeddingSimilarity()
    from interview_closer.core.semantic import EmbeddingSimilarity

    return EmbeddingSimilarity(None if semantic_model == "packaged" else semantic_model)


def plan_from_texts(
    resume_text: str,
    posting_text: str,
    *,
    title: str | None = None,
    company: str | None = None,
    interviewer: str | None = None,
    today: date | None = None,
    semantic_model: str | None = None,
) -> Plan:
    """The closing plan for a resume text and a posting text.

    semantic_model (see semantic_similarity) adds embeddings to the matching. The posting
    is read by the CRF and the vocabulary in both modes: the matcher was built on their
    requirement skills, and on the matching set the neural tagger's ("supporting
    students", "helping other engineers grow" asked as skills of their own) lost 10 of 733
    tuning cases and one of the 80 blind probe6 cases.
    """
    from interview_closer.core.plan import build_plan
    from interview_closer.core.vocab import Vocabulary

    vocab = Vocabulary.default()
    posting = understand_posting(posting_text, title, company)
    resume = understand_resume(resume_text, today)
    matcher = _matcher(vocab, semantic_model)
    if semantic_model is None:
        matches = matcher.match_all(posting, resume)
    else:
        from interview_closer.core.semantic import match_batched

        # One batched encode for exactly the texts the matcher compares, instead of one
        # call per short query it builds on the way.
        matches = match_batched(matcher, posting, resume)
    return build_plan(posting, resume, matches, vocab, interviewer)


def prepare_plan(
    resume_path: Path,
    job_path: Path,
    *,
    company: str | None = None,
    role: str | None = None,
    interviewer: str | None = None,
    today: date | None = None,
    semantic_model: str | None = None,
) -> Plan:
    """Read a resume file and a posting file and build their closing plan."""
    from interview_closer.readers import read_posting, read_resume

    resume_doc = read_resume(Path(resume_path))
    posting_doc = read_posting(Path(job_path))
    return plan_from_texts(
        resume_doc.text,
        posting_doc.text,
        title=role or posting_doc.title,
        company=company or posting_doc.company,
        interviewer=interviewer,
        today=today,
        semantic_model=semantic_model,
    )


def sample_path(name: str) -> Path:
    """A bundled sample file."""
    return Path(__file__).resolve().parent / "data" / "samples" / name

"""Posting x Resume -> one Match per requirement: status, score, reason, evidence."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from interview_closer.core import ask_names, fastre, levels
from interview_closer.core import line_keys as keys_of
from interview_closer.core import match_rules as rules
from interview_closer.core import years as yrs
from interview_closer.core.models import (
    EvidenceItem,
    Match,
    Posting,
    Requirement,
    Resume,
    SkillMention,
)
from interview_closer.core.similarity import (
    LexicalSimilarity,
    Similarity,
    named_acronyms,
)
from interview_closer.core.verdicts import (
    MET,
    SHORT_OF,
    ItemHit,
    build_match,
    degree_match,
    logistics_match,
    severity,
    skills_reason,
    status_for,
)
from interview_closer.core.vocab import Vocabulary

# Kinds a resume line can show without naming them. A tool is used or not and a
# credential held or not: no line that merely sounds alike stands in for either.
_SAYABLE = frozenset({"skill", "soft", "degree"})
# The highest score that still reads "partial".
PARTIAL_TOP = 0.69
# How much an item of a related tool (same family) counts for the one asked: even from a
# Skills list alone it reads partial, as a recruiter reads "knows a sibling tool".
ADJACENT_WEIGHT = 0.5
# The same when the requirement itself accepts "a similar" tool: as good as a family member.
SIMILAR_WEIGHT = 0.9
# The same for neighbouring practices or credentials: below PARTIAL on its own.
LOOSE_WEIGHT = 0.3
# How much a line sharing some words of a name the vocabulary does not know counts.
NAME_PART = 0.6
# The score of a credential not held when the resume shows the practice it certifies.
SUBJECT = 0.45
_FREE_REASONS = {"met": "resume lines use the same words",
                 "partial": "some resume lines touch on this"}
_EITHER = fastre.compile(r"\bor\b|one of|such as|e\.g\.|like\b|similar", re.I)


@dataclass
class Matcher:
    """Scores every requirement of a posting against a resume."""

    vocab: Vocabulary
    similarity: Similarity = field(default_factory=LexicalSimilarity)
    # The resume lines that can be evidence and their folded words, for the resume being
    # matched (built once).
    _line_keys: tuple[Resume, list[EvidenceItem], list[tuple[str, ...]]] | None = field(
        default=None, repr=False)

    def match_all(self, posting: Posting, resume: Resume) -> list[Match]:
        """One Match per requirement, in posting order."""
        by_skill: dict[str, list[EvidenceItem]] = {}
        for item in resume.items:
            for s in item.skills:
                # A skill inside an employer's name is a company, not a skill used ("Oracle",
                # "Java Junction Café", "Harrow & Vale Freight"); a department's name
                # ("Cardiology Department") says the practice worked in.
                if not rules.employer_mention(resume, item, s):
                    by_skill.setdefault(s.name, []).append(item)
        for items in by_skill.values():
            items.sort(key=lambda it: -it.strength)
        prepare = getattr(self.similarity, "prepare", None)
        if prepare is not None:  # an embedding model works fastest on one batch of texts
            # The texts the scores below compare: lines as read under their role (skills)
            # and on their own (years), requirements and role titles.
            prepare([r.text for r in posting.requirements]
                    + [rules.in_role_context(resume, it) for it in resume.items]
                    + [rules.without_open_end(it.text) for it in resume.items]
                    + [r.title for r in resume.roles if r.title])
        return [self.match_one(r, resume, by_skill) for r in posting.requirements]

    def match_one(
        self, req: Requirement, resume: Resume, by_skill: dict[str, list[EvidenceItem]]
    ) -> Match:
        """Match a single requirement."""
        if req.kind == "years":
            match = yrs.years_match(req, resume, by_skill, self.vocab, self.similarity,
                                    self._skill_hits, self._lexical_hits)
        elif req.kind == "degree":
            fields = frozenset(m.name for m in req.skills if getattr(
                self.vocab.entry(m.name), "family", "") == "fields of study")
            match = degree_match(req, resume, self._lexical_hits, fields)
        elif req.kind == "logistics":
            match = logistics_match(req, resume, self._lexical_hits)
        else:
            match = self._skills(req, resume, by_skill)
        match.severity = severity(req, match)
        return match

    # -- skills, tools, certifications, languages, soft skills ----------------
    def _skill_hits(
        self, name: str, resume: Resume, by_skill: dict[str, list[EvidenceItem]],
        similar_ok: bool = False,
    ) -> list[ItemHit]:
        """Evidence for one skill: its own lines, else its family's or its neighbours'.

        similar_ok: the requirement accepts a similar tool ("or a similar ..."), so a tool
        of the same family counts almost as the one named.
        """
        direct = by_skill.get(name, [])
        if direct:
            return [ItemHit(it, 0.55 + 0.45 * it.strength, name) for it in direct[:3]]
        hits: list[ItemHit] = []
        broader = name.lower()
        for other, items in by_skill.items():
            if self.vocab.family_of(other) == broader:
                # "Infrastructure as code" names the family Terraform belongs to:
                # Terraform evidence shows it.
                hits.extend(ItemHit(it, 0.9 * (0.55 + 0.45 * it.strength), other)
                            for it in items[:2])
            elif self.vocab.adjacent(name, other):
                # A neighbour stays a neighbour whatever words its line shares with the
                # requirement: the shared words are mostly why it is one ("maintenance").
                weight = self._adjacent_weight(name, other, similar_ok)
                hits.extend(ItemHit(it, weight * (0.55 + 0.45 * it.strength), other)
                            for it in items[:2])
        hits.sort(key=lambda h: -h.score)
        return hits[:3]

    def _short_of(
        self, asked_text: str, name: str, item: EvidenceItem, others: Sequence[EvidenceItem] = ()
    ) -> bool:
        """True when the line names the credential or language but below what is asked.

        others: every line naming it; for a language, the one that states a level decides
        ("French (intermediate)" in the languages list, not "French breads" in a bullet).
        """
        entry = self.vocab.entry(name)
        asked, held = levels.numbered_level(asked_text), levels.numbered_level(item.text)
        if asked and held and held < asked:
            return True  # "Safeguarding Level 3" asked, "Safeguarding Children Level 2" held
        if entry is not None and rules.asks_credential(asked_text) and entry.kind != "language":
            # "Qualification in dental radiography": the certificate is asked, not the practice.
            return bool(rules.IN_PROGRESS.search(item.text))
        if entry is None or entry.kind not in ("certification", "language"):
            return False
        if entry.kind == "certification":
            return bool(rules.IN_PROGRESS.search(item.text))
        if not rules.HIGH_LEVEL.search(asked_text):
            return False
        for line in (item, *others):
            for m in line.skills:
                if m.name == name:
                    # The level written beside this language: "German (conversational)".
                    after = re.split(r"[,;|/]", line.text[m.start :], maxsplit=1)[0]
                    before = re.split(r"[,;|/]", line.text[: m.start])[-1]
                    if rules.LOW_LEVEL.search(after) or rules.LOW_LEVEL.search(before):
                        return True
                    if rules.HIGH_LEVEL.search(after) or rules.HIGH_LEVEL.search(before):
                        return False
        return False

    def _inflected(self, name: str, resume: Resume, hits: list[ItemHit]) -> list[ItemHit]:
        """A line naming the skill in another inflection ("scheduled" for "scheduling")."""
        entry = self.vocab.entry(name)
        items, keys = self._keyed_lines(resume)
        if entry is None or not items:
            return hits
        found = keys_of.inflected_alias([name, *entry.aliases], keys, entry.kind == "skill")
        if found is None:
            return hits
        # The line is evidence, but the parser did not name the skill in it: like a
        # paraphrase, it supports the requirement without the plan claiming the skill.
        hit = ItemHit(items[found], 0.9 * (0.55 + 0.45 * items[found].strength))
        return [hit] if not hits or hit.score > hits[0].score else hits

    def _keyed_lines(self, resume: Resume) -> tuple[list[EvidenceItem], list[tuple[str, ...]]]:
        """The lines that can be evidence (no contact details) and their folded words."""
        if self._line_keys is None or self._line_keys[0] is not resume:
            items = [it for it in resume.items if it.section != "contact"]
            # An employer's name on a heading line is no evidence ("Harrow & Vale Freight").
            keys = [keys_of.line_keys(rules.without_employer(resume, it)) for it in items]
            self._line_keys = (resume, items, keys)
        return self._line_keys[1], self._line_keys[2]

    def _credential_subject(
        self, name: str, by_skill: dict[str, list[EvidenceItem]], hits: list[ItemHit]
    ) -> list[ItemHit]:
        """A credential not held whose practice the resume shows directly is partly met."""
        for subject in rules.credential_subjects(self.vocab, name):
            items = by_skill.get(subject)
            if items and (not hits or hits[0].score < SUBJECT):
                # A licensed plumber's licence is missing, the plumbing is not.
                return [ItemHit(items[0], SUBJECT, subject)]
        return hits

    def _writes_name(self, name: str, resume: Resume) -> bool:
        """True when a resume line writes this name as the posting does, capitals and all."""
        written = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")
        return any(written.search(it.text) for it in resume.items if it.section != "contact")

    def _name_hits(self, name: str, resume: Resume, credential: bool) -> list[ItemHit]:
        """Lines that write a name the vocabulary does not know: every word, or its initials.

        A line sharing only some of its words ("Immediate Life Support" for "Advanced Life
        Support") is a neighbour at most.
        """
        keys = set(keys_of.line_keys(name))
        initials = set(named_acronyms(name))
        for it, line in zip(*self._keyed_lines(resume), strict=True):
            if keys <= set(line) or not initials.isdisjoint(line):
                held = not (credential and rules.IN_PROGRESS.search(it.text))
                return [ItemHit(it, 0.55 + 0.45 * it.strength if held else SHORT_OF)]
        hits = self._lexical_hits(name, resume, 0.9)
        for h in hits:
            h.score *= NAME_PART
        return hits

    def _adjacent_weight(self, asked: str, shown: str, similar_ok: bool = False) -> float:
        """How far evidence of a same-family skill answers the one asked."""
        a, b = self.vocab.entry(asked), self.vocab.entry(shown)
        # Two tools of a family are substitutes (MySQL for PostgreSQL, Vue for React); two
        # practices or credentials of a family are neighbours that do not stand in for
        # each other (payroll tax is not month-end close, a CDL is not OSHA 30).
        if a is not None and b is not None and a.kind == b.kind == "tool":
            return SIMILAR_WEIGHT if similar_ok else ADJACENT_WEIGHT
        return LOOSE_WEIGHT

    def _lexical_hits(
        self, query: str, resume: Resume, cap: float, credential: bool = False
    ) -> list[ItemHit]:
        items = [it for it in resume.items if it.section != "contact"]
        if not items:
            return []
        # "Strong, hands-on familiarity with" says how much, not what: compare the rest.
        query = rules.plain_ask(query, credential)
        scores = self.similarity.scores(query, [rules.in_role_context(resume, it) for it in items])
        hits = [ItemHit(it, cap * sc) for it, sc in zip(items, scores, strict=True) if sc > 0.2]
        if credential:
            for h in hits:
                if rules.IN_PROGRESS.search(h.item.text):
                    h.score = min(h.score, SHORT_OF)  # still being earned: not held yet
        hits.sort(key=lambda h: -h.score)
        return hits[:2]

    def _skills(
        self, req: Requirement, resume: Resume, by_skill: dict[str, list[EvidenceItem]]
    ) -> Match:
        # A span that is only "system" or "tools" names no skill.
        mentions = [m for m in req.skills if not rules.bare_category(m.surface)]
        qualifiers = rules.category_qualifiers(req.text, mentions)
        products: list[SkillMention] = []
        if qualifiers and len(qualifiers) < len(mentions):
            # "Event management software such as Cvent": the product named decides; the
            # practice before "software" only says what kind of product it is.
            mentions = [m for i, m in enumerate(mentions) if i not in qualifiers]
            products = [m for m in mentions if self.vocab.entry(m.name) is None]
        kinds = [getattr(self.vocab.entry(m.name), "kind", "") for m in mentions]
        described = rules.tool_descriptors(req.text, mentions, kinds)
        described |= rules.tool_purposes(req.text, mentions, kinds, self.vocab.adjacent)
        described |= rules.soft_audiences(req.text, mentions, kinds)
        described |= rules.people_worked_with(req.text, mentions)
        # "Zendesk or a similar ticketing system": any one of them, or a tool like the one
        # named, answers it in full.
        or_similar = bool(rules.kind_of_tool(req.text, mentions, kinds))
        mentions = [m for i, m in enumerate(mentions) if i not in described]
        names, swallowed = ask_names.unnamed_names(req.text, mentions)
        mentions = [m for i, m in enumerate(mentions) if i not in swallowed]
        flags = [self.vocab.entry(m.name) is not None for m in mentions]
        known = [m for m, flag in zip(mentions, flags, strict=True) if flag]
        if known:
            # "Drafting commercial leases and handling conveyancing": the words the
            # vocabulary does not know are asked as much as those it does.
            listed = rules.listed_with_known(req.text, mentions, flags)
            products += [m for i, m in enumerate(mentions) if i in listed and m not in products]
        elif not swallowed:
            names = []  # with no skill named, the line's words are judged whole below
        # A name no vocabulary knows, written in the resume too, shows itself ("CeMAP").
        # One the resume lacks may be there spelt out, so alone it takes nothing away; beside
        # one the resume writes, it is missing ("both SQE1 and SQE2" with SQE1 passed).
        single = ask_names.one_word_names(req.text, [*known, *names])
        if any(self._writes_name(n.surface, resume) for n in single):
            names += single
        if not known and not products and not names:
            # Only free-text skills (or none): judge the requirement's words as a whole.
            hits = self._lexical_hits(req.text, resume, 0.9, req.kind == "certification")
            if rules.asks_team_lead(req.text) and rules.PEOPLE_MANAGEMENT in self.vocab:
                # "Able to lead and motivate a team of care staff": leading people is asked.
                led = self._skill_hits(rules.PEOPLE_MANAGEMENT, resume, by_skill)
                if led and (not hits or led[0].score > hits[0].score):
                    hits = led
            score = hits[0].score if hits else 0.0
            status = status_for(score)
            reason = _FREE_REASONS.get(status, "nothing in the resume speaks to this")
            if hits and hits[0].skill and status != "gap":
                reason = f"resume shows {hits[0].skill.lower()}"
            return build_match(req, status, score, reason, hits)
        if req.kind == "language" and len(known) > 1:
            # "Bilingual English/Spanish": the languages are the skills, the cue word is not.
            known = [m for m in known if not rules.LANGUAGE_CUE.fullmatch(m.surface)] or known
        per_skill: list[tuple[str, str, list[ItemHit]]] = []
        for m in known:
            hits = self._skill_hits(m.name, resume, by_skill, or_similar)
            entry = self.vocab.entry(m.name)
            # Leading people is shown by a line that leads them ("led a team of 6"), not by
            # one sharing the words "managers" and "analyst".
            sayable = entry and entry.kind in _SAYABLE and m.name != rules.PEOPLE_MANAGEMENT
            if (not hits or hits[0].skill != m.name) and sayable:
                # Not named in the resume: a line that says the same in other words
                # ("added unit and integration tests" for automated testing) may still.
                # A language is spoken or not: no paraphrase stands in for it.
                query = req.text if len(known) == 1 else m.surface
                loose = [] if rules.only_generic(query) else self._lexical_hits(query, resume, 0.9)
                if loose and (not hits or loose[0].score > hits[0].score):
                    hits = loose
            if hits and hits[0].skill == m.name and self._short_of(
                    req.text, m.name, hits[0].item, by_skill.get(m.name, ())):
                hits[0].score = min(hits[0].score, SHORT_OF)
            if entry and entry.kind in ("skill", "soft") and (not hits or hits[0].skill != m.name):
                # Practices are verbs and nouns that inflect; tool and credential names do not.
                hits = self._inflected(m.name, resume, hits)
            if entry and entry.kind == "certification" and (not hits or hits[0].skill != m.name):
                hits = self._credential_subject(m.name, by_skill, hits)
            per_skill.append((m.surface, m.name, hits))
        for m in products:
            per_skill.append((m.surface, m.name, self._lexical_hits(m.surface, resume, 0.9)))
        for m in names:
            per_skill.append((m.surface, m.name, self._name_hits(
                m.surface, resume, rules.asks_credential(req.text))))
        lead = rules.asks_team_lead(req.text) and rules.PEOPLE_MANAGEMENT in self.vocab
        if lead and all(n != rules.PEOPLE_MANAGEMENT for _, n, _ in per_skill):
            per_skill.append(("leading people", rules.PEOPLE_MANAGEMENT,
                              self._skill_hits(rules.PEOPLE_MANAGEMENT, resume, by_skill)))
        best = [h[0].score if h else 0.0 for _, _, h in per_skill]
        # A requirement naming several skills ("Python, SQL or Scala") is often an
        # either/or list: the best one counts most, the rest add coverage.
        either = bool(_EITHER.search(req.text))
        coverage = sum(best) / len(best)
        if or_similar or (either and rules.one_or_other(req.text, [sf for sf, _, _ in per_skill])):
            score = max(best)  # any one of them answers it in full
        else:
            score = max(best) * 0.7 + coverage * 0.3 if either else coverage
        in_tools = either and rules.practice_in_tools(
            req.text, [sf for sf, _, _ in per_skill],
            [getattr(self.vocab.entry(n), "kind", "") for _, n, _ in per_skill])
        if in_tools:
            # The practice must be shown and so must one of the tools it is done in.
            practices, tools = in_tools
            score = min(sum(best[i] for i in practices) / len(practices),
                        max(best[i] for i in tools))
        if not either and min(best) < MET:
            # "HTML, CSS and TypeScript" asks for all of them: one short is not met.
            score = min(score, PARTIAL_TOP)
        if lead:
            # Whom one would lead is context; leading them is what is asked.
            score = min(score, *(h[0].score if h else 0.0 for _, n, h in per_skill
                                 if n == rules.PEOPLE_MANAGEMENT))
        status = status_for(score)
        hits = sorted((h for _, _, hs in per_skill for h in hs[:1]), key=lambda h: -h.score)
        reason = skills_reason(per_skill, status)
        match = build_match(req, status, score, reason, hits)
        for _, _, hs in per_skill:
            if hs and hs[0].skill and hs[0].skill not in match.matched_skills:
                match.matched_skills.append(hs[0].skill)
        return match

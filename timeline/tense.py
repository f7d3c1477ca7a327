"""The tense of the clause around a temporal expression, from the rule file's cue words: what
decides whether a bare "Friday" or "June" is the one before or after the reference date."""

from __future__ import annotations

import re

from timeline.rules import RuleSet, lowercase

__all__ = ["FUTURE", "PAST", "clause_tense", "mention_tense"]

PAST, FUTURE = "past", "future"
DEADLINE_WORDS = frozenset({"by", "through", "until", "till", "effective"})
PERFECT_REACH = 40  # characters around a deadline in which "had" makes it one gone by
CUE_TENSE = {"future": FUTURE, "future_before": FUTURE, "past": PAST}
CUE_PRIORITY = {"future": 0, "future_before": 1, "past": 2}
_PASSIVE = re.compile(r"\b(?:be|being|is|are|am|get|gets)\s+$")


def mention_tense(text: str, start: int, end: int, rules: RuleSet) -> str | None:
    """The tense text[start:end] is told in: a deadline ("by Friday") is to come unless its
    clause tells it done ("had filed"); else the nearest cue word decides (None: no cue).

    >>> from timeline.rules import load_rules
    >>> rules = load_rules("en")
    >>> mention_tense("They must file by Tuesday", 18, 25, rules)
    'future'
    >>> mention_tense("Members had filed by Tuesday", 21, 28, rules)
    'past'
    """
    before = text[max(0, start - 12) : start].lower().split()
    if before and before[-1] in DEADLINE_WORDS:
        left, right = _clause(text, start, end, rules)
        near = left[-PERFECT_REACH:] + " " + right[:PERFECT_REACH]
        return PAST if rules.perfect_cues.search(near) else FUTURE
    return clause_tense(text, start, end, rules)


def _clause(text: str, start: int, end: int, rules: RuleSet) -> tuple[str, str]:
    """The cue window's text left and right of text[start:end], cut at clause boundaries (found
    in the text as written: capitals tell them), lowercased as the tense cues are matched."""
    window = rules.cue_window
    left = text[max(0, start - window) : start]
    cut = [m.end() for m in rules.clause_boundary.finditer(left)]
    left = left[cut[-1] :] if cut else left
    right = text[end : end + window // 2]
    boundary = rules.clause_boundary.search(right)
    return lowercase(left), lowercase(right[: boundary.start()] if boundary else right)


def clause_tense(text: str, start: int, end: int, rules: RuleSet) -> str | None:
    """Past, future or None from cue words in a window around text[start:end] within its clause.

    >>> from timeline.rules import load_rules
    >>> text = "when they meet Thursday"
    >>> clause_tense(text, 15, 23, load_rules("en"))
    'future'
    """
    left, right = _clause(text, start, end, rules)
    best: tuple[int, int, str] | None = None  # distance, cue priority, tense
    for side, part in enumerate((left, right)):
        for match in rules.tense_cues.finditer(part):
            group = match.lastgroup
            if group == "future_before" and side:
                continue
            if group == "past" and _not_past(match, part, rules):
                continue
            # a cue after the mention weighs a little less; on a tie future wins, then past
            distance = match.start() + 2 if side else len(part) - match.end()
            found = (distance, CUE_PRIORITY[group or ""], CUE_TENSE[group or ""])
            if best is None or found < best:
                best = found
    return best[2] if best else None


def _not_past(match: re.Match[str], part: str, rules: RuleSet) -> bool:
    """An -ed word that is no past tense: an exception word, or a participle after be/is/are."""
    return match.group() in rules.past_exceptions or bool(
        _PASSIVE.search(part[max(0, match.start() - 12) : match.start()])
    )

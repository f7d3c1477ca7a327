"""Short readable event labels: the clause a date anchors, with the date itself taken out;
and a label written as a sentence, as lists show it."""

from __future__ import annotations

import functools
import math
import re

from timeline.outlets import dateline_span

MAX_WORDS = 16
HEAD_WORDS = 9
TAIL_WORDS = 6
MIN_CLAUSE_WORDS = 5

# Clause boundaries: punctuation, and subordinators that open a new clause. Only used to
# pick the stretch of the sentence around the date, so a miss costs a longer label, not a row.
CLAUSE_BREAK = re.compile(
    r"[;:()\[\]—–]|,\s|\s-{1,2}\s|\b(?:when|while|after|before|because|although|but|whereas|"
    r"as|and that)\s",
    re.IGNORECASE,
)
# Words left dangling once the date expression is removed ("on" Monday, "since" 1990).
DANGLING_BEFORE = frozenset(
    "on in at by since until till from during of for this last next early late mid".split()
)
LEADING_FILLERS = frozenset("and but so because yet also then however meanwhile".split())
# A sentence's opening words before its first comma name its subject when they are this few
# ("Kopp, 45, was indicted ..."): a clause cut after them gets them back.
SUBJECT_WORDS = 6
POSSESSIVE = ("'s", "’s")  # "this year's conference": the date goes, and its "'s" with it
# Words that open a phrase which is not a subject ("In its latest deadline, ...", "Yesterday,
# at ..."), nor a verb left without one ("..., the Service has given"): a label takes the
# opening words back as a subject only when neither they nor the cut clause start with one.
NOT_SUBJECT_OR_VERB = frozenset(
    """
    the a an this that these those his her its their our my your some any no every each all both
    another other such what which who whom whose whatever whoever when where while if though
    although because since once as at by for from in into of on onto over through to toward
    towards under until upon with within without after before during about against among between
    beyond despite except near off per than via contrary just also meantime meanwhile however
    still yet so and but or nor he she it they we i you there here then instead yesterday today
    tomorrow tonight now recently currently earlier later
    """.split()
)
TRAILING_JUNK = " ,;:—–-.“”\"'‘’"
SENTENCE_ENDS = (".", "!", "?", "…", '"', "”", "'", "’")
# A label reads as a sentence when it opens with its subject: a name, a number, or one of
# these words (it is then capitalized); not with a verb whose subject the clause left behind
# ("announced a dividend"), nor with one of FRAGMENT_OPENERS ("In composite trading ...",
# "Or 86 cents a share", "Who arrived in Miami").
SUBJECT_OPENERS = frozenset(
    """
    the a an this these those his her its their our my your some any no every each all both
    another other such he she it they we i you there one many most several few much more
    """.split()
)
FRAGMENT_OPENERS = frozenset(
    """
    in on at for from to of with by since until till during after before about against among
    between into through under over within without per via than as like near off upon toward
    towards or and but nor yet so because although though while whereas if unless once
    who whom whose which where when that what
    compared including according excluding following leading down up
    """.split()
)
MIN_SENTENCE_WORDS = 3


def label_event(sentence: str, start: int, end: int) -> str:
    """Return a short label for what the sentence says happened at the date in [start, end).

    >>> label_event("Videgaray vowed Wednesday that Mexico will not accept directives.", 16, 25)
    'Videgaray vowed that Mexico will not accept directives'
    >>> s = "Kelly is headed to Mexico, where they meet Thursday."
    >>> label_event(s, s.index("Thursday"), len(s) - 1)
    'Kelly is headed to Mexico, where they meet'
    >>> s = "Kopp, 45, was indicted in October in the 2014 shooting."
    >>> label_event(s, s.index("October"), s.index("October") + 7)
    'Kopp was indicted in the 2014 shooting'
    """
    clause_start, clause_end = clause_around(sentence, start, end)
    before = sentence[clause_start:start].split()
    after = sentence[end:clause_end].split()
    if after and after[0].startswith(POSSESSIVE):
        after[0] = after[0][2:]
        after = after if after[0] else after[1:]
    if after and after[0] in (",", ";", ":"):  # "The take-off, at 08:30 UTC, was ..."
        after = after[1:]
    while before and before[-1].lower().strip(",") in DANGLING_BEFORE:
        before.pop()
    words = [*subject_before(sentence, clause_start, start), *before, *after]
    while words and words[0].lower().strip(",") in LEADING_FILLERS:
        words.pop(0)
    if len(words) > MAX_WORDS:
        if len(before) > MAX_WORDS:
            words = [*words[:HEAD_WORDS], "…", *before[-TAIL_WORDS:]]
        else:
            words = [*words[:MAX_WORDS], "…"]
    label = " ".join(words).strip(TRAILING_JUNK)
    return label or sentence.strip(TRAILING_JUNK)


def subject_before(sentence: str, clause_start: int, start: int) -> list[str]:
    """The subject words a clause starting at `clause_start` lost: the sentence's opening
    words before its first comma, when they are few, hold no date and the clause starts with
    a lowercase word ("Kopp, 45, | was indicted ..."); else none.

    >>> subject_before("Kopp, 45, was indicted in October.", 10, 27)
    ['Kopp']
    >>> subject_before("In March the talks, held in Rome, failed.", 19, 3)
    []
    >>> subject_before("Dan Burton said the committee met on Monday.", 16, 38)
    []
    """
    first = sentence[clause_start:].split()[:1]
    if clause_start == 0 or not first or not first[0][:1].islower():
        return []
    if first[0].strip(",").lower() in NOT_SUBJECT_OR_VERB:
        return []
    opening = CLAUSE_BREAK.search(sentence)
    if opening is None or not opening.group().startswith(",") or opening.start() >= start:
        return []
    words = sentence[: opening.start()].split()
    if not words or len(words) > SUBJECT_WORDS or not words[0][:1].isupper():
        return []
    if words[0].lower() in NOT_SUBJECT_OR_VERB:
        return []
    return words


@functools.lru_cache(maxsize=1024)  # an event's label and its merge words ask for the same clause
def clause_around(sentence: str, start: int, end: int) -> tuple[int, int]:
    """Return the clause holding [start, end), widened while it says too little.

    >>> s = "He vowed Wednesday to reject the plan, and they meet Thursday."
    >>> start, end = clause_around(s, s.index("Wednesday"), s.index("Wednesday") + 9)
    >>> s[start:end]
    'He vowed Wednesday to reject the plan'
    """
    breaks = [
        m.span() for m in CLAUSE_BREAK.finditer(sentence) if m.end() <= start or m.start() >= end
    ]
    lefts = [0, *(b_end for b_start, b_end in breaks if b_end <= start)]
    rights = [*(b_start for b_start, _ in breaks if b_start >= end), len(sentence)]
    left, right = len(lefts) - 1, 0
    while _word_count(sentence, lefts[left], rights[right], start, end) < MIN_CLAUSE_WORDS:
        if right < len(rights) - 1:
            right += 1
        elif left > 0:
            left -= 1
        else:
            break
    return lefts[left], rights[right]


def _word_count(sentence: str, left: int, right: int, start: int, end: int) -> int:
    return len(sentence[left:start].split()) + len(sentence[end:right].split())


def as_sentence(label: object) -> str:
    """A label written as a sentence: one line, a capital first, a full stop last.

    >>> as_sentence("Kopp was indicted in the 2014 shooting")
    'Kopp was indicted in the 2014 shooting.'
    >>> as_sentence("  the boy's relatives  said they would look …")
    "The boy's relatives said they would look …"
    >>> as_sentence('_ he said: "no"'), as_sentence(None)
    ('He said: "no"', '')
    """
    text = " ".join(text_or_empty(label).split()).lstrip("_-–—,;:. ").rstrip(",;: ")
    if not text:
        return ""
    first = text.split(" ", 1)[0]
    if first.islower():  # "iPhone", "eBay" keep their case
        text = text[0].upper() + text[1:]
    return text if text.endswith(SENTENCE_ENDS) else f"{text}."


def text_or_empty(value: object) -> str:
    """A label or sentence as text; None and NaN (a missing value of a frame) are empty."""
    if isinstance(value, str):
        return value
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def reads_as_sentence(label: object) -> bool:
    """Whether a label opens with its subject and says it whole (no words cut out).

    >>> [reads_as_sentence(label) for label in ("Kopp was indicted in the shooting",
    ...     "the company earned $480.4 million", "12 people died in the fire")]
    [True, True, True]
    >>> [reads_as_sentence(label) for label in ("announced a special dividend",
    ...     "In composite trading on the New York Stock Exchange", "who arrived in Miami",
    ...     "Tillerson exits his limousine prior … Mexico", "Thursday")]
    [False, False, False, False, False]
    """
    words = text_or_empty(label).split()
    if len(words) < MIN_SENTENCE_WORDS or "…" in words:
        return False
    first = words[0].strip("\"'`“‘(").rstrip(",")
    if not first:
        return False
    if first[0].isdigit() or first[0].isupper():
        return first.lower() not in FRAGMENT_OPENERS
    return first.lower() in SUBJECT_OPENERS


def headline(label: object, sentence: object) -> str:
    """What a list shows for an event: its label as a sentence when it reads as one, else the
    sentence it comes from (always a sentence, if a longer one).

    >>> headline("the talks collapsed", "On Monday the talks collapsed.")
    'The talks collapsed.'
    >>> headline("or 86 cents a share", "Net rose to $4 million, or 86 cents a share, in 1989.")
    'Net rose to $4 million, or 86 cents a share, in 1989.'
    >>> headline("killed", "NAIROBI, Kenya (AP) _ Two bombs killed 80 people Friday.")
    'Two bombs killed 80 people Friday.'
    """
    text = " ".join(text_or_empty(sentence).split())
    dateline = dateline_span(text)  # the story's first sentence opens with it: not news
    text = text[dateline[1] :] if dateline else text
    if reads_as_sentence(label) or not text:
        return as_sentence(label)
    return as_sentence(text)

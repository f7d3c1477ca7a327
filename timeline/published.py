"""The publication date of an article that declares none, read off its top: a dateline, a
byline, a photo caption, else the first full date."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from timeline.anchor import TimexLike, tag_text
from timeline.headers import iso_day

Tagger = Callable[[str, date | None], Sequence[TimexLike]]

FULL_DAY_VALUE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:T.*)?")


@dataclass(frozen=True)
class DateClue:
    """Where a full date near the top says "this is when the article was published"."""

    name: str  # shown in published_from: "inferred: <name> '<date as written>'"
    before: str  # pattern the line must match from its start up to the date ("" = any)
    line: str  # pattern the line must start with ("" = any)
    longest_line: int  # clues sit on short lines


# In priority order; a full date that matches none is the "first full date" clue.
DATE_CLUES: tuple[DateClue, ...] = (
    DateClue(  # "WASHINGTON (AP) — Feb. 22, 2017 —", "MEXICO CITY, February 22, 2017"
        "dateline",
        before=r"\s*[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}(?:, [A-Z][A-Za-z.]+)?"
        r"\s*(?:\([A-Za-z .&-]{1,30}\))?\s*[,—–-]*\s*",
        line="",
        longest_line=100_000,
    ),
    DateClue(  # "By Jane Doe | Feb 22, 2017", "Published: February 22, 2017"
        "byline",
        before="",
        line=r"\s*(?:(?:By|BY)\s+[A-Z][A-Za-z.'’-]+\s+[A-Z]"
        r"|(?i:published|posted|updated|last updated|first published)\b)",
        longest_line=150,
    ),
    DateClue(  # "... on February 22, 2017. Photo: Carlos Barria/AFP/Getty Images"
        "caption",
        before="",
        line=r".*(?:\b(?i:photo(?:graph)?s?|image|picture|credit|caption)\s*(?:by\s*)?:"
        r"|\bGetty Images\b|\bAP Photo\b|\bReuters/|/AFP\b|\bShutterstock\b|\bEPA\b)",
        longest_line=400,
    ),
)
FIRST_DATE_CLUE = "first full date"
INFERENCE_WINDOW = 1000  # characters from the top searched for a publication date


def infer_published(text: str, tag: Tagger = tag_text) -> tuple[date | None, str]:
    """Find the publication date near the top of a text; return it and `published_from`.

    Clues, in priority: a dateline, a byline, a photo caption, the first full date.

    >>> infer_published("Talks\\n\\nMEXICO CITY (AP) — February 22, 2017 — Talks resumed.")
    (datetime.date(2017, 2, 22), "inferred: dateline 'February 22, 2017'")
    >>> infer_published("Talks resumed on Monday.")
    (None, 'unknown')
    """
    cut = text.find("\n", INFERENCE_WINDOW)
    window = text[: INFERENCE_WINDOW + 300 if cut < 0 else min(cut, INFERENCE_WINDOW + 300)]
    found: list[tuple[int, int, date, str]] = []
    for timex in tag(window, None):
        full = FULL_DAY_VALUE.fullmatch(timex.value) if timex.type in ("DATE", "TIME") else None
        day = iso_day(full.group(1)) if full else None
        if day is not None:
            found.append((_clue_rank(window, timex.start), timex.start, day, timex.text))
    if not found:
        return None, "unknown"
    rank, _, day, written = min(found)
    clue = DATE_CLUES[rank].name if rank < len(DATE_CLUES) else FIRST_DATE_CLUE
    return day, f"inferred: {clue} '{' '.join(written.split())}'"


def _clue_rank(text: str, start: int) -> int:
    """Index in DATE_CLUES of the clue the date at `start` is part of (len: none)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    prefix = text[line_start:start]
    for rank, clue in enumerate(DATE_CLUES):
        if (
            len(line) <= clue.longest_line
            and (not clue.before or re.fullmatch(clue.before, prefix))
            and (not clue.line or re.match(clue.line, line))
        ):
            return rank
    return len(DATE_CLUES)

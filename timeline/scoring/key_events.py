"""Key events scored against SemEval-2015 Task 4 entity timelines (a story's reference dates).

The check the issue states: of the top `TOP` key events of a corpus (`key_events.key_events`),
how many fall on a date that the story's gold timelines hold. A set is a folder with `texts/`
(TimeML, tokenized, sentences in `<s id>`, the DCT, the title in `EXTRAINFO`) and `gold/` (one
timeline per entity: `ORDER<TAB>DATE<TAB>EVENT_ID...`; see the corpus's PROVENANCE.md). The
gold dates of a set are the dates of every line of every timeline, `XXXX-XX-XX` (no anchor) left
out; `2008-03-XX` is the month, `2008-XX-XX` the year.

An event falls on a gold date when its span lies inside the gold date's: a day inside a gold
month counts, a year does not count for a gold day inside it (a key event dated "2008" tells no
reader which of the story's days it is). The yardstick is the issue's: ranking the dates our
tagger finds by how many articles mention them.

`python -m timeline evaluate-key-events ../shared/corpora/semeval2015-timeline/{apple,airbus}`
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TextIO

import pandas as pd

from timeline.articles import Article
from timeline.events import VAGUE, extract_events
from timeline.key_events import key_events
from timeline.merge import merge_events
from timeline.scoring.gold import detokenize, parse_day_value, parse_written_day

TOP = 10
TARGET = 0.8  # the bar: at least 8 of the top 10
GOLD_DATE = re.compile(r"(\d{4})(?:-(\d\d|XX))?(?:-(\d\d|XX))?$")

Span = tuple[date, date]


@dataclass(frozen=True)
class StorySet:
    """One corpus: its articles and the spans of the dates its gold timelines hold."""

    name: str
    articles: list[Article]
    gold: list[Span]


@dataclass(frozen=True)
class Scored:
    """How many of the top events fall on a gold date."""

    top: int
    on_gold: int

    @property
    def precision(self) -> float:
        return self.on_gold / self.top if self.top else 0.0


def read_story_set(folder: Path) -> StorySet:
    """Read `texts/*.tml` into articles and `gold/*.txt` into gold date spans."""
    articles = [read_article(path) for path in sorted((folder / "texts").glob("*.tml"))]
    gold = sorted(
        {
            span
            for path in sorted((folder / "gold").glob("*.txt"))
            for line in path.read_text(encoding="utf-8").splitlines()[1:]
            if (span := gold_span(line.split("\t")[1] if "\t" in line else "")) is not None
        }
    )
    return StorySet(folder.name, articles, gold)


def read_article(path: Path) -> Article:
    """One tokenized TimeML article as plain text: one sentence a paragraph, the date line out."""
    root = ET.parse(path).getroot()
    published = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            published = parse_day_value(timex.get("value", ""))
    title = root.findtext("EXTRAINFO") or path.stem
    tokens: list[tuple[int, str]] = []
    for sentence in root.iter("s"):
        words = "".join(sentence.itertext()).split()
        if parse_written_day(" ".join(words)) is not None:
            continue  # the date line: metadata, not the story
        number = int(sentence.get("id", "0"))
        tokens.extend((number, word) for word in words)
    text, _ = detokenize(tokens, "\n\n")
    doc_id = root.findtext("DOCID") or path.stem
    return Article(
        doc_id.strip(),
        detokenize([(0, word) for word in title.split()])[0],
        "wikinews",
        text,
        published,
        "header" if published else "unknown",
        str(path),
    )


def gold_span(value: str) -> Span | None:
    """The calendar span of a gold timeline date; None for `XXXX-XX-XX` or anything else.

    >>> [str(day) for day in (*gold_span("2008-03-01"), *gold_span("2008-03-XX"))]
    ['2008-03-01', '2008-03-01', '2008-03-01', '2008-03-31']
    >>> [str(day) for day in gold_span("2008")]
    ['2008-01-01', '2008-12-31']
    >>> gold_span("XXXX-XX-XX") is None
    True
    """
    match = GOLD_DATE.match(value.strip())
    if not match:
        return None
    year = int(match.group(1))
    month = match.group(2) if match.group(2) not in (None, "XX") else None
    day = match.group(3) if match.group(3) not in (None, "XX") else None
    try:
        if month is None:
            return date(year, 1, 1), date(year, 12, 31)
        first = date(year, int(month), 1)
        if day is None:
            following = date(year + int(month) // 12, int(month) % 12 + 1, 1)
            return first, following - timedelta(days=1)
        return first.replace(day=int(day)), first.replace(day=int(day))
    except ValueError:
        return None


def falls_on(first: object, last: object, gold: Sequence[Span]) -> bool:
    """Whether the span [first, last] lies inside one of the gold spans.

    >>> gold = [(date(2008, 3, 1), date(2008, 3, 31))]
    >>> falls_on(pd.Timestamp("2008-03-04"), pd.Timestamp("2008-03-04"), gold)
    True
    >>> falls_on(pd.Timestamp("2008-01-01"), pd.Timestamp("2008-12-31"), gold)
    False
    """
    if pd.isna(first) or pd.isna(last):
        return False
    low, high = pd.Timestamp(first).date(), pd.Timestamp(last).date()
    return any(gold_first <= low and high <= gold_last for gold_first, gold_last in gold)


def score_top(ranked: pd.DataFrame, gold: Sequence[Span], top: int = TOP) -> Scored:
    """Count the first `top` rows (`date_start`, `date_end`) that fall on a gold date."""
    head = ranked.head(top)
    hits = sum(
        falls_on(first, last, gold)
        for first, last in zip(head["date_start"], head["date_end"], strict=True)
    )
    return Scored(len(head), hits)


def dates_by_articles(events: pd.DataFrame) -> pd.DataFrame:
    """The yardstick: every calendar span the tagger found, ranked by how many articles
    mention it (ties: more mentions, then earlier)."""
    dated = events[events["date_start"].notna() & (events["granularity"] != VAGUE)]
    counted = (
        dated.groupby(["date_start", "date_end"])
        .agg(articles=("article", "nunique"), mentions=("article", "size"))
        .reset_index()
    )
    return counted.sort_values(
        ["articles", "mentions", "date_start"], ascending=[False, False, True], ignore_index=True
    )


def evaluate_set(story: StorySet, top: int = TOP) -> tuple[Scored, Scored, pd.DataFrame]:
    """Score our key events and the yardstick on one set; also return our top events."""
    events = extract_events(story.articles)
    ranked = key_events(merge_events(events), top=top)
    return (
        score_top(ranked, story.gold, top),
        score_top(dates_by_articles(events), story.gold, top),
        ranked,
    )


def main_key_events_eval(folders: Sequence[str | Path], out: TextIO = sys.stdout) -> int:
    """Print the precision at 10 of key events and of the yardstick per set; 1 if a set is
    missing."""
    status = 0
    print(
        f"{'set':<10} {'articles':>8} {'gold dates':>10} {'key events':>11} "
        f"{'dates by articles':>18}",
        file=out,
    )
    for folder in folders:
        story = read_story_set(Path(folder))
        if not story.articles or not story.gold:
            print(f"{folder}: no texts/*.tml or gold/*.txt timelines", file=out)
            status = 1
            continue
        ours, yardstick, ranked = evaluate_set(story)
        print(
            f"{story.name:<10} {len(story.articles):>8} {len(story.gold):>10} "
            f"{ours.on_gold:>5}/{ours.top} {ours.precision:.2f} "
            f"{yardstick.on_gold:>11}/{yardstick.top} {yardstick.precision:.2f}",
            file=out,
        )
        for row in ranked.itertuples(index=False):
            mark = "+" if falls_on(row.date_start, row.date_end, story.gold) else "-"
            told = f"{row.articles:>2} article{'s' if row.articles != 1 else ' '}"
            print(f"  {mark} {row.when:<22} {told}  {row.label}", file=out)
    print(f"bar: {TARGET:.0%} of the top {TOP} on a gold date", file=out)
    return status

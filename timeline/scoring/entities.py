"""The entity-timeline scorer of issue 17 on the SemEval-2015 Task 4 sets.

Each TimeML article (DCT, title in `EXTRAINFO`, tokenized sentences in `<s id>`) is read as one
article published on its DCT, its tokens joined back the way a writer spaces them, one sentence a
line. Each gold timeline (first line: the name) gives items (article, sentence id, date) for
every event id on a line whose date is not `XXXX-XX-XX`, `YYYY` read as `YYYY-XX-XX` and `YYYY-MM`
as `YYYY-MM-XX`. Ours are the rows of `events --entity NAME` at day, month or year precision,
written the same way, with the sentence that holds the row's `start`. Event precision, recall and
F1 compare the two sets of items, date P/R/F1 their sets of dates; both are summed over the
timelines (micro-averaged). Gold ids that name no article count as misses.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import pandas as pd

from timeline.articles import Article
from timeline.scoring.gold import detokenize, parse_day_value
from timeline.scoring.tempeval import PRF

UNANCHORED_GOLD = "XXXX-XX-XX"
SCORED_GRANULARITIES = ("day", "month", "year")

Item = tuple[str, int, str]  # (article DOCID, sentence id, date as YYYY-MM-DD / -XX)


@dataclass(frozen=True)
class ScoredArticle:
    """An article and where its gold sentences are: (start offset, sentence id), by start."""

    article: Article
    sentence_starts: tuple[tuple[int, int], ...]

    def sentence_at(self, offset: int) -> int | None:
        """The gold sentence id of the sentence holding `offset` (None before the first)."""
        index = bisect_right(self.sentence_starts, (offset, 1 << 30)) - 1
        return self.sentence_starts[index][1] if index >= 0 else None


@dataclass(frozen=True)
class Timeline:
    """A gold entity timeline: the name on its first line and its dated items."""

    name: str
    path: str
    items: frozenset[Item]


@dataclass(frozen=True)
class Counts:
    """True positives, predicted and gold sizes of one comparison."""

    hits: int = 0
    predicted: int = 0
    gold: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.hits + other.hits, self.predicted + other.predicted, self.gold + other.gold
        )

    @property
    def prf(self) -> PRF:
        return PRF.of(self.hits, self.predicted, self.gold)


def compare(predicted: Iterable[object], gold: Iterable[object]) -> Counts:
    """Counts of two sets.

    >>> compare({1, 2, 3}, {2, 3, 4}).prf.f1
    0.6666666666666666
    """
    ours, theirs = set(predicted), set(gold)
    return Counts(len(ours & theirs), len(ours), len(theirs))


def read_article(path: str | Path) -> ScoredArticle:
    """Read one SemEval-2015 TimeML article into an `Article` and its gold sentence offsets.

    >>> import tempfile
    >>> tml = ('<TimeML><DOCID>7</DOCID><DCT><TIMEX3 functionInDocument="CREATION_TIME" '
    ...        'value="2008-03-01">2008-03-01</TIMEX3></DCT><EXTRAINFO>Boeing loses</EXTRAINFO>'
    ...        '<TEXT><s id="0">Boeing loses</s><s id="1">It said `` no , '
    ...        "<EVENT eid='e1'>sorry</EVENT> '' .</s></TEXT></TimeML>")
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = Path(tmp) / "7_Boeing.tml"
    ...     _ = path.write_text(tml)
    ...     scored = read_article(path)
    >>> scored.article.id, scored.article.title, scored.article.published.isoformat()
    ('7', 'Boeing loses', '2008-03-01')
    >>> scored.article.text
    'Boeing loses\\nIt said "no, sorry".'
    >>> scored.sentence_at(scored.article.text.index("sorry"))
    1
    """
    path = Path(path)
    root = ET.parse(path).getroot()
    dct = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct = parse_day_value(timex.get("value", ""))
            break
    body = root.find("TEXT")
    tokens = [
        (int(sentence.get("id", "0")), token)
        for sentence in (body.iter("s") if body is not None else ())
        for token in "".join(sentence.itertext()).split()
    ]
    text, spans = detokenize(tokens)
    starts: dict[int, int] = {}
    for (sentence_id, _), (start, _) in zip(tokens, spans, strict=True):
        starts.setdefault(sentence_id, start)
    title, _ = detokenize([(0, token) for token in (root.findtext("EXTRAINFO") or "").split()])
    docid = (root.findtext("DOCID") or "").strip() or path.stem.split("_")[0].split("-")[0]
    article = Article(docid, title, "SemEval-2015", text, dct, "header", path=str(path))
    return ScoredArticle(article, tuple(sorted((start, sid) for sid, start in starts.items())))


def read_timeline(path: str | Path) -> Timeline:
    """Read a gold timeline file: its name and its dated (article, sentence, date) items.

    >>> import tempfile
    >>> lines = "Airbus\\n0\\tXXXX-XX-XX\\t1-2-said\\n1\\t2005\\t3-4-won\\t5-6-out-sold\\n"
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = Path(tmp) / "airbus.txt"
    ...     _ = path.write_text(lines)
    ...     timeline = read_timeline(path)
    >>> timeline.name, sorted(timeline.items)
    ('Airbus', [('3', 4, '2005-XX-XX'), ('5', 6, '2005-XX-XX')])
    """
    path = Path(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    items: set[Item] = set()
    for line in lines[1:]:
        fields = line.strip().split("\t")
        if len(fields) < 3 or fields[1] == UNANCHORED_GOLD:
            continue
        day = gold_date(fields[1])
        for event_id in fields[2:]:
            parts = event_id.split("-", 2)
            if len(parts) == 3 and parts[1].isdigit():
                items.add((parts[0], int(parts[1]), day))
    return Timeline(lines[0].strip() if lines else path.stem, str(path), frozenset(items))


def gold_date(value: str) -> str:
    """A gold date written as YYYY-MM-DD with XX for what it leaves open.

    >>> gold_date("2005"), gold_date("2005-06"), gold_date("2005-06-XX"), gold_date("2005-06-01")
    ('2005-XX-XX', '2005-06-XX', '2005-06-XX', '2005-06-01')
    """
    parts = value.split("-")
    return "-".join(parts + ["XX"] * (3 - len(parts)))


def row_date(granularity: str, date_start: object) -> str | None:
    """A row's date written as gold dates are; None below year precision or without a date.

    >>> row_date("month", pd.Timestamp("2008-03-01")), row_date("week", pd.Timestamp("2008-03-03"))
    ('2008-03-XX', None)
    """
    if granularity not in SCORED_GRANULARITIES or pd.isna(date_start):
        return None
    day = pd.Timestamp(date_start)
    if granularity == "day":
        return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"
    if granularity == "month":
        return f"{day.year:04d}-{day.month:02d}-XX"
    return f"{day.year:04d}-XX-XX"


def predicted_items(rows: pd.DataFrame, articles: dict[str, ScoredArticle]) -> set[Item]:
    """The (article, gold sentence of `start`, date) items of entity-event rows."""
    items: set[Item] = set()
    for article, start, granularity, date_start in zip(
        rows["article"], rows["start"], rows["granularity"], rows["date_start"], strict=True
    ):
        day = row_date(granularity, date_start)
        scored = articles.get(article)
        sentence = scored.sentence_at(int(start)) if scored else None
        if day is not None and sentence is not None:
            items.add((article, sentence, day))
    return items


@dataclass(frozen=True)
class TimelineScore:
    name: str
    events: Counts
    dates: Counts


def score_timelines(
    timelines: Sequence[Timeline],
    articles: dict[str, ScoredArticle],
    entity_rows: Callable[[str], pd.DataFrame],
) -> list[TimelineScore]:
    """Score each timeline with the rows `entity_rows(name)` gives for its name."""
    scores = []
    for timeline in timelines:
        ours = predicted_items(entity_rows(timeline.name), articles)
        scores.append(
            TimelineScore(
                timeline.name,
                compare(ours, timeline.items),
                compare({day for *_, day in ours}, {day for *_, day in timeline.items}),
            )
        )
    return scores


def read_set(
    gold_dir: str | Path, texts_dir: str | Path
) -> tuple[list[Timeline], dict[str, ScoredArticle]]:
    """The timelines of a gold folder and the articles of a texts folder, by DOCID."""
    timelines = [read_timeline(path) for path in sorted(Path(gold_dir).glob("*.txt"))]
    articles = {}
    for path in sorted(Path(texts_dir).glob("*.tml")):
        scored = read_article(path)
        articles[scored.article.id] = scored
    return timelines, articles


def format_table(scores: Sequence[TimelineScore]) -> str:
    """One line per timeline and the micro-averaged total."""
    header = f"{'timeline':<28} {'gold':>5} {'ours':>5} {'event P':>8} {'R':>6} {'F1':>6}"
    header += f" {'date P':>7} {'R':>6} {'F1':>6}"
    lines = [header]
    total_events, total_dates = Counts(), Counts()
    for score in scores:
        lines.append(_line(score.name, score.events, score.dates))
        total_events += score.events
        total_dates += score.dates
    lines.append(_line("all (micro)", total_events, total_dates))
    return "\n".join(lines)


def _line(name: str, events: Counts, dates: Counts) -> str:
    event, day = events.prf, dates.prf
    return (
        f"{name[:28]:<28} {events.gold:>5} {events.predicted:>5} {event.precision:>8.3f}"
        f" {event.recall:>6.3f} {event.f1:>6.3f} {day.precision:>7.3f} {day.recall:>6.3f}"
        f" {day.f1:>6.3f}"
    )


def list_errors(
    timeline: Timeline, rows: pd.DataFrame, articles: dict[str, ScoredArticle]
) -> list[str]:
    """One line per miss and false alarm of a timeline, by article and sentence: `-` a gold
    item we lack (with the dates we gave that sentence, if any), `+` an item of ours that is
    not gold (with how its row was anchored and the text it stands on), then the sentence.

    >>> scored = ScoredArticle(Article("7", "", "", "Boeing won. It said so.", None, ""),
    ...                        ((0, 0), (12, 1)))
    >>> rows = pd.DataFrame({"article": ["7"], "start": [12], "end": [14], "text": ["It"],
    ...     "granularity": ["day"], "date_start": [pd.Timestamp("2008-03-01")],
    ...     "anchor": ["publication"]})
    >>> gold = Timeline("Boeing", "", frozenset({("7", 0, "2008-03-01")}))
    >>> print("\\n".join(list_errors(gold, rows, {"7": scored})))
    - 7 s0 2008-03-01 (ours: none) | Boeing won.
    + 7 s1 2008-03-01 publication 'It' | It said so.
    """
    how = {item: origins[0] for item, origins in _origins(rows, articles).items()}
    ours = set(how)
    dates_of: dict[tuple[str, int], list[str]] = {}
    for article, sentence, day in sorted(ours):
        dates_of.setdefault((article, sentence), []).append(day)
    lines = []
    for item in sorted(ours ^ timeline.items):
        article, sentence, day = item
        text = _sentence_text(articles.get(article), sentence)
        if item in timeline.items:
            given = ", ".join(dates_of.get((article, sentence), [])) or "none"
            lines.append(f"- {article} s{sentence} {day} (ours: {given}) | {text}")
        else:
            lines.append(f"+ {article} s{sentence} {day} {how[item]} | {text}")
    return lines


def list_date_errors(
    timeline: Timeline, rows: pd.DataFrame, articles: dict[str, ScoredArticle]
) -> list[str]:
    """The date P/R of a timeline seen from its dates: a head line with the sizes of both
    sets of dates, then `+` a date of ours that no gold item has, with every row behind it
    (article, sentence, how it was anchored, the text it stands on), and `-` a gold date we
    lack, with the gold sentences that have it and the dates we gave those sentences.

    >>> scored = ScoredArticle(Article("7", "", "", "Boeing won. It said so.", None, ""),
    ...                        ((0, 0), (12, 1)))
    >>> rows = pd.DataFrame({"article": ["7"], "start": [12], "end": [14], "text": ["It"],
    ...     "granularity": ["day"], "date_start": [pd.Timestamp("2008-03-02")],
    ...     "anchor": ["publication"]})
    >>> gold = Timeline("Boeing", "", frozenset({("7", 0, "2008-03-01")}))
    >>> print("\\n".join(list_date_errors(gold, rows, {"7": scored})))
    == Boeing: gold dates 1, ours 1, both 0
    + 2008-03-02 | 7 s1 publication 'It'
    - 2008-03-01 | 7 s0 (ours: none)
    """
    origins = _origins(rows, articles)
    ours: dict[str, list[str]] = {}
    dates_of: dict[tuple[str, int], list[str]] = {}
    for (article, sentence, day), how in sorted(origins.items()):
        ours.setdefault(day, []).extend(f"{article} s{sentence} {h}" for h in how)
        dates_of.setdefault((article, sentence), []).append(day)
    gold: dict[str, list[tuple[str, int]]] = {}
    for article, sentence, day in sorted(timeline.items):
        gold.setdefault(day, []).append((article, sentence))
    lines = [
        f"== {timeline.name}: gold dates {len(gold)}, ours {len(ours)},"
        f" both {len(gold.keys() & ours.keys())}"
    ]
    for day in sorted(ours.keys() - gold.keys()):
        lines.append(f"+ {day} | " + "; ".join(ours[day]))
    for day in sorted(gold.keys() - ours.keys()):
        told = (
            f"{a} s{s} (ours: {', '.join(dates_of.get((a, s), [])) or 'none'})"
            for a, s in gold[day]
        )
        lines.append(f"- {day} | " + "; ".join(told))
    return lines


def _origins(rows: pd.DataFrame, articles: dict[str, ScoredArticle]) -> dict[Item, list[str]]:
    """Each item of the rows, with how each row behind it was anchored and its text."""
    origins: dict[Item, list[str]] = {}
    for row in rows.itertuples(index=False):
        for item in predicted_items(pd.DataFrame([row._asdict()]), articles):
            how = f"{getattr(row, 'anchor', '')} {getattr(row, 'text', '')!r}"
            origins.setdefault(item, []).append(how)
    return origins


def _sentence_text(scored: ScoredArticle | None, sentence: int) -> str:
    if scored is None:
        return "(no such article)"
    starts = scored.sentence_starts
    for index, (start, sid) in enumerate(starts):
        if sid == sentence:
            end = starts[index + 1][0] if index + 1 < len(starts) else len(scored.article.text)
            return scored.article.text[start:end].strip()
    return "(no such sentence)"


def main_evaluate_entities(
    gold_dir: str | Path,
    texts_dir: str | Path,
    out: TextIO,
    err: TextIO,
    errors: bool = False,
    date_errors: bool = False,
) -> int:
    """Score `events --entity` on a SemEval-2015 Task 4 set; print the table (and, with
    `errors`, every miss and false alarm first; with `date_errors`, every date we add or
    miss, `list_date_errors`); exit code."""
    from timeline.follow import read_names

    timelines, articles = read_set(gold_dir, texts_dir)
    if not timelines or not articles:
        print(f"no timelines in {gold_dir} or no .tml articles in {texts_dir}", file=err)
        return 1
    corpus = read_names([scored.article for scored in articles.values()])
    rows = {timeline.name: corpus.events_of(timeline.name)[1] for timeline in timelines}
    if errors:
        for timeline in timelines:
            print(f"== {timeline.name}", file=out)
            for line in list_errors(timeline, rows[timeline.name], articles):
                print(line, file=out)
    if date_errors:
        for timeline in timelines:
            for line in list_date_errors(timeline, rows[timeline.name], articles):
                print(line, file=out)
    print(format_table(score_timelines(timelines, articles, rows.__getitem__)), file=out)
    return 0

"""Score cross-article merging against MEANTIME's cross-document event coreference (issue 5).

MEANTIME (`intra_cross-doc_annotation/corpus_<topic>/*.xml`, CAT XML) links event mentions of
different Wikinews articles through the `instance_id` of the `EVENT` their `REFERS_TO` chain
points at. Each article is rebuilt from its tokens (one gold sentence per paragraph, so sentence
indices survive; the date line, sentence 1, is left out of the text because it is the
publication date, not an event) and tagged, merged and mapped back to (document, sentence).

Pairs are unordered pairs of (document, sentence) from two different documents:
- gold: the two sentences hold mentions of the same cross-document instance (117 pairs);
- predicted: the two sentences hold rows that ended in one merged group.

Recall is over all 117 gold pairs. Precision is counted only over predicted pairs whose two
sentences have all their event mentions annotated. Our reading of that: only sentences 0-5
(title, date line, first four body sentences) carry the full document-level event layer; later
sentences only carry the mentions added by the cross-document pass, so a predicted pair that
touches a sentence >= 6 cannot be judged wrong and is left out of precision (it still counts
for recall when it is a gold pair). Pairs predicted across topics are false positives overall.
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import combinations, product
from pathlib import Path
from typing import TextIO

import pandas as pd

from timeline.articles import Article
from timeline.events import events_frame, extract_events
from timeline.labels import label_event
from timeline.merge import DEFAULT_COARSE_THRESHOLD, DEFAULT_THRESHOLD, merge_events
from timeline.scoring.gold import detokenize, parse_day_value, parse_written_day
from timeline.terms import is_mergeable

TOPICS = ("airbus", "apple", "gm", "stock")
CROSS_DOC_DIR = "intra_cross-doc_annotation"
LAST_ANNOTATED_SENTENCE = 5  # sentences 0-5 carry every event mention (see PROVENANCE.md)
DATE_LINE = 1

Key = tuple[str, int]  # (document id, sentence index)
Pair = tuple[Key, Key]  # sorted


@dataclass(frozen=True)
class MeantimeDoc:
    """One MEANTIME article rebuilt as text, with its gold cross-document event mentions."""

    doc_id: str
    topic: str
    title: str
    text: str
    published: date | None
    sentence_starts: tuple[int, ...]  # offset in `text` where each kept gold sentence starts
    sentence_ids: tuple[int, ...]  # the gold sentence index of each kept sentence
    instances: tuple[tuple[str, int], ...]  # (cross-document instance_id, sentence index)
    timexes: tuple[tuple[int, int, str, str], ...] = ()  # gold DATE/TIME: start, end, type, value

    def sentence_at(self, offset: int) -> int:
        """Return the gold sentence index holding a character offset of `text`."""
        return self.sentence_ids[max(bisect_right(self.sentence_starts, offset) - 1, 0)]

    def article(self) -> Article:
        """Return the document as an `Article` dated by its CREATION_TIME TIMEX3."""
        return Article(
            self.doc_id,
            self.title,
            self.topic,
            self.text,
            self.published,
            "header" if self.published else "unknown",
        )


@dataclass(frozen=True)
class Score:
    """Pairwise counts and scores for one topic (or all)."""

    gold: int
    reachable: int  # gold pairs whose two sentences both hold a mergeable row of ours
    predicted: int  # predicted pairs inside the annotated part (the precision denominator)
    correct: int  # of those, gold pairs
    found: int  # gold pairs predicted anywhere (the recall numerator)
    unscored: int  # predicted pairs touching a sentence >= 6, left out of precision

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def read_meantime_doc(path: Path, topic: str) -> MeantimeDoc:
    """Rebuild one CAT XML article: text from tokens, DCT, gold (instance, sentence) mentions."""
    root = ET.parse(path).getroot()
    tokens = [
        (t.get("t_id", ""), int(t.get("sentence", "0")), t.text or "") for t in root.iter("token")
    ]
    token_sentence = {t_id: sentence for t_id, sentence, _ in tokens}
    body = sorted(
        ((sentence, index, t_id, word) for index, (t_id, sentence, word) in enumerate(tokens)),
    )
    body = [token for token in body if token[0] != DATE_LINE]
    # One gold sentence per paragraph, so that sentence indices survive the event extraction.
    text, spans = detokenize([(sentence, word) for sentence, _, _, word in body], "\n\n")
    token_span = {t_id: span for (_, _, t_id, _), span in zip(body, spans, strict=True)}
    starts: list[int] = []
    ids: list[int] = []
    for (sentence, _, _, _), (start, _) in zip(body, spans, strict=True):
        if not ids or ids[-1] != sentence:
            ids.append(sentence)
            starts.append(start)
    published = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            published = parse_day_value(timex.get("value", ""))
    if published is None:  # 2 files lack the DCT, 1 has "03-02-2009": the date line says it
        published = parse_written_day(_sentence_text(tokens, DATE_LINE))
    return MeantimeDoc(
        doc_id=root.get("doc_id") or path.stem,
        topic=topic,
        title=_sentence_text(tokens, 0),
        text=text,
        published=published,
        sentence_starts=tuple(starts),
        sentence_ids=tuple(ids),
        instances=tuple(sorted(_gold_mentions(root, token_sentence))),
        timexes=tuple(sorted(_gold_timexes(root, token_span))),
    )


def _sentence_text(tokens: Sequence[tuple[str, int, str]], sentence: int) -> str:
    return detokenize([(index, word) for _, index, word in tokens if index == sentence])[0]


def _gold_mentions(root: ET.Element, token_sentence: dict[str, int]) -> set[tuple[str, int]]:
    markables = root.find("Markables")
    relations = root.find("Relations")
    if markables is None or relations is None:
        return set()
    mention_sentence = {}
    for mention in markables.iter("EVENT_MENTION"):
        anchors = [a.get("t_id", "") for a in mention.iter("token_anchor")]
        sentences = [token_sentence[t] for t in anchors if t in token_sentence]
        if sentences:
            mention_sentence[mention.get("m_id", "")] = sentences[0]
    instance_of = {
        event.get("m_id", ""): event.get("instance_id", "")
        for event in markables.iter("EVENT")
        if event.get("instance_id")
    }
    found = set()
    for link in relations.iter("REFERS_TO"):
        target = link.find("target")
        instance = instance_of.get(target.get("m_id", "") if target is not None else "")
        if not instance:
            continue
        for source in link.iter("source"):
            sentence = mention_sentence.get(source.get("m_id", ""))
            if sentence is not None:
                found.add((instance, sentence))
    return found


def _gold_timexes(
    root: ET.Element, token_span: dict[str, tuple[int, int]]
) -> set[tuple[int, int, str, str]]:
    found = set()
    for timex in root.iter("TIMEX3"):
        anchors = (a.get("t_id", "") for a in timex.iter("token_anchor"))
        spans = [token_span[t_id] for t_id in anchors if t_id in token_span]
        kind = timex.get("type", "")
        if timex.get("functionInDocument") == "CREATION_TIME" or kind not in ("DATE", "TIME"):
            continue
        if spans:
            found.add((spans[0][0], spans[-1][1], kind, timex.get("value", "")))
    return found


def read_meantime(corpus_dir: Path) -> list[MeantimeDoc]:
    """Read every topic folder of the cross-document annotation (or of a MEANTIME root)."""
    corpus_dir = Path(corpus_dir)
    if (corpus_dir / CROSS_DOC_DIR).is_dir():
        corpus_dir = corpus_dir / CROSS_DOC_DIR
    return [
        read_meantime_doc(path, topic)
        for topic in TOPICS
        for path in sorted((corpus_dir / f"corpus_{topic}").glob("*.xml"))
    ]


def gold_pairs(docs: Iterable[MeantimeDoc]) -> set[Pair]:
    """Unordered (document, sentence) pairs of two documents mentioning one instance."""
    where: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for doc in docs:
        for instance, sentence in doc.instances:
            where[instance][doc.doc_id].add(sentence)
    pairs: set[Pair] = set()
    for by_doc in where.values():
        for doc_a, doc_b in combinations(sorted(by_doc), 2):
            for key_a, key_b in product(
                ((doc_a, s) for s in by_doc[doc_a]), ((doc_b, s) for s in by_doc[doc_b])
            ):
                pairs.add(_pair(key_a, key_b))
    return pairs


def predicted_pairs(docs: Iterable[MeantimeDoc], merged: pd.DataFrame) -> set[Pair]:
    """Unordered (document, sentence) pairs of two documents whose rows share a merged group."""
    by_id = {doc.doc_id: doc for doc in docs}
    pairs: set[Pair] = set()
    for mentions in merged.loc[merged["count"] > 1, "mentions"]:
        keys = {(m["article"], by_id[m["article"]].sentence_at(m["start"])) for m in mentions}
        for key_a, key_b in combinations(sorted(keys), 2):
            if key_a[0] != key_b[0]:
                pairs.add(_pair(key_a, key_b))
    return pairs


def _pair(key_a: Key, key_b: Key) -> Pair:
    return (key_a, key_b) if key_a <= key_b else (key_b, key_a)


def score_pairs(
    docs: Sequence[MeantimeDoc], gold: set[Pair], predicted: set[Pair], events: pd.DataFrame
) -> dict[str, Score]:
    """Return a `Score` per topic and for "all" (cross-topic predictions count only there).

    `events` are the mergeable rows: a gold pair is reachable when both its sentences hold one.
    """
    topic_of = {doc.doc_id: doc.topic for doc in docs}
    by_id = {doc.doc_id: doc for doc in docs}
    rows = {
        (article, by_id[article].sentence_at(int(start)))
        for article, start in zip(events["article"], events["start"], strict=True)
    }
    scores = {}
    for topic in (*TOPICS, "all"):

        def inside(pair: Pair, topic: str = topic) -> bool:
            topics = {topic_of[pair[0][0]], topic_of[pair[1][0]]}
            return topic == "all" or topics == {topic}

        gold_t = {p for p in gold if inside(p)}
        predicted_t = {p for p in predicted if inside(p)}
        scored = {p for p in predicted_t if _annotated(p)}
        scores[topic] = Score(
            gold=len(gold_t),
            reachable=sum(1 for a, b in gold_t if a in rows and b in rows),
            predicted=len(scored),
            correct=len(scored & gold_t),
            found=len(predicted_t & gold_t),
            unscored=len(predicted_t - scored),
        )
    return scores


def _annotated(pair: Pair) -> bool:
    return all(sentence <= LAST_ANNOTATED_SENTENCE for _, sentence in pair)


def mergeable_events(docs: Sequence[MeantimeDoc]) -> pd.DataFrame:
    """Run our extraction over the rebuilt articles."""
    return extract_events(doc.article() for doc in docs)


def gold_date_events(docs: Sequence[MeantimeDoc]) -> pd.DataFrame:
    """Build the events frame from the gold DATE/TIME TIMEX3s instead of our tagger.

    It scores merging alone, with perfect dates, on sentences 0-5 only (the gold layer has no
    TIMEX3 beyond them).
    """
    rows = []
    for doc in docs:
        ends = [*doc.sentence_starts[1:], len(doc.text) + 2]
        for start, end, kind, value in doc.timexes:
            index = bisect_right(doc.sentence_starts, start) - 1
            sentence_start, sentence_end = doc.sentence_starts[index], ends[index] - 2
            sentence = doc.text[sentence_start:sentence_end]
            first, last, granularity = value_span(value)
            rows.append(
                {
                    "event_id": f"{doc.doc_id}:{start}",
                    "article": doc.doc_id,
                    "title": doc.title,
                    "source": doc.topic,
                    "published": doc.published,
                    "published_from": "header",
                    "text": doc.text[start:end],
                    "start": start,
                    "end": end,
                    "type": kind,
                    "value": value,
                    "date_start": first,
                    "date_end": last,
                    "granularity": granularity,
                    "sentence": sentence,
                    "sentence_start": sentence_start,
                    "sentence_end": sentence_end,
                    "event": label_event(sentence, start - sentence_start, end - sentence_start),
                    "rule": "gold",
                }
            )
    return events_frame(rows)


def value_span(value: str) -> tuple[date | None, date | None, str]:
    """Return the calendar span and granularity of a TIMEX3 DATE/TIME value (gold dates).

    >>> value_span("2003-04-28T16:15")
    (datetime.date(2003, 4, 28), datetime.date(2003, 4, 28), 'day')
    >>> value_span("2007-Q4")[1], value_span("PAST_REF")
    (datetime.date(2007, 12, 31), (None, None, 'vague'))
    """
    try:
        if re.fullmatch(r"\d{4}-\d\d-\d\d(T.*)?", value):
            day = date.fromisoformat(value[:10])
            return day, day, "day"
        if re.fullmatch(r"\d{4}-\d\d", value):
            first = date.fromisoformat(value + "-01")
            following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, following - timedelta(days=1), "month"
        if re.fullmatch(r"\d{4}-Q[1-4]", value):
            year, quarter = int(value[:4]), int(value[-1])
            last = date(year + quarter // 4, quarter * 3 % 12 + 1, 1) - timedelta(days=1)
            return date(year, quarter * 3 - 2, 1), last, "quarter"
        if re.fullmatch(r"\d{4}-W\d\d", value):
            monday = date.fromisocalendar(int(value[:4]), int(value[6:]), 1)
            return monday, monday + timedelta(days=6), "week"
        if re.fullmatch(r"\d{4}", value):
            return date(int(value), 1, 1), date(int(value), 12, 31), "year"
    except ValueError:
        pass
    if value.endswith("_REF"):
        return None, None, "vague"
    return None, None, "unknown"


def evaluate_merge(
    docs: Sequence[MeantimeDoc],
    events: pd.DataFrame,
    threshold: float = DEFAULT_THRESHOLD,
    coarse_threshold: float = DEFAULT_COARSE_THRESHOLD,
) -> dict[str, Score]:
    """Merge the extracted rows at the thresholds and score the pairs against the gold."""
    merged = merge_events(events, threshold=threshold, coarse_threshold=coarse_threshold)
    mergeable = events.loc[is_mergeable(events)]
    return score_pairs(docs, gold_pairs(docs), predicted_pairs(docs, merged), mergeable)


def format_scores(scores: dict[str, Score]) -> str:
    """Render the per-topic table."""
    head = "topic    gold  reach  pred  correct  found  unscored      P      R     F1"
    lines = [head]
    for topic, s in scores.items():
        precision = f"{s.precision:>6.3f}" if s.predicted else "     -"
        lines.append(
            f"{topic:<7} {s.gold:>5} {s.reachable:>6} {s.predicted:>5} {s.correct:>8} "
            f"{s.found:>6} {s.unscored:>9} {precision} {s.recall:>6.3f} {s.f1:>6.3f}"
        )
    return "\n".join(lines)


def main_merge_eval(
    corpus_dir: Path | str,
    out: TextIO = sys.stdout,
    threshold: float = DEFAULT_THRESHOLD,
    coarse_threshold: float = DEFAULT_COARSE_THRESHOLD,
    gold_dates: bool = False,
) -> int:
    """Print pairwise P/R/F1 of merging per MEANTIME topic; return 0, or 1 with no documents.

    With `gold_dates`, rows come from the gold TIMEX3s instead of our tagger (merging alone).
    """
    docs = read_meantime(Path(corpus_dir))
    if not docs:
        print(f"{corpus_dir}: no MEANTIME cross-document files found", file=out)
        return 1
    events = gold_date_events(docs) if gold_dates else mergeable_events(docs)
    scores = evaluate_merge(docs, events, threshold, coarse_threshold)
    dates = "gold TIMEX3 dates" if gold_dates else "our tagger's dates"
    print(
        f"MEANTIME cross-document merging, {dates}, threshold {threshold} "
        f"({coarse_threshold} when one side is wider than a week)",
        file=out,
    )
    print(format_scores(scores), file=out)
    print(
        "reach: gold pairs whose two sentences both hold a mergeable row of ours (the recall "
        "ceiling); pred/correct: predicted pairs within sentences 0-5 and how many are gold (P); "
        "found: gold pairs predicted anywhere (R); unscored: predicted pairs touching a sentence "
        ">= 6; 'all' also counts pairs predicted across topics",
        file=out,
    )
    return 0


if __name__ == "__main__":  # python -m timeline.scoring.merging CORPUS_DIR [--gold-dates]
    arguments = [argument for argument in sys.argv[1:] if argument != "--gold-dates"]
    if len(arguments) != 1:
        sys.exit("usage: python -m timeline.scoring.merging CORPUS_DIR [--gold-dates]")
    sys.exit(main_merge_eval(arguments[0], gold_dates="--gold-dates" in sys.argv))

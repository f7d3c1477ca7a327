"""Cross-article merging: which rows merge, which stay apart, and what a merged row holds."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from timeline.events import events_frame
from timeline.export import event_dicts
from timeline.merge import (
    DEFAULT_COARSE_THRESHOLD,
    DEFAULT_THRESHOLD,
    MENTION_KEYS,
    MERGED_COLUMNS,
    merge_events,
    pair_scores,
)

DATA = Path(__file__).parents[1] / "data"
DAY = (date(2017, 2, 23), date(2017, 2, 23))
NEXT_DAY = (date(2017, 2, 24), date(2017, 2, 24))
MONTH = (date(2017, 2, 1), date(2017, 2, 28))
YEAR = (date(2017, 1, 1), date(2017, 12, 31))
DECADE = (date(2010, 1, 1), date(2019, 12, 31))
NO_SPAN = (None, None)


def make_row(
    article: str,
    sentence: str,
    expression: str,
    span: tuple[date | None, date | None] = DAY,
    granularity: str = "day",
    rule: str = "test",
    offset: int = 0,
) -> dict[str, Any]:
    """One event row whose sentence starts at `offset` in its article."""
    start = offset + sentence.index(expression)
    return {
        "event_id": f"{article}:{start}",
        "article": article,
        "title": f"Title of {article}",
        "source": f"Outlet {article}",
        "published": date(2017, 2, 22),
        "published_from": "header",
        "text": expression,
        "start": start,
        "end": start + len(expression),
        "type": "DATE",
        "value": span[0].isoformat() if span[0] else "XXXX",
        "date_start": span[0],
        "date_end": span[1],
        "granularity": granularity,
        "sentence": sentence,
        "sentence_start": offset,
        "sentence_end": offset + len(sentence),
        "event": sentence.replace(expression, "").strip(" ."),
        "rule": rule,
    }


MEET = "Tillerson and Kelly meet Mexican President Pena Nieto in Mexico City on Thursday."
SIT_DOWN = "On Thursday Tillerson and Kelly sit down with Pena Nieto in Mexico City."
FLOODS = "Floods hit northern Peru on Thursday, killing twelve villagers."
TWO_DATES = (
    "Videgaray vowed Wednesday that Mexico will not accept the directives, and that Pena Nieto "
    "will tell Tillerson and Kelly so when they meet Thursday."
)
HEADED = "Tillerson and Kelly are headed to Mexico Wednesday."
WEDNESDAY = (date(2017, 2, 22), date(2017, 2, 22))

# (id, rows as (article, sentence, expression, span, granularity), should the first two merge)
PAIR_CASES = [
    ("same day, same actors", [("a", MEET, "Thursday", DAY, "day"),
                               ("b", SIT_DOWN, "Thursday", DAY, "day")], True),
    ("same day, different actors", [("a", MEET, "Thursday", DAY, "day"),
                                    ("b", FLOODS, "Thursday", DAY, "day")], False),
    ("same article never merges with itself", [("a", MEET, "Thursday", DAY, "day"),
                                               ("a", SIT_DOWN, "Thursday", DAY, "day")], False),
    ("dates do not overlap", [("a", MEET, "Thursday", DAY, "day"),
                              ("b", SIT_DOWN, "Thursday", NEXT_DAY, "day")], False),
    ("vague never merges", [("a", MEET, "Thursday", DAY, "day"),
                            ("b", SIT_DOWN, "Thursday", YEAR, "vague")], False),
    ("no span never merges", [("a", MEET, "Thursday", NO_SPAN, "unknown"),
                              ("b", SIT_DOWN, "Thursday", NO_SPAN, "unknown")], False),
    ("wider than a year never merges", [("a", MEET, "Thursday", DAY, "day"),
                                        ("b", SIT_DOWN, "Thursday", DECADE, "decade")], False),
    ("day and the year around it", [("a", MEET, "Thursday", DAY, "day"),
                                    ("b", SIT_DOWN.replace("On Thursday", "In 2017"), "2017",
                                     YEAR, "year")], True),
    ("day and the month around it", [("a", MEET, "Thursday", DAY, "day"),
                                     ("b", SIT_DOWN.replace("On Thursday", "In February"),
                                      "February", MONTH, "month")], True),
    ("the other date of a two-date sentence", [("a", TWO_DATES, "Wednesday", WEDNESDAY, "day"),
                                               ("b", HEADED, "Wednesday", WEDNESDAY, "day")],
     False),
    ("the near date of a two-date sentence", [("a", TWO_DATES, "Thursday", DAY, "day"),
                                              ("b", SIT_DOWN, "Thursday", DAY, "day")], True),
]  # fmt: skip

AETNA = "In New York Stock Exchange composite trading Thursday, Aetna closed at $60, down 50 cents."
BELLSOUTH = (
    "In New York Stock Exchange composite trading Thursday, BellSouth shares fell 87.5 cents."
)
NAMELESS_CLOSE = (
    "The stock closed Thursday at $60, down 50 cents, in New York Stock Exchange trading."
)
BOMBS = "Two bombs exploded outside U.S. embassies in Kenya and Tanzania on Thursday, killing 81."
BOMBS_REWRITE = (
    "Bombs exploded Thursday outside the U.S. embassies in Nairobi, Kenya and Dar es Salaam, "
    "Tanzania, killing 81 people."
)
EARNED = "Last year, the company earned $480.4 million, or $3.90 a share, on sales of $4 billion."
EARNED_OTHER = (
    "In 2017, the company earned $822.8 million, or $5.66 a share, on sales of $12 billion."
)
EARNED_REWRITE = "Acme said on Thursday that it earned $480.4 million in the quarter."
EARNED_SAME = "Acme earned $480.4 million in the quarter, the company reported Thursday."
BASELINE = "Quarterly profit at the steel maker rose sharply from a year earlier."
DATELINE = "WASHINGTON, Thursday (Xinhua) --"
EXPIRE = "It had been due to expire Thursday evening."
OTHER_EXPIRE = "The rights expire Thursday."

# News: the same happening is told of the same participants with the same figures, in words a
# few stories share; a market report's stock phrases, a comparison's baseline, a dateline and
# one word in common are not a happening two articles share.
NEWS_CASES = [
    ("two market reports of two companies on one day",
     [("a", AETNA, "Thursday"), ("b", BELLSOUTH, "Thursday")], False),
    ("two wire rewrites of one bombing", [("a", BOMBS, "Thursday"),
                                          ("b", BOMBS_REWRITE, "Thursday")], True),
    ("two companies' earnings: different figures",
     [("a", EARNED, "Last year", YEAR, "year"), ("b", EARNED_OTHER, "2017", YEAR, "year")], False),
    ("one company's earnings: the same figure", [("a", EARNED_REWRITE, "Thursday"),
                                                 ("b", EARNED_SAME, "Thursday")], True),
    ("a comparison's baseline never merges",
     [("a", BASELINE, "a year earlier", YEAR, "year", "n_units_earlier"),
      ("b", BASELINE, "a year earlier", YEAR, "year", "n_units_earlier")], False),
    ("two datelines of one place and day", [("a", DATELINE, "Thursday"),
                                  ("b", DATELINE, "Thursday")], False),
    ("one distinctive word in common is chance", [("a", EXPIRE, "Thursday"),
                                                  ("b", OTHER_EXPIRE, "Thursday")], False),
]  # fmt: skip


@pytest.mark.parametrize(
    ("rows", "together"), [c[1:] for c in NEWS_CASES], ids=[c[0] for c in NEWS_CASES]
)
def test_news_pairs(rows: list[tuple[Any, ...]], together: bool) -> None:
    frame = frame_of(rows)
    groups = group_of(merge_events(frame))
    assert (groups[frame["event_id"].iloc[0]] == groups[frame["event_id"].iloc[1]]) is together


def test_a_row_naming_no_company_does_not_bridge_two_that_do() -> None:
    frame = frame_of(
        [("a", AETNA, "Thursday"), ("b", NAMELESS_CLOSE, "Thursday"), ("c", BELLSOUTH, "Thursday")]
    )
    groups = group_of(merge_events(frame))
    aetna, nameless, bellsouth = frame["event_id"]
    assert groups[aetna] != groups[bellsouth]
    assert groups[nameless] in (groups[aetna], groups[bellsouth])  # it joins one of them


def frame_of(rows: list[tuple[Any, ...]]) -> pd.DataFrame:
    return events_frame([make_row(*row, offset=100 * i) for i, row in enumerate(rows)])


def group_of(merged: pd.DataFrame) -> dict[str, int]:
    """Map each input event_id to the position of its merged row."""
    return {
        mention["event_id"]: position
        for position, mentions in enumerate(merged["mentions"])
        for mention in mentions
    }


@pytest.mark.parametrize(
    ("rows", "together"), [c[1:] for c in PAIR_CASES], ids=[c[0] for c in PAIR_CASES]
)
def test_pairs(rows: list[tuple[str, str, str, tuple[Any, Any], str]], together: bool) -> None:
    frame = frame_of(rows)
    merged = merge_events(frame)
    groups = group_of(merged)
    first, second = frame["event_id"].iloc[0], frame["event_id"].iloc[1]
    assert (groups[first] == groups[second]) is together
    assert len(merged) == (1 if together else 2)


def test_day_speaks_for_the_year_it_merged_with() -> None:
    year_sentence = SIT_DOWN.replace("On Thursday", "In 2017")
    frame = frame_of(
        [("b", year_sentence, "2017", YEAR, "year"), ("a", MEET, "Thursday", DAY, "day")]
    )
    merged = merge_events(frame)
    assert len(merged) == 1
    row = merged.iloc[0]
    assert row["granularity"] == "day"
    assert row["date_start"] == pd.Timestamp(DAY[0]) == row["date_end"]
    assert row["event_id"] == frame["event_id"].iloc[1]
    assert row["sources"] == ["b", "a"]
    assert row["count"] == 2


def test_merged_row_holds_every_mention() -> None:
    frame = frame_of([("a", MEET, "Thursday", DAY, "day"), ("b", SIT_DOWN, "Thursday", DAY, "day")])
    merged = merge_events(frame)
    assert tuple(merged.columns) == MERGED_COLUMNS
    mentions = merged["mentions"].iloc[0]
    assert [tuple(m) for m in mentions] == [MENTION_KEYS, MENTION_KEYS]
    for mention, (_, row) in zip(mentions, frame.iterrows(), strict=True):
        assert mention["sentence"][mention["start"] - mention["sentence_start"] :].startswith(
            mention["text"]
        )
        assert mention["event_id"] == row["event_id"]
        assert mention["source"] == row["source"]
    json.dumps(mentions)  # plain Python values only


def test_group_holds_at_most_one_row_per_article() -> None:
    frame = frame_of(
        [
            ("a", MEET, "Thursday", DAY, "day"),
            ("a", MEET.replace("Mexico City", "the capital"), "Thursday", DAY, "day"),
            ("b", SIT_DOWN, "Thursday", DAY, "day"),
        ]
    )
    merged = merge_events(frame)
    assert sorted(merged["count"]) == [1, 2]
    for sources in merged["sources"]:
        assert len(sources) == len(set(sources))
    # The closer of the two rows of article a is the one kept with b.
    assert (
        group_of(merged)[frame["event_id"].iloc[0]] == group_of(merged)[frame["event_id"].iloc[2]]
    )


def test_coarse_row_does_not_chain_two_days() -> None:
    year_sentence = SIT_DOWN.replace("On Thursday", "In 2017")
    frame = frame_of(
        [
            ("a", MEET, "Thursday", DAY, "day"),
            ("b", year_sentence, "2017", YEAR, "year"),
            ("c", MEET, "Thursday", NEXT_DAY, "day"),
        ]
    )
    groups = group_of(merge_events(frame))
    assert groups["a:" + str(MEET.index("Thursday"))] != groups[frame["event_id"].iloc[2]]


def test_threshold_is_a_parameter() -> None:
    frame = frame_of([("a", MEET, "Thursday", DAY, "day"), ("b", SIT_DOWN, "Thursday", DAY, "day")])
    score = pair_scores(frame)["score"].iloc[0]
    assert score >= DEFAULT_THRESHOLD
    assert len(merge_events(frame, threshold=score + 0.01)) == 2
    assert len(merge_events(frame, threshold=score - 0.01)) == 1


def test_coarse_pairs_need_more_evidence() -> None:
    year_sentence = SIT_DOWN.replace("On Thursday", "In 2017")
    frame = frame_of(
        [
            ("a", MEET, "Thursday", DAY, "day"),
            ("b", year_sentence, "2017", YEAR, "year"),
            ("c", SIT_DOWN, "Thursday", DAY, "day"),
        ]
    )
    scores = pair_scores(frame)
    assert scores["score"].min() >= DEFAULT_COARSE_THRESHOLD
    strict = float(scores["score"].max()) + 0.01
    merged = merge_events(frame, coarse_threshold=strict)
    groups = group_of(merged)
    ids = frame["event_id"].tolist()
    assert groups[ids[0]] == groups[ids[2]] != groups[ids[1]]


def test_records_are_json_ready() -> None:
    frame = frame_of([("a", MEET, "Thursday", DAY, "day"), ("b", SIT_DOWN, "Thursday", DAY, "day")])
    (record,) = event_dicts(merge_events(frame))
    assert record["date_start"] == "2017-02-23" and record["count"] == 2
    assert record["sources"] == ["a", "b"]
    assert json.loads(json.dumps(record))["mentions"][1]["text"] == "Thursday"


def test_empty_frame() -> None:
    merged = merge_events(events_frame([]))
    assert merged.empty
    assert tuple(merged.columns) == MERGED_COLUMNS


def test_every_row_lands_in_exactly_one_group() -> None:
    randomizer = random.Random(5)
    sentences = [MEET, SIT_DOWN, FLOODS, HEADED, TWO_DATES]
    rows = []
    for i in range(200):
        sentence = randomizer.choice(sentences)
        expression = "Thursday" if "Thursday" in sentence else "Wednesday"
        day = date(2017, 2, 1) + timedelta(days=randomizer.randrange(10))
        rows.append(make_row(f"art{i % 37}", sentence, expression, (day, day), offset=1000 * i))
    frame = events_frame(rows)
    merged = merge_events(frame)
    seen = [m["event_id"] for mentions in merged["mentions"] for m in mentions]
    assert sorted(seen) == sorted(frame["event_id"])
    assert (merged["count"] == merged["mentions"].map(len)).all()
    for mentions in merged["mentions"]:
        days = {frame.set_index("event_id").loc[m["event_id"], "date_start"] for m in mentions}
        assert len(days) == 1
        assert len({m["article"] for m in mentions}) == len(mentions)


@pytest.fixture(scope="module")
def sample_merged() -> tuple[pd.DataFrame, pd.DataFrame]:
    articles = pytest.importorskip("timeline.articles", reason="the loader has not landed yet")
    pytest.importorskip("timeline.anchor", reason="the tagger has not landed yet")
    from timeline.events import extract_events

    loaded = articles.load_articles([DATA])
    events = extract_events(loaded.articles)
    return events, merge_events(events)


def find_row(events: pd.DataFrame, expression: str, context: str) -> str:
    found = events[(events["text"] == expression) & events["sentence"].str.contains(context)]
    assert len(found) == 1, f"{expression!r} near {context!r}: {len(found)} rows"
    return str(found["event_id"].iloc[0])


def test_samples_meeting_thursday_is_one_event(
    sample_merged: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    events, merged = sample_merged
    groups = group_of(merged)
    meet = find_row(events, "Thursday", "when they meet")
    sit_down = find_row(events, "Thursday", "sit down")
    assert groups[meet] == groups[sit_down]
    row = merged.iloc[groups[meet]]
    assert row["date_start"] == pd.Timestamp(2017, 2, 23)
    assert row["count"] == 2 and len(row["sources"]) == 2


def test_samples_two_wednesday_events_stay_apart(
    sample_merged: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    events, merged = sample_merged
    groups = group_of(merged)
    vowed = find_row(events, "Wednesday", "vowed")
    headed = find_row(events, "Wednesday", "headed to Mexico")
    assert groups[vowed] != groups[headed]

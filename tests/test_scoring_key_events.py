"""The key-events scorer: SemEval-2015 timelines read right, and the top events counted."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from timeline.scoring.key_events import (
    TARGET,
    dates_by_articles,
    evaluate_set,
    falls_on,
    read_story_set,
    score_top,
)

CORPUS = Path(__file__).parents[1].parent / "shared" / "corpora" / "semeval2015-timeline"
TML = (
    "<?xml version='1.0' encoding='utf-8'?>\n<TimeML><DOCID>42</DOCID>\n"
    '<DCT><TIMEX3 functionInDocument="CREATION_TIME" tid="t0" type="DATE" value="2008-03-01">'
    "2008-03-01</TIMEX3></DCT>\n<EXTRAINFO>EADS defeats Boeing</EXTRAINFO>\n"
    '<TEXT><s id="0">EADS defeats Boeing</s><s id="1">March 01 , 2008</s>'
    '<s id="2">EADS <EVENT eid="e1">won</EVENT> the contract on Friday , analysts said .</s>'
    "</TEXT>\n</TimeML>\n"
)
GOLD = "Boeing\n1\t2008-02-29\t42-2-won\n0\tXXXX-XX-XX\t42-0-defeats\n2\t2008-03-XX\t42-2-said\n"


def test_a_set_is_read_into_articles_and_gold_spans(tmp_path: Path) -> None:
    (tmp_path / "texts").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "texts" / "42-EADS.tml").write_text(TML, encoding="utf-8")
    (tmp_path / "gold" / "boeing.txt").write_text(GOLD, encoding="utf-8")
    story = read_story_set(tmp_path)
    (article,) = story.articles
    assert (article.id, article.title, article.published) == (
        "42",
        "EADS defeats Boeing",
        date(2008, 3, 1),
    )
    assert article.text == "EADS defeats Boeing\n\nEADS won the contract on Friday, analysts said."
    assert story.gold == [
        (date(2008, 2, 29), date(2008, 2, 29)),
        (date(2008, 3, 1), date(2008, 3, 31)),
    ]
    ours, _, ranked = evaluate_set(story)
    assert ranked["date_start"].tolist() == [pd.Timestamp("2008-02-29")]  # "on Friday"
    assert (ours.top, ours.on_gold) == (1, 1)


FALLS_ON = [
    ("the gold day", "2008-02-29", "2008-02-29", True),
    ("a day of the gold month", "2008-03-04", "2008-03-04", True),
    ("another day", "2008-02-28", "2008-02-28", False),
    ("the year around the gold day", "2008-01-01", "2008-12-31", False),
    ("no date", None, None, False),
]


@pytest.mark.parametrize(
    ("first", "last", "expected"), [c[1:] for c in FALLS_ON], ids=[c[0] for c in FALLS_ON]
)
def test_falls_on(first: str | None, last: str | None, expected: bool) -> None:
    gold = [(date(2008, 2, 29), date(2008, 2, 29)), (date(2008, 3, 1), date(2008, 3, 31))]
    assert falls_on(pd.Timestamp(first), pd.Timestamp(last), gold) is expected


def test_the_yardstick_ranks_dates_by_articles() -> None:
    events = pd.DataFrame(
        {
            "article": ["a", "b", "a", "a"],
            "date_start": pd.to_datetime(["2008-03-04", "2008-03-04", "2008-02-01", None]),
            "date_end": pd.to_datetime(["2008-03-04", "2008-03-04", "2008-02-01", None]),
            "granularity": ["day", "day", "day", "vague"],
        }
    )
    ranked = dates_by_articles(events)
    assert ranked["articles"].tolist() == [2, 1]
    gold = [(date(2008, 3, 1), date(2008, 3, 31))]
    assert score_top(ranked, gold, top=2).precision == 0.5


@pytest.mark.parametrize("name", ["apple", "airbus"])
def test_key_events_meet_the_bar_on_the_dev_sets(name: str) -> None:
    if not (CORPUS / name).is_dir():
        pytest.skip(f"{CORPUS / name} is not beside the repo")
    ours, yardstick, _ = evaluate_set(read_story_set(CORPUS / name))
    assert ours.precision >= TARGET
    assert ours.precision >= yardstick.precision

"""The entity-timeline scorer: the metric of issue 17, on a tiny set and on the SemEval sets."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from timeline.scoring.entities import (
    Counts,
    list_date_errors,
    predicted_items,
    read_set,
    row_date,
    score_timelines,
)

CORPORA = Path(__file__).parents[1].parent / "shared" / "corpora" / "semeval2015-timeline"

ARTICLE = """<TimeML><DOCID>{docid}</DOCID>
<DCT><TIMEX3 functionInDocument="CREATION_TIME" value="{dct}">{dct}</TIMEX3></DCT>
<EXTRAINFO>{title}</EXTRAINFO>
<TEXT>{sentences}</TEXT></TimeML>"""


def write_set(root: Path) -> tuple[Path, Path]:
    texts, gold = root / "texts", root / "gold"
    texts.mkdir()
    gold.mkdir()
    sentences = [
        "Ryanair wins order",
        "June 13 , 2005",
        "Ryanair has won an order from Boeing .",
        "In 2004 , Ryanair sold more tickets .",
        "Ryanair will grow .",
    ]
    body = "".join(f'<s id="{i}">{s}</s>' for i, s in enumerate(sentences))
    (texts / "11_Ryanair.tml").write_text(
        ARTICLE.format(docid="11", dct="2005-06-13", title=sentences[0], sentences=body)
    )
    (gold / "ryanair.txt").write_text(
        "Ryanair\n"
        "0\tXXXX-XX-XX\t11-4-grow\n"
        "1\t2004\t11-3-sold\n"
        "2\t2005-06-13\t11-0-wins\t11-2-won\n"
        "3\t2005-06-13\t99-1-flawed\n"  # names no article: a miss for every system
    )
    return gold, texts


def test_the_metric_on_a_tiny_set(tmp_path: Path) -> None:
    gold, texts = write_set(tmp_path)
    timelines, articles = read_set(gold, texts)
    (timeline,) = timelines
    assert sorted(timeline.items) == [
        ("11", 0, "2005-06-13"),
        ("11", 2, "2005-06-13"),
        ("11", 3, "2004-XX-XX"),
        ("99", 1, "2005-06-13"),
    ]
    text = articles["11"].article.text
    rows = pd.DataFrame(
        {
            "article": ["11", "11", "11"],
            "start": [text.index("Ryanair has"), text.index("2004"), text.index("will")],
            "granularity": ["day", "year", "week"],
            "date_start": pd.to_datetime(["2005-06-13", "2004-01-01", "2005-06-13"]),
        }
    )
    assert predicted_items(rows, articles) == {("11", 2, "2005-06-13"), ("11", 3, "2004-XX-XX")}
    (score,) = score_timelines(timelines, articles, lambda name: rows)
    assert score.events == Counts(hits=2, predicted=2, gold=4)
    assert score.dates == Counts(hits=2, predicted=2, gold=2)


def test_date_errors_list_each_added_and_missed_date_with_its_rows(tmp_path: Path) -> None:
    gold, texts = write_set(tmp_path)
    timelines, articles = read_set(gold, texts)
    text = articles["11"].article.text
    rows = pd.DataFrame(
        {
            "article": ["11", "11", "11"],
            "start": [text.index("Ryanair has"), text.index("Ryanair will"), text.index("2004")],
            "text": ["Ryanair", "Ryanair", "2004"],
            "granularity": ["day", "day", "month"],
            "date_start": pd.to_datetime(["2005-06-13", "2005-06-14", "2004-06-01"]),
            "anchor": ["publication", "publication", "in sentence"],
        }
    )
    assert list_date_errors(timelines[0], rows, articles) == [
        "== Ryanair: gold dates 2, ours 3, both 1",
        "+ 2004-06-XX | 11 s3 in sentence '2004'",
        "+ 2005-06-14 | 11 s4 publication 'Ryanair'",
        "- 2004-XX-XX | 11 s3 (ours: 2004-06-XX)",
    ]


@pytest.mark.parametrize(
    ("granularity", "day", "written"),
    [
        ("day", "2005-06-13", "2005-06-13"),
        ("month", "2005-06-01", "2005-06-XX"),
        ("year", "2005-01-01", "2005-XX-XX"),
        ("week", "2005-06-13", None),
        ("day", None, None),
    ],
)
def test_rows_are_written_as_gold_dates(
    granularity: str, day: str | None, written: str | None
) -> None:
    assert row_date(granularity, pd.Timestamp(day) if day else pd.NaT) == written


# set -> (event F1, date F1) floors, just under the README's table
FLOORS = {"airbus": (0.51, 0.75), "apple": (0.56, 0.63)}


@pytest.mark.parametrize("name", list(FLOORS))
def test_following_a_name_stays_above_the_floor(name: str) -> None:
    folder = CORPORA / name
    if not folder.is_dir():
        pytest.skip(f"SemEval-2015 timelines not found at {folder}")
    from timeline.follow import read_names

    timelines, articles = read_set(folder / "gold", folder / "texts")
    corpus = read_names([scored.article for scored in articles.values()])
    scores = score_timelines(timelines, articles, lambda n: corpus.events_of(n)[1])
    events = sum((s.events for s in scores), Counts())
    dates = sum((s.dates for s in scores), Counts())
    event_floor, date_floor = FLOORS[name]
    assert events.prf.f1 >= event_floor and dates.prf.f1 >= date_floor

"""News or narrative: the reading chosen per text, and how each resolves relative dates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from timeline.anchor import tag_document
from timeline.detect import find_mentions
from timeline.reading import NARRATIVE, NEWS, choose_reading
from timeline.scoring.gold import read_corpus

CORPORA = Path(__file__).parents[1].parent / "shared" / "corpora"
DCT = date(2009, 12, 19)
HISTORY = "The war began in 1914; 1915, 1916 and 1917 were worse. It ended in 1918."


@pytest.mark.parametrize(
    ("text", "reference", "reading"),
    [
        (HISTORY, DCT, NARRATIVE),
        (HISTORY, None, NARRATIVE),  # no publication date: the story's own dates
        (HISTORY + " Today, on Monday, the envoy said so; last week too.", DCT, NEWS),
        ("It fell in 2008 and 2009; it will rise in 2010.", DCT, NEWS),  # years near the date
        ("In 1914 and 1918 it rose; in 2007, 2008 and 2009 it fell.", DCT, NEWS),  # 2 of 5 far
        ("The talks resume on Monday.", DCT, NEWS),
    ],
    ids=["history", "history-undated", "news-with-history", "recent-years", "mixed", "news"],
)
def test_choose_reading(text: str, reference: date | None, reading: str) -> None:
    assert choose_reading(find_mentions(text), reference).name == reading


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # a narrative counts from the story's last date, precise enough for the unit
        ("In June 1941 the army crossed. On 3 July it stopped.", ["1941-06", "1941-07-03"]),
        ("It began on 12 May 1940. The following day it spread.", ["1940-05-12", "1940-05-13"]),
        ("In 1863 the siege began. The following spring it ended.", ["1863", "1864-SP"]),
        ("It fell in 490 BC. In September the fleet sailed.", ["BC0490", "BC0490-09"]),
        ("The treaty of 1783 held. Today it is a museum.", ["1783", "2009-12-19"]),  # deictic
    ],
)
def test_a_narrative_counts_from_the_story(text: str, values: list[str]) -> None:
    tagged = tag_document(text, DCT, reading=NARRATIVE)
    assert [t.value for t in tagged.timexes] == values


def test_an_unknown_reading_is_refused() -> None:
    with pytest.raises(ValueError, match="reading 'poem'"):
        tag_document("In June.", DCT, reading="poem")


@pytest.mark.parametrize(
    ("corpus", "narratives"),
    [("tbaq-cleaned", 0), ("meantime-en/intra-doc_annotation", 0), ("wikiwars-tml", 21)],
)
def test_auto_reads_the_news_as_news_and_the_histories_as_narratives(
    corpus: str, narratives: int
) -> None:
    folder = CORPORA / corpus
    if not folder.is_dir():
        pytest.skip(f"gold corpus not found at {folder}")
    readings = [tag_document(d.text, d.dct).reading.name for d in read_corpus(folder)]
    assert readings.count(NARRATIVE) == narratives

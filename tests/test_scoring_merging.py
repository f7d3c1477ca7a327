"""MEANTIME cross-document scoring of merging: reading, gold pairs, scope rule, and a floor."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from timeline.scoring.merging import (
    MeantimeDoc,
    Pair,
    evaluate_merge,
    gold_pairs,
    main_merge_eval,
    mergeable_events,
    read_meantime,
    read_meantime_doc,
    score_pairs,
)

CORPORA = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"
MEANTIME = CORPORA / "meantime-en"
# Measured overall (default thresholds, our tagger, 2026-11-22): P 0.600, R 0.068, F1 0.123.
# The floors sit just under; the counts are small (5 scored pairs), so one pair moves P by 0.2.
FLOOR_PRECISION = 0.5
FLOOR_RECALL = 0.06
FLOOR_F1 = 0.11

XML = """<?xml version="1.0" ?><Document doc_id="{doc}" doc_name="x" lang="en" url="">
{tokens}
<Markables>
<EVENT_MENTION m_id="20"><token_anchor t_id="{event_token}"/></EVENT_MENTION>
<TIMEX3 functionInDocument="CREATION_TIME" m_id="30" type="DATE" value="{dct}"/>
<EVENT TAG_DESCRIPTOR="launch" class="OTHER" instance_id="{instance}" m_id="40"/>
<EVENT TAG_DESCRIPTOR="local" class="OTHER" m_id="41"/>
</Markables>
<Relations>
<REFERS_TO r_id="50"><source m_id="20"/><target m_id="40"/></REFERS_TO>
</Relations>
</Document>
"""


def write_doc(
    folder: Path, doc: str, sentences: list[list[str]], event_token: int, dct: str = "2003-04-28"
) -> Path:
    tokens = []
    t_id = 0
    for index, words in enumerate(sentences):
        for word in words:
            t_id += 1
            tokens.append(
                f'<token number="{t_id - 1}" sentence="{index}" t_id="{t_id}">{word}</token>'
            )
    path = folder / f"{doc}_x.xml"
    path.write_text(
        XML.format(
            doc=doc, tokens="\n".join(tokens), event_token=event_token, dct=dct, instance="OTH1"
        ),
        encoding="utf-8",
    )
    return path


SENTENCES = [
    ["Apple", "opens", "store"],
    ["April", "28", ",", "2003"],
    ["Apple", "launched", "the", "``", "iTunes", "''", "store", "on", "April", "28", "."],
    ["Prices", "rose", "."],
]


def test_read_doc_rebuilds_text_and_sentences(tmp_path: Path) -> None:
    doc = read_meantime_doc(write_doc(tmp_path, "7", SENTENCES, event_token=9), "apple")
    assert (
        doc.text
        == 'Apple opens store\n\nApple launched the "iTunes" store on April 28.\n\nPrices rose.'
    )
    assert doc.title == "Apple opens store"
    assert doc.published == date(2003, 4, 28)
    assert doc.sentence_at(doc.text.index("launched")) == 2
    assert doc.sentence_at(doc.text.index("Prices")) == 3
    assert doc.sentence_at(0) == 0
    assert doc.instances == (("OTH1", 2),)


def test_missing_dct_falls_back_to_the_date_line(tmp_path: Path) -> None:
    doc = read_meantime_doc(write_doc(tmp_path, "8", SENTENCES, 9, dct="03-02-2009"), "apple")
    assert doc.published == date(2003, 4, 28)


def make_doc(doc_id: str, topic: str, instances: tuple[tuple[str, int], ...]) -> MeantimeDoc:
    return MeantimeDoc(doc_id, topic, "", "", None, (0,), (0,), instances)


def test_gold_pairs_link_sentences_of_different_documents() -> None:
    docs = [
        make_doc("a", "gm", (("X", 2), ("X", 7))),
        make_doc("b", "gm", (("X", 3),)),
        make_doc("c", "gm", (("Y", 2),)),
    ]
    assert gold_pairs(docs) == {(("a", 2), ("b", 3)), (("a", 7), ("b", 3))}


def test_precision_counts_only_the_annotated_sentences() -> None:
    import pandas as pd

    docs = [make_doc("a", "gm", ()), make_doc("b", "gm", ()), make_doc("c", "apple", ())]
    gold: set[Pair] = {(("a", 2), ("b", 3)), (("a", 7), ("b", 3))}
    predicted: set[Pair] = {
        (("a", 2), ("b", 3)),  # correct, scored
        (("a", 4), ("b", 5)),  # wrong, scored
        (("a", 7), ("b", 3)),  # correct, sentence 7: recall only
        (("a", 8), ("b", 9)),  # unknown, unscored
        (("a", 2), ("c", 2)),  # across topics: wrong overall only
    }
    events = pd.DataFrame({"article": ["a", "b"], "start": [0, 0]})
    scores = score_pairs(docs, gold, predicted, events)
    gm = scores["gm"]
    assert (gm.gold, gm.predicted, gm.correct, gm.found, gm.unscored) == (2, 2, 1, 2, 2)
    assert gm.precision == 0.5 and gm.recall == 1.0
    assert scores["all"].predicted == 3 and scores["all"].precision == pytest.approx(1 / 3)
    assert scores["apple"].predicted == 0 and scores["apple"].f1 == 0.0


def test_main_reports_an_empty_folder(tmp_path: Path) -> None:
    out = io.StringIO()
    assert main_merge_eval(tmp_path, out) == 1
    assert "no MEANTIME" in out.getvalue()


needs_meantime = pytest.mark.skipif(
    not MEANTIME.is_dir(), reason=f"MEANTIME corpus not found at {MEANTIME}"
)


@needs_meantime
def test_gold_has_117_pairs() -> None:
    docs = read_meantime(MEANTIME)
    assert len(docs) == 120
    assert all(doc.published for doc in docs)
    assert len(gold_pairs(docs)) == 117


@needs_meantime
def test_meantime_floor() -> None:
    pytest.importorskip("timeline.anchor", reason="the tagger has not landed yet")
    docs = read_meantime(MEANTIME)
    overall = evaluate_merge(docs, mergeable_events(docs))["all"]
    assert overall.gold == 117
    assert overall.precision >= FLOOR_PRECISION
    assert overall.recall >= FLOOR_RECALL
    assert overall.f1 >= FLOOR_F1


def test_main_prints_a_table(tmp_path: Path) -> None:
    pytest.importorskip("timeline.anchor", reason="the tagger has not landed yet")
    folder = tmp_path / "corpus_apple"
    folder.mkdir()
    title = ["Apple", "opens", "store"]
    line = ["April", "29", ",", "2003"]
    body = "Apple launched the iTunes Music Store on Monday in Cupertino .".split()
    write_doc(folder, "1", [title, line, body], event_token=9, dct="2003-04-29")
    write_doc(folder, "2", [title, line, body], event_token=9, dct="2003-04-29")
    out = io.StringIO()
    assert main_merge_eval(tmp_path, out) == 0
    table = out.getvalue().splitlines()
    assert table[1].split()[-3:] == ["P", "R", "F1"]
    apple = next(line for line in table if line.startswith("apple")).split()
    assert apple[1:] == ["1", "1", "1", "1", "1", "0", "1.000", "1.000", "1.000"]

"""The TempEval-3 Task A scorer on hand-made documents, the gold readers, and the real corpora."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.scoring.gold import (
    GoldDocument,
    GoldTimex,
    read_corpus,
    read_corpus_report,
    read_meantime,
    read_timeml,
)
from timeline.scoring.tempeval import (
    Scores,
    SystemTimex,
    format_errors,
    format_scores,
    main_evaluate,
    score_corpus,
    score_document,
)

CORPORA = Path(__file__).parents[1].parent / "shared" / "corpora"
TBAQ = CORPORA / "tbaq-cleaned"
MEANTIME = CORPORA / "meantime-en" / "intra-doc_annotation"
DCT = date(2017, 2, 22)


def gold_doc(text: str, *spans: tuple[str, str, str]) -> GoldDocument:
    """A document whose gold expressions are (text, type, value), found left to right."""
    timexes = []
    pos = 0
    for surface, kind, value in spans:
        start = text.index(surface, pos)
        timexes.append(GoldTimex(start, start + len(surface), surface, kind, value))
        pos = start + len(surface)
    return GoldDocument("doc", "doc.tml", text, DCT, DCT.isoformat(), tuple(timexes), "timeml")


def ours(text: str, surface: str, kind: str, value: str) -> SystemTimex:
    """Our (system) expression at the first occurrence of `surface`."""
    start = text.index(surface)
    return SystemTimex(start, start + len(surface), surface, kind, value)


TEXT = "Talks began on Monday, February 20, 2017 and lasted two days. They meet again Thursday."

# id, system output, expected (strict, relaxed, value correct, type correct, misses, false alarms)
CASES = [
    (
        "exact_match",
        [ours(TEXT, "Monday, February 20, 2017", "DATE", "2017-02-20")],
        (1, 1, 1, 1, 0, 0),
    ),
    (
        "partial_overlap_counts_relaxed_only",
        [ours(TEXT, "February 20, 2017", "DATE", "2017-02-20")],
        (0, 1, 1, 1, 0, 0),
    ),
    ("miss", [], (0, 0, 0, 0, 1, 0)),
    (
        "false_alarm",
        [
            ours(TEXT, "Monday, February 20, 2017", "DATE", "2017-02-20"),
            ours(TEXT, "two days", "DURATION", "P2D"),
        ],
        (1, 1, 1, 1, 0, 1),
    ),
    (
        "wrong_value",
        [ours(TEXT, "Monday, February 20, 2017", "DATE", "2017-02-27")],
        (1, 1, 0, 1, 0, 0),
    ),
    (
        "wrong_type",
        [ours(TEXT, "Monday, February 20, 2017", "TIME", "2017-02-20")],
        (1, 1, 1, 0, 0, 0),
    ),
    (
        "two_system_spans_on_one_gold_match_once",
        [
            ours(TEXT, "Monday", "DATE", "2017-02-20"),
            ours(TEXT, "February 20, 2017", "DATE", "2017-02-20"),
        ],
        (0, 1, 1, 1, 0, 1),
    ),
]


@pytest.mark.parametrize(("system", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_scorer_cases(system: list[SystemTimex], expected: tuple[int, ...]) -> None:
    doc = gold_doc(TEXT, ("Monday, February 20, 2017", "DATE", "2017-02-20"))
    scores = score_corpus([doc], tagger=lambda text, dct: system)
    counts = (
        scores.strict_matches,
        scores.relaxed_matches,
        scores.value_correct,
        scores.type_correct,
        len(scores.documents[0].misses),
        len(scores.documents[0].false_alarms),
    )
    assert counts == expected


def test_one_to_one_prefers_the_largest_overlap() -> None:
    """Two gold spans, one system span overlapping both: it goes to the larger overlap."""
    text = "from Monday to next Thursday"
    doc = gold_doc(text, ("Monday", "DATE", "2017-02-20"), ("next Thursday", "DATE", "2017-03-02"))
    system = [SystemTimex(5, 28, text[5:28], "DATE", "2017-03-02")]  # "Monday to next Thursday"
    result = score_document(doc, system)
    assert [m.gold.text for m in result.relaxed] == ["next Thursday"]
    assert [g.text for g in result.misses] == ["Monday"]
    assert result.false_alarms == ()


def test_exact_pair_wins_a_tie_in_overlap() -> None:
    text = "on March 1, 2008 it flew"
    doc = gold_doc(text, ("March 1", "DATE", "2008-03-01"))
    wide = ours(text, "March 1, 2008", "DATE", "2008-03-01")
    exact = ours(text, "March 1", "DATE", "XXXX-03-01")
    result = score_document(doc, [wide, exact])
    assert [m.system for m in result.relaxed] == [exact]
    assert result.false_alarms == (wide,)


def test_micro_average_and_value_f1_is_accuracy_times_relaxed_f1() -> None:
    one = gold_doc("Monday and Tuesday.", ("Monday", "DATE", "A"), ("Tuesday", "DATE", "B"))
    two = gold_doc("In 1998.", ("1998", "DATE", "1998"))
    outputs = {
        one.text: [ours(one.text, "Monday", "DATE", "A"), ours(one.text, "and", "DATE", "X")],
        two.text: [ours(two.text, "In 1998", "DATE", "1999")],
    }
    scores = score_corpus([one, two], tagger=lambda text, dct: outputs[text])
    assert (scores.gold, scores.system) == (3, 3)
    assert scores.strict.precision == pytest.approx(1 / 3)
    assert scores.relaxed.f1 == pytest.approx(2 / 3)
    assert scores.value_accuracy == pytest.approx(1 / 2)
    assert scores.value.f1 == pytest.approx(scores.value_accuracy * scores.relaxed.f1)


def test_documents_without_dct_are_skipped_and_reported() -> None:
    doc = GoldDocument("nodct", "x.xml", "Monday", None, "", (), "meantime")
    scores = score_corpus([doc], tagger=lambda text, dct: pytest.fail("tagged"))
    assert scores.documents == () and len(scores.skipped) == 1
    assert "not scored (1)" in format_scores(scores)


def test_invalid_system_offsets_are_listed() -> None:
    doc = gold_doc(TEXT)
    result = score_document(doc, [SystemTimex(0, 5, "Monday", "DATE", "2017-02-20")])
    assert len(result.invalid) == 1
    assert "offsets" in format_errors(Scores((result,)))


def test_error_listing_names_each_kind_with_sentence() -> None:
    text = "It rained on Monday. Sales fell 5% last week. More in 2018."
    doc = gold_doc(text, ("Monday", "DATE", "2017-02-20"), ("last week", "DATE", "2017-W07"))
    system = [
        ours(text, "Monday", "DATE", "2017-02-13"),
        ours(text, "2018", "DATE", "2018"),
    ]
    listing = format_errors(score_corpus([doc], tagger=lambda text, dct: system))
    assert "1 missed, 1 false alarms, 1 wrong values" in listing
    assert "miss    'last week' DATE 2017-W07" in listing
    assert "| Sales fell 5% last week." in listing
    assert "false   '2018' DATE 2018" in listing
    assert "value   'Monday' DATE gold 2017-02-20 ours 2017-02-13" in listing


spans = st.lists(
    st.tuples(st.integers(0, 40), st.integers(1, 8)).map(lambda p: (p[0], p[0] + p[1])),
    max_size=8,
)


@given(gold_spans=spans, system_spans=spans)
def test_matching_is_one_to_one_and_strict_within_relaxed(
    gold_spans: list[tuple[int, int]], system_spans: list[tuple[int, int]]
) -> None:
    text = "x" * 50
    gold = tuple(GoldTimex(a, b, text[a:b], "DATE", "v") for a, b in gold_spans)
    doc = GoldDocument("d", "", text, DCT, "", gold, "timeml")
    result = score_document(
        doc, [SystemTimex(a, b, text[a:b], "DATE", "v") for a, b in system_spans]
    )
    assert len({id(m.gold) for m in result.relaxed}) == len(result.relaxed)
    assert len({id(m.system) for m in result.relaxed}) == len(result.relaxed)
    assert len(result.relaxed) + len(result.misses) == len(gold)
    assert len(result.relaxed) + len(result.false_alarms) == len(system_spans)
    assert len(result.strict) <= len(result.relaxed)
    for m in result.relaxed:
        assert min(m.gold.end, m.system.end) > max(m.gold.start, m.system.start)


# --- readers on inline fixtures ---------------------------------------------------------------

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>T1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-02-27T08:17:00" temporalFunction="false" \
functionInDocument="CREATION_TIME">02/27/1998 08:17:00</TIMEX3></DCT>
<TITLE>not scored <TIMEX3 tid="t9" type="DATE" value="1998">1998</TIMEX3></TITLE>
<TEXT>
The &quot;deal&quot; <EVENT eid="e1" class="OCCURRENCE">closed</EVENT> \
<TIMEX3 tid="t1" type="DATE" value="1998-02-26">Thursday</TIMEX3> &amp; will run \
<TIMEX3 tid="t2" type="DURATION" value="P2Y">two years</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_read_timeml_plain_text_offsets_and_dct(tmp_path: Path) -> None:
    path = tmp_path / "t1.tml"
    path.write_text(TML, encoding="utf-8")
    doc = read_timeml(path)
    assert doc.text == '\nThe "deal" closed Thursday & will run two years.\n'
    assert doc.dct == date(1998, 2, 27) and doc.dct_value == "1998-02-27T08:17:00"
    assert doc.id == "T1" and doc.format == "timeml"
    assert [(t.text, t.type, t.value, t.tid) for t in doc.timexes] == [
        ("Thursday", "DATE", "1998-02-26", "t1"),
        ("two years", "DURATION", "P2Y", "t2"),
    ]
    assert all(doc.text[t.start : t.end] == t.text for t in doc.timexes)


MEANTIME_XML = """<?xml version="1.0" ?><Document doc_id="7" doc_name="7_Title" lang="en">
<token number="0" sentence="0" t_id="1">Stocks</token>
<token number="1" sentence="0" t_id="2">fall</token>
<token number="2" sentence="1" t_id="3">{month}</token>
<token number="3" sentence="1" t_id="4">03</token>
<token number="4" sentence="1" t_id="5">,</token>
<token number="5" sentence="1" t_id="6">2009</token>
<token number="6" sentence="2" t_id="7">On</token>
<token number="7" sentence="2" t_id="8">Monday</token>
<token number="8" sentence="2" t_id="9">,</token>
<token number="9" sentence="2" t_id="10">the</token>
<token number="10" sentence="2" t_id="11">Dow</token>
<token number="11" sentence="2" t_id="12">fell</token>
<token number="12" sentence="2" t_id="13">``</token>
<token number="13" sentence="2" t_id="14">sharply</token>
<token number="14" sentence="2" t_id="15">''</token>
<token number="15" sentence="2" t_id="16">(</token>
<token number="16" sentence="2" t_id="17">5</token>
<token number="17" sentence="2" t_id="18">%</token>
<token number="18" sentence="2" t_id="19">)</token>
<token number="19" sentence="2" t_id="20">.</token>
<token number="20" sentence="6" t_id="21">Yesterday</token>
<Markables>
<TIMEX3 m_id="30" type="DATE" value="{value}" functionInDocument="CREATION_TIME">
<token_anchor t_id="3"/><token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/>
</TIMEX3>
<TIMEX3 m_id="31" type="DATE" value="2009-02-02" functionInDocument="NONE">
<token_anchor t_id="7"/><token_anchor t_id="8"/>
</TIMEX3>
<TIMEX3 m_id="32" type="DATE" value="2009-02-02" functionInDocument="NONE">
<token_anchor t_id="21"/>
</TIMEX3>
<TIMEX3 m_id="33" type="DATE" value="2058" functionInDocument="NONE"/>
</Markables>
</Document>
"""


def test_read_meantime_detokenizes_and_keeps_annotated_sentences(tmp_path: Path) -> None:
    path = tmp_path / "7_Title.xml"
    path.write_text(MEANTIME_XML.format(month="February", value="2009-02-03"), encoding="utf-8")
    doc = read_meantime(path)
    assert doc is not None
    assert doc.text == 'Stocks fall\nOn Monday, the Dow fell "sharply" (5%).'
    assert doc.dct == date(2009, 2, 3) and doc.format == "meantime"
    # the date line (DCT), the unannotated sentence 6 and the empty TIMEX3 are left out
    assert [(t.text, t.value) for t in doc.timexes] == [("On Monday", "2009-02-02")]


def test_read_meantime_malformed_dct_value_falls_back_to_the_date_line(tmp_path: Path) -> None:
    path = tmp_path / "7_Title.xml"
    path.write_text(MEANTIME_XML.format(month="February", value="03-02-2009"), encoding="utf-8")
    doc = read_meantime(path)
    assert doc is not None and doc.dct == date(2009, 2, 3)


def test_read_meantime_without_dct_is_none(tmp_path: Path) -> None:
    path = tmp_path / "7_Title.xml"
    xml = MEANTIME_XML.format(month="February", value="x").replace("CREATION_TIME", "NONE")
    path.write_text(xml, encoding="utf-8")
    assert read_meantime(path) is None


def test_read_corpus_detects_formats_recursively_and_reports_skips(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "t1.tml").write_text(TML, encoding="utf-8")
    (tmp_path / "a" / "b" / "7_Title.xml").write_text(
        MEANTIME_XML.format(month="February", value="2009-02-03"), encoding="utf-8"
    )
    (tmp_path / "copy").mkdir()
    (tmp_path / "copy" / "7_Title.xml").write_text(
        MEANTIME_XML.format(month="February", value="2009-02-03"), encoding="utf-8"
    )
    (tmp_path / "other.xml").write_text("<html><p>not gold</p></html>", encoding="utf-8")
    (tmp_path / "broken.tml").write_text("<TimeML><TEXT>cut off", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    docs, skipped = read_corpus_report(tmp_path)
    assert sorted(d.format for d in docs) == ["meantime", "timeml"]
    assert len(skipped) == 2
    assert "broken.tml: cannot read as timeml" in skipped[0]
    assert "same document id" in skipped[1]
    assert read_corpus(tmp_path) == docs


def test_main_evaluate_prints_scores_and_errors(tmp_path: Path) -> None:
    (tmp_path / "t1.tml").write_text(TML, encoding="utf-8")

    def tagger(text: str, dct: date) -> Sequence[SystemTimex]:
        return [ours(text, "Thursday", "DATE", "1998-02-26")]

    out, err = io.StringIO(), io.StringIO()
    assert main_evaluate(str(tmp_path), True, out, err, tagger=tagger) == 0
    report = out.getvalue()
    assert "miss    'two years' DURATION P2Y" in report
    assert "strict span 100.00 50.00 66.67" in " ".join(report.split())
    assert err.getvalue() == ""


def test_main_evaluate_several_folders_prints_a_row_each_and_a_total(tmp_path: Path) -> None:
    for name in ("news", "wars"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "t1.tml").write_text(TML, encoding="utf-8")
    (tmp_path / "empty").mkdir()

    def tagger(text: str, dct: date) -> Sequence[SystemTimex]:
        return [ours(text, "Thursday", "DATE", "1998-02-26")]

    folders = [str(tmp_path / name) for name in ("news", "empty", "wars")]
    out, err = io.StringIO(), io.StringIO()
    assert main_evaluate(folders, True, out, err, tagger=tagger) == 1  # one folder had no gold
    rows = {line.split()[0]: line.split()[1:] for line in out.getvalue().splitlines() if line}
    # docs, gold, tagged, strict F1, relaxed P, R, F1, value F1, type accuracy
    expected = ["1", "2", "1", "66.67", "100.00", "50.00", "66.67", "66.67", "100.00"]
    assert rows[folders[0]] == rows[folders[2]] == expected
    assert rows["total"][:3] == ["2", "4", "2"]
    assert f"### {folders[2]}" in out.getvalue()  # errors listed per folder
    assert err.getvalue().startswith(f"{folders[1]}: no TimeML")


def test_main_evaluate_empty_folder_is_one_line_and_exit_1(tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main_evaluate(str(tmp_path), False, out, err) == 1
    assert out.getvalue() == "" and len(err.getvalue().splitlines()) == 1


# --- the real corpora (../shared/corpora beside the repo) -------------------------------------

needs_tbaq = pytest.mark.skipif(
    not TBAQ.is_dir(), reason=f"TempEval-3 TBAQ corpus not found at {TBAQ} (../shared/corpora)"
)
needs_meantime = pytest.mark.skipif(
    not MEANTIME.is_dir(), reason=f"MEANTIME corpus not found at {MEANTIME} (../shared/corpora)"
)


@pytest.fixture(scope="module")
def tbaq() -> list[GoldDocument]:
    return read_corpus(TBAQ)


@needs_tbaq
def test_tbaq_gold_spans_match_the_plain_text(tbaq: list[GoldDocument]) -> None:
    assert len(tbaq) == 256
    assert sum(len(d.timexes) for d in tbaq) == 1822
    assert all(d.dct is not None for d in tbaq)
    bad = [(d.id, t) for d in tbaq for t in d.timexes if d.text[t.start : t.end] != t.text]
    assert bad == []


@needs_meantime
def test_meantime_gold_spans_match_the_plain_text() -> None:
    docs, skipped = read_corpus_report(MEANTIME)
    assert len(docs) == 118 and len(skipped) == 2  # two files have no DCT
    assert sum(len(d.timexes) for d in docs) == 364
    bad = [(d.id, t) for d in docs for t in d.timexes if d.text[t.start : t.end] != t.text]
    assert bad == []


@needs_tbaq
def test_tag_text_runs_on_every_tbaq_document(tbaq: list[GoldDocument]) -> None:
    anchor = pytest.importorskip("timeline.anchor", reason="timeline/anchor.py not written yet")
    problems = []
    for doc in tbaq:
        assert doc.dct is not None
        found = sorted(anchor.tag_text(doc.text, doc.dct), key=lambda t: (t.start, t.end))
        for t in found:
            if not (0 <= t.start < t.end <= len(doc.text)) or doc.text[t.start : t.end] != t.text:
                problems.append(f"{doc.id}: bad offsets {t.start}:{t.end} {t.text!r}")
        for left, right in zip(found, found[1:], strict=False):
            if right.start < left.end:
                problems.append(f"{doc.id}: overlap {left.text!r} / {right.text!r}")
    assert problems == []


def test_mixed_corpus_reports_each_format(tmp_path: Path) -> None:
    (tmp_path / "t1.tml").write_text(TML, encoding="utf-8")
    (tmp_path / "7_Title.xml").write_text(
        MEANTIME_XML.format(month="February", value="2009-02-03"), encoding="utf-8"
    )
    out = io.StringIO()
    assert main_evaluate(str(tmp_path), False, out, io.StringIO(), tagger=lambda t, d: []) == 0
    assert "timeml only: 1 documents" in out.getvalue()
    assert "meantime only: 1 documents" in out.getvalue()

"""Snippet HTML: escaped first, then marked, always at the dataframe's offsets."""

from __future__ import annotations

from datetime import date

import pytest

from tests.fixtures import ARTICLE_TEXT, sample_events
from timeline.snippets import (
    article_html,
    counts_label,
    describe_published,
    event_card_html,
    mark_span,
    reading_note,
    sentence_html,
)

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "&lt;already escaped&gt;",
]


def test_sentence_marks_the_expression_at_its_offsets() -> None:
    row = sample_events().iloc[0]
    html = sentence_html(row["sentence"], row["sentence_start"], row["start"], row["end"])
    assert "<mark>Wednesday</mark>" in html
    assert html.count("<mark>") == 1


def test_markup_in_the_article_is_shown_literally() -> None:
    row = sample_events().iloc[0]
    html = sentence_html(row["sentence"], row["sentence_start"], row["start"], row["end"])
    assert "&lt;b&gt;unilateral&lt;/b&gt;" in html
    assert "<b>" not in html


@pytest.mark.parametrize("attack", HOSTILE, ids=["script", "img-onerror", "attr-break", "entity"])
def test_hostile_text_never_becomes_markup(attack: str) -> None:
    text = f"{attack} He left on Monday. {attack}"
    start = text.index("Monday")
    html = article_html(text, len(attack) + 1, len(text) - len(attack) - 1, start, start + 6)
    stripped = html.replace('<span class="tl-sentence">', "").replace("</span>", "")
    stripped = stripped.replace("<mark>", "").replace("</mark>", "")
    assert "<" not in stripped and ">" not in stripped
    assert "<mark>Monday</mark>" in html


def test_hostile_expression_inside_the_mark_is_escaped() -> None:
    text = "On <b>Monday</b> it rained."
    assert mark_span(text, 3, 16) == "On <mark>&lt;b&gt;Monday&lt;/b&gt;</mark> it rained."


@pytest.mark.parametrize(
    ("start", "end"),
    [(-1, 3), (5, 2), (0, 999), (4, 4)],
    ids=["negative", "reversed", "past", "empty"],
)
def test_bad_offsets_mark_nothing_and_still_escape(start: int, end: int) -> None:
    assert mark_span("<i>x</i> y", start, end) == "&lt;i&gt;x&lt;/i&gt; y"


def test_article_highlights_sentence_and_expression() -> None:
    row = sample_events().iloc[1]
    html = article_html(
        ARTICLE_TEXT, row["sentence_start"], row["sentence_end"], row["start"], row["end"]
    )
    assert '<span class="tl-sentence">Talks resume in <mark>March 2017</mark>,' in html
    assert html.startswith("Mexico is angry.")
    assert "&lt;b&gt;unilateral" in html


def test_article_with_inconsistent_sentence_still_marks_expression() -> None:
    text = "Talks on Monday."
    assert article_html(text, 50, 60, 9, 15) == "Talks on <mark>Monday</mark>."


def test_card_has_every_field_and_escapes_source() -> None:
    row = sample_events().iloc[3].to_dict()
    html = event_card_html(row)
    pieces = ("Label for Wednesday.", "2017-02-22", "Wed 22 Feb 2017", "from the article header")
    for piece in pieces:
        assert piece in html
    assert "Daily &lt;Planet&gt;" in html
    assert "<mark>Wednesday</mark>" in html


ANCHOR_CASES = [
    ("in sentence", "Written as", "by the date written in the sentence"),
    ("earlier in article", "Name written as", "the last day the article told of before it"),
    ("publication", "Name written as", "the day the article was published"),
    ("unanchored", "Name written as", "not dated: a future or hypothetical clause"),
]


@pytest.mark.parametrize(
    ("anchor", "written", "dated"), ANCHOR_CASES, ids=[c[0] for c in ANCHOR_CASES]
)
def test_a_followed_name_s_card_says_how_its_date_was_found(
    anchor: str, written: str, dated: str
) -> None:
    html = event_card_html({**sample_events().iloc[0].to_dict(), "anchor": anchor})
    assert f"<dt>{written}</dt>" in html
    assert dated in html.split("<dt>Dated</dt>", 1)[1].split("</dd>", 1)[0]


def test_a_row_of_no_name_says_nothing_of_anchors() -> None:
    assert "<dt>Dated</dt>" not in event_card_html(sample_events().iloc[0].to_dict())


def test_vague_card_says_vague() -> None:
    row = sample_events().iloc[2].to_dict()
    assert "vague: no calendar date" in event_card_html(row)


def test_describe_published_sources() -> None:
    assert describe_published(date(2017, 2, 22), "user") == "Wed 22 Feb 2017 (set by you)"


def test_counts_label() -> None:
    assert counts_label(sample_events()) == "4 events from 2 articles"


def test_mentions_html_escapes_each_source_before_marking() -> None:
    from timeline.snippets import mentions_html

    evil = '<img src=x onerror="alert(1)"> met Thursday.'
    body = mentions_html(
        [
            {
                "source": "A<script>",
                "title": "t",
                "sentence": evil,
                "sentence_start": 5,
                "start": 5 + evil.index("Thursday"),
                "end": 5 + evil.index("Thursday") + 8,
            },
            {
                "source": "B",
                "title": "u",
                "sentence": "On Thursday.",
                "sentence_start": 0,
                "start": 3,
                "end": 11,
            },
        ]
    )
    assert body.count("<mark>Thursday</mark>") == 2
    assert "<img" not in body and "<script>" not in body
    assert "Told by 2 sources" in body


def test_merged_card_leaves_the_quotes_to_the_sources_list() -> None:
    from timeline.snippets import event_card_html

    mention = {"sentence": "On Thursday.", "sentence_start": 0, "start": 3, "end": 11}
    row = {**mention, "event": "meet", "granularity": "day", "mentions": [mention, mention]}
    card = event_card_html(row)
    assert "tl-quote" not in card and "2 articles" in card
    assert "<mark>Thursday</mark>" in event_card_html({**row, "mentions": [mention]})


def test_a_merged_event_with_one_source_quotes_its_sentence_once() -> None:
    from timeline.snippets import event_card_html, mentions_html

    mention = {"source": "AP", "sentence": "On Thursday.", "sentence_start": 0, "start": 3,
               "end": 11}  # fmt: skip
    row = {**mention, "event": "meet", "granularity": "day", "mentions": [mention]}
    panel = event_card_html(row) + mentions_html(row["mentions"])
    assert panel.count("<mark>Thursday</mark>") == 1


READINGS = [
    ("news, read so by itself: nothing to say", "news", "auto: 0 of 0 written years", ""),
    ("news, set by the reader", "news", "user", "Read as news"),
    ("a narrative, chosen automatically", "narrative", "auto: 12 of 12 written years",
     "Read as a narrative"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("reading", "chosen", "opening"), [c[1:] for c in READINGS], ids=[c[0] for c in READINGS]
)
def test_the_panel_tells_a_reading_unless_news_read_as_news(
    reading: str, chosen: str, opening: str
) -> None:
    assert reading_note(reading, chosen).startswith(opening)
    assert bool(reading_note(reading, chosen)) == bool(opening)

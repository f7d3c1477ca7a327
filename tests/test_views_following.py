"""Following names in the dashboard: the picker's names and the followed names' lanes."""

from __future__ import annotations

import pandas as pd
import pytest

from timeline.views.following import (
    FOLLOW_STYLES,
    NO_DATE_WORD,
    choice_label,
    followed_events,
    found_note,
    name_choices,
    with_outlets,
    with_session_rows,
)


def index(*rows: tuple[str, list[str], str, int, int]) -> pd.DataFrame:
    columns = ["name", "aliases", "kind", "articles", "mentions"]
    return pd.DataFrame([dict(zip(columns, row, strict=True)) for row in rows])


STORED = index(
    ("General Motors", ["GM"], "organisation", 12, 80),
    ("Mary Barra", ["Barra"], "person", 3, 9),
    ("Detroit", [], "place", 5, 7),
)
SESSION = index(("Mary Barra", ["Ms. Barra"], "person", 2, 30), ("Opel", [], "", 1, 2))


def test_the_picker_lists_the_names_most_articles_name_with_their_counts() -> None:
    assert name_choices([STORED], limit=2) == {
        "General Motors": "General Motors · 12 articles · GM · organisation",
        "Detroit": "Detroit · 5 articles · place",  # 5 articles before Mary Barra's 3
    }


def test_the_session_s_articles_count_with_the_store_s() -> None:
    choices = name_choices([STORED, SESSION])
    # articles 12, 5 (39 mentions), 5 (7 mentions), 1
    assert list(choices) == ["General Motors", "Mary Barra", "Detroit", "Opel"]
    assert choices["Mary Barra"] == "Mary Barra · 5 articles · Barra, Ms. Barra · person"


def test_a_followed_name_stays_among_the_choices() -> None:
    assert list(name_choices([STORED], followed=["Opel"], limit=1)) == ["General Motors", "Opel"]
    assert name_choices([], followed=["Opel"]) == {"Opel": "Opel"}


LABELS = [
    (("Steve Jobs", ["Jobs", "Steve", "Mr. Jobs"], "person", 1),
     "Steve Jobs · 1 article · Jobs, Steve · person"),
    (("Airbus", [], "", 30), "Airbus · 30 articles"),
]  # fmt: skip


@pytest.mark.parametrize(("row", "expected"), LABELS, ids=["aliases and kind", "bare"])
def test_choice_label(row: tuple[str, list[str], str, int], expected: str) -> None:
    assert choice_label(*row) == expected


NOTES = [
    ("the name as written", ("General Motors", "General Motors", "exact"), ""),
    ("in other letters", ("general motors", "General Motors", "exact"), ""),
    ("an alias", ("GM", "General Motors", "alias"), "“GM” is another name of General Motors."),
    ("a close spelling", ("Genral Motors", "General Motors", "close"),
     "“Genral Motors” is taken for General Motors."),
    ("nobody", ("Zanzibar", None, ""), "No article names “Zanzibar”."),
]  # fmt: skip


@pytest.mark.parametrize(("found", "expected"), [c[1:] for c in NOTES], ids=[c[0] for c in NOTES])
def test_found_note(found: tuple[str, str | None, str], expected: str) -> None:
    assert found_note(*found) == expected


def rows(*ids: str, anchor: str = "in sentence") -> pd.DataFrame:
    return pd.DataFrame(
        {"event_id": list(ids), "article": [i.split(":")[0] for i in ids], "anchor": anchor}
    )


def test_the_session_speaks_for_the_articles_it_re_read() -> None:
    stored = rows("a:1", "b:2")
    session = rows("b:7", "c:3")
    joined = with_session_rows(stored, session, session_articles=["b", "c"])
    assert joined["event_id"].tolist() == ["a:1", "b:7", "c:3"]
    assert with_session_rows(stored, rows(), ["b"])["event_id"].tolist() == ["a:1"]  # b re-read


def test_a_lane_per_name_in_the_order_followed_and_hollow_rows_without_a_date_word() -> None:
    frame = followed_events(
        [("Boeing", rows("a:1")), ("Nobody", rows()), ("Airbus", rows("b:2", anchor="publication"))]
    )
    assert frame[["event_id", "followed", "followed_label", "dated"]].values.tolist() == [
        ["a:1", "0", "Boeing", "in sentence"],
        ["b:2", "2", "Airbus", NO_DATE_WORD],
    ]
    (style,) = FOLLOW_STYLES
    assert (style.column, style.value, style.marker["color"]) == ("dated", NO_DATE_WORD, "white")
    assert followed_events([]).empty


def test_rows_take_the_outlet_the_timeline_shows() -> None:
    events = pd.DataFrame({"article": ["nyt1", "x"], "source": ["nyt1.txt", "x.txt"]})
    articles = pd.DataFrame({"id": ["nyt1"], "source": ["The New York Times"]})
    assert with_outlets(events, articles)["source"].tolist() == ["The New York Times", "x.txt"]

"""The rows of the dashboard's event list and the words they are made of."""

from __future__ import annotations

import pytest

from timeline.views.listing import ListGroup, ListRow, group_rows, list_data, outlet_names, plural


def test_consecutive_rows_under_one_heading_are_one_group() -> None:
    rows = [("2017", ListRow("a", "", "A.")), ("2018", ListRow("b", "", "B.")),
            ("2017", ListRow("c", "", "C."))]  # fmt: skip
    assert [(g.heading, [r.id for r in g.rows]) for g in group_rows(rows)] == [
        ("2017", ["a"]),
        ("2018", ["b"]),
        ("2017", ["c"]),  # the order of the rows is kept: a heading may come again
    ]


def test_the_list_is_sent_plain_data() -> None:
    data = list_data([ListGroup("1987", [ListRow("a:1", "1987", "<b>x</b>", "AP")])], None,
                     "Nothing.", page="p1", focus="a:1")  # fmt: skip
    assert data == {
        "groups": [
            {
                "heading": "1987",
                "rows": [
                    {"id": "a:1", "when": "1987", "label": "<b>x</b>", "note": "AP", "hint": ""}
                ],
            }
        ],
        "selected": None,
        "empty": "Nothing.",
        "page": "p1",
        "focus": "a:1",
    }  # fmt: skip  (the browser sets the label as text: "<b>" shows literally)


OUTLETS = [
    ([], ""),
    (["AP"], "AP"),
    (["AP", "Reuters"], "AP and Reuters"),
    (["AP", "Reuters", "AFP"], "AP, Reuters and AFP"),
    (["AP", "Reuters", "AFP", "BBC"], "AP, Reuters, AFP and 1 more"),
]


@pytest.mark.parametrize(("names", "expected"), OUTLETS)
def test_outlet_names(names: list[str], expected: str) -> None:
    assert outlet_names(names) == expected


@pytest.mark.parametrize(
    ("count", "expected"), [(0, "0 articles"), (1, "1 article"), (2, "2 articles")]
)
def test_plural(count: int, expected: str) -> None:
    assert plural(count, "article") == expected

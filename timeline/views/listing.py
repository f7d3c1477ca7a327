"""What the dashboard's event list shows: groups under a heading, rows of plain text (the
browser sets them as text, never as markup), one row per event the reader can click.

Also the small words a row is made of: "3 articles", a list of outlets cut to a few names.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

OUTLETS_SHOWN = 3


@dataclass(frozen=True)
class ListRow:
    """One clickable row: the event it opens, when it happened, what happened, and a note."""

    id: str
    when: str
    label: str
    note: str = ""
    hint: str = ""  # shown on hover: every source's name, say


@dataclass(frozen=True)
class ListGroup:
    heading: str
    rows: list[ListRow] = field(default_factory=list)


def list_data(
    groups: Sequence[ListGroup],
    selected: str | None,
    empty: str,
    page: str = "",
    focus: str | None = None,
) -> dict[str, Any]:
    """What the list component is sent: its groups, the selected event, the text it shows
    when there is nothing, a key for the page (when it changes, the list scrolls to its top,
    or to the `focus` row).

    >>> data = list_data([ListGroup("March 2017", [ListRow("a:1", "Thu 2 Mar", "Talks.")])],
    ...                  "a:1", "Nothing here.")
    >>> data["groups"][0]["rows"][0]["id"], data["selected"]
    ('a:1', 'a:1')
    """
    return {
        "groups": [asdict(group) for group in groups],
        "selected": selected,
        "empty": empty,
        "page": page,
        "focus": focus,
    }


def group_rows(rows: Sequence[tuple[str, ListRow]]) -> list[ListGroup]:
    """Consecutive rows under the same heading, as groups, in order.

    >>> groups = group_rows([("2017", ListRow("a", "", "A.")), ("2017", ListRow("b", "", "B.")),
    ...                      ("2018", ListRow("c", "", "C."))])
    >>> [(g.heading, len(g.rows)) for g in groups]
    [('2017', 2), ('2018', 1)]
    """
    groups: list[ListGroup] = []
    for heading, row in rows:
        if not groups or groups[-1].heading != heading:
            groups.append(ListGroup(heading))
        groups[-1].rows.append(row)
    return groups


def as_heading(words: str) -> str:
    """A group's name as a list heads it: its first letter a capital.

    >>> as_heading("week of 6 March 2017"), as_heading("")
    ('Week of 6 March 2017', '')
    """
    return words[:1].upper() + words[1:]


def plural(count: int, noun: str) -> str:
    """'1 article', '12 articles', '1,204 articles'.

    >>> plural(1, "article"), plural(1204, "article")
    ('1 article', '1,204 articles')
    """
    return f"{count:,} {noun}{'s' * (count != 1)}"


def outlet_names(names: Sequence[str], shown: int = OUTLETS_SHOWN) -> str:
    """A few outlets' names, and how many more.

    >>> outlet_names(["AP", "Reuters"]), outlet_names(["AP", "Reuters", "AFP", "BBC", "NPR"])
    ('AP and Reuters', 'AP, Reuters, AFP and 2 more')
    """
    names = [str(name) for name in names]
    if len(names) <= shown:
        return " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
    return f"{', '.join(names[:shown])} and {len(names) - shown} more"

"""Following names in the dashboard: the names the "Follow" picker offers (with their aliases
and counts), and the events of the names followed as one frame to draw, a lane per name, the
rows dated without a date word marked so the chart draws them hollow.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from timeline.figure import MarkStyle
from timeline.mentions import IN_SENTENCE
from timeline.views.listing import plural

MAX_FOLLOWED = 5  # lanes to compare; more would not fit the chart's height
CHOICES_MAX = 500  # names offered in the picker's list; any other is found when typed in full
ALIASES_SHOWN = 2
NO_DATE_WORD = "no date word"  # `dated` of a row anchored without a date word in its sentence
# Rows anchored without a date word are hollow dots in their lane's colour.
FOLLOW_STYLES = (MarkStyle("dated", NO_DATE_WORD, {"color": "white"}, "no date word"),)


def name_choices(
    indexes: Sequence[pd.DataFrame], followed: Sequence[str] = (), limit: int = CHOICES_MAX
) -> dict[str, str]:
    """The picker's names, named by the most articles first (then mentions), each with the
    words it is shown with (how many articles name it, its best-known aliases, its kind);
    names of several indexes (the store's, the session's articles') count together; the
    `followed` ones are always there.

    >>> index = pd.DataFrame([
    ...     {"name": "General Motors", "kind": "organisation", "aliases": ["GM", "GM Corp"],
    ...      "articles": 12, "mentions": 80},
    ...     {"name": "Mary Barra", "kind": "person", "aliases": ["Barra"], "articles": 1,
    ...      "mentions": 4}])
    >>> for name, label in name_choices([index], followed=["Ford"], limit=1).items():
    ...     print(f"{name}: {label}")
    General Motors: General Motors · 12 articles · GM, GM Corp · organisation
    Ford: Ford
    """
    frames = [index for index in indexes if not index.empty]
    if not frames:
        return {name: name for name in followed}
    names = frames[0] if len(frames) == 1 else _counted_together(frames)
    # the picker shows article counts: ordered by them, a name told across the corpus first
    names = names.sort_values(["articles", "mentions"], ascending=False, kind="stable")
    choices = {
        str(row.name): choice_label(str(row.name), row.aliases, str(row.kind), int(row.articles))
        for row in names.head(limit).itertuples(index=False)
    }
    for name in followed:
        choices.setdefault(name, name)
    return choices


def choice_label(name: str, aliases: Sequence[str], kind: str, articles: int) -> str:
    """A name as the picker lists it: the name and its articles first (the sidebar is narrow),
    then what else the articles call it and its kind.

    >>> choice_label("Steve Jobs", ["Jobs"], "person", 3), choice_label("Apple", [], "", 1)
    ('Steve Jobs · 3 articles · Jobs · person', 'Apple · 1 article')
    """
    shown = [str(alias) for alias in list(aliases)[:ALIASES_SHOWN]]
    words = [name, plural(articles, "article")]
    if shown:
        words.append(", ".join(shown))
    if kind:
        words.append(kind)
    return " · ".join(words)


# How `follow.find_name` took a typed name, when it was not the name as written.
HOW_TAKEN = {"alias": "another name of", "part": "taken for", "close": "taken for"}


def found_note(typed: str, name: str | None, how: str) -> str:
    """What the picker says of a typed name: nothing when it is a name as written, else what
    it was taken for, or that no article names it.

    >>> found_note("GM", "General Motors", "alias"), found_note("Airbus", "Airbus", "exact")
    ('“GM” is another name of General Motors.', '')
    >>> found_note("Air Froce", "United States Air Force", "close")
    '“Air Froce” is taken for United States Air Force.'
    >>> found_note("Zanzibar Inc", None, "")
    'No article names “Zanzibar Inc”.'
    """
    if name is None:
        return f"No article names “{typed}”."
    if how not in HOW_TAKEN or typed.casefold() == name.casefold():
        return ""
    return f"“{typed}” is {HOW_TAKEN[how]} {name}."


def with_session_rows(
    stored: pd.DataFrame, session: pd.DataFrame, session_articles: Sequence[str] = ()
) -> pd.DataFrame:
    """One name's events from the store and from the session's articles; an article of the
    session that replaces a stored one (a date or reading set by the reader) speaks for it."""
    stored = stored[~stored["article"].isin(set(session_articles))]
    frames = [frame for frame in (stored, session) if not frame.empty]
    if not frames:
        return stored
    return pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]


def followed_events(names: Sequence[tuple[str, pd.DataFrame]]) -> pd.DataFrame:
    """The events of the followed names, a lane each in the order followed: `followed` (the
    lane's key), `followed_label` (the name) and `dated` ("in sentence" or `NO_DATE_WORD`).

    >>> rows = pd.DataFrame({"event_id": ["a:1", "a:5"], "anchor": ["in sentence", "publication"]})
    >>> frame = followed_events([("Airbus", rows), ("Boeing", rows.head(1))])
    >>> for row in frame[["followed", "followed_label", "dated"]].values.tolist():
    ...     print(row)
    ['0', 'Airbus', 'in sentence']
    ['0', 'Airbus', 'no date word']
    ['1', 'Boeing', 'in sentence']
    """
    frames = [
        frame.assign(
            followed=str(number),
            followed_label=name,
            dated=np.where(frame["anchor"] == IN_SENTENCE, IN_SENTENCE, NO_DATE_WORD),
        )
        for number, (name, frame) in enumerate(names)
        if not frame.empty
    ]
    if not frames:
        columns = [*(names[0][1].columns if names else []), "followed", "followed_label", "dated"]
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)


def with_outlets(events: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """The events with each article's source as the timeline shows it (`articles`: the
    session's index, where file names shared by many files became outlets).

    >>> events = pd.DataFrame({"article": ["a", "b"], "source": ["nyt-1.txt", "AP"]})
    >>> articles = pd.DataFrame({"id": ["a"], "source": ["The New York Times"]})
    >>> with_outlets(events, articles)["source"].tolist()
    ['The New York Times', 'AP']
    """
    if events.empty:
        return events
    outlets = pd.Series(articles["source"].to_numpy(), index=articles["id"].to_numpy())
    return events.assign(source=events["article"].map(outlets).fillna(events["source"]))


def _counted_together(indexes: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """Indexes of different articles as one: a name (in any case) counts its articles and
    mentions in each, and keeps the aliases of all."""
    joined = pd.concat([index.drop(columns="keys", errors="ignore") for index in indexes])
    joined = joined.assign(_name=joined["name"].str.casefold())
    grouped = joined.groupby("_name", sort=False)
    together = pd.DataFrame(
        {
            "name": grouped["name"].first(),
            "kind": grouped["kind"].first(),
            "aliases": grouped["aliases"].agg(lambda lists: list(dict.fromkeys(sum(lists, [])))),
            "articles": grouped["articles"].sum(),
            "mentions": grouped["mentions"].sum(),
        }
    )
    return together.sort_values(["mentions", "articles"], ascending=False, kind="stable")

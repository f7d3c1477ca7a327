"""Follow a name through the story: the corpus's index of names (aliases, kinds, counts), a
name looked up by any alias, type-ahead over the index, and the events of one name, all read
from the mentions `mentions.py` finds in each article (and the store keeps).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from difflib import get_close_matches
from typing import Any

import pandas as pd

from timeline.articles import Article
from timeline.events import EVENT_COLUMNS, VAGUE, article_event_rows, events_frame
from timeline.labels import label_event
from timeline.mentions import (
    IN_SENTENCE,
    MENTION_COLUMNS,
    NAME_COLUMNS,
    article_mention_rows,
    article_name_rows,
    attributive,
    date_window,
    quoted,
    stored_names,
)
from timeline.name_rules import best_kind, name_key
from timeline.names import FIRST_WORD, PART, STAND_IN, SURNAME, NameMention

# What `events --entity` prints: the events columns, then how each row's date was found.
ENTITY_EVENT_COLUMNS: tuple[str, ...] = (*EVENT_COLUMNS, "anchor")
ARTICLE_FIELDS = ("title", "source", "published", "published_from")


def mentions_frame(
    rows: Iterable[Mapping[str, Any]], articles: Sequence[Article] = ()
) -> pd.DataFrame:
    """Mention rows as a typed frame, with each article's title, source and publication, and
    each mention's sentence (as `Store.mentions` gives them)."""
    frame = pd.DataFrame(list(rows), columns=list(MENTION_COLUMNS))
    meta = {a.id: a for a in articles}
    for field in ARTICLE_FIELDS:
        frame[field] = [getattr(meta[i], field) if i in meta else None for i in frame["article"]]
    frame["sentence"] = [
        meta[i].text[s:e] if i in meta else ""
        for i, s, e in zip(
            frame["article"], frame["sentence_start"], frame["sentence_end"], strict=True
        )
    ]
    return typed_mentions(frame)


def typed_mentions(frame: pd.DataFrame) -> pd.DataFrame:
    """Give a mentions frame the column types of the events frame."""
    for column in ("date_start", "date_end", "published"):
        if column in frame:
            frame[column] = pd.to_datetime(frame[column], errors="coerce").astype("datetime64[s]")
    for column in ("start", "end", "sentence_start", "sentence_end"):
        frame[column] = frame[column].astype("int64")
    return frame


@dataclass(frozen=True)
class FoundName:
    """What a name typed by a user was taken for."""

    name: str  # the index's name
    keys: tuple[str, ...]  # the keys whose mentions are its mentions
    how: str  # "exact" | "alias" | "part" | "close"
    own_names: frozenset[str] = frozenset()  # shorter forms that are names of their own


def name_index(mentions: pd.DataFrame) -> pd.DataFrame:
    """The names of a corpus, most mentioned first: `name`, `kind` (when known), `aliases`
    (the other ways the articles write it), `articles`, `mentions`, and `keys`.

    `mentions` has one row per mention (`article`, `text`, `key`, `name`, `kind`, `via`), or
    one per group of them with their number in a `count` column (as `Store.name_counts`
    gives). A shorter name used elsewhere as the alias of exactly one longer name ("GM" for
    "General Motors", "Jobs" for "Steve Jobs") is counted with it.

    >>> rows = [
    ...     {"article": "a", "text": "General Motors", "key": "general motors",
    ...      "name": "General Motors", "kind": "organisation", "via": "name"},
    ...     {"article": "a", "text": "GM", "key": "general motors",
    ...      "name": "General Motors", "kind": "organisation", "via": "acronym"},
    ...     {"article": "b", "text": "GM", "key": "gm", "name": "GM", "kind": "", "via": "name"},
    ... ]
    >>> index = name_index(pd.DataFrame(rows))
    >>> index[["name", "kind", "aliases", "articles", "mentions"]].values.tolist()
    [['General Motors', 'organisation', ['GM'], 2, 3]]
    """
    if mentions.empty:
        return index_frame([], ())
    frame = mentions[["article", "text", "key", "name", "kind", "via"]].copy()
    frame["count"] = mentions["count"] if "count" in mentions else 1
    frame["written"] = mentions["written"] if "written" in mentions else frame["text"].map(name_key)
    root = _key_roots(frame)
    own_names = _own_names(frame, root)
    frame["key"] = effective_keys(frame, own_names)
    frame["root"] = frame["key"].map(lambda key: root.get(key, key))
    named = frame[frame["via"] != STAND_IN]
    if named.empty:
        return index_frame([], ())
    # the name shown: the most written full form of the root key, else of any of its keys
    forms = named.groupby(["root", "name"], sort=False)["count"].sum().reset_index()
    forms["full"] = forms["name"].map(name_key) == forms["root"]
    forms = forms.sort_values(["full", "count"], ascending=False, kind="stable")
    display = forms.drop_duplicates("root").set_index("root")["name"]
    written = named.groupby(["root", "text"], sort=False)["count"].sum().reset_index()
    written = written.sort_values("count", ascending=False, kind="stable")
    aliases: dict[str, list[str]] = defaultdict(list)
    seen: dict[str, set[str]] = defaultdict(set)
    for group_root, text in zip(written["root"], written["text"], strict=True):
        folded = str(text).casefold()
        if group_root in display.index and folded not in seen[group_root]:
            seen[group_root].add(folded)
            if folded != str(display[group_root]).casefold():
                aliases[group_root].append(str(text))
    known = frame[frame["kind"] != ""]
    kinds: dict[str, dict[str, int]] = defaultdict(dict)
    for (group_root, kind), count in known.groupby(["root", "kind"])["count"].sum().items():
        kinds[group_root][kind] = int(count)
    grouped = frame[frame["root"].isin(display.index)].groupby("root", sort=False)
    totals = pd.DataFrame(
        {
            "articles": grouped["article"].nunique(),
            "mentions": grouped["count"].sum(),
            "keys": grouped["key"].unique(),
        }
    )
    records: list[dict[str, Any]] = [
        {
            "name": str(display[group_root]),
            "kind": best_kind(kinds.get(group_root, {})),
            "aliases": aliases.get(group_root, []),
            "articles": int(row.articles),
            "mentions": int(row.mentions),
            "keys": sorted(row.keys),
        }
        for group_root, row in zip(totals.index, totals.itertuples(index=False), strict=True)
    ]
    records.sort(key=lambda r: (-r["mentions"], -r["articles"], r["name"]))
    return index_frame(records, own_names)


INDEX_COLUMNS = ("name", "kind", "aliases", "articles", "mentions", "keys")


def index_frame(records: Sequence[Mapping[str, Any]], own_names: Iterable[str]) -> pd.DataFrame:
    """The index frame of records in index order (as `name_index` makes them, or as a store
    keeps them), with the shorter forms that are names of their own in `attrs["own_names"]`.

    >>> index = index_frame([{"name": "GM", "kind": "", "aliases": [], "articles": 1,
    ...                       "mentions": 2, "keys": ["gm"]}], ["gm"])
    >>> index["name"].tolist(), index.attrs["own_names"]
    (['GM'], frozenset({'gm'}))
    """
    index = pd.DataFrame(list(records), columns=list(INDEX_COLUMNS))
    index.attrs["own_names"] = frozenset(own_names)
    return index


# Shorter forms tied to a longer name within an article that may be a name of their own in the
# corpus: "Boeing" after "Boeing Commercial Airplanes" is still Boeing when Boeing stands alone
# in more articles.
_REASSIGNABLE = frozenset({FIRST_WORD, SURNAME, PART})


def _own_names(frame: pd.DataFrame, root: Mapping[str, str]) -> frozenset[str]:
    """Written keys of shorter forms that are names of their own: standing alone in some
    article and not counted with the longer name (see `_key_roots`)."""
    alone = set(frame.loc[frame["via"] == "name", "key"])
    shorter = frame.loc[frame["via"].isin(_REASSIGNABLE), "written"]
    return frozenset(w for w in shorter if w in alone and w not in root)


def effective_keys(mentions: pd.DataFrame, own_names: frozenset[str]) -> pd.Series:
    """The key each mention counts under: its key, or, for a shorter form that is a name of
    its own (`_own_names`), the key of what it writes."""
    moved = mentions["via"].isin(_REASSIGNABLE) & mentions["written"].isin(own_names)
    return mentions["written"].where(moved, mentions["key"])


def _key_roots(frame: pd.DataFrame) -> dict[str, str]:
    """Keys to count with a longer one: a key written in some articles as the shorter form of
    exactly one longer key (an acronym, a surname, a first word, a short form), in at least
    as many articles as it stands alone ("GM" defined as "General Motors" in one article and
    alone in another is General Motors; "Boeing", alone in most articles, stays itself)."""
    shorter = frame[(frame["via"] != "name") & (frame["via"] != STAND_IN)]
    claims: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for alias, key, article in zip(
        shorter["written"], shorter["key"], shorter["article"], strict=True
    ):
        if alias != key:
            claims[alias][key].add(article)
    alone = frame[frame["via"] == "name"].groupby("key")["article"].nunique().to_dict()
    root: dict[str, str] = {}
    for alias, by_key in claims.items():
        if alias in alone and len(by_key) == 1:
            ((longer, articles),) = by_key.items()
            if len(articles) >= alone[alias]:
                root[alias] = longer
    for key, family_root in _product_families(alone).items():
        root.setdefault(key, family_root)
    for key, fuller in _fuller_names(alone).items():
        root.setdefault(key, fuller)
    for key in list(root):  # follow chains to their end
        seen = {key}
        target = root[key]
        while target in root and root[target] not in seen:
            seen.add(target)
            target = root[target]
        root[key] = target
    return root


def _fuller_names(counts: Mapping[str, int]) -> dict[str, str]:
    """Names written with words left out inside: a key of two words or more whose words are,
    in order, those of exactly one longer key with the same first and last word, standing
    alone in at least as many articles ("George Bush" of "George W. Bush", "iTunes Store" of
    "iTunes Music Store").

    >>> _fuller_names({"george bush": 1, "george w bush": 3, "george lucas": 2})
    {'george bush': 'george w bush'}
    """
    ends: dict[tuple[str, str], list[tuple[str, ...]]] = defaultdict(list)
    for key in counts:
        words = tuple(key.split())
        if len(words) >= 2:
            ends[words[0], words[-1]].append(words)
    fuller: dict[str, str] = {}
    for keys in ends.values():
        if len(keys) < 2:
            continue
        for short in keys:
            longer = [k for k in keys if len(k) > len(short) and _in_order(short, k)]
            if len(longer) == 1 and counts[" ".join(longer[0])] >= counts[" ".join(short)]:
                fuller[" ".join(short)] = " ".join(longer[0])
    return fuller


def _in_order(words: Sequence[str], within: Sequence[str]) -> bool:
    remaining = iter(within)
    return all(word in remaining for word in words)


def _product_families(counts: Mapping[str, int]) -> dict[str, str]:
    """Names of one product written more or less fully: keys that share a model number
    ("787", "a380") and whose words are all words of the fullest of them ("Boeing 787",
    "787 Dreamliner", "Boeing 787 Dreamliners" are "Boeing 787 Dreamliner")."""
    families: dict[str, list[str]] = defaultdict(list)
    for key in counts:
        for word in key.split():
            if len(word) >= 3 and any(c.isdigit() for c in word) and not _YEARS.fullmatch(word):
                families[word].append(key)
    root: dict[str, str] = {}
    for keys in families.values():
        if len(keys) < 2:
            continue
        words = {key: {_singular(w) for w in key.split()} for key in keys}
        fullest = [k for k in keys if not any(words[k] < words[o] for o in keys if o != k)]
        tops: dict[frozenset[str], str] = {}  # each fullest set of words: its most used key
        for key in sorted(fullest, key=lambda k: (counts.get(k, 0), len(words[k]), k)):
            tops[frozenset(words[key])] = key
        for key in keys:
            # the fullest names holding it; with two ("Boeing 777", "American Airlines 777":
            # a maker's and an airline's), "777" stays itself
            holders = [top for held, top in tops.items() if words[key] <= held]
            if len(holders) == 1 and holders[0] != key:
                root[key] = holders[0]
    return root


_YEARS = re.compile(r"(?:1[89]|20)\d\ds?")


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def find_name(index: pd.DataFrame, query: str) -> FoundName | None:
    """The indexed name a user means: its name or any alias (case-insensitive), else a part
    of what was typed that is a name ("Beatles Apple Corps" finds "Apple Corps"), else a
    close spelling ("Air Froce").

    >>> index = pd.DataFrame([{"name": "General Motors", "aliases": ["GM"], "mentions": 3,
    ...                        "keys": ["general motors"], "articles": 2, "kind": ""}])
    >>> [find_name(index, q).how for q in ("general motors", "gm", "General Motrs")]
    ['exact', 'alias', 'close']
    """
    if index.empty or not query.strip():
        return None
    wanted = query.strip().casefold()
    by_name: dict[str, int] = {}
    by_alias: dict[str, int] = {}
    names, aliases_of, keys_of = (index[c].tolist() for c in ("name", "aliases", "keys"))
    for position, (name, aliases, keys) in enumerate(zip(names, aliases_of, keys_of, strict=True)):
        by_name.setdefault(str(name).casefold(), position)
        for alias in aliases:
            by_alias.setdefault(str(alias).casefold(), position)
        for key in keys:
            by_alias.setdefault(str(key), position)
    key = name_key(query)
    for table, how in ((by_name, "exact"), (by_alias, "alias")):
        for form in (wanted, key):
            if form in table:
                return _found(index, table[form], how)
    close = get_close_matches(wanted, list(by_name) + list(by_alias), n=1, cutoff=0.85)
    if close:
        return _found(index, by_name.get(close[0], by_alias.get(close[0], 0)), "close")
    words = query.split()
    for size in range(len(words) - 1, 0, -1):  # the longest part that is a name
        for begin in range(0, len(words) - size + 1):
            part = " ".join(words[begin : begin + size]).casefold()
            for table in (by_name, by_alias):
                if part in table and (size > 1 or len(part) > 3):
                    return _found(index, table[part], "part")
    return None


def _found(index: pd.DataFrame, position: int, how: str) -> FoundName:
    row = index.iloc[position]
    own_names = index.attrs.get("own_names", frozenset())
    return FoundName(str(row["name"]), tuple(row["keys"]), how, frozenset(own_names))


def suggest_names(index: pd.DataFrame, typed: str, limit: int = 10) -> pd.DataFrame:
    """Type-ahead over the index: names or aliases that contain what was typed, those that
    start with it first, each with its counts (most mentioned first within each group).

    >>> index = pd.DataFrame([
    ...     {"name": "Boeing", "aliases": [], "kind": "organisation", "articles": 9, "mentions": 40,
    ...      "keys": ["boeing"]},
    ...     {"name": "Air Boeing", "aliases": [], "kind": "", "articles": 1, "mentions": 1,
    ...      "keys": ["air boeing"]}])
    >>> suggest_names(index, "boe")["name"].tolist()
    ['Boeing', 'Air Boeing']
    """
    wanted = typed.strip().casefold()
    if not wanted:
        return index.head(limit)
    forms = (
        index["name"].str.casefold()
        + "\n"
        + index["aliases"].map(lambda aliases: "\n".join(a.casefold() for a in aliases))
    )
    contains = forms.str.contains(wanted, regex=False)
    starts = forms.map(lambda f: any(line.startswith(wanted) for line in f.split("\n")))
    chosen = index[contains].assign(_starts=starts[contains])
    return (
        chosen.sort_values("_starts", ascending=False, kind="stable")
        .drop(columns="_starts")
        .head(limit)
    )


def entity_events(
    articles: Sequence[Article],
    events: pd.DataFrame,
    names: pd.DataFrame,
    keys: Iterable[str],
    own_names: frozenset[str] = frozenset(),
    kinds: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """The events of one name (the mentions with these keys) as rows of `ENTITY_EVENT_COLUMNS`.

    One sentence that names it gives its dated events ("in sentence"), or, without a date word,
    one row on the first mention of the name in it, dated by its anchor. `names` holds the
    stored name rows (`mentions.NAME_COLUMNS`) of the articles, all their names (a word standing
    for the name is judged against the others); `events` at least those articles' events;
    `articles` at least those that name it. Only those articles are read again. `kinds` are
    the kinds the whole corpus knows its keys by (`index_kinds`), surer than one article's.
    """
    wanted = set(keys)
    chosen = names[effective_keys(names, own_names).isin(wanted)] if len(names) else names
    texts = {a.id: a for a in articles}
    ids = [i for i in dict.fromkeys(chosen["article"]) if i in texts] if len(chosen) else []
    names_of = _records_by_article(names[names["article"].isin(ids)], NAME_COLUMNS)
    events_of = _records_by_article(
        events[events["article"].isin(ids)],
        ("article", "start", "end", "text", "value", "date_start", "date_end", "granularity"),
    )

    verdicts: dict[tuple[str, str, str], bool] = {}

    def followed(mention: NameMention) -> bool:
        form = (mention.text, mention.key, mention.via)
        verdict = verdicts.get(form)
        if verdict is None:
            written = name_key(mention.text)
            moved = mention.via in _REASSIGNABLE and written in own_names
            verdict = verdicts[form] = (written if moved else mention.key) in wanted
        return verdict

    rows: list[dict[str, Any]] = []
    for article_id in ids:
        stored = names_of.get(article_id, [])
        if kinds:
            for row in stored:
                row["kind"] = kinds.get(row["key"]) or row["kind"]
        rows.extend(
            article_mention_rows(
                texts[article_id], events_of.get(article_id, []), stored_names(stored), followed
            )
        )
    mentions = mentions_frame(rows, [texts[i] for i in ids])
    return _events_of_mentions(mentions, events, wanted, own_names)


def _records_by_article(
    frame: pd.DataFrame, columns: Sequence[str]
) -> dict[str, list[dict[str, Any]]]:
    """The rows of a frame as dicts of these columns, by article, in one pass."""
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    values = [frame[c].tolist() for c in columns]
    for row in zip(*values, strict=True):
        record = dict(zip(columns, row, strict=True))
        grouped[record["article"]].append(record)
    return grouped


def index_kinds(index: pd.DataFrame) -> dict[str, str]:
    """The kind of each key of the index's names, where known.

    >>> index_kinds(pd.DataFrame([{"name": "GM", "kind": "organisation",
    ...                            "keys": ["general motors", "gm"]}]))
    {'general motors': 'organisation', 'gm': 'organisation'}
    """
    return {
        key: str(kind)
        for kind, keys in zip(index["kind"], index["keys"], strict=True)
        if kind
        for key in keys
    }


def _events_of_mentions(
    mentions: pd.DataFrame,
    events: pd.DataFrame,
    wanted: set[str],
    own_names: frozenset[str],
) -> pd.DataFrame:
    """A name's events from its mentions (`mentions_frame`) and their articles' events."""
    own = mentions[effective_keys(mentions, own_names).isin(wanted)]
    own = own.sort_values(["article", "start"]).drop_duplicates(["article", "sentence_start"])
    dated = _dated_in_clauses(own[own["anchor"] == IN_SENTENCE], events)
    own = own[own["anchor"] != IN_SENTENCE]
    anchored = events_frame(
        [
            {
                "event_id": f"{m.article}:{m.start}",
                "article": m.article,
                "title": m.title,
                "source": m.source,
                "published": m.published,
                "published_from": m.published_from,
                "text": m.text,
                "start": m.start,
                "end": m.end,
                "type": "DATE",
                "value": m.value if isinstance(m.value, str) else "",
                "date_start": m.date_start,
                "date_end": m.date_end,
                "granularity": m.granularity if isinstance(m.granularity, str) else "unknown",
                "sentence": m.sentence,
                "sentence_start": m.sentence_start,
                "sentence_end": m.sentence_end,
                "event": _clause_label(m.sentence, m.start - m.sentence_start),
                "rule": "",
            }
            for m in own.itertuples(index=False)
        ]
    )
    anchored["anchor"] = own["anchor"].tolist()
    parts = [frame for frame in (dated.assign(anchor=IN_SENTENCE), anchored) if len(frame)]
    result = pd.concat(parts, ignore_index=True) if parts else anchored
    result = result[list(ENTITY_EVENT_COLUMNS)]
    return result.sort_values(["article", "start"], kind="stable").reset_index(drop=True)


def _clause_label(sentence: str, at: int) -> str:
    return label_event(sentence, at, at) if sentence else ""


def _dated_in_clauses(mentions: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """The dated events inside the clause of each mention (`mentions.date_window`), but not
    the dates that name a thing (`mentions.attributive`), nor vague ones, nor those on the
    other side of a quotation mark (`mentions.quoted`: a date in a quote dates what the
    speaker tells, from the day they spoke); of several, the one nearest the mention, and the
    dates joined to it by "and" or "or" ("made an appearance in March and June"; not "between
    2014 and 2016", one span)."""
    if mentions.empty or events.empty:
        return events.iloc[0:0]
    windows = pd.DataFrame(
        [
            (
                m.article,
                m.sentence_start + low,
                m.sentence_start + high,
                m.sentence,
                m.sentence_start,
                m.start,
            )
            for m in mentions.itertuples(index=False)
            for low, high in [
                date_window(
                    m.sentence,
                    0,
                    len(m.sentence),
                    m.start - m.sentence_start,
                    m.end - m.sentence_start,
                )
            ]
        ],
        columns=["article", "_low", "_high", "_sentence", "_offset", "_at"],
    )
    candidates = events[
        events["article"].isin(set(windows["article"])) & (events["granularity"] != VAGUE)
    ]
    joined = candidates.merge(windows, on="article")
    joined = joined[(joined["start"] >= joined["_low"]) & (joined["start"] < joined["_high"])]
    keep = [
        not attributive(sentence, start - offset, end - offset)
        and quoted(sentence, start - offset) == quoted(sentence, at - offset)
        for sentence, offset, start, end, at in zip(
            joined["_sentence"],
            joined["_offset"],
            joined["start"],
            joined["end"],
            joined["_at"],
            strict=True,
        )
    ]
    joined = joined[keep]
    distance = (joined["start"] - joined["_at"]).abs()
    nearest = distance.groupby([joined["article"], joined["_low"]]).transform("min")
    chosen = (distance == nearest) | _joined_to(joined, distance == nearest)
    return joined[chosen].drop(columns=["_low", "_high", "_sentence", "_offset", "_at"])


_JOINING = re.compile(r"\s+(?:and|or)\s+")
_RANGE_OPENER = re.compile(r"\bbetween\s+\Z")


def _joined_to(dates: pd.DataFrame, nearest: pd.Series) -> pd.Series:
    """Which dates of the clauses stand right beside a nearest one, joined by "and" or "or"."""
    spans: dict[tuple[str, int], list[tuple[int, int]]] = defaultdict(list)
    keys = list(zip(dates["article"], dates["_low"], strict=True))
    starts, ends = dates["start"].tolist(), dates["end"].tolist()
    for key, start, end, near in zip(keys, starts, ends, nearest.tolist(), strict=True):
        if near:
            spans[key].append((start, end))
    joined = []
    for key, start, end, near, sentence, offset in zip(
        keys, starts, ends, nearest.tolist(), dates["_sentence"], dates["_offset"], strict=True
    ):
        beside = False
        for other_start, other_end in [] if near else spans[key]:
            first, second = sorted([(start, end), (other_start, other_end)])
            if _JOINING.fullmatch(
                sentence, first[1] - offset, second[0] - offset
            ) and not _RANGE_OPENER.search(sentence, 0, first[0] - offset):
                beside = True
        joined.append(beside)
    return pd.Series(joined, index=dates.index)


@dataclass(frozen=True)
class NamedCorpus:
    """Articles read for following names: their texts, events, names and name index."""

    articles: Sequence[Article]
    events: pd.DataFrame
    names: pd.DataFrame  # one row per name and form of each article (`mentions.NAME_COLUMNS`)
    index: pd.DataFrame

    def events_of(self, query: str) -> tuple[FoundName | None, pd.DataFrame]:
        """The name `query` is taken for, and its events (empty when no name matches)."""
        found = find_name(self.index, query)
        if found is None:
            return None, entity_events(self.articles, self.events, self.names, ())
        events = entity_events(
            self.articles,
            self.events,
            self.names,
            found.keys,
            found.own_names,
            index_kinds(self.index),  # as `Store.name_events` does
        )
        return found, events

    def index_of(self, article_ids: Iterable[str]) -> pd.DataFrame:
        """The index of the names of some of the articles (those new to the store: a stored
        article re-read for its date names what the store already counts)."""
        wanted = set(article_ids)
        return name_index(self.names[self.names["article"].isin(wanted)])


def read_names(articles: Sequence[Article]) -> NamedCorpus:
    """Extract events and names from articles in this process."""
    event_rows: list[dict[str, Any]] = []
    name_rows: list[dict[str, Any]] = []
    for article in articles:
        rows = article_event_rows(article)
        event_rows.extend(rows)
        name_rows.extend(article_name_rows(article, rows))
    names = pd.DataFrame(name_rows, columns=list(NAME_COLUMNS))
    return NamedCorpus(list(articles), events_frame(event_rows), names, name_index(names))

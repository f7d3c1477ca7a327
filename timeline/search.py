"""What a search looks for: the words of what a reader typed, bounded, and the safe SQLite
FTS5 query that finds them (the store's full-text index of events and articles)."""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+")
# A search is what fits a search box: each word is a prefix search of the whole index (a few
# milliseconds each on 10,000 articles), so 5,000 pasted words took a minute and gigabytes.
SEARCH_MAX_CHARS = 200
SEARCH_MAX_WORDS = 12


def search_words(text: str, *, bounded: bool = True) -> list[str]:
    """The distinct words a search looks for: those of its first `SEARCH_MAX_CHARS` characters,
    at most `SEARCH_MAX_WORDS` of them (all of them if not `bounded`).

    >>> search_words("talks TALKS " + "w " * 500)
    ['talks', 'TALKS', 'w']
    """
    if not bounded:
        return list(dict.fromkeys(_WORD.findall(text)))
    return list(dict.fromkeys(_WORD.findall(text[:SEARCH_MAX_CHARS])))[:SEARCH_MAX_WORDS]


def fts_query(text: str) -> str:
    """A safe FTS5 query for what a user typed: every word of `search_words`, as a quoted
    prefix.

    >>> fts_query('talks "AND( Mexico')
    '"talks"* "AND"* "Mexico"*'
    >>> fts_query("  ")
    ''
    """
    return " ".join(f'"{word}"*' for word in search_words(text))

"""A search's words are bounded, and its FTS5 query quotes each of them."""

from __future__ import annotations

import pytest

from timeline.search import fts_query


@pytest.mark.parametrize(
    ("typed", "query"),
    [("talks", '"talks"*'), ('a "b', '"a"* "b"*'), ("NOT OR", '"NOT"* "OR"*'), ("*()", "")],
)
def test_fts_query_quotes_every_word(typed: str, query: str) -> None:
    assert fts_query(typed) == query

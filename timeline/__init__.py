"""timeline: news articles in, a dataframe of dated events out, each traceable to its sentence."""

from timeline.anchor import Timex, tag_text
from timeline.articles import (
    Article,
    LoadProblem,
    LoadResult,
    combine_articles,
    load_articles,
    read_upload,
    with_published,
)
from timeline.detect import Mention, find_mentions
from timeline.events import EVENT_COLUMNS, extract_events, filter_events

__all__ = [
    "EVENT_COLUMNS",
    "Article",
    "LoadProblem",
    "LoadResult",
    "Mention",
    "Timex",
    "combine_articles",
    "extract_events",
    "filter_events",
    "find_mentions",
    "load_articles",
    "read_upload",
    "tag_text",
    "with_published",
]

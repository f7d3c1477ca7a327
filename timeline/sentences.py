"""Sentence spans with character offsets, from syntok's segmenter."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

from syntok import segmenter

Span = tuple[int, int]


def split_sentences(text: str) -> list[Span]:
    """Return (start, end) offsets of every sentence in the text, trailing white space left out.

    >>> text = "He left on Monday. She stayed.\\n\\nNew paragraph"
    >>> [text[start:end] for start, end in split_sentences(text)]
    ['He left on Monday.', 'She stayed.', 'New paragraph']
    """
    starts = [
        sentence[0].offset
        for paragraph in segmenter.analyze(text)
        for sentence in paragraph
        if sentence
    ]
    if not starts:
        return []
    # A sentence runs to the next one's first token: syntok rewrites some token values
    # (hyphenation across lines), so token lengths cannot be trusted to find the end.
    bounds = [*starts[1:], len(text)]
    return [
        (start, start + len(text[start:end].rstrip()))
        for start, end in zip(starts, bounds, strict=True)
    ]


def paragraph_spans(text: str) -> list[Span]:
    """Return (start, end) offsets of the blank-line separated paragraphs of the text.

    >>> paragraph_spans("one\\n\\ntwo")
    [(0, 3), (5, 8)]
    """
    spans = []
    start = 0
    while start <= len(text):
        end = text.find("\n\n", start)
        if end == -1:
            end = len(text)
        if text[start:end].strip():
            spans.append((start, end))
        start = end + 2
    return spans


def sentences_around(text: str, offsets: Iterable[int]) -> list[Span]:
    """Split only the paragraphs that hold one of the offsets: a cheap path for long articles.

    >>> text = "Intro.\\n\\nHe left on Monday. She stayed."
    >>> [text[start:end] for start, end in sentences_around(text, [21])]
    ['He left on Monday.', 'She stayed.']
    """
    paragraphs = paragraph_spans(text)
    paragraph_starts = [start for start, _ in paragraphs]
    wanted = sorted({bisect_right(paragraph_starts, offset) - 1 for offset in offsets})
    spans: list[Span] = []
    for index in wanted:
        if index < 0:
            continue
        start, end = paragraphs[index]
        spans.extend((start + s, start + e) for s, e in split_sentences(text[start:end]))
    return spans


def locate_sentences(spans: list[Span], offsets: Iterable[int]) -> list[Span | None]:
    """Return, for each offset, the span from a sorted list that contains it (None if none does).

    >>> locate_sentences([(0, 5), (7, 12)], [8, 6, 0])
    [(7, 12), None, (0, 5)]
    """
    starts = [start for start, _ in spans]
    found: list[Span | None] = []
    for offset in offsets:
        index = bisect_right(starts, offset) - 1
        inside = index >= 0 and spans[index][0] <= offset < spans[index][1]
        found.append(spans[index] if inside else None)
    return found

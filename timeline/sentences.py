"""Sentence spans with character offsets, from syntok's segmenter.

syntok walks a paragraph token by token, which costs as much as tagging it. `sentences_at` gets
the same spans for a few offsets without that walk: it cuts the paragraph where syntok splits
whatever came before, and runs syntok only on a stretch between two such cuts that holds a
terminal or bracket syntok might split at.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from syntok import segmenter
from syntok._segmentation_states import State

Span = tuple[int, int]

# A place where syntok splits whatever came before: a whole word or number, one terminal, maybe
# a closing quote, white space, then a capital or an opening quote. syntok decides a split from
# the token before the terminal and the tokens after it, so such a split does not depend on where
# segmenting began; the words syntok keeps a sentence going after (abbreviations such as "Corp",
# roman numerals, "no", a lone letter or digit, a number before a month) are ruled out below.
_SURE_SPLIT = re.compile(
    r"(?<![^ \t\n\r])([0-9]{1,3}(?:,[0-9]{3})+|[0-9A-Za-z]+)[.!?][\"'\u2019\u201d]?"
    r"(?=[ \t\n\r]+([A-Z][a-z]*|[`\"\u201c\u2018]))"
)
_KEEPS_GOING = State.abbreviations | State.roman_numerals | {"no", "No", "NO"}
# syntok skips over bracketed text up to this many tokens long, terminals and all.
_BRACKET_REACH = 50
_OPENING_BRACKET = re.compile("[" + re.escape("".join(sorted(State.opening_brackets))) + "]")
_BRACKET = re.compile(f"(?P<open>{_OPENING_BRACKET.pattern})|[)\\]}}]")
_CONTROL = re.compile(r"[\x1c-\x1f]")
_CHUNK = re.compile(r"[^\s\u200b]+")  # every chunk between white space gives syntok a token
# Characters that make a stretch worth handing to syntok: terminals other than ".!?;", and
# characters Python's `str.strip` and syntok's tokenizer disagree on.
_HAZARDS = re.compile(
    "["
    + re.escape("".join(sorted({c for t in State.terminals for c in t} - set(".!?;"))))
    + r"\u200b\x1c-\x1f]"
)
_ALL_BRACKETS = re.escape("".join(sorted(State.opening_brackets | State.closing_brackets)))
# A short parenthesis: syntok skips over it, terminals and all (it skips up to 50 tokens and 70
# characters, more if no sentence is inside: this one is shorter). Where a sentence's first word
# is followed by "(" syntok decides to split after the parenthesis unless a lowercase word follows
# it; further on it reads on unless another bracket follows. It does not skip "[" or "{" there.
_PARENTHESIS = re.compile(rf"\((?=[^\s{_ALL_BRACKETS}]*[^\W_])[^{_ALL_BRACKETS}]{{0,46}}\)")
_LOWERCASE_WORD = re.compile(r"[ \t\n\r]+[a-z]")
_ANY_BRACKET = re.compile(rf"\s*[{_ALL_BRACKETS}]")
_TWO_WORDS = re.compile(r"(?<!\S)[^\W_]+\s+[^\W_]+(?!\S)")  # syntok is past a first word
_TERMINAL = re.compile(r"[.!?;]")
# The rest of a stretch after its last sentence's terminals: closing quotes, then white space.
_TRAILING = re.compile(r"[.!?;]*[\"'\u2019\u201d]*\s*\Z")
# After a terminal: more terminals and a closing quote before a lowercase word, or a comma or
# colon, where syntok never splits; or two closing quotes (it reads on after a quote that is
# followed by one more without a space).
_LOWER_NEXT = re.compile(
    r"[.!?;]*[\"'\u2019\u201d]?[.!?;]*[ \t\n\r]+[a-z]|[,:]|[\"'\u2019\u201d]{2}"
)
_NEXT_WORD = re.compile(r"[ \t\n\r]+([^\W_]+)")
_AFTER_DAY = re.compile(r"[ \t\n\r]|[,;:.][ \t\n\r]|[,;:.]?\Z")
_DOTTED = re.compile(r"[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)+")
_CASE_CHANGE = re.compile(r"[a-z]\.?[A-Z]")  # where syntok's tokenizer cuts a word in two
_SYNTOK_PARAGRAPH = re.compile(r"\r?\n(?:\s*\r?\n)+")


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


# The end of a sentence inside a text: a terminal, maybe a closing quote or parenthesis, white
# space, and more text (a headline or a dateline without a full stop ends none).
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+\S")


def sentence_ends(text: str, start: int = 0, end: int | None = None) -> int:
    """How many sentences end in text[start:end] with more text after them inside it.

    >>> sentence_ends("He left. She stayed. Then"), sentence_ends("Boeing wins\\nJune 13, 2005")
    (2, 0)
    """
    return len(_SENTENCE_END.findall(text, start, len(text) if end is None else end))


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


def sentences_at(text: str, offsets: Iterable[int]) -> list[Span | None]:
    """Return, for each offset, the sentence that holds it (None if none does).

    Gives what `locate_sentences(sentences_around(text, offsets), offsets)` gives, but splits
    only the stretch between the sure sentence breaks around each offset, and leaves a stretch
    that syntok could not split anyway unsplit.

    >>> text = "Intro.\\n\\nHe left on Monday. She stayed."
    >>> [text[s:e] for s, e in sentences_at(text, [21, 0])]
    ['He left on Monday.', 'Intro.']
    """
    wanted = list(offsets)
    found: list[Span | None] = [None] * len(wanted)
    paragraphs = paragraph_spans(text)
    paragraph_starts = [start for start, _ in paragraphs]
    by_paragraph: dict[int, list[int]] = {}
    for position, offset in enumerate(wanted):
        index = bisect_right(paragraph_starts, offset) - 1
        if index >= 0:
            by_paragraph.setdefault(index, []).append(position)
    for index, positions in by_paragraph.items():
        start, end = paragraphs[index]
        paragraph = text[start:end]
        breaks = _sure_breaks(paragraph)
        ends = [sentence_end for sentence_end, _ in breaks]
        stretches: dict[int, list[int]] = {}
        for position in positions:
            stretches.setdefault(bisect_right(ends, wanted[position] - start), []).append(position)
        for stretch, held in stretches.items():
            left = breaks[stretch - 1][1] if stretch else 0
            right = breaks[stretch][0] if stretch < len(breaks) else len(paragraph)
            spans = _split_stretch(paragraph[left:right])
            holding = locate_sentences(spans, [wanted[p] - start - left for p in held])
            for position, span in zip(held, holding, strict=True):
                if span is not None:
                    found[position] = (start + left + span[0], start + left + span[1])
    return found


def _sure_breaks(paragraph: str) -> list[Span]:
    """(end of a sentence, start of the next) wherever syntok splits the paragraph for sure."""
    if _CONTROL.search(paragraph):
        return []  # Python's white space has them, syntok's has not: chunks are uncertain
    brackets = _open_brackets(paragraph)
    breaks = []
    for match in _SURE_SPLIT.finditer(paragraph):
        before = match.group(1)
        if len(before) < 2 or before in _KEEPS_GOING or _CASE_CHANGE.search(before):
            continue
        if before.isdigit() and _may_be_month(paragraph, match):
            continue
        if brackets and not _beyond_brackets(paragraph, brackets, match.start()):
            continue
        breaks.append((match.end(), match.start(2)))
    return breaks


def _open_brackets(paragraph: str) -> list[tuple[int, int, bool]]:
    """Each bracket of the paragraph, how many are open after it, and whether it opens.

    syntok skips from an opening bracket to the bracket that closes it, so a place where none
    is open lies in no skip.
    """
    depth = 0
    found = []
    for match in _BRACKET.finditer(paragraph):
        opens = match.group("open") is not None
        if opens:
            depth += 1
        elif _closes(paragraph, match.start()):
            depth = max(0, depth - 1)
        found.append((match.start(), depth, opens))
    return found


def _closes(paragraph: str, at: int) -> bool:
    """Whether syntok's tokenizer makes the ASCII closing bracket at `at` a token of its own.

    It does in a chunk that holds a letter or digit, or alone; a chunk such as ")." is one token.
    """
    start = at
    while start and not (paragraph[start - 1].isspace() or paragraph[start - 1] == "\u200b"):
        start -= 1
    chunk = _CHUNK.match(paragraph, start)
    if chunk is None:
        return False
    text = chunk.group()
    return len(text) == 1 or any(c.isalnum() for c in text)


def _may_be_month(paragraph: str, match: re.Match[str]) -> bool:
    """Whether the token after the break can be a month abbreviation (syntok joins "5. Mar")."""
    end = match.end(2)
    return match.group(2) in State.months or (end < len(paragraph) and paragraph[end].isalnum())


def _beyond_brackets(paragraph: str, brackets: list[tuple[int, int, bool]], position: int) -> bool:
    """Whether no bracketed text syntok may skip over reaches `position`."""
    index = bisect_left(brackets, (position,))
    if not index or not brackets[index - 1][1]:
        return True
    last_open = max(at for at, _, opens in brackets[:index] if opens)
    chunks = _CHUNK.finditer(paragraph, last_open, position)
    return sum(1 for _ in zip(range(_BRACKET_REACH + 2), chunks, strict=False)) > _BRACKET_REACH + 1


def _split_stretch(stretch: str) -> list[Span]:
    """Sentences of a stretch between sure breaks: one, unless syntok might split it."""
    if _unsplittable(stretch):
        stripped = stretch.strip()
        if not stripped:
            return []
        first = len(stretch) - len(stretch.lstrip())
        return [(first, first + len(stripped))]
    return split_sentences(stretch)


def _unsplittable(stretch: str) -> bool:
    """Whether syntok, segmenting from the start of `stretch`, splits it nowhere.

    Each opening bracket must open a parenthesis syntok skips, and each terminal outside one
    must be inside a token, end the stretch, or stand where syntok keeps the sentence going
    whatever came before: before a lowercase word, after an abbreviation, a month before a day,
    a dotted word ("U.S.") or an initial before a word that cannot start a sentence.
    """
    if _HAZARDS.search(stretch) or ("\n" in stretch and _SYNTOK_PARAGRAPH.search(stretch)):
        return False
    skipped = [(0, 0)]
    for bracket in _OPENING_BRACKET.finditer(stretch):
        group = _PARENTHESIS.match(stretch, bracket.start())
        if (
            group is None
            or bracket.start() < skipped[-1][1]
            or not _closes(stretch, group.end() - 1)
        ):
            return False
        reads_on = _LOWERCASE_WORD.match(stretch, group.end()) is not None or (
            _TWO_WORDS.search(stretch[: skipped[1][0] if len(skipped) > 1 else bracket.start()])
            is not None
            and _ANY_BRACKET.match(stretch, group.end()) is None
        )
        if not reads_on:
            return False
        skipped.append(group.span())
    return all(
        _keeps_going(stretch, m.start())
        for start, end in zip(skipped, [*skipped[1:], (len(stretch), 0)], strict=True)
        for m in _TERMINAL.finditer(stretch, start[1], end[0])
    )


def _keeps_going(text: str, at: int) -> bool:
    """Whether syntok does not split after the terminal character at `at`."""
    before = text[at - 1] if at else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    if text[at] != ";" and before.isalnum() and after.isalnum():
        return not (before.islower() and after.isupper())  # "U.S" is one token, "end.The" two
    if _TRAILING.match(text, at) or _LOWER_NEXT.match(text, at + 1):
        return True
    following = _NEXT_WORD.match(text, at + 1)
    if text[at] != "." or following is None:
        return False
    start = at
    while start and not text[start - 1].isspace():
        start -= 1
    word, next_word = text[start:at], following.group(1)
    if (start and text[start - 1] not in " \t\n\r") or _CASE_CHANGE.search(word):
        return False
    if word in State.months and next_word.isdigit() and next_word.isascii():
        return _AFTER_DAY.match(text, following.end()) is not None
    starts_sentence = _first_token(next_word) in State.starters
    kept_by = (
        word in State.abbreviations
        or word in State.roman_numerals
        or (len(word) == 1 and "A" <= word <= "Z")
        or _DOTTED.fullmatch(word) is not None
    )
    return kept_by and not starts_sentence


def _first_token(word: str) -> str:
    """The first token syntok's tokenizer makes of a word: it cuts where lowercase meets upper."""
    for at in range(1, len(word)):
        if word[at - 1].islower() and word[at].isupper():
            return word[:at]
    return word


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

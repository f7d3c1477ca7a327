"""Text from outside (article content, file names, header values) made safe for where it goes:
valid Unicode for SQLite, Arrow and JSON; one honest line on a terminal; literal Markdown.

HTML escaping lives in `snippets.escape`; this module covers the other outputs.
"""

from __future__ import annotations

import re

# Lone surrogates: JSON's "\\ud800" escapes and YAML's decode to them, and a file name that is
# not UTF-8 holds them for its undecodable bytes (U+DC80-U+DCFF, Python's "surrogateescape").
# UTF-8 encoders (SQLite, Arrow, a terminal) refuse them.
_SURROGATE = re.compile("[\ud800-\udfff]")
# What can break or forge a line of output: C0/C1 controls (newlines, escape sequences), line
# and paragraph separators, bidirectional overrides that reorder what is shown, surrogates.
_NOT_ONE_LINE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_MARKDOWN_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character
# Where GitHub-flavoured Markdown makes a link of plain text (after escapes are resolved, so a
# backslash cannot stop it): "http://", "www.", "user@host". A word joiner (U+2060, invisible)
# before the ":", "." or "@" breaks the pattern and shows the same.
_AUTOLINK = re.compile(r"(?i)(?<![^\W_])(https?|ftp|www)(?=[:.])|(?=@)")
_BACKTICKS = re.compile("`+")


def valid_unicode(text: str) -> str:
    """Return the text with each lone surrogate replaced by U+FFFD: same length, so offsets
    into it stay true, and encodable as UTF-8.

    >>> valid_unicode("Talks \\ud800 Monday")
    'Talks \\ufffd Monday'
    """
    if _SURROGATE.search(text) is None:
        return text
    return _SURROGATE.sub("\ufffd", text)


def one_line(text: str) -> str:
    """Return text (a file name, a message quoting a file) as one printable line: controls,
    separators and bidi overrides as escapes, a non-UTF-8 name's bytes as \\xNN.

    >>> print(one_line("a\\nforged.txt: fine\\x1b[2K"))
    a\\nforged.txt: fine\\x1b[2K
    >>> print(one_line("bad\\udcff.txt"), one_line("\\u202etxt.exe"))
    bad\\xff.txt \\u202etxt.exe
    """
    return _NOT_ONE_LINE.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    character = match.group()
    if "\udc80" <= character <= "\udcff":  # a byte os.fsdecode could not decode
        return f"\\x{ord(character) - 0xDC00:02x}"
    return character.encode("unicode_escape", "backslashreplace").decode("ascii")


def markdown_text(text: str) -> str:
    """Return text that Markdown (Streamlit's included) shows literally, on one line: no link,
    image, emphasis, heading, list or HTML can come out of it.

    >>> print(markdown_text("![y](http://x/a.png) *x*").replace("\u2060", "|"))
    \\!\\[y\\]\\(http|\\:\\/\\/x\\/a\\.png\\) \\*x\\*
    """
    unlinked = _AUTOLINK.sub(lambda match: (match.group(1) or "") + "\u2060", one_line(text))
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", unlinked)


def markdown_code(text: str) -> str:
    """Return text as a Markdown code span, whatever backticks it holds (CommonMark: the fence
    is longer than any run inside); nothing in a code span is parsed.

    >>> print(markdown_code("a`b"), markdown_code("[x](javascript:alert(1))"))
    ``a`b`` `[x](javascript:alert(1))`
    """
    line = one_line(text)
    fence = "`" * (max((len(run) for run in _BACKTICKS.findall(line)), default=0) + 1)
    pad = " " if line.startswith("`") or line.endswith("`") else ""
    return f"{fence}{pad}{line}{pad}{fence}"

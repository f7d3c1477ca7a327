"""Untrusted text made safe for each output: the same length in Unicode, one line on a terminal,
literal in Markdown."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.untrusted import markdown_code, markdown_text, one_line, valid_unicode

anything = st.text(st.one_of(st.characters(categories=["Cs"]), st.characters()))


@given(anything)
def test_valid_unicode_keeps_length_and_encodes(text: str) -> None:
    cleaned = valid_unicode(text)
    assert len(cleaned) == len(text)
    cleaned.encode("utf-8")
    assert [a for a, b in zip(text, cleaned, strict=True) if a != b] == re.findall(
        "[\ud800-\udfff]", text
    )


@given(anything)
def test_one_line_is_one_printable_line(text: str) -> None:
    line = one_line(text)
    line.encode("utf-8")
    assert len(line.splitlines()) <= 1
    assert not re.search("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", line)


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("plain.txt", "plain.txt"),
        ("café.txt", "café.txt"),
        ("bad\udcff.txt", "bad\\xff.txt"),  # os.fsdecode of b"bad\xff.txt"
        ("a\nforged: line", "a\\nforged: line"),
        ("a\r\x1b[2Kb", "a\\r\\x1b[2Kb"),
        ("\u202etxt.exe", "\\u202etxt.exe"),
        ("lone\ud800", "lone\\ud800"),
    ],
    ids=["plain", "accent", "undecodable", "newline", "escape-sequence", "bidi", "surrogate"],
)
def test_one_line_writes_escapes(name: str, shown: str) -> None:
    assert one_line(name) == shown


@pytest.mark.parametrize(
    "payload",
    [
        "![y](http://127.0.0.1:9/fm.png)",
        "[click](javascript:alert(1))",
        "<img src=x onerror=alert(1)>",
        "# heading",
        "- item",
        "1. item",
        "> quote",
        "**bold** _it_ ~~gone~~",
        ":red[alarm] :material/home:",
        "$x^2$",
        "see www.example.org or mail me@example.org",
    ],
)
def test_markdown_text_leaves_no_markup(payload: str) -> None:
    escaped = markdown_text(payload)
    assert not re.search(r"[!-/:-@\[-`{-~]", re.sub(r"\\.", "", escaped))  # each one escaped
    assert not re.search(r"(?i)https?\\:|www\\\.|\w\\@", escaped)  # no bare autolink left
    assert re.sub(r"\\(.)", r"\1", escaped).replace("\u2060", "") == payload


@pytest.mark.parametrize(
    ("text", "span"),
    [("a.txt", "`a.txt`"), ("a`b", "``a`b``"), ("``x", "``` ``x ```"), ("a\nb", "`a\\nb`")],
)
def test_markdown_code_fences_past_any_backticks(text: str, span: str) -> None:
    assert markdown_code(text) == span

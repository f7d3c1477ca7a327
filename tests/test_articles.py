"""Loading articles: decoding, headers, titles, publication dates, and every kind of bad input."""

from __future__ import annotations

import codecs
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline import articles
from timeline.articles import (
    Article,
    LoadProblem,
    LoadResult,
    RealPaths,
    combine_articles,
    infer_published,
    load_articles,
    read_upload,
    with_published,
)

DATA = Path(__file__).resolve().parent.parent / "data"
MEXICO = DATA / "2017-02-22_mexico-rejects-unilateral-us-directives.txt"
MEMO = DATA / "2017-02-22_trump-immigration-memo-angers-mexico.txt"

MONTHS = "January February March April May June July August September October November December"
MONTH_NUMBER = {name: n for n, name in enumerate(MONTHS.split(), 1)}
FAKE_DATE = re.compile(rf"\b({'|'.join(MONTH_NUMBER)}) (\d{{1,2}}), (\d{{4}})\b")


@dataclass(frozen=True)
class FakeTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


def fake_tag(text: str, reference: date | None) -> Sequence[FakeTimex]:
    """A tiny stand-in for anchor.tag_text: full dates "February 22, 2017" and a weekday."""
    found = [
        FakeTimex(
            m.start(), m.end(), m[0], "DATE", f"{m[3]}-{MONTH_NUMBER[m[1]]:02d}-{int(m[2]):02d}"
        )
        for m in FAKE_DATE.finditer(text)
    ]
    found += [
        FakeTimex(m.start(), m.end(), m[0], "DATE", "XXXX-WXX-3")
        for m in re.finditer(r"\bWednesday\b", text)
    ]
    return sorted(found, key=lambda t: t.start)


def upload(name: str, data: bytes, **options: int) -> LoadResult:
    return read_upload(name, data, tag=fake_tag, **options)


def only_article(result: LoadResult) -> Article:
    assert len(result.articles) == 1, result
    return result.articles[0]


def messages(result: LoadResult) -> list[str]:
    return [problem.message for problem in result.problems]


def assert_honest(result: LoadResult) -> None:
    """Invariants of every load: LF-only text, unique ids, one-line problem messages."""
    for article in result.articles:
        assert "\r" not in article.text
        assert article.text.strip()
        assert article.title and "\n" not in article.title
        assert article.published_from in ("header", "unknown") or article.published_from.startswith(
            "inferred: "
        )
        assert (article.published is None) == (article.published_from == "unknown")
    ids = [article.id for article in result.articles]
    assert len(ids) == len(set(ids))
    for problem in result.problems:
        assert problem.path and problem.message and "\n" not in problem.message


# -- the two samples --------------------------------------------------------------------------


@pytest.mark.parametrize("tag", ["fake", "real"])
def test_samples(tag: str) -> None:
    options = {"tag": fake_tag} if tag == "fake" else {}
    result = load_articles([DATA], **options)
    assert_honest(result)
    assert result.problems == []
    mexico, memo = result.articles

    assert mexico.id == "2017-02-22_mexico-rejects-unilateral-us-directives"
    assert mexico.text == MEXICO.read_text(encoding="utf-8").removeprefix(" date 2017-02-22 ")
    assert mexico.text.startswith("Mexico is not happy — actually, angry — about")
    assert (mexico.published, mexico.published_from) == (date(2017, 2, 22), "header")
    assert mexico.title == "Mexico is not happy — actually, angry — about President…"
    assert mexico.source == MEXICO.name
    assert mexico.path == str(DATA / MEXICO.name)

    assert memo.id == "2017-02-22_trump-immigration-memo-angers-mexico"
    assert memo.text == MEMO.read_text(encoding="utf-8")  # no header: nothing removed
    assert memo.published == date(2017, 2, 22)
    assert memo.published_from == "inferred: caption 'February 22, 2017'"
    assert memo.title == (
        "Trump Immigration Memo Angers Mexico, But Don’t Worry, the Relationship Is ‘Phenomenal’"
    )
    assert memo.source == MEMO.name


def test_upload_of_a_sample_matches_the_file() -> None:
    loaded = only_article(load_articles([MEXICO], tag=fake_tag))
    uploaded = only_article(upload(MEXICO.name, MEXICO.read_bytes()))
    assert uploaded == Article(**{**loaded.__dict__, "path": ""})


# -- decoding ---------------------------------------------------------------------------------

SMART = "Pe\u00f1a Nieto said \u201cno\u201d \u2014 it\u2019s final, on February 22, 2017."

DECODING = [
    # id, bytes, expected text, expected problem (prefix) or None
    ("utf8", SMART.encode("utf-8"), SMART, None),
    ("utf8-bom", codecs.BOM_UTF8 + SMART.encode("utf-8"), SMART, None),
    ("utf16-le-bom", SMART.encode("utf-16"), SMART, None),
    ("utf16-be-bom", codecs.BOM_UTF16_BE + SMART.encode("utf-16-be"), SMART, None),
    ("cp1252-smart-quotes", SMART.encode("cp1252"), SMART, "decoded as cp1252"),
    (
        "latin-1",
        "Le ministre a d\u00e9clar\u00e9 que Pe\u00f1a Nieto viendra.".encode("latin-1"),
        "Le ministre a d\u00e9clar\u00e9 que Pe\u00f1a Nieto viendra.",
        "decoded as cp1252",
    ),
    (
        "latin-1-short",
        "Pe\u00f1a said no.".encode("latin-1"),
        "Pe\u00f1a said no.",
        "decoded as cp1252",
    ),
    (
        "cp1251-not-forced-to-cp1252",
        "Президент заявил, что переговоры продолжатся в среду.".encode("cp1251"),
        "Президент заявил, что переговоры продолжатся в среду.",
        "decoded as cp1251",
    ),
    (
        "crlf",
        b"Title line\r\n\r\nBody one.\r\nBody two.",
        "Title line\n\nBody one.\nBody two.",
        None,
    ),
    ("cr", b"Title line\r\rBody.", "Title line\n\nBody.", None),
    (
        "controls-and-zero-width-kept",
        "Talks\u200b resume\x07 today.".encode(),
        "Talks\u200b resume\x07 today.",
        None,
    ),
]


@pytest.mark.parametrize(
    ("data", "text", "problem"),
    [case[1:] for case in DECODING],
    ids=[case[0] for case in DECODING],
)
def test_decoding(data: bytes, text: str, problem: str | None) -> None:
    result = upload("a.txt", data)
    assert_honest(result)
    assert only_article(result).text == text
    if problem is None:
        assert result.problems == []
    else:
        (message,) = messages(result)
        assert message.startswith(problem)


def test_title_is_cleaned_but_text_kept() -> None:
    article = only_article(upload("a.txt", "Talks\u200b\x07 resume\n\nThey met.".encode()))
    assert article.title == "Talks resume"
    assert article.text == "Talks\u200b\x07 resume\n\nThey met."


# -- files that cannot be used ----------------------------------------------------------------

UNUSABLE = [
    # id, file name, bytes, message (prefix)
    (
        "binary-nul",
        "a.txt",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "not a text file (binary content)",
    ),
    ("binary-controls", "a.txt", bytes(range(1, 32)) * 20, "not a text file (binary content)"),
    ("empty", "a.txt", b"", "empty file"),
    ("only-whitespace", "a.md", b" \r\n\t\n", "empty file (only whitespace)"),
    ("unsupported-type", "a.pdf", b"%PDF-1.4", "unsupported file type '.pdf'"),
    ("no-extension", "README", b"Talks.", "unsupported file type (no extension)"),
    ("header-only", "a.txt", b"date 2017-02-22", "no article text after the header"),
    ("html-only-script", "a.html", b"<html><script>alert(1)</script></html>", "no article text"),
    ("json-invalid", "a.json", b'{"text": "x",\n "title": }', "invalid JSON (line 2"),
    ("json-empty-list", "a.json", b"[]", "no articles in the JSON list"),
    (
        "utf16-odd-bytes",
        "a.txt",
        codecs.BOM_UTF16_LE + b"a\x00b",
        "not a text file (invalid utf-16",
    ),
]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [case[1:] for case in UNUSABLE],
    ids=[case[0] for case in UNUSABLE],
)
def test_unusable_files_are_one_problem(name: str, data: bytes, message: str) -> None:
    result = upload(name, data)
    assert result.articles == []
    assert result.problems[-1].path == name
    assert result.problems[-1].message.startswith(message)


def test_size_cap(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"Talks resume. " * 100)
    result = load_articles([big], max_bytes=1000, tag=fake_tag)
    assert result.articles == []
    assert messages(result) == ["too large (1.4 KB; the limit is 1000 bytes)"]
    assert messages(upload("big.txt", b"x" * 1001, max_bytes=1000))[0].startswith("too large")


def test_default_cap_is_20_mb(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(25 * 1024 * 1024)  # sparse: nothing written
    assert messages(load_articles([big], tag=fake_tag)) == ["too large (25 MB; the limit is 20 MB)"]


# -- headers ----------------------------------------------------------------------------------

HEADERS = [
    # id, file name, content, text, published, published_from, title, source, url, problems
    (
        "inline-date",
        "a.txt",
        " date 2017-02-22 Mexico is not happy. It met on Wednesday.",
        "Mexico is not happy. It met on Wednesday.",
        date(2017, 2, 22),
        "header",
        "Mexico is not happy. It met on Wednesday.",
        "a.txt",
        "",
        [],
    ),
    (
        "inline-basic-iso",
        "a.txt",
        "date 20170222 Talks resume",
        "Talks resume",
        date(2017, 2, 22),
        "header",
        "Talks resume",
        "a.txt",
        "",
        [],
    ),
    (
        "inline-date-and-url",
        "a.txt",
        "Date 2017/02/22 url https://example.com/a Talks resume.",
        "Talks resume.",
        date(2017, 2, 22),
        "header",
        "Talks resume.",
        "example.com",  # the outlet of its address
        "https://example.com/a",
        [],
    ),
    (
        "inline-bad-date-inferred",
        "a.txt",
        "date 2017-13-45 Talks\nMEXICO CITY (AP) — February 21, 2017 — Talks resume.",
        "Talks\nMEXICO CITY (AP) — February 21, 2017 — Talks resume.",
        date(2017, 2, 21),
        "inferred: dateline 'February 21, 2017'",
        "Talks",
        "AP",  # credited in the dateline
        "",
        ["malformed header date '2017-13-45'"],
    ),
    (
        "inline-bad-date-unknown",
        "a.txt",
        "date 2017-13-45 Talks resume Wednesday.",
        "Talks resume Wednesday.",
        None,
        "unknown",
        "Talks resume Wednesday.",
        "a.txt",
        "",
        ["malformed header date '2017-13-45'"],
    ),
    (
        "inline-month-only",
        "a.txt",
        "date 2017-02-01x Talks.",
        "date 2017-02-01x Talks.",
        None,
        "unknown",
        "date 2017-02-01x Talks.",
        "a.txt",
        "",
        [],
    ),
    (
        "not-a-header-date-night",
        "a.txt",
        "Date night at the White House",
        "Date night at the White House",
        None,
        "unknown",
        "Date night at the White House",
        "a.txt",
        "",
        [],
    ),
    (
        "key-value-lines",
        "a.txt",
        "Title:  Talks  resume \nSource: Reuters\nAuthor: J. Doe\ndate: February 22, 2017\n"
        "URL: https://example.com/talks\n\nTalks resume.\nThey met.",
        "Talks resume.\nThey met.",
        date(2017, 2, 22),
        "header",
        "Talks resume",
        "Reuters",
        "https://example.com/talks",
        [],
    ),
    (
        "key-value-month-only",
        "a.txt",
        "Date: 2017-02\n\nTalks resume.",
        "Talks resume.",
        None,
        "unknown",
        "Talks resume.",
        "a.txt",
        "",
        ["malformed header date '2017-02' (not a full day)"],
    ),
    (
        "key-value-relative-rejected",
        "a.txt",
        "Date: yesterday 2017\n\nTalks resume.",
        "Talks resume.",
        None,
        "unknown",
        "Talks resume.",
        "a.txt",
        "",
        ["malformed header date 'yesterday 2017'"],
    ),
    (
        "not-a-header-line",
        "a.txt",
        "Note: talks resume.\nThey met.",
        "Note: talks resume.\nThey met.",
        None,
        "unknown",
        "Note: talks resume. They met.",
        "a.txt",
        "",
        [],
    ),
    (
        "front-matter",
        "a.md",
        "---\ntitle: Talks resume\ndate: 2017-02-22\nsource: AP\ntags: [a, b]\n---\n\n# Talks\n",
        "# Talks\n",
        date(2017, 2, 22),
        "header",
        "Talks resume",
        "AP",
        "",
        [],
    ),
    (
        "front-matter-basic-date",
        "a.md",
        "---\ndate: 20170222\n---\n# Talks *resume*\n\nBody.",
        "# Talks *resume*\n\nBody.",
        date(2017, 2, 22),
        "header",
        "Talks *resume*",
        "a.md",
        "",
        [],
    ),
    (
        "front-matter-bad-date",
        "a.md",
        "---\ndate: 2017-13-45\n---\nBody on February 22, 2017.",
        "Body on February 22, 2017.",
        date(2017, 2, 22),
        "inferred: first full date 'February 22, 2017'",
        "Body on February 22, 2017.",
        "a.md",
        "",
        ["malformed header date '2017-13-45'"],
    ),
    (
        "front-matter-invalid-yaml-kept",
        "a.md",
        "---\ntitle: [unclosed\n---\nBody.",
        "---\ntitle: [unclosed\n---\nBody.",
        None,
        "unknown",
        "---",
        "a.md",
        "",
        ["front matter is not valid YAML (line 3); kept in the text"],
    ),
]


@pytest.mark.parametrize(
    (
        "name",
        "content",
        "text",
        "published",
        "published_from",
        "title",
        "source",
        "url",
        "problems",
    ),
    [case[1:] for case in HEADERS],
    ids=[case[0] for case in HEADERS],
)
def test_headers(
    name: str,
    content: str,
    text: str,
    published: date | None,
    published_from: str,
    title: str,
    source: str,
    url: str,
    problems: list[str],
) -> None:
    result = upload(name, content.encode())
    assert_honest(result)
    article = only_article(result)
    assert article.text == text
    assert (article.published, article.published_from) == (published, published_from)
    assert (article.title, article.source, article.url) == (title, source, url)
    assert messages(result) == problems


# -- titles -----------------------------------------------------------------------------------

TITLES = [
    ("headline-line", "Talks Resume, Finally\n\nThey met.", "Talks Resume, Finally"),
    ("question-headline", "Will talks resume?\nThey met.", "Will talks resume?"),
    (
        "sentence-first-line",
        "They met on the border. It rained.",
        "They met on the border. It rained.",
    ),
    (
        "long-first-line",
        "One two three four five six seven eight nine ten eleven twelve.",
        "One two three four five six seven eight nine ten…",
    ),
    ("markdown-heading", "## Talks resume\n\nBody.", "## Talks resume"),
]


@pytest.mark.parametrize(("content", "title"), [c[1:] for c in TITLES], ids=[c[0] for c in TITLES])
def test_titles(content: str, title: str) -> None:
    assert only_article(upload("a.txt", content.encode())).title == title


def test_markdown_heading_title() -> None:
    assert only_article(upload("a.md", b"## Talks resume\n\nBody.")).title == "Talks resume"


# -- publication-date inference ---------------------------------------------------------------

INFERENCE = [
    # id, text, published, published_from
    (
        "dateline-beats-caption",
        "Talks\nPhoto: AP, on February 20, 2017.\nWASHINGTON (AP) — February 21, 2017 — Talks.",
        date(2017, 2, 21),
        "inferred: dateline 'February 21, 2017'",
    ),
    (
        "byline-beats-caption",
        "Talks\nPhoto taken February 20, 2017. Getty Images\n"
        "By Jane Doe | February 21, 2017\nText.",
        date(2017, 2, 21),
        "inferred: byline 'February 21, 2017'",
    ),
    (
        "published-line",
        "Talks\nPublished February 21, 2017\nText from February 2, 2016.",
        date(2017, 2, 21),
        "inferred: byline 'February 21, 2017'",
    ),
    (
        "caption-beats-first-date",
        "On February 1, 2017 talks began.\n"
        "A border crossing on February 22, 2017. Photo: AP\nText.",
        date(2017, 2, 22),
        "inferred: caption 'February 22, 2017'",
    ),
    (
        "by-a-date-is-no-byline",
        "Talks\nBy February 22, 2017, the law applies.\nOn February 23, 2017 it began. Photo: AP",
        date(2017, 2, 23),
        "inferred: caption 'February 23, 2017'",
    ),
    (
        "a-word-is-no-dateline",
        "A February 22, 2017 meeting.\nIt ended on February 23, 2017.",
        date(2017, 2, 22),
        "inferred: first full date 'February 22, 2017'",
    ),
    (
        "first-full-date",
        "They met Wednesday.\nThe deal of February 22, 2017 and of March 1, 2017 stands.",
        date(2017, 2, 22),
        "inferred: first full date 'February 22, 2017'",
    ),
    ("only-relative", "They met Wednesday.", None, "unknown"),
    ("too-far-down", "Talks.\n" + "x" * 1400 + "\nFebruary 22, 2017", None, "unknown"),
    ("invalid-calendar-day", "On February 30, 2017 nothing.", None, "unknown"),
]


@pytest.mark.parametrize(
    ("text", "published", "published_from"),
    [case[1:] for case in INFERENCE],
    ids=[case[0] for case in INFERENCE],
)
@pytest.mark.parametrize("tagger", ["fake", "real"])
def test_infer_published(
    tagger: str, text: str, published: date | None, published_from: str
) -> None:
    if tagger == "real":
        assert infer_published(text) == (published, published_from)
    else:
        assert infer_published(text, fake_tag) == (published, published_from)


def test_inference_with_the_real_tagger() -> None:
    text = "Talks\n\nMEXICO CITY (AP) — Feb. 22, 2017 — Talks resumed Wednesday."
    assert infer_published(text) == (date(2017, 2, 22), "inferred: dateline 'Feb. 22, 2017'")
    assert infer_published("They met on Wednesday, two days ago.") == (None, "unknown")


# -- HTML -------------------------------------------------------------------------------------

HOSTILE_HTML = """<!doctype html><html><head><meta charset="utf-8">
<title>Mexico rejects directives | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2017-02-22T10:00:00Z">
<script>alert(1)</script></head>
<body><nav>Home | World</nav><article><h1>Mexico rejects directives</h1>
<p>Mexican Foreign Minister Luis Videgaray vowed Wednesday that Mexico will not accept them.</p>
<p>He said <img src=x onerror=alert(1)> the talks on Thursday &lt;b&gt; would be hard.</p>
<script>document.write("evil")</script></article></body></html>"""


def test_html_text_and_metadata() -> None:
    result = upload("page.html", HOSTILE_HTML.encode())
    assert_honest(result)
    article = only_article(result)
    assert "Videgaray vowed Wednesday" in article.text
    assert "alert" not in article.text and "evil" not in article.text
    assert "onerror" not in article.text
    assert "<b>" in article.text  # escaped text in the page is text, kept literally
    assert article.title == "Mexico rejects directives"
    assert article.source == "Example News"
    assert (article.published, article.published_from) == (date(2017, 2, 22), "header")
    assert article.id == "page"


def test_large_html_gets_plain_block_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(articles, "HTML_FULL_EXTRACTION_CHARS", 100)
    result = upload("big.html", HOSTILE_HTML.encode())
    assert_honest(result)
    article = only_article(result)
    assert article.title == "Mexico rejects directives | Example News"
    assert article.text.split("\n") == [
        "Home | World",
        "Mexico rejects directives",
        "Mexican Foreign Minister Luis Videgaray vowed Wednesday that Mexico will not accept them.",
        "He said the talks on Thursday <b> would be hard.",
    ]
    size = len(HOSTILE_HTML.encode())
    assert messages(result) == [
        f"large HTML page ({size} bytes): text kept without boilerplate removal"
    ]


def test_html_without_metadata_infers_the_date() -> None:
    page = b"<html><body><p>WASHINGTON (AP) \xe2\x80\x94 February 21, 2017 \xe2\x80\x94 Talks.</p>"
    article = only_article(upload("page.htm", page))
    assert article.published_from == "inferred: dateline 'February 21, 2017'"
    assert article.source == "AP"  # no site name in the page: the dateline's credit


# -- JSON and JSON lines ----------------------------------------------------------------------


def test_jsonl_bad_lines_do_not_stop_the_others(tmp_path: Path) -> None:
    lines = [
        {"title": "One", "text": "Talks resume.", "published": "2017-02-22", "source": "AP"},
        '{"title": "Two", "text": ',
        {"title": "Three", "published": "2017-02-22"},
        ["not", "an", "object"],
        "",
        {"text": "On February 21, 2017 they met.", "url": "https://example.com/5"},
        {"text": "Four.", "published": "2017-13-45"},
        {"text": 5},
        {"text": "  "},
        {"body": "Body alias.\r\nSecond line.", "date": "Feb 20, 2017", "headline": "Alias"},
    ]
    dump = tmp_path / "dump.jsonl"
    dump.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines))
    result = load_articles([dump], tag=fake_tag)
    assert_honest(result)
    got = [(a.id, a.title, a.source, a.published, a.published_from) for a in result.articles]
    assert got == [
        ("dump#1", "One", "AP", date(2017, 2, 22), "header"),
        (
            "dump#6",
            "On February 21, 2017 they met.",
            "example.com",  # the outlet of its url
            date(2017, 2, 21),
            "inferred: first full date 'February 21, 2017'",
        ),
        ("dump#7", "Four.", "dump.jsonl", None, "unknown"),
        ("dump#10", "Alias", "dump.jsonl", date(2017, 2, 20), "header"),
    ]
    assert result.articles[1].url == "https://example.com/5"
    assert result.articles[3].text == "Body alias.\nSecond line."
    assert [p.path for p in result.problems] == [str(dump)] * 6
    assert messages(result) == [
        "line 2: invalid JSON (Expecting value at column 26)",
        "line 3: missing field 'text'",
        "line 4: not a JSON object",
        "line 7: malformed date '2017-13-45' in field 'published'",
        "line 8: field 'text' is not a string",
        "line 9: empty text",
    ]


def test_json_lines_saved_as_json() -> None:
    result = upload("dump.json", b'{"text": "One."}\n{"text": "Two."}\n')
    assert [(a.id, a.text) for a in result.articles] == [("dump#1", "One."), ("dump#2", "Two.")]


def test_json_object_and_list() -> None:
    one = only_article(upload("a.json", json.dumps({"text": "Talks.", "title": "T"}).encode()))
    assert (one.id, one.title, one.text) == ("a", "T", "Talks.")
    listed = upload("b.json", json.dumps([{"text": "One."}, {"title": "no text"}]).encode())
    assert [a.id for a in listed.articles] == ["b#1"]
    assert messages(listed) == ["record 2: missing field 'text'"]


# -- folders, paths and uploads ---------------------------------------------------------------


def test_folder_with_one_bad_file_loads_all_the_good_ones(tmp_path: Path) -> None:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    (tmp_path / "b.txt").write_text("date 2017-02-22 Bravo.")
    (tmp_path / "a.md").write_text("# Alpha\n\nAlpha on February 21, 2017.")
    (tmp_path / "sub" / "c.html").write_text("<html><body><article><p>Charlie.</p></article>")
    (tmp_path / "sub" / "deeper" / "d.jsonl").write_text('{"text": "Delta."}\n{"text": "Echo."}')
    (tmp_path / "sub" / "bad.txt").write_bytes(b"\x00\x01binary")
    (tmp_path / "sub" / "empty.txt").write_bytes(b"")
    (tmp_path / "a.txt").write_text("Alpha again.")  # same stem as a.md
    (tmp_path / ".hidden.txt").write_text("Hidden.")
    (tmp_path / ".git" / "x.txt").write_text("Hidden folder.")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")  # not a known type: not looked at
    result = load_articles([tmp_path], tag=fake_tag)
    assert_honest(result)
    assert [a.id for a in result.articles] == ["a", "a-2", "b", "c", "d#1", "d#2"]
    assert [a.title for a in result.articles][:3] == ["Alpha", "Alpha again.", "Bravo."]
    assert [(Path(p.path).name, p.message) for p in result.problems] == [
        ("bad.txt", "not a text file (binary content)"),
        ("empty.txt", "empty file"),
    ]


def test_paths_that_are_missing_repeated_or_links_outside(tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("Outside the folder.")
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("Inside.")
    (folder / "link.txt").symlink_to(outside)
    result = load_articles([folder, folder / "a.txt", tmp_path / "missing.txt"], tag=fake_tag)
    assert [a.text for a in result.articles] == ["Inside."]  # a.txt once, the link never read
    assert [(Path(p.path).name, p.message) for p in result.problems] == [
        ("link.txt", "skipped: a link to a file outside the folder"),
        ("missing.txt", "no such file or folder"),
    ]


def test_link_loops_and_same_file_by_two_names(tmp_path: Path) -> None:
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "a.txt").write_text("Alpha.")
    (tmp_path / "alias.txt").symlink_to(tmp_path / "a.txt")
    result = load_articles([tmp_path / "a.txt", tmp_path / "alias.txt", tmp_path], tag=fake_tag)
    assert [a.id for a in result.articles] == ["a"]
    assert [(Path(p.path).name, p.message) for p in result.problems] == [
        ("loop.txt", "not a regular file")
    ]


def test_real_paths_agree_with_realpath(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.txt").write_text("Alpha.")
    (tmp_path / "linked").symlink_to(tmp_path / "real")
    (tmp_path / "real" / "alias.txt").symlink_to(tmp_path / "real" / "a.txt")
    monkeypatch.chdir(tmp_path)
    paths = [
        tmp_path / "real" / "a.txt",
        tmp_path / "linked" / "a.txt",  # through a linked folder
        tmp_path / "real" / "alias.txt",  # a linked file
        tmp_path / "real" / ".." / "real" / "a.txt",
        Path("linked") / "missing.txt",  # relative, and not there
        "a.txt",
        tmp_path / "linked",
        str(tmp_path / "real") + "/",
    ]
    real_path = RealPaths()
    assert [real_path(p) for p in paths * 2] == [os.path.realpath(p) for p in paths * 2]


def test_unreadable_and_special_files(tmp_path: Path) -> None:
    result = load_articles([tmp_path / "x.txt", "/dev/null"], tag=fake_tag)
    assert messages(result) == ["no such file or folder", "not a regular file"]


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("../../etc/passwd.txt", "passwd.txt"),
        ("C:\\Users\\me\\talks.txt", "talks.txt"),
        ("/abs/path/talks.md", "talks.md"),
        ("..", "upload"),
        ("bad\x00na\u200bme.txt", "badname.txt"),
    ],
)
def test_upload_names_are_never_paths(name: str, shown: str) -> None:
    result = read_upload(name, b"Talks resume.", tag=fake_tag)
    if result.articles:
        assert result.articles[0].source == shown
        assert result.articles[0].path == ""
    else:
        assert result.problems[0].path == shown


def test_upload_ids_are_unique_within_a_file() -> None:
    data = json.dumps([{"text": "One."}, {"text": "Two."}]).encode()
    assert [a.id for a in upload("x.json", data).articles] == ["x#1", "x#2"]


def test_with_published() -> None:
    article = only_article(upload("a.txt", b"Talks resume Wednesday."))
    fixed = with_published(article, date(2017, 2, 22))
    assert (fixed.published, fixed.published_from) == (date(2017, 2, 22), "user")
    assert fixed.text == article.text and article.published is None


def test_a_crash_inside_becomes_a_problem() -> None:
    def broken(text: str, reference: date | None) -> list[FakeTimex]:
        raise RuntimeError("tagger bug")

    result = read_upload("a.txt", b"Talks.", tag=broken)
    assert result.articles == []
    assert result.problems == [
        LoadProblem("a.txt", "could not be read (unexpected RuntimeError: tagger bug)")
    ]


# -- properties -------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(
    data=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)),
    suffix=st.sampled_from([".txt", ".md", ".json", ".jsonl", ".html"]),
)
def test_any_bytes_load_or_give_a_problem(data: bytes, suffix: str) -> None:
    result = upload("x" + suffix, data)
    assert_honest(result)
    assert result.articles or result.problems
    for problem in result.problems:
        assert not problem.message.startswith("could not be read (unexpected")


def test_combine_articles_keeps_the_first_of_each_id_and_applies_user_dates() -> None:
    folder = Article("a", "From folder", "a.txt", "Talks.", date(2017, 2, 22), "header")
    upload = Article("a", "Upload", "upload", "Other.", None, "unknown")
    pasted = Article("b", "Pasted", "paste", "Talks on Monday.", None, "unknown")
    result = combine_articles([folder, upload, pasted], {"b": date(2017, 3, 1)})
    assert [(a.id, a.title, a.published, a.published_from) for a in result.articles] == [
        ("a", "From folder", date(2017, 2, 22), "header"),
        ("b", "Pasted", date(2017, 3, 1), "user"),
    ]
    assert [(p.path, p.message) for p in result.problems] == [
        ("a", "an article of that name is already loaded")
    ]

"""Read files and uploads into `Article`s: decoding, metadata headers, titles, publication dates.

Bad input never raises: each file that cannot be used becomes a `LoadProblem` with one human
line, and every other file still loads. `Article.text` is the decoded file with newlines
normalized to "\\n" and any metadata header removed, nothing else, so offsets into it are honest.
"""

from __future__ import annotations

import codecs
import errno
import json
import os
import re
import reprlib
import stat
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path, PurePath
from typing import Any

from charset_normalizer import from_bytes

from timeline.anchor import tag_text
from timeline.folders import RealPaths, list_files
from timeline.headers import FIELD_NAMES, day_hint, parse_day, split_header
from timeline.outlets import find_outlet, story_start
from timeline.published import Tagger, infer_published
from timeline.untrusted import one_line, valid_unicode

MAX_FILE_BYTES = 20 * 1024 * 1024  # per-file cap; bigger files become a LoadProblem

# suffix -> how the file is parsed; folders are searched for these suffixes only
SUFFIX_KINDS: Mapping[str, str] = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
}

HTML_FULL_EXTRACTION_CHARS = 2_000_000  # bigger pages: plain block text, no trafilatura

TITLE_MAX_CHARS = 200
HEADLINE_MAX_CHARS = 150
HEADLINE_MAX_WORDS = 25
FALLBACK_TITLE_WORDS = 10

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_NO_WAIT = getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)  # a FIFO opens at once
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # C0/C1 but tab, newlines, form feed
_BINARY_CONTROL_SHARE = 0.1  # more control characters than this and it is not text
JSON_TOO_DEEP = "invalid JSON (nested too deeply)"
QUOTE_CHARS = 40  # of a declared value quoted in a problem
_SHORT_REPR = reprlib.Repr()  # bounded: a few items of a few levels, then "..."
_SHORT_REPR.maxlevel, _SHORT_REPR.maxlist, _SHORT_REPR.maxdict = 3, 4, 4


@dataclass(frozen=True)
class Article:
    """One article: its text and what we know about where and when it was published."""

    id: str  # stable: file stem (+ "#n" for the record on line n of a .jsonl)
    title: str
    source: str  # outlet, or the file name when no outlet is known
    text: str  # body with any metadata header removed; offsets point into this
    published: date | None
    published_from: str  # "header" | "inferred: <clue>" | "unknown" | "user"
    path: str = ""
    url: str = ""
    # how relative dates are read: "auto" (chosen when tagged), "news" or "narrative"; once
    # tagged, the reading used, and `reading_from` says how it was chosen: "auto: <evidence>",
    # "asked" (command line) or "user" (set in the dashboard)
    reading: str = "auto"
    reading_from: str = ""


@dataclass(frozen=True)
class LoadProblem:
    """A file (or one record of it) that could not be used as it is."""

    path: str
    message: str  # one human line: what is wrong with the file
    skipped: bool = True  # False for a notice: the file loaded, with this caveat


@dataclass(frozen=True)
class LoadResult:
    """The articles that loaded and the problems met on the way."""

    articles: list[Article]
    problems: list[LoadProblem]


class _Unusable(Exception):
    """The whole file cannot be used; the message is the LoadProblem's."""


class FileNotRead(Exception):
    """A file that was not read: not a regular file, too large, or an error from the system.

    `transient` is True for the last: the same file may read fine later (permissions fixed),
    so nothing about its content may be remembered.
    """

    def __init__(self, message: str, *, transient: bool = False) -> None:
        super().__init__(message)
        self.transient = transient


def load_articles(
    paths: Iterable[str | Path], *, max_bytes: int = MAX_FILE_BYTES, tag: Tagger = tag_text
) -> LoadResult:
    """Load articles from files and folders (searched recursively, hidden files skipped).

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text(" date 2017-02-22 Talks resume today.")
    >>> _ = (folder / "b.txt").write_bytes(b"")
    >>> result = load_articles([folder])
    >>> [(a.id, a.text, a.published, a.published_from) for a in result.articles]
    [('a', 'Talks resume today.', datetime.date(2017, 2, 22), 'header')]
    >>> [p.message for p in result.problems]
    ['empty file']
    """
    articles: list[Article] = []
    problems: list[LoadProblem] = []
    used_ids: set[str] = set()
    seen: set[str] = set()
    real_path = RealPaths()
    for path, problem in expand_paths(paths):
        if problem is not None:
            problems.append(problem)
            continue
        key = real_path(path)
        if key in seen:
            continue
        seen.add(key)
        try:
            data = read_file(path, max_bytes)
        except FileNotRead as error:
            problems.append(LoadProblem(str(path), str(error)))
            continue
        result = _parse(data, path.name, str(path), str(path), used_ids, max_bytes, tag)
        articles.extend(result.articles)
        problems.extend(result.problems)
    return LoadResult(articles, problems)


def load_file(
    path: Path, *, max_bytes: int = MAX_FILE_BYTES, tag: Tagger = tag_text
) -> tuple[bytes | None, LoadResult]:
    """Read and parse one file; also return the bytes read, so a caller can key what it stores
    by content: empty when the file is not read, None when reading it failed (try again)."""
    try:
        data = read_file(path, max_bytes)
    except FileNotRead as error:
        problems = [LoadProblem(str(path), str(error))]
        return None if error.transient else b"", LoadResult([], problems)
    return data, parse_file_bytes(str(path), data, max_bytes=max_bytes, tag=tag)


def parse_file_bytes(
    path: str, data: bytes, *, max_bytes: int = MAX_FILE_BYTES, tag: Tagger = tag_text
) -> LoadResult:
    """Parse bytes read elsewhere (e.g. shipped to a cluster worker) as the file at `path`."""
    return _parse(data, PurePath(path).name, path, path, set(), max_bytes, tag)


def read_upload(
    name: str, data: bytes, *, max_bytes: int = MAX_FILE_BYTES, tag: Tagger = tag_text
) -> LoadResult:
    """Parse uploaded bytes like a file; `name` only gives the type and the displayed name.

    >>> result = read_upload("../../etc/notes.txt", b"Title: Talks\\n\\nTalks resume.")
    >>> article = result.articles[0]
    >>> (article.id, article.title, article.source, article.text, article.path)
    ('notes', 'Talks', 'notes.txt', 'Talks resume.', '')
    """
    shown = _upload_name(name)
    return _parse(data, shown, shown, "", set(), max_bytes, tag)


def with_published(article: Article, day: date) -> Article:
    """Return a copy of the article with the publication date set by the user.

    >>> article = Article("a", "T", "a.txt", "Talks resume Monday.", None, "unknown")
    >>> fixed = with_published(article, date(2017, 2, 22))
    >>> (fixed.published, fixed.published_from, article.published)
    (datetime.date(2017, 2, 22), 'user', None)
    """
    return replace(article, published=day, published_from="user")


def with_reading(article: Article, reading: str, reading_from: str = "user") -> Article:
    """Return a copy of the article to be read as `reading` (auto, news or narrative).

    >>> article = Article("a", "T", "a.txt", "In 1914 ...", None, "unknown")
    >>> fixed = with_reading(article, "narrative")
    >>> (fixed.reading, fixed.reading_from, requested_reading(fixed))
    ('narrative', 'user', 'narrative')
    """
    return replace(article, reading=reading, reading_from=reading_from)


def requested_reading(article: Article) -> str:
    """The reading to tag the article with: the one asked for, or "auto" when it was chosen
    automatically before (a new publication date may change the choice).

    >>> requested_reading(Article("a", "T", "s", "x", None, "unknown", reading="narrative",
    ...                           reading_from="auto: 12 of 12 written years ..."))
    'auto'
    """
    return "auto" if article.reading_from.startswith("auto") else article.reading


def combine_articles(
    articles: Iterable[Article],
    published_fixes: Mapping[str, date] | None = None,
    readings: Mapping[str, str] | None = None,
) -> LoadResult:
    """Join articles from several loads: the first of each id wins, user dates and readings
    are applied.

    Event ids are "<article id>:<offset>", so a second article with a taken id is reported,
    not loaded.

    >>> first = Article("a", "T", "a.txt", "Talks.", None, "unknown")
    >>> again = Article("a", "U", "upload", "Other.", None, "unknown")
    >>> result = combine_articles([first, again], {"a": date(2017, 2, 22)})
    >>> [(a.title, a.published_from) for a in result.articles], result.problems[0].message
    ([('T', 'user')], 'an article of that name is already loaded')
    """
    fixes = published_fixes or {}
    unique: dict[str, Article] = {}
    problems: list[LoadProblem] = []
    for article in articles:
        if article.id in unique:
            problems.append(LoadProblem(article.id, "an article of that name is already loaded"))
        else:
            unique[article.id] = article
    combined = [
        with_published(article, fixes[article.id]) if article.id in fixes else article
        for article in unique.values()
    ]
    asked = readings or {}
    combined = [
        with_reading(article, asked[article.id]) if article.id in asked else article
        for article in combined
    ]
    return LoadResult(combined, problems)


def expand_paths(paths: Iterable[str | Path]) -> Iterator[tuple[Path, LoadProblem | None]]:
    """Yield the files to read (a folder's, sorted) or a problem for a path that is unusable."""
    for path, why in list_files(paths, SUFFIX_KINDS):
        yield path, None if why is None else LoadProblem(str(path), why)


def read_file(path: Path, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """Read at most `max_bytes` (+1 to notice more) of a regular file, or raise `FileNotRead`.

    A FIFO, a device or a folder is refused before it is read, and again after it is opened
    (without blocking) in case it was swapped in between: reading one could wait forever or
    never end.

    >>> read_file(Path("/dev/null"))
    Traceback (most recent call last):
    ...
    timeline.articles.FileNotRead: not a regular file
    """
    try:
        _check_regular(os.stat(path), max_bytes)
        descriptor = os.open(path, os.O_RDONLY | _NO_WAIT)
        with open(descriptor, "rb") as handle:
            _check_regular(os.fstat(descriptor), max_bytes)
            return handle.read(max_bytes + 1)
    except OSError as error:
        if error.errno == errno.ELOOP:  # links leading round in a loop: never a file
            raise FileNotRead("not a regular file") from error
        reason = error.strerror or str(error)
        raise FileNotRead(f"cannot be read ({reason})", transient=True) from error


def _check_regular(info: os.stat_result, max_bytes: int) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise FileNotRead("not a regular file")
    if info.st_size > max_bytes:
        raise FileNotRead(_too_large(info.st_size, max_bytes))


def _upload_name(name: str) -> str:
    """The last component of an uploaded file's name, cleaned for display (never opened)."""
    last = re.split(r"[\\/]", name)[-1]
    return _clean_line(last).strip(". ") or "upload"


def _too_large(size: int, max_bytes: int) -> str:
    return f"too large ({_size(size)}; the limit is {_size(max_bytes)})"


def _size(count: int) -> str:
    for unit, scale in (("MB", 1 << 20), ("KB", 1 << 10)):
        if count >= scale:
            return f"{count / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{count} bytes"


# -- parsing --------------------------------------------------------------------------------


def _parse(
    data: bytes,
    name: str,
    shown: str,
    path: str,
    used_ids: set[str],
    max_bytes: int,
    tag: Tagger,
) -> LoadResult:
    """Parse one file's bytes: `name` gives suffix, stem and source; `shown` the problem path."""
    problems: list[LoadProblem] = []
    suffix = PurePath(name).suffix.lower()
    kind = SUFFIX_KINDS.get(suffix)
    try:
        if kind is None:
            known = ", ".join(SUFFIX_KINDS)
            what = f"'{suffix}'" if suffix else "(no extension)"
            raise _Unusable(f"unsupported file type {what}; expected one of {known}")
        if len(data) > max_bytes:
            raise _Unusable(_too_large(len(data), max_bytes))
        text, note = _decode(data)
        if note:
            problems.append(LoadProblem(shown, note, skipped=False))
        file = _File(name, shown, path, tag, problems)
        drafts = _PARSERS[kind](text, file)
    except _Unusable as error:
        return LoadResult([], [*problems, LoadProblem(shown, str(error))])
    except Exception as error:  # a bug met on odd input must not stop the other files
        reason = one_line(_one_line(str(error)[:300]))
        message = f"could not be read (unexpected {type(error).__name__}: {reason})"
        return LoadResult([], [*problems, LoadProblem(shown, message[:300])])
    articles = [replace(a, id=_unique_id(a.id, used_ids)) for a in drafts]
    return LoadResult(articles, problems)


@dataclass(frozen=True)
class _File:
    """What the parsers need to know about the file they read."""

    name: str
    shown: str
    path: str
    tag: Tagger
    problems: list[LoadProblem]

    def problem(self, message: str, *, skipped: bool = True) -> None:
        self.problems.append(LoadProblem(self.shown, message, skipped))


def _decode(data: bytes) -> tuple[str, str]:
    """Decode bytes to text with LF newlines; the note says when a fallback encoding was used."""
    if not data:
        raise _Unusable("empty file")
    note = ""
    bom = next((encoding for mark, encoding in _BOMS if data.startswith(mark)), None)
    if bom is not None:
        try:
            text = data.decode(bom)
        except UnicodeDecodeError as error:
            raise _Unusable(f"not a text file (invalid {bom} at byte {error.start})") from error
    elif b"\x00" in data:
        raise _Unusable("not a text file (binary content)")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            encoding = _guess_encoding(data)
            if encoding is None:
                raise _Unusable("not a text file (undecodable bytes)") from None
            text = data.decode(encoding, errors="replace")
            note = f"decoded as {encoding} (not valid UTF-8): check accents and quotes"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise _Unusable("empty file (only whitespace)" if text else "empty file")
    if sum(1 for _ in _CONTROLS.finditer(text)) > _BINARY_CONTROL_SHARE * len(text):
        raise _Unusable("not a text file (binary content)")
    return text, note


def _guess_encoding(data: bytes) -> str | None:
    """Charset detection, leaning to cp1252 for mostly-ASCII (English) text that fits it."""
    matches = list(from_bytes(data))
    if not matches:
        return None
    try:
        data.decode("cp1252")
        fits_cp1252 = True
    except UnicodeDecodeError:
        fits_cp1252 = False
    mostly_ascii = len(data.translate(None, bytes(range(0x80)))) <= 0.1 * len(data)
    best = matches[0]
    as_good = any(m.encoding == "cp1252" and m.chaos <= best.chaos for m in matches)
    if fits_cp1252 and (mostly_ascii or as_good):
        return "cp1252"
    return str(best.encoding)


def _parse_plain(text: str, file: _File) -> list[Article]:
    """A .txt or .md file: optional metadata header, then the body."""
    fields, body = split_header(text, lambda message: file.problem(message, skipped=False))
    if not body.strip():
        raise _Unusable("no article text after the header")
    stem = PurePath(file.name).stem
    markdown = SUFFIX_KINDS[PurePath(file.name).suffix.lower()] == "markdown"
    return [_make_article(stem, body, fields, file, "malformed header date {value}", markdown)]


def _parse_html(text: str, file: _File) -> list[Article]:
    """An .html page: the article text and metadata as trafilatura extracts them.

    Trafilatura's time grows faster than the page, so a page over HTML_FULL_EXTRACTION_CHARS
    gets a plain text extraction (every block's text, scripts and styles dropped) instead.
    """
    if len(text) > HTML_FULL_EXTRACTION_CHARS:
        size = _size(len(text.encode("utf-8", "replace")))
        file.problem(
            f"large HTML page ({size}): text kept without boilerplate removal", skipped=False
        )
        fields, body = _html_plain_text(text)
    else:
        import trafilatura  # slow to import; only HTML needs it

        extracted = trafilatura.bare_extraction(
            text,
            with_metadata=True,
            include_comments=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
        body = getattr(extracted, "text", None) or ""
        fields = {
            "title": getattr(extracted, "title", None),
            "source": getattr(extracted, "sitename", None),
            "url": getattr(extracted, "url", None),
            "published": getattr(extracted, "date", None),
        }
    if not body.strip():
        raise _Unusable("no article text found in the HTML")
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    stem = PurePath(file.name).stem
    return [_make_article(stem, body, fields, file, "malformed date {value} in the HTML", False)]


def _html_plain_text(html: str) -> tuple[dict[str, object], str]:
    """The text of every block of a page, one line each, and its <title>; linear time."""
    import lxml.html
    from lxml.etree import ParserError

    try:
        root = lxml.html.document_fromstring(html)
    except (ParserError, ValueError):
        return {}, ""
    title = root.findtext(".//title")
    for element in root.xpath("//script|//style|//noscript|//template|//head"):
        element.drop_tree()
    for element in root.iter(*_HTML_BLOCKS):
        element.text = "\n" + (element.text or "")
        element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return {"title": title}, "\n".join(line for line in lines if line)


_HTML_BLOCKS = (
    *("p", "div", "br", "li", "tr", "td", "th", "blockquote", "pre", "figure", "figcaption"),
    *("h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header", "footer", "table"),
    *("nav", "aside", "main", "ul", "ol", "dl", "dt", "dd", "address"),
)


def _parse_json(text: str, file: _File) -> list[Article]:
    """A .json file: one article object or a list of them."""
    try:
        loaded = json.loads(text)
    except json.JSONDecodeError as error:
        if error.msg == "Extra data":  # JSON lines saved as .json
            return _parse_jsonl(text, file)
        raise _Unusable(f"invalid JSON (line {error.lineno}: {error.msg})") from None
    except RecursionError:  # the parser recurses once per level of nesting
        raise _Unusable(JSON_TOO_DEEP) from None
    stem = PurePath(file.name).stem
    if isinstance(loaded, list):
        if not loaded:
            raise _Unusable("no articles in the JSON list")
        records = [(f"record {n}", f"{stem}#{n}", item) for n, item in enumerate(loaded, 1)]
    else:
        records = [("", stem, loaded)]
    articles = [_record_article(*record, file) for record in records]
    return [article for article in articles if article is not None]


def _parse_jsonl(text: str, file: _File) -> list[Article]:
    """A .jsonl file: one article object per line; a bad line is a problem for that line only."""
    stem = PurePath(file.name).stem
    articles: list[Article] = []
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        where = f"line {number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            file.problem(f"{where}: invalid JSON ({error.msg} at column {error.colno})")
            continue
        except RecursionError:
            file.problem(f"{where}: {JSON_TOO_DEEP}")
            continue
        article = _record_article(where, f"{stem}#{number}", record, file)
        if article is not None:
            articles.append(article)
    return articles


_PARSERS: Mapping[str, Callable[[str, _File], list[Article]]] = {
    "text": _parse_plain,
    "markdown": _parse_plain,
    "html": _parse_html,
    "json": _parse_json,
    "jsonl": _parse_jsonl,
}


def _record_article(where: str, article_id: str, record: Any, file: _File) -> Article | None:
    """One JSON object -> an Article, or a problem for that record."""
    prefix = f"{where}: " if where else ""
    if not isinstance(record, dict):
        file.problem(f"{prefix}not a JSON object")
        return None
    fields = {
        field: next((record[name] for name in names if record.get(name) is not None), None)
        for field, names in FIELD_NAMES.items()
    }
    body = fields.pop("text")
    if body is None:
        file.problem(f"{prefix}missing field 'text'")
        return None
    if not isinstance(body, str):
        file.problem(f"{prefix}field 'text' is not a string")
        return None
    if not body.strip():
        file.problem(f"{prefix}empty text")
        return None
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    date_problem = prefix + "malformed date {value} in field 'published'"
    return _make_article(article_id, body, fields, file, date_problem, False)


def _make_article(
    article_id: str,
    body: str,
    fields: Mapping[str, object],
    file: _File,
    date_problem: str,
    markdown: bool,
) -> Article:
    """Fill in title, source and publication date from the declared fields, else the text.

    `date_problem` is the message for a declared date that is not a date ("{value}" in it).
    Whatever the format, the text leaves here valid Unicode (a JSON or YAML escape can make a
    lone surrogate) and a name taken from the file name one printable line.
    """
    body = valid_unicode(body)
    published: date | None = None
    published_from = "header"
    raw = fields.get("published")
    if raw is not None and raw != "":
        published = parse_day(raw)
        if published is None:
            file.problem(date_problem.format(value=_quote(raw) + day_hint(raw)), skipped=False)
    if published is None:
        published, published_from = infer_published(body, file.tag)
    title = _clean_title(_text_field(fields.get("title")))
    source = _clean_line(_text_field(fields.get("source")))
    url = _clean_line(_text_field(fields.get("url")))
    return Article(
        id=one_line(article_id),
        title=title or _title_from_text(body, markdown) or one_line(file.name),
        source=source or find_outlet(body, url) or one_line(file.name),
        text=body,
        published=published,
        published_from=published_from,
        path=one_line(file.path),
        url=url,
    )


def _quote(raw: object) -> str:
    """The start of a declared value, for a message: a few characters, whatever its size or
    nesting (`str` of a nested list of a million items would build all of it)."""
    written = raw[: QUOTE_CHARS * 2] if isinstance(raw, str) else _SHORT_REPR.repr(raw)
    written = one_line(_one_line(written))
    if len(written) > QUOTE_CHARS:
        return f"'{written[:QUOTE_CHARS]}…'"
    return f"'{written}'"


def _text_field(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _clean_line(text: str, longest: int = 2000) -> str:
    """Drop control, format (zero-width, bidi) and separator characters; collapse spaces."""
    collapsed = " ".join(text[:longest].split())
    if collapsed.isprintable():  # nothing to drop: the common case, without a per-character loop
        return collapsed
    kept = "".join(
        " " if c.isspace() else c
        for c in text[:longest]
        if c.isspace() or unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Co", "Cn")
    )
    return " ".join(kept.split())


def _clean_title(title: str) -> str:
    cleaned = _clean_line(title)
    if len(cleaned) > TITLE_MAX_CHARS:
        cleaned = cleaned[: TITLE_MAX_CHARS - 1].rstrip() + "…"
    return cleaned


def _title_from_text(text: str, markdown: bool) -> str:
    """The first line when it looks like a headline, else the first words of the text; a
    dateline opening the text is neither."""
    top = text[story_start(text) :].lstrip()[: HEADLINE_MAX_CHARS * 10]
    first = top.split("\n", 1)[0]
    if markdown:
        first = re.sub(r"^\s*#{1,6}\s+", "", first)
    line = _clean_line(first)
    if (
        line
        and len(line) <= HEADLINE_MAX_CHARS
        and len(line.split()) <= HEADLINE_MAX_WORDS
        and not line.endswith((".", ",", ";", ":"))
    ):
        return _clean_title(line)
    words = _clean_line(top).split()
    title = " ".join(words[:FALLBACK_TITLE_WORDS])
    return _clean_title(title + ("…" if len(words) > FALLBACK_TITLE_WORDS else ""))


def _unique_id(base: str, used: set[str]) -> str:
    candidate, n = base, 1
    while candidate in used:
        n += 1
        candidate = f"{base}-{n}"
    used.add(candidate)
    return candidate

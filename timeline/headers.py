"""Metadata headers at the top of an article file: YAML front matter, `key: value` lines, and
inline pairs (` date 2017-02-22 Talks resumed ...`); which names carry which field; the day a
declared date means."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

import yaml

# Article field -> names that may carry it in a header, YAML front matter or a JSON record.
FIELD_NAMES: Mapping[str, tuple[str, ...]] = {
    "text": ("text", "body", "content"),  # JSON records only, never a header line
    "title": ("title", "headline"),
    "published": ("date", "published", "pubdate", "publication_date", "published_at"),
    "source": ("source", "outlet", "publisher", "site_name", "sitename"),
    "url": ("url", "link"),
}
# header names that are recognized (so the header block goes on) but not kept
IGNORED_HEADER_NAMES = (
    "author",
    "authors",
    "by",
    "byline",
    "tags",
    "category",
    "categories",
    "section",
    "language",
    "lang",
    "id",
    "keywords",
    "description",
    "summary",
)
HEADER_NAMES: Mapping[str, str | None] = {
    **{name: field for field, names in FIELD_NAMES.items() if field != "text" for name in names},
    **dict.fromkeys(IGNORED_HEADER_NAMES),
}
# Inline headers (` date 2017-02-22 Mexico is not happy ...`) share a line with the first
# sentence, so only fields whose value is one recognizable token may appear there.
INLINE_VALUES: Mapping[str, str] = {
    "published": r"(?=(?:\D*\d){6})\d[\d./-]*\d",  # at least six digits: 20170222, 2017-02-22
    "url": r"https?://\S+",
}


FRONT_MATTER_MAX_CHARS = 64 * 1024  # YAML parsing is pure Python: a longer block stays text
DATE_MAX_CHARS = 100  # a declared date longer than this is not a date (never parsed)

_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.+\-Z ]*)?")
_ISO_PARTIAL = re.compile(r"\d{4}(?:-\d{1,2}){1,2}")
_BASIC_DAY = re.compile(r"(\d{4})(\d{2})(\d{2})")
_HEADER_LINE = re.compile(r"[ \t]*([A-Za-z][A-Za-z _-]{0,30}?)[ \t]*:[ \t]*(.*?)[ \t]*")
_LEADING_SPACE = re.compile(r"\s*")
_FRONT_MATTER = re.compile(r"---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|$)", re.DOTALL)


def split_header(text: str, notice: Callable[[str], None]) -> tuple[dict[str, object], str]:
    """Split a leading metadata block (front matter, `key: value` lines, inline pairs) off."""
    for split in (_front_matter, _header_lines, _inline_header):
        found = split(text, notice)
        if found is not None:
            fields, end = found
            while end < len(text) and text[end].isspace():
                end += 1
            return fields, text[end:]
    return {}, text


class _AliasRefused(yaml.YAMLError):
    """Front matter that uses an alias: a few hundred bytes of them expand to gigabytes."""

    def __init__(self, mark: yaml.Mark) -> None:
        super().__init__()
        self.problem_mark = mark


class _FrontMatterLoader(yaml.SafeLoader):
    """Safe YAML that keeps dates as written, so a bad one is reported like any header date,
    and refuses aliases (`*name`): metadata never needs them, and each alias of a list of
    aliases multiplies what the value expands to (a "billion laughs")."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            raise _AliasRefused(self.peek_event().start_mark)
        return super().compose_node(parent, index)


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _front_matter(text: str, notice: Callable[[str], None]) -> tuple[dict[str, object], int] | None:
    """YAML between `---` lines at the very top."""
    match = _FRONT_MATTER.match(text[:FRONT_MATTER_MAX_CHARS])
    if match is None:
        if text.startswith("---") and _FRONT_MATTER.match(text) is not None:
            size = f"{FRONT_MATTER_MAX_CHARS // 1024} KB"
            notice(f"front matter longer than {size}; kept in the text")
        return None
    try:
        loaded = yaml.load(match.group(1) or "", Loader=_FrontMatterLoader)  # a SafeLoader
    except _AliasRefused as error:
        where = f" (line {error.problem_mark.line + 2})"
        notice(f"front matter uses a YAML alias{where}, which is not read; kept in the text")
        return None
    except RecursionError:  # the composer recurses once per level of nesting
        notice("front matter is nested too deeply; kept in the text")
        return None
    except (yaml.YAMLError, ValueError) as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        notice(f"front matter is not valid YAML{where}; kept in the text")
        return None
    if not isinstance(loaded, dict):
        return None if loaded is not None else ({}, match.end())
    fields: dict[str, object] = {}
    for key, value in loaded.items():
        field = HEADER_NAMES.get(_header_key(str(key)))
        if field is not None and field not in fields and value is not None:
            fields[field] = value
    return fields, match.end()


def _header_lines(text: str, notice: Callable[[str], None]) -> tuple[dict[str, object], int] | None:
    """Consecutive `key: value` lines with known keys at the top."""
    fields: dict[str, object] = {}
    leading = _LEADING_SPACE.match(text)
    position = leading.end() if leading else 0
    end = None
    while position < len(text):
        line_end = text.find("\n", position)
        line_end = len(text) if line_end < 0 else line_end
        match = _HEADER_LINE.fullmatch(text, position, line_end)
        key = _header_key(match.group(1)) if match else ""
        if match is None or key not in HEADER_NAMES:
            break
        field = HEADER_NAMES[key]
        if field is not None and field not in fields and match.group(2):
            fields[field] = match.group(2)
        position = end = line_end + 1
    return None if end is None else (fields, min(end, len(text)))


_INLINE_FIELDS = {
    name: f for name, f in HEADER_NAMES.items() if f is not None and f in INLINE_VALUES
}
_INLINE_PAIR = re.compile(
    r"[ \t]*(?P<key>{keys})[ \t]+(?P<value>\S+)(?=\s|$)".format(
        keys="|".join(sorted(_INLINE_FIELDS, key=len, reverse=True))
    ),
    re.IGNORECASE,
)


def _inline_header(
    text: str, notice: Callable[[str], None]
) -> tuple[dict[str, object], int] | None:
    """`key value` pairs before the first sentence on the first line (` date 2017-02-22 ...`)."""
    fields: dict[str, object] = {}
    position = 0
    while True:
        match = _INLINE_PAIR.match(text, position)
        if match is None:
            break
        field = _INLINE_FIELDS[match.group("key").lower()]
        if not re.fullmatch(INLINE_VALUES[field], match.group("value")):
            break
        fields.setdefault(field, match.group("value"))
        position = match.end()
    return (fields, position) if fields else None


def _header_key(key: str) -> str:
    return re.sub(r"[\s-]+", "_", key.strip().lower())


def parse_day(value: object) -> date | None:
    """A declared date: ISO (basic or extended, time ignored) or any full written date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str | int) or isinstance(value, bool):
        return None
    written = str(value).strip()
    if len(written) > DATE_MAX_CHARS:
        return None
    for pattern in (_ISO_DAY, _BASIC_DAY):
        match = pattern.fullmatch(written)
        if match:
            return _ymd(*match.groups())
    if _ISO_PARTIAL.fullmatch(written) or not re.search(r"\b\d{4}\b", written):
        return None
    import dateparser  # slow to import; only written-out header dates need it

    settings: Any = {
        "REQUIRE_PARTS": ["day", "month", "year"],
        "RELATIVE_BASE": datetime(2000, 1, 1),  # never today; relative values are rejected below
    }
    parsed = dateparser.parse(written, languages=["en"], settings=settings)
    if parsed is None or str(parsed.year) not in written:
        return None
    return parsed.date()


def _ymd(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def iso_day(value: str) -> date | None:
    return _ymd(value[:4], value[5:7], value[8:10])


def day_hint(raw: object) -> str:
    if not isinstance(raw, str):
        return ""
    written = raw.strip()
    if _ISO_PARTIAL.fullmatch(written) and written.count("-") == 1:
        return " (not a full day)"
    return ""

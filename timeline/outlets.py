"""Which outlet published an article, when its metadata does not say: the credit of its dateline
("NEW YORK (Reuters) -"), a byline ("By JANE DOE, Associated Press Writer"), a signature
("(Reporting by ...)"), a web address; and, over a whole folder, a file-name prefix that many
files share ("apw...", "nyt..."), as news archives name their files.

Outlets, credits, sites and archive codes are one table (`OUTLETS`); the text patterns are
tables too, tried in order. Also here: where a story starts after its dateline, so that a title
is never a bare dateline ("WASHINGTON _").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import PurePath


@dataclass(frozen=True)
class Outlet:
    """A news outlet: its name as shown, and how articles and archives name it."""

    name: str
    credits: tuple[str, ...] = ()  # as written in datelines, bylines and signatures
    sites: tuple[str, ...] = ()  # web domains (subdomains included)
    codes: tuple[str, ...] = ()  # file-name prefixes in news archives (LDC Gigaword, TimeBank)


OUTLETS: tuple[Outlet, ...] = (
    Outlet("AP", ("AP", "Associated Press", "The Associated Press"), ("apnews.com", "ap.org"),
           ("ap", "apw", "apn")),
    Outlet("Reuters", ("Reuters", "Thomson Reuters"), ("reuters.com",), ("reu", "reuters")),
    Outlet("AFP", ("AFP", "Agence France-Presse", "Agence France Presse"), ("afp.com",),
           ("afp", "afe")),
    Outlet("Xinhua", ("Xinhua", "Xinhua News Agency"), ("xinhuanet.com", "news.cn"),
           ("xie", "xin", "xinhua")),
    Outlet("UPI", ("UPI", "United Press International"), ("upi.com",), ("upi",)),
    Outlet("Bloomberg", ("Bloomberg", "Bloomberg News"), ("bloomberg.com",), ("bloomberg",)),
    Outlet("dpa", ("dpa", "Deutsche Presse-Agentur"), ("dpa.com",), ("dpa",)),
    Outlet("Kyodo", ("Kyodo", "Kyodo News"), ("kyodonews.net",), ("kyodo",)),
    Outlet("Yonhap", ("Yonhap",), ("yna.co.kr",), ("yonhap",)),
    Outlet("The New York Times", ("The New York Times", "New York Times", "NYT",
           "N.Y. Times News Service", "New York Times News Service"), ("nytimes.com",), ("nyt",)),
    Outlet("The Washington Post", ("The Washington Post", "Washington Post"),
           ("washingtonpost.com",), ("wpo", "wapo")),
    Outlet("The Wall Street Journal", ("The Wall Street Journal", "Wall Street Journal", "WSJ"),
           ("wsj.com",), ("wsj",)),
    Outlet("Los Angeles Times", ("Los Angeles Times", "LA Times"), ("latimes.com",), ("lat",)),
    Outlet("San Jose Mercury News", ("San Jose Mercury News", "Mercury News"),
           ("mercurynews.com",), ("sjmn",)),
    Outlet("The Guardian", ("The Guardian",), ("theguardian.com", "guardian.co.uk"), ("gdn",)),
    Outlet("BBC", ("BBC", "BBC News"), ("bbc.co.uk", "bbc.com"), ("bbc",)),
    Outlet("CNN", ("CNN",), ("cnn.com",), ("cnn",)),
    Outlet("ABC News", ("ABC News", "ABC"), ("abcnews.go.com",), ("abc",)),
    Outlet("NBC News", ("NBC News", "NBC"), ("nbcnews.com",), ("nbc",)),
    Outlet("CBS News", ("CBS News", "CBS"), ("cbsnews.com",), ("cbs",)),
    Outlet("Voice of America", ("Voice of America", "VOA"), ("voanews.com",), ("voa",)),
    Outlet("PRI", ("PRI", "Public Radio International"), ("pri.org",), ("pri",)),
    Outlet("NPR", ("NPR", "National Public Radio"), ("npr.org",), ("npr",)),
    Outlet("Al Jazeera", ("Al Jazeera",), ("aljazeera.com",), ("alj",)),
    Outlet("Financial Times", ("Financial Times", "FT"), ("ft.com",), ("ft",)),
    Outlet("The Economist", ("The Economist",), ("economist.com",), ()),
    Outlet("Politico", ("Politico", "POLITICO"), ("politico.com",), ()),
)  # fmt: skip

# "WASHINGTON _", "HAVANA (AP) --", "BUFFALO, N.Y. (AP) --", "BRUSSELS, February 10 (Xinhua) --",
# "NEW YORK (Reuters) -", "WASHINGTON, Feb 22 (Reuters) -", "CANBERRA, Australia (AP)_",
# "(Undated)": a place in capitals, maybe a region and a day, maybe the credit, then a dash.
_PLACE = (
    r"[A-Z][A-Z.'’-]+(?:[ ][A-Z][A-Z.'’-]+){0,3}"  # NEW YORK, N'DJAMENA
    r"(?:,[ ][A-Z][A-Za-z.'’-]*(?:[ ][A-Z][A-Za-z.]*){0,2})?"  # , N.Y. / , Kenya
)
_DAY = r"(?:,?[ ](?:[A-Z][a-z]{2,8}\.?[ ]\d{1,2}|\d{1,2}[ ][A-Z][a-z]{2,8}))"
_CREDIT = r"\((?P<credit>[A-Za-z][A-Za-z .&'’-]{0,40}?)\)"
_DASH = r"(?:--|[—–_-])"
DATELINES: tuple[re.Pattern[str], ...] = (
    re.compile(rf"[ \t]*(?:{_PLACE}){_DAY}?[ \t]*{_CREDIT}[ \t]*{_DASH}?[ \t]*"),
    re.compile(rf"[ \t]*(?:{_PLACE}){_DAY}?[ \t]*{_DASH}(?=\s)[ \t]*"),
    re.compile(r"[ \t]*\((?i:undated)\)[ \t]*(?:--|[—–_-])?[ \t]*"),
)
# Lines that name the outlet after a writer's name: "By JOHN DOE, Associated Press Writer",
# "By Jane Doe | Reuters", "By Jane Doe for Bloomberg News".
BYLINE = re.compile(
    r"^[ \t]*(?:By|BY)[ \t]+[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3}[ \t]*"
    r"(?:,|\||/|—|–|-|\bof\b|\bfor\b)[ \t]*(?P<credit>[^\n]{2,60})$",
    re.MULTILINE,
)
# Signatures that only one outlet writes.
SIGNATURES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("Reuters", re.compile(r"\((?:Reporting|Additional reporting|Writing) by [^)\n]{2,200}\)")),
    ("The New York Times", re.compile(r"(?:c\.|\(c\)|©)[ ]?\d{4} (?:N\.Y\.|New York) Times")),
    ("AP", re.compile(r"(?:Copyright|©) \d{4} (?:The )?Associated Press\.")),
)
URL = re.compile(r"https?://(?P<host>[A-Za-z0-9.-]+\.[A-Za-z]{2,})(?::\d+)?(?:[/?#]\S*)?")
NOT_CREDITS = frozenset({"undated", "updated", "photo", "video", "file", "ap photo", "reuters tv"})
DATELINE_LINES = 3  # a dateline opens one of the first lines, under headlines
HEADLINE_CHARS = 150
EDGE_CHARS = 600  # a credit or signature sits in the first or last lines of a story
MIN_PREFIX_FILES = 3  # a file-name prefix names an outlet when at least this many files share it
FILE_PREFIX = re.compile(r"[A-Za-z]{2,}")  # the first run of letters of a file's stem


def _by_lowercase(field: str) -> dict[str, str]:
    return {key.casefold(): o.name for o in OUTLETS for key in getattr(o, field)}


CREDIT_NAMES: Mapping[str, str] = _by_lowercase("credits")
CODE_NAMES: Mapping[str, str] = _by_lowercase("codes")
SITE_NAMES: Mapping[str, str] = _by_lowercase("sites")


def find_outlet(text: str, url: str = "") -> str:
    """Return the outlet an article's text or address names, or "" when none does.

    >>> find_outlet("HAVANA (AP) --\\n\\nPresident Fidel Castro said Tuesday ...")
    'AP'
    >>> find_outlet("BRUSSELS, February 10 (Xinhua) -- NATO has decided ...")
    'Xinhua'
    >>> find_outlet("Talks resumed.\\n\\nBy JOHN DOE, Associated Press Writer")
    'AP'
    >>> find_outlet("Talks resumed.", url="https://www.reuters.com/world/x")
    'Reuters'
    >>> find_outlet("WASHINGTON _ Talks resumed. Photo: Carlos Barria/AFP/Getty Images")
    ''
    """
    head, tail = text[:EDGE_CHARS], text[-EDGE_CHARS:]
    found = dateline_credit(head) or _byline_outlet(head) or _byline_outlet(tail)
    if not found:
        found = next((name for name, sign in SIGNATURES if sign.search(head + "\n" + tail)), "")
    return found or site_outlet(url) or _text_site_outlet(head, tail)


def dateline_credit(text: str) -> str:
    """The outlet credited in the dateline the text opens with ("" when none).

    >>> dateline_credit("NEW YORK (Reuters) - Stocks fell."), dateline_credit("LONDON (BBG) --")
    ('Reuters', 'BBG')
    >>> dateline_credit("WASHINGTON _ Talks."), dateline_credit("Talks (AP) resumed.")
    ('', '')
    >>> dateline_credit("Stocks fall\\n\\nNEW YORK (Reuters) - Stocks fell.")
    'Reuters'
    """
    found = _opening_dateline(text, DATELINES[0])
    return "" if found is None else credit_outlet(found.group("credit"), known_only=False)


def dateline_span(text: str) -> tuple[int, int] | None:
    """Where the dateline the text opens with is (under a headline or two), credit and dash
    included: it names the place and the outlet of the story, not its actors.

    >>> text = "Embassy bombings\\n\\nNAIROBI, Kenya (AP) _ Two bombs exploded."
    >>> start, end = dateline_span(text)
    >>> text[start:end], dateline_span("Talks (AP) resumed.")
    ('NAIROBI, Kenya (AP) _ ', None)
    """
    for pattern in DATELINES:
        found = _opening_dateline(text, pattern)
        if found is not None:
            return found.start(), found.end()
    return None


def _opening_dateline(text: str, pattern: re.Pattern[str]) -> re.Match[str] | None:
    """The match of a dateline `pattern` at the start of one of the first lines, under
    headlines; None when a paragraph of the story comes first."""
    position = 0
    for _ in range(DATELINE_LINES):
        found = pattern.match(text, position)
        if found is not None:
            return found
        end = text.find("\n", position)
        line = text[position:end].strip()
        if end < 0 or len(line) > HEADLINE_CHARS or line.endswith((".", ",", ";", ":")):
            break  # a paragraph of the story: no dateline below it
        position = end + len(text[end:]) - len(text[end:].lstrip("\n"))
    return None


def credit_outlet(credit: str, known_only: bool = True) -> str:
    """The outlet a credit names: a known one by any of its names, else (unless `known_only`)
    the credit as written.

    >>> credit_outlet("Associated Press Writer"), credit_outlet("the Xinhua News Agency")
    ('AP', 'Xinhua')
    >>> credit_outlet("Staff Writer"), credit_outlet("Bloomberg", known_only=False)
    ('', 'Bloomberg')
    """
    words = " ".join(credit.split()).strip(" .,;:")
    if words.casefold() in NOT_CREDITS:
        return ""
    key = words.casefold().removeprefix("the ")
    for end in range(len(key), 0, -1):  # the longest known name the credit starts with
        if end < len(key) and key[end] != " ":
            continue
        name = CREDIT_NAMES.get(key[:end]) or CREDIT_NAMES.get("the " + key[:end])
        if name:
            return name
    return "" if known_only else words


def site_outlet(url: str, known_only: bool = False) -> str:
    """The outlet a web address belongs to: a known site's name, else (unless `known_only`)
    the domain itself.

    >>> site_outlet("https://apnews.com/article/x"), site_outlet("http://news.example.org/a")
    ('AP', 'news.example.org')
    >>> site_outlet("not a url")
    ''
    """
    found = URL.search(url)
    if found is None:
        return ""
    host = found.group("host").casefold().removeprefix("www.")
    parts = host.split(".")
    for first in range(len(parts) - 1):  # news.bbc.co.uk -> bbc.co.uk
        name = SITE_NAMES.get(".".join(parts[first:]))
        if name:
            return name
    return "" if known_only else host


def story_start(text: str) -> int:
    """Where the story starts after a leading dateline (0 when there is none): a title is
    never a bare dateline.

    >>> text = "WASHINGTON _\\n\\nA six-year-old boy ..."
    >>> text[story_start(text):]
    'A six-year-old boy ...'
    >>> text = "NEWARK, N.J. _ A new task force began"
    >>> text[story_start(text):]
    'A new task force began'
    >>> story_start("PROGRAM TRADING is being curbed")
    0
    """
    stripped = len(text) - len(text.lstrip())
    for pattern in DATELINES:
        found = pattern.match(text, stripped)
        if found is not None:
            end = found.end()
            return end + len(text[end:]) - len(text[end:].lstrip())
    return 0


def name_prefix_outlets(names: Iterable[str], min_files: int = MIN_PREFIX_FILES) -> dict[str, str]:
    """Outlets for files whose names begin (after any date or number) with a known archive
    code and its number ("apw19980807", "nyt2000..."), or with a prefix that at least
    `min_files` of them share (a known code's outlet, else the prefix as written).

    >>> names = ["apw19980807.txt", "2005-01-05_003888_nyt2000.txt", "notes-1.txt",
    ...          "notes-2.txt", "notes-3.txt", "abc-talks.txt", "talks.txt"]
    >>> outlets = name_prefix_outlets(names)
    >>> outlets["apw19980807.txt"], outlets["2005-01-05_003888_nyt2000.txt"], outlets["notes-1.txt"]
    ('AP', 'The New York Times', 'notes')
    >>> "abc-talks.txt" in outlets, "talks.txt" in outlets
    (False, False)
    """
    groups: dict[str, list[str]] = defaultdict(list)
    outlets: dict[str, str] = {}
    for name in names:
        stem = PurePath(name).stem
        found = FILE_PREFIX.search(stem)
        if found is None:
            continue
        prefix = found.group().casefold()
        if prefix in CODE_NAMES and stem[found.end() : found.end() + 1].isdigit():
            outlets[name] = CODE_NAMES[prefix]  # an archive's code and number: "ap900815"
        else:
            groups[prefix].append(name)
    for prefix, members in groups.items():
        if len(members) >= min_files:
            outlets.update(dict.fromkeys(members, CODE_NAMES.get(prefix, prefix)))
    return outlets


def _byline_outlet(text: str) -> str:
    for found in BYLINE.finditer(text):
        name = credit_outlet(found.group("credit"))
        if name:
            return name
    return ""


def _text_site_outlet(head: str, tail: str) -> str:
    """A known site's address on a line of its own at the top or bottom ("Source: ...")."""
    for line in [*head.splitlines()[:3], *tail.splitlines()[-3:]]:
        if len(line) <= 200:
            name = site_outlet(line, known_only=True)
            if name:
                return name
    return ""

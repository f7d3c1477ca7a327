"""A deterministic corpus of realistic news articles for benchmarks (issue 2 speed, issue 6 scale).

Each article is either a TempEval-3 TBAQ text (../shared/corpora/tbaq-cleaned) moved to a new
publication year, its written years shifted alike and a generated paragraph added, or a generated
article: news sentences with explicit dates, weekdays, relative, vague and clock-time expressions,
durations and sets, written against its publication date. Without the TBAQ corpus every article is
generated. The same (n, seed) gives the same articles, one by one, so 100,000 stream in constant
memory; no two article texts are equal (stores keyed by content hash see n distinct articles).

API (kept small; other benchmarks import it):

- `BenchArticle(name, published, text)`; `.file_text` is the file form with the inline header
  (`" date 2017-02-22 Mexico is not happy ..."`, like data/2017-02-22_*.txt).
- `iter_articles(n=1000, seed=0)` -> iterator of `BenchArticle`.
- `article_pairs(n=1000, seed=0)` -> list of `(text, published)` for `tag_text(text, published)`.
- `write_corpus(folder, n=1000, seed=0)` -> list of the written `.txt` paths.

Command line: `python bench/corpus.py OUT_DIR [--articles N] [--seed S]`.
"""

from __future__ import annotations

import argparse
import calendar
import functools
import hashlib
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]
if str(_ROOT) not in sys.path:  # run as `python bench/corpus.py`: make `timeline` importable
    sys.path.insert(0, str(_ROOT))

from timeline.evaluate import read_corpus  # noqa: E402

TBAQ_DIR = _ROOT.parent / "shared" / "corpora" / "tbaq-cleaned"
TBAQ_SHARE = 0.6  # share of articles made from TBAQ texts when the corpus is there
FIRST_YEAR, LAST_YEAR = 2005, 2025


@dataclass(frozen=True)
class BenchArticle:
    """One benchmark article: a unique file name, its publication date and its body text."""

    name: str
    published: date
    text: str

    @property
    def file_text(self) -> str:
        """The article as a file: the inline ` date YYYY-MM-DD ` header, then the body."""
        return f" date {self.published.isoformat()} {self.text}"


def iter_articles(
    n: int = 1000, seed: int = 0, tbaq_dir: Path | None = TBAQ_DIR
) -> Iterator[BenchArticle]:
    """Yield `n` distinct articles, deterministically for a given seed.

    >>> first = list(iter_articles(3, seed=1, tbaq_dir=None))
    >>> [a.name for a in first] == [a.name for a in iter_articles(3, seed=1, tbaq_dir=None)]
    True
    >>> first[0].file_text.startswith(f" date {first[0].published.isoformat()} ")
    True
    """
    sources = _tbaq_sources(tbaq_dir) if tbaq_dir is not None else ()
    seen: set[bytes] = set()
    for index in range(n):
        attempt = 0
        while True:
            rng = random.Random(f"{seed}:{index}:{attempt}")
            if sources and rng.random() < TBAQ_SHARE:
                article = _from_tbaq(rng, index, sources)
            else:
                article = _generated(rng, index)
            digest = hashlib.blake2b(article.text.encode("utf-8"), digest_size=16).digest()
            if digest not in seen:
                seen.add(digest)
                yield article
                break
            attempt += 1


def article_pairs(
    n: int = 1000, seed: int = 0, tbaq_dir: Path | None = TBAQ_DIR
) -> list[tuple[str, date]]:
    """The articles as `(text, published)` pairs in memory, ready for `tag_text(text, published)`.

    >>> text, published = article_pairs(1, tbaq_dir=None)[0]
    >>> isinstance(text, str) and isinstance(published, date)
    True
    """
    return [(a.text, a.published) for a in iter_articles(n, seed, tbaq_dir)]


def write_corpus(
    folder: str | Path, n: int = 1000, seed: int = 0, tbaq_dir: Path | None = TBAQ_DIR
) -> list[Path]:
    """Write the articles as UTF-8 `.txt` files with the inline date header; return the paths."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for article in iter_articles(n, seed, tbaq_dir):
        path = out / article.name
        path.write_text(article.file_text, encoding="utf-8")
        paths.append(path)
    return paths


# --- TBAQ texts, shifted ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Source:
    id: str
    published: date
    text: str
    year_spans: tuple[tuple[int, int], ...]  # spans of 4-digit years inside gold DATE timexes


_YEAR = re.compile(r"\b(1[6-9]\d\d|20\d\d)\b")


@functools.cache
def _tbaq_sources(tbaq_dir: Path) -> tuple[_Source, ...]:
    if not tbaq_dir.is_dir():
        return ()
    sources = []
    for doc in read_corpus(tbaq_dir):
        if doc.dct is None:
            continue
        spans: list[tuple[int, int]] = []
        for timex in doc.timexes:
            if timex.type == "DATE":
                spans.extend(
                    (timex.start + m.start(), timex.start + m.end())
                    for m in _YEAR.finditer(timex.text)
                )
        sources.append(_Source(doc.id, doc.dct, doc.text, tuple(spans)))
    return tuple(sources)


def _from_tbaq(rng: random.Random, index: int, sources: tuple[_Source, ...]) -> BenchArticle:
    source = sources[rng.randrange(len(sources))]
    delta = rng.randint(FIRST_YEAR, LAST_YEAR) - source.published.year
    published = _with_year(source.published, source.published.year + delta)
    parts = []
    pos = 0
    for start, end in source.year_spans:
        parts.append(source.text[pos:start])
        parts.append(str(int(source.text[start:end]) + delta))
        pos = end
    parts.append(source.text[pos:])
    paragraphs = [p.strip() for p in "".join(parts).split("\n\n") if p.strip()]
    for _ in range(rng.randint(1, 4)):
        paragraphs.insert(rng.randint(1, len(paragraphs)), _paragraph(rng, published))
    text = "\n\n".join(paragraphs) + "\n"
    slug = _slug(source.id)
    return BenchArticle(f"{published.isoformat()}_{index:06d}_tbaq-{slug}.txt", published, text)


def _with_year(day: date, year: int) -> date:
    return day.replace(year=year, day=min(day.day, calendar.monthrange(year, day.month)[1]))


# --- generated articles ----------------------------------------------------------------------

_PLACES = [
    "Mexico City", "Brussels", "Nairobi", "Jakarta", "Ottawa", "Lagos", "Seoul", "Lima",
    "Warsaw", "Manila", "Cairo", "Denver", "Sao Paulo", "Hanoi", "Athens", "Dublin",
]  # fmt: skip
_ACTORS = [
    "The finance minister", "The central bank", "Lawmakers", "The city council",
    "Union leaders", "Police", "The prime minister", "Health officials", "Investors",
    "The company's board", "Prosecutors", "Opposition leaders", "Regulators",
    "The foreign ministry", "Airline executives", "Local residents", "The state governor",
]  # fmt: skip
_PEOPLE = [
    "Maria Lopez", "Ahmed Hassan", "John Carter", "Li Wei", "Anna Kowalski", "David Mensah",
    "Sofia Rossi", "Kenji Sato", "Elena Petrova", "Carlos Mendes", "Grace Okafor",
]  # fmt: skip
_ROLES = [
    "a spokesman for the ministry", "the agency's director", "an analyst at a local bank",
    "a senior official", "the mayor", "a union representative", "the company's chief executive",
]  # fmt: skip
_PAST = [
    "announced", "approved", "rejected", "confirmed", "unveiled", "postponed", "criticized",
    "signed", "suspended", "defended", "launched", "blocked",
]  # fmt: skip
_FUTURE = ["vote on", "announce", "review", "sign", "debate", "publish", "finalize", "reopen"]
_OBJECTS = [
    "a new budget plan", "the proposed merger", "an inquiry into the crash", "the trade deal",
    "emergency measures", "a tax on imported steel", "the new airport terminal",
    "a vaccination campaign", "the pension reform", "talks with the rebels",
    "the sale of the state airline", "stricter rules for banks", "a ceasefire agreement",
]  # fmt: skip
_QUOTES = [
    "We will not accept any decision taken without us",
    "This is the most serious crisis we have faced",
    "The numbers speak for themselves",
    "Nobody expected the market to react this way",
    "We are ready to talk, but not at any price",
    "It is too early to say what will happen",
]  # fmt: skip
_FILLER = [
    "The decision drew sharp reactions from across the political spectrum.",
    "Shares of the company rose 3.2 percent in early trading.",
    "Critics said the plan did too little to help small businesses.",
    "The proposal still needs the approval of parliament.",
    "Thousands of people gathered in the main square to protest.",
    "The ministry did not respond to a request for comment.",
    "Analysts had expected a smaller increase.",
    "The agreement covers about 40,000 workers in the region.",
    "Officials declined to give further details, citing the ongoing investigation.",
    "Traffic was halted for several hours on the main highway.",
]  # fmt: skip
_WEEKDAYS = list(calendar.day_name)
_MONTHS = list(calendar.month_name)[1:]
_MONTHS_ABBR = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.",
                "Nov.", "Dec."]  # fmt: skip
_NUMBERS = ["two", "three", "four", "five", "six", "ten", "several", "a few"]
_SEASONS = ["spring", "summer", "fall", "winter"]


def _past_when(rng: random.Random, published: date) -> str:
    """A date expression for something that happened before `published`, as written in news."""
    before = published - timedelta(days=rng.randint(1, 400))
    weekday = _WEEKDAYS[(published - timedelta(days=rng.randint(1, 6))).weekday()]
    choices = [
        f"on {_MONTHS[before.month - 1]} {before.day}, {before.year}",
        f"on {before.day} {_MONTHS[before.month - 1]} {before.year}",
        f"on {_MONTHS_ABBR[before.month - 1]} {before.day}",
        f"in {_MONTHS[before.month - 1]} {before.year}",
        f"in {before.year}",
        f"on {before.isoformat()}",
        f"on {before.month}/{before.day}/{before.year}",
        weekday,
        f"on {weekday}",
        f"last {weekday}",
        f"{weekday} morning",
        "yesterday",
        "earlier today",
        "last week",
        "last month",
        "last year",
        f"{rng.choice(_NUMBERS)} days ago",
        f"{rng.choice(_NUMBERS)} weeks ago",
        "earlier this month",
        "earlier this year",
        f"last {rng.choice(_SEASONS)}",
        "recently",
        "in recent years",
        "over the past several months",
        f"in the {rng.choice(['first', 'second', 'third', 'fourth'])} quarter",
        f"in the {rng.choice(['1980s', '1990s', '2000s'])}",
        f"at {rng.randint(1, 11)} {rng.choice(['a.m.', 'p.m.'])} on {weekday}",
        f"at {rng.randint(0, 23):02d}:{rng.choice(['00', '15', '30', '45'])} local time",
    ]
    return rng.choice(choices)


def _future_when(rng: random.Random, published: date) -> str:
    """A date expression for something expected after `published`."""
    after = published + timedelta(days=rng.randint(1, 300))
    weekday = _WEEKDAYS[(published + timedelta(days=rng.randint(1, 6))).weekday()]
    choices = [
        f"on {weekday}",
        f"next {weekday}",
        "tomorrow",
        "next week",
        "next month",
        "later this year",
        "next year",
        f"by {_MONTHS[after.month - 1]} {after.year}",
        f"on {_MONTHS[after.month - 1]} {after.day}",
        f"in {rng.choice(_NUMBERS)} weeks",
        f"within {rng.choice(_NUMBERS)} months",
        "in the coming days",
        "soon",
        f"before the end of {after.year}",
        f"this {rng.choice(_SEASONS)}",
    ]
    return rng.choice(choices)


def _duration(rng: random.Random) -> str:
    unit = rng.choice(["days", "weeks", "months", "years", "hours"])
    return rng.choice(
        [f"for {rng.choice(_NUMBERS)} {unit}", "for nearly a decade", "every year", "each Monday"]
    )


def _sentence(rng: random.Random, published: date) -> str:
    actor, person, role = rng.choice(_ACTORS), rng.choice(_PEOPLE), rng.choice(_ROLES)
    thing = rng.choice(_OBJECTS)
    templates = [
        lambda: f"{actor} {rng.choice(_PAST)} {thing} {_past_when(rng, published)}.",
        lambda: f"{_cap(_past_when(rng, published))}, {actor.lower()} {rng.choice(_PAST)} {thing}.",
        lambda: f"{actor} will {rng.choice(_FUTURE)} {thing} {_future_when(rng, published)}.",
        lambda: f'"{rng.choice(_QUOTES)}," {person}, {role}, said {_past_when(rng, published)}.',
        lambda: f"{actor} in {rng.choice(_PLACES)} have discussed {thing} {_duration(rng)}.",
        lambda: (
            f"{person} said {actor.lower()} hoped to {rng.choice(_FUTURE)} {thing} "
            f"{_future_when(rng, published)}, after talks {_past_when(rng, published)}."
        ),
        lambda: rng.choice(_FILLER),
        lambda: rng.choice(_FILLER),
    ]
    return rng.choice(templates)()


def _paragraph(rng: random.Random, published: date) -> str:
    return " ".join(_sentence(rng, published) for _ in range(rng.randint(2, 4)))


def _generated(rng: random.Random, index: int) -> BenchArticle:
    start = date(FIRST_YEAR, 1, 1).toordinal()
    published = date.fromordinal(rng.randint(start, date(LAST_YEAR, 12, 31).toordinal()))
    place = rng.choice(_PLACES)
    lead = (
        f"{place.upper()} - {rng.choice(_ACTORS)} {rng.choice(_PAST)} {rng.choice(_OBJECTS)} "
        f"{rng.choice(['on ' + _WEEKDAYS[published.weekday()], 'today', 'this week'])}, "
        f"{rng.choice(_PEOPLE)} said."
    )
    paragraphs = [lead] + [_paragraph(rng, published) for _ in range(rng.randint(8, 18))]
    text = "\n\n".join(paragraphs) + "\n"
    slug = _slug(" ".join(lead.split()[2:8]))
    return BenchArticle(f"{published.isoformat()}_{index:06d}_{slug}.txt", published, text)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


def main(argv: list[str] | None = None) -> int:
    """Write the corpus into a folder and say how much was written."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, metavar="OUT_DIR")
    parser.add_argument("--articles", type=int, default=1000, metavar="N")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    paths = write_corpus(args.folder, args.articles, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths):,} articles, {size / 1e6:.1f} MB, to {args.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

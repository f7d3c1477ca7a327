"""A deterministic corpus of real news text for benchmarks (issue 2 speed, issue 6 scale).

Every article is made of the TempEval-3 TBAQ documents (TimeBank + AQUAINT, 256 news stories of
1989-2000, ../shared/corpora/tbaq-cleaned), cycled, moved in time and joined:

- article `i` is document `a = (i + seed) mod 256` (sorted by path), copy `k = i // 256`;
- it is published in year `2005 + (a + k) mod 21` on its document's month and day (29 February
  becomes the 28th): copies of one story spread over 2005-2025;
- every 4-digit year inside a gold DATE expression of the text moves by the same number of years,
  so "in 1997" stays one year before publication; weekday names, two-digit years and numbers
  outside gold expressions are left alone;
- paragraphs of a second document `(a + 1 + k) mod 256`, moved alike, follow until the article
  reaches 2,500 bytes (at least one paragraph, so articles average 3.1 KB where TBAQ stories
  average 2 KB); the second story also makes every copy's text distinct when it has no year.

So 10,000 articles are 31 MB of real news prose with ~39 copies of each story, no two texts
equal (stores keyed by content hash see n distinct articles), streamed in constant memory.

API (kept small; other benchmarks import it):

- `BenchArticle(name, published, text)`; `.file_text` is the file form with the inline header
  (`" date 2017-02-22 NAIROBI, Kenya (AP) ..."`, like data/2017-02-22_*.txt).
- `iter_articles(n=1000, seed=0)` -> iterator of `BenchArticle`.
- `article_pairs(n=1000, seed=0)` -> list of `(text, published)` for `tag_text(text, published)`.
- `write_corpus(folder, n=1000, seed=0)` -> list of the written `.txt` paths.
- `cached_corpus(folder, n, seed)` -> the same, written only when `folder` does not hold it yet.

Command line: `python bench/corpus.py OUT_DIR [--articles N] [--seed S]`.
"""

from __future__ import annotations

import argparse
import calendar
import functools
import hashlib
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]
if str(_ROOT) not in sys.path:  # run as `python bench/corpus.py`: make `timeline` importable
    sys.path.insert(0, str(_ROOT))

from timeline.scoring.gold import read_corpus  # noqa: E402

TBAQ_DIR = _ROOT.parent / "shared" / "corpora" / "tbaq-cleaned"
BENCH_DIR = Path(tempfile.gettempdir()) / "timeline-bench"  # where benchmarks cache corpora
FIRST_YEAR, LAST_YEAR = 2005, 2025
TARGET_BYTES = 2500
# Hidden, so loaders and the dashboard skip it; names what the folder holds.
MARKER = ".bench-corpus"
# Bump when the method above changes, so cached folders are rewritten.
METHOD_VERSION = 2


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
    n: int = 1000, seed: int = 0, tbaq_dir: Path = TBAQ_DIR
) -> Iterator[BenchArticle]:
    """Yield `n` distinct articles, deterministically for a given seed.

    >>> first = list(iter_articles(3, seed=1))
    >>> [a.name for a in first] == [a.name for a in iter_articles(3, seed=1)]
    True
    >>> first[0].file_text.startswith(f" date {first[0].published.isoformat()} ")
    True
    """
    sources = _tbaq_sources(tbaq_dir)
    if not sources:
        raise FileNotFoundError(f"no TimeML documents with a DCT under {tbaq_dir}")
    seen: set[bytes] = set()
    for index in range(n):
        attempt = 0
        while True:  # only past 256 x 255 articles can a pair of stories come back
            article = _article(index, seed, attempt, sources)
            digest = hashlib.blake2b(article.text.encode("utf-8"), digest_size=16).digest()
            if digest not in seen:
                seen.add(digest)
                yield article
                break
            attempt += 1


def article_pairs(n: int = 1000, seed: int = 0) -> list[tuple[str, date]]:
    """The articles as `(text, published)` pairs in memory, ready for `tag_text(text, published)`.

    >>> text, published = article_pairs(1)[0]
    >>> isinstance(text, str) and isinstance(published, date)
    True
    """
    return [(a.text, a.published) for a in iter_articles(n, seed)]


def write_corpus(folder: str | Path, n: int = 1000, seed: int = 0) -> list[Path]:
    """Write the articles as UTF-8 `.txt` files with the inline date header; return the paths."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for article in iter_articles(n, seed):
        path = out / article.name
        path.write_text(article.file_text, encoding="utf-8")
        paths.append(path)
    return paths


def cached_corpus(folder: str | Path, n: int = 10_000, seed: int = 0) -> tuple[list[Path], bool]:
    """The corpus's paths in `folder`, written first unless already there; True when written.

    A folder this module wrote for other parameters is rewritten; any other non-empty folder is
    refused, so a wrong path never deletes someone's files.
    """
    out = Path(folder)
    marker = out / MARKER
    wanted = f"articles={n} seed={seed} method={METHOD_VERSION}\n"
    if marker.is_file() and marker.read_text() == wanted:
        return sorted(out.glob("*.txt")), False
    if out.exists() and any(out.iterdir()):
        if not marker.is_file():
            raise FileExistsError(f"{out} holds files that bench/corpus.py did not write")
        shutil.rmtree(out)
    paths = write_corpus(out, n, seed)
    marker.write_text(wanted)  # last: an interrupted write is redone next time
    return sorted(paths), True


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
        sources.append(_Source(doc.id, doc.dct, doc.text, tuple(sorted(spans))))
    return tuple(sources)


def _article(index: int, seed: int, attempt: int, sources: tuple[_Source, ...]) -> BenchArticle:
    count = len(sources)
    first, copy = (index + seed) % count, index // count
    main = sources[first]
    year = FIRST_YEAR + (first + copy) % (LAST_YEAR - FIRST_YEAR + 1)
    delta = year - main.published.year
    published = main.published.replace(
        year=year, day=min(main.published.day, calendar.monthrange(year, main.published.month)[1])
    )
    paragraphs = _paragraphs(main, delta)
    size = sum(len(p.encode("utf-8")) + 2 for p in paragraphs)
    extra = _paragraphs(sources[(first + 1 + copy + attempt) % count], delta)
    for paragraph in extra:
        paragraphs.append(paragraph)
        size += len(paragraph.encode("utf-8")) + 2
        if size >= TARGET_BYTES:
            break
    text = "\n\n".join(paragraphs) + "\n"
    slug = re.sub(r"[^a-z0-9]+", "-", main.id.lower()).strip("-")[:60]
    return BenchArticle(f"{published.isoformat()}_{index:06d}_{slug}.txt", published, text)


def _paragraphs(source: _Source, delta: int) -> list[str]:
    """The source's text with its gold years moved by `delta`, as stripped paragraphs."""
    parts = []
    pos = 0
    for start, end in source.year_spans:
        parts.append(source.text[pos:start])
        parts.append(str(int(source.text[start:end]) + delta))
        pos = end
    parts.append(source.text[pos:])
    return [p.strip() for p in "".join(parts).split("\n\n") if p.strip()]


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

"""TimeML / MEANTIME gold readers and the TempEval-3 Task A scorer for temporal expressions.

The method is the one of UzZaman et al. (2013), "SemEval-2013 Task 1: TempEval-3", Task A:
micro-averaged over the corpus,

- strict span P/R/F1: a system expression matches a gold one when the boundaries are identical;
- relaxed span P/R/F1: they match when they share at least one character; matching is one-to-one,
  pairs taken greedily by largest overlap;
- value and type accuracy over the relaxed matches (exact string equality), and the attribute
  F1 = accuracy x relaxed F1 (equivalently: P and R counting only matches with a correct value).

The DCT is not scored: it is the reference date given to the tagger, not part of the text.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TextIO

from timeline.anchor import TimexLike, tag_text
from timeline.scoring.gold import GoldDocument, GoldTimex, read_corpus_report
from timeline.sentences import split_sentences

Tagger = Callable[[str, date], Sequence[TimexLike]]


@dataclass(frozen=True)
class SystemTimex:
    """A tagger's expression, copied to the fields the scorer uses."""

    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True)
class Match:
    """A gold expression paired with a system one."""

    gold: GoldTimex
    system: SystemTimex

    @property
    def exact(self) -> bool:
        """True when the boundaries are identical."""
        return (self.gold.start, self.gold.end) == (self.system.start, self.system.end)


@dataclass(frozen=True)
class DocumentResult:
    """The matches and errors of one document."""

    document: GoldDocument
    system: tuple[SystemTimex, ...]
    strict: tuple[Match, ...]
    relaxed: tuple[Match, ...]
    misses: tuple[GoldTimex, ...]  # gold with no relaxed match
    false_alarms: tuple[SystemTimex, ...]  # system with no relaxed match
    invalid: tuple[SystemTimex, ...] = ()  # system spans whose text != document text[start:end]

    @property
    def wrong_values(self) -> tuple[Match, ...]:
        """Relaxed matches whose value differs from gold."""
        return tuple(m for m in self.relaxed if m.gold.value != m.system.value)

    @property
    def wrong_types(self) -> tuple[Match, ...]:
        """Relaxed matches whose type differs from gold."""
        return tuple(m for m in self.relaxed if m.gold.type != m.system.type)

    @property
    def inexact(self) -> tuple[Match, ...]:
        """Relaxed matches whose boundaries differ from gold."""
        return tuple(m for m in self.relaxed if not m.exact)


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1."""

    precision: float
    recall: float
    f1: float

    @classmethod
    def of(cls, matched: int, system: int, gold: int) -> PRF:
        """P = matched/system, R = matched/gold, F1 their harmonic mean (0 when undefined).

        >>> PRF.of(3, 4, 6)
        PRF(precision=0.75, recall=0.5, f1=0.6)
        """
        precision = matched / system if system else 0.0
        recall = matched / gold if gold else 0.0
        total = precision + recall
        return cls(precision, recall, 2 * precision * recall / total if total else 0.0)


@dataclass(frozen=True)
class Scores:
    """Micro-averaged TempEval-3 Task A scores over a corpus, with the per-document results."""

    documents: tuple[DocumentResult, ...]
    skipped: tuple[str, ...] = field(default=())  # documents not scored, with the reason

    @property
    def gold(self) -> int:
        """Number of gold expressions."""
        return sum(len(r.document.timexes) for r in self.documents)

    @property
    def system(self) -> int:
        """Number of system expressions."""
        return sum(len(r.system) for r in self.documents)

    @property
    def strict_matches(self) -> int:
        """Number of exact-boundary matches."""
        return sum(len(r.strict) for r in self.documents)

    @property
    def relaxed_matches(self) -> int:
        """Number of overlap matches (one-to-one)."""
        return sum(len(r.relaxed) for r in self.documents)

    @property
    def value_correct(self) -> int:
        """Relaxed matches with the gold value."""
        return self.relaxed_matches - sum(len(r.wrong_values) for r in self.documents)

    @property
    def type_correct(self) -> int:
        """Relaxed matches with the gold type."""
        return self.relaxed_matches - sum(len(r.wrong_types) for r in self.documents)

    @property
    def strict(self) -> PRF:
        """Strict span P/R/F1."""
        return PRF.of(self.strict_matches, self.system, self.gold)

    @property
    def relaxed(self) -> PRF:
        """Relaxed span P/R/F1."""
        return PRF.of(self.relaxed_matches, self.system, self.gold)

    @property
    def value(self) -> PRF:
        """Value P/R/F1: only relaxed matches with the right value count; F1 = accuracy x F1."""
        return PRF.of(self.value_correct, self.system, self.gold)

    @property
    def type(self) -> PRF:
        """Type P/R/F1, like `value`."""
        return PRF.of(self.type_correct, self.system, self.gold)

    @property
    def value_accuracy(self) -> float:
        """Share of relaxed matches whose value equals gold."""
        return self.value_correct / self.relaxed_matches if self.relaxed_matches else 0.0

    @property
    def type_accuracy(self) -> float:
        """Share of relaxed matches whose type equals gold."""
        return self.type_correct / self.relaxed_matches if self.relaxed_matches else 0.0


# --- scoring -----------------------------------------------------------------------------------


def score_document(document: GoldDocument, system: Iterable[TimexLike]) -> DocumentResult:
    """Match a document's system expressions against its gold ones (TempEval-3 Task A).

    >>> doc = GoldDocument("d", "", "Sales fell last week.", date(2017, 2, 22), "2017-02-22",
    ...                    (GoldTimex(11, 20, "last week", "DATE", "2017-W07"),), "timeml")
    >>> result = score_document(doc, [SystemTimex(16, 20, "week", "DURATION", "P1W")])
    >>> len(result.strict), len(result.relaxed), len(result.wrong_values)
    (0, 1, 1)
    """
    found = tuple(
        sorted(
            (SystemTimex(t.start, t.end, t.text, t.type, t.value) for t in system),
            key=lambda t: (t.start, t.end),
        )
    )
    gold = document.timexes
    invalid = tuple(t for t in found if document.text[t.start : t.end] != t.text)

    # strict: identical boundaries, one-to-one
    by_span: dict[tuple[int, int], list[GoldTimex]] = {}
    for g in gold:
        by_span.setdefault((g.start, g.end), []).append(g)
    strict: list[Match] = []
    for s in found:
        candidates = by_span.get((s.start, s.end))
        if candidates:
            strict.append(Match(candidates.pop(0), s))

    # relaxed: any overlap, one-to-one, greedy by largest overlap (then the tighter pair)
    pairs: list[tuple[int, int, int, int]] = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(found):
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if overlap > 0:
                union = max(g.end, s.end) - min(g.start, s.start)
                pairs.append((-overlap, union - overlap, gi, si))
    pairs.sort()
    used_gold: set[int] = set()
    used_system: set[int] = set()
    relaxed: list[Match] = []
    for _, _, gi, si in pairs:
        if gi in used_gold or si in used_system:
            continue
        used_gold.add(gi)
        used_system.add(si)
        relaxed.append(Match(gold[gi], found[si]))
    relaxed.sort(key=lambda m: (m.gold.start, m.gold.end))
    return DocumentResult(
        document=document,
        system=found,
        strict=tuple(strict),
        relaxed=tuple(relaxed),
        misses=tuple(g for gi, g in enumerate(gold) if gi not in used_gold),
        false_alarms=tuple(s for si, s in enumerate(found) if si not in used_system),
        invalid=invalid,
    )


def score_corpus(
    documents: Iterable[GoldDocument],
    tagger: Tagger = tag_text,
    skipped: Sequence[str] = (),
) -> Scores:
    """Tag each document's text with its DCT and score it; documents with no DCT are skipped.

    >>> doc = GoldDocument("d", "", "He left on Friday.", date(2017, 2, 22), "2017-02-22",
    ...                    (GoldTimex(11, 17, "Friday", "DATE", "2017-02-17"),), "timeml")
    >>> fake = lambda text, dct: [SystemTimex(11, 17, "Friday", "DATE", "2017-02-24")]
    >>> scores = score_corpus([doc], tagger=fake)
    >>> scores.strict.f1, scores.relaxed.f1, scores.value.f1
    (1.0, 1.0, 0.0)
    """
    results: list[DocumentResult] = []
    left_out = list(skipped)
    for document in documents:
        if document.dct is None:
            left_out.append(f"{document.path}: no DCT to resolve against")
            continue
        results.append(score_document(document, tagger(document.text, document.dct)))
    return Scores(documents=tuple(results), skipped=tuple(left_out))


# --- reports -----------------------------------------------------------------------------------


def format_scores(scores: Scores) -> str:
    """The TempEval-3 Task A table, in percent like the published results.

    >>> print(format_scores(Scores(documents=())))  # doctest: +NORMALIZE_WHITESPACE
    TempEval-3 Task A: 0 documents, 0 gold TIMEX3, 0 tagged
                          P       R      F1
    strict span        0.00    0.00    0.00
    relaxed span       0.00    0.00    0.00
    value              0.00    0.00    0.00   accuracy 0.00 over 0 relaxed matches
    type               0.00    0.00    0.00   accuracy 0.00 over 0 relaxed matches
    """
    formats = sorted({r.document.format for r in scores.documents})
    lines = _score_table(scores, "TempEval-3 Task A")
    if len(formats) > 1:
        for name in formats:
            part = Scores(tuple(r for r in scores.documents if r.document.format == name))
            lines.append("")
            lines.extend(_score_table(part, f"{name} only"))
    if scores.skipped:
        lines.append(f"not scored ({len(scores.skipped)}):")
        shown = scores.skipped if len(scores.skipped) <= 12 else scores.skipped[:10]
        lines.extend(f"  {reason}" for reason in shown)
        if len(shown) < len(scores.skipped):
            lines.append(f"  ... and {len(scores.skipped) - len(shown)} more")
    return "\n".join(lines)


def _score_table(scores: Scores, title: str) -> list[str]:
    lines = [
        f"{title}: {len(scores.documents):,} documents, {scores.gold:,} gold TIMEX3, "
        f"{scores.system:,} tagged",
        f"{'':14}{'P':>8}{'R':>8}{'F1':>8}",
    ]
    rows = (
        ("strict span", scores.strict, ""),
        ("relaxed span", scores.relaxed, ""),
        ("value", scores.value, _accuracy(scores.value_accuracy, scores.relaxed_matches)),
        ("type", scores.type, _accuracy(scores.type_accuracy, scores.relaxed_matches)),
    )
    for name, prf, note in rows:
        line = f"{name:14}{prf.precision * 100:8.2f}{prf.recall * 100:8.2f}{prf.f1 * 100:8.2f}"
        lines.append(f"{line}   {note}" if note else line)
    return lines


def _accuracy(accuracy: float, matches: int) -> str:
    return f"accuracy {accuracy * 100:.2f} over {matches:,} relaxed matches"


def format_errors(scores: Scores) -> str:
    """Per document: misses, false alarms, wrong values and types, inexact spans, with sentences.

    >>> doc = GoldDocument("d", "", "He left on Friday.", date(2017, 2, 22), "2017-02-22",
    ...                    (GoldTimex(11, 17, "Friday", "DATE", "2017-02-17"),), "timeml")
    >>> fake = lambda text, dct: [SystemTimex(11, 17, "Friday", "DATE", "2017-02-24")]
    >>> print(format_errors(score_corpus([doc], tagger=fake)))
    == d (DCT 2017-02-22): 0 missed, 0 false alarms, 1 wrong values, 0 wrong types, 0 inexact
      value   'Friday' DATE gold 2017-02-17 ours 2017-02-24
              | He left on Friday.
    """
    blocks: list[str] = []
    for result in scores.documents:
        lines = _document_errors(result)
        if lines:
            blocks.append("\n".join(lines))
    return "\n".join(blocks)


def _document_errors(result: DocumentResult) -> list[str]:
    wrong_values, wrong_types, inexact = result.wrong_values, result.wrong_types, result.inexact
    if not (
        result.misses
        or result.false_alarms
        or wrong_values
        or wrong_types
        or inexact
        or result.invalid
    ):
        return []
    document = result.document
    text = document.text
    _sentence = _sentence_finder(text)
    entries: list[tuple[int, str, str]] = []  # (offset, line, sentence)
    for g in result.misses:
        entries.append(
            (g.start, f"miss    {g.text!r} {g.type} {g.value}", _sentence(g.start, g.end))
        )
    for s in result.false_alarms:
        entries.append(
            (s.start, f"false   {s.text!r} {s.type} {s.value}", _sentence(s.start, s.end))
        )
    for m in wrong_values:
        line = f"value   {m.gold.text!r} {m.gold.type} gold {m.gold.value} ours {m.system.value}"
        if not m.exact:
            line += f" (ours on {m.system.text!r})"
        entries.append((m.gold.start, line, _sentence(m.gold.start, m.gold.end)))
    for m in wrong_types:
        line = f"type    {m.gold.text!r} gold {m.gold.type} ours {m.system.type}"
        entries.append((m.gold.start, line, ""))
    for m in inexact:
        if m.gold.value != m.system.value:
            continue  # already listed with its value
        line = f"span    gold {m.gold.text!r} ours {m.system.text!r} ({m.gold.value})"
        entries.append((m.gold.start, line, ""))
    for s in result.invalid:
        line = f"offsets ours {s.text!r} at {s.start}:{s.end} but text there is "
        line += repr(text[s.start : s.end])
        entries.append((s.start, line, ""))
    header = (
        f"== {document.id} (DCT {document.dct_value}): {len(result.misses)} missed, "
        f"{len(result.false_alarms)} false alarms, {len(wrong_values)} wrong values, "
        f"{len(wrong_types)} wrong types, {len(inexact)} inexact"
    )
    lines = [header]
    for _, line, sentence in sorted(entries, key=lambda e: e[0]):
        lines.append(f"  {line}")
        if sentence:
            lines.append(f"          | {sentence}")
    return lines


def _sentence_finder(text: str) -> Callable[[int, int], str]:
    """A function giving the sentence(s) around text[start:end], on one line, cut to ~240 chars.

    >>> _sentence_finder("First one. He left on Friday. Then more.")(22, 28)
    'He left on Friday.'
    """
    spans = split_sentences(text)
    starts = [start for start, _ in spans]

    def find(start: int, end: int, width: int = 240) -> str:
        first = max(0, bisect_right(starts, start) - 1)
        last = max(first, bisect_right(starts, max(start, end - 1)) - 1)
        left = spans[first][0] if spans else 0
        right = spans[last][1] if spans else len(text)
        sentence = " ".join(text[left:right].split())
        if len(sentence) > width:
            middle = len(" ".join(text[left:start].split()))
            cut = max(0, middle - width // 2)
            sentence = f"...{sentence[cut : cut + width]}..."
        return sentence

    return find


def format_summary(rows: Sequence[tuple[str, Scores]]) -> str:
    """One row per corpus and their micro-averaged total, in percent.

    >>> print(format_summary([("a", Scores(documents=())), ("b", Scores(documents=()))]))
    ... # doctest: +NORMALIZE_WHITESPACE
    corpus  docs  gold  tagged  strict F1  relaxed P  relaxed R  relaxed F1  value F1  type acc.
    a          0     0       0       0.00       0.00       0.00        0.00      0.00       0.00
    b          0     0       0       0.00       0.00       0.00        0.00      0.00       0.00
    total      0     0       0       0.00       0.00       0.00        0.00      0.00       0.00
    """
    total = Scores(tuple(r for _, scores in rows for r in scores.documents))
    named = [*rows, ("total", total)] if len(rows) > 1 else list(rows)
    width = max(len("corpus"), *(len(name) for name, _ in named))
    numbers = ("docs", "gold", "tagged")
    percents = ("strict F1", "relaxed P", "relaxed R", "relaxed F1", "value F1", "type acc.")
    lines = [f"{'corpus':<{width}}" + "".join(f"{h:>8}" for h in numbers)]
    lines[0] += "".join(f"{h:>11}" for h in percents)
    for name, scores in named:
        counts = (len(scores.documents), scores.gold, scores.system)
        shares = (
            scores.strict.f1,
            scores.relaxed.precision,
            scores.relaxed.recall,
            scores.relaxed.f1,
            scores.value.f1,
            scores.type_accuracy,
        )
        line = f"{name:<{width}}" + "".join(f"{count:>8,}" for count in counts)
        lines.append(line + "".join(f"{share * 100:>11.2f}" for share in shares))
    return "\n".join(lines)


def main_evaluate(
    corpus_dirs: str | Sequence[str],
    errors: bool,
    out: TextIO,
    err: TextIO | None = None,
    tagger: Tagger = tag_text,
) -> int:
    """Read the gold under each corpus folder, tag it, print the scores (and errors); exit code.

    One folder gets the full P/R/F1 table; several get one row each and a total. Returns 0, or
    1 when some folder held no gold that could be read (one line on `err` says so; the others
    are still scored).
    """
    err = sys.stderr if err is None else err
    folders = [corpus_dirs] if isinstance(corpus_dirs, str) else list(corpus_dirs)
    scored: list[tuple[str, Scores]] = []
    failed = False
    for folder in folders:
        scores = _score_folder(folder, tagger, err)
        if scores is None:
            failed = True
            continue
        scored.append((folder, scores))
        if errors:
            listing = format_errors(scores)
            if listing:
                if len(folders) > 1:
                    print(f"### {folder}", file=out)
                print(listing, file=out)
                print(file=out)
    if len(folders) == 1 and scored:
        print(format_scores(scored[0][1]), file=out)
    elif scored:
        print(format_summary(scored), file=out)
        for folder, scores in scored:
            if scores.skipped:
                print(f"{folder}: {len(scores.skipped)} files not scored:", file=out)
                print("\n".join(f"  {reason}" for reason in scores.skipped), file=out)
    return 1 if failed or not scored else 0


def _score_folder(folder: str, tagger: Tagger, err: TextIO) -> Scores | None:
    try:
        documents, skipped = read_corpus_report(folder)
    except (OSError, ET.ParseError, ValueError) as error:
        print(f"{folder}: cannot read the gold corpus ({error})", file=err)
        return None
    if not documents:
        print(f"{folder}: no TimeML (.tml) or MEANTIME (.xml) gold found", file=err)
        return None
    return score_corpus(documents, tagger=tagger, skipped=skipped)

"""Gold readers for temporal-expression corpora: inline TimeML (TBAQ, WikiWars, TempEval-3) and
MEANTIME's CAT XML, each turned into a `GoldDocument` of text, DCT and TIMEX3 spans with Python
str offsets. Also the detokenizer and day parsers the other scorers share."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

# MEANTIME annotates TIMEX3 only in token sentences 0-5 (title, date line, first four sentences of
# the body): see ../shared/corpora/meantime-en/PROVENANCE.md. Text beyond is left out of scoring.
MEANTIME_LAST_ANNOTATED_SENTENCE = 5


@dataclass(frozen=True)
class GoldTimex:
    """One gold TIMEX3 with Python str offsets into `GoldDocument.text`."""

    start: int
    end: int
    text: str
    type: str
    value: str
    tid: str = ""


@dataclass(frozen=True)
class GoldDocument:
    """A gold document: the plain text the tagger reads, its DCT, and the gold expressions."""

    id: str
    path: str
    text: str
    dct: date | None
    dct_value: str
    timexes: tuple[GoldTimex, ...]
    format: str  # "timeml" | "meantime"


# --- readers -----------------------------------------------------------------------------------


def read_timeml(path: str | Path) -> GoldDocument:
    """Read a TimeML `.tml` file: plain text of `<TEXT>`, its TIMEX3 with offsets, and the DCT.

    >>> import tempfile
    >>> tml = ('<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" '
    ...        'functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT><TEXT>Sales fell '
    ...        '<TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday</TIMEX3> &amp; rose.'
    ...        '</TEXT></TimeML>')
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = Path(tmp) / "doc.tml"
    ...     _ = path.write_text(tml)
    ...     doc = read_timeml(path)
    >>> doc.text, doc.dct
    ('Sales fell yesterday & rose.', datetime.date(1998, 1, 8))
    >>> gold = doc.timexes[0]
    >>> doc.text[gold.start:gold.end], gold.value
    ('yesterday', '1998-01-07')
    """
    path = Path(path)
    root = ET.parse(path).getroot()
    dct_value = ""
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct_value = timex.get("value", "")
            break
    text_element = root.find(".//TEXT")
    if text_element is None:
        raise ValueError(f"{path}: no <TEXT> element")
    parts: list[str] = []
    timexes: list[GoldTimex] = []
    _flatten(text_element, parts, timexes, 0)
    plain = "".join(parts)
    docid = root.findtext("DOCID") or path.stem
    return GoldDocument(
        id=docid.strip() or path.stem,
        path=str(path),
        text=plain,
        dct=parse_day_value(dct_value),
        dct_value=dct_value,
        timexes=tuple(timexes),
        format="timeml",
    )


def _flatten(element: ET.Element, parts: list[str], timexes: list[GoldTimex], pos: int) -> int:
    """Append the text of `element` (tags removed) to `parts`; record TIMEX3 spans; new offset."""
    if element.text:
        parts.append(element.text)
        pos += len(element.text)
    for child in element:
        start = pos
        pos = _flatten(child, parts, timexes, pos)
        if child.tag == "TIMEX3" and pos > start:
            timexes.append(
                GoldTimex(
                    start=start,
                    end=pos,
                    text="".join(child.itertext()),
                    type=child.get("type", ""),
                    value=child.get("value", ""),
                    tid=child.get("tid", ""),
                )
            )
        if child.tail:
            parts.append(child.tail)
            pos += len(child.tail)
    return pos


def read_meantime(
    path: str | Path, last_sentence: int | None = MEANTIME_LAST_ANNOTATED_SENTENCE
) -> GoldDocument | None:
    """Read a MEANTIME CAT XML file; None when it has no DCT (nothing to resolve against).

    The text is rebuilt from the tokens: the title (sentence 0), then one line per body sentence,
    detokenized (no space before , . ) % 's and a closing quote, none after ( $ and an opening
    quote; PTB quotes `` '' become plain double quotes). Sentence 1, the date line that carries
    the DCT, is left out, as TimeML keeps the DCT out of `<TEXT>`; so are the sentences after
    `last_sentence`, which MEANTIME does not annotate (gold anchored there is dropped too).

    >>> import tempfile
    >>> xml = ('<Document doc_id="1"><token t_id="1" sentence="0" number="0">Title</token>'
    ...        '<token t_id="2" sentence="1" number="1">March</token>'
    ...        '<token t_id="3" sentence="1" number="2">1</token>'
    ...        '<token t_id="4" sentence="2" number="3">It</token>'
    ...        '<token t_id="5" sentence="2" number="4">fell</token>'
    ...        '<token t_id="6" sentence="2" number="5">on</token>'
    ...        '<token t_id="7" sentence="2" number="6">Monday</token>'
    ...        '<token t_id="8" sentence="2" number="7">.</token><Markables>'
    ...        '<TIMEX3 m_id="9" type="DATE" value="2008-03-01" functionInDocument="CREATION_TIME">'
    ...        '<token_anchor t_id="2"/><token_anchor t_id="3"/></TIMEX3>'
    ...        '<TIMEX3 m_id="10" type="DATE" value="2008-02-25" functionInDocument="NONE">'
    ...        '<token_anchor t_id="7"/></TIMEX3></Markables></Document>')
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = Path(tmp) / "doc.xml"
    ...     _ = path.write_text(xml)
    ...     doc = read_meantime(path)
    >>> doc.text, doc.dct, doc.timexes[0].text
    ('Title\\nIt fell on Monday.', datetime.date(2008, 3, 1), 'Monday')
    """
    path = Path(path)
    root = ET.parse(path).getroot()
    tokens: dict[str, tuple[int, int, str]] = {}  # t_id -> (sentence, number, text)
    for token in root.iter("token"):
        tokens[token.get("t_id", "")] = (
            int(token.get("sentence", "0")),
            int(token.get("number", "0")),
            token.text or "",
        )
    dct_value = ""
    dct_tokens: set[str] = set()
    anchored: list[tuple[ET.Element, list[str]]] = []
    for timex in root.iter("TIMEX3"):
        ids = [a.get("t_id", "") for a in timex.findall("token_anchor")]
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct_value = timex.get("value", "")
            dct_tokens.update(ids)
        elif ids:
            anchored.append((timex, ids))
    dct = parse_day_value(dct_value)
    if dct is None and dct_tokens:
        # one file has value="03-02-2009" on the date line "February 03 , 2009": read the line
        line = " ".join(t for _, _, t in sorted(tokens[i] for i in dct_tokens if i in tokens))
        dct = parse_written_day(line)
    if dct is None:
        return None
    dct_sentences = {tokens[i][0] for i in dct_tokens if i in tokens}

    kept = sorted(
        (
            (sentence, number, t_id, text)
            for t_id, (sentence, number, text) in tokens.items()
            if sentence not in dct_sentences
            and (last_sentence is None or sentence <= last_sentence)
        ),
    )
    plain, offsets = detokenize([(sentence, text) for sentence, _, _, text in kept])
    where = {t_id: offsets[i] for i, (_, _, t_id, _) in enumerate(kept)}

    timexes: list[GoldTimex] = []
    for timex, ids in anchored:
        spans = [where[i] for i in ids if i in where]
        if len(spans) != len(ids):
            continue  # anchored outside the scored text (date line or unannotated sentences)
        start = min(s for s, _ in spans)
        end = max(e for _, e in spans)
        timexes.append(
            GoldTimex(
                start=start,
                end=end,
                text=plain[start:end],
                type=timex.get("type", ""),
                value=timex.get("value", ""),
                tid=timex.get("m_id", ""),
            )
        )
    timexes.sort(key=lambda t: (t.start, t.end))
    return GoldDocument(
        id=root.get("doc_name") or path.stem,
        path=str(path),
        text=plain,
        dct=dct,
        dct_value=dct_value,
        timexes=tuple(timexes),
        format="meantime",
    )


_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'", "...", "n't"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "US$", "AU$", "#", "`"}
_CLITIC = re.compile(r"'(s|S|re|ve|ll|d|m|t)$")


def detokenize(
    tokens: Sequence[tuple[int, str]], sentence_break: str = "\n"
) -> tuple[str, list[tuple[int, int]]]:
    """Join (sentence, token) pairs into text, `sentence_break` between sentences; text and spans.

    >>> detokenize([(0, "He"), (0, "said"), (0, "``"), (0, "no"), (0, "''"), (0, ","),
    ...              (0, "(") , (0, "5"), (0, "%"), (0, ")"), (1, "It"), (1, "'s"), (1, ".")])[0]
    'He said "no", (5%)\\nIt\\'s.'
    """
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    previous_sentence: int | None = None
    glue_next = False  # the previous token opens: `(`, `$`, an opening quote
    quote_open = False
    for sentence, raw in tokens:
        if sentence != previous_sentence:
            quote_open = False
        opening: bool | None = None  # for quote tokens: opening or closing
        if raw == '"':
            opening = not quote_open
        elif raw in ("``", "''"):
            opening = raw == "``"
        if opening is not None:
            quote_open = opening
        if previous_sentence is None:
            separator = ""
        elif sentence != previous_sentence:
            separator = sentence_break
        elif glue_next or raw in _NO_SPACE_BEFORE or _CLITIC.match(raw) or opening is False:
            separator = ""
        else:
            separator = " "
        token = '"' if opening is not None else raw
        parts.append(separator)
        pos += len(separator)
        parts.append(token)
        spans.append((pos, pos + len(token)))
        pos += len(token)
        previous_sentence = sentence
        glue_next = raw in _NO_SPACE_AFTER or opening is True
    return "".join(parts), spans


def parse_day_value(value: str) -> date | None:
    """The day of a TIMEX3 value that starts with YYYY-MM-DD, else None.

    >>> parse_day_value("1998-02-27T08:17:00"), parse_day_value("PRESENT_REF")
    (datetime.date(1998, 2, 27), None)
    """
    match = re.match(r"\d{4}-\d{2}-\d{2}", value)
    if not match:
        return None
    try:
        return date.fromisoformat(match.group())
    except ValueError:
        return None


def parse_written_day(text: str) -> date | None:
    """A day written as 'February 03 , 2009' (MEANTIME's date lines), else None.

    >>> parse_written_day("February 03 , 2009"), parse_written_day("soon")
    (datetime.date(2009, 2, 3), None)
    """
    cleaned = " ".join(text.replace(",", " ").split())
    for pattern in ("%B %d %Y", "%b %d %Y", "%d %B %Y"):
        try:
            return datetime.strptime(cleaned, pattern).date()
        except ValueError:
            continue
    return None


def read_corpus(directory: str | Path) -> list[GoldDocument]:
    """Read every `.tml` and MEANTIME `.xml` file under `directory`, recursively, sorted by path.

    MEANTIME documents with no DCT and repeated document ids (MEANTIME's intra-doc and cross-doc
    folders hold the same articles) are left out; `read_corpus_report` says which.
    """
    return read_corpus_report(directory)[0]


def read_corpus_report(directory: str | Path) -> tuple[list[GoldDocument], list[str]]:
    """Like `read_corpus`, plus one line per file left out, with the reason."""
    documents: list[GoldDocument] = []
    skipped: list[str] = []
    seen: set[tuple[str, str]] = set()
    root = Path(directory)
    paths = [root] if root.is_file() else sorted(root.rglob("*"))
    for path in paths:
        if not path.is_file() or path.suffix.lower() not in (".tml", ".xml"):
            continue
        kind = _kind_of(path)
        document: GoldDocument | None
        try:
            if kind == "timeml":
                document = read_timeml(path)
            elif kind == "meantime":
                document = read_meantime(path)
            else:
                continue
        except (ET.ParseError, ValueError) as error:
            skipped.append(f"{path}: cannot read as {kind} ({error})")
            continue
        if document is None:
            skipped.append(f"{path}: MEANTIME document with no DCT (CREATION_TIME TIMEX3)")
            continue
        key = (document.format, document.id)
        if key in seen:
            skipped.append(f"{path}: same document id as one read before ({document.id})")
            continue
        seen.add(key)
        documents.append(document)
    return documents, skipped


def _kind_of(path: Path) -> str:
    """'timeml', 'meantime' or '' from the suffix and the root element's name."""
    if path.suffix.lower() == ".tml":
        return "timeml"
    try:
        with path.open("rb") as stream:
            for _, element in ET.iterparse(stream, events=("start",)):
                return {"TimeML": "timeml", "Document": "meantime"}.get(element.tag, "")
    except (OSError, ET.ParseError):
        return ""
    return ""

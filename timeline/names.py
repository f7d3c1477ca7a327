"""Find the people, organisations, places and products an article names, without a model.

Runs of capitalized words (with joining words such as "of", and model numbers after a brand, as
in "Boeing 777") are the candidates; their structure says what they are: a title before a name
("Mr.", "CEO") makes a person and is no part of the name, a company suffix ("Inc.") makes an
organisation and is dropped, a word that only opens a sentence is no name. Within the article,
shorter forms are tied to the full name they stand for: an acronym defined in brackets ("General
Motors (GM)"), a surname after the full name, the first word of a company, the model of a
product, the common short forms of `names-en.yaml` ("the Fed"). The words that stand for a name
at the start of the next sentence ("he", "the company") are tied by `follow.py`.
All tables are data in `timeline/rules/names-en.yaml` (loaded by `name_rules.py`).
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from timeline.name_rules import (
    ORGANISATION,
    PERSON,
    PLACE,
    PRODUCT,
    NameRules,
    best_kind,
    load_name_rules,
    model_singular,
    name_key,
)
from timeline.outlets import dateline_span

# How a mention is tied to its name: the name itself, or one of the shorter forms.
NAME, ACRONYM, SURNAME, GIVEN_NAME, FIRST_WORD, PART, SHORT_FORM, STAND_IN = (
    "name",
    "acronym",
    "surname",
    "given name",
    "first word",
    "part",
    "short form",
    "stand-in",
)

_TRIMMED = frozenset("-.")  # ends of a word that may not belong to a name
_POSSESSIVE = re.compile(r"(?:['\u2019]s|s['\u2019])$")
_DOTTED = re.compile(r"(?:[A-Za-z]\.){2,}")  # U.S., N.V.
_YEAR = re.compile(r"(?:1[89]|20)\d\d(?:s)?$")
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)$", re.IGNORECASE)
_ACRONYM = re.compile(r"[A-Z][A-Za-z&.\-]{0,8}[A-Z0-9]\.?")
_OPENING = re.compile(r"[\n:(\"\u201c\u2018`]\s*\Z")  # before a run that opens a line or quote
_QUANTITY = re.compile(r"[\d,.]+\d{3}")  # 10,000 or 1.500: an amount, no model
_DETERMINER_BEFORE = re.compile(r"(?<![\w-])(?:[Tt]he|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Aa]n?) \Z")
_WHO = re.compile(r",\s+(?:who|whose)\b")
_OPEN_BRACKET = re.compile(r"\s*\(\s*")
_TITLE_CASE_LINE = 0.7  # share of capitalized words that makes a line a title-case headline


@dataclass(frozen=True)
class NameMention:
    """A name (or a word standing for one) at [start, end) of an article's text."""

    start: int
    end: int
    text: str  # as written: "Steve Jobs", "Jobs", "GM", "he", "the company"
    name: str  # the name it stands for in this article, as written in full: "Steve Jobs"
    key: str  # that name's key, the same in every article: "steve jobs"
    kind: str  # person | organisation | place | product | "" (not known)
    via: str  # name | acronym | surname | given name | first word | part | short form | stand-in


@dataclass(slots=True)
class _Word:
    start: int
    end: int
    text: str
    possessive: bool = False


@dataclass
class _Candidate:
    """A run of capitalized words taken for a name, before it is tied to others."""

    words: list[_Word]
    initial: bool  # opens a sentence, a line or a quote
    kinds: Counter[str]
    acronym_of: _Candidate | None = None
    entity: _Entity | None = None
    via: str = NAME

    @property
    def start(self) -> int:
        return self.words[0].start

    @property
    def end(self) -> int:
        return self.words[-1].end

    @functools.cached_property
    def tokens(self) -> list[str]:
        return [w.text for w in self.words]


@dataclass
class _Entity:
    """One name of the article: its fullest form and what is known of its kind."""

    tokens: list[str]
    key: str
    kinds: Counter[str]
    first: int  # offset of its first full mention

    @property
    def text(self) -> str:
        return " ".join(self.tokens)

    def kind(self) -> str:
        return best_kind(self.kinds)


def find_names(
    text: str, excluded: Sequence[tuple[int, int]] = (), rules: NameRules | None = None
) -> list[NameMention]:
    """The names of one article, each mention tied to the full name it stands for.

    `excluded` spans (the article's date expressions) and the dateline the article opens with
    are never part of a name.

    >>> text = ("General Motors (GM) said Monday that CEO Mary Barra will speak. "
    ...         "GM shares rose. Barra said the plan works.")
    >>> [(m.text, m.name, m.kind, m.via) for m in find_names(text, [(25, 31)])]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('General Motors', 'General Motors', 'organisation', 'name'),
     ('GM', 'General Motors', 'organisation', 'acronym'),
     ('Mary Barra', 'Mary Barra', 'person', 'name'),
     ('GM', 'General Motors', 'organisation', 'acronym'),
     ('Barra', 'Mary Barra', 'person', 'surname')]
    """
    rules = rules or load_name_rules()
    dateline = dateline_span(text)  # "NAIROBI, Kenya (AP) _": the story's place and outlet
    candidates = _candidates(text, sorted([*excluded, *([dateline] if dateline else [])]), rules)
    _tie_acronyms(text, candidates, rules)
    candidates = _drop_sentence_openers(text, candidates, rules)
    _tie_within_article(candidates, rules)
    kinds: dict[int, str] = {}  # each entity's kind, worked out once
    return [
        NameMention(
            c.start,
            c.end,
            text[c.start : c.end],
            c.entity.text,
            c.entity.key,
            kinds[id(c.entity)]
            if id(c.entity) in kinds
            else kinds.setdefault(id(c.entity), c.entity.kind()),
            c.via,
        )
        for c in candidates
        if c.entity is not None
    ]


# --- runs of capitalized words ----------------------------------------------------------------


def _words(text: str, excluded: Sequence[tuple[int, int]], rules: NameRules) -> list[_Word]:
    """The words that can make a name: capitalized ones, numbers and joining words; the
    lowercase words between them only break runs (by the gap they leave)."""
    words: list[_Word] = []
    cut = 0
    for match in rules.name_words.finditer(text):
        start, end = match.span()
        while cut < len(excluded) and excluded[cut][1] <= start:
            cut += 1
        if cut < len(excluded) and excluded[cut][0] < end:
            words.append(_Word(start, start, ""))  # a date: breaks any run
            continue
        word = match.group()
        if word[-1] not in _TRIMMED and "'" not in word and "\u2019" not in word:
            words.append(_Word(start, end, word, False))  # most words: nothing to trim
            continue
        possessive = bool(_POSSESSIVE.search(word)) and len(word) > 2
        if possessive:
            word = word[:-2] if word[-1] in "sS" and word[-2] in "'\u2019" else word[:-1]
        elif word[-1] in "'\u2019":
            word = word[:-1]
        while word.endswith("-"):
            word = word[:-1]
        if word.endswith(".") and not _keeps_dot(word):
            word = word[:-1]
        if word:
            words.append(_Word(start, start + len(word), word, possessive))
    return words


def _keeps_dot(word: str) -> bool:
    rules = load_name_rules()
    return (
        bool(_DOTTED.fullmatch(word))
        or (len(word) == 2 and word[0].isupper())  # an initial: "Michael M. Sears"
        or word in rules.company_suffixes
        or (word.lower(),) in rules.title_set
    )


def _capitalized(word: str) -> bool:
    """A word that can be part of a name: capitalized, or with a capital inside ("iPhone")."""
    first = word[0]
    return first.isupper() or (first.islower() and any(c.isupper() for c in word[1:]))


def _model_number(word: str, previous: str) -> bool:
    """A number after a brand that names a model ("Boeing 777", "iPhone 4"), not a year."""
    return (
        word[0].isdigit()
        and not _YEAR.match(word)
        and not _ORDINAL.match(word)
        and not any(c.isdigit() for c in previous)
        and len(word) <= 8
        and not _QUANTITY.fullmatch(word)
    )


def _model_start(text: str, words: list[_Word], index: int, rules: NameRules) -> bool:
    """A model number after a determiner ("the 787", "its new 7E7"): a product's name when
    the article names that product in full (else it is dropped when names are tied)."""
    word = words[index].text
    if not word[0].isdigit() or not _model_number(word, ""):
        return False
    start = words[index].start
    before = text[max(0, start - 10) : start].lower()
    return bool(rules.model_determiner.search(before)) and (
        len(word) >= 3 or any(c.isalpha() for c in word)
    )


def _candidates(
    text: str, excluded: Sequence[tuple[int, int]], rules: NameRules
) -> list[_Candidate]:
    words = _words(text, excluded, rules)
    runs: list[list[_Word]] = []
    run: list[_Word] = []
    pending: list[_Word] = []  # connectors waiting for a capitalized word after them
    for index, word in enumerate(words):
        joined = (
            bool(run)
            and word.start == words[index - 1].end + 1
            and text[word.start - 1] == " "
            and not run[-1].possessive
        )
        if (
            word.text
            and joined
            and (
                _capitalized(word.text)
                or (
                    _model_number(word.text, run[-1].text)
                    # "an American Airlines 777": the airline's plane, no name of theirs
                    and rules.kind_heads.get(run[-1].text) != ORGANISATION
                )
            )
        ):
            run.extend(pending)
            run.append(word)
            pending = []
            continue
        if word.text and joined and word.text in rules.connectors and not pending:
            pending = [word]
            continue
        if run:
            runs.append(run)
        run, pending = [], []
        if word.text and (_capitalized(word.text) or _model_start(text, words, index, rules)):
            run = [word]
    if run:
        runs.append(run)
    headline_lines = _title_case_lines(text)
    candidates: list[_Candidate] = []
    for run in runs:
        start = run[0].start
        before = ("\n" if start <= 8 else "") + text[max(0, start - 8) : start]
        initial = bool(_OPENING.search(before)) or _after_sentence_end(text, run[0].start, rules)
        for part, kinds, part_initial in _split_titles(text, run, initial, rules):
            if headline_lines and _in_lines(part[0].start, headline_lines):
                kinds["headline"] += 1
            candidates.append(_Candidate(part, part_initial, kinds))
    return candidates


def _after_sentence_end(text: str, start: int, rules: NameRules) -> bool:
    before = text[max(0, start - 40) : start]
    closed = before.rstrip().rstrip("\"'\u2019\u201d)")  # a sentence ends right before
    if not closed or closed[-1] not in ".!?":
        return False
    previous = closed.rstrip(".!?").split()
    if not previous:
        return True
    last = previous[-1]
    # "Mr. Smith", "Apple Inc. CEO", "Michael M. Sears": a dot that ends no sentence
    abbreviation = (
        (last.lower() + ".",) in rules.title_set
        or (last.lower(),) in rules.title_set
        or last + "." in rules.company_suffixes
        or (len(last) == 1 and last.isupper())
        or bool(_DOTTED.fullmatch(last + "."))
    )
    return not abbreviation


def _title_case_lines(text: str) -> list[tuple[int, int]]:
    """Lines of four words or more where most words are capitalized: headlines in title case,
    whose capitals say nothing about names."""
    lines = []
    position = 0
    for line in text.split("\n"):
        words = [w for w in line.split() if w[0].isalpha()]
        sentences = ". " in line or line.rstrip().endswith(".")
        if (
            len(words) >= 4
            and not sentences
            and sum(w[0].isupper() for w in words) >= _TITLE_CASE_LINE * len(words)
        ):
            lines.append((position, position + len(line)))
        position += len(line) + 1
    return lines


def _in_lines(offset: int, lines: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in lines)


def _split_titles(
    text: str, run: list[_Word], initial: bool, rules: NameRules
) -> Iterable[tuple[list[_Word], Counter[str], bool]]:
    """Cut a run at the titles inside it ("Apple CEO Steve Jobs": "Apple", "Steve Jobs"),
    drop a company suffix, and give each part the kinds its surroundings tell."""
    lowered = [w.text.lower() for w in run]
    parts: list[tuple[list[_Word], Counter[str], bool]] = []
    begin = index = 0
    person_next = _title_before(text, run[0].start, rules)
    part_initial = initial
    while index < len(run):
        size = _title_at(lowered, index, rules)
        if size and _splits(run, index, size, rules):
            if index > begin:
                kinds: Counter[str] = Counter()
                role = rules.role_of.get(tuple(lowered[index : index + size]))
                if role:
                    kinds[role] += 2
                parts.append((run[begin:index], kinds, part_initial))
            begin = index + size
            person_next = True
            if begin < len(run) and run[begin].text in rules.connectors:
                # "Secretary of State Rex Tillerson": the office, then a person from a first
                # name on; "Secretary of Defense": the office alone, no person
                first_name = next(
                    (i for i in range(begin, len(run)) if run[i].text in rules.given_names), None
                )
                if first_name is None and len(run) - begin in (4, 5):
                    first_name = begin + 2  # "of State Rex Tillerson": one word of office
                person_next = first_name is not None
                begin = first_name if first_name is not None else begin + 1
            index = begin
            part_initial = False
            continue
        index += 1
    if begin < len(run):
        kinds = Counter()
        if person_next:
            kinds[PERSON] += 3
        role = _role_after(text, run[-1].end, rules)
        if role:
            kinds[role] += 2
        parts.append((run[begin:], kinds, part_initial))
    for words, kinds, part_initial in parts:
        words = _without_suffix(words, kinds, rules)
        if words and words[0].text.lower() == "the" and len(words) > 1:
            words = words[1:]
        if words:
            _kind_cues(text, words, kinds, rules)
            yield words, kinds, part_initial


def _title_at(lowered: list[str], index: int, rules: NameRules) -> int:
    """How many words of a title start at `index` (0: none)."""
    for title in rules.titles_by_first.get(lowered[index], ()):
        size = len(title)
        if tuple(lowered[index : index + size]) == title:
            return size
    return 0


def _splits(run: list[_Word], index: int, size: int, rules: NameRules) -> bool:
    """Whether a title cuts the run: a title that also opens names of other things ("General
    Motors", "Major League") cuts only before a first name or two words or more."""
    after = run[index + size :]
    if run[index].text.lower() in rules.ambiguous_titles:
        return len(after) >= 2 or bool(after and after[0].text in rules.given_names)
    return True


def _title_before(text: str, start: int, rules: NameRules) -> bool:
    """A lowercase title or role right before the run ("spokesman William Barksdale")."""
    words = text[max(0, start - 40) : start].lower().split()[-rules.max_title_words :]
    if not words or words[-1] not in rules.title_last_words:
        return False
    return any(tuple(words[-size:]) in rules.title_set for size in range(len(words), 0, -1))


def _role_after(text: str, end: int, rules: NameRules) -> str | None:
    """The kind a role right after the run gives it ("Boeing spokesman", "Kansas senator")."""
    found = rules.role_after.match(text, end, end + 40)
    if found is None:
        return None
    role = rules.role_of[tuple(found.group("role").lower().split())]
    if found.group("possessive") and role == PLACE:  # "Elian's representative"
        return None
    return role


def _without_suffix(words: list[_Word], kinds: Counter[str], rules: NameRules) -> list[_Word]:
    while len(words) > 1 and words[-1].text in rules.company_suffixes:
        if words[-2].possessive:
            break
        words = words[:-1]
        kinds[ORGANISATION] += 3
    return words


def _kind_cues(text: str, words: list[_Word], kinds: Counter[str], rules: NameRules) -> None:
    tokens = [w.text for w in words]
    joined = " ".join(tokens)
    if joined.lower() in rules.places or name_key(joined, rules) in rules.places:
        kinds[PLACE] += 2
    last = tokens[-1]
    head = rules.kind_heads.get(last)
    if head and len(tokens) > 1:
        kinds[head] += 2
    if len(tokens) > 1 and tokens[0] in rules.given_names and not head:
        kinds[PERSON] += 2
    digits = any(c.isdigit() for c in joined)
    if digits and any(c.isalpha() for c in tokens[0]):
        if len(tokens) > 1 or any(c.isalpha() for c in last):
            kinds[PRODUCT] += 1
    # "the iPod music player", "the A380 superjumbo": a product; "Airbus jets": their maker
    if digits or _DETERMINER_BEFORE.search(text, max(0, words[0].start - 6), words[0].start):
        after = [
            w.strip(",.;:!?)") for w in text[words[-1].end : words[-1].end + 30].lower().split()[:3]
        ]
        if any(noun in rules.product_nouns for noun in after[:2]) and not (
            after and after[0] in rules.product_nouns and len(after[0]) < 3
        ):
            kinds[PRODUCT] += 1
    if _WHO.match(text, words[-1].end):
        kinds[PERSON] += 2


# --- sentence openers, acronyms, ties within the article ---------------------------------------


def _drop_sentence_openers(
    text: str, candidates: list[_Candidate], rules: NameRules
) -> list[_Candidate]:
    """Drop the words that are capitalized only because they open a sentence: function words
    always, and a lone word unless something else says it is a name (see `_opener_is_name`).
    Also lone function words anywhere ("I"), one letter, peoples ("American"), and words of
    title-case headlines that the body never names."""
    inner_words = Counter(
        w.text
        for c in candidates
        if "headline" not in c.kinds
        for i, w in enumerate(c.words)
        if i or not c.initial
    )
    openers = Counter(c.words[0].text for c in candidates if c.initial)
    kept: list[_Candidate] = []
    for candidate in candidates:
        words = candidate.words
        if candidate.initial:
            first = words[0].text
            drop = first.lower() in rules.not_names and not first.isupper()
            if not drop and len(words) > 1 and not _distinctive(first) and not inner_words[first]:
                # "Speaking for Apple Corps": an opening word seen lowercase, or joined by "for"
                drop = words[1].text in rules.connectors or _seen_lowercase(text, first)
            if drop:
                words = words[1:]
                while words and (
                    words[0].text in rules.connectors
                    or (words[0].text.lower() in rules.not_names and not words[0].text.isupper())
                ):
                    words = words[1:]
                if not words:
                    continue
                candidate = _Candidate(words, True, candidate.kinds)
            if len(words) == 1 and not _opener_is_name(
                text, candidate, inner_words, openers, rules
            ):
                continue
        if len(words) == 1 and (
            (words[0].text.lower() in rules.not_names and not words[0].text.isupper())
            or len(words[0].text) == 1
            or words[0].text in rules.demonyms
        ):
            continue
        if "headline" in candidate.kinds:  # keep the runs of words the body names too
            del candidate.kinds["headline"]
            group: list[_Word] = []
            for word in [*words, None]:
                if word is not None and inner_words[word.text]:
                    group.append(word)
                    continue
                if group:
                    kept.append(_Candidate(group, candidate.initial, candidate.kinds))
                group = []
            continue
        kept.append(candidate)
    return kept


def _opener_is_name(
    text: str,
    candidate: _Candidate,
    inner_words: Counter[str],
    openers: Counter[str],
    rules: NameRules,
) -> bool:
    """A lone word opening a sentence is a name when its shape says so ("EADS", "iPod"), when
    the article writes it capitalized inside a sentence too, when a title, role or suffix
    around it tells its kind, or when it opens two sentences and is never written lowercase."""
    word = candidate.words[0].text
    if _distinctive(word) or inner_words[word] or word in rules.short_forms:
        return True
    if any(candidate.kinds.values()):
        return True
    return openers[word] >= 2 and not _seen_lowercase(text, word)


def _seen_lowercase(text: str, word: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(word.lower())}(?![\w-])", text) is not None


def _distinctive(word: str) -> bool:
    """A word whose shape alone says name: all capitals ("EADS"), a capital inside ("iPod"),
    or letters with digits ("A380")."""
    return (
        (word.isupper() and len(word) > 1)
        or any(c.isupper() for c in word[1:])
        or (any(c.isdigit() for c in word) and any(c.isalpha() for c in word))
    )


def _tie_acronyms(text: str, candidates: list[_Candidate], rules: NameRules) -> None:
    """An acronym in brackets after a name is that name ("General Motors (GM)"); so is a
    name in brackets after an acronym ("GM (General Motors)")."""
    for index, candidate in enumerate(candidates[:-1]):
        following = candidates[index + 1]
        between = text[candidate.end : following.start]
        closes = text[following.end : following.end + 2].lstrip().startswith(")")
        if not _OPEN_BRACKET.fullmatch(between) or not closes:
            continue
        short, long = following, candidate
        if len(candidate.words) == 1 and len(following.words) > 1:
            short, long = candidate, following
        if len(short.words) == 1 and _ACRONYM.fullmatch(short.words[0].text):
            if _abbreviates(short.words[0].text, " ".join(long.tokens)):
                short.acronym_of = long


def _abbreviates(short: str, long: str) -> bool:
    """Schwartz & Hearst (2003): the letters of the short form appear in order in the long
    form, right to left, the first one starting a word.

    >>> _abbreviates("SIA", "Singapore Airlines"), _abbreviates("USAF", "United States Air Force")
    (True, True)
    >>> _abbreviates("RAF", "Boeing")
    False
    """
    letters = [c.lower() for c in short if c.isalnum()]
    text = long.lower()
    position = len(text) - 1
    for index in range(len(letters) - 1, -1, -1):
        letter = letters[index]
        while position >= 0 and (
            text[position] != letter
            or (index == 0 and position > 0 and text[position - 1].isalnum())
        ):
            position -= 1
        if position < 0:
            return False
        position -= 1
    return True


def _tie_within_article(candidates: list[_Candidate], rules: NameRules) -> None:
    """Give every candidate its entity: a full name of its own, or the full name met in the
    article that its shorter form stands for."""
    entities: dict[str, _Entity] = {}
    full: list[_Candidate] = []
    for candidate in candidates:
        if candidate.acronym_of is not None:
            continue
        joined = " ".join(candidate.tokens)
        if joined in rules.short_forms:
            key = name_key(rules.short_forms[joined], rules)
            candidate.via = SHORT_FORM
        else:
            key = name_key(joined, rules)
        if not key:
            continue
        entity = entities.get(key)
        if entity is None:
            tokens = candidate.tokens
            if candidate.via == SHORT_FORM:
                tokens = rules.short_forms[joined].split()
            entity = _Entity(list(tokens), key, Counter(), candidate.start)
            entities[key] = entity
        elif len(candidate.tokens) > len(entity.tokens) and candidate.via == NAME:
            entity.tokens = candidate.tokens
        entity.kinds.update(candidate.kinds)
        candidate.entity = entity
        full.append(candidate)
    for candidate in candidates:  # acronyms: their long form's entity
        long = candidate.acronym_of
        if long is not None and long.entity is not None:
            candidate.entity = long.entity
            candidate.via = ACRONYM
            long.entity.kinds[ORGANISATION] += 1
    acronyms = {
        c.tokens[0]: c.entity for c in candidates if c.via == ACRONYM and c.entity is not None
    }
    # shorter forms: a surname or given name, a company's first word, a product's model, part;
    # each is a word of the name it stands for, so only names holding its first word are tried
    holding: dict[str, list[_Entity]] = defaultdict(list)
    for entity in entities.values():
        for word in set(entity.tokens):
            holding[word].append(entity)
    for candidate in full:
        own = candidate.entity
        assert own is not None
        if candidate.via != NAME:
            continue
        tokens = candidate.tokens
        if len(tokens) == 1 and tokens[0] in acronyms:
            _retie(candidate, acronyms[tokens[0]], ACRONYM)
            continue
        if own.key in rules.places:
            continue  # "United States" is no part of "United States government"
        longer = [
            (e, via)
            for e in holding[tokens[0]]
            if e is not own and len(e.tokens) > len(tokens)
            for via in [_shorter_form(tokens, e, rules)]
            if via
        ]
        if len({id(e) for e, _ in longer}) == 1:
            _retie(candidate, longer[0][0], longer[0][1])
    for candidate in candidates:
        if (
            candidate.via == NAME
            and all(t[0].isdigit() for t in candidate.tokens)
            and not candidate.kinds[PRODUCT]
        ):
            candidate.entity = None  # "the 787" of no product named ("its 777 airliner" is)
        if candidate.entity is not None and candidate.via != NAME:
            candidate.entity.kinds.update(candidate.kinds)


def _retie(candidate: _Candidate, entity: _Entity, via: str) -> None:
    candidate.entity = entity
    candidate.via = via


def _shorter_form(tokens: list[str], entity: _Entity, rules: NameRules) -> str | None:
    """How `tokens` stand for the longer name `entity`, if they do."""
    full = entity.tokens
    kind = entity.kind()
    is_product = kind == PRODUCT or any(c.isdigit() for c in " ".join(full[1:]))
    single = len(tokens) == 1
    word = tokens[0]
    if single and (kind == PERSON or (full[0] in rules.given_names and kind != ORGANISATION)):
        if full[-1] == word:
            return SURNAME
        return GIVEN_NAME if full[0] == word and word in rules.given_names else None
    if single and is_product:
        word = model_singular(word)  # "the A380s" of the Airbus A380
        model = _distinctive(word) or word == full[-1] or word[0].isdigit()
        return PART if word in full[1:] and model else None
    if single and kind in (ORGANISATION, "") and full[0] == word:
        if word.lower() in rules.places or word in rules.given_names:
            return None
        return FIRST_WORD
    size = len(tokens)
    if size >= 2 and full[-size:] == tokens and kind in (ORGANISATION, ""):
        return PART  # "the Air Force" after "the United States Air Force"
    if size >= 2 and full[:size] == tokens and not is_product:
        return PART  # "Boeing 787" before "Boeing 787 Dreamliner"; not "Boeing" of "Boeing 777"
    extra = " ".join(full[size:])
    if size >= 2 and full[:size] == tokens and not any(c.isdigit() for c in extra):
        return PART
    return None

"""Outlets: credits in datelines, bylines and signatures, web addresses, archive file names;
and where a story starts after its dateline."""

from __future__ import annotations

import pytest

from timeline.articles import read_upload
from timeline.outlets import credit_outlet, find_outlet, name_prefix_outlets, story_start

FIND_CASES = [
    ("ap-dateline", "HAVANA (AP) --\n\nPresident Fidel Castro said Tuesday ...", "", "AP"),
    ("ap-dateline-region", "BUFFALO, N.Y. (AP) -- About 500 people attended ...", "", "AP"),
    ("ap-underscore", "CANBERRA, Australia (AP)_ Turning its back on 210 years ...", "", "AP"),
    ("ap-em-dash-and-date", "MEXICO CITY (AP) — February 22, 2017 — Talks resumed.", "", "AP"),
    ("reuters-dash", "NEW YORK (Reuters) - Stocks fell on Monday.", "", "Reuters"),
    ("reuters-day", "WASHINGTON, Feb 22 (Reuters) - Talks resumed.", "", "Reuters"),
    ("xinhua-day", "BRUSSELS, February 10 (Xinhua) -- NATO has decided ...", "", "Xinhua"),
    ("unknown-credit-as-written", "LONDON (Moneyweek) -- Gold rose.", "", "Moneyweek"),
    ("under-a-headline", "Stocks fall\n\nNEW YORK (Reuters) - Stocks fell.", "", "Reuters"),
    (
        "not-under-a-paragraph",
        "Norton Co. said net income fell.\n\nBUFFALO, N.Y. (AP) --\n\nDr. Slepian was shot.",
        "",
        "",
    ),
    ("byline-ap", "Talks resumed.\n\nBy JOHN DOE, Associated Press Writer\n", "", "AP"),
    ("byline-bar", "By Jane Doe | Reuters\nTalks resumed.", "", "Reuters"),
    ("byline-staff", "By Jane Doe, Staff Writer\nTalks resumed.", "", ""),
    ("signature-reuters", "Talks resumed.\n(Reporting by Jane Doe)", "", "Reuters"),
    ("signature-nyt", "Talks resumed.\nc.1998 N.Y. Times News Service", "", "The New York Times"),
    ("url-metadata-known", "Talks resumed.", "https://www.reuters.com/world/x", "Reuters"),
    ("url-metadata-unknown", "Talks resumed.", "https://news.example.org/a", "news.example.org"),
    ("url-line-known", "Talks resumed.\nSource: https://apnews.com/article/x", "", "AP"),
    ("url-in-a-sentence", "Talks resumed, the site https://example.com/a said.", "", ""),
    ("photo-credit-is-not", "WASHINGTON _ Talks. Photo: Carlos Barria/AFP/Getty Images", "", ""),
    ("nyt-bare-dateline", "WASHINGTON _\n\nA six-year-old boy ...", "", ""),
    ("broadcast", "CNN headline news, I'm Sachi Koto. Diplomacy appears ...", "", ""),
    ("no-clue", "Talks resumed on Monday.", "", ""),
]


@pytest.mark.parametrize(("text", "url", "outlet"), [c[1:] for c in FIND_CASES],
                         ids=[c[0] for c in FIND_CASES])  # fmt: skip
def test_find_outlet(text: str, url: str, outlet: str) -> None:
    assert find_outlet(text, url) == outlet


@pytest.mark.parametrize(
    ("credit", "outlet"),
    [
        ("AP", "AP"),
        ("The Associated Press", "AP"),
        ("Associated Press Writer", "AP"),
        ("the Xinhua News Agency", "Xinhua"),
        ("Bloomberg News", "Bloomberg"),
        ("Staff Writer", ""),
        ("APTN", ""),  # a longer word is not the name it starts with
    ],
)
def test_credit_outlet_knows_every_name_of_an_outlet(credit: str, outlet: str) -> None:
    assert credit_outlet(credit) == outlet


STORY_START_CASES = [
    ("nyt-bare", "WASHINGTON _\n\nA six-year-old boy ...", "A six-year-old boy ..."),
    ("nyt-inline", "NEWARK, N.J. _ A new task force began", "A new task force began"),
    ("ap-bare", "HAVANA (AP) --\n\nWhile an important step ...", "While an important step ..."),
    ("ap-inline", "JERUSALEM (AP)_ Taking the stand ...", "Taking the stand ..."),
    ("xinhua", "WASHINGTON, August 8 (Xinhua) --  President Clinton", "President Clinton"),
    ("undated", "(Undated)  Elian Gonzalez will remain", "Elian Gonzalez will remain"),
    ("caps-headline", "PROGRAM TRADING is being curbed", "PROGRAM TRADING is being curbed"),
    ("company", "AVON RENT-A-CAR amp TRUCK Corp. said", "AVON RENT-A-CAR amp TRUCK Corp. said"),
    ("plain", "Talks resumed.", "Talks resumed."),
]


@pytest.mark.parametrize(("text", "story"), [c[1:] for c in STORY_START_CASES],
                         ids=[c[0] for c in STORY_START_CASES])  # fmt: skip
def test_story_start_skips_a_leading_dateline(text: str, story: str) -> None:
    assert text[story_start(text) :] == story


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("WASHINGTON _\n\nA six-year-old boy who arrived on US shores as a motherless refugee "
         "became a symbol.", "A six-year-old boy who arrived on US shores as a…"),
        ("HAVANA (AP) --\n\nCastro speaks\n\nPresident Fidel Castro said Tuesday.",
         "Castro speaks"),
        ("Castro speaks\n\nHAVANA (AP) -- President Fidel Castro said Tuesday.", "Castro speaks"),
    ],
)  # fmt: skip
def test_a_title_is_never_a_bare_dateline(text: str, title: str) -> None:
    article = read_upload("story.txt", text.encode()).articles[0]
    assert article.title == title


def test_the_outlet_comes_from_metadata_first_then_the_text_then_the_file_name() -> None:
    story = "NEW YORK (Reuters) - Stocks fell."
    declared = read_upload("a.txt", f"source: Bloomberg\n\n{story}".encode()).articles[0]
    credited = read_upload("a.txt", story.encode()).articles[0]
    unknown = read_upload("a.txt", b"Stocks fell.").articles[0]
    assert (declared.source, credited.source, unknown.source) == ("Bloomberg", "Reuters", "a.txt")


ARCHIVE = [
    "2005-01-05_003888_nyt20000105-0325.txt",
    "2005-01-06_009009_nyt20000106-0007.txt",
    "2005-01-13_003378_nyt20000113-0267.txt",
    "2005-01-06_004632_apw20000106-0064.txt",
    "APW19980807.0261.txt",
    "ap900815-0044.txt",
    "2005-01-11_000891_ed980111-1130-0089.txt",
    "2005-02-11_000892_ed980211-1130-0089.txt",
    "2005-03-11_000893_ed980311-1130-0089.txt",
    "2017-02-22_mexico-rejects-unilateral-us-directives.txt",
    "2017-02-22_trump-immigration-memo-angers-mexico.txt",
    "abc-talks.txt",
]


@pytest.mark.parametrize(
    ("name", "outlet"),
    [
        ("2005-01-05_003888_nyt20000105-0325.txt", "The New York Times"),  # a known code
        ("2005-01-11_000891_ed980111-1130-0089.txt", "ed"),  # shared, unknown: as written
        ("2005-01-06_004632_apw20000106-0064.txt", "AP"),  # a known code and its number
        ("ap900815-0044.txt", "AP"),
        ("2017-02-22_mexico-rejects-unilateral-us-directives.txt", None),  # its own prefix
        ("abc-talks.txt", None),  # a known code's letters, but no archive number after them
    ],
)
def test_a_prefix_many_file_names_share_names_their_outlet(name: str, outlet: str | None) -> None:
    assert name_prefix_outlets(ARCHIVE).get(name) == outlet


@pytest.mark.parametrize(("min_files", "outlet"), [(3, "ed"), (4, None)])
def test_an_unknown_prefix_needs_as_many_files_as_asked(min_files: int, outlet: str | None) -> None:
    name = "2005-01-11_000891_ed980111-1130-0089.txt"
    assert name_prefix_outlets(ARCHIVE, min_files=min_files).get(name) == outlet

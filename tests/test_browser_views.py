"""The dashboard's views in Debian's Chromium, on a folder of 374 real news articles (the TBAQ
and MEANTIME texts of ../shared/corpora, written as article files when the test starts): it
opens on the key events, a key event told by several articles quotes every one of them, the
chronology lists events in date order page after page, and a followed name gets a lane where
a hollow mark, clicked, says how its date was found.

Run alone with `pytest tests/test_browser_views.py`. TIMELINE_SCREENSHOTS=<folder> keeps the
screenshots.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from bench.real_corpus import write_real_corpus
from tests.test_browser import CHROMIUM, app_page, screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no Debian chromium at /usr/bin/chromium"),
]
TIMEOUT_MS = 60_000
CHART = ".js-plotly-plot"
ROWS = ".tl-list .tl-row"
IDLE_JS = "() => !document.querySelector('[data-testid=stStatusWidget]')"
# Each listed row's heading, span, headline and note, in order.
LISTED_JS = r"""
() => [...document.querySelectorAll('.tl-list .tl-row')].map(row => ({
  id: row.dataset.id,
  heading: row.parentElement.querySelector('.tl-heading').textContent,
  when: row.querySelector('.tl-when').textContent,
  label: row.querySelector('.tl-label').textContent,
  note: row.querySelector('.tl-row-note')?.textContent || '',
}))
"""
# Centres of the hollow marks (white fill: a followed name's rows without a date word) that no
# other mark touches.
HOLLOW_MARKS_JS = r"""
() => {
  const marks = [];
  for (const trace of document.querySelectorAll('.js-plotly-plot .scatterlayer .trace')) {
    const data = trace.__data__ && trace.__data__[0] && trace.__data__[0].trace;
    if (!data || !data.customdata) continue;
    trace.querySelectorAll('.points path').forEach((path, i) => {
      const box = path.getBoundingClientRect();
      if (box.width === 0 || !data.customdata[i]) return;
      marks.push({id: data.customdata[i][0], hollow: data.marker.color === 'white',
                  x: box.x + box.width / 2, y: box.y + box.height / 2, r: box.width / 2});
    });
  }
  return marks.filter(m => m.hollow && marks.every(
    o => o === m || Math.hypot(o.x - m.x, o.y - m.y) > m.r + o.r + 2));
}
"""


@pytest.fixture(scope="module")
def real_page(chromium: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The app on the real articles, their store built by `python -m timeline ingest`."""
    folder = tmp_path_factory.mktemp("real-news")
    write_real_corpus(folder)
    store = tmp_path_factory.mktemp("store") / "timeline.sqlite"
    ingest = [sys.executable, "-m", "timeline", "ingest", str(folder), "--db", str(store)]
    subprocess.run([*ingest, "--workers", "2"], check=True, capture_output=True, timeout=600)
    env = {"TIMELINE_DATA": str(folder), "TIMELINE_DB": str(store)}
    with app_page(chromium, tmp_path_factory, env, ROWS) as page:
        page.set_default_timeout(TIMEOUT_MS)
        page.wait_for_function(f"() => document.querySelector('{CHART}')?._fullData?.length > 0")
        yield page


def settled(page: Any) -> None:
    page.wait_for_function(IDLE_JS)
    page.wait_for_timeout(600)  # a click right after a rerun can be lost (plotly.js #6898)


def choose_view(page: Any, name: str) -> None:
    page.locator("[data-testid=stButtonGroup] button").filter(has_text=name).first.click()
    page.wait_for_function(
        "(name) => [...document.querySelectorAll('[data-testid=stSubheader], h3')]"
        ".some(e => e.textContent.trim() === name)",
        arg="Key events" if name == "Key events" else "Chronology",
    )
    settled(page)


def listed(page: Any) -> list[dict[str, str]]:
    return list(page.evaluate(LISTED_JS))


def test_a_big_folder_opens_on_its_key_events(real_page: Any, tmp_path: Path) -> None:
    page = real_page
    active = page.locator("[data-testid=stButtonGroup] button[aria-checked=true], "
                          "[data-testid=stButtonGroup] [kind*=Active]")  # fmt: skip
    assert "Key events" in active.first.inner_text()
    lanes = page.evaluate(f"() => document.querySelector('{CHART}')._fullLayout.yaxis.ticktext")
    assert lanes[0] == "told by 10 or more articles"
    rows = listed(page)
    assert rows and all(row["label"].endswith((".", "?", "!", "”", '"')) for row in rows)
    screenshot(page, "views-01-key-events", tmp_path, full_page=False)


def test_a_key_event_told_by_several_articles_quotes_every_one(
    real_page: Any, tmp_path: Path
) -> None:
    page = real_page
    rows = [row for row in listed(page) if re.match(r"\d+ articles", row["note"])]
    told = max(rows, key=lambda row: int(row["note"].split()[0]))
    count = int(told["note"].split()[0])
    assert count >= 3
    page.locator(f".tl-row[data-id='{told['id']}']").click()
    page.get_by_text(f"Told by {count} sources").wait_for()
    quotes = page.locator(".tl-sources .tl-quote")
    assert quotes.count() == count
    assert page.locator(".tl-sources .tl-quote mark").count() == count  # each date marked
    assert page.locator(f".tl-row.tl-selected[data-id='{told['id']}']").count() == 1
    settled(page)
    # on the chart: a click on a key event's mark told by several articles opens it too
    marker = isolated_marker(page, told["id"])
    page.mouse.move(marker["x"], marker["y"])
    page.wait_for_timeout(200)
    page.mouse.click(marker["x"], marker["y"])
    page.locator(f".tl-row.tl-selected[data-id='{marker['id']}']").wait_for()
    several = int(marker["hover"].split("told by ")[1].split()[0])
    page.get_by_text(f"Told by {several} sources").wait_for()
    assert page.locator(".tl-sources .tl-quote mark").count() == several
    screenshot(page, "views-02-key-event-sources", tmp_path, full_page=False)


# Centres of the marks of events told by several articles with no other mark within 15 px (a
# click there can only mean them), with their hover text.
TOLD_MARKS_JS = r"""
() => {
  const marks = [];
  for (const trace of document.querySelectorAll('.js-plotly-plot .scatterlayer .trace')) {
    const data = trace.__data__ && trace.__data__[0] && trace.__data__[0].trace;
    if (!data || !data.customdata) continue;
    trace.querySelectorAll('.points path').forEach((path, i) => {
      const box = path.getBoundingClientRect();
      if (box.width === 0 || !data.customdata[i]) return;
      marks.push({id: data.customdata[i][0], hover: data.hovertext[i] || '',
                  x: box.x + box.width / 2, y: box.y + box.height / 2, r: box.width / 2});
    });
  }
  return marks.filter(m => m.hover.includes('told by') && marks.every(
    o => o === m || Math.hypot(o.x - m.x, o.y - m.y) > m.r + o.r + 3));
}
"""


def isolated_marker(page: Any, other_than: str) -> dict[str, Any]:
    """A key event's mark told by several articles that nothing covers, not `other_than`."""
    page.locator(CHART).scroll_into_view_if_needed()
    marks = [m for m in page.evaluate(TOLD_MARKS_JS) if m["id"] != other_than]
    assert marks, "no key event told by several articles stands alone on the chart"
    return dict(marks[0])


def first_day(span: str) -> pd.Timestamp | None:
    """The first day of a span as the list writes it ("Thu 23 Feb 2017", "March 2017",
    "1987", "week of 6 March 2017", "1800–1899", "1 Sep – 31 Dec 1989"), or None when it names
    none by itself ("Q2 2017", "winter 2017", "the 1990s", "1 Sep – ...")."""
    first = re.split(r"\s*–\s*", span.removeprefix("week of "))[0]
    if re.fullmatch(r"\d{4}", first):
        return pd.Timestamp(f"{first}-01-01")
    if re.fullmatch(r"(\w{3} )?\d{1,2} \w+ \d{4}|[A-Z][a-z]+ \d{4}", first):
        if not re.match(r"(Q\d|Winter|Spring|Summer|Autumn) ", first):
            return pd.Timestamp(first)
    return None


def in_date_order(rows: list[dict[str, str]]) -> int:
    """Check that groups come by their first day and rows within a group by theirs; return
    how many rows had a day to check."""
    groups: dict[str, list[pd.Timestamp]] = {}
    for row in rows:
        day = first_day(row["when"])
        groups.setdefault(row["heading"], [])
        if day is not None:
            groups[row["heading"]].append(day)
    headings = [day for day in map(first_day, groups) if day is not None]
    assert headings == sorted(headings), list(groups)
    for heading, days in groups.items():
        assert days == sorted(days), heading
    return sum(map(len, groups.values()))


def test_the_chronology_lists_events_in_date_order_page_after_page(
    real_page: Any, tmp_path: Path
) -> None:
    page = real_page
    choose_view(page, "All events")
    first = listed(page)
    caption = page.get_by_text(re.compile(r"Events [\d,]+ to [\d,]+ of [\d,]+, in date order"))
    before = caption.inner_text()
    assert len(first) == 100
    page.locator(".st-key-chronology_later button").click()
    page.wait_for_function(
        "(text) => ![...document.querySelectorAll('[data-testid=stCaptionContainer]')]"
        ".some(e => e.innerText === text)",
        arg=before,
    )
    settled(page)
    second = listed(page)
    assert in_date_order(first + second) > 100
    assert {row["id"] for row in first}.isdisjoint(row["id"] for row in second)
    screenshot(page, "views-03-chronology", tmp_path, full_page=False)


def test_a_followed_name_gets_a_lane_and_a_hollow_mark_says_how_it_is_dated(
    real_page: Any, tmp_path: Path
) -> None:
    page = real_page
    picker = page.locator("[data-testid=stMultiSelect]").filter(has_text="Names to follow")
    picker.wait_for()
    picker.locator("input").first.click()
    page.keyboard.type("Elian", delay=30)
    page.get_by_role("option", name=re.compile(r"^Elian Gonzalez · \d+ articles")).click()
    page.keyboard.press("Escape")
    page.wait_for_function(
        f"() => (document.querySelector('{CHART}')?._fullLayout.yaxis.ticktext || [])"
        ".includes('Elian Gonzalez')"
    )
    settled(page)
    page.locator(CHART).scroll_into_view_if_needed()
    hollow = page.evaluate(HOLLOW_MARKS_JS)
    assert hollow, "no hollow mark in the followed name's lane"
    mark = hollow[len(hollow) // 2]
    page.mouse.move(mark["x"], mark["y"])
    page.wait_for_timeout(200)
    page.mouse.click(mark["x"], mark["y"])
    dated = page.locator(".tl-meta dt").filter(has_text="Dated")
    dated.wait_for()
    explanation = page.locator(".tl-meta dt:text-is('Dated') + dd").inner_text()
    assert explanation.startswith("no date word in the sentence")
    assert page.locator(".tl-quote mark").first.inner_text().lower() in ("elian", "elian gonzalez")
    screenshot(page, "views-04-followed-name", tmp_path, full_page=False)

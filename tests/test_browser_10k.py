"""The dashboard on 10,000 news articles in Debian's Chromium: it opens on the key events of its
first view; all its events are counted there, the range buttons and a click on a count zoom
to single events, a search narrows the chart and clearing it brings everything back.

The corpus is `bench/corpus.py`'s (TimeBank/AQUAINT stories moved over 2005-2025: the same
files as /work/corpora/bench-10k), written in 2 s; `python -m timeline ingest` builds its
store first (half a minute on 2 cores), as the issue has it. Run alone with
`pytest tests/test_browser_10k.py`.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from bench.corpus import cached_corpus
from tests.test_browser import CHROMIUM, app_page, count_label, screenshot
from timeline.figure import DETAIL_MAX

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no Debian chromium at /usr/bin/chromium"),
]
ARTICLES = 10_000
TIMEOUT_MS = 120_000
CHART = ".js-plotly-plot"
# Per trace of the drawn figure: how many marks carry an event id (single events) and how
# many count events (a period in their customdata), with the x range shown.
DRAWN_JS = r"""
() => {
  const gd = document.querySelector('.js-plotly-plot');
  let singles = 0, counts = 0;
  const ids = [];
  for (const trace of gd._fullData) {
    for (const row of trace.customdata || []) {
      if (row && row[0]) { singles++; ids.push(row[0]); } else if (row && row[1]) counts++;
    }
  }
  return {singles, counts, ids, range: gd._fullLayout.xaxis.range.map(String),
          key: gd.dataset.key};
}
"""
# Centre, in page pixels, of a mark inside the shown range: for "single", an event with no
# other within 15 px (a click there can only mean it); for "count", the biggest count.
MARK_JS = r"""
(kind) => {
  const gd = document.querySelector('.js-plotly-plot');
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
  const box = gd.getBoundingClientRect();
  const [low, high] = xa.range.map(v => xa.d2l(v));
  const marks = [];
  for (const trace of gd._fullData) {
    if (trace.type !== 'scatter' || !trace.customdata) continue;
    trace.customdata.forEach((row, i) => {
      const x = xa.d2l(trace.x[i]);
      if (!row || x < low || x > high) return;
      const size = Array.isArray(trace.marker.size) ? trace.marker.size[i] : trace.marker.size;
      marks.push({size, id: row[0], count: !row[0] && row[1], hover: trace.hovertext[i],
                  x: box.left + xa._offset + xa.l2p(x),
                  y: box.top + ya._offset + ya.d2p(trace.y[i])});
    });
  }
  if (kind === 'count') {
    const counts = marks.filter(m => m.count).sort((a, b) => b.size - a.size);
    return counts[0] || null;
  }
  const singles = marks.filter(m => m.id);
  return singles.find(m => singles.every(o => o === m || Math.hypot(o.x - m.x, o.y - m.y) > 15))
    || null;
}
"""


@pytest.fixture(scope="module")
def big_page(chromium: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The app on 10,000 articles whose store `python -m timeline ingest` built."""
    folder = tmp_path_factory.mktemp("bench-10k")
    cached_corpus(folder, ARTICLES)
    store = tmp_path_factory.mktemp("store") / "timeline.sqlite"
    ingest = [sys.executable, "-m", "timeline", "ingest", str(folder), "--db", str(store)]
    subprocess.run([*ingest, "--workers", "2"], check=True, capture_output=True, timeout=900)
    env = {"TIMELINE_DATA": str(folder), "TIMELINE_DB": str(store)}
    with app_page(chromium, tmp_path_factory, env, CHART) as page:
        page.set_default_timeout(TIMEOUT_MS)
        page.wait_for_function(f"() => document.querySelector('{CHART}')?.dataset.key")
        yield page


def drawn(page: Any) -> dict[str, Any]:
    return dict(page.evaluate(DRAWN_JS))


def redrawn(page: Any, before: str, action: Any) -> dict[str, Any]:
    """Do `action`, wait for the chart to be drawn again and the app to be idle."""
    action()
    page.wait_for_function(
        f"(key) => document.querySelector('{CHART}')?.dataset.key !== key", arg=before
    )
    page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')")
    page.wait_for_timeout(500)
    return drawn(page)


def press(page: Any, label: str) -> dict[str, Any]:
    button = page.get_by_role("button", name=label, exact=True)
    return redrawn(page, drawn(page)["key"], button.click)


def mark_in_view(page: Any, kind: str) -> dict[str, Any] | None:
    """A mark of `kind` (MARK_JS) with the chart centred in the viewport first: the view switch
    and the lists push the chart's foot (the vague band) below a 1000-pixel window."""
    page.evaluate(f"() => document.querySelector('{CHART}').scrollIntoView({{block: 'center'}})")
    page.wait_for_timeout(200)
    return page.evaluate(MARK_JS, kind)  # type: ignore[no-any-return]


def days_shown(state: dict[str, Any]) -> float:
    low, high = (pd.Timestamp(x) for x in state["range"])
    return (high - low).total_seconds() / 86_400


def test_10000_articles_open_on_their_key_events(big_page: Any, tmp_path: Path) -> None:
    lanes = big_page.evaluate(
        "() => document.querySelector('.js-plotly-plot')._fullLayout.yaxis.ticktext"
    )
    assert lanes[0] == "told by 10 or more articles"
    assert 0 < drawn(big_page)["singles"] <= 5 * 40  # the top 5 of each period, no counts
    assert big_page.locator(".tl-list .tl-row").count() == drawn(big_page)["singles"]
    screenshot(big_page, "10k-00-key-events", tmp_path, full_page=False)
    button = big_page.locator("[data-testid=stButtonGroup] button").filter(has_text="All events")
    redrawn(big_page, drawn(big_page)["key"], button.first.click)


def test_the_first_view_of_10000_articles_counts_events(big_page: Any, tmp_path: Path) -> None:
    state = drawn(big_page)
    assert state["singles"] == 0 and state["counts"] > 100
    events = int(count_label(big_page).split(" events")[0].replace(",", ""))
    assert events > 30_000  # merged: the corpus tells each of its 256 stories ~39 times
    caption = big_page.get_by_text("too many to draw one by one")
    assert caption.count() == 1
    lanes = big_page.evaluate(
        "() => document.querySelector('.js-plotly-plot')._fullLayout.yaxis.ticktext"
    )
    assert "AP" in lanes and "The New York Times" in lanes  # outlets, not 10,000 file names
    screenshot(big_page, "10k-01-first-view", tmp_path, full_page=False)


def test_a_month_shows_single_events_and_a_click_shows_one(big_page: Any, tmp_path: Path) -> None:
    month = press(big_page, "1m")
    assert 30 <= days_shown(month) <= 32
    assert 0 < month["singles"] <= DETAIL_MAX and month["counts"] == 0
    point = mark_in_view(big_page, "single")
    assert point is not None, "no single event inside the month"
    big_page.mouse.move(point["x"], point["y"])
    big_page.wait_for_timeout(200)
    big_page.mouse.click(point["x"], point["y"])
    expression = point["hover"].split("</b><br>“", 1)[1].split("”", 1)[0]
    big_page.locator(".tl-quote mark").filter(has_text=expression).first.wait_for()
    assert drawn(big_page)["key"] == month["key"]  # the click drew nothing again
    screenshot(big_page, "10k-02-month-clicked", tmp_path, full_page=False)


def test_all_shows_the_bulk_and_a_click_on_a_count_zooms_in(big_page: Any, tmp_path: Path) -> None:
    everything = press(big_page, "all")
    low, high = (pd.Timestamp(x) for x in everything["range"])
    assert 1900 < low.year <= 2005 and 2025 <= high.year < 2040  # not the 11th century
    assert everything["counts"] and not everything["singles"]
    year = press(big_page, "1y")
    assert 365 <= days_shown(year) <= 367 and year["counts"]  # a busy year: counted by week
    mark = mark_in_view(big_page, "count")
    assert mark is not None
    zoomed = redrawn(
        big_page, year["key"], lambda: big_page.mouse.click(mark["x"], mark["y"])
    )  # the chart zooms into the week the mark counts, and the app draws it
    assert days_shown(zoomed) < 14 and zoomed["singles"] and not zoomed["counts"]
    screenshot(big_page, "10k-03-week-from-a-count", tmp_path, full_page=False)


def test_a_search_round_trip_at_10000_articles(big_page: Any) -> None:
    everything = count_label(big_page)
    box = big_page.get_by_label("Search", exact=True).first

    def search(text: str) -> dict[str, Any]:
        box.fill(text)
        return redrawn(big_page, drawn(big_page)["key"], lambda: box.press("Enter"))

    found = search("Elian")
    narrowed = count_label(big_page)
    assert narrowed != everything and "(of " in narrowed
    assert found["singles"]  # a few hundred events: drawn one by one
    search("")
    assert count_label(big_page) == everything

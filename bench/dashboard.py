"""Dashboard speed on a large corpus (issues 3, 6, 15, 16 and 17); prints numbers, asserts nothing.

Run: `.venv/bin/python bench/dashboard.py [ARTICLES | FOLDER] [--no-browser] [--repeats N]`
(default: the 10,000 articles of `bench/corpus.py`, cached in /tmp/timeline-bench/corpus-N; a
FOLDER such as /work/corpora/bench-10k is read as it is and never written to). Reports:
1. the time to build the events dataframe in this process (load_articles + extract_events),
   the figure of the first view, and its JSON;
2. in Debian's Chromium, the page's time to its first chart: cold (a fresh app and no store
   yet: it draws a first look, then reads the rest; the time until all is drawn is reported
   too), warm on a reload once all is read (same app: its caches and the store are there) and
   warm in a fresh app process on the same port, as after a restart (the store and the
   browser's cached scripts are there, the app's in-memory caches are not);
   A big corpus opens on its key events: these first charts are theirs.
3. filter changes as a reader makes them, each until the count under the filters has changed,
   the chart is drawn again and the app is idle: a text search (words never searched before
   in the session, common and rare), back to no search, a source picked and dropped, a
   precision picked and dropped, a date range typed (Enter) and the default typed back; on
   the key events the page opens on, then on all events;
4. the views: to All events and back to Key events (each until the chart is drawn again and
   the app is idle), a range button on the key events (they follow the window), the
   chronology's next page (until the list shows it);
5. a range button ("1m") until its single events are drawn, then clicks on single points
   until their snippet is shown;
6. following names: a fresh app's first chart to the Follow picker (the index of names is
   read in the background), then names picked, each until its lane is drawn;
7. the app's peak RSS (Streamlit process and anything it starts, sampled).
Every sample is printed; the summary gives medians (one browser sample varies by a second
here) and the slowest. TIMELINE_DB points the app at a store in a temporary folder, so the
first app starts with none and the later ones find the one the first wrote.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.corpus import BENCH_DIR, cached_corpus  # noqa: E402
from bench.memory import PeakTreeRss  # noqa: E402
from tests.test_browser import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    free_port,
    start_app,
    stop_app,
    wait_for_health,
)
from timeline.articles import load_articles  # noqa: E402
from timeline.events import extract_events  # noqa: E402
from timeline.figure import build_timeline_figure  # noqa: E402

TIMEOUT_MS = 900_000  # a cold start at 10,000 articles extracts them all first
COLD = "cold: no store, fresh app"
COLD_WHOLE = "cold: every file read and drawn"
WARM_RELOAD = "warm: page reload, same app"
WARM_FRESH = "warm: store there, fresh app"
SEARCH = "filter: search a word"
SEARCH_CLEAR = "filter: search cleared"
SOURCE = "filter: source picked or dropped"
PRECISION = "filter: precision picked or dropped"
DATES = "filter: dates typed, Enter"
RANGE_MONTH = "range button 1m to single events"
TO_ALL = "view: Key events to All events"
TO_KEY = "view: All events to Key events (ranked, drawn, listed)"
KEY_RANGE = "key events: range button to their list and chart"
NEXT_PAGE = "chronology: next page listed"
NAMES_READY = "follow: fresh app, first chart to the picker"
FOLLOW = "follow: a name picked to its lane drawn"
CLICK = "click on a point to snippet shown"
PEAK = "peak RSS of the app"
# Words never searched twice in a session (a repeat would come from the cache): common ones
# (thousands of events) and rarer ones (hundreds).
WORDS = ("said", "Clinton", "market", "year", "Israel", "oil", "week", "Russia", "bank", "time",
         "court", "China", "people", "election", "police")  # fmt: skip
DATE_RANGES = ("2010-01-01 – 2014-12-31", "2019", "2007-03 – 2008-09", "2016-06 – 2016-08")
# Names to follow, from the index of the 10,000 articles: 390 to 5,600 events each.
NAMES = ("Clinton", "Israel", "Fidel Castro", "Yeltsin", "Saddam Hussein", "Madeleine Albright")

CHART = ".js-plotly-plot"
CHART_KEY_JS = f"() => document.querySelector('{CHART}')?.dataset.key || ''"
COUNT_JS = (
    "() => [...document.querySelectorAll('[data-testid=stSidebar] strong')]"
    ".map(e => e.innerText).find(s => / events? from /.test(s)) || ''"
)
IDLE_JS = "() => !document.querySelector('[data-testid=stStatusWidget]')"
FRAMES_JS = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


def timed(label: str, action: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    result = action()
    print(f"{label:<52} {time.perf_counter() - start:8.2f} s", flush=True)
    return result


def load_page(page: Any, url: str) -> float:
    """Seconds from navigation to a chart with data drawn."""
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_function(
        f"() => document.querySelector('{CHART}')?._fullData?.length > 0", timeout=TIMEOUT_MS
    )
    page.evaluate(FRAMES_JS)
    return time.perf_counter() - start


def wait_until_all_read(page: Any) -> float:
    """Seconds until the note about files still being read is gone and a chart is drawn."""
    start = time.perf_counter()
    page.wait_for_function(
        "() => ![...document.querySelectorAll('[data-testid=stAlert]')]"
        ".some(e => e.innerText.includes('Reading the other'))"
        f" && document.querySelector('{CHART}')?._fullData?.length > 0",
        timeout=TIMEOUT_MS,
    )
    return time.perf_counter() - start


def settle(page: Any) -> None:
    page.wait_for_function(IDLE_JS, timeout=TIMEOUT_MS)
    page.wait_for_timeout(400)


def filter_change(page: Any, act: Callable[[], None]) -> float:
    """Seconds from a reader's action to the new count, the chart drawn again, the app idle."""
    count, key = page.evaluate(COUNT_JS), page.evaluate(CHART_KEY_JS)
    start = time.perf_counter()
    act()
    page.wait_for_function(f"(before) => ({COUNT_JS})() !== before", arg=count, timeout=TIMEOUT_MS)
    page.wait_for_function(f"(before) => ({CHART_KEY_JS})() !== before", arg=key,
                           timeout=TIMEOUT_MS)  # fmt: skip
    page.wait_for_function(IDLE_JS, timeout=TIMEOUT_MS)
    page.evaluate(FRAMES_JS)
    seconds = time.perf_counter() - start
    page.wait_for_timeout(300)
    return seconds


def type_and_enter(page: Any, label: str, text: str) -> None:
    box = page.get_by_label(label, exact=True).first
    box.fill(text)
    box.press("Enter")


def pick_option(page: Any, label: str, option: str, remove: bool = False) -> None:
    """Pick `option` in a multiselect, or remove it (its tag's x)."""
    widget = page.locator("[data-testid=stMultiSelect]").filter(has_text=label)
    if remove:
        widget.get_by_role("button", name=f"Remove {option}").first.click()
        return
    widget.locator("input").first.click()
    page.get_by_role("option", name=option, exact=True).first.click()
    page.keyboard.press("Escape")


def filter_samples(
    page: Any, rounds: int, samples: dict[str, list[float]], first_round: int = 0, view: str = ""
) -> None:
    """Searches, sources, precisions and dates, each picked and undone, `rounds` times (words,
    sources and dates not asked for in the rounds before `first_round`); `view` names the
    view in the labels."""
    listed = page.locator("[data-testid=stMultiSelect]").filter(has_text="Sources").count() > 0
    default_dates = page.get_by_label("Dates", exact=True).first.input_value()
    words = iter(WORDS[3 * first_round :])
    for round_number in range(first_round, first_round + rounds):
        for word in (next(words), next(words), next(words)):
            seconds = filter_change(page, lambda w=word: type_and_enter(page, "Search", w))
            record(samples, SEARCH + view, seconds, word)
        seconds = filter_change(page, lambda: type_and_enter(page, "Search", ""))
        record(samples, SEARCH_CLEAR + view, seconds)
        outlet = OUTLETS[round_number % len(OUTLETS)]
        picks = [("Sources", outlet, SOURCE)] if listed else []  # a list, not a text box
        for label, option, name in [*picks, ("Precision", "day", PRECISION)]:
            for remove in (False, True):
                seconds = filter_change(
                    page, lambda lo=(label, option), r=remove: pick_option(page, *lo, remove=r)
                )
                what = f"{option} {'dropped' if remove else 'picked'}"
                record(samples, name + view, seconds, what)
        for text in (DATE_RANGES[round_number % len(DATE_RANGES)], default_dates):
            seconds = filter_change(page, lambda t=text: type_and_enter(page, "Dates", t))
            record(samples, DATES + view, seconds, text)


OUTLETS = ("AP", "The New York Times", "Xinhua")

# Single event points inside the visible x range, with their pixel position (computed from
# plotly's axes: a point's SVG marker can be covered by another).
VISIBLE_POINTS_JS = r"""
() => {
  const gd = document.querySelector('.js-plotly-plot');
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
  const box = gd.getBoundingClientRect();
  const [low, high] = xa.range.map(v => xa.d2l(v));
  const found = [];
  for (const trace of gd._fullData) {
    if (!trace.customdata || !trace.hovertext || trace.type === 'bar') continue;
    for (let i = 0; i < trace.x.length; i++) {
      if (!trace.customdata[i] || !trace.customdata[i][0]) continue;
      const x = xa.d2l(trace.x[i]);
      if (x < low || x > high) continue;
      found.push({id: trace.customdata[i][0], hover: trace.hovertext[i],
                  x: box.left + xa._offset + xa.l2p(x),
                  y: box.top + ya._offset + ya.d2p(trace.y[i])});
    }
  }
  return found;
}
"""


def redrawn(page: Any, act: Callable[[], None]) -> float:
    """Seconds from an action to the chart drawn again and the app idle."""
    key = page.evaluate(CHART_KEY_JS)
    start = time.perf_counter()
    act()
    page.wait_for_function(f"(before) => ({CHART_KEY_JS})() !== before", arg=key,
                           timeout=TIMEOUT_MS)  # fmt: skip
    page.wait_for_function(IDLE_JS, timeout=TIMEOUT_MS)
    page.evaluate(FRAMES_JS)
    seconds = time.perf_counter() - start
    settle(page)
    return seconds


def choose_view(page: Any, name: str) -> None:
    page.locator("[data-testid=stButtonGroup] button").filter(has_text=name).first.click()


LIST_JS = "() => [...document.querySelectorAll('.tl-row')].map(r => r.dataset.id).join('|')"


def view_samples(page: Any, repeats: int, samples: dict[str, list[float]]) -> None:
    """Key events to all events and back, a range button on the key events, chronology pages."""
    for _ in range(repeats):
        record(samples, TO_ALL, redrawn(page, lambda: choose_view(page, "All events")))
        record(samples, TO_KEY, redrawn(page, lambda: choose_view(page, "Key events")))
    for button in ("1y", "all", "1m", "all")[:repeats]:
        seconds = redrawn(page, page.get_by_role("button", name=button, exact=True).click)
        record(samples, KEY_RANGE, seconds, button)
    redrawn(page, lambda: choose_view(page, "All events"))
    for _ in range(repeats):
        rows = page.evaluate(LIST_JS)
        start = time.perf_counter()
        page.locator(".st-key-chronology_later button").click()
        page.wait_for_function(f"(before) => ({LIST_JS})() !== before", arg=rows,
                               timeout=TIMEOUT_MS)  # fmt: skip
        page.wait_for_function(IDLE_JS, timeout=TIMEOUT_MS)
        page.evaluate(FRAMES_JS)
        record(samples, NEXT_PAGE, time.perf_counter() - start)
        settle(page)


PICKER = "[data-testid=stMultiSelect]:has-text('Names to follow')"


def follow_samples(page: Any, start: float, samples: dict[str, list[float]]) -> None:
    """The Follow picker after a fresh app's first chart (from `start`), then names picked
    and dropped, each to its lane drawn."""
    page.wait_for_selector(PICKER, timeout=TIMEOUT_MS)
    record(samples, NAMES_READY, time.perf_counter() - start)
    settle(page)
    for name in NAMES:
        lanes = f"() => document.querySelector('{CHART}')?._fullLayout.yaxis.ticktext || []"
        began = time.perf_counter()
        box = page.locator(PICKER).locator("input").first
        box.click()
        box.fill(name)
        page.get_by_role("option", name=name, exact=False).first.click()
        page.keyboard.press("Escape")
        page.wait_for_function(f"(name) => ({lanes})().includes(name)", arg=name,
                               timeout=TIMEOUT_MS)  # fmt: skip
        page.wait_for_function(IDLE_JS, timeout=TIMEOUT_MS)
        page.evaluate(FRAMES_JS)
        record(samples, FOLLOW, time.perf_counter() - began, name)
        settle(page)
        page.locator(PICKER).get_by_role("button", name=re.compile("^Remove")).first.click()
        settle(page)


def range_and_clicks(page: Any, clicks: int, samples: dict[str, list[float]]) -> None:
    """Press "1m", then click distinct single points: seconds to their snippets."""
    key = page.evaluate(CHART_KEY_JS)
    start = time.perf_counter()
    page.get_by_role("button", name="1m", exact=True).click()
    page.wait_for_function(f"(before) => ({CHART_KEY_JS})() !== before", arg=key,
                           timeout=TIMEOUT_MS)  # fmt: skip
    page.wait_for_function(IDLE_JS, timeout=TIMEOUT_MS)
    page.evaluate(FRAMES_JS)
    record(samples, RANGE_MONTH, time.perf_counter() - start)
    settle(page)
    points = page.evaluate(VISIBLE_POINTS_JS)
    seen: set[str] = set()
    for point in points:
        if len(seen) >= clicks:
            break
        if point["hover"] in seen:
            continue
        seen.add(point["hover"])
        card = page.evaluate("() => document.querySelector('.tl-card')?.innerHTML || ''")
        page.mouse.move(point["x"], point["y"])
        page.wait_for_timeout(300)
        start = time.perf_counter()
        page.mouse.click(point["x"], point["y"])
        page.wait_for_function(
            "(before) => { const c = document.querySelector('.tl-card');"
            " return c && c.innerHTML !== before && document.querySelector('.tl-quote mark'); }",
            arg=card,
            timeout=TIMEOUT_MS,
        )
        record(samples, CLICK, time.perf_counter() - start)
        settle(page)


def record(samples: dict[str, list[float]], label: str, seconds: float, what: str = "") -> None:
    samples.setdefault(label, []).append(seconds)
    print(f"{label + (f' ({what})' if what else ''):<52} {seconds:8.2f} s", flush=True)


def first_chart_seconds(folder: Path, repeats: int = 5) -> dict[str, float]:
    """Every browser measurement of the module docstring: label -> median seconds (peak RSS in
    MB); every sample printed."""
    from playwright.sync_api import sync_playwright

    samples: dict[str, list[float]] = {}
    peak = 0.0
    with tempfile.TemporaryDirectory(prefix="bench-dashboard-") as tmp, sync_playwright() as pw:
        env = {"TIMELINE_DATA": str(folder), "TIMELINE_DB": str(Path(tmp) / "timeline.db")}
        context = pw.chromium.launch_persistent_context(
            str(Path(tmp) / "chromium"),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1440, "height": 1000},
        )
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        # One port for every app, as a restarted app has: the browser keeps its cached scripts.
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        for fresh in range(repeats + 1):
            process = start_app(port, env)
            try:
                with PeakTreeRss(process.pid) as memory:
                    wait_for_health(port, process, timeout=120)
                    if fresh == 0:
                        record(samples, COLD, load_page(page, url))
                        record(samples, COLD_WHOLE, samples[COLD][0] + wait_until_all_read(page))
                        settle(page)
                        for _ in range(repeats):
                            record(samples, WARM_RELOAD, load_page(page, url))
                            settle(page)
                        rounds = max(1, repeats // 2)
                        filter_samples(page, rounds, samples, view=", key events")
                        view_samples(page, repeats, samples)
                        filter_samples(page, 1, samples, rounds, view=", all events")
                        range_and_clicks(page, repeats, samples)
                        BENCH_DIR.mkdir(parents=True, exist_ok=True)
                        shot = BENCH_DIR / "dashboard.png"
                        page.screenshot(path=str(shot))
                        print(f"screenshot: {shot}")
                    else:
                        began = time.perf_counter()
                        record(samples, WARM_FRESH, load_page(page, url))
                        if fresh == 1:
                            follow_samples(page, began + samples[WARM_FRESH][-1], samples)
            finally:
                page.goto("about:blank")  # an open page would reconnect to the next app and rerun
                stop_app(process)
            peak = max(peak, memory.peak_mb)
        context.close()
    results = {label: statistics.median(values) for label, values in samples.items()}
    print()
    for label, values in samples.items():
        shown = ", ".join(f"{v:.2f}" for v in values)
        print(f"{label + ', median':<52} {results[label]:8.2f} s  (max {max(values):.2f}; {shown})")
    results[PEAK] = peak
    print(f"{PEAK:<52} {peak:8.0f} MB")
    load = os.getloadavg()
    print(f"load average at the end: {load[0]:.1f} (1 min), {load[1]:.1f} (5 min)", flush=True)
    return results


def main(argv: list[str]) -> None:
    repeats = int(argv[argv.index("--repeats") + 1]) if "--repeats" in argv else 5
    given = next((a for a in argv if not a.startswith("--") and not a.isdigit()), None)
    if given is not None:
        folder = Path(given)
        paths = sorted(p for p in folder.iterdir() if p.suffix == ".txt")
        print(f"corpus: {folder} ({len(paths):,} files, read as they are)")
    else:
        count = int(next((a for a in argv if a.isdigit()), 10_000))
        folder = BENCH_DIR / f"corpus-{count}"
        paths, written = timed(
            f"corpus of {count:,} articles", lambda: cached_corpus(folder, count)
        )
        print(f"  {folder} ({'written' if written else 'cached'})")
    if "--no-figure" not in argv:
        loaded = timed("load_articles", lambda: load_articles(paths))
        events = timed(
            "extract_events (the events dataframe)", lambda: extract_events(loaded.articles)
        )
        print(f"  {len(loaded.articles):,} articles, {len(events):,} events, "
              f"{len(loaded.problems)} problems")  # fmt: skip
        figure = timed("build_timeline_figure (first view)", lambda: build_timeline_figure(events))
        text = timed("figure to JSON (what the chart is sent)", lambda: json.dumps(figure))
        types = sorted({trace["type"] for trace in figure["data"]})
        print(f"  traces: {len(figure['data'])}, types: {types}, {len(text) / 1e3:,.0f} KB")
    if "--no-browser" in argv or not CHROMIUM.exists():
        print("browser timing skipped")
        return
    first_chart_seconds(folder, repeats)


if __name__ == "__main__":
    main(sys.argv[1:])

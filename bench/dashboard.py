"""Dashboard speed on a large corpus (issue 3); prints numbers, asserts nothing.

Run: `.venv/bin/python bench/dashboard.py [ARTICLES] [--no-browser]` (default 10,000 articles).
Writes the corpus to a temporary folder (with `bench/corpus.py` when it offers
`write_corpus(folder, articles, seed)`, else with the small generator below), then reports:
1. the time to build the events dataframe (load_articles + extract_events),
2. the time to build the Plotly figure, and to serialize it as Streamlit does,
3. the page's time to first chart in Debian's Chromium, with a cold cache (extraction runs)
   and warm (a reload: the cached dataframe is reused).
"""

from __future__ import annotations

import json
import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

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

RECORDS_PER_FILE = 100
OUTLETS = ["Reuters", "AP", "AFP", "BBC", "El País", "Le Monde", "NPR", "Al Jazeera"]
MONTHS = "January February March April May June July August September October November December"
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
PEOPLE = ["The minister", "The mayor", "Officials", "The company", "Protesters", "The court"]
VERBS = ["met", "announced a plan", "signed the deal", "rejected the offer", "went on strike"]


def sentence(randomizer: random.Random, published: date) -> str:
    """One sentence with one date expression of a random kind."""
    who, what = randomizer.choice(PEOPLE), randomizer.choice(VERBS)
    day = published - timedelta(days=randomizer.randrange(0, 900))
    month = MONTHS.split()[day.month - 1]
    when = randomizer.choice(
        [
            f"on {month} {day.day}, {day.year}",
            f"on {randomizer.choice(WEEKDAYS)}",
            f"in {month} {day.year}",
            f"in {day.year}",
            "recently",
            "last week",
        ]
    )
    return f"{who} {what} {when}, according to people familiar with the matter."


def write_articles(folder: Path, count: int, seed: int = 3) -> None:
    """`count` articles of about ten dated sentences each, as JSON lines files."""
    randomizer = random.Random(seed)
    for first in range(0, count, RECORDS_PER_FILE):
        lines = []
        for index in range(first, min(first + RECORDS_PER_FILE, count)):
            published = date(2017, 1, 1) + timedelta(days=randomizer.randrange(0, 730))
            paragraphs = [
                " ".join(sentence(randomizer, published) for _ in range(2)) for _ in range(5)
            ]
            record = {
                "id": f"bench-{index}",
                "title": f"Bench story {index}",
                "source": randomizer.choice(OUTLETS),
                "published": published.isoformat(),
                "url": f"https://example.org/{index}",
                "text": "\n\n".join(paragraphs),
            }
            lines.append(json.dumps(record, ensure_ascii=False))
        (folder / f"batch-{first // RECORDS_PER_FILE:04}.jsonl").write_text("\n".join(lines) + "\n")


def make_corpus(folder: Path, count: int) -> str:
    try:
        from bench import corpus  # type: ignore[attr-defined]

        write = getattr(corpus, "write_corpus", None)
    except ImportError:
        write = None
    if write is not None:
        write(folder, count, 3)
        return "bench/corpus.py"
    write_articles(folder, count)
    return "bench/dashboard.py generator"


def timed(label: str, action: Any) -> Any:
    start = time.perf_counter()
    result = action()
    print(f"{label:<44} {time.perf_counter() - start:8.2f} s")
    return result


def time_to_first_chart(folder: Path) -> None:
    """Open the app on the corpus: seconds from navigation to a drawn chart, cold then warm."""
    from playwright.sync_api import sync_playwright

    port = free_port()
    process = start_app(port, {"TIMELINE_DATA": str(folder)})
    try:
        wait_for_health(port, process, timeout=120)
        with sync_playwright() as playwright:
            context = playwright.chromium.launch_persistent_context(
                tempfile.mkdtemp(prefix="bench-chromium-"),
                executable_path=str(CHROMIUM),
                headless=True,
                args=CHROMIUM_ARGS,
                viewport={"width": 1440, "height": 1000},
            )
            page = context.new_page()
            for label in ("cold cache: extraction + figure", "warm cache: figure only"):
                start = time.perf_counter()
                page.goto(f"http://127.0.0.1:{port}")
                page.wait_for_selector(".js-plotly-plot .gl-container canvas, "
                                       ".js-plotly-plot .scatterlayer .points path",
                                       timeout=600_000)  # fmt: skip
                page.wait_for_function(
                    "() => document.querySelector('.js-plotly-plot')?._fullData?.length > 0",
                    timeout=600_000,
                )
                seconds = time.perf_counter() - start
                print(f"{'time to first chart, ' + label:<44} {seconds:8.2f} s")
            seconds = click_first_visible_point(page)
            print(f"{'click on a WebGL point to snippet shown':<44} {seconds:8.2f} s")
            shot = Path(tempfile.gettempdir()) / "bench-dashboard.png"
            page.screenshot(path=str(shot))
            print(f"screenshot: {shot}")
            context.close()
    finally:
        stop_app(process)


# Pixel position of the first event point inside the visible x range, WebGL or SVG: computed
# from plotly's axes (there are no SVG markers to measure under WebGL).
VISIBLE_POINT_JS = r"""
() => {
  const gd = document.querySelector('.js-plotly-plot');
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
  const box = gd.getBoundingClientRect();
  const [low, high] = xa.range.map(v => xa.d2l(v));
  for (const trace of gd._fullData) {
    if (!trace.customdata || !trace.hovertext) continue;
    for (let i = 0; i < trace.x.length; i++) {
      if (!trace.customdata[i] || !trace.customdata[i][0]) continue;
      const x = xa.d2l(trace.x[i]);
      if (x < low || x > high) continue;
      return {id: trace.customdata[i][0],
              x: box.left + xa._offset + xa.l2p(x), y: box.top + ya._offset + ya.d2p(trace.y[i])};
    }
  }
  return null;
}
"""


def click_first_visible_point(page: Any) -> float:
    """Seconds from a click on a point to its snippet in the panel."""
    point = page.evaluate(VISIBLE_POINT_JS)
    if point is None:
        return float("nan")
    page.mouse.move(point["x"], point["y"])
    page.wait_for_timeout(500)
    start = time.perf_counter()
    page.mouse.click(point["x"], point["y"])
    page.wait_for_selector(".tl-quote mark", timeout=600_000)
    return time.perf_counter() - start


def main(argv: list[str]) -> None:
    count = int(next((a for a in argv if a.isdigit()), 10_000))
    with tempfile.TemporaryDirectory(prefix="timeline-bench-") as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        origin = timed(f"write {count:,} articles", lambda: make_corpus(folder, count))
        print(f"  corpus from {origin}")
        loaded = timed("load_articles", lambda: load_articles(sorted(folder.iterdir())))
        events = timed(
            "extract_events (the events dataframe)", lambda: extract_events(loaded.articles)
        )
        print(f"  {len(loaded.articles):,} articles, {len(events):,} events, "
              f"{len(loaded.problems)} problems")  # fmt: skip
        figure = timed("build_timeline_figure", lambda: build_timeline_figure(events))
        timed("figure to JSON (what Streamlit sends)", lambda: figure.to_json())
        print(f"  traces: {len(figure.data)}, types: {sorted({t.type for t in figure.data})}")
        if "--no-browser" in argv or not CHROMIUM.exists() or os.environ.get("NO_BROWSER"):
            print("browser timing skipped")
            return
        time_to_first_chart(folder)


if __name__ == "__main__":
    main(sys.argv[1:])

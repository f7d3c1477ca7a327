"""Dashboard speed on a large corpus (issues 3 and 6); prints numbers, asserts nothing.

Run: `.venv/bin/python bench/dashboard.py [ARTICLES] [--no-browser]` (default 10,000 articles).
Uses the corpus of `bench/corpus.py`, cached in /tmp/timeline-bench/corpus-N, then reports:
1. the time to build the events dataframe in this process (load_articles + extract_events),
2. the time to build the Plotly figure, and to serialize it as Streamlit does,
3. the page's time to first chart in Debian's Chromium: cold (a fresh app and no store yet:
   it draws a first look, then reads the rest; the time until all is drawn is reported too),
   warm on a reload once all is read (same app: its caches and the store are there) and warm
   in a fresh app process on the same port, as after a restart (the store and the browser's
   cached scripts are there, the app's in-memory caches are not), each the median of 5 (one
   browser sample varies by a second); then a click on a point, and the app's peak RSS
   (Streamlit process and anything it starts, sampled).
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
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

CHART_TIMEOUT_MS = 900_000  # a cold start at 10,000 articles extracts them all first
COLD = "cold: no store, fresh app"
COLD_WHOLE = "cold: every file read and drawn"
WARM_RELOAD = "warm: page reload, same app"
WARM_FRESH = "warm: store there, fresh app"
CLICK = "click on a point to snippet shown"
PEAK = "peak RSS of the app"


def timed(label: str, action: Any) -> Any:
    start = time.perf_counter()
    result = action()
    print(f"{label:<52} {time.perf_counter() - start:8.2f} s", flush=True)
    return result


def load_page(page: Any, url: str) -> float:
    """Seconds from navigation to a chart with data drawn (WebGL canvas or SVG points)."""
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(
        ".js-plotly-plot .gl-container canvas, .js-plotly-plot .scatterlayer .points path",
        timeout=CHART_TIMEOUT_MS,
    )
    page.wait_for_function(
        "() => document.querySelector('.js-plotly-plot')?._fullData?.length > 0",
        timeout=CHART_TIMEOUT_MS,
    )
    return time.perf_counter() - start


def first_chart_seconds(folder: Path, repeats: int = 5) -> dict[str, float]:
    """Time to first chart cold, warm on reload and warm in a fresh app; click; peak RSS (MB).

    The warm times are medians of `repeats` reloads and of `repeats` fresh apps (one browser
    sample varies by a second here); every sample is printed. TIMELINE_DB points the app at a
    store in a temporary folder, so the first app starts with none and the later ones find
    the one the first wrote.
    """
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
        # One port for every app, as a restarted app has: the browser keeps its cached scripts.
        port = free_port()
        apps = [[COLD, *[WARM_RELOAD] * repeats], *[[WARM_FRESH]] * repeats]
        for labels in apps:
            process = start_app(port, env)
            try:
                with PeakTreeRss(process.pid) as memory:
                    wait_for_health(port, process, timeout=120)
                    for label in labels:
                        seconds = load_page(page, f"http://127.0.0.1:{port}")
                        samples.setdefault(label, []).append(seconds)
                        print(f"{'time to first chart, ' + label:<52} {seconds:8.2f} s")
                        if label == COLD:  # a first start draws a first look, then the rest
                            seconds += wait_until_all_read(page)
                            samples[COLD_WHOLE] = [seconds]
                            print(f"{COLD_WHOLE:<52} {seconds:8.2f} s")
                    if CLICK not in samples:
                        samples[CLICK] = [click_first_visible_point(page)]
                        print(f"{CLICK:<52} {samples[CLICK][0]:8.2f} s")
                        BENCH_DIR.mkdir(parents=True, exist_ok=True)
                        shot = BENCH_DIR / "dashboard.png"
                        page.screenshot(path=str(shot))
                        print(f"screenshot: {shot}")
            finally:
                page.goto("about:blank")  # an open page would reconnect to the next app and rerun
                stop_app(process)
            peak = max(peak, memory.peak_mb)
        context.close()
    results = {label: statistics.median(values) for label, values in samples.items()}
    for label in (WARM_RELOAD, WARM_FRESH):
        values = samples[label]
        print(
            f"{label + ', median':<52} {results[label]:8.2f} s "
            f"({min(values):.2f}-{max(values):.2f} s over {len(values)})"
        )
    results[PEAK] = peak
    print(f"{PEAK:<52} {peak:8.0f} MB", flush=True)
    return results


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


def wait_until_all_read(page: Any) -> float:
    """Seconds until the note about files still being read is gone and a chart is drawn."""
    start = time.perf_counter()
    page.wait_for_function(
        "() => ![...document.querySelectorAll('[data-testid=stAlert]')]"
        ".some(e => e.innerText.includes('Reading the other'))"
        " && document.querySelector('.js-plotly-plot')?._fullData?.length > 0",
        timeout=CHART_TIMEOUT_MS,
    )
    return time.perf_counter() - start


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
    folder = BENCH_DIR / f"corpus-{count}"
    paths, written = timed(f"corpus of {count:,} articles", lambda: cached_corpus(folder, count))
    print(f"  {folder} ({'written' if written else 'cached'})")
    loaded = timed("load_articles", lambda: load_articles(paths))
    events = timed("extract_events (the events dataframe)", lambda: extract_events(loaded.articles))
    print(f"  {len(loaded.articles):,} articles, {len(events):,} events, "
          f"{len(loaded.problems)} problems")  # fmt: skip
    figure = timed("build_timeline_figure", lambda: build_timeline_figure(events))
    text = timed("figure to JSON (what the chart is sent)", lambda: json.dumps(figure))
    types = sorted({trace["type"] for trace in figure["data"]})
    print(f"  traces: {len(figure['data'])}, types: {types}, {len(text) / 1e3:,.0f} KB")
    if "--no-browser" in argv or not CHROMIUM.exists():
        print("browser timing skipped")
        return
    first_chart_seconds(folder)


if __name__ == "__main__":
    main(sys.argv[1:])

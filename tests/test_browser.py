"""The real dashboard in Debian's Chromium: click a point on the timeline, read the snippet.

Run alone with `pytest -m browser`. Set TIMELINE_SCREENSHOTS=<folder> to keep the screenshots.
"""

from __future__ import annotations

import math
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).parents[1]
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 60_000
MARKERS = ".js-plotly-plot .scatterlayer .trace .points path"
BARS = ".js-plotly-plot .barlayer .trace .points path"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"
    ),
]

# Finds the clickable event markers (SVG scatter traces whose customdata holds an event id) and
# returns the centre of each marker's bounding box, with its id and the expression (quoted in
# the hover text).
EVENT_MARKERS_JS = r"""
() => {
  const found = [];
  for (const trace of document.querySelectorAll('.js-plotly-plot .scatterlayer .trace')) {
    const calc = trace.__data__;
    if (!calc || !calc[0] || !calc[0].trace) continue;
    const data = calc[0].trace.customdata;
    const hover = calc[0].trace.hovertext || [];
    const paths = trace.querySelectorAll('.points path');
    paths.forEach((path, i) => {
      const row = data && data[i];
      if (!row || !row[0]) return;
      const box = path.getBoundingClientRect();
      if (box.width === 0) return;
      const quoted = /<\/b><br>“([^”]*)”/.exec(hover[i] || '');
      found.push({id: row[0], expression: quoted ? quoted[1] : '', x: box.x + box.width / 2,
                  y: box.y + box.height / 2});
    });
  }
  return found;
}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_app(port: int, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    """Start the dashboard in its own process group, on loopback."""
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "dashboard.py"),
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
    ]
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def wait_for_health(port: int, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError("streamlit did not answer /_stcore/health")


def stop_app(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture(scope="module")
def app_url() -> Iterator[str]:
    port = free_port()
    process = start_app(port)
    try:
        wait_for_health(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_app(process)


@contextmanager
def open_page(
    chromium: Any,
    profile: Path,
    url: str,
    selector: str,
    before_load: Callable[[Any], object] | None = None,
) -> Iterator[Any]:
    """Chromium with a fresh profile on the app, once `selector` is on the page; `before_load`
    gets the page before it navigates (to listen for dialogs, say)."""
    context = chromium.launch_persistent_context(
        str(profile),
        executable_path=str(CHROMIUM),
        headless=True,
        args=CHROMIUM_ARGS,
        viewport={"width": 1440, "height": 1000},
    )
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        if before_load is not None:
            before_load(page)
        page.goto(url)
        page.wait_for_selector(selector)
        yield page
    finally:
        context.close()


@contextmanager
def app_page(
    chromium: Any,
    tmp_path_factory: pytest.TempPathFactory,
    env: dict[str, str],
    selector: str,
    before_load: Callable[[Any], object] | None = None,
) -> Iterator[Any]:
    """A fresh app with `env` (TIMELINE_DATA...) and Chromium on it, once `selector` shows."""
    port = free_port()
    process = start_app(port, env)
    try:
        wait_for_health(port, process, timeout=120)
        profile = tmp_path_factory.mktemp("chromium-profile")
        url = f"http://127.0.0.1:{port}"
        with open_page(chromium, profile, url, selector, before_load) as page:
            yield page
    finally:
        stop_app(process)


@pytest.fixture(scope="module")
def page(app_url: str, chromium: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    profile = tmp_path_factory.mktemp("chromium-profile")
    with open_page(chromium, profile, app_url, MARKERS) as page:
        yield page


def screenshot(page: Any, name: str, tmp_path: Path, full_page: bool = True) -> Path:
    folder = Path(os.environ.get("TIMELINE_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def event_markers(page: Any) -> list[dict[str, Any]]:
    """The clickable markers, in viewport pixels, with the chart scrolled into view."""
    page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
    markers: list[dict[str, Any]] = page.evaluate(EVENT_MARKERS_JS)
    assert markers, "no clickable event marker on the timeline"
    return markers


def click_marker(page: Any, marker: dict[str, Any]) -> str:
    """Click a marker's centre (the drag layer swallows locator clicks); return the snippet."""
    page.mouse.move(marker["x"], marker["y"])
    page.wait_for_timeout(200)
    page.mouse.click(marker["x"], marker["y"])
    mark = page.locator(".tl-quote mark").filter(has_text=marker["expression"])
    mark.first.wait_for(state="visible")
    page.wait_for_timeout(500)  # a click right after a rerun can be lost (plotly.js #6898)
    cards = page.locator(".tl-card")  # the event card, then (merged events) every source's quote
    return "".join(str(cards.nth(i).inner_html()) for i in range(cards.count()))


def test_clicking_a_marker_shows_its_sentence_with_mark(page: Any, tmp_path: Path) -> None:
    screenshot(page, "01-loaded", tmp_path)
    marker = event_markers(page)[0]
    card = click_marker(page, marker)
    assert f"<mark>{marker['expression']}</mark>" in card
    assert page.locator(".tl-quote mark").count() == page.locator(".tl-quote").count() >= 1
    screenshot(page, "02-selected", tmp_path)
    page.mouse.move(5, 5)  # no hover label in the README picture
    page.set_viewport_size({"width": 1440, "height": 1280})
    page.wait_for_timeout(800)
    screenshot(page, "02-selected-viewport", tmp_path, full_page=False)
    page.set_viewport_size({"width": 1440, "height": 1000})
    page.wait_for_timeout(800)


def test_another_marker_then_same_again_keeps_selection(page: Any, tmp_path: Path) -> None:
    markers = event_markers(page)
    other = next(m for m in markers[1:] if m["expression"] != markers[0]["expression"])
    card = click_marker(page, other)
    assert f"<mark>{other['expression']}</mark>" in card
    # A second click on the same point deselects it in plotly: the panel must stay.
    page.mouse.click(other["x"], other["y"])
    page.wait_for_timeout(1500)
    assert page.locator(".tl-quote mark").first.inner_text() == other["expression"]


# Where the marked sentence sits in the full article's box: scrolled to, inside it.
SENTENCE_PLACE_JS = """
() => {
  const box = document.querySelector('.tl-article');
  const outer = box.getBoundingClientRect();
  const inner = box.querySelector('.tl-sentence').getBoundingClientRect();
  return {scrolled: box.scrollTop, taller: box.scrollHeight > box.clientHeight,
          inside: inner.top >= outer.top - 1 && inner.top < outer.bottom};
}
"""


def test_full_article_opens_at_the_marked_sentence(page: Any, tmp_path: Path) -> None:
    # the event furthest into its article (ids are "<article>:<offset>")
    far = max(event_markers(page), key=lambda marker: int(marker["id"].rsplit(":", 1)[1]))
    click_marker(page, far)
    page.get_by_text("Full article").first.click()
    sentence = page.locator(".tl-article .tl-sentence")
    sentence.wait_for(state="visible")
    assert sentence.locator("mark").count() == 1
    page.wait_for_timeout(300)
    place = page.evaluate(SENTENCE_PLACE_JS)
    assert place["taller"] and place["scrolled"] > 0 and place["inside"], place
    screenshot(page, "03-article", tmp_path)


def test_the_deploy_button_is_hidden(page: Any, tmp_path: Path) -> None:
    page.locator("h1").first.scroll_into_view_if_needed()
    assert page.locator("[data-testid=stAppDeployButton]").count() == 0
    assert page.get_by_role("button", name="Deploy").count() == 0
    screenshot(page, "06-toolbar", tmp_path, full_page=False)


def test_merged_marker_quotes_every_source(page: Any, tmp_path: Path) -> None:
    thursday = [m for m in event_markers(page) if m["expression"] == "Thursday"]
    ids = {m["id"] for m in thursday}  # a selected event also has its highlight ring on top
    assert len(ids) == 1, "the 2017-02-23 meeting is drawn once in the merged view"
    card = click_marker(page, thursday[0])
    assert "Told by 2 sources" in card
    marks = page.locator(".tl-sources .tl-quote mark")
    assert marks.count() == 2
    assert {marks.nth(i).inner_text() for i in range(2)} == {"Thursday"}
    page.mouse.move(5, 5)  # no hover label in the picture
    page.set_viewport_size({"width": 1440, "height": 1500})
    page.evaluate(
        "window.scrollTo(0, 0); document.querySelectorAll('*').forEach(e => e.scrollTop = 0)"
    )
    page.wait_for_timeout(800)
    screenshot(page, "05-merged", tmp_path, full_page=False)
    page.set_viewport_size({"width": 1440, "height": 1000})
    page.wait_for_timeout(800)


SPAN_ARTICLE = (
    " date 2017-02-22 Talks on the border deal resume in March 2017, officials said.\n\n"
    "The ministers first met in 2015 and again on Monday.\n"
)


@pytest.fixture(scope="module")
def span_page(chromium: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The app on a folder whose article has month- and year-level dates: bars to click."""
    folder = tmp_path_factory.mktemp("span-data")
    (folder / "talks.txt").write_text(SPAN_ARTICLE, encoding="utf-8")
    with app_page(chromium, tmp_path_factory, {"TIMELINE_DATA": str(folder)}, BARS) as page:
        yield page


def test_clicking_a_span_bar_shows_its_sentence(span_page: Any, tmp_path: Path) -> None:
    bar = span_page.locator(BARS).first
    box = bar.bounding_box()
    assert box is not None and box["width"] > 2
    span_page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    span_page.wait_for_timeout(200)
    span_page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    mark = span_page.locator(".tl-quote mark")
    mark.first.wait_for(state="visible")
    assert mark.first.inner_text() in ("March 2017", "2015")
    screenshot(span_page, "04-span-selected", tmp_path)


HOSTILE_ARTICLE = (
    " date 2017-02-22 <script>alert(1)</script> Ministers met on Monday to sign "
    "<img src=x onerror=alert(1)> the border deal.\n"
)


def test_hostile_article_text_shows_literally_and_runs_nothing(
    chromium: Any, tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    folder = tmp_path_factory.mktemp("hostile-data")
    (folder / "hostile.txt").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    dialogs: list[str] = []

    def listen(page: Any) -> None:
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    env = {"TIMELINE_DATA": str(folder)}
    with app_page(chromium, tmp_path_factory, env, MARKERS, before_load=listen) as page:
        marker = next(m for m in event_markers(page) if m["expression"] == "Monday")
        click_marker(page, marker)
        page.get_by_text("Full article").click()
        page.locator(".tl-article").wait_for(state="visible")
        page.wait_for_timeout(1000)  # time for an injected handler to fire, if any
        screenshot(page, "05-hostile-article", tmp_path)
        shown = page.locator(".tl-card").first.inner_text()
        full = page.locator(".tl-article").inner_text()
        injected = page.evaluate(
            "() => [...document.querySelectorAll('script, img')]"
            ".filter(e => (e.outerHTML || '').includes('alert(1)')).length"
        )
    assert dialogs == []
    assert injected == 0
    assert "<img src=x onerror=alert(1)>" in shown
    assert "<script>alert(1)</script>" in full


def test_a_search_round_trip(page: Any) -> None:
    everything, drawn = count_label(page), len(event_markers(page))
    box = page.get_by_label("Search", exact=True).first

    def search(text: str) -> None:
        key = page.evaluate(CHART_KEY_JS)
        box.fill(text)
        box.press("Enter")
        page.wait_for_function(f"(k) => ({CHART_KEY_JS})() !== k", arg=key)
        page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')")

    search("Tillerson")
    assert count_label(page) != everything and "(of " in count_label(page)
    assert 0 < len(event_markers(page)) < drawn
    search("")
    assert (count_label(page), len(event_markers(page))) == (everything, drawn)


CHART_KEY_JS = "() => document.querySelector('.js-plotly-plot')?.dataset.key || ''"


def count_label(page: Any) -> str:
    return str(
        page.evaluate(
            "() => [...document.querySelectorAll('[data-testid=stSidebar] strong')]"
            ".map(e => e.innerText).find(s => / events? from /.test(s)) || ''"
        )
    )


# Centres, in page pixels, of the publication marks (they carry no customdata).
PUBLISHED_MARKS_JS = r"""
() => {
  const gd = document.querySelector('.js-plotly-plot');
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
  const box = gd.getBoundingClientRect();
  const trace = gd._fullData.find(t => t.name === 'publication date');
  return trace.x.map((x, i) => ({x: box.left + xa._offset + xa.d2p(x),
                                 y: box.top + ya._offset + ya.d2p(trace.y[i])}));
}
"""


CROWD = (
    "harbor bakery cinema quarry orchard glacier tannery foundry vineyard lighthouse "
    "monastery brewery observatory railway aquarium stadium library museum pharmacy garage"
).split()


OPACITIES_JS = (
    "() => [...document.querySelectorAll('.js-plotly-plot .scatterlayer .points path')]"
    ".map(p => getComputedStyle(p).opacity)"
)


@pytest.fixture(scope="module")
def crowded_page(chromium: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Twenty articles, each with three events on its day of publication: many lanes, so a
    dot sits right under each article's publication mark."""
    folder = tmp_path_factory.mktemp("crowded-data")
    for number, (who, did) in enumerate(zip(CROWD, reversed(CROWD), strict=True)):
        (folder / f"story-{who}.txt").write_text(  # words of its own: no two events merge
            f" date 2017-02-22 The {who} {did} on February 22, 2017. Its {did} {who} came "
            f"Wednesday. A {who}{number} spoke on 22 February 2017.\n",
            encoding="utf-8",
        )
    with app_page(chromium, tmp_path_factory, {"TIMELINE_DATA": str(folder)}, MARKERS) as page:
        yield page


def test_a_dot_under_a_publication_mark_takes_the_click(crowded_page: Any, tmp_path: Path) -> None:
    page = crowded_page
    markers = event_markers(page)
    pins = page.evaluate(PUBLISHED_MARKS_JS)
    # a publication mark whose centre lies on an event's dot (12 px wide, a 1.5 px outline)
    under = [
        (marker, pin)
        for pin in pins
        for marker in markers
        if math.hypot(marker["x"] - pin["x"], marker["y"] - pin["y"]) < 7
    ]
    nearest = min(math.hypot(m["x"] - p["x"], m["y"] - p["y"]) for p in pins for m in markers)
    assert under, f"no dot sits under a publication mark (nearest {nearest:.1f} px)"
    marker, pin = under[0]
    opacities = page.evaluate(OPACITIES_JS)
    page.mouse.move(pin["x"], pin["y"])
    page.wait_for_timeout(200)
    page.mouse.click(pin["x"], pin["y"])  # on the mark itself: the dot under it is meant
    page.locator(".tl-quote mark").first.wait_for(state="visible")
    assert page.locator(".tl-quote mark").first.inner_text() == marker["expression"]
    assert page.evaluate(OPACITIES_JS) == opacities  # nothing is selected: no dot fades
    screenshot(page, "07-under-a-publication-mark", tmp_path, full_page=False)


def test_markdown_in_names_and_header_values_fetches_and_links_nothing(
    chromium: Any, tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    folder = tmp_path_factory.mktemp("markdown-data")
    (folder / "ok.txt").write_text(" date 2017-02-22 Ministers met on Monday.", encoding="utf-8")
    (folder / "[click](javascript:alert(1)).txt").write_bytes(b"")  # skipped: a warning
    image = "![y](http://127.0.0.1:9/fm.png)"
    (folder / "fm.md").write_text(f"---\ndate: '{image}'\n---\nTalks on Monday.", encoding="utf-8")
    requested: list[str] = []

    def listen(page: Any) -> None:
        page.on("request", lambda request: requested.append(request.url))

    env = {"TIMELINE_DATA": str(folder)}
    with app_page(chromium, tmp_path_factory, env, MARKERS, before_load=listen) as page:
        page.get_by_text("loaded with a caveat").click()
        page.get_by_text("malformed header date").wait_for(state="visible")
        page.wait_for_timeout(500)
        screenshot(page, "06-markdown-literal", tmp_path)
        text = page.locator("body").inner_text()
        links = page.evaluate(
            "() => document.querySelectorAll("
            "'a[href^=\"javascript\"], a[href*=fm], img[src*=fm]').length"
        )
    assert links == 0
    assert not [address for address in requested if "fm.png" in address]
    assert "[click](javascript:alert(1)).txt" in text
    assert image in text.replace("\u2060", "")  # a word joiner keeps it from being a link

"""The event-timeline dashboard: `streamlit run dashboard.py`.

Widgets, caching, selection and rendering only; every decision about text, dates and frames is
a `timeline` package function. TIMELINE_DATA=<folder> reads another folder than `data/`;
TIMELINE_DB=<file> keeps its store elsewhere than `<folder>/.timeline.sqlite`.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import closing
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, NoReturn

import pandas as pd
import streamlit as st
import streamlit.components.v1 as components_v1
from streamlit.delta_generator import DeltaGenerator

from timeline.articles import SUFFIX_KINDS, Article, LoadProblem, read_upload
from timeline.calendar_words import as_date
from timeline.chronology import ChronologyPage, chronology, locate_day
from timeline.events import filter_events
from timeline.export import to_csv, to_json, to_timelinejs
from timeline.figure import (
    RANGE_BUTTONS,
    Drawable,
    Window,
    bulk_extent,
    count_unplaced,
    draw,
    format_days,
    next_view,
    parse_days,
    parse_window,
    prepare,
    selection_band,
    timeline_palette,
    typed_window,
)
from timeline.follow import ENTITY_EVENT_COLUMNS, NamedCorpus, find_name, read_names
from timeline.ingest import ingest
from timeline.key_events import rank_events
from timeline.merge import merge_with_groups
from timeline.search import SEARCH_MAX_CHARS
from timeline.session import SessionView, session_view
from timeline.snippets import (
    PANEL_CSS,
    article_html,
    counts_label,
    describe_published,
    describe_reading,
    escape,
    event_card_html,
    mentions_html,
    reading_note,
)
from timeline.store import StoreError, default_store_path, open_store
from timeline.untrusted import markdown_code, markdown_text
from timeline.views.chronology import PAGE_SIZE, chronology_groups, page_caption
from timeline.views.following import (
    FOLLOW_STYLES,
    MAX_FOLLOWED,
    followed_events,
    found_note,
    name_choices,
    with_outlets,
    with_session_rows,
)
from timeline.views.key_events import (
    KeyEventsView,
    key_events_view,
    opens_on_key_events,
    ranked_among,
)
from timeline.views.key_events import caption as key_events_caption
from timeline.views.listing import ListGroup, list_data, plural
from timeline.web import ARTICLE_JS, CHART_CSS, CHART_JS, LIST_CSS, LIST_JS, PLOTLY_JS

DATA_DIR = Path(os.environ.get("TIMELINE_DATA") or Path(__file__).parent / "data")
STORE_PATH = Path(os.environ.get("TIMELINE_DB") or default_store_path(DATA_DIR))
UPLOAD_TYPES = [suffix.lstrip(".") for suffix in SUFFIX_KINDS]
LANE_CHOICES = {"auto": "Automatic", "article": "One per article", "source": "One per source"}
CHART_CONFIG = {
    "scrollZoom": True,
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
}
# The chart and the article view are components of this page (no iframe). Plotly's script is
# static/, served by the app's static serving (cached by the browser), or else as the asset
# of a (never mounted) v1 component when the app runs without this repository's config.
STATIC_DIR = Path(__file__).parent / "static"
timeline_chart = st.components.v2.component(
    "timeline_chart", js=CHART_JS, css=CHART_CSS, isolate_styles=False
)
article_view = st.components.v2.component("article_view", js=ARTICLE_JS, isolate_styles=False)
event_list = st.components.v2.component(
    "event_list", js=LIST_JS, css=LIST_CSS, isolate_styles=False
)
static_files = components_v1.declare_component("static_files", path=str(STATIC_DIR))
PLOTLY_URLS = [f"app/static/{PLOTLY_JS}", f"component/{static_files.name}/{PLOTLY_JS}"]
FIRST_LOOK_FILES = 200  # a first start draws these (a second or two of work), then reads the rest
SOURCE_CHOICES_MAX = 300  # more sources get a text box, not a list the browser must draw
VIEWS = {"key": "Key events", "all": "All events", "follow": "Followed names"}

Stamp = tuple[str, float, int]
StoreState = tuple[str, int]  # `Store.made()`, `Store.generation()` (0: nothing stored yet)
# What the session's timeline is built from: store state, session articles, user dates, and
# user readings (news or narrative).
ViewKey = tuple[
    StoreState, tuple[Article, ...], tuple[tuple[str, date], ...], tuple[tuple[str, str], ...]
]
Filters = tuple[tuple[str, Any], ...]  # `filter_events` keyword arguments, sorted
Rows = tuple[ViewKey, bool, Filters]  # `filter_timeline` arguments: which events are shown
Followed = tuple[ViewKey, tuple[str, ...], Filters]  # names followed, with the filters
# What a chart draws: ("all", Rows, lanes), ("key", Rows) or ("follow", Followed)
Drawn = tuple[Any, ...]
# `filter_events` keyword arguments that filter nothing: its defaults
NO_FILTERS = {
    name: parameter.default
    for name, parameter in inspect.signature(filter_events).parameters.items()
    if parameter.kind is inspect.Parameter.KEYWORD_ONLY
}


def file_stamps(folder: Path) -> tuple[Stamp, ...]:
    """(path, mtime, size) of every visible file: the cache key, so edits reload.

    One `stat` a file (`os.scandir` knows from the listing which entries are files).
    """
    stamps = []
    folders = [str(folder)]
    while folders:
        try:
            entries = list(os.scandir(folders.pop()))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir():  # links to folders too, as os.walk lists them
                if not entry.is_symlink():
                    folders.append(entry.path)
            elif entry.is_file():
                info = entry.stat()
                stamps.append((entry.path, info.st_mtime, info.st_size))
    return tuple(sorted(stamps))


def digest(value: tuple[Any, ...]) -> str:
    """Cache key of a tuple argument: its repr's hash (streamlit's own hasher walks each item)."""
    return hashlib.blake2b(repr(value).encode(), digest_size=16).hexdigest()


@st.cache_data(
    show_spinner="Reading new or changed articles and finding their dates…",
    max_entries=1,
    hash_funcs={tuple: digest},
)
def sync_store(
    stamps: tuple[Stamp, ...], state: StoreState, limit: int | None = None
) -> tuple[list[LoadProblem], int]:
    """Bring the store up to date with the folder (only new or changed files are read, at
    most `limit` of them); return the folder's problems and how many files are left to read.
    Keyed by the files and by the store's state, so that a store deleted or written by
    `python -m timeline ingest` is looked at again."""
    workers = os.cpu_count() or 1
    with sync_lock():  # a first look (limit) finds no names: the full read finds them
        report = ingest([DATA_DIR], STORE_PATH, workers=workers, prune=True, limit=limit,
                        names=not limit)  # fmt: skip
    return report.problems, report.postponed


@st.cache_resource
def sync_lock() -> threading.Lock:
    """One sync at a time across sessions: a page opened while the first start reads the
    folder would otherwise read the same files again, beside it."""
    return threading.Lock()


def store_state() -> StoreState:
    """When the store was made and its generation, the cache key of all read from it."""
    with closing(open_store(STORE_PATH)) as store:
        return store.made(), store.generation()


# cache_resource, not cache_data, for frames: no pickled copy per rerun (0.6 s at 100k events);
# nothing below mutates what these return.
@st.cache_resource(show_spinner="Opening the timeline…", max_entries=4, hash_funcs={tuple: digest})
def load_timeline(
    state: StoreState,
    added: tuple[Article, ...] = (),
    dates: tuple[tuple[str, date], ...] = (),
    readings: tuple[tuple[str, str], ...] = (),
) -> SessionView:
    """The stored timeline plus the session's articles, with the user's publication dates and
    readings."""
    with closing(open_store(STORE_PATH)) as store:
        return session_view(store, added, dict(dates), dict(readings))


@st.cache_resource(
    show_spinner="Merging the same event across articles…",
    max_entries=4,
    hash_funcs={tuple: digest},
)
def merge_timeline(
    state: StoreState,
    added: tuple[Article, ...] = (),
    dates: tuple[tuple[str, date], ...] = (),
    readings: tuple[tuple[str, str], ...] = (),
) -> pd.DataFrame:
    """One row per happening told by several articles, as merged at ingest; the session's
    articles join the stored groups. Keyed like `load_timeline`."""
    view = load_timeline(state, added, dates, readings)
    if view.merged is not None:  # no articles of the session's own
        return view.merged
    with closing(open_store(STORE_PATH)) as store:
        groups = store.groups()  # with their words: to merge the session's articles
    return merge_with_groups(view.events, groups, view.session_articles)


@st.cache_resource(show_spinner=False, max_entries=16, hash_funcs={tuple: digest})
def filter_timeline(key: ViewKey, merged: bool, filters: Filters) -> pd.DataFrame:
    """The events that pass the filters, picked from the frame in hand; the search is the
    store's full-text index when the store holds every event (reading the matching rows back
    from SQL cost 0.25 s for 22,000 of them)."""
    view = load_timeline(*key)
    events = merge_timeline(*key) if merged else view.events
    arguments = dict(filters)
    if arguments == NO_FILTERS:
        return events
    if arguments["query"].strip() and not (merged or view.session_articles):
        with closing(open_store(STORE_PATH)) as store:
            events = view.events_with_ids(store.event_ids_matching(arguments.pop("query")))
    return filter_events(events, **arguments)


@st.cache_resource(show_spinner=False, max_entries=4, hash_funcs={tuple: digest})
def timeline_extent(key: ViewKey, merged: bool) -> tuple[date, date] | None:
    """The days most events of the whole timeline cover (the Dates box starts there)."""
    return bulk_extent(merge_timeline(*key) if merged else load_timeline(*key).events)


@st.cache_resource(show_spinner=False, max_entries=4, hash_funcs={tuple: digest})
def prepare_timeline(rows: Rows, lanes: str) -> Drawable:
    """The events of `filter_timeline(*rows)` in their lanes, ready to draw any window, in
    the colours of the whole timeline (a filter changes no source's colour)."""
    return prepare(filter_timeline(*rows), lanes, palette=palette_of(*rows[:2]))


@st.cache_resource(show_spinner=False, max_entries=4, hash_funcs={tuple: digest})
def palette_of(key: ViewKey, merged: bool) -> dict[str, str]:
    """The colours of the sources of the whole timeline, kept under any filter."""
    return timeline_palette(merge_timeline(*key) if merged else load_timeline(*key).events)


@st.cache_resource(show_spinner=False, max_entries=4, hash_funcs={tuple: digest})
def rank_timeline(key: ViewKey) -> pd.DataFrame:
    """The merged events ranked by the articles and outlets that tell them: the stored
    timeline's, or ranked here for a session with articles of its own (about a second at
    40,000 merged events)."""
    ranked = load_timeline(*key).ranked
    return ranked if ranked is not None else rank_events(merge_timeline(*key))


@st.cache_resource(show_spinner=False, max_entries=8, hash_funcs={tuple: digest})
def rank_rows(rows: Rows) -> pd.DataFrame:
    """The ranking of the events the filters keep, in rank order."""
    ranked = rank_timeline(rows[0])
    if dict(rows[2]) == NO_FILTERS:
        return ranked
    return ranked_among(ranked, filter_timeline(*rows)["event_id"])


@st.cache_resource(show_spinner=False, max_entries=8, hash_funcs={tuple: digest})
def key_events_of(rows: Rows, view: tuple[str, str] | None) -> KeyEventsView:
    """The key events of the window `view` (None: of everything), ranked per period."""
    window = parse_window(view)
    days = None if window is None else (window[0].date(), window[1].date())
    return key_events_view(rank_rows(rows), merge_timeline(*rows[0]), days)


@st.cache_resource(show_spinner=False, max_entries=2)
def background() -> ThreadPoolExecutor:
    """One thread for work the page does not wait for (the index of names)."""
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="timeline-background")


@st.cache_resource(show_spinner=False, max_entries=2, hash_funcs={tuple: digest})
def name_index_job(state: StoreState) -> Future[pd.DataFrame]:
    """The index of the stored articles' names, read in the background (seconds at 10,000
    articles): the Follow picker shows once it is there."""

    def read() -> pd.DataFrame:
        with closing(open_store(STORE_PATH)) as store:
            return store.name_index()

    return background().submit(read)


@st.cache_resource(show_spinner=False, max_entries=4, hash_funcs={tuple: digest})
def session_names(key: ViewKey) -> NamedCorpus | None:
    """The names of the session's own articles (uploaded, pasted, or re-dated by the reader)."""
    articles = list(load_timeline(*key).session_articles.values())
    return read_names(articles) if articles else None


@st.cache_resource(show_spinner=False, max_entries=32, hash_funcs={tuple: digest})
def stored_name_events(
    state: StoreState, keys: tuple[str, ...], own_names: tuple[str, ...]
) -> pd.DataFrame:
    """One name's events in the store (`Store.name_events`)."""
    with closing(open_store(STORE_PATH)) as store:
        return store.name_events(keys, frozenset(own_names))


@st.cache_resource(
    show_spinner="Finding the events of the names you follow…",
    max_entries=8,
    hash_funcs={tuple: digest},
)
def follow_timeline(key: ViewKey, names: tuple[str, ...]) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """The events of the followed names, a lane each, and what each typed name was taken
    for (when it was not an indexed name as written)."""
    index = name_index_job(key[0]).result()
    corpus = session_names(key)
    session_ids = list(load_timeline(*key).session_articles)
    nothing = pd.DataFrame(columns=list(ENTITY_EVENT_COLUMNS))
    parts, notes = [], []
    for typed in names:
        found = find_name(index, typed)
        stored = (
            stored_name_events(key[0], found.keys, tuple(sorted(found.own_names)))
            if found is not None
            else nothing
        )
        session_found, session_rows = corpus.events_of(typed) if corpus else (None, nothing)
        taken = found or session_found
        shown = taken.name if taken else typed
        notes.append(found_note(typed, taken.name if taken else None, taken.how if taken else ""))
        parts.append((shown, with_session_rows(stored, session_rows, session_ids)))
    events = with_outlets(followed_events(parts), load_timeline(*key).articles)
    return events, tuple(note for note in notes if note)


@st.cache_resource(show_spinner=False, max_entries=8, hash_funcs={tuple: digest})
def filter_followed(followed: Followed) -> pd.DataFrame:
    """The followed names' events that pass the filters."""
    key, names, filters = followed
    events = follow_timeline(key, names)[0]
    arguments = dict(filters)
    return events if arguments == NO_FILTERS else filter_events(events, **arguments)


@st.cache_resource(show_spinner=False, max_entries=8, hash_funcs={tuple: digest})
def drawable_of(drawn: Drawn, view: tuple[str, str] | None) -> Drawable:
    """What `drawn` names, ready to draw (key events: those of the window `view`)."""
    if drawn[0] == "all":
        return prepare_timeline(drawn[1], drawn[2])
    if drawn[0] == "key":
        return prepare(key_events_of(drawn[1], view).events, "told", colors="told_label")
    return prepare(filter_followed(drawn[1]), "followed", colors="followed_label")


# A page reload, a click or a zoom back reruns the script: the same figure is not built or
# serialized twice.
@st.cache_resource(show_spinner=False, max_entries=8, hash_funcs={tuple: digest})
def draw_timeline(
    drawn: Drawn, view: tuple[str, str] | None, revision: str
) -> tuple[str, str, dict[str, Any]]:
    """The figure of `drawable_of(drawn, view)` around `view`, as JSON text; its key (a hash:
    the chart draws again only when it changes) and its `layout.meta`."""
    options: dict[str, dict[str, Any]] = {
        "key": {"legend": False},  # the lanes say what the colours do
        "follow": {"styles": FOLLOW_STYLES, "legend": False},  # hollow: no date word
    }
    figure = draw(
        drawable_of(drawn, view), parse_window(view), revision=revision, **options.get(drawn[0], {})
    )
    text = json.dumps(figure, separators=(",", ":"))
    key = hashlib.blake2b(text.encode(), digest_size=12).hexdigest()
    return text, key, figure["layout"]["meta"]


@st.cache_resource(show_spinner=False, max_entries=8, hash_funcs={tuple: digest})
def chronology_page(listed: Drawn, page: int) -> ChronologyPage:
    """A page of the chronology of the events `listed` names (all, or the followed names')."""
    return chronology(listed_events(listed), page=page, page_size=PAGE_SIZE)


@st.cache_resource(show_spinner=False, max_entries=8, hash_funcs={tuple: digest})
def chronology_place(listed: Drawn, day: date) -> tuple[int, int]:
    """The page of that chronology where `day` is reached, and the row there."""
    return locate_day(listed_events(listed), day, page_size=PAGE_SIZE)


def listed_events(listed: Drawn) -> pd.DataFrame:
    return filter_timeline(*listed[1]) if listed[0] == "all" else filter_followed(listed[1])


def find_article(article_id: str, view: SessionView) -> Article | None:
    with closing(open_store(STORE_PATH)) as store:
        return view.article(store, article_id)


def init_state() -> None:
    defaults: dict[str, Any] = {
        "selected": None,  # event_id shown in the panel
        "chart_pick": None,  # event_id clicked on the chart, until the next run takes it
        "list_pick": None,  # event_id clicked in the list, until the next run takes it
        "chart_view": None,  # {"range", "revision"}: the window the chart shows, as it said
        "chart_zoom": None,  # {"button", "range"}: a range button pressed, until taken
        "view_number": 0,  # grows when the app moves the chart's window (its revision changes)
        "chart_event": False,  # this run is the chart's (a click, zoom or range button)
        "chronology": {},  # which list, its page, the day it was moved to, the row to show
        "uploaded": {},  # uploader file_id -> LoadResult
        "pasted": [],  # list[Article]
        "dates": {},  # article id -> publication date set by the user
        "readings": {},  # article id -> "news" | "narrative" | "auto", set by the user
    }
    for name, value in defaults.items():
        st.session_state.setdefault(name, value)


def read_uploads(files: list[Any]) -> tuple[list[Article], list[LoadProblem]]:
    """Parse each uploaded file once per session (keyed by the uploader's file id)."""
    results = st.session_state["uploaded"]
    current = {f.file_id: f for f in files}
    for file_id in list(results):
        if file_id not in current:
            del results[file_id]
    for file_id, file in current.items():
        if file_id not in results:
            results[file_id] = read_upload(file.name, file.getvalue())
    articles = [a for result in results.values() for a in result.articles]
    problems = [p for result in results.values() for p in result.problems]
    return articles, problems


def take_chart_value(name: str, into: str) -> Callable[[], None]:
    """A callback that keeps what the chart component just said (`name`) in session state."""

    def take() -> None:
        st.session_state[into] = (st.session_state.get("timeline") or {}).get(name)
        st.session_state["chart_event"] = True

    return take


def take_list_pick() -> None:
    """Keep the row the list component says was clicked; like a click on the chart, it does
    not send the app to look at the folder again."""
    st.session_state["list_pick"] = (st.session_state.get("event_list") or {}).get("pick")
    st.session_state["chart_event"] = True


def update_selection(events: pd.DataFrame) -> None:
    """Take a new pick from the chart or the list (an empty one keeps the last); forget a
    selection that is not among `events` (the view's rows). The chart marks the selection with
    a band it draws itself (the figure is not sent again)."""
    for name in ("chart_pick", "list_pick"):
        if st.session_state[name]:
            st.session_state["selected"] = st.session_state[name]
            st.session_state[name] = None
    selected = st.session_state["selected"]
    if selected is not None and not (events["event_id"] == selected).any():
        st.session_state["selected"] = None


def sidebar_filters(
    events: pd.DataFrame, articles: pd.DataFrame, extent: tuple[date, date] | None
) -> dict[str, Any]:
    """Filter widgets; returns the keyword arguments of `filter_events`. The sources to choose
    from are the articles': a merged event's row names only its first. The Dates box starts
    at `extent`, where most events are."""
    sidebar = st.sidebar
    sidebar.header("Filter")
    query = sidebar.text_input(
        "Search",
        key="f_query",
        placeholder="words in events and sentences",
        max_chars=SEARCH_MAX_CHARS,
    )
    window: dict[str, date | None] = {"start": None, "end": None}
    if extent is not None:
        typed = sidebar.text_input(
            "Dates",
            value=format_days(extent),
            key=f"f_dates_{extent[0]}_{extent[1]}",
            help="From – to, as YYYY-MM-DD, YYYY-MM, YYYY or in words (Aug 1998); Enter "
            "applies. It starts at where most events are and hides nothing until you change "
            "it; empty, it hides nothing either.",
        )
        picked = parse_days(typed) if typed.strip() else extent
        if picked is None:
            sidebar.caption(f"Type two dates, like {format_days(extent)}.")
        elif picked != extent:
            window = {"start": picked[0], "end": picked[1]}
    names = sorted(articles["source"].astype(str).unique())
    if len(names) <= SOURCE_CHOICES_MAX:
        chosen = sidebar.multiselect("Sources", names, key="f_sources", placeholder="All sources")
        sources = chosen or None
    else:  # files with no outlet are their own source: thousands of choices help nobody
        part = sidebar.text_input(
            "Sources",
            key="f_source_part",
            placeholder="All: type part of a name",  # longer is cut off in the sidebar
            help=f"{len(names):,} sources, too many to list: only those whose name holds what "
            "you type are shown.",
        )
        part = part.strip().casefold()
        sources = [name for name in names if part in name.casefold()] if part else None
    kinds = sorted(set(events["granularity"].astype(str).unique()) - {"vague"})
    granularities = sidebar.multiselect(
        "Precision",
        kinds,
        key="f_granularity",
        placeholder="Any precision",
        help="day, week, month, quarter, season, year, decade…",
    )
    include_vague = sidebar.toggle(
        "Show vague expressions",
        value=True,
        key="f_vague",
        help="“recently”, “now”, “in recent years”: shown in their own band, never as dates.",
    )
    return {
        **window,
        "sources": sources,
        "granularities": granularities or None,
        "query": query,
        "include_vague": include_vague,
    }


def sidebar_add_articles() -> tuple[list[Article], list[LoadProblem]]:
    """Upload files or paste text; the articles join the timeline for this session."""
    with st.sidebar.expander("Add articles", icon=":material/upload_file:"):
        files = st.file_uploader(
            "Upload",
            type=UPLOAD_TYPES,
            accept_multiple_files=True,
            key="uploads",
            help="Plain text, Markdown, HTML, JSON, or JSON lines (one article per line); "
            "up to 20 MB a file.",
        )
        uploaded, problems = read_uploads(list(files or []))
        with st.form("paste", clear_on_submit=True, border=False):
            text = st.text_area("…or paste an article", key="paste_text", height=140)
            if st.form_submit_button("Add to timeline") and text.strip():
                name = f"pasted-{len(st.session_state['pasted']) + 1}.txt"
                result = read_upload(name, text.encode("utf-8"))
                st.session_state["pasted"].extend(result.articles)
                problems = [*problems, *result.problems]
    return uploaded, problems


def apply_or_undo(setting: str, article_id: str, value: Any, key: str) -> None:
    """Apply and Undo buttons for the session's per-article `setting` ("dates", "readings")."""
    left, right = st.columns(2)
    if left.button("Apply", key=f"{key}_apply", type="primary"):
        st.session_state[setting][article_id] = value
        st.rerun()
    if article_id in st.session_state[setting] and right.button("Undo", key=f"{key}_undo"):
        del st.session_state[setting][article_id]
        st.rerun()


def sidebar_dates(articles: pd.DataFrame) -> None:
    """Set the publication date of an article whose date was inferred or unknown: its relative
    dates ("Tuesday", "last week") re-anchor to it."""
    editable = articles[articles["published_from"] != "header"]
    with st.sidebar.expander("Publication dates", icon=":material/event:"):
        if editable.empty:
            st.caption(f"All {len(articles)} articles give their date in a header.")
            return
        editable = editable.sort_values(["published", "title"], na_position="first")
        choices = dict(zip(editable["id"], editable.itertuples(index=False), strict=True))
        days = {i: as_date(row.published) for i, row in choices.items()}
        article_id = st.selectbox(
            "Article with an inferred or unknown date",
            list(choices),
            key="date_article",
            format_func=lambda i: f"{choices[i].title[:60]} · {days[i] or '?'}",
        )
        if article_id is None:
            return
        chosen = choices[article_id]
        published = days[article_id]
        st.caption(f"Now: {markdown_text(describe_published(published, chosen.published_from))}")
        day = st.date_input(
            "Published on",
            value=published or date.today(),
            key=f"date_value_{article_id}",
            format="YYYY-MM-DD",
        )
        apply_or_undo("dates", article_id, day, "date")


def sidebar_readings(articles: pd.DataFrame) -> None:
    """Read an article as news (relative dates count from its publication date) or as a
    narrative (from the story's last date, for a history); automatic by default. A big corpus
    lists the selected event's article and those read as narratives."""
    with st.sidebar.expander("News or narrative", icon=":material/history_edu:"):
        if articles.empty:
            st.caption("No articles yet.")
            return
        selected = st.session_state["selected"]
        chosen_id = str(selected).rsplit(":", 1)[0] if selected else None
        shown = articles
        if len(articles) > SOURCE_CHOICES_MAX:
            keep = {chosen_id, *st.session_state["readings"]}
            shown = articles[(articles["reading"] == "narrative") | articles["id"].isin(keep)]
            st.caption("Click an event to choose its article here.")
        shown = shown.assign(_later=shown["reading"] != "narrative")  # narratives first
        shown = shown.sort_values(["_later", "title"]).drop(columns="_later")
        choices = dict(zip(shown["id"], shown.itertuples(index=False), strict=True))
        if not choices:
            return
        ids = list(choices)
        article_id = st.selectbox(
            "Article",
            ids,
            index=ids.index(chosen_id) if chosen_id in choices else 0,
            key=f"reading_article_{chosen_id}",
            format_func=lambda i: f"{choices[i].title[:50]} · {choices[i].reading}",
        )
        chosen = choices[article_id]
        st.caption(describe_reading(chosen.reading, chosen.reading_from))
        labels = {"auto": "Automatic", "news": "News", "narrative": "Narrative"}
        asked = st.session_state["readings"].get(article_id, "auto")
        reading = st.radio(
            "Read as",
            list(labels),
            index=list(labels).index(asked),
            format_func=labels.get,
            horizontal=True,
            key=f"reading_value_{article_id}",
        )
        apply_or_undo("readings", article_id, reading, "reading")


def sidebar_export(filtered: pd.DataFrame) -> None:
    st.sidebar.header("Export")
    st.sidebar.caption("The events shown now, after filters.")
    downloads = (
        ("CSV", partial(to_csv, filtered), "timeline-events.csv", "text/csv"),
        ("JSON", partial(to_json, filtered), "timeline-events.json", "application/json"),
        ("TimelineJS", partial(to_timelinejs, filtered), "timelinejs.json", "application/json"),
    )
    for label, data, name, mime in downloads:
        st.sidebar.download_button(
            label,
            data=data,
            file_name=name,
            mime=mime,
            key=f"export_{label}",
            icon=":material/download:",
            on_click="ignore",
            disabled=filtered.empty,
            width="stretch",
        )


def show_problems(problems: list[LoadProblem]) -> None:
    skipped = [problem for problem in problems if problem.skipped]
    for problem in skipped[:5]:
        st.warning(f"Skipped {problem_markdown(problem)}", icon="⚠️")
    if len(skipped) > 5:
        with st.expander(f"{len(skipped) - 5} more files could not be read"):
            for problem in skipped[5:]:
                st.markdown(f"- {problem_markdown(problem)}")
    notices = [problem for problem in problems if not problem.skipped]
    if notices:
        with st.expander(f"{len(notices)} loaded with a caveat", icon="ℹ️"):
            for problem in notices:
                st.markdown(f"- {problem_markdown(problem)}")


def problem_markdown(problem: LoadProblem) -> str:
    """The file's name and the problem, shown literally: both may quote the file."""
    return f"{markdown_code(Path(problem.path).name)}: {markdown_text(problem.message)}"


def show_panel(events: pd.DataFrame, filtered: pd.DataFrame, view: SessionView) -> None:
    selected = st.session_state["selected"]
    if selected is None:
        st.info("Click a point on the timeline, or a row of the list, to read where it comes from.")
        return
    row = events[events["event_id"] == selected].iloc[0].to_dict()
    st.html(event_card_html(row) + mentions_html(row.get("mentions")))
    if not (filtered["event_id"] == selected).any():
        st.caption("This event is hidden by the current filters.")
    article = find_article(row["article"], view)
    if article is None:
        return
    note = reading_note(article.reading, article.reading_from)
    if note:
        st.caption(note)
    with st.expander("Full article", icon=":material/article:"):
        st.html(f"<h4>{escape(article.title)}</h4>")
        marked = article_html(
            article.text, row["sentence_start"], row["sentence_end"], row["start"], row["end"]
        )
        article_view(key="article", data={"html": marked})  # opens at the marked sentence
    if article.url.startswith(("http://", "https://")):
        st.link_button("Open the original", article.url, icon=":material/open_in_new:")


def main() -> None:
    st.set_option("client.toolbarMode", "viewer")  # no "Deploy" button for readers
    st.set_page_config(
        page_title="Timeline · dates in the news",
        page_icon="🗓️",
        layout="wide",
        initial_sidebar_state="expanded",
    )
    init_state()
    chart_event, st.session_state["chart_event"] = st.session_state["chart_event"], False
    st.html(PANEL_CSS)

    uploaded, upload_problems = sidebar_add_articles()
    # The stored timeline is drawn at once; new or changed files are read after it, and the
    # page is drawn again. A first start has nothing stored: it reads the first files first.
    unread = 0
    stamps = None  # listed after the chart, unless a first start needs them before it
    try:
        state = store_state()
        if state[1] == 0:
            stamps = file_stamps(DATA_DIR)
            unread = sync_store(stamps, state, FIRST_LOOK_FILES)[1]
            state = store_state()
    except StoreError as error:
        stop_for(error)
    try:
        notices = show_timeline(state, uploaded, upload_problems)
    except StoreError as error:  # damage met while reading: named, not a traceback
        stop_for(error)
    try:
        with notices:
            if unread:
                st.info(
                    f"Reading the other {unread:,} files of {markdown_code(DATA_DIR.name + '/')}: "
                    "the timeline fills in when they are done.",
                    icon=":material/hourglass_top:",
                )
            # A click or a zoom reruns the script for the chart: it does not list the folder
            # again (10,000 stats) nor look for changed files.
            look = unread or not chart_event or "folder_problems" not in st.session_state
            if look:
                problems, _ = sync_store(stamps or file_stamps(DATA_DIR), state)
                st.session_state["folder_problems"] = problems
            if not unread:
                show_problems(st.session_state["folder_problems"])
        changed = bool(look) and store_state() != state
    except StoreError as error:
        stop_for(error)
    if changed:
        st.rerun()


def chart_window(drawable: Drawable, base: str) -> tuple[Window | None, str]:
    """The window the chart shows and its revision: `base` plus a number that grows whenever
    the app moves the window (the chart then goes there; in between, the reader's zoom is
    kept). The window the app moved to stands until the chart reports another."""
    zoom, st.session_state["chart_zoom"] = st.session_state["chart_zoom"], None
    revision = f"{base}#{st.session_state['view_number']}"
    window, moved = next_view(drawable, zoom, st.session_state["chart_view"], revision)
    if moved:
        st.session_state["view_number"] += 1
        revision = f"{base}#{st.session_state['view_number']}"
        shown = None if window is None else list(_iso_pair(window))
        st.session_state["chart_view"] = {"range": shown, "revision": revision}
    return window, revision


def show_chart(
    drawn: Drawn, windows: Drawable, base: str, band_events: pd.DataFrame, filters: Filters
) -> tuple[Window | None, dict[str, Any]]:
    """The timeline chart of `drawn` around the window the reader looks at (its zooms, pans
    and range buttons work over the events of `windows`; first the dates typed in the Dates
    box, else where most events are); returns that window and what the figure says of itself
    (`layout.meta`)."""
    window, revision = chart_window(windows, base)
    if window is None:
        window = typed_window(dict(filters)["start"], dict(filters)["end"])
    if window is None and windows.spans is not None:
        window = windows.spans.first_view
    view = None if window is None else _iso_pair(window)
    figure, key, meta = draw_timeline(drawn, view, revision)
    timeline_chart(
        key="timeline",
        data={
            "plotly": PLOTLY_URLS,
            "figure": figure,
            "key": key,
            "band": selection_band(band_events, st.session_state["selected"]),
            "buttons": list(RANGE_BUTTONS),
            "config": CHART_CONFIG,
        },
        on_view_change=take_chart_value("view", "chart_view"),
        on_pick_change=take_chart_value("pick", "chart_pick"),
        on_zoom_change=take_chart_value("zoom", "chart_zoom"),
    )
    return window, {**meta, "key": key}


def show_list(groups: list[ListGroup], empty: str, page: str, focus: str | None = None) -> None:
    """The event list: rows to click, under their headings, the selected one marked."""
    event_list(
        key="event_list",
        data=list_data(groups, st.session_state["selected"], empty, page, focus),
        on_pick_change=take_list_pick,
    )


def turn_page(step: int) -> None:
    st.session_state["chronology"]["page"] += step
    st.session_state["chronology"]["focus"] = None


def show_chronology(listed: Drawn, window: Window | None) -> None:
    """A page of the chronology of the events listed; it moves to where the chart's window
    starts whenever that changes, and pages on with the buttons."""
    of = digest(listed)
    place = st.session_state["chronology"]
    if place.get("of") != of:
        place.clear()
        place.update({"of": of, "page": 0, "day": None, "focus": None})
    day = None if window is None else window[0].date()
    if day is not None and day != place["day"]:
        page_number, row = chronology_place(listed, day)
        place.update({"day": day, "page": page_number, "focus": row})
    page = chronology_page(listed, place["page"])
    place["page"] = page.page
    focus = None
    if place["focus"] is not None and place["focus"] < len(page.rows):
        focus = str(page.rows["event_id"].iloc[place["focus"]])
    st.caption(page_caption(page, PAGE_SIZE))
    if page.pages > 1:
        paging_buttons(page)
    show_list(
        chronology_groups(page),
        "No event passes the filters."
        if listed[0] == "all"
        else "No event of these names passes the filters.",
        f"{of}|{page.page}|{focus}",
        focus,
    )


def paging_buttons(page: ChronologyPage) -> None:
    earlier, later, _ = st.columns([1, 1, 2])
    earlier.button(
        "Earlier",
        key="chronology_earlier",
        icon=":material/arrow_back:",
        disabled=page.page == 0,
        on_click=turn_page,
        args=(-1,),
        width="stretch",
    )
    later.button(
        "Later",
        key="chronology_later",
        icon=":material/arrow_forward:",
        disabled=page.page >= page.pages - 1,
        on_click=turn_page,
        args=(1,),
        width="stretch",
    )


def stop_for(error: StoreError) -> NoReturn:
    st.error(
        f"{markdown_text(str(error))}. Delete or move that file and reload to rebuild it.",
        icon="🛑",
    )
    st.stop()


def show_timeline(
    state: StoreState, uploaded: list[Article], problems: list[LoadProblem]
) -> DeltaGenerator:
    """Sidebar filters, the view switch, chart, list and panel of the stored timeline plus the
    session's articles; returns the place under the title where file problems are listed."""
    key: ViewKey = (
        state,
        tuple([*uploaded, *st.session_state["pasted"]]),
        tuple(sorted(st.session_state["dates"].items())),
        tuple(sorted(st.session_state["readings"].items())),
    )
    view = load_timeline(*key)
    articles, events = view.articles, view.events
    merged = not events.empty  # merged at ingest: one mark per happening, every source quoted
    if merged:
        events = merge_timeline(*key)
    filters = sidebar_filters(events, articles, timeline_extent(key, merged))
    rows = (key, merged, tuple(sorted(filters.items())))
    filtered = filter_timeline(*rows)
    count_box = st.sidebar.empty()  # what the filters keep, of the view shown: filled below
    default = "key" if opens_on_key_events(len(events)) else "all"
    st.session_state.setdefault("view_default", default)
    mode = st.session_state.setdefault("view_mode", default)
    lanes = st.sidebar.radio(
        "Lanes",
        list(LANE_CHOICES),
        format_func=LANE_CHOICES.get,
        key="f_lanes",
        horizontal=True,
        disabled=mode != "all",
        help="The lanes of *All events*: key events sit in lanes by how many articles tell "
        "them, followed names in a lane each.",
    )
    follow_box = st.sidebar.container()  # the Follow picker: drawn once the chart is
    names = tuple(st.session_state.get("follow") or ())
    followed: Followed = (key, names, rows[2])
    job = name_index_job(state)
    following = bool(names) and job.done() and job.exception() is None
    shown = filter_followed(followed) if mode == "follow" and following else filtered
    total = len(follow_timeline(key, names)[0]) if shown is not filtered else len(events)
    count_box.markdown(f"**{counts_label(shown, total=total)}**")
    sidebar_dates(articles)
    sidebar_readings(articles)
    sidebar_export(shown)

    st.title("Timeline")
    st.caption(
        f"Every date found in {plural(len(articles), 'article')}. "
        "Click a point, or a row of the list, to read the sentence it comes from; scroll to "
        "zoom, drag to pan."
    )
    notices = st.container()
    with notices:
        show_problems([*problems, *view.problems])
    if events.empty:
        st.info(
            f"No dated events yet. Put articles in {markdown_code(DATA_DIR.name + '/')} or add "
            "them in the sidebar."
        )
        sidebar_follow(follow_box, key, ())
        return notices

    st.segmented_control(
        "View",
        list(VIEWS),
        format_func=lambda name: (
            VIEWS[name] + (f" ({len(names)})" if name == "follow" and names else "")
        ),
        key="view_mode",
        required=True,
        label_visibility="collapsed",
    )
    if mode == "follow":
        show_followed(view, followed, following)
    else:
        show_events(view, rows, lanes, events, filtered, mode)
    sidebar_follow(follow_box, key, follow_timeline(key, names)[1] if following else ())
    return notices


def show_events(
    view: SessionView,
    rows: Rows,
    lanes: str,
    events: pd.DataFrame,
    filtered: pd.DataFrame,
    mode: str,
) -> None:
    """Key events (the top of each period of the window) or all events: chart, list, panel."""
    update_selection(events)
    key, _, filters = rows
    windows = prepare_timeline(rows, lanes)
    base = f"{len(view.articles)}|{dict(filters)['start']}|{dict(filters)['end']}|{lanes}"
    drawn: Drawn = ("key", rows) if mode == "key" else ("all", rows, lanes)
    window, meta = show_chart(drawn, windows, base, filtered, filters)
    if mode == "key":
        shown = key_events_of(rows, None if window is None else _iso_pair(window))
        st.caption(key_events_caption(shown))
    elif meta.get("period"):
        st.caption(
            f"{meta['drawn']:,} events here are too many to draw one by one: each mark counts "
            f"a lane's events in one {meta['period']} (bigger: more). Zoom in, click a mark, or "
            "narrow the search, dates or sources to see single events."
        )
    unplaced = count_unplaced(filtered) if mode == "all" else 0
    if unplaced:
        st.caption(
            f"{plural(unplaced, 'event')} not drawn: no publication date to anchor "
            "them. Set one under *Publication dates* in the sidebar; they are in the list."
        )
    panel, listing = st.columns([1, 1], gap="large")
    with listing:
        if mode == "key":
            st.subheader("Key events")
            show_list(shown.groups, "No key events in this window.", meta["key"])
        else:
            st.subheader("Chronology")
            show_chronology(("all", rows), window)
    with panel:
        st.subheader("Selected event")
        show_panel(events, filtered, view)


def show_followed(view: SessionView, followed: Followed, following: bool) -> None:
    """The followed names, a lane each: chart, chronology, panel."""
    key, names, filters = followed
    if not following:
        st.info(
            "Type or pick up to five names under **Follow** in the sidebar (a person, a "
            "company, a place, a product) to see each in a lane of its own.",
            icon=":material/person_search:",
        )
        return
    events = follow_timeline(key, names)[0]
    filtered = filter_followed(followed)
    update_selection(events)
    windows = drawable_of(("follow", followed), None)
    base = f"follow|{'|'.join(names)}|{dict(filters)['start']}|{dict(filters)['end']}"
    window, _ = show_chart(("follow", followed), windows, base, filtered, filters)
    st.caption(
        "Filled dots: a date written in the sentence that names them. Hollow dots: the "
        "sentence names them but writes no date; it is dated by its article (click one to "
        "read how)."
    )
    unplaced = count_unplaced(filtered)
    if unplaced:
        st.caption(
            f"{plural(unplaced, 'sentence')} not drawn: a future or hypothetical "
            "clause without a date, or an article with no publication date; they are in the "
            "list."
        )
    panel, listing = st.columns([1, 1], gap="large")
    with listing:
        st.subheader("Chronology")
        show_chronology(("follow", followed), window)
    with panel:
        st.subheader("Selected event")
        show_panel(events, filtered, view)


def follow_changed() -> None:
    """Following a first name shows the followed names; following none any more, the view
    the timeline opened on."""
    if st.session_state.get("follow"):
        st.session_state["view_mode"] = "follow"
    elif st.session_state.get("view_mode") == "follow":
        st.session_state["view_mode"] = st.session_state.get("view_default", "all")


def sidebar_follow(box: DeltaGenerator, key: ViewKey, notes: tuple[str, ...]) -> None:
    """The Follow picker: type-ahead over the names of the articles, with their counts."""
    with box:
        st.header("Follow")
        job = name_index_job(key[0])
        if not job.done():
            wait_for_names(job)
            return
        if job.exception() is not None:
            st.caption(f"The names could not be read: {markdown_text(str(job.exception()))}")
            return
        corpus = session_names(key)
        new_ids = [article.id for article in key[1]]  # uploaded or pasted: not in the store
        indexes = [job.result(), *([corpus.index_of(new_ids)] if corpus is not None else [])]
        followed = list(st.session_state.get("follow") or [])
        choices = name_choices(indexes, followed)
        st.multiselect(
            "Names to follow",
            list(choices),
            format_func=lambda name: choices.get(name, name),
            key="follow",
            max_selections=MAX_FOLLOWED,
            accept_new_options=True,
            filter_mode="contains",
            select_all=False,
            placeholder="A person, company, place…",
            on_change=follow_changed,
            help=f"Up to {MAX_FOLLOWED} names, a lane each. The list holds the names most "
            "mentioned; type any other (or an alias, any case) and press Enter.",
        )
        for note in notes:
            st.caption(markdown_text(note))


@st.fragment(run_every=1.0)
def wait_for_names(job: Future[pd.DataFrame]) -> None:
    """Say the names are being read; draw the page again once they are."""
    if job.done():
        st.rerun()
    st.caption("Finding the names the articles name…")


def _iso_pair(window: Window) -> tuple[str, str]:
    return window[0].isoformat(), window[1].isoformat()


main()

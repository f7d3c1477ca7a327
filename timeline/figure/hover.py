"""Hover texts: what a mark says when the pointer rests on it. Article text is escaped for
Plotly's pseudo-HTML before any markup is put around it."""

from __future__ import annotations

import html
from typing import Any

import numpy as np
import pandas as pd

from timeline.calendar_words import format_span

HOVER_WIDTH = 60
DENSE_LABEL_CHARS = 60
TEMPLATE = "%{hovertext}<extra></extra>"


def escape(text: Any) -> str:
    """Escape text for plotly's pseudo-HTML labels (article text must not become markup).

    >>> escape("<b>x</b> & y"), escape(None)
    ('&lt;b&gt;x&lt;/b&gt; &amp; y', '')
    """
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return ""
    return html.escape(str(text), quote=False)


def escape_series(values: pd.Series) -> pd.Series:
    text = values.fillna("").astype(str)
    return text.str.replace("&", "&amp;").str.replace("<", "&lt;").str.replace(">", "&gt;")


def shorten(text: str, limit: int) -> str:
    """One line of at most `limit` characters, escaped.

    >>> shorten("Talks  <on>\\nthe border deal", 14)
    'Talks &lt;on&gt; th…'
    """
    text = " ".join(text.split())
    return escape(text if len(text) <= limit else text[: limit - 1].rstrip() + "…")


def wrap(text: str, width: int = HOVER_WIDTH) -> str:
    """At most four escaped lines of about `width` characters."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + len(word) < width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(escape(line) for line in lines[:4]) + ("…" if len(lines) > 4 else "")


def event_hover(part: pd.DataFrame, dense: bool) -> list[str]:
    """Escaped hover text per event: label, expression as written -> normalized value, source
    (and, unless `dense`, the date span and precision, with the label wrapped).

    Plain Python over a few thousand rows: faster here than chains of pandas string methods.
    """
    labels, texts, values = (part[c].tolist() for c in ("event", "text", "value"))
    sources = part["source"].tolist()
    if dense:
        label = [escape(str(e or "")[:DENSE_LABEL_CHARS]) for e in labels]
        tails = [f"<br><span style='color:#6b6f7b'>{escape(s)}</span>" for s in sources]
        values_shown = [escape(v) for v in values]
    else:
        label = [wrap(str(e or "")) for e in labels]
        spans = zip(part["date_start"], part["date_end"], part["granularity"], strict=True)
        values_shown = [
            f"{escape(v)} ({escape(format_span(a, b, str(g)))})"
            for v, (a, b, g) in zip(values, spans, strict=True)
        ]
        tails = [
            f"<br><span style='color:#6b6f7b'>{escape(s)} · {escape(g)}</span>"
            for s, g in zip(sources, part["granularity"], strict=True)
        ]
    told = part["count"].fillna(1).astype(int).tolist() if "count" in part else [1] * len(part)
    return [
        f"<b>{a}</b><br>“{escape(t)}” → {v}{tail}"
        + (f"<br><b>told by {n} articles</b>" if n > 1 else "")
        for a, t, v, tail, n in zip(label, texts, values_shown, tails, told, strict=True)
    ]


def count_hover(counts: np.ndarray, period: str, starts: np.ndarray, lanes: list[str]) -> list[str]:
    """Hover text of marks that count a lane's events in one period (`starts`: its first day)."""
    days = np.datetime_as_string(starts.astype("datetime64[D]"))
    return [
        f"<b>{count:,} events</b> · {period} of {day}<br>{escape(lane)}<br><i>click to zoom in</i>"
        for count, day, lane in zip(counts.tolist(), days, lanes, strict=True)
    ]

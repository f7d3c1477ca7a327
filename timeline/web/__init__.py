"""The browser side of the dashboard's two components (files the dashboard hands to
Streamlit's `st.components.v2`; nothing here imports streamlit): the timeline chart, drawn in
place with Plotly, which reports zooms, pans, clicks and the range buttons; and the full article,
which opens at the marked sentence.

The chart loads Plotly's JavaScript from the plotly Python package the app already depends
on (the same version the rest of the app was tested with); nothing is downloaded at run time.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

WEB_DIR = Path(__file__).parent
CHART_JS = (WEB_DIR / "chart.js").read_text(encoding="utf-8")
CHART_CSS = (WEB_DIR / "chart.css").read_text(encoding="utf-8")
ARTICLE_JS = (WEB_DIR / "article.js").read_text(encoding="utf-8")
PLOTLY_JS = "plotly.min.js"


def plotly_js_dir() -> Path:
    """The folder of the plotly package's `plotly.min.js` (found without importing plotly).

    >>> (plotly_js_dir() / PLOTLY_JS).is_file()
    True
    """
    spec = importlib.util.find_spec("plotly")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("the plotly package is not installed")
    return Path(spec.origin).parent / "package_data"

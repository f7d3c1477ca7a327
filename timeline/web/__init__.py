"""The browser side of the dashboard's three components (files the dashboard hands to
Streamlit's `st.components.v2`; nothing here imports streamlit): the timeline chart, drawn in
place with Plotly, which reports zooms, pans, clicks and the range buttons; the event list (key
events, a page of the chronology), which reports the row clicked; and the full article, which
opens at the marked sentence.

The chart loads Plotly's JavaScript from `static/plotly-basic.min.js` in the repository: the
npm package plotly.js-basic-dist-min 4.1.1 (MIT), the plotly.js version of the plotly Python
package we pin, with scatter and bar traces only: 1.2 MB to compile on a page load instead of
4.8 MB, and no WebGL. Nothing is downloaded at run time. To update it:
`npm pack plotly.js-basic-dist-min@VERSION` and copy its `plotly-basic.min.js` there.
"""

from __future__ import annotations

from pathlib import Path

WEB_DIR = Path(__file__).parent
CHART_JS = (WEB_DIR / "chart.js").read_text(encoding="utf-8")
CHART_CSS = (WEB_DIR / "chart.css").read_text(encoding="utf-8")
ARTICLE_JS = (WEB_DIR / "article.js").read_text(encoding="utf-8")
LIST_JS = (WEB_DIR / "list.js").read_text(encoding="utf-8")
LIST_CSS = (WEB_DIR / "list.css").read_text(encoding="utf-8")
PLOTLY_JS = "plotly-basic.min.js"

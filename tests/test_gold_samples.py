"""The gold table of the two sample articles: every temporal expression, its extent and value."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from timeline.anchor import tag_text

ROOT = Path(__file__).resolve().parent.parent
GOLD = yaml.safe_load((ROOT / "tests" / "gold" / "samples.yaml").read_text(encoding="utf-8"))


def article_text(entry: dict) -> str:
    text = (ROOT / "data" / entry["file"]).read_text(encoding="utf-8")
    assert text.startswith(entry["header"])
    return text[len(entry["header"]) :]


def gold_spans(entry: dict, text: str) -> list[tuple[int, int, str, str, str]]:
    spans, seen = [], {}
    for timex in entry["timexes"]:
        nth = timex.get("occurrence", 1)
        start = -1
        for _ in range(nth):
            start = text.index(timex["text"], seen.get(timex["text"], start) + 1)
        seen[timex["text"]] = start
        spans.append(
            (start, start + len(timex["text"]), timex["text"], timex["type"], timex["value"])
        )
    return sorted(spans)


@pytest.mark.parametrize("entry", GOLD, ids=[entry["file"][:40] for entry in GOLD])
def test_sample_article_matches_gold(entry):
    text = article_text(entry)
    found = [
        (t.start, t.end, t.text, t.type, t.value)
        for t in tag_text(text, date.fromisoformat(entry["reference"]))
    ]
    assert found == gold_spans(entry, text)

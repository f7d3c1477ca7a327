"""Merging at ingest: the store keeps groups, new files join them, changed files leave them."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

from timeline.articles import load_articles
from timeline.events import extract_events
from timeline.ingest import ingest
from timeline.merge import merge_events, merge_with_groups
from timeline.store import open_store

MEETING = "Tillerson and Kelly meet Mexican President Pena Nieto in Mexico City on Thursday."
SIT_DOWN = "On Thursday Tillerson and Kelly sit down with Pena Nieto in Mexico City."
TALKS = "Tillerson and Kelly hold talks with Pena Nieto in Mexico City on Thursday."
FLOODS = "Floods hit northern Peru on Thursday, killing twelve villagers."


def write(folder: Path, name: str, *sentences: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.txt"
    path.write_text(f"date: 2017-02-22\nsource: {name}\n\n" + " ".join(sentences) + "\n")
    return path


def groups_of(merged: pd.DataFrame) -> set[frozenset[str]]:
    return {frozenset(m["article"] for m in mentions) for mentions in merged["mentions"]}


def merged_in(db: Path) -> set[frozenset[str]]:
    store = open_store(db)
    try:
        return groups_of(store.merged_events())
    finally:
        store.close()


def test_one_ingest_stores_the_groups_merging_the_frame_gives(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    write(folder, "ap", MEETING, FLOODS)
    write(folder, "nyt", SIT_DOWN)
    write(folder, "bbc", TALKS)
    report = ingest([folder], tmp_path / "db.sqlite")
    store = open_store(tmp_path / "db.sqlite")
    try:
        stored, in_memory = store.merged_events(), merge_events(store.events())
    finally:
        store.close()
    assert report.merged == 4
    assert {"ap", "nyt", "bbc"} <= max(groups_of(stored), key=len)
    pd.testing.assert_frame_equal(
        stored.drop(columns="mentions"), in_memory.drop(columns="mentions")
    )
    assert groups_of(stored) == groups_of(in_memory)


def test_a_file_added_later_joins_the_stored_group(tmp_path: Path) -> None:
    folder, db = tmp_path / "news", tmp_path / "db.sqlite"
    write(folder, "ap", MEETING)
    write(folder, "nyt", SIT_DOWN)
    ingest([folder], db)
    write(folder, "bbc", TALKS)
    report = ingest([folder], db)
    assert report.extracted == 1 and report.merged == 1  # only the new event was compared
    assert frozenset({"ap", "nyt", "bbc"}) in merged_in(db)


def test_a_changed_file_leaves_its_group_and_the_rest_merge_again(tmp_path: Path) -> None:
    folder, db = tmp_path / "news", tmp_path / "db.sqlite"
    write(folder, "ap", MEETING)
    write(folder, "nyt", SIT_DOWN)
    write(folder, "bbc", TALKS)
    ingest([folder], db)
    write(folder, "nyt", FLOODS)
    report = ingest([folder], db)
    assert report.merged == 3  # nyt's new event, and the two its old one was grouped with
    groups = merged_in(db)
    assert frozenset({"ap", "bbc"}) in groups and frozenset({"nyt"}) in groups


def test_a_deleted_file_leaves_its_group(tmp_path: Path) -> None:
    folder, db = tmp_path / "news", tmp_path / "db.sqlite"
    write(folder, "ap", MEETING)
    nyt = write(folder, "nyt", SIT_DOWN)
    ingest([folder], db)
    nyt.unlink()
    ingest([folder], db, prune=True)
    assert merged_in(db) == {frozenset({"ap"})}
    store = open_store(db)
    try:
        assert store.groups()["group"].notna().all()
    finally:
        store.close()


def test_word_counts_follow_the_stored_events(tmp_path: Path) -> None:
    folder, db = tmp_path / "news", tmp_path / "db.sqlite"
    write(folder, "ap", MEETING, FLOODS)
    nyt = write(folder, "nyt", SIT_DOWN)
    ingest([folder], db)
    nyt.write_text(nyt.read_text().replace("sit down with", "dine with"))
    write(folder, "bbc", TALKS)
    ingest([folder], db)
    store = open_store(db)
    try:
        expected = Counter(
            int(term) for packed in store.groups()["terms"] for term in np.frombuffer(packed, "<u4")
        )
        counted = dict(store.connection.execute("SELECT term, events FROM term_frequency"))
    finally:
        store.close()
    assert counted == expected


def test_events_written_but_not_merged_are_merged_next_time(tmp_path: Path) -> None:
    folder, db = tmp_path / "news", tmp_path / "db.sqlite"
    write(folder, "ap", MEETING)
    write(folder, "nyt", SIT_DOWN)
    ingest([folder], db, merge=True)
    store = open_store(db)
    try:  # as after a crash between the files' commit and the merge
        store.connection.execute("UPDATE event_groups SET grp = NULL, weight = 0")
        store.connection.commit()
        assert merged_in(db) == {frozenset({"ap"}), frozenset({"nyt"})}  # pending: alone
    finally:
        store.close()
    report = ingest([folder], db)
    assert report.extracted == 0 and report.merged == 2
    assert merged_in(db) == {frozenset({"ap", "nyt"})}


def test_an_unchanged_rewrite_keeps_the_groups(tmp_path: Path) -> None:
    folder, db = tmp_path / "news", tmp_path / "db.sqlite"
    write(folder, "ap", MEETING)
    nyt = write(folder, "nyt", SIT_DOWN)
    ingest([folder], db)
    nyt.write_bytes(nyt.read_bytes())  # touched, same bytes
    report = ingest([folder], db)
    assert report.retouched == 1 and report.merged == 0
    assert merged_in(db) == {frozenset({"ap", "nyt"})}


def test_session_articles_join_the_stored_groups(tmp_path: Path) -> None:
    folder, db = tmp_path / "news", tmp_path / "db.sqlite"
    write(folder, "ap", MEETING)
    write(folder, "nyt", SIT_DOWN)
    ingest([folder], db)
    write(tmp_path / "upload", "bbc", TALKS)
    store = open_store(db)
    try:
        added = extract_events(load_articles([tmp_path / "upload"]).articles)
        events = pd.concat([store.events(), added], ignore_index=True)
        merged = merge_with_groups(events, store.groups(), changed={"bbc"})
        # the stored "nyt" event re-dated in the session: it leaves the group
        redated = merge_with_groups(store.events(), store.groups(), changed={"nyt"})
    finally:
        store.close()
    assert groups_of(merged) == {frozenset({"ap", "nyt", "bbc"})}
    assert groups_of(redated) == {frozenset({"ap", "nyt"})}  # merged again: same words


def test_extracts_without_merge_words_never_merge(tmp_path: Path) -> None:
    folder, db = tmp_path / "news", tmp_path / "db.sqlite"
    write(folder, "ap", MEETING)
    write(folder, "nyt", SIT_DOWN)
    ingest([folder], db, merge=False)
    assert merged_in(db) == {frozenset({"ap"}), frozenset({"nyt"})}

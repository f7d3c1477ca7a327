"""The command line: `tag`, `events`, `key-events`, `names`, `ingest`, `search`, `evaluate`,
`evaluate-merge`, `evaluate-key-events` and `evaluate-entities`."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from contextlib import closing
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import pandas as pd

from timeline.anchor import tag_text
from timeline.articles import (
    MAX_FILE_BYTES,
    Article,
    FileNotRead,
    LoadProblem,
    load_articles,
    read_file,
    with_reading,
)
from timeline.chronology import in_chronological_order
from timeline.events import extract_events
from timeline.export import event_dicts, to_csv
from timeline.reading import AUTO, READING_CHOICES
from timeline.scoring.tempeval import main_evaluate
from timeline.search import search_words
from timeline.store import Store, StoreError, default_store_path, open_store
from timeline.untrusted import one_line

if TYPE_CHECKING:
    from timeline.ingest import IngestReport

EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_USAGE = 2
EXIT_BROKEN_PIPE = 128 + 13  # 128 + SIGPIPE: what a shell reports for a writer cut off


def main(
    argv: Sequence[str] | None = None, out: TextIO = sys.stdout, err: TextIO = sys.stderr
) -> int:
    """Run the command line; return the exit code (1 when some input could not be used)."""
    args = _parser().parse_args(argv)
    return int(args.run(args, out, err))


def _add_reading(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--reading",
        choices=READING_CHOICES,
        default=AUTO,
        help="how relative dates are read: news (from the publication date), narrative (from "
        "the story's last date, for histories), or auto: chosen per article (default)",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m timeline", description=__doc__)
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    tag = commands.add_parser("tag", help="print the temporal expressions of one plain-text file")
    tag.add_argument(
        "--dct",
        type=date.fromisoformat,
        required=True,
        metavar="YYYY-MM-DD",
        help="the document creation (publication) date to resolve against",
    )
    tag.add_argument("file", type=Path, metavar="FILE")
    _add_reading(tag)
    tag.set_defaults(run=_run_tag)

    events = commands.add_parser("events", help="print the dated events of articles")
    events.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    events.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    events.add_argument(
        "--merge",
        action="store_true",
        help="one row per happening told by several articles, with its sources and mentions",
    )
    _add_store_arguments(events)
    events.set_defaults(run=_run_events)
    _add_entity_arguments(events)

    key_events = commands.add_parser(
        "key-events", help="print the events most articles tell, most important first"
    )
    key_events.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    key_events.add_argument("--top", type=_positive, default=10, metavar="N", help="how many (10)")
    key_events.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    key_events.add_argument(
        "--per",
        choices=("day", "week", "month", "year", "auto"),
        help="the top N of each period instead (auto: chosen from the dates covered)",
    )
    _add_store_arguments(key_events)
    key_events.set_defaults(run=_run_key_events)

    ingest = commands.add_parser(
        "ingest", help="extract new or changed articles into the store the dashboard reads"
    )
    ingest.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    ingest.add_argument(
        "--db", type=Path, metavar="FILE", help="the store (default: the folder's .timeline.sqlite)"
    )
    ingest.add_argument("--workers", type=int, default=os.cpu_count() or 1, metavar="N")
    ingest.add_argument(
        "--dask", metavar="ADDRESS", help="extract on this Dask scheduler (tcp://host:8786)"
    )
    ingest.add_argument(
        "--prune", action="store_true", help="also forget stored files gone from the folders"
    )
    ingest.add_argument(
        "--reading",
        choices=READING_CHOICES,
        default=None,
        help="how relative dates are read: news, narrative or auto (chosen per article); "
        "files stored with another reading are read again (default: as stored, auto for new)",
    )
    ingest.set_defaults(run=_run_ingest)

    search = commands.add_parser("search", help="full-text search of the stored events")
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--db", type=Path, required=True, metavar="FILE")
    search.set_defaults(run=_run_search)

    evaluate = commands.add_parser("evaluate", help="score the tagger against TimeML gold")
    evaluate.add_argument(
        "corpora", nargs="+", type=Path, metavar="CORPUS_DIR", help="one row each, and a total"
    )
    evaluate.add_argument("--errors", action="store_true", help="list errors per document")
    _add_reading(evaluate)
    evaluate.set_defaults(run=_run_evaluate)

    evaluate_merge = commands.add_parser(
        "evaluate-merge", help="score cross-article merging against MEANTIME cross-document gold"
    )
    evaluate_merge.add_argument("corpus", type=Path, metavar="MEANTIME_DIR")
    evaluate_merge.set_defaults(run=_run_evaluate_merge)

    evaluate_key_events = commands.add_parser(
        "evaluate-key-events",
        help="score key events against SemEval-2015 entity timelines (top 10 on gold dates)",
    )
    evaluate_key_events.add_argument("sets", nargs="+", type=Path, metavar="SET_DIR")
    evaluate_key_events.set_defaults(run=_run_evaluate_key_events)
    _add_name_commands(commands)
    return parser


def _add_store_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--db",
        type=Path,
        metavar="FILE",
        help="bring this store up to date with the paths first (as `ingest` does) and read "
        "their events from it, merged groups as stored",
    )
    command.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, metavar="N", help="with --db"
    )
    _add_reading(command)


def _positive(text: str) -> int:
    number = int(text)
    if number < 1:
        raise argparse.ArgumentTypeError(f"{text}: at least 1")
    return number


def _run_tag(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        data = read_file(args.file)  # the loader's limits: a regular file of at most 20 MB
        if len(data) > MAX_FILE_BYTES:
            raise FileNotRead(f"too large (more than {MAX_FILE_BYTES >> 20} MB)")
        # universal newlines, as text mode reads them: the offsets tag has always given
        text = data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    except FileNotRead as error:
        print(one_line(f"{args.file}: {error}"), file=err)
        return EXIT_PARTIAL
    except UnicodeDecodeError as error:
        reason = f"invalid UTF-8 at byte {error.start}"
        print(one_line(f"{args.file}: cannot read as UTF-8 text ({reason})"), file=err)
        return EXIT_PARTIAL
    for timex in tag_text(text, args.dct, reading=args.reading):
        record = {key: getattr(timex, key) for key in ("start", "end", "text", "type", "value")}
        print(json.dumps(record, ensure_ascii=False), file=out)
    return EXIT_OK


def _run_events(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.entity is not None:
        return _run_entity_events(args, out, err)
    read = _read_events(args, err, merged=args.merge)
    if read is None:
        return EXIT_PARTIAL
    events, problems = read
    if args.format == "csv":
        out.write(to_csv(events))
    else:
        for record in event_dicts(in_chronological_order(events)):
            print(json.dumps(record, ensure_ascii=False), file=out)
    return _exit_code(problems)


def _run_key_events(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from timeline.key_events import key_events

    read = _read_events(args, err, merged=True)
    if read is None:
        return EXIT_PARTIAL
    merged, problems = read
    ranked = key_events(merged, top=args.top, period=args.per)
    if args.per is None:
        ranked = ranked.drop(columns=["period"])
    if args.format == "csv":
        out.write(to_csv(ranked, chronological=False))
    else:
        for record in event_dicts(ranked):
            print(json.dumps(record, ensure_ascii=False), file=out)
    return _exit_code(problems)


def _read_events(
    args: argparse.Namespace, err: TextIO, merged: bool
) -> tuple[pd.DataFrame, list[LoadProblem]] | None:
    """The events of the paths (merged: one row per group), read in memory, or with `--db`
    from the store brought up to date with them; None when the store cannot be used."""
    if args.db is None:
        loaded = load_articles(args.paths)
        for problem in loaded.problems:
            print(one_line(f"{problem.path}: {problem.message}"), file=err)
        events = extract_events(_as_asked(loaded.articles, args.reading))
        if merged:
            from timeline.merge import merge_events  # SciPy: only paid for when asked

            events = merge_events(events)
        return events, loaded.problems
    ingested = _ingested_store(args, err)
    if ingested is None:
        return None
    store, report = ingested
    try:
        return store.events_of_files(report.found, merged=merged), report.problems
    finally:
        store.close()


def _as_asked(articles: list[Article], reading: str) -> list[Article]:
    """The articles read as the command line asked (auto: each as it is chosen for it)."""
    if reading == AUTO:
        return articles
    return [with_reading(article, reading, "asked") for article in articles]


def _run_ingest(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from timeline.ingest import ingest
    from timeline.session import keep_stored_timeline

    first = args.paths[0]
    args.db = args.db or default_store_path(first if first.is_dir() else first.parent)
    errors: tuple[type[Exception], ...] = (StoreError,)
    if args.dask:
        from timeline.distributed import ClusterError  # dask is imported only for --dask

        errors += (ClusterError,)
    try:
        report = ingest(
            args.paths,
            args.db,
            workers=args.workers,
            progress=err.isatty(),
            prune=args.prune,
            dask_address=args.dask,
            reading=args.reading,
        )
        with closing(open_store(args.db)) as store:
            keep_stored_timeline(store)  # the dashboard's next start opens on it at once
    except errors as error:
        print(one_line(str(error)), file=err)
        return EXIT_PARTIAL
    for problem in report.problems:
        print(one_line(f"{problem.path}: {problem.message}"), file=err)
    print(
        f"{report.files} files: {report.extracted} extracted, {report.unchanged} unchanged, "
        f"{report.retouched} touched but identical, {report.removed} removed; the store "
        f"{one_line(str(args.db))} holds {report.articles} articles and {report.events} events",
        file=out,
    )
    return _exit_code(report.problems)


def _run_search(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if search_words(args.query) != search_words(args.query, bounded=False):
        words = " ".join(search_words(args.query))
        print(one_line(f"searching for these words only (the first ones): {words}"), file=err)
    try:
        store = open_store(args.db, create=False)  # a reader: makes nothing, changes nothing
        try:
            events = store.events(query=args.query)
        finally:
            store.close()
    except StoreError as error:
        print(one_line(str(error)), file=err)
        return EXIT_PARTIAL
    for record in event_dicts(events):
        print(json.dumps(record, ensure_ascii=False), file=out)
    return EXIT_OK


def _run_evaluate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    tagger = partial(tag_text, reading=args.reading)
    return main_evaluate([str(path) for path in args.corpora], args.errors, out, err, tagger)


def _run_evaluate_merge(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from timeline.scoring.merging import main_merge_eval  # SciPy: only paid for when asked

    return main_merge_eval(str(args.corpus), out)


def _run_evaluate_key_events(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from timeline.scoring.key_events import main_key_events_eval

    return main_key_events_eval(args.sets, out)


# --- names (issue 17): `names`, `events --entity`, `evaluate-entities` -----------------------


def _add_entity_arguments(events: argparse.ArgumentParser) -> None:
    events.add_argument(
        "--entity",
        metavar="NAME",
        help="only the events of this name (any of its aliases, any case), with an `anchor` "
        "column saying how each row's date was found",
    )


def _add_name_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    names = commands.add_parser(
        "names", help="the people, organisations, places and products the articles name"
    )
    names.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    names.add_argument("--top", type=int, metavar="N", help="only the N most mentioned")
    names.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    _add_store_arguments(names)
    names.set_defaults(run=_run_names)

    evaluate_entities = commands.add_parser(
        "evaluate-entities", help="score `events --entity` against SemEval-2015 Task 4 timelines"
    )
    evaluate_entities.add_argument("gold", type=Path, metavar="GOLD_DIR")
    evaluate_entities.add_argument("texts", type=Path, metavar="TEXTS_DIR")
    evaluate_entities.add_argument(
        "--errors", action="store_true", help="list each timeline's misses and false alarms"
    )
    evaluate_entities.add_argument(
        "--date-errors",
        action="store_true",
        help="list each timeline's dates that no gold item has and gold dates it lacks, "
        "with the rows and sentences behind them",
    )
    evaluate_entities.set_defaults(run=_run_evaluate_entities)


def _run_names(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from timeline.follow import read_names

    if args.db is not None:
        ingested = _ingested_store(args, err)
        if ingested is None:
            return EXIT_PARTIAL
        store, report = ingested
        code = _exit_code(report.problems)
        index = store.name_index()
        store.close()
    else:
        code, articles = _loaded(args, err)
        index = read_names(articles).index
    index = index.drop(columns="keys")
    index["kind"] = index["kind"].replace("", None)
    if args.top is not None:
        index = index.head(max(0, args.top))
    if args.format == "csv":
        out.write(to_csv(index))
    else:
        for record in event_dicts(index):
            print(json.dumps(record, ensure_ascii=False), file=out)
    return code


def _run_entity_events(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from timeline.follow import find_name, read_names

    if args.merge:
        print("--entity lists one name's events; it does not go with --merge", file=err)
        return EXIT_USAGE

    if args.db is not None:
        ingested = _ingested_store(args, err)
        if ingested is None:
            return EXIT_PARTIAL
        store, report = ingested
        code = _exit_code(report.problems)
        found = find_name(store.name_index(), args.entity)
        events = store.name_events(found.keys, found.own_names) if found else None
        if events is None:
            events = store.name_events(())
        store.close()
    else:
        code, articles = _loaded(args, err)
        found, events = read_names(articles).events_of(args.entity)
    if found is None:
        print(f"no name like {args.entity!r} in these articles", file=err)
    elif found.how in ("part", "close"):
        print(f"{args.entity!r} taken for {found.name!r}", file=err)
    if args.format == "csv":
        out.write(to_csv(events))
    else:
        for record in event_dicts(events):
            print(json.dumps(record, ensure_ascii=False), file=out)
    return code


def _loaded(args: argparse.Namespace, err: TextIO) -> tuple[int, list[Article]]:
    """Load the articles of the paths, read as asked, one line on stderr per problem; the exit
    code too."""
    loaded = load_articles(args.paths)
    for problem in loaded.problems:
        print(one_line(f"{problem.path}: {problem.message}"), file=err)
    return _exit_code(loaded.problems), _as_asked(loaded.articles, args.reading)


def _ingested_store(args: argparse.Namespace, err: TextIO) -> tuple[Store, IngestReport] | None:
    """Bring the store at `args.db` up to date with `args.paths` (problems printed) and open
    it; None when it cannot be used."""
    from timeline.ingest import ingest

    try:
        asked = None if args.reading == AUTO else args.reading  # auto: each file as stored
        report = ingest(
            args.paths, args.db, workers=args.workers, progress=err.isatty(), reading=asked
        )
        store = open_store(args.db)
    except StoreError as error:
        print(one_line(str(error)), file=err)
        return None
    for problem in report.problems:
        print(one_line(f"{problem.path}: {problem.message}"), file=err)
    return store, report


def _run_evaluate_entities(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from timeline.scoring.entities import main_evaluate_entities

    return main_evaluate_entities(args.gold, args.texts, out, err, args.errors, args.date_errors)


def _exit_code(problems: Sequence[LoadProblem]) -> int:
    """1 when a file or record was left out; notices about files that loaded do not count."""
    return EXIT_PARTIAL if any(problem.skipped for problem in problems) else EXIT_OK


def run() -> int:
    """`python -m timeline`: `main`, ending quietly when the reader of the output goes away
    (`events | head`), as command-line tools do."""
    try:
        code = main()
        sys.stdout.flush()  # inside the try: a pipe closed early fails here at the latest
    except BrokenPipeError:
        # Python flushes stdout again at exit: point it at /dev/null so that flush succeeds
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    return code


if __name__ == "__main__":
    sys.exit(run())

"""The command line: `tag`, `events`, `ingest`, `search`, `evaluate` and `evaluate-merge`."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TextIO

from timeline.anchor import tag_text
from timeline.articles import MAX_FILE_BYTES, FileNotRead, LoadProblem, load_articles, read_file
from timeline.events import extract_events
from timeline.export import event_dicts, to_csv
from timeline.scoring.tempeval import main_evaluate
from timeline.store import (
    StoreError,
    default_store_path,
    open_store,
    search_words,
)
from timeline.untrusted import one_line

EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_BROKEN_PIPE = 128 + 13  # 128 + SIGPIPE: what a shell reports for a writer cut off


def main(
    argv: Sequence[str] | None = None, out: TextIO = sys.stdout, err: TextIO = sys.stderr
) -> int:
    """Run the command line; return the exit code (1 when some input could not be used)."""
    args = _parser().parse_args(argv)
    return int(args.run(args, out, err))


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
    tag.set_defaults(run=_run_tag)

    events = commands.add_parser("events", help="print the dated events of articles")
    events.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    events.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    events.add_argument(
        "--merge",
        action="store_true",
        help="one row per happening told by several articles, with its sources and mentions",
    )
    events.set_defaults(run=_run_events)

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
    ingest.set_defaults(run=_run_ingest)

    search = commands.add_parser("search", help="full-text search of the stored events")
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--db", type=Path, required=True, metavar="FILE")
    search.set_defaults(run=_run_search)

    evaluate = commands.add_parser("evaluate", help="score the tagger against TimeML gold")
    evaluate.add_argument("corpus", type=Path, metavar="CORPUS_DIR")
    evaluate.add_argument("--errors", action="store_true", help="list errors per document")
    evaluate.set_defaults(run=_run_evaluate)

    evaluate_merge = commands.add_parser(
        "evaluate-merge", help="score cross-article merging against MEANTIME cross-document gold"
    )
    evaluate_merge.add_argument("corpus", type=Path, metavar="MEANTIME_DIR")
    evaluate_merge.set_defaults(run=_run_evaluate_merge)
    return parser


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
    for timex in tag_text(text, args.dct):
        record = {key: getattr(timex, key) for key in ("start", "end", "text", "type", "value")}
        print(json.dumps(record, ensure_ascii=False), file=out)
    return EXIT_OK


def _run_events(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    loaded = load_articles(args.paths)
    for problem in loaded.problems:
        print(one_line(f"{problem.path}: {problem.message}"), file=err)
    events = extract_events(loaded.articles)
    if args.merge:
        from timeline.merge import merge_events  # scikit-learn: only paid for when asked

        events = merge_events(events)
    if args.format == "csv":
        out.write(to_csv(events))
    else:
        for record in event_dicts(events):
            print(json.dumps(record, ensure_ascii=False), file=out)
    return _exit_code(loaded.problems)


def _run_ingest(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from timeline.ingest import ingest

    first = args.paths[0]
    args.db = args.db or default_store_path(first if first.is_dir() else first.parent)
    try:
        report = ingest(
            args.paths,
            args.db,
            workers=args.workers,
            progress=err.isatty(),
            prune=args.prune,
            dask_address=args.dask,
        )
    except StoreError as error:
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
    return main_evaluate(str(args.corpus), args.errors, out, err)


def _run_evaluate_merge(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from timeline.scoring.merging import main_merge_eval  # scikit-learn: only paid for when asked

    return main_merge_eval(str(args.corpus), out)


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

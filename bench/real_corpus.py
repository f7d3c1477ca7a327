"""A folder of real news articles for tests and screenshots: the TBAQ (TimeBank + AQUAINT, 256
stories of 1989-2000) and MEANTIME (Wikinews, 120 stories of 2004-2011 on four topics) texts of
../shared/corpora, written as article files the way a reader would drop them in.

- A TBAQ story becomes `<its file name>.txt` with the inline header of `bench/corpus.py`
  (` date 1998-02-06 WASHINGTON (AP) ...`): its name keeps the archive code ("APW19980807",
  "NYT19980206", "wsj_0006"), from which the loader reads the outlet, as with real archives.
- A MEANTIME story becomes `<its file name>.md` with YAML front matter (title, date, source:
  Wikinews) and its whole text, one sentence a line (`scoring.gold.read_meantime`, every sentence).

Stories without a creation date are left out (MEANTIME has a few). API: `write_real_corpus(folder)
-> list[Path]`. Command line: `python bench/real_corpus.py OUT_DIR`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]
if str(_ROOT) not in sys.path:  # run as `python bench/real_corpus.py`
    sys.path.insert(0, str(_ROOT))

from timeline.scoring.gold import GoldDocument, read_corpus, read_meantime  # noqa: E402

CORPORA = _ROOT.parent / "shared" / "corpora"
TBAQ_DIR = CORPORA / "tbaq-cleaned"
MEANTIME_DIR = CORPORA / "meantime-en" / "intra-doc_annotation"


def write_real_corpus(
    folder: str | Path, tbaq_dir: Path = TBAQ_DIR, meantime_dir: Path = MEANTIME_DIR
) -> list[Path]:
    """Write every dated TBAQ and MEANTIME story into `folder`; return the paths written.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     paths = write_real_corpus(tmp)
    ...     first = paths[0].read_text(encoding="utf-8")
    >>> len(paths) > 300, first.startswith(" date 19")
    (True, True)
    """
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    paths = [_write_tbaq(out, document) for document in read_corpus(tbaq_dir) if document.dct]
    for path in sorted(meantime_dir.rglob("*.xml")):
        document = read_meantime(path, last_sentence=None)
        if document is not None and document.dct is not None:
            paths.append(_write_meantime(out, document))
    return paths


def _write_tbaq(out: Path, document: GoldDocument) -> Path:
    assert document.dct is not None
    path = out / f"{Path(document.path).stem}.txt"
    path.write_text(f" date {document.dct.isoformat()} {document.text.strip()}\n", "utf-8")
    return path


def _write_meantime(out: Path, document: GoldDocument) -> Path:
    assert document.dct is not None
    title, _, body = document.text.partition("\n")
    quoted = title.strip().replace("'", "''")
    header = f"---\ntitle: '{quoted}'\ndate: {document.dct.isoformat()}\nsource: Wikinews\n---\n"
    path = out / f"{Path(document.path).stem}.md"
    path.write_text(header + body.strip() + "\n", "utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path)
    paths = write_real_corpus(parser.parse_args(argv).out_dir)
    print(f"{len(paths)} articles written")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

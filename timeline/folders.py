"""Which files a list of paths means: folders searched recursively (hidden entries skipped,
links leading out refused), each folder resolved once. Knows nothing of file contents."""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path


class RealPaths:
    """`os.path.realpath` for many files: each folder is resolved once, by this instance.

    realpath looks up every component of a path; a corpus of 10,000 files in one folder
    needs those lookups once, not 10,000 times (a second of a dashboard start).
    """

    def __init__(self) -> None:
        self._folders: dict[str, str] = {}

    def __call__(self, path: str | Path) -> str:
        folder, name = os.path.split(os.fspath(path))
        if name in ("", ".", "..") or os.path.islink(path):
            return os.path.realpath(path)
        real = self._folders.get(folder)
        if real is None:
            real = self._folders[folder] = os.path.realpath(folder or os.curdir)
        return os.path.join(real, name)


def list_files(
    paths: Iterable[str | Path], suffixes: Collection[str]
) -> Iterator[tuple[Path, str | None]]:
    """Yield each file to read (a folder's: those with one of `suffixes`, sorted) with None, or
    a path that cannot be used with the reason why.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> for name in ("b.txt", "a.md", ".hidden.txt", "notes.pdf"):
    ...     _ = (folder / name).write_text("x")
    >>> [(path.name, why) for path, why in list_files([folder, folder / "gone"], {".txt", ".md"})]
    [('a.md', None), ('b.txt', None), ('gone', 'no such file or folder')]
    """
    for given in paths:
        path = Path(given)
        if path.is_dir():
            inside, outside, errors = _folder_files(path, suffixes)
            yield from ((file, None) for file in inside)
            for link in outside:
                yield link, "skipped: a link to a file outside the folder"
            for error in errors:
                reason = error.strerror or str(error)
                yield Path(error.filename or path), f"cannot be read ({reason})"
        elif path.exists() or path.is_symlink():
            yield path, None
        else:
            yield path, "no such file or folder"


def _folder_files(
    folder: Path, suffixes: Collection[str]
) -> tuple[list[Path], list[Path], list[OSError]]:
    """The folder's visible files with a known suffix, recursively, sorted; the links among
    them that point outside the folder (never read); the subfolders that could not be listed.

    One `scandir` a folder and no call per file: an entry knows from the listing whether it
    is a folder or a link (`os.walk` plus an `islink` a file took a third of a second at 10,000).
    """
    root = Path(os.path.realpath(folder))
    inside: list[tuple[tuple[str, ...], Path]] = []
    outside: list[tuple[tuple[str, ...], Path]] = []
    errors: list[OSError] = []
    pending: list[tuple[str, tuple[str, ...]]] = [(os.fspath(folder), ())]
    while pending:
        parent, parts = pending.pop()
        try:
            with os.scandir(parent) as listing:
                entries = list(listing)
        except OSError as error:
            errors.append(error)
            continue
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            if _is_folder(entry):
                if not entry.is_symlink():  # as os.walk: a linked folder is not entered
                    pending.append((entry.path, (*parts, name)))
                continue
            if os.path.splitext(name)[1].lower() not in suffixes:
                continue
            leads_out = entry.is_symlink() and not Path(
                os.path.realpath(entry.path)
            ).is_relative_to(root)
            (outside if leads_out else inside).append(((*parts, name), Path(entry.path)))
    inside.sort(key=lambda pair: pair[0])
    outside.sort(key=lambda pair: pair[0])
    return [file for _, file in inside], [file for _, file in outside], errors


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False

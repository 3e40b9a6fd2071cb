"""The result cache: a file's findings are reused when nothing that could change them changed.

The key is a SHA-256 of the file's bytes, its display path, the resolved settings of its
config (rules selected, severities, options, language, profile, house rule folders), and the
version of jdlint's rules and data (every file under the rules folders, by content) and code
(jdlint's version and its modules' sizes and modification times, so an edited checkout never
serves stale results), and today's date (which version of a law is in force depends on it).
An entry is JSON data (``jdlint.run.cache_codec``: a light ``FileResult``, checked field by field
when read, never unpickled, so a forged entry cannot run code), written to a temporary file and
renamed into place, so concurrent runs never see half an entry. An entry is read only from a
regular file (no link, FIFO or device) and only up to a size limit; anything else is a miss.
The folder and its markers are ``jdlint.core.cachedir``'s.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Final

import jdlint
from jdlint import nlp
from jdlint.catalogue.ruledata import rules_dir
from jdlint.core.cachedir import mark, write_atomic
from jdlint.core.distinfo import version
from jdlint.core.results import FileResult
from jdlint.core.userfiles import read_regular
from jdlint.run.cache_codec import decode, encode

__all__ = ["ResultCache", "code_version", "file_digest"]

_MAX_ENTRY: Final = 16 * 1024 * 1024
_MAX_HASHED: Final = 64 * 1024 * 1024


def _suffix(name: str) -> str:
    # NOTE: pathlib's PurePath.suffix, without building a Path per file.
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def _files(folder: str) -> list[tuple[tuple[str, ...], str]]:
    """(relative parts, path) of every regular file under ``folder`` (links to files too; no
    descent into linked folders), as ``Path.rglob("*")`` + ``is_file()`` would list them."""
    # NOTE: os.scandir, not Path.rglob: ~4 ms less per cold start for the ~180 files of the
    # package, which the result-cache key stats every run (issue 19).
    out: list[tuple[tuple[str, ...], str]] = []
    pending: list[tuple[str, tuple[str, ...]]] = [(folder, ())]
    while pending:
        path, parts = pending.pop()
        try:
            with os.scandir(path) as entries:
                listed = list(entries)
        except OSError:
            continue
        for entry in listed:
            try:
                if entry.is_dir(follow_symlinks=False):
                    pending.append((entry.path, (*parts, entry.name)))
                elif entry.is_file():
                    out.append(((*parts, entry.name), entry.path))
            except OSError:
                continue
    out.sort()
    return out


def _tree_digest(folders: Iterable[Path], *, content: bool) -> str:
    digest = hashlib.sha256()
    for folder in folders:
        if not folder.is_dir():
            continue
        # NOTE: rule folders by content; the package by size and mtime of every file, its
        # data too (the Lithuanian lemma table, skeletons, report templates), not only .py.
        outside = "__pycache__" in folder.parts
        for parts, path in _files(str(folder)):
            suffix = _suffix(parts[-1])
            if content:
                if suffix not in (".yaml", ".yml", ".json", ".txt"):
                    continue
            elif outside or "__pycache__" in parts or suffix == ".pyc":
                continue
            digest.update("/".join(parts).encode())
            try:
                if content:
                    with open(path, "rb") as handle:
                        digest.update(hashlib.sha256(handle.read()).digest())
                else:
                    info = os.stat(path)
                    digest.update(f"{info.st_size}:{info.st_mtime_ns}".encode())
            except OSError:
                digest.update(b"?")
    return digest.hexdigest()


def _analyser_versions() -> str:
    """Versions of the packages whose data decide lemmas (a new dictionary changes findings)."""
    # NOTE: read from the distributions' metadata folders (jdlint.core.distinfo), not through
    # importlib.metadata, whose import alone was ~25 ms of a cold start.
    out = []
    for name in ("pymorphy3", "pymorphy3-dicts-ru", "lxml", "pypdf"):
        out.append(f"{name}={version(name) or '-'}")
    return ",".join(out)


@lru_cache(maxsize=16)
def code_version(extra_rule_dirs: tuple[Path, ...] = ()) -> str:
    """jdlint's version + rule data (content) + code and package data (size, mtime) + house
    rules (content) + the tokenizer backend (``jdlint.nlp.tokenizer``: it may cut a text
    differently) + the versions of the analysers' packages."""
    package = Path(jdlint.__file__).resolve().parent
    parts = [jdlint.__version__, _tree_digest([rules_dir()], content=True),
             _tree_digest([package], content=False),
             _tree_digest(extra_rule_dirs, content=True), f"tokenizer={nlp.tokenizer()}",
             _analyser_versions()]
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()


def file_digest(path: Path) -> str | None:
    """SHA-256 of a file's bytes; None when it cannot be read or is too large to cache."""
    try:
        with open(path, "rb") as handle:
            if os.fstat(handle.fileno()).st_size > _MAX_HASHED:
                return None
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


class ResultCache:
    """Cached ``FileResult`` records under one folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._ready = False

    def key(self, content: str, display_path: str, settings_key: str, version: str) -> str:
        """The entry name for one file under one configuration."""
        text = "\x00".join((content, display_path, settings_key, version))
        return hashlib.sha256(text.encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / "v2" / key[:2] / f"{key}.json"

    def get(self, key: str) -> FileResult | None:
        """The cached result, or None (missing, unreadable, malformed or from another version)."""
        # NOTE: never through a link (O_NOFOLLOW fails on one): an entry is a file jdlint wrote.
        path = self._path(key)
        try:
            if path.is_symlink():
                return None
            return decode(read_regular(path, _MAX_ENTRY), jdlint.__version__)
        except (OSError, ValueError):  # EntryError, NotRegularFile, TooLarge are ValueErrors
            return None

    def _prepare(self) -> None:
        if not self._ready:
            mark(self.folder)
            self._ready = True

    def put(self, key: str, result: FileResult) -> None:
        """Store a result; errors (read-only folder, full disk) are ignored: it is a cache."""
        try:
            self._prepare()
            data = encode(result, jdlint.__version__)
            if data is not None:
                write_atomic(self._path(key), data)
        except OSError:
            pass


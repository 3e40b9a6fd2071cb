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
The folder (default ``.jdlint_cache``) gets a ``.gitignore`` and a ``CACHEDIR.TAG`` only when
jdlint created it or it is already marked as jdlint's: never in a folder of the user's.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Final

import jdlint
from jdlint import nlp
from jdlint.catalogue.ruledata import rules_dir
from jdlint.core.results import FileResult
from jdlint.core.userfiles import read_regular
from jdlint.run.cache_codec import decode, encode

__all__ = ["DEFAULT_DIR", "ResultCache", "code_version", "config_cache_dir", "default_cache_dir",
           "file_digest"]

DEFAULT_DIR: Final = ".jdlint_cache"
_MAX_ENTRY: Final = 16 * 1024 * 1024
_TAG: Final = ("Signature: 8a477f597d28d172789f06886806bc55\n"
               "# This file is a cache directory tag created by jdlint.\n")
_MAX_HASHED: Final = 64 * 1024 * 1024


def default_cache_dir() -> Path:
    """``$JDLINT_CACHE_DIR`` or ``.jdlint_cache`` in the current folder."""
    env = os.environ.get("JDLINT_CACHE_DIR")
    return Path(env) if env else Path(DEFAULT_DIR)


def config_cache_dir(folder: Path, root: Path) -> Path | None:
    """A config file's ``cache-dir`` if it lies strictly inside the config's folder, else None.

    A config travels with the linted files (a pull request can add one), so it may not send
    the cache, and the files jdlint writes there, anywhere else; the command line and
    ``$JDLINT_CACHE_DIR`` may.
    """
    try:
        resolved, base = folder.resolve(), root.resolve()
    except (OSError, RuntimeError):
        return None
    return folder if resolved != base and resolved.is_relative_to(base) else None


def _tree_digest(folders: Iterable[Path], *, content: bool) -> str:
    digest = hashlib.sha256()
    for folder in folders:
        if not folder.is_dir():
            continue
        # NOTE: rule folders by content; the package by size and mtime of every file, its
        # data too (the Lithuanian lemma table, skeletons, report templates), not only .py.
        wanted = ((lambda p: p.suffix in (".yaml", ".yml", ".json", ".txt")) if content
                  else (lambda p: "__pycache__" not in p.parts and p.suffix != ".pyc"))
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and wanted(p)):
            digest.update(path.relative_to(folder).as_posix().encode())
            try:
                if content:
                    digest.update(hashlib.sha256(path.read_bytes()).digest())
                else:
                    info = path.stat()
                    digest.update(f"{info.st_size}:{info.st_mtime_ns}".encode())
            except OSError:
                digest.update(b"?")
    return digest.hexdigest()


def _analyser_versions() -> str:
    """Versions of the packages whose data decide lemmas (a new dictionary changes findings)."""
    from importlib.metadata import PackageNotFoundError, version

    out = []
    for name in ("pymorphy3", "pymorphy3-dicts-ru", "lxml", "pypdf"):
        try:
            out.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            out.append(f"{name}=-")
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

    def prepare(self) -> None:
        """Create the folder with its markers; also for other data kept in it (the DOCX made
        of a converted .doc, :mod:`jdlint.readers.convert`)."""
        self._prepare()

    def _prepare(self) -> None:
        if self._ready:
            return
        # NOTE: the markers (a .gitignore that ignores everything) are written only into a
        # folder jdlint creates, an empty one, or one already tagged as jdlint's: a cache-dir
        # pointing at a folder of the user's ("." or the project root) must not hide it from git.
        tag = self.folder / "CACHEDIR.TAG"
        ours = not self.folder.exists()
        self.folder.mkdir(parents=True, exist_ok=True)
        if not ours:
            try:
                ours = tag.is_file() or not any(self.folder.iterdir())
            except OSError:
                ours = False
        if ours:
            for name, text in ((".gitignore", "# Created by jdlint.\n*\n"), ("CACHEDIR.TAG", _TAG)):
                marker = self.folder / name
                if not marker.exists():
                    try:
                        marker.write_text(text, encoding="utf-8")
                    except OSError:
                        pass
        self._ready = True

    def put(self, key: str, result: FileResult) -> None:
        """Store a result; errors (read-only folder, full disk) are ignored: it is a cache."""
        try:
            self._prepare()
            target = self._path(key)
            target.parent.mkdir(parents=True, exist_ok=True)
            data = encode(result, jdlint.__version__)
            if data is None:
                return
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                os.replace(tmp, target)  # NOTE: atomic: readers see the old entry or the new
            except BaseException:
                os.unlink(tmp)
                raise
        except OSError:
            pass


"""The cache folder: where it is, its markers, and atomic writes of entries into it.

Results (``jdlint.run.cache``) and DOCX files converted from .doc (``jdlint.readers.convert``)
are kept in one folder (default ``.jdlint_cache``, or ``$JDLINT_CACHE_DIR``). The folder gets
a ``.gitignore`` and a ``CACHEDIR.TAG`` only when jdlint created it or it is already marked as
jdlint's: never in a folder of the user's.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

__all__ = ["DEFAULT_DIR", "config_cache_dir", "default_cache_dir", "mark", "write_atomic"]

DEFAULT_DIR: Final = ".jdlint_cache"
_TAG: Final = ("Signature: 8a477f597d28d172789f06886806bc55\n"
               "# This file is a cache directory tag created by jdlint.\n")


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


def mark(folder: Path) -> None:
    """Create ``folder`` and, if it is jdlint's, its markers. Raises OSError if it cannot be made.

    The markers (a .gitignore that ignores everything) are written only into a folder jdlint
    creates, an empty one, or one already tagged as jdlint's: a cache-dir pointing at a folder
    of the user's ("." or the project root) must not hide it from git.
    """
    tag = folder / "CACHEDIR.TAG"
    ours = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    if not ours:
        try:
            ours = tag.is_file() or not any(folder.iterdir())
        except OSError:
            ours = False
    if ours:
        for name, text in ((".gitignore", "# Created by jdlint.\n*\n"), ("CACHEDIR.TAG", _TAG)):
            marker = folder / name
            if not marker.exists():
                try:
                    marker.write_text(text, encoding="utf-8")
                except OSError:
                    pass


def write_atomic(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` through a temporary file and a rename, so concurrent readers
    see the old entry or the new one, never half of one. Raises OSError.

    Not ``core.safeout.write_atomic``: that one writes a user's named output, following a link
    and writing a device in place; a cache entry must never be written through a link or into
    a FIFO planted in the cache folder, so here the rename always replaces the name itself."""
    import tempfile  # NOTE: here, not at the top: a run with no cache writes nothing

    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=target.suffix)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except BaseException:
        os.unlink(tmp)
        raise

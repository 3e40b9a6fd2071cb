"""``Path.resolve()`` for the many files of one scan, each folder resolved once (issue 19).

``os.path.realpath`` examines every component of a path with ``lstat``: ~10 calls for a file
named as ``/work/batch/a.docx`` that links to ``/data/out/corpus/a.docx``, and a batch of
1,000 such files spent ~35 ms of its serial start on them. ``Resolver.resolve`` resolves a
file's folder once per scan (remembered), then examines only the file's own name: a name that
is not a link ends there; a link whose target is a plain path is followed one step the same
way. Anything else (``.`` or ``..`` in the target, a link to a link, a name that cannot be
examined) is left to ``Path.resolve()`` itself, so every answer is the one it gives.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

__all__ = ["Resolver"]


def _plain(target: str) -> bool:
    """Whether a link's target names its file without ``.``, ``..`` or empty components
    (which ``realpath`` treats specially)."""
    parts = target.split("/")
    if target.startswith("/"):
        parts = parts[1:]
    return bool(parts) and all(p not in ("", ".", "..") for p in parts)


class Resolver:
    """``resolve(path) == str(path.resolve())``, with each folder's real path kept for the next
    file (a scan's life: the files do not move while it runs)."""

    def __init__(self) -> None:
        self._folders: dict[str, str] = {}

    def _folder(self, folder: str) -> str:
        real = self._folders.get(folder)
        if real is None:
            real = self._folders[folder] = os.path.realpath(folder)
        return real

    def _fast(self, path: str, follow: bool) -> str | None:
        """``path``'s real path when its last component settles it, else None."""
        folder, name = os.path.split(path)
        if not folder or name in ("", ".", ".."):
            return None
        candidate = os.path.join(self._folder(folder), name)
        try:
            mode = os.lstat(candidate).st_mode
        except OSError:
            return None
        if not stat.S_ISLNK(mode):
            return candidate
        if not follow:
            return None
        try:
            target = os.readlink(candidate)
        except OSError:
            return None
        if not _plain(target):
            return None
        # NOTE: a relative target is read from the link's real folder, as realpath does
        return self._fast(os.path.join(os.path.dirname(candidate), target), False)

    def resolve(self, path: Path) -> str:
        """``str(path.resolve())``: a scan keeps the string (issue 19: a second ``Path`` a
        file, hashed into a set and a dict, was ~0.3 KB a file at 100,000 files)."""
        text = os.fspath(path)
        fast = self._fast(text, True) if "//" not in text else None
        return fast if fast is not None else str(path.resolve())

"""Installed distributions' versions read from their metadata folders, without importlib.metadata.

``importlib.metadata`` costs ~25 ms of a cold start (it imports ``email``, ``zipfile``,
``csv`` …) only to read one header line. This module finds a distribution the way
``importlib.metadata.version`` does on a plain file system (the first ``sys.path`` entry
holding a ``<name>-<version>.dist-info`` or ``.egg-info`` whose name normalises to the wanted
one) and reads the ``Version:`` header of its ``METADATA`` (``PKG-INFO`` for an egg), the
same field ``importlib.metadata`` reads. Anything it cannot decide this way (a zip archive on
``sys.path``, a metadata file without a version) is answered by ``importlib.metadata`` itself.
"""

from __future__ import annotations

import os
import re
import sys
from functools import lru_cache

__all__ = ["version"]

_SEPARATORS = re.compile(r"[-_.]+")


def _normalise(name: str) -> str:
    # NOTE: the normalisation importlib.metadata's Prepared.normalize applies (PEP 503, with
    # underscores), so "pymorphy3-dicts-ru" finds "pymorphy3_dicts_ru-2.4.dist-info".
    return _SEPARATORS.sub("-", name).lower().replace("-", "_")


def _header(path: str) -> str | None:
    """The ``Version:`` header of a metadata file (headers end at the first blank line)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            for line in handle:
                if not line.strip():
                    return None
                if line[:8].lower() == "version:":
                    return line[8:].strip()
    except OSError:
        return None
    return None


def _candidates(entry: str, wanted: str) -> list[str] | None:
    """Metadata files of ``wanted`` under one ``sys.path`` entry; None when only
    importlib.metadata can tell (the entry is an archive)."""
    index = _index(entry or ".")
    return None if index is None else index.get(wanted, [])


# NOTE: each ``sys.path`` entry is listed once per process, not once per distribution asked
# for: the result cache's key asks for four, and listing the standard library and
# site-packages four times was ~2 ms of a cold start (issue 19).
@lru_cache(maxsize=64)
def _index(root: str) -> dict[str, list[str]] | None:
    """The metadata files under ``root`` by normalised distribution name, each name's in
    sorted order of their folder names; None for an archive."""
    if os.path.isfile(root):
        return None
    found: dict[str, list[str]] = {}
    try:
        with os.scandir(root) as children:
            names = sorted(child.name for child in children)
    except OSError:
        return {}
    for name in names:
        low = name.lower()
        if not low.endswith((".dist-info", ".egg-info")):
            continue
        path = os.path.join(root, name)
        if low.endswith(".dist-info"):
            metadata = os.path.join(path, "METADATA")
        elif os.path.isdir(path):
            metadata = os.path.join(path, "PKG-INFO")
        else:
            metadata = path  # a single-file .egg-info is the PKG-INFO itself
        found.setdefault(_normalise(low.rpartition(".")[0].partition("-")[0]), []).append(
            metadata)
    return found


def _fallback(name: str) -> str | None:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as metadata_version

    try:
        return metadata_version(name)
    except PackageNotFoundError:
        return None


def version(name: str) -> str | None:
    """The installed version of distribution ``name``; None when it is not installed."""
    wanted = _normalise(name)
    for entry in sys.path:
        found = _candidates(entry, wanted)
        if found is None:
            return _fallback(name)
        if found:
            # NOTE: importlib.metadata takes the first distribution found, with whatever
            # version header it has; a file we cannot read or parse is left to it.
            value = _header(found[0])
            return value if value is not None else _fallback(name)
    return None

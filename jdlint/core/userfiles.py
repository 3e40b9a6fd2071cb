"""Reading the files a user hands jdlint besides documents: configs, waivers, baselines.

This module owns the one way these are read: from a regular file only, up to a size limit,
as UTF-8, and parsed as TOML or JSON without letting a hostile file (bad bytes, a FIFO, 3,000
nested brackets, a multi-gigabyte file) escape as a traceback. Every failure is a
:class:`~jdlint.core.errors.UsageError` with one line that names the file.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any, Final

from jdlint.core.errors import UsageError

__all__ = ["MAX_USER_FILE", "NotRegularFile", "TooLarge", "load_json", "load_toml", "read_regular",
           "read_text"]

# NOTE: a config, waiver or baseline file of a real project is a few kilobytes; a baseline of a
# large archive may reach a few megabytes.
MAX_USER_FILE: Final = 32 * 1024 * 1024


class NotRegularFile(ValueError):
    """A path that is a FIFO, device, socket or folder: never read."""


class TooLarge(ValueError):
    """A file past the size limit: never read whole."""


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, opened without blocking (a FIFO
    returns at once) and read only up to ``limit``. :class:`NotRegularFile` or :class:`TooLarge`
    otherwise; ``OSError`` when it cannot be opened. Shared by the result cache and the
    readers of configs, waivers and baselines."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise NotRegularFile(str(path))
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(str(path))
    return data


def read_text(path: Path, what: str, limit: int = MAX_USER_FILE) -> str:
    """The UTF-8 text of ``path``; ``what`` names the file in the error ("baseline")."""
    try:
        data = read_regular(path, limit)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise UsageError(f"cannot read {what} {path}: {exc.strerror or exc}") from None
    except NotRegularFile:
        raise UsageError(f"cannot read {what} {path}: not a regular file") from None
    except TooLarge:
        size = f"{limit // (1024 * 1024)} MiB" if limit >= 1024 * 1024 else f"{limit} bytes"
        raise UsageError(f"{what} {path} is too large (limit {size})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{what} {path} is not UTF-8 text (byte {exc.start})") from None


def load_toml(path: Path, what: str) -> dict[str, Any]:
    """A TOML file as data; one-line errors for bad syntax, bad bytes or absurd nesting."""
    import tomllib  # NOTE: here, not at the top: most runs find no config file to parse

    text = read_text(path, what)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{what} {path} is not valid TOML: {exc}") from None
    except RecursionError:
        raise UsageError(f"{what} {path} is nested too deeply to be a {what}") from None


def load_json(path: Path, what: str) -> Any:
    """A JSON file as data; one-line errors for bad syntax, bad bytes or absurd nesting."""
    text = read_text(path, what)
    try:
        return json.loads(text)
    except ValueError as exc:
        raise UsageError(f"{what} {path} is not valid JSON: {exc}") from None
    except RecursionError:
        raise UsageError(f"{what} {path} is nested too deeply to be a {what}") from None

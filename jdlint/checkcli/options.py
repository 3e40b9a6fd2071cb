"""The options of one ``jdlint check`` run as one value (instead of 30 parameters), and the
small decisions that depend only on them: colour, verbosity, how paths are scanned."""

from __future__ import annotations

import os
import sys
from dataclasses import fields
from pathlib import Path
from typing import Any

from jdlint.core.records import record
from jdlint.core.text import comma_list
from jdlint.run.scan import ScanOptions

__all__ = ["CheckOptions", "resolve_color", "split"]


split = comma_list  # NOTE: the check command's name for it

def resolve_color(choice: str, stream_is_tty: bool) -> bool:
    """``--color`` wins; on ``auto`` ``NO_COLOR`` then ``FORCE_COLOR`` (non-empty) decide, then
    whether the output is a terminal (https://no-color.org, https://force-color.org)."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stream_is_tty


@record
class CheckOptions:
    """Everything ``jdlint check`` was told, as parsed by click (names are the options')."""

    paths: tuple[str, ...]
    fmt: str = "text"
    output: Path | None = None
    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    exit_zero: bool = False
    lang: str | None = None
    output_lang: str | None = None
    profile: str | None = None
    statistics: bool = False
    preview: bool = False
    config_file: Path | None = None
    isolated: bool = False
    force_exclude: bool = False
    baseline: Path | None = None
    write_baseline: Path | None = None
    waivers_file: Path | None = None
    no_cache: bool = False
    cache_dir: Path | None = None
    jobs: int = 0
    no_progress: bool = False
    quiet: bool = False
    verbose: bool = False
    color: str = "auto"
    show_files: bool = False
    stdin_filename: str | None = None
    exclude: tuple[str, ...] = ()
    extend_exclude: tuple[str, ...] = ()
    no_respect_gitignore: bool = False
    diff: bool = False
    unsafe_fixes: bool = False

    @classmethod
    def of(cls, values: dict[str, Any]) -> CheckOptions:
        """From click's keyword arguments (unknown keys are a programming error)."""
        names = {f.name for f in fields(cls)}
        unknown = set(values) - names
        if unknown:
            raise TypeError(f"unknown check options: {sorted(unknown)}")
        return cls(**values)

    def scan_options(self) -> ScanOptions:
        """How folders are scanned: ``--exclude`` replaces the default excludes."""
        return ScanOptions(exclude=split(self.exclude) if self.exclude else None,
                           extend_exclude=split(self.extend_exclude),
                           respect_gitignore=not self.no_respect_gitignore,
                           force_exclude=self.force_exclude)

    def use_color(self) -> bool:
        """Colour for the text report (never in a file named with ``-o``)."""
        if self.output is not None:
            return self.color == "always"
        return resolve_color(self.color, sys.stdout.isatty())

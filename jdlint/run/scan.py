"""Folder scans: which files under a folder are linted, and why the others are not.

This module owns what ``jdlint check DIR`` picks up (ruff's manners):

* files whose suffix a reader handles (``jdlint.readers.SUFFIXES``), recursively, in sorted
  order; hidden entries and Word lock files (``~$…``) skipped; symbolic links followed only
  while they stay inside the folder named; a folder reached twice walked once;
* default excludes (``.git``, ``venv``, ``node_modules``, ``build``, …), replaced by
  ``--exclude`` and extended by ``--extend-exclude``;
* ``.gitignore`` files (from the repository's root down, plus ``.git/info/exclude``), matched
  with ``pathspec``'s git semantics, unless ``--no-respect-gitignore``;
* TXT files whose name says they are not job descriptions (``requirements.txt``,
  ``LICENSE.txt``, ``CMakeLists.txt``, ``README.txt`` …): skipped in folder scans, linted when
  named on the command line;
* documents of a type no reader handles (``.doc``, ``.rtf``, ``.pdf`` …): counted per suffix so
  the CLI warns once per type instead of skipping them without a word.

A file named on the command line is linted whatever its name or suffix, unless
``force_exclude`` (the pre-commit hook), which applies the excludes and the name rule to it too.
"""

from __future__ import annotations

import os
import re
import stat
from collections import Counter
from collections.abc import Sequence
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, Final

from jdlint.core.records import record
from jdlint.run.realpath import Resolver
from jdlint.settings.config import glob_matches, relative_posix

if TYPE_CHECKING:
    import pathspec

__all__ = [
    "DEFAULT_EXCLUDE",
    "HOOK_EXCLUDE",
    "NOT_JD_TXT",
    "SKIPPED_TYPES",
    "Scan",
    "ScanOptions",
    "is_not_jd_txt",
    "scan",
]

STDIN: Final = "-"

# NOTE: ruff's default excludes, narrowed to what can hold a .txt or .docx that is not a job
# description: tool and virtualenv folders, build output, caches.
DEFAULT_EXCLUDE: Final = (
    ".git", ".hg", ".svn", ".bzr", ".venv", "venv", ".tox", ".nox", "node_modules",
    "__pycache__", "__pypackages__", "site-packages", "build", "dist", "_build", ".eggs",
    "*.egg-info", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".jdlint_cache", ".direnv",
)

# NOTE: one regular expression for the Python scan and the pre-commit hook's `exclude`
# (tests/test_scan.py checks that .pre-commit-hooks.yaml carries it). Names, not contents:
# a file named like this is never an instruction, and reading it costs a JD002 "spam" finding.
# Words an instruction's file could be named after ("history_teacher.txt", "news_editor.txt",
# "job_requirements.txt") match only as the whole name or in the pip/licence conventions.
NOT_JD_TXT: Final = (
    r"(?i)(^|/)("
    r"(requirements|constraints)([-_.][^/]*)?|(dev|tests?|docs?|build|ci|lint)[-_]requirements"
    r"|requirements/[^/]*"
    r"|(licen[cs]e|copying|readme|changelog|third[-_]?party[-_]?notices)([-_.][^/]*)?"
    r"|notice|authors|contributors|changes|history|news|cmakelists|robots|humans|security"
    r"|ads|llms|top_level|sources|dependency_links|entry_points|requires|version"
    r")\.txt$"
)

# NOTE: the pre-commit hook's `exclude` (a Python regex on the path from the repository's
# root): the same names and default-excluded folders as a folder scan, generated here and
# checked against .pre-commit-hooks.yaml by a test, so the two never drift apart.
HOOK_EXCLUDE: Final = NOT_JD_TXT + r"|(^|/)(" + "|".join(
    re.escape(name).replace(r"\*", "[^/]*") for name in DEFAULT_EXCLUDE) + r")/"

# suffix → hint for documents no reader handles (the warning says what to do with them)
SKIPPED_TYPES: Final = {
    ".doc": "Word 97-2003: save as .docx",
    ".dot": "Word 97-2003 template: save as .docx",
    ".rtf": "save as .docx",
    ".odt": "OpenDocument: save as .docx",
    ".pdf": "export as .docx or .txt",
    ".html": "save as .txt",
    ".htm": "save as .txt",
    ".md": "Markdown is read when named on the command line",
    ".docm": "macro-enabled Word: name it .docx",
    ".dotx": "Word template: save as .docx",
    ".pages": "export as .docx",
    ".wps": "save as .docx",
}


def is_not_jd_txt(path: str | Path) -> bool:
    """Whether a file's name says it is a TXT file that is not a job description."""
    # NOTE: re's own cache compiles it on the first ask: only a folder scan asks, and the
    # compile was ~2.5 ms of every cold check (issue 19).
    return bool(re.search(NOT_JD_TXT, Path(path).as_posix()))


@record
class ScanOptions:
    """How folders are scanned: ``exclude=None`` means ``DEFAULT_EXCLUDE``."""

    exclude: tuple[str, ...] | None = None
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    force_exclude: bool = False

    @property
    def patterns(self) -> tuple[str, ...]:
        """Every exclude glob in force."""
        base = DEFAULT_EXCLUDE if self.exclude is None else self.exclude
        return (*base, *self.extend_exclude)


@record(frozen=False)
class Scan:
    """What a set of command-line paths means: files to lint and what was left out."""

    files: list[Path | str] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped_types: Counter[str] = field(default_factory=Counter)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    # NOTE: each file's resolved path, found for the duplicate check and reused by the plan
    # (finding a file's config), so each file is resolved once (issue 19: serial start);
    # keyed by the file's path string, strings both, so no Path is hashed or kept for it
    real: dict[str, str] = field(default_factory=dict)

    def type_warnings(self) -> list[str]:
        """One line per skipped document type, with a count and what to do."""
        return [f"{n} {suffix} file{'' if n == 1 else 's'} skipped (not read by jdlint: "
                f"{SKIPPED_TYPES[suffix]})" for suffix, n in sorted(self.skipped_types.items())]


class _Ignores:
    """The ``.gitignore`` files in force for one folder, deepest last (git's precedence)."""

    def __init__(self, stack: tuple[tuple[Path, pathspec.GitIgnoreSpec], ...] = ()) -> None:
        self.stack = stack

    def entered(self, folder: Path, *extra: Path) -> _Ignores:
        specs = list(self.stack)
        for file in (*extra, folder / ".gitignore"):
            spec = _read_spec(file)
            if spec is not None:
                specs.append((folder, spec))
        return _Ignores(tuple(specs)) if len(specs) != len(self.stack) else self

    def ignored(self, path: Path, is_dir: bool) -> bool:
        for base, spec in reversed(self.stack):
            rel = os.path.relpath(path, base).replace(os.sep, "/") + ("/" if is_dir else "")
            verdict = spec.check_file(rel).include
            if verdict is not None:
                return verdict
        return False


def _read_spec(file: Path) -> pathspec.GitIgnoreSpec | None:
    try:
        if not file.is_file():
            return None
        # NOTE: bounded: a .gitignore is small; a huge one is not worth a scan's time.
        with open(file, encoding="utf-8", errors="replace") as handle:
            lines = handle.read(1 << 20).splitlines()
    except OSError:
        return None
    # NOTE: imported here, not at the top: pathspec costs ~20-40 ms of a cold start and only
    # a folder scan reads .gitignore files.
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)


def _repo_ignores(top: Path) -> _Ignores:
    """The ``.gitignore`` files above ``top`` up to the repository's root (none outside one)."""
    chain: list[Path] = []
    for folder in (top, *top.parents):
        chain.append(folder)
        if (folder / ".git").exists():
            break
    else:
        return _Ignores()
    ignores = _Ignores()
    root = chain[-1]
    ignores = ignores.entered(root, root / ".git" / "info" / "exclude")
    for folder in reversed(chain[:-1]):
        ignores = ignores.entered(folder)
    return ignores


class _Walker:
    def __init__(self, options: ScanOptions, suffixes: frozenset[str], out: Scan) -> None:
        self.options = options
        self.suffixes = suffixes
        self.out = out
        self.seen: set[Path] = set()
        self.cwd = Path.cwd().resolve()
        # NOTE: every visited entry is matched against every exclude: plain names ("build",
        # ".git": all the defaults but one) are looked up in a set instead, with the answer
        # ``glob_matches(pattern, name)`` gives for them (the name itself, compared whole)
        names: set[str] = set()
        self.by_glob: list[str] = []
        for pattern in options.patterns:
            bare = pattern.strip().removeprefix("./").rstrip("/")
            if "/" in bare or any(c in bare for c in "*?") or not bare:
                self.by_glob.append(pattern)
            else:
                names.add(bare)
        self.names = frozenset(names)

    def excluded(self, path: Path, *, whole: bool = False) -> bool:
        """Whether an exclude glob matches: a glob without "/" matches the entry's own name
        (not a folder above the one named on the command line, so that scanning
        ``~/build/hr`` still works); one with "/" matches the path from the working folder.
        ``whole`` (a file named with ``--force-exclude``) matches every folder on its way."""
        if not whole and path.name in self.names:
            return True
        rel: str | None = None
        for pattern in self.by_glob if not whole else self.options.patterns:
            if "/" in pattern.strip().removeprefix("./").rstrip("/") or whole:
                rel = relative_posix(path, self.cwd) if rel is None else rel
                if glob_matches(pattern, rel):
                    return True
            elif glob_matches(pattern, path.name):
                return True
        return False

    def walk(self, root: Path, top: Path, ignores: _Ignores, found: list[Path]) -> None:
        real = root.resolve()
        if real in self.seen:
            return
        self.seen.add(real)
        try:
            with os.scandir(root) as entries:
                children = sorted(entries, key=lambda entry: entry.name)
        except OSError as exc:
            from jdlint.readers import _os_reason

            self.out.problems.append((str(root), _os_reason(exc, "cannot list directory")))
            return
        for entry in children:
            self.visit(root / entry.name, entry, top, ignores, found)

    def visit(self, child: Path, entry: os.DirEntry[str], top: Path, ignores: _Ignores,
              found: list[Path]) -> None:
        name = entry.name
        if name.startswith((".", "~$")):
            return
        try:
            if entry.is_symlink():
                target = child.resolve()
                if not target.is_relative_to(top):
                    self.out.warnings.append(f"{child}: symbolic link to {target}, outside "
                                             f"{top}; not followed")
                    return
            is_dir = entry.is_dir()
            if not is_dir and not entry.is_file():
                return
            if self.excluded(child):
                self.out.skipped.append((str(child), "excluded"))
                return
            if self.options.respect_gitignore and ignores.ignored(Path(os.path.abspath(child)),
                                                                  is_dir):
                self.out.skipped.append((str(child), "ignored by .gitignore"))
                return
            if is_dir:
                self.walk(child, top, ignores.entered(Path(os.path.abspath(child)))
                          if self.options.respect_gitignore else ignores, found)
                return
            suffix = child.suffix.lower()
            if suffix not in self.suffixes:
                if suffix in SKIPPED_TYPES:
                    self.out.skipped_types[suffix] += 1
                    self.out.skipped.append((str(child), f"{suffix} is not read"))
                return
            if suffix == ".txt" and is_not_jd_txt(child):
                self.out.skipped.append((str(child), "not a job description by name"))
                return
            found.append(child)
        except OSError as exc:
            from jdlint.readers import _os_reason

            self.out.problems.append((str(child), _os_reason(exc)))


def _missing(arg: str, exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        if os.path.islink(arg):
            return "broken symbolic link: the target does not exist"
        return "no such file or directory"
    from jdlint.readers import _os_reason

    return _os_reason(exc)


def scan(paths: Sequence[str], options: ScanOptions | None = None,
         suffixes: frozenset[str] | None = None) -> Scan:
    """Expand command-line paths (``-`` is standard input) into the files to lint."""
    from jdlint.readers import NOT_REGULAR_REASON, SUFFIXES

    options = options or ScanOptions()
    out = Scan()
    walker = _Walker(options, frozenset(suffixes or SUFFIXES), out)
    seen_files: set[str] = set()
    resolver = Resolver()
    for arg in paths:
        if arg == STDIN:
            out.files.append(STDIN)
            continue
        path = Path(arg)
        try:
            mode = os.stat(path).st_mode
        except OSError as exc:
            out.problems.append((arg, _missing(arg, exc)))
            out.missing.append(arg)
            continue
        found: list[Path] = []
        if stat.S_ISDIR(mode):
            top = path.resolve()
            ignores = _repo_ignores(top) if options.respect_gitignore else _Ignores()
            walker.walk(path, top, ignores, found)
        elif not stat.S_ISREG(mode):
            out.problems.append((arg, NOT_REGULAR_REASON))
            continue
        elif options.force_exclude and (walker.excluded(path, whole=True) or (
                path.suffix.lower() == ".txt" and is_not_jd_txt(path.name))):
            out.skipped.append((arg, "excluded"))
            continue
        else:
            found.append(path)
        for file in found:
            key = resolver.resolve(file)
            if key not in seen_files:
                seen_files.add(key)
                out.files.append(file)
                out.real[os.fspath(file)] = key
    return out

"""Configuration: finds, reads and validates ``[tool.jdlint]`` / ``jdlint.toml`` for each file.

This module owns the config file format (ruff's and sqlfluff's model): which file applies to a
document (the nearest ``jdlint.toml``, ``.jdlint.toml`` or ``pyproject.toml`` with a
``[tool.jdlint]`` table, walking up from the document's folder; no merging between levels),
the meaning of every key, "did you mean" warnings for unknown keys, and the glob matching used
by ``exclude`` and ``per-file-ignores``. Turning a config plus the command line into the
settings of one run is ``jdlint.settings.resolve``; nothing here knows about rules.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Mapping, Sequence
from dataclasses import field
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any, Final

from jdlint.core.errors import UsageError
from jdlint.core.records import record
from jdlint.core.userfiles import load_toml

__all__ = [
    "CONFIG_NAMES",
    "KEYS",
    "ConfigFile",
    "clear_caches",
    "find_config",
    "glob_matches",
    "load_config",
    "relative_posix",
]

CONFIG_NAMES: Final = ("jdlint.toml", ".jdlint.toml", "pyproject.toml")

# NOTE: key → what it holds, printed by `jdlint config --help-keys` and used for "did you mean".
KEYS: Final[Mapping[str, str]] = {
    "select": "rules to run: codes, prefixes (JD1), names, groups or ALL",
    "extend-select": "rules added to the selection",
    "ignore": "rules not to run",
    "per-file-ignores": "glob → rules not to run on matching files",
    "severity": "rule selector → error | warning | info",
    "rules": "per-rule options: [tool.jdlint.rules.JD302] threshold = 0.9",
    "fail-on": "lowest severity that makes the exit code 1",
    "profile": "section profile for every document",
    "lang": "language of the documents: auto | ru | lt",
    "output-lang": "language of messages: ru | lt | en",
    "exclude": "globs of files and folders skipped when a folder is linted",
    "extend-rules": "folders with house rules (their own code prefix, same YAML as jdlint's)",
    "preview": "also run rules marked preview",
    "cache-dir": "where results are cached (default .jdlint_cache)",
    "waivers": "the waiver file (default jdlint-waivers.toml beside this config)",
}

_SEVERITIES: Final = ("error", "warning", "info")
_LANGS: Final = ("auto", "ru", "lt")
_OUTPUT_LANGS: Final = ("ru", "lt", "en")


@record
class ConfigFile:
    """The validated content of one config file (or the defaults when ``path`` is None).

    Paths are absolute; globs are kept as written and matched relative to ``root``.
    """

    path: Path | None
    root: Path
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    fail_on: str | None = None
    profile: str | None = None
    lang: str | None = None
    output_lang: str | None = None
    exclude: tuple[str, ...] = ()
    extend_rules: tuple[Path, ...] = ()
    preview: bool | None = None
    cache_dir: Path | None = None
    waivers: Path | None = None
    warnings: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """How messages name this config ("pyproject.toml [tool.jdlint]")."""
        if self.path is None:
            return "defaults (no config file)"
        shown = relative_posix(self.path, Path.cwd().resolve())
        if self.path.name == "pyproject.toml":
            return f"{shown} [tool.jdlint]"
        return shown


def _table(path: Path) -> dict[str, Any] | None:
    """The jdlint table of a config file, None when a pyproject.toml has none."""
    try:
        data = load_toml(path, "config")
    except FileNotFoundError:
        raise UsageError(f"cannot read config {path}: no such file") from None
    if path.name != "pyproject.toml":
        # NOTE: jdlint.toml may hold the keys at the top or under [tool.jdlint], like ruff.toml.
        tool = data.get("tool", {}).get("jdlint") if isinstance(data.get("tool"), dict) else None
        return tool if isinstance(tool, dict) else data
    tool = data.get("tool", {})
    table = tool.get("jdlint") if isinstance(tool, dict) else None
    return table if isinstance(table, dict) else None


@lru_cache(maxsize=1024)
def find_config(directory: Path) -> Path | None:
    """The config file that applies to files in ``directory`` (walking up), or None."""
    for folder in (directory, *directory.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_table(candidate)):
                return candidate
    return None


def _has_table(path: Path) -> bool:
    try:
        return _table(path) is not None
    except UsageError:
        return True  # NOTE: a broken pyproject.toml is reported when it is loaded


class _Reader:
    """Checks one key at a time; each problem names the file and the key."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, key: str, problem: str) -> UsageError:
        return UsageError(f"{self.path}: '{key}' {problem}")

    def strings(self, key: str, value: Any, *, split: bool = True) -> tuple[str, ...]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise self.fail(key, "must be a list of strings")
        if not split:
            return tuple(v.strip() for v in value)
        return tuple(part.strip() for v in value for part in v.split(",") if part.strip())

    def choice(self, key: str, value: Any, allowed: Sequence[str]) -> str:
        if not isinstance(value, str) or value.lower() not in allowed:
            raise self.fail(key, f"must be one of {', '.join(allowed)} (got {value!r})")
        return value.lower()

    def text(self, key: str, value: Any) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, "must be a non-empty string")
        return value.strip()

    def folder(self, key: str, value: Any, root: Path) -> Path:
        return (root / os.path.expanduser(self.text(key, value))).resolve()


def _did_you_mean(word: str, vocabulary: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, vocabulary, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


@lru_cache(maxsize=256)
def load_config(path: Path | None, *, root: Path | None = None) -> ConfigFile:
    """Read and validate one config file; ``None`` gives the defaults rooted at ``root``.

    Raises ``UsageError`` for values of the wrong kind; unknown keys become ``warnings``.
    """
    if path is None:
        return ConfigFile(path=None, root=(root or Path.cwd()).resolve())
    path = path.resolve()
    base = path.parent
    r = _Reader(path)
    values, warnings = _known(path, _table(path) or {})
    out = {**_selection(r, values), **_settings(r, values, base)}
    return ConfigFile(path=path, root=base, warnings=tuple(warnings), **out)


def _known(path: Path, table: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The known keys of a config table (snake_case accepted), and a warning per unknown one."""
    warnings: list[str] = []
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in KEYS:
            alt = key.replace("_", "-")
            if alt in KEYS:
                key = alt
            else:
                hint = _did_you_mean(key, list(KEYS))
                warnings.append(f"{_label(path)}: unknown key '{key}'{hint}; it is ignored")
                continue
        values[key] = value
    return values, warnings


def _selection(r: _Reader, values: Mapping[str, Any]) -> dict[str, Any]:
    """The keys that choose rules and files: select, ignore, exclude, per-file-ignores, severity."""
    out: dict[str, Any] = {}
    for key in ("select", "extend-select", "ignore"):
        if key in values:
            out[key.replace("-", "_")] = r.strings(key, values[key])
    if "exclude" in values:
        out["exclude"] = r.strings("exclude", values["exclude"], split=False)
    if "per-file-ignores" in values:
        table_ = values["per-file-ignores"]
        if not isinstance(table_, dict):
            raise r.fail("per-file-ignores", 'must be a table: "glob" = ["JD1", ...]')
        out["per_file_ignores"] = tuple(
            (r.text("per-file-ignores", glob), r.strings(f"per-file-ignores.{glob}", sel))
            for glob, sel in table_.items())
    if "severity" in values:
        sev = values["severity"]
        if not isinstance(sev, dict):
            raise r.fail("severity", 'must be a table: JD104 = "info"')
        out["severity"] = tuple((str(k), r.choice(f"severity.{k}", v, _SEVERITIES))
                                for k, v in sev.items())
    return out


def _settings(r: _Reader, values: Mapping[str, Any], base: Path) -> dict[str, Any]:
    """The other keys: rule options, fail-on, profile, languages, folders, preview."""
    out: dict[str, Any] = {}
    if "rules" in values:
        rules = values["rules"]
        if not isinstance(rules, dict) or not all(isinstance(v, dict) for v in rules.values()):
            raise r.fail("rules", "must hold one table per rule: [tool.jdlint.rules.JD302]")
        out["rules"] = {str(k): dict(v) for k, v in rules.items()}
    if "fail-on" in values:
        out["fail_on"] = r.choice("fail-on", values["fail-on"], _SEVERITIES)
    if "profile" in values:
        out["profile"] = r.text("profile", values["profile"])
    if "lang" in values:
        out["lang"] = r.choice("lang", values["lang"], _LANGS)
    if "output-lang" in values:
        out["output_lang"] = r.choice("output-lang", values["output-lang"], _OUTPUT_LANGS)
    if "extend-rules" in values:
        out["extend_rules"] = tuple(
            r.folder("extend-rules", p, base)
            for p in r.strings("extend-rules", values["extend-rules"], split=False))
    if "preview" in values:
        if not isinstance(values["preview"], bool):
            raise r.fail("preview", "must be true or false")
        out["preview"] = values["preview"]
    for key in ("cache-dir", "waivers"):
        if key in values:
            out[key.replace("-", "_")] = r.folder(key, values[key], base)
    return out


def _label(path: Path) -> str:
    return ConfigFile(path=path, root=path.parent).label


def clear_caches() -> None:
    """Forget found and loaded config files (each CLI run starts afresh; tests edit files)."""
    find_config.cache_clear()
    load_config.cache_clear()


def relative_posix(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` in forward slashes, or the absolute path when outside."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        return absolute.as_posix()


class _Glob:
    """A compiled glob, matched in time linear in pattern × path length.

    NOTE: not a regular expression: "*a*a*a*…b" against a long name backtracks exponentially
    in Python's ``re``; here the set of reachable positions in the path is carried token by
    token instead, so a hostile pattern in a config or waiver file costs microseconds.
    """

    def __init__(self, pattern: str) -> None:
        tokens: list[str] = []
        i = 0
        while i < len(pattern):
            if pattern.startswith("**/", i):
                tokens.append("**/")
                i += 3
            elif pattern.startswith("**", i):
                tokens.append("**")
                i += 2
            else:
                tokens.append(pattern[i])
                i += 1
        self.tokens = tuple(tokens)
        # NOTE: most patterns (the default excludes: ".git", "*.egg-info") are a plain name or
        # "*" and a name; a scan matches every one of them against every file it visits, so
        # these two shapes are compared directly (the same answers as the token walk below).
        self.literal = pattern if "*" not in pattern and "?" not in pattern else None
        rest = pattern[1:]
        self.suffix = (rest if pattern[:1] == "*" and not any(c in rest for c in "*?/")
                       else None)

    def match(self, text: str) -> bool:
        if self.literal is not None:
            return text == self.literal
        if self.suffix is not None:
            return text.endswith(self.suffix) and "/" not in text
        n = len(text)
        reach = {0}
        for token in self.tokens:
            if not reach:
                return False
            if token == "**":
                reach = set(range(min(reach), n + 1))
            elif token == "**/":
                first = min(reach)
                reach = reach | {j + 1 for j in range(first, n) if text[j] == "/"}
            elif token == "*":
                out: set[int] = set()
                for i in sorted(reach):
                    if i in out:
                        continue  # NOTE: already swept from an earlier start in this folder
                    j = i
                    out.add(j)
                    while j < n and text[j] != "/":
                        j += 1
                        out.add(j)
                reach = out
            elif token == "?":
                reach = {i + 1 for i in reach if i < n and text[i] != "/"}
            else:
                reach = {i + 1 for i in reach if i < n and text[i] == token}
        return n in reach


@lru_cache(maxsize=512)
def _glob(pattern: str) -> _Glob:
    return _Glob(pattern)


def glob_matches(pattern: str, relpath: str) -> bool:
    """Whether a file (path relative to the config's folder) matches a glob.

    ``*`` stays inside one folder, ``**`` crosses folders; a pattern without "/" matches the
    file name or any folder name on the way ("legacy" matches "legacy/a.docx"); a pattern
    matching a folder matches everything below it.
    """
    pattern = pattern.strip().removeprefix("./").rstrip("/")
    # NOTE: a bare name (what a scan asks most) is its own only part; "" and "." have none
    parts = ((relpath,) if "/" not in relpath and relpath not in ("", ".")
             else PurePosixPath(relpath).parts)
    if "/" not in pattern:
        return any(_glob(pattern).match(part) for part in parts)
    regex = _glob(pattern)
    return any(regex.match("/".join(parts[:n])) for n in range(1, len(parts) + 1))

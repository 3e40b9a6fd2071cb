"""The compiled rule catalogue: every YAML file of the rules folder (rules, profiles, language
data, lemma tables, professional standards), parsed once and kept as one JSON file in the cache
folder, so a cold ``jdlint check`` reads one file instead of parsing ~50 and never imports
PyYAML. It lives in ``core`` because every layer that reads the rules folder (``nlp``,
``catalogue``, ``structure``, ``profstandards``) reads through it.

Owns where that file lives and whether it may be used: ``jdlint check`` names the folder
(``--cache-dir``, else ``$JDLINT_CACHE_DIR``, else ``.jdlint_cache``; ``--no-cache`` names none)
through ``use_folder``; anything else (the library, other commands) parses YAML as before. The
file is written only where the result cache writes (``save``), so it never creates a folder the
result cache would not. A config's ``cache-dir`` is not read: the catalogue is needed before
any config is.

The store is keyed by a SHA-256 of jdlint's version, this module's format and every YAML file's
(relative path, size, mtime_ns); a file whose key differs is stale and rebuilt. It is JSON with
tagged dates (never pickle: a cache folder can come with a checked-out tree, and loading it must
not run code), read only from a regular file up to a size limit, and checked on load; a corrupt,
stale, oversized or unreadable store, or an unwritable folder, means "parse the YAML" silently.
It also owns the YAML loaders of the rules folder (``load_yaml``: libyaml when present), so
building the store parses exactly as the callers do, and keeps nothing that does not come back
equal from JSON.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any, Final

__all__ = ["STORE_NAME", "documents", "load_yaml", "load_yaml_all", "load_yaml_file",
           "load_yaml_file_all", "save", "use_folder", "yaml_error"]

STORE_NAME: Final = "catalogue.json"
_FORMAT: Final = 1
_MAX_STORE: Final = 16 * 1024 * 1024
# NOTE: a key no YAML mapping of ours uses; a mapping that has it (or a non-text key) is
# stored as a list of pairs under it, so decoding is never ambiguous.
_TAG: Final = "\x00jdlint"

_folder: Path | None = None
_rules: Path | None = None  # the rules folder as named by ``use_folder``
_root: Path | None = None  # the same, resolved on first use
_version = ""  # jdlint's version (given: core imports nothing above it, not even ``jdlint``)
# rules folder → its parsed files by relative POSIX path (None: not storable, parse instead)
_stores: dict[Path, dict[str, list[Any]] | None] = {}
# rules folder → the store's JSON text, built in this process and not yet written
_pending: dict[Path, str] = {}


# NOTE: libyaml's loader parses the rule catalogue ~15× faster than PyYAML's pure-Python one
# (400 → 27 ms for rules/, a third of a cold `jdlint check`); the same data, and an invalid
# file is parsed again by the Python loader so error messages stay the same. PyYAML itself is
# imported on the first parse: a run served by the store never imports it.


def yaml_error() -> type[Exception]:
    """``yaml.YAMLError`` (for an ``except`` clause, evaluated only when something is raised)."""
    import yaml

    error: type[Exception] = yaml.YAMLError
    return error


def load_yaml(text: str) -> Any:
    """``yaml.safe_load(text)``, with the C loader when PyYAML has one."""
    import yaml

    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return yaml.safe_load(text)


def load_yaml_all(text: str) -> list[Any]:
    """``list(yaml.safe_load_all(text))``, with the C loader when PyYAML has one."""
    import yaml

    try:
        return list(yaml.load_all(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
    except yaml.YAMLError:
        return list(yaml.safe_load_all(text))


class _Unstorable(ValueError):
    """A parsed value JSON cannot carry exactly."""


def use_folder(folder: Path | None, rules: Path | None = None, *, version: str = "") -> None:
    """Read (and let ``save`` write) the compiled catalogue of the rules folder ``rules``
    (``ruledata.rules_dir()``) of jdlint ``version`` in ``folder``; None: never."""
    global _folder, _rules, _root, _version
    if folder is None or rules is None:
        folder = rules = None
    if (folder, rules, version) != (_folder, _rules, _version):
        _folder, _rules, _root, _version = folder, rules, None, version
        _stores.clear()
        _pending.clear()


def _sources(directory: Path) -> list[Path]:
    return sorted(p for p in directory.rglob("*.yaml") if p.is_file())


def _key(directory: Path, sources: list[Path]) -> str:
    digest = hashlib.sha256(f"{_version}\x00{_FORMAT}".encode())
    for path in sources:
        info = path.stat()
        rel = path.relative_to(directory).as_posix()
        digest.update(f"\x00{rel}\x00{info.st_size}\x00{info.st_mtime_ns}".encode())
    return digest.hexdigest()


def _encode(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        if _TAG not in value and all(isinstance(k, str) for k in value):
            return {k: _encode(v) for k, v in value.items()}
        return {_TAG: "map", "items": [[_encode(k), _encode(v)] for k, v in value.items()]}
    if isinstance(value, datetime):  # NOTE: before date: a datetime is a date
        return {_TAG: "datetime", "iso": value.isoformat()}
    if isinstance(value, date):
        return {_TAG: "date", "iso": value.isoformat()}
    raise _Unstorable(type(value).__name__)


def _freeze(value: Any) -> Any:
    """A value usable as a dict key again (YAML gives only hashable keys)."""
    return tuple(_freeze(v) for v in value) if isinstance(value, list) else value


def _decode_tagged(obj: dict[str, Any]) -> Any:
    tag = obj.get(_TAG)
    if tag is None:
        return obj
    if tag == "date":
        return date.fromisoformat(obj["iso"])
    if tag == "datetime":
        return datetime.fromisoformat(obj["iso"])
    if tag == "map":
        return {_freeze(k): v for k, v in obj["items"]}
    raise ValueError(f"unknown tag {tag!r}")


def _read(folder: Path, key: str) -> dict[str, list[Any]] | None:
    """The stored files if the store in ``folder`` is ours, current and well formed."""
    from jdlint.core.userfiles import read_regular

    path = folder / STORE_NAME
    try:
        if path.is_symlink():
            return None
        data = json.loads(read_regular(path, _MAX_STORE), object_hook=_decode_tagged)
    except (OSError, ValueError, TypeError, KeyError, RecursionError):
        # NOTE: NotRegularFile, TooLarge and JSON errors are ValueErrors; a forged tag with a
        # wrong payload is a TypeError or KeyError
        return None
    if not isinstance(data, dict) or data.get("format") != _FORMAT or data.get("key") != key:
        return None
    files = data.get("files")
    if not isinstance(files, dict) or not all(
            isinstance(k, str) and isinstance(v, list) for k, v in files.items()):
        return None
    return files


def _build(directory: Path, sources: list[Path], key: str) -> dict[str, list[Any]] | None:
    """Parse every source; None (nothing stored) when one fails or does not survive JSON."""
    files: dict[str, list[Any]] = {}
    try:
        for path in sources:
            files[path.relative_to(directory).as_posix()] = load_yaml_all(
                path.read_text(encoding="utf-8"))
        text = json.dumps({"format": _FORMAT, "key": key, "files": _encode(files)},
                          ensure_ascii=False, allow_nan=False)
        # NOTE: kept only if it reads back equal, so a hit never differs from a parse
        if json.loads(text, object_hook=_decode_tagged)["files"] != files:
            return None
    except Exception:
        # NOTE: any failure means no store; a file that does not parse is reported by the
        # caller, which parses it again
        return None
    _pending[directory] = text
    return files


def _store(directory: Path) -> dict[str, list[Any]] | None:
    if directory not in _stores:
        store = None
        if _folder is not None:
            try:
                sources = _sources(directory)
                key = _key(directory, sources)
            except OSError:
                sources, key = [], ""
            if key:
                store = _read(_folder, key)
                if store is None:
                    store = _build(directory, sources, key)
        _stores[directory] = store
    return _stores[directory]


def documents(path: Path) -> list[Any] | None:
    """The YAML documents of ``path`` (a file of the rules folder) from the compiled catalogue,
    or None: no folder in use, a file outside the rules folder, or nothing storable."""
    global _root
    if _folder is None or _rules is None:
        return None
    if _root is None:
        # NOTE: once per folder in use, not per file: resolving costs an lstat per component
        _root = _rules.resolve()
    directory = _root
    # NOTE: the catalogue's paths are already resolved (``ruledata._load``); resolving each
    # again costs an lstat per path component, so only a path outside is resolved.
    if not path.is_relative_to(directory):
        try:
            path = path.resolve()
        except OSError:
            return None
        if not path.is_relative_to(directory):
            return None
    rel = path.relative_to(directory).as_posix()
    store = _store(directory)
    return None if store is None else store.get(rel)


def load_yaml_file(path: Path) -> Any:
    """``load_yaml`` of a file's text, from the store when it holds the file as at most
    one document; anything else is parsed (so a broken file raises as before)."""
    stored = documents(path)
    if stored is not None and len(stored) <= 1:
        return stored[0] if stored else None
    return load_yaml(path.read_text(encoding="utf-8"))


def load_yaml_file_all(path: Path) -> list[Any]:
    """``load_yaml_all`` of a file's text, from the store when it holds the file."""
    stored = documents(path)
    return stored if stored is not None else load_yaml_all(path.read_text(encoding="utf-8"))


def save(folder: Path) -> None:
    """Write the catalogue built in this process into ``folder`` if that is the folder it is
    read from (the result cache's folder; see the module docstring). Errors are ignored."""
    from jdlint.core.cachedir import mark, write_atomic

    if _folder is None or not _pending:
        return
    try:
        if folder.resolve() != _folder.resolve():
            return
        mark(folder)
        for text in _pending.values():
            write_atomic(folder / STORE_NAME, text.encode("utf-8"))
    except OSError:
        pass
    _pending.clear()

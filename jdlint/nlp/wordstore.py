"""The store of pymorphy3's answers about words, kept in the cache folder, so a cold
``jdlint check`` of a file whose words earlier runs have seen never imports pymorphy3 nor loads
its dictionary (~90 ms of a ~0.4 s cold start; bench/ANALYSIS.md).

Owns the store's file, its key and its life. ``use_folder`` names the folder and the code's
version (``jdlint check`` does, with the folder its rule catalogue is read from; ``--no-cache``
and every other caller name none, and then nothing is read or written). ``stored(kind, …)``
wraps a pure function of one word whose answer comes from pymorphy3 (the lemma's analysed part,
a word's tags): a stored answer is returned as it was computed, a missing one is computed and
recorded. A pool's worker writes what it learnt to a part file of its own at the end of each
chunk (``flush_part``); the run's process merges the store, the parts and its own answers into
a new store when it exits (``save``, registered by ``save_at_exit`` for the result cache's
folder only).

Only answers of pymorphy3's analysis are stored, never the override table's (applied after
them, so the table stays live). The key is a SHA-256 of this format, the code's version given
by the caller (jdlint's version and its files: a changed function invalidates), pymorphy3's and
its dictionary's versions (read from their metadata, not imported) and the dictionary path
variables; a store with another key is not read, and the next save replaces it. It is JSON
(never pickle or marshal: a cache folder can come with a checked-out tree, and loading it must
not run code), read only from a regular file up to a size limit, and each answer is decoded and
type-checked on use; a corrupt, stale, oversized or unreadable store, or an unwritable folder,
means "ask pymorphy3" silently.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final, TypeVar

__all__ = ["MAX_WORDS", "SUBDIR", "as_word_set", "flag", "flush_part", "save", "save_at_exit",
           "stored", "text", "use_folder", "word_set"]

T = TypeVar("T")

_FORMAT: Final = 1
SUBDIR: Final = "words"
# NOTE: a large archive's vocabulary is ~50,000 word forms (a few MB of JSON, a few ms to
# load); a kind stops growing at the cap rather than evicting, so answers never depend on order
MAX_WORDS: Final = 200_000
_MAX_BYTES: Final = 32 * 1024 * 1024
_MAX_PARTS: Final = 512

_folder: Path | None = None
_code: Callable[[], str] = str
_key = ""
_known: dict[str, dict[str, Any]] | None = None  # kind → word → encoded answer; None: unread
_new: dict[str, dict[str, Any]] = {}  # learnt in this process, not yet written


def use_folder(folder: Path | None, code: Callable[[], str] = str) -> None:
    """Read (and let ``save``/``flush_part`` write) the store in ``folder``, for the code
    whose version ``code()`` gives (asked once, on first use); None: never."""
    global _folder, _code, _key, _known
    if (folder, code) != (_folder, _code):
        _folder, _code, _key, _known = folder, code, "", None
        _new.clear()


def _store_key() -> str:
    global _key
    if not _key:
        from jdlint.core.distinfo import version

        parts = [f"format={_FORMAT}", _code(),
                 *(f"{name}={version(name) or '-'}"
                   for name in ("pymorphy3", "pymorphy3-dicts-ru", "DAWG2", "DAWG2-Python")),
                 *(f"{name}={os.environ.get(name, '')}"
                   for name in ("PYMORPHY2_DICT_PATH", "PYMORPHY3_DICT_PATH"))]
        _key = hashlib.sha256("\x00".join(parts).encode()).hexdigest()
    return _key


def _path(folder: Path) -> Path:
    return folder / SUBDIR / f"ru-{_store_key()[:32]}.json"


def _read(path: Path) -> dict[str, dict[str, Any]]:
    """The answers of a store or part file if it is ours and well formed, else none."""
    import orjson

    from jdlint.core.userfiles import read_regular

    try:
        if path.is_symlink():
            return {}
        data = orjson.loads(read_regular(path, _MAX_BYTES))
    except (OSError, ValueError):  # NOTE: NotRegularFile, TooLarge and JSON errors too
        return {}
    if not isinstance(data, dict) or data.get("format") != _FORMAT or data.get("key") != _key:
        return {}
    kinds = data.get("kinds")
    if not isinstance(kinds, dict) or not all(isinstance(v, dict) for v in kinds.values()):
        return {}
    return kinds


def _recall(kind: str, word: str) -> Any:
    global _known
    if _known is None:
        _known = _read(_path(_folder)) if _folder is not None else {}
    return _known.get(kind, {}).get(word)


def stored(kind: str, encode: Callable[[Any], Any] | None = None,
           decode: Callable[[Any], Any] | None = None
           ) -> Callable[[Callable[[str], T]], Callable[[str], T]]:
    """Wrap ``function(word)`` so that its answer comes from the store when there is one.
    ``encode`` turns an answer into JSON data, ``decode`` back, raising TypeError or
    ValueError for data it does not accept (then the function is asked); by default the
    answer is text."""
    convert: Callable[[Any], Any] = decode if decode is not None else text

    def wrap(function: Callable[[str], T]) -> Callable[[str], T]:
        def answer(word: str) -> T:
            if _folder is None:
                return function(word)
            data = _recall(kind, word)
            if data is not None:
                try:
                    back: T = convert(data)
                    return back
                except (TypeError, ValueError):
                    pass
            value = function(word)
            new = _new.setdefault(kind, {})
            if len(new) < MAX_WORDS:
                new[word] = encode(value) if encode is not None else value
            return value

        answer.__doc__ = function.__doc__
        answer.__name__ = function.__name__
        answer.__qualname__ = function.__qualname__
        answer.__wrapped__ = function  # type: ignore[attr-defined]
        return answer
    return wrap


def text(data: Any) -> str:
    """``decode`` of a text answer (the default)."""
    if type(data) is not str:
        raise TypeError("not text")
    return data


def flag(data: Any) -> bool:
    """``decode`` of a yes/no answer."""
    if type(data) is not bool:
        raise TypeError("not a flag")
    return data


def word_set(value: frozenset[str]) -> list[str]:
    """``encode`` of a set of names (cases, grammemes): sorted, so a store's bytes are stable."""
    return sorted(value)


def as_word_set(data: Any) -> frozenset[str]:
    """``decode`` of ``word_set``."""
    if type(data) is not list or not all(type(v) is str for v in data):
        raise TypeError("not a list of names")
    return frozenset(data)


def _encode(kinds: dict[str, dict[str, Any]]) -> bytes:
    import orjson

    return orjson.dumps({"format": _FORMAT, "key": _store_key(), "kinds": kinds})


def flush_part() -> None:
    """A worker's answers learnt since its last flush, written to a part file of its own (the
    parent merges parts when it saves). Errors are ignored: the answers are only lost."""
    if _folder is None or not any(_new.values()):
        return
    from jdlint.core.cachedir import write_atomic

    part = _path(_folder).with_suffix(f".{os.getpid()}-{os.urandom(4).hex()}.part")
    try:
        write_atomic(part, _encode(_new))
    except OSError:
        return
    _new.clear()


def _merge(into: dict[str, dict[str, Any]], kinds: dict[str, dict[str, Any]]) -> None:
    for kind, answers in kinds.items():
        have = into.setdefault(kind, {})
        for word, data in answers.items():
            if len(have) >= MAX_WORDS:
                break
            have.setdefault(word, data)


def save(folder: Path) -> None:
    """Merge the store, the workers' parts and this process's answers into a new store in
    ``folder`` if that is the folder in use; the merged parts are removed, and so are stores
    of another key. Errors are ignored."""
    from jdlint.core.cachedir import mark, write_atomic

    if _folder is None:
        return
    try:
        if folder.resolve() != _folder.resolve():
            return
        target = _path(folder)
        parts = sorted(target.parent.glob(f"{target.stem}.*.part"))[:_MAX_PARTS]
        if not parts and not any(_new.values()):
            return
        kinds = _read(target)
        for part in parts:
            _merge(kinds, _read(part))
        _merge(kinds, _new)
        mark(folder)
        write_atomic(target, _encode(kinds))
        for part in parts:
            part.unlink(missing_ok=True)
        # NOTE: stores and parts of another key (an upgrade) would never be read again
        for stale in target.parent.glob("ru-*"):
            if not stale.name.startswith(target.stem) and stale.is_file():
                stale.unlink(missing_ok=True)
    except OSError:
        return
    _new.clear()


def save_at_exit(folder: Path) -> None:
    """``save(folder)`` when this process exits (``jdlint check`` exits from several places);
    asked again, the last folder named is the one saved."""
    global _exit_folder
    if _exit_folder is None:
        import atexit

        atexit.register(_save_at_exit)
    _exit_folder = folder


_exit_folder: Path | None = None


def _save_at_exit() -> None:
    if _exit_folder is not None:
        save(_exit_folder)

"""Repeated clauses over an archive of any size, kept compactly (``ClauseTally``).

A collection of 100,000 instructions holds millions of clauses, most of them once. Holding
each as Python strings (its normalised text, its wording, its place) takes gigabytes, so the
tally keeps per distinct clause only an 8-byte digest of its normalised text, where its first
wording lies in a temporary file, a CRC of that wording, and its places packed into integers
(document number and an interned clause path). Wordings are read back only for the clauses
that turn out to be repeated. Memory: about 150 bytes per distinct clause and 40 per further
occurrence (bench/duplicates_cli.py).
"""

from __future__ import annotations

import hashlib
import tempfile
import weakref
import zlib
from array import array
from collections.abc import Iterable
from typing import TYPE_CHECKING

from jdlint.checklib.clausetext import normalize_clause
from jdlint.collection.model import DocumentRef, Place, RepeatedClause

if TYPE_CHECKING:
    from jdlint.core.model import Document

__all__ = ["ClauseRow", "ClauseTally", "clause_rows", "key_digest"]

ClauseRow = tuple[int, str | None, str]  # digest of the normalised text, clause path, wording

_PATH_BITS = 20  # distinct clause paths of a collection ("2.3", "III.7"): far below a million
_SAME = (1 << 31) - 1  # "the wording is the first one's" in the own-wording field


def key_digest(key: str) -> int:
    """An 8-byte digest of a normalised clause text, the same in every process (the workers
    compute it; ``hash()`` differs between processes)."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "big")


def clause_rows(doc: Document, min_words: int = 4) -> list[ClauseRow]:
    """The clauses of an instruction that take part in the search: lead-ins ending in a colon
    and clauses under ``min_words`` words (normalised) are left out."""
    rows: list[ClauseRow] = []
    for clause in doc.clauses():
        if clause.text.rstrip().endswith(":"):
            continue
        key = normalize_clause(clause.text)
        if len(key.split()) >= min_words:
            rows.append((key_digest(key), clause.path or None, clause.text))
    return rows


class ClauseTally:
    """Repeated clauses, one instruction at a time, never holding the documents."""

    def __init__(self, *, min_words: int = 4) -> None:
        self.min_words = min_words
        self._refs: list[DocumentRef] = []
        self._paths: dict[str | None, int] = {}
        self._path_list: list[str | None] = []
        self._index: dict[int, int] = {}  # key digest -> entry number
        self._first = array("q")  # per entry: the number of its first wording
        # NOTE: per stored wording: where it is in the file, and its CRC
        self._offsets = array("q")
        self._lengths = array("l")
        self._crcs = array("L")
        # NOTE: per entry, its places: one packed int, or a list of them once it repeats
        self._places: list[int | list[int]] = []
        self._file = tempfile.TemporaryFile(prefix="jdlint-clauses-")
        self._end = 0
        # NOTE: the file goes with the tally, also when a caller never calls close()
        self._closer = weakref.finalize(self, self._file.close)

    def close(self) -> None:
        """Remove the temporary file of wordings (the tally cannot be read after)."""
        self._closer()

    def add(self, ref: DocumentRef, doc: Document) -> None:
        """Count the clauses of one instruction."""
        self.add_rows(ref, clause_rows(doc, self.min_words))

    def _store(self, data: bytes, crc: int) -> int:
        """Append a wording (UTF-8) to the file; its number."""
        self._file.seek(self._end)
        self._file.write(data)
        self._offsets.append(self._end)
        self._lengths.append(len(data))
        self._crcs.append(crc)
        self._end += len(data)
        return len(self._offsets) - 1

    def _read(self, wording: int) -> str:
        self._file.seek(self._offsets[wording])
        return self._file.read(self._lengths[wording]).decode("utf-8")

    def add_rows(self, ref: DocumentRef, rows: Iterable[ClauseRow]) -> None:
        """Count the clauses of one instruction given as ``clause_rows`` (from a worker)."""
        number = len(self._refs)
        self._refs.append(ref)
        for digest, path, text in rows:
            path_id = self._paths.get(path)
            if path_id is None:
                path_id = self._paths[path] = len(self._path_list)
                self._path_list.append(path)
            entry = self._index.get(digest)
            data = text.encode("utf-8")
            crc = zlib.crc32(data)
            if entry is None:
                self._index[digest] = len(self._places)
                self._first.append(self._store(data, crc))
                self._places.append(self._pack(number, path_id, _SAME))
                continue
            first = self._first[entry]
            own = _SAME if crc == self._crcs[first] else self._store(data, crc)
            held = self._places[entry]
            packed = self._pack(number, path_id, own)
            if isinstance(held, int):
                self._places[entry] = [held, packed]
            else:
                held.append(packed)

    @staticmethod
    def _pack(number: int, path_id: int, own: int) -> int:
        return (own << (32 + _PATH_BITS)) | (number << _PATH_BITS) | path_id

    def _unpack(self, packed: int) -> tuple[int, str | None, int]:
        path_id = packed & ((1 << _PATH_BITS) - 1)
        number = (packed >> _PATH_BITS) & 0xFFFFFFFF
        return number, self._path_list[path_id], packed >> (32 + _PATH_BITS)

    def order(self, min_docs: int = 2) -> list[int]:
        """The entries found in at least ``min_docs`` different files, most widespread first
        (then by normalised text): what ``result`` lists, without building it."""
        ranked: list[tuple[int, str, int]] = []
        for entry, held in enumerate(self._places):
            if isinstance(held, int):
                if min_docs > 1:
                    continue  # NOTE: once in the collection
                held = [held]
            files = len({self._refs[self._unpack(p)[0]].path for p in held})
            if files >= min_docs:
                ranked.append((-files, normalize_clause(self._read(self._first[entry])), entry))
        ranked.sort()
        return [entry for _, _, entry in ranked]

    def clause(self, entry: int) -> RepeatedClause:
        """One entry of ``order`` with its wording and every place."""
        held = self._places[entry]
        text = self._read(self._first[entry])
        found = tuple(Place(self._refs[n], path, text if own == _SAME else self._read(own))
                      for n, path, own in map(self._unpack,
                                              [held] if isinstance(held, int) else held))
        return RepeatedClause(normalize_clause(text), text, found)

    def result(self, min_docs: int = 2) -> list[RepeatedClause]:
        """Clauses found in at least ``min_docs`` different files, most widespread first."""
        return [self.clause(entry) for entry in self.order(min_docs)]

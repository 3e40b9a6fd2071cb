"""Duplicates across a collection of instructions: clauses repeated in many documents, and
near-copies of whole instructions.

* ``repeated_clauses``: clauses whose normalised text (``jdlint.checklib.clausetext.
  normalize_clause``, the JD301 normalisation) occurs in at least ``min_docs`` different files.
  One dictionary pass: linear in the number of clauses.
* ``near_copies``: instructions whose word 3-gram shingles have an estimated Jaccard similarity
  of at least ``threshold``, found with MinHash signatures and a MinHash LSH index
  (``jdlint.collection.minhash``), so only candidate pairs that share a band are compared —
  sub-quadratic, unlike comparing every pair. Candidates are verified on the signatures and
  grouped (union-find): a family of copies is one group. Instructions of the same file (a web
  page holding three copies, JD004) never pair with each other.

Both accept what the rest of jdlint produces: ``FileResult`` records of a run (their
``documents``) or ``Document`` objects directly; only instructions count. The MinHash module is
imported inside the function, so importing this module costs nothing.
"""

from __future__ import annotations

import zlib
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence

from jdlint.checklib.clausetext import normalize_clause
from jdlint.collection.model import DocumentRef, NearCopyGroup, Place, RepeatedClause
from jdlint.collection.tally import ClauseRow, ClauseTally, clause_rows
from jdlint.core.model import Document
from jdlint.core.results import FileResult

__all__ = [
    "ClauseRow",
    "ClauseTally",
    "CopyIndex",
    "DocumentRef",
    "NearCopyGroup",
    "Place",
    "RepeatedClause",
    "clause_rows",
    "instructions",
    "near_copies",
    "repeated_clauses",
    "sign",
]

NUM_PERM = 128
SHINGLE = 3


def instructions(results_or_documents: Iterable[FileResult | Document]
                 ) -> Iterator[tuple[DocumentRef, Document]]:
    """The instructions of a run's results (or of the documents given), with their refs."""
    for item in results_or_documents:
        documents = item.documents if isinstance(item, FileResult) else (item,)
        for doc in documents:
            if doc.classification == "instruction":
                yield DocumentRef(doc.raw.display_path, doc.index, doc.position), doc


def repeated_clauses(results_or_documents: Iterable[FileResult | Document], *,
                     min_docs: int = 2, min_words: int = 4) -> list[RepeatedClause]:
    """Clauses found (after JD301 normalisation) in at least ``min_docs`` different files,
    most widespread first. Clauses shorter than ``min_words`` words and lead-ins ending in a
    colon are left out. The review report can call this with the ``FileResult`` list of a run.
    """
    tally = ClauseTally(min_words=min_words)
    for ref, doc in instructions(results_or_documents):
        tally.add(ref, doc)
    return tally.result(min_docs)


def shingles(doc: Document, size: int = SHINGLE) -> list[int]:
    """32-bit hashes of the word ``size``-grams of the instruction's normalised clauses."""
    words: list[str] = []
    for clause in doc.clauses():
        words.extend(normalize_clause(clause.text).split())
    if len(words) < size:
        return [zlib.crc32(" ".join(words).encode())] if words else []
    return [zlib.crc32(" ".join(words[i:i + size]).encode())
            for i in range(len(words) - size + 1)]


def sign(doc: Document, num_perm: int = NUM_PERM) -> tuple[int, ...] | None:
    """The MinHash signature of an instruction's shingles (None when it has no words)."""
    from jdlint.collection.minhash import signature

    values = shingles(doc)
    return signature(values, num_perm) if values else None


class CopyIndex:
    """Near-copies, one instruction at a time: keeps each instruction's MinHash signature
    (``num_perm`` 32-bit values in an array, 512 bytes at 128), never the document."""

    def __init__(self, num_perm: int = NUM_PERM) -> None:
        self.num_perm = num_perm
        self._refs: list[DocumentRef] = []
        self._signatures: list[array[int]] = []

    def add(self, ref: DocumentRef, doc: Document) -> None:
        """Sign one instruction (an instruction without words takes no part)."""
        self.add_signature(ref, sign(doc, self.num_perm))

    def add_signature(self, ref: DocumentRef, sig: Sequence[int] | None) -> None:
        """Add an instruction by its signature (``sign``, computed in a worker)."""
        if sig is not None:
            self._refs.append(ref)
            self._signatures.append(array("I", sig))

    def result(self, threshold: float = 0.7) -> list[NearCopyGroup]:
        """Groups of instructions from different files whose estimated Jaccard similarity is
        at least ``threshold`` (MinHash LSH; sub-quadratic)."""
        return _groups(self._refs, self._signatures, threshold, self.num_perm)


def near_copies(results_or_documents: Iterable[FileResult | Document], *,
                threshold: float = 0.7, num_perm: int = NUM_PERM) -> list[NearCopyGroup]:
    """Groups of instructions from different files whose shingle sets have an estimated
    Jaccard similarity of at least ``threshold`` (MinHash LSH; sub-quadratic)."""
    index = CopyIndex(num_perm)
    for ref, doc in instructions(results_or_documents):
        index.add(ref, doc)
    return index.result(threshold)


def _groups(refs: Sequence[DocumentRef], signatures: Sequence[Sequence[int]], threshold: float,
            num_perm: int) -> list[NearCopyGroup]:
    from jdlint.collection.minhash import BandIndex, similarity

    # NOTE: above ~0.95 no two bands can be built; the index only proposes candidates
    # and every candidate is verified against ``threshold`` below.
    lsh = BandIndex(min(threshold, 0.9), num_perm)
    for i, sig in enumerate(signatures):
        lsh.insert(i, sig)
    parent = list(range(len(refs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    lowest: dict[int, float] = {}
    pairs: list[tuple[int, int, float]] = []
    for i, sig in enumerate(signatures):
        for j in lsh.query(sig):
            if j <= i or refs[j].path == refs[i].path:
                continue
            score = similarity(sig, signatures[j])
            if score >= threshold:
                pairs.append((i, j, score))
                parent[max(find(i), find(j))] = min(find(i), find(j))
    for i, _, score in pairs:
        root = find(i)
        lowest[root] = min(lowest.get(root, 1.0), score)
    groups: dict[int, set[int]] = defaultdict(set)
    for i, j, _ in pairs:
        groups[find(i)].update((i, j))
    out = [NearCopyGroup(tuple(refs[k] for k in sorted(members)), lowest[root])
           for root, members in groups.items()]
    out.sort(key=lambda g: (-len(g.documents), -g.similarity, g.documents[0].path))
    return out


def describe_places(places: Sequence[Place], limit: int = 5) -> str:
    """"a.txt 2.3, b.docx 2.4, … (+3)" for text output."""
    shown = [f"{p.document.describe()} {p.clause or ''}".strip() for p in places[:limit]]
    more = len(places) - limit
    return ", ".join(shown) + (f", … (+{more})" if more > 0 else "")

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
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from jdlint.checklib.clausetext import normalize_clause
from jdlint.core.model import Document
from jdlint.core.results import FileResult

__all__ = [
    "DocumentRef",
    "NearCopyGroup",
    "Place",
    "RepeatedClause",
    "instructions",
    "near_copies",
    "repeated_clauses",
]

NUM_PERM = 128
SHINGLE = 3


@dataclass(frozen=True, slots=True)
class DocumentRef:
    """One instruction of the collection: its file and its index inside the file."""

    path: str
    index: int
    title: str | None = None

    def describe(self) -> str:
        """"a.docx" or "a.txt#2" when the file holds several instructions."""
        return self.path if self.index == 0 else f"{self.path}#{self.index + 1}"


@dataclass(frozen=True, slots=True)
class Place:
    """Where a repeated clause occurs: the instruction and the clause path."""

    document: DocumentRef
    clause: str | None
    text: str


@dataclass(frozen=True, slots=True)
class RepeatedClause:
    """A clause text found in several files."""

    key: str
    text: str
    places: tuple[Place, ...]

    @property
    def files(self) -> int:
        """Number of different files the clause occurs in."""
        return len({p.document.path for p in self.places})

    def to_json(self) -> dict[str, Any]:
        """Machine-readable form (``jdlint duplicates --output-format json``)."""
        return {"text": self.text, "files": self.files,
                "places": [{"path": p.document.path, "document": p.document.index,
                            "clause": p.clause} for p in self.places]}


@dataclass(frozen=True, slots=True)
class NearCopyGroup:
    """Instructions that are near-copies of each other (estimated Jaccard >= threshold)."""

    documents: tuple[DocumentRef, ...]
    similarity: float

    def to_json(self) -> dict[str, Any]:
        """Machine-readable form; ``similarity`` is the lowest verified pair in the group."""
        return {"similarity": round(self.similarity, 3),
                "documents": [{"path": d.path, "document": d.index, "title": d.title}
                              for d in self.documents]}


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
    places: dict[str, list[Place]] = defaultdict(list)
    for ref, doc in instructions(results_or_documents):
        for clause in doc.clauses():
            if clause.text.rstrip().endswith(":"):
                continue
            key = normalize_clause(clause.text)
            if len(key.split()) < min_words:
                continue
            places[key].append(Place(ref, clause.path or None, clause.text))
    out = []
    for key, found in places.items():
        repeated = RepeatedClause(key, found[0].text, tuple(found))
        if repeated.files >= min_docs:
            out.append(repeated)
    out.sort(key=lambda r: (-r.files, r.key))
    return out


def shingles(doc: Document, size: int = SHINGLE) -> list[int]:
    """32-bit hashes of the word ``size``-grams of the instruction's normalised clauses."""
    words: list[str] = []
    for clause in doc.clauses():
        words.extend(normalize_clause(clause.text).split())
    if len(words) < size:
        return [zlib.crc32(" ".join(words).encode())] if words else []
    return [zlib.crc32(" ".join(words[i:i + size]).encode())
            for i in range(len(words) - size + 1)]


def near_copies(results_or_documents: Iterable[FileResult | Document], *,
                threshold: float = 0.7, num_perm: int = NUM_PERM) -> list[NearCopyGroup]:
    """Groups of instructions from different files whose shingle sets have an estimated
    Jaccard similarity of at least ``threshold`` (MinHash LSH; sub-quadratic)."""
    from jdlint.collection.minhash import BandIndex, signature, similarity

    refs: list[DocumentRef] = []
    signatures: list[tuple[int, ...]] = []
    for ref, doc in instructions(results_or_documents):
        values = shingles(doc)
        if not values:
            continue
        refs.append(ref)
        signatures.append(signature(values, num_perm))
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

"""What the collection search reports: instructions (``DocumentRef``), the places of a
repeated clause, repeated clauses and groups of near-copies, with their JSON forms."""

from __future__ import annotations

from typing import Any

from jdlint.core.records import record

__all__ = ["DocumentRef", "NearCopyGroup", "Place", "RepeatedClause"]


@record(slots=True)
class DocumentRef:
    """One instruction of the collection: its file and its index inside the file."""

    path: str
    index: int
    title: str | None = None

    def describe(self) -> str:
        """"a.docx" or "a.txt#2" when the file holds several instructions."""
        return self.path if self.index == 0 else f"{self.path}#{self.index + 1}"


@record(slots=True)
class Place:
    """Where a repeated clause occurs: the instruction and the clause path."""

    document: DocumentRef
    clause: str | None
    text: str


@record(slots=True)
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


@record(slots=True)
class NearCopyGroup:
    """Instructions that are near-copies of each other (estimated Jaccard >= threshold)."""

    documents: tuple[DocumentRef, ...]
    similarity: float

    def to_json(self) -> dict[str, Any]:
        """Machine-readable form; ``similarity`` is the lowest verified pair in the group."""
        return {"similarity": round(self.similarity, 3),
                "documents": [{"path": d.path, "document": d.index, "title": d.title}
                              for d in self.documents]}

"""What the DOCX reader counts while it walks a file's stories (body, headers and footers,
notes, text boxes): tracked changes and comment marks (JD005 and the places they sit), the
paragraphs and characters held against the reader's limits, note references, text boxes.
Kept apart from :mod:`jdlint.readers.docx`, which fills it.
"""

from __future__ import annotations

from dataclasses import field

from jdlint.core.records import record

__all__ = ["DocxCounts"]


@record(frozen=False, slots=True)
class DocxCounts:
    """What the DOCX walk counts across all the stories of one file."""

    ins: int = 0
    dels: int = 0
    move_to: int = 0
    move_from: int = 0
    comment_marks: int = 0
    paragraphs: int = 0  # in all stories, against MAX_PARAGRAPHS
    chars: int = 0  # produced text (labels included) in all stories, against MAX_CHARS
    places: list[int] = field(default_factory=list)
    refs: list[tuple[str, str, int]] = field(default_factory=list)  # note kind, id, paragraph
    boxes: int = 0  # text boxes numbered in reading order
    changes: int = 0  # NOTE: ``total()``, kept as it grows (read twice per paragraph)

    def total(self) -> int:
        """Tracked changes and comment marks so far."""
        return self.ins + self.dels + self.move_to + self.move_from + self.comment_marks

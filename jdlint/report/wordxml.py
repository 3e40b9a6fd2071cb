"""The Word copy's package work, done within the reader's limits (issue 18 item 5).

``WordCopy`` opens the input through ``jdlint.readers.package.Package`` (the same member-count,
size, compression-ratio and XML tag limits and the same safe parser as ``jdlint check``),
parses only the main document part, its relationships, the content types and an existing
comments part, and writes a new package in which every other member is streamed through
unchanged. python-docx never opens the input: it parses every XML part of a package (settings,
glossary, custom XML) without limits, which took 1.56 GB on a hostile file where ``check``
took 118 MB.

Paragraphs are found as the reader counts them (body and table-cell paragraphs in reading
order, content controls opened, text boxes apart), so ``Source.paragraph`` points at the
paragraph a lawyer sees; a comment is anchored on the runs of the line (``Source.subline``)
a finding concerns when a paragraph is split by line breaks.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Iterator, Sequence
from typing import Any, Final

from lxml import etree  # type: ignore[import-untyped, unused-ignore]

from jdlint.readers.package import Package

W_NS: Final = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W: Final = "{" + W_NS + "}"
_REL_NS: Final = "http://schemas.openxmlformats.org/package/2006/relationships"
_REL: Final = "{" + _REL_NS + "}Relationship"
_CT_NS: Final = "http://schemas.openxmlformats.org/package/2006/content-types"
_OFFICE_DOC: Final = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                      "officeDocument")
_COMMENTS_REL: Final = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                        "comments")
_COMMENTS_CT: Final = ("application/vnd.openxmlformats-officedocument.wordprocessingml."
                       "comments+xml")
# NOTE: runs under these are not shown in the paragraph's own text (deleted text, moved-away
# text, text boxes read as their own story).
_HIDDEN_PARENTS: Final = {_W + "del", _W + "moveFrom", _W + "txbxContent"}
_CHUNK: Final = 1 << 20


def w(tag: str) -> str:
    """The Clark name of a WordprocessingML tag ("r" → "{…main}r")."""
    return _W + tag


def _rels_name(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def _xml_bytes(root: Any) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


class WordCopy:
    """An editable copy of a DOCX: the main document's XML and comments, nothing more."""

    def __init__(self, data: bytes) -> None:
        self.pkg = Package(data)
        self.main = self._main_part()
        self.root = self.pkg.xml(self.main)
        self._changed: dict[str, bytes] = {}
        self._comments: Any = None
        self._next_id = 1 + max((int(v) for v in self._ids() if v.lstrip("-").isdigit()),
                                default=-1)

    def _main_part(self) -> str:
        if self.pkg.has("_rels/.rels"):
            for rel in self.pkg.xml("_rels/.rels").iter(_REL):
                if rel.get("Type") == _OFFICE_DOC:
                    name = str(rel.get("Target", "")).lstrip("/")
                    if self.pkg.has(name):
                        return name
        return "word/document.xml"

    def _ids(self) -> Iterator[str]:
        """Comment ids already used (document marks and the comments part): never reused."""
        for el in self.root.iter(w("commentRangeStart"), w("commentReference")):
            yield el.get(w("id"), "")
        comments = self._comments_root()
        for el in comments.iter(w("comment")):
            yield el.get(w("id"), "")

    # ----------------------------------------------------------------------- paragraphs
    def paragraphs(self) -> list[Any]:
        """Body and table-cell paragraphs in reading order (the reader's numbering)."""
        out: list[Any] = []
        body = self.root.find(w("body"))

        def walk(container: Any) -> None:
            for child in container:
                if child.tag == w("p"):
                    out.append(child)
                elif child.tag == w("tbl"):
                    for row in child.iter(w("tr")):
                        for cell in row.findall(w("tc")):
                            walk(cell)
                elif child.tag == w("sdt"):
                    content = child.find(w("sdtContent"))
                    if content is not None:
                        walk(content)

        if body is not None:
            walk(body)
        return out

    # ------------------------------------------------------------------------- comments
    def _comments_root(self) -> Any:
        if self._comments is None:
            name = self._comments_part()
            if name is not None and self.pkg.has(name):
                self._comments = self.pkg.xml(name)
            else:
                self._comments = etree.Element(w("comments"), nsmap={"w": W_NS})
        return self._comments

    def _comments_part(self) -> str | None:
        rels = _rels_name(self.main)
        if not self.pkg.has(rels):
            return None
        folder = posixpath.dirname(self.main)
        for rel in self.pkg.xml(rels).iter(_REL):
            if rel.get("Type") == _COMMENTS_REL:
                return posixpath.normpath(posixpath.join(folder, rel.get("Target", "")))
        return None

    def add_comment(self, runs: Sequence[Any], paragraph: Any, text: str, *,
                    author: str = "jdlint", initials: str = "JD") -> int:
        """A comment with ``text`` (one Word paragraph per line) on ``runs`` of ``paragraph``
        (at its end when ``runs`` is empty); returns its id."""
        cid = self._next_id
        self._next_id += 1
        start = etree.Element(w("commentRangeStart"))
        end = etree.Element(w("commentRangeEnd"))
        for el in (start, end):
            el.set(w("id"), str(cid))
        ref_run = etree.Element(w("r"))
        ref = etree.SubElement(ref_run, w("commentReference"))
        ref.set(w("id"), str(cid))
        if runs:
            first, last = top_level(runs[0], paragraph), top_level(runs[-1], paragraph)
            first.addprevious(start)
            last.addnext(end)
            end.addnext(ref_run)
        else:
            paragraph.append(start)
            paragraph.append(end)
            paragraph.append(ref_run)
        comment = etree.SubElement(self._comments_root(), w("comment"))
        comment.set(w("id"), str(cid))
        comment.set(w("author"), author)
        comment.set(w("initials"), initials)
        for line in text.split("\n"):
            para = etree.SubElement(comment, w("p"))
            run = etree.SubElement(para, w("r"))
            t = etree.SubElement(run, w("t"))
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            t.text = line
        return cid

    # ----------------------------------------------------------------------------- save
    def _register_comments(self) -> str:
        """Make sure the main part has a comments relationship and content type; its name."""
        existing = self._comments_part()
        if existing is not None:
            return existing
        folder = posixpath.dirname(self.main)
        name = posixpath.join(folder, "comments.xml")
        rels_name = _rels_name(self.main)
        rels = self.pkg.xml(rels_name) if self.pkg.has(rels_name) else etree.Element(
            _REL + "s", nsmap={None: _REL_NS})
        used = {r.get("Id") for r in rels}
        rid = next(f"rIdJdlint{n}" for n in range(1, len(used) + 2)
                   if f"rIdJdlint{n}" not in used)
        rel = etree.SubElement(rels, _REL)
        rel.set("Id", rid)
        rel.set("Type", _COMMENTS_REL)
        rel.set("Target", "comments.xml")
        self._changed[rels_name] = _xml_bytes(rels)
        types = self.pkg.xml("[Content_Types].xml")
        part = "/" + name
        if not any(o.get("PartName") == part for o in types):
            override = etree.SubElement(types, "{" + _CT_NS + "}Override")
            override.set("PartName", part)
            override.set("ContentType", _COMMENTS_CT)
            self._changed["[Content_Types].xml"] = _xml_bytes(types)
        return name

    def save(self) -> bytes:
        """The new package: changed parts replaced, new parts added, the rest streamed."""
        self._changed[self.main] = _xml_bytes(self.root)
        if self._comments is not None and len(self._comments):
            self._changed[self._register_comments()] = _xml_bytes(self._comments)
        out = io.BytesIO()
        written: set[str] = set()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            for info in self.pkg.zf.infolist():
                key = next((n for n in self._changed if n.lower() == info.filename.lower()),
                           None)
                if key is not None:
                    zf.writestr(info.filename, self._changed[key])
                    written.add(key)
                    continue
                # NOTE: streamed in chunks, never whole, and cut at the declared size the
                # package checks accepted.
                with self.pkg.zf.open(info) as src, zf.open(info.filename, "w") as dst:
                    left = info.file_size
                    while left > 0:
                        chunk = src.read(min(_CHUNK, left))
                        if not chunk:
                            break
                        dst.write(chunk)
                        left -= len(chunk)
            for name, data in self._changed.items():
                if name not in written:
                    zf.writestr(name, data)
        return out.getvalue()


def top_level(el: Any, paragraph: Any) -> Any:
    """The child of ``paragraph`` that holds ``el`` (a run inside a hyperlink or an insertion
    is anchored by its wrapper, where Word's comment marks may stand)."""
    while el.getparent() is not None and el.getparent() is not paragraph:
        el = el.getparent()
    return el


def visible_runs(paragraph: Any) -> list[Any]:
    """The paragraph's runs that show text in it, in order (not deleted, not in text boxes)."""
    out: list[Any] = []
    for run in paragraph.iter(w("r")):
        parent = run.getparent()
        hidden = False
        while parent is not None and parent is not paragraph:
            if parent.tag in _HIDDEN_PARENTS or parent.tag == w("r"):
                hidden = True
                break
            parent = parent.getparent()
        if not hidden:
            out.append(run)
    return out


def runs_of_line(paragraph: Any, line: int | None) -> list[Any]:
    """The runs that show line ``line`` (1-based, lines split by w:br / w:cr) of the paragraph;
    every visible run when ``line`` is None or out of range."""
    runs = visible_runs(paragraph)
    if line is None:
        return runs
    chosen: list[Any] = []
    current = 1
    for run in runs:
        first = current
        has_text = {current: False}
        for child in run:
            if child.tag in (w("br"), w("cr")):
                current += 1
                has_text[current] = False
            elif child.tag in (w("t"), w("tab"), w("sym")):
                has_text[current] = True
        if first <= line <= current and has_text.get(line, False):
            chosen.append(run)
    return chosen or runs

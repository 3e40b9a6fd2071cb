"""Saved web pages: ``.html``/``.htm`` and ``.mhtml`` (one HTML part) → visible text blocks.

This module owns reading a page as a browser shows it, with lxml.html (no regular expressions
over markup):

* Charset: a BOM, then the page's ``<meta charset>`` / ``http-equiv`` declaration (the HTML
  prescan of the first 4 KiB), then the TXT reader's detection (UTF-8, the project's code
  pages, charset-normalizer). MHTML: the MIME part's own charset, decoded by ``email``.
* Dropped: scripts, styles, templates, forms, and the page's chrome: ``nav``, ``header``,
  ``footer``, ``aside``, ARIA navigation/banner/contentinfo roles, and menu lists (a list of
  three or more items that are each nothing but a link).
* Kept as structure: ``h1``-``h6`` (``Block.heading_level``), list items with the label a
  browser draws (``ol`` numbers honouring ``start``, ``type`` and ``li value``, like Word's
  auto-numbering in ``Block.auto_number``; ``ul`` items "•"), paragraphs, table cells, and
  ``br`` line breaks. ``Source.line`` is the line of the page's source where a block starts.
* The usual web-copy noise detection of the structure layer runs afterwards (format "html").
"""

from __future__ import annotations

import email
import email.policy
import re
from pathlib import Path
from typing import Any

from jdlint.core.errors import InputError
from jdlint.core.model import Block, RawDocument, Source
from jdlint.core.text import normalize
from jdlint.readers.limits import check_text_size
from jdlint.readers.txt import decode_text

__all__ = ["read_html", "read_mhtml", "read_web", "web_kind"]

_DROP = frozenset({"script", "style", "noscript", "template", "nav", "header", "footer",
                   "aside", "form", "iframe", "svg", "button", "select", "head", "title",
                   "object", "canvas", "menu"})
_DROP_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "menu", "menubar"})
_BLOCK = frozenset({"p", "div", "section", "article", "main", "body", "html", "li", "ul", "ol",
                    "dl", "dt", "dd", "table", "tbody", "thead", "tfoot", "tr", "td", "th",
                    "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "address",
                    "figure", "figcaption", "center", "hr", "caption"})
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_MAX_DEPTH = 200  # NOTE: lxml keeps 256 levels by default; beyond that the page is absurd
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{1,40})",
                           re.IGNORECASE)
_SPACES = re.compile(r"\s+")


def web_kind(data: bytes, suffix: str) -> str | None:
    """"html", "mhtml" or None: by the name, or by the content for a misnamed page."""
    if suffix in (".mhtml", ".mht"):
        return "mhtml"
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if head.startswith((b"from:", b"mime-version:")) and b"multipart/related" in head:
        return "mhtml"
    return None


def _decode(data: bytes) -> tuple[str, str]:
    if not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        declared = _META_CHARSET.search(data[:4096])
        if declared:
            name = declared.group(1).decode("ascii").lower()
            try:
                return data.decode(name, errors="replace"), name
            except LookupError:
                pass  # NOTE: an unknown charset name: detect as for a text file
    return decode_text(data)


def _label(kind: str, number: int) -> str:
    if kind in ("a", "A"):
        letters = ""
        while number > 0:
            number, rest = divmod(number - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return (letters.upper() if kind == "A" else letters) + "."
    if kind in ("i", "I"):
        out = ""
        for value, roman in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"),
                             (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"),
                             (5, "v"), (4, "iv"), (1, "i")):
            while number >= value:
                out, number = out + roman, number - value
        return (out.upper() if kind == "I" else out) + "."
    return f"{number}."


def _int(value: str | None, default: int) -> int:
    try:
        return int((value or "").strip()) if value and value.strip() else default
    except ValueError:
        return default


def _is_menu(element: Any) -> bool:
    """A list of 3 or more items that are each nothing but a link (a site's menu)."""
    items = [child for child in element if child.tag == "li"]
    if len(items) < 3:
        return False
    for item in items:
        text = _SPACES.sub(" ", item.text_content()).strip()
        links = " ".join(_SPACES.sub(" ", a.text_content()).strip() for a in item.iter("a"))
        if not text or text != links.strip():
            return False
    return True


class _Collector:
    """Walks the tree and cuts the visible text into blocks at block-level elements."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.line: int | None = None
        self.label: str | None = None
        self.heading: int | None = None

    def flush(self) -> None:
        raw = _SPACES.sub(" ", "".join(self.parts)).strip()
        self.parts.clear()
        text = normalize(raw)
        if text:
            index = len(self.blocks)
            self.blocks.append(Block(index=index, text=text, raw=raw,
                                     source=Source(block=index, line=self.line),
                                     auto_number=self.label, heading_level=self.heading,
                                     style=f"Heading {self.heading}" if self.heading else None))
        self.label = self.heading = None

    def start(self, element: Any, label: str | None = None, heading: int | None = None
              ) -> None:
        self.flush()
        self.line = element.sourceline
        self.label, self.heading = label, heading

    def walk(self, element: Any, depth: int = 0) -> None:
        if depth > _MAX_DEPTH:
            raise InputError(f"web page nested too deeply (more than {_MAX_DEPTH} levels)")
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.lower()
        if not tag or tag in _DROP or (element.get("role") or "").lower() in _DROP_ROLES \
                or element.get("hidden") is not None:
            self.parts.append(element.tail or "")
            return
        if tag in ("ul", "ol", "menu") and _is_menu(element):
            self.parts.append(element.tail or "")
            return
        if tag == "br":
            self.start(element)
        elif tag == "li":
            self.start(element, label="•")  # NOTE: an item outside any list
        elif tag in _BLOCK and tag not in ("ul", "ol", "li"):
            self.start(element, heading=_HEADINGS.get(tag))
        if tag in ("ul", "ol"):
            self.start(element)
            self._list(element, tag, depth)
        else:
            self.parts.append(element.text or "" if tag != "br" else "")
            for child in element:
                self.walk(child, depth + 1)
        if tag in _BLOCK:
            self.flush()
        self.parts.append(element.tail or "")

    def _list(self, element: Any, tag: str, depth: int) -> None:
        kind = element.get("type") or "1"
        number = _int(element.get("start"), 1)
        for child in element:
            if isinstance(child.tag, str) and child.tag.lower() == "li":
                number = _int(child.get("value"), number)
                self.start(child, label=_label(kind, number) if tag == "ol" else "•")
                self.parts.append(child.text or "")
                for grandchild in child:
                    self.walk(grandchild, depth + 2)
                self.flush()
                number += 1
            else:
                self.walk(child, depth + 1)


def _document(text: str, path: Path | None, display_path: str, encoding: str
              ) -> RawDocument:
    import lxml.html  # type: ignore[import-untyped, unused-ignore]
    from lxml import etree  # type: ignore[import-untyped, unused-ignore]

    if not text.strip():
        raise InputError("the file is empty")
    try:
        # NOTE: bytes and a stated encoding: a str with an XML declaration is refused by lxml
        parser = lxml.html.HTMLParser(encoding="utf-8")
        root = lxml.html.document_fromstring(text.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"unreadable web page: {' '.join(str(exc).split())[:120]}") from None
    collector = _Collector()
    collector.walk(root)
    collector.flush()
    blocks = tuple(collector.blocks)
    if not blocks:
        raise InputError("web page without visible text")
    check_text_size(len(blocks), sum(len(b.text) for b in blocks))
    return RawDocument(path=path, display_path=display_path, format="html", blocks=blocks,
                       encoding=encoding)


def read_html(data: bytes, path: Path | None, display_path: str) -> RawDocument:
    """Read a saved ``.html`` page; raise InputError when unreadable."""
    if not data:
        raise InputError("the file is empty")
    text, encoding = _decode(data)
    return _document(text, path, display_path, encoding)


def read_mhtml(data: bytes, path: Path | None, display_path: str) -> RawDocument:
    """Read a ``.mhtml`` web archive: its (first) HTML part."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            try:
                text = part.get_content()
            except (LookupError, ValueError):
                raw = part.get_payload(decode=True)
                text, _ = decode_text(raw if isinstance(raw, bytes) else b"")
            charset = part.get_content_charset() or "utf-8"
            return _document(str(text), path, display_path, charset)
    if message.get_content_type() == "text/html" or not message.is_multipart():
        return read_html(data, path, display_path)
    raise InputError("web archive (.mhtml) without an HTML part")


def read_web(data: bytes, suffix: str, path: Path | None, display_path: str
             ) -> RawDocument | None:
    """The page (or Markdown file) read by the reader its name or content calls for, or None
    when it is neither (then it is plain text)."""
    if suffix in (".md", ".markdown"):
        from jdlint.readers.md import read_md

        return read_md(data, path, display_path)
    kind = web_kind(data, suffix)
    if kind == "mhtml":
        return read_mhtml(data, path, display_path)
    if kind == "html":
        return read_html(data, path, display_path)
    return None

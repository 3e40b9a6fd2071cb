"""The list definitions at the head of a numbering part, read once per template.

Documents written from one template carry numbering parts that differ only in their tail: the
``w:abstractNum`` definitions come first and are the template's, the ``w:num`` instances
(start overrides) after them are each document's own, so the whole part is seldom stored
twice alike (issue 19: 163 distinct parts in 200 generated files) and ``partcache`` misses.
This module owns a small cache keyed by the part's bytes up to its first ``<w:num `` (the
*head*): what ``Numbering.from_element`` made of the root's children that lie wholly in the
head is kept, and of a part with an equal head only the root's start tag followed by the
bytes past the head is parsed (the head is ~7/8 of a template's part); should that fail, or
the part be one whose whole bytes the parser's checks look at (a DOCTYPE, more bytes than
``MAX_XML_TAGS``), the part is parsed whole as before, so every check and error is unchanged,
and only its children past the head are read.

Why it is exact: an XML parser reads the head's bytes the same way whatever follows them. When
the head followed by the root's end tag parses (checked once, when a head is first kept), no
element but the root is open at the head's end, so every child begun in the head ends in it:
those children of any part with this head are the same elements, and make the same
definitions. The parser is then, past the head, inside the root with nothing else open, as it
is right after the root's start tag (kept only if it parses alone and closed as the root did:
same tag, attributes and namespaces; no DOCTYPE before it): the bytes past the head parse the
same after either, to the same elements, and succeed after the start tag only if the whole
part parses (the head's bytes are those that closed as a document).

A head is kept the second time it is met (a batch of unrelated files pays only a slice and a
hash each), never when the part failed, and only heads of at most ``MAX_HEAD`` bytes,
``MAX_ENTRIES`` of them.
"""

from __future__ import annotations

import re
from typing import Any

from jdlint.core.errors import InputError
from jdlint.readers.numbering import AbstractNum, Numbering, _abstract_num
from jdlint.readers.package import MAX_XML_TAGS, Package
from jdlint.readers.wml import _W

__all__ = ["MAX_ENTRIES", "MAX_HEAD", "numbering_from"]

MAX_ENTRIES = 8
MAX_HEAD = 256 * 1024
_NUM_START = b"<w:num "  # NOTE: how Word and python-docx write a w:num (its w:numId follows)
_ABSTRACT, _NUM = _W + "abstractNum", _W + "num"
_ELEMENT = re.compile(rb"<[^?!]")  # NOTE: the first tag not a declaration, comment or PI
# NOTE: head -> (children wholly in it, the abstractNums among them in order, end of the
# root's start tag in it or 0: that start tag is not to be parsed alone)
_heads: dict[bytes, tuple[int, tuple[AbstractNum, ...], int]] = {}
_seen: dict[bytes, None] = {}  # heads met once, not yet kept (insertion-ordered, bounded)


def _copy(a: AbstractNum) -> AbstractNum:
    # NOTE: as ``_abstract_num`` answers from its cache: a document's definitions are its own
    return AbstractNum(a.id, dict(a.levels), a.num_style_link, a.style_link)


def numbering_from(pkg: Package, name: str, data: bytes) -> Numbering:
    """``Numbering.from_element(pkg.parse(name, data))``, the head's children read once."""
    cut = data.find(_NUM_START)
    found = _heads.get(data[:cut]) if 0 < cut <= MAX_HEAD else None
    if found is not None:
        count, leading, start = found
        # NOTE: ``parse`` counts the tags of a part past MAX_XML_TAGS bytes: whole parts only
        if start and len(data) <= MAX_XML_TAGS:
            try:
                short = pkg.parse(name, data[:start] + data[cut:])
            except InputError:
                pass  # NOTE: the whole part is parsed below and gives the failure's message
            else:
                return Numbering.from_element(short, 0, [_copy(a) for a in leading])
        root = pkg.parse(name, data)
        return Numbering.from_element(root, count, [_copy(a) for a in leading])
    root = pkg.parse(name, data)
    if not 0 < cut <= MAX_HEAD:
        return Numbering.from_element(root)
    head = data[:cut]
    numbering = Numbering.from_element(root)  # NOTE: raises for a bad part: nothing is kept
    if head in _seen:
        del _seen[head]
        _learn(pkg, name, head, root)
    else:
        _keep(_seen, head, None)
    return numbering


def _learn(pkg: Package, name: str, head: bytes, root: Any) -> None:
    """Keep what the children wholly in ``head`` define, if the head closes as a document."""
    qname = root.tag.rpartition("}")[2] if root.prefix is None else (
        f"{root.prefix}:{root.tag.rpartition('}')[2]}")
    end = f"</{qname}>".encode()
    try:
        closed = pkg.parse(name, head + end)
    except InputError:
        return  # NOTE: the head ends inside an element, a comment, a section: not kept
    if closed.tag != root.tag:
        return
    leading: list[AbstractNum] = []
    for el in closed:
        if el.tag == _NUM:
            return  # NOTE: a w:num written otherwise before the first "<w:num ": not kept
        if el.tag == _ABSTRACT:
            leading.append(_abstract_num(el))
    _keep(_heads, head, (len(closed), tuple(leading), _start_end(pkg, name, head, end, closed)))


def _start_end(pkg: Package, name: str, head: bytes, end: bytes, closed: Any) -> int:
    """Where the root's start tag ends in ``head``, if it parses alone to the same root
    (``closed``: the head closed as a document); 0 when not, or after a DOCTYPE."""
    found = _ELEMENT.search(head)
    at = -1 if found is None else head.find(b">", found.start())
    if at < 0 or b"<!DOCTYPE" in head[:at]:
        return 0
    try:
        # NOTE: a ">" inside a quoted value or a comment cuts the tag short: no parse
        bare = pkg.parse(name, head[:at + 1] + end)
    except InputError:
        return 0
    same = (bare.tag == closed.tag and len(bare) == 0 and bare.nsmap == closed.nsmap
            and dict(bare.attrib) == dict(closed.attrib))
    return at + 1 if same else 0


def _keep(cache: dict[bytes, Any], key: bytes, value: Any) -> None:
    if len(cache) >= MAX_ENTRIES:
        cache.pop(next(iter(cache)), None)  # the oldest
    cache[key] = value

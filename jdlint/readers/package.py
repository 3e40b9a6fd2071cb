"""The DOCX container: a ZIP checked before anything is inflated, and XML parsed safely.

This module owns the limits that stop hostile packages: member count, declared sizes per part
and in total, compression ratio (ZIP bombs, checked from the central directory before any
member is inflated), bounded reads (a member that lies about its size is cut at the limit and
fails its CRC), encrypted members, the tag count of an XML part (checked before parsing), and
the parser settings (no entity resolution, no DTD loading, no network, libxml2's depth and
text-size limits; a DTD with entities is refused). Every failure is an ``InputError`` with one
line a person understands.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from typing import Any

from lxml import etree  # type: ignore[import-untyped, unused-ignore]

from jdlint.core.errors import InputError

__all__ = ["MAX_DOCUMENT_XML", "MAX_MEMBERS", "MAX_PART", "MAX_RATIO", "MAX_TOTAL",
           "MAX_XML_TAGS", "Package"]

_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
MAX_DOCUMENT_XML = 64 * 1024 * 1024
MAX_PART = 64 * 1024 * 1024
MAX_TOTAL = 256 * 1024 * 1024
MAX_RATIO = 200
RATIO_FLOOR = 1024 * 1024  # NOTE: tiny parts compress extremely well; only big ones can bomb.
MAX_MEMBERS = 10_000
# NOTE: "<" counts tags (start + end) before parsing; lxml takes ~150 bytes per element, so
# 4 million tags is ~300 MB at worst. A 10-page Word document has 10,000-40,000.
MAX_XML_TAGS = 4_000_000
_LOCAL_HEADER = 30  # bytes of a ZIP local file header before its name and extra field
_MOD_TIME = 10  # offset of the local header's modification time and date (2 + 2 bytes)
# NOTE: the relationship parts of documents from one template are stored alike (issue 19:
# reading and parsing the two a DOCX has was ~3 % of reading it); what ``Package.rels``
# made of one is kept by ``Package.member_key``, a few small ones only.
_RELS_ENTRIES = 16
_RELS_MAX_STORED = 16 * 1024
_rels_cache: dict[tuple[Any, ...], dict[str, tuple[str, str]]] = {}


def _mib(n: int) -> str:
    return f"{n / 1048576:.0f} MiB"


class Package:
    """The ZIP container: safety checks up front, bounded reads, safe XML parsing."""

    def __init__(self, data: bytes) -> None:
        if not data:
            raise InputError("the file is empty")
        if not data.startswith(b"PK"):
            raise InputError("not a Word document (.docx): the file is not a ZIP archive")
        try:
            self.zf = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zf.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
            raise InputError("corrupt or truncated ZIP archive") from None
        if len(infos) > MAX_MEMBERS:
            raise InputError(f"suspicious ZIP archive: {len(infos)} members")
        total = 0
        for info in infos:
            total += info.file_size
            limit = MAX_DOCUMENT_XML if info.filename == "word/document.xml" else MAX_PART
            if info.file_size > limit:
                raise InputError(f"file too large: {info.filename} unpacks to "
                                 f"{_mib(info.file_size)} (limit {_mib(limit)})")
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
                raise InputError(f"suspicious compression (possible ZIP bomb): {info.filename} "
                                 f"expands {ratio:.0f}x (limit {MAX_RATIO}x)")
        if total > MAX_TOTAL:
            raise InputError(f"suspicious compression (possible ZIP bomb): the archive unpacks "
                             f"to {_mib(total)} (limit {_mib(MAX_TOTAL)})")
        self.names = {i.filename.lower(): i for i in infos}
        self._data = data

    def member_key(self, name: str) -> tuple[Any, ...] | None:
        """What reading member ``name`` depends on, as stored: its name, its central directory
        entry, its local header (but its time stamp) and its compressed bytes (None when they
        cannot be located).

        Two members with equal keys read to equal bytes, or fail alike; partcache answers a
        styles or numbering part from it without inflating it again (issue 19).
        """
        info = self.names[name.lower()]
        start = info.header_offset
        head = self._data[start:start + _LOCAL_HEADER]
        if len(head) < _LOCAL_HEADER or head[:4] != b"PK\x03\x04":
            return None
        body = start + _LOCAL_HEADER + int.from_bytes(head[26:28], "little") + int.from_bytes(
            head[28:30], "little")
        raw = self._data[body:body + info.compress_size]
        if len(raw) != info.compress_size:
            return None
        # NOTE: not the local header's modification time and date (its bytes 10-13): zipfile
        # never reads them, and one template's parts saved at other times are stored alike but
        # for them (issue 19: a batch's styles part missed the cache and was inflated and
        # hashed again, 350 KB, a twentieth of reading a DOCX)
        return (name, info.orig_filename, info.flag_bits, info.compress_type, info.CRC,
                info.file_size, info.compress_size,
                self._data[start:start + _MOD_TIME] + self._data[start + _MOD_TIME + 4:body], raw)

    def has(self, name: str) -> bool:
        return name.lower() in self.names

    def read(self, name: str) -> bytes:
        info = self.names[name.lower()]
        limit = MAX_DOCUMENT_XML if name == "word/document.xml" else MAX_PART
        if info.flag_bits & 0x1:
            raise InputError("the document is encrypted (password-protected ZIP member)")
        try:
            with self.zf.open(info) as f:
                data = f.read(limit + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError,
                RuntimeError, ValueError) as exc:
            raise InputError(f"corrupt or truncated ZIP archive ({name}: {exc})") from None
        if len(data) > limit:
            raise InputError(f"file too large: {name} unpacks to more than {_mib(limit)}")
        return data

    def xml(self, name: str) -> Any:
        return self.parse(name, self.read(name))

    def parse(self, name: str, data: bytes) -> Any:
        """Parse the bytes of part ``name`` (as read by :meth:`read`) with the safety checks."""
        # NOTE: a part of fewer bytes than the limit cannot hold more tags: not counted
        tags = data.count(b"<") if len(data) > MAX_XML_TAGS else 0
        if tags > MAX_XML_TAGS:
            raise InputError(f"document too large: {name} has {tags:,} XML tags "
                             f"(limit {MAX_XML_TAGS:,})")
        # NOTE: no entity resolution, no DTD loading, no network, libxml2's default limits
        # (depth 256, 10 MB text nodes); a DTD with entities is refused after parsing.
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                                 load_dtd=False)
        try:
            root = etree.fromstring(data, parser)
        except etree.XMLSyntaxError as exc:
            raise InputError(_xml_reason(name, exc)) from None
        if root is None:
            raise InputError(f"XML of {name} is malformed: no root element")
        info = root.getroottree().docinfo
        dtd = info.internalDTD
        if info.system_url or (dtd is not None and list(dtd.iterentities())):
            raise InputError(f"XML of {name} declares a DTD with entities or an external DTD "
                             "(possible entity-expansion or XXE attack); Word never writes them")
        return root

    def rels(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationships of ``part``: id -> (type suffix, target part name)."""
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        if not self.has(rels_name):
            return {}
        key = self.member_key(rels_name)
        if key is not None and (found := _rels_cache.get(key)) is not None:
            return dict(found)
        out: dict[str, tuple[str, str]] = {}
        for rel in self.xml(rels_name).iter(_REL_NS + "Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join(folder, target))
            out[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], name)
        if key is not None and self.names[rels_name.lower()].compress_size <= _RELS_MAX_STORED:
            if len(_rels_cache) >= _RELS_ENTRIES:
                _rels_cache.pop(next(iter(_rels_cache)), None)  # the oldest
            _rels_cache[key] = dict(out)
        return out


def _xml_reason(name: str, exc: Exception) -> str:
    """One line for an XML parse error (libxml2's own text names parser options)."""
    text = str(exc).splitlines()[0] if str(exc) else "syntax error"
    if "Excessive depth" in text:
        return f"XML of {name} is nested too deeply (more than 256 levels); Word never does that"
    if "huge" in text.lower():
        return f"XML of {name} has a text or name too large for a Word document"
    return f"XML of {name} is malformed: {text.split(' (<string>')[0]}"

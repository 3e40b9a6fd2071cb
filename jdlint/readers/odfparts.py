"""ODT package helpers: tracked-change regions, table rows, encryption.

This module owns reading the parts of an OpenDocument text that are not its story walk
(:mod:`jdlint.readers.odt`): the tracked-changes log (``text:changed-region`` kinds), the rows
of a table through its row groups, and telling an encrypted package from a damaged one.
"""

from __future__ import annotations

from typing import Any

from jdlint.readers.package import Package

__all__ = ["encrypted", "rows", "tracked_changes"]

_T = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_ROW = _TABLE + "table-row"
_ROW_GROUPS = frozenset(_TABLE + t for t in
                        ("table-header-rows", "table-rows", "table-row-group"))


def rows(tbl: Any) -> list[Any]:
    out: list[Any] = []
    for child in tbl:
        if child.tag == _ROW:
            out.append(child)
        elif child.tag in _ROW_GROUPS:
            out.extend(rows(child))
    return out


def tracked_changes(text: Any) -> dict[str, str]:
    """``text:changed-region`` id → "insertion", "deletion" or "format-change"."""
    out: dict[str, str] = {}
    for log in text.iter(_T + "tracked-changes"):
        for region in log:
            rid = region.get(_T + "id") or region.get(_XML_ID) or ""
            for change in region:
                if isinstance(change.tag, str) and change.tag.startswith(_T):
                    out[rid] = change.tag[len(_T):]
    return out


def encrypted(pkg: Package) -> bool:
    if not pkg.has("META-INF/manifest.xml"):
        return False
    return b"encryption-data" in pkg.read("META-INF/manifest.xml")

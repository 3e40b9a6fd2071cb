"""The parsed styles and numbering of a DOCX, remembered per process by the parts' exact bytes.

Documents written from one template carry the same ``styles.xml`` and ``numbering.xml``; the
styles part of Word's (and python-docx's) default template is 350 KB of table and latent styles,
and parsing it was a third of the CPU of reading a four-page document. This module owns the
small cache that parses such a part once: the key is the inflated bytes themselves (equal bytes
parse to an equal model, so nothing but CPU changes), the ZIP member is always read and its CRC
checked, and only a part that parsed without error is kept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from jdlint.readers.numbering import Numbering
from jdlint.readers.package import Package
from jdlint.readers.styles import Styles

__all__ = ["numbering_of", "styles_of"]

# NOTE: a few templates per batch; each cache keeps 4 parts of at most MAX_BYTES, their trees
# (~5x the bytes) under ~25 MB.
MAX_ENTRIES = 4
# NOTE: a part this small parses in microseconds; keying on it would only cost memory.
MIN_BYTES = 4096
# NOTE: nor is a part past this size kept: a hostile 60 MB styles part (MAX_PART is 64 MiB)
# and its tree must not stay in memory after its document (Word's default styles: 350 KB).
MAX_BYTES = 1024 * 1024

_T = TypeVar("_T")
_styles: dict[bytes, Styles] = {}
_numbering: dict[bytes, Numbering] = {}


def _cached(cache: dict[bytes, _T], data: bytes, build: Callable[[], _T]) -> _T:
    if not MIN_BYTES <= len(data) <= MAX_BYTES:
        return build()
    found = cache.get(data)
    if found is None:
        found = build()  # NOTE: raises InputError for a bad part; nothing is kept then
        if len(cache) >= MAX_ENTRIES:
            cache.pop(next(iter(cache)), None)  # the oldest (dicts keep insertion order)
        cache[data] = found
    return found


def styles_of(pkg: Package, name: str | None) -> Styles:
    """The paragraph styles of part ``name`` (None: the package has no styles part)."""
    if name is None:
        return Styles(None)
    data = pkg.read(name)
    return _cached(_styles, data, lambda: Styles(pkg.parse(name, data)))


def numbering_of(pkg: Package, name: str | None) -> Numbering:
    """The numbering definitions of part ``name`` (None: the package has no numbering part)."""
    if name is None:
        return Numbering()
    data = pkg.read(name)
    return _cached(_numbering, data, lambda: Numbering.from_element(pkg.parse(name, data)))

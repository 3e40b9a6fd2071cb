"""The parsed styles and numbering of a DOCX, remembered per process by the parts' exact bytes.

Documents written from one template carry the same ``styles.xml`` and ``numbering.xml``; the
styles part of Word's (and python-docx's) default template is 350 KB of table and latent styles,
and parsing it was a third of the CPU of reading a four-page document. This module owns the
small cache that parses such a part once: the key is the inflated bytes themselves (equal bytes
parse to an equal model, so nothing but CPU changes), or the member as stored in the ZIP (its
directory entry, local header and compressed bytes: equal ones inflate to equal bytes, CRC
checked when first read), and only a part that read and parsed without error is kept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from jdlint.readers.numbering import Numbering
from jdlint.readers.numprefix import numbering_from
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
_K = TypeVar("_K")
_styles: dict[bytes, Styles] = {}
_numbering: dict[bytes, Numbering] = {}
# NOTE: the same models by ``Package.member_key``
_styles_stored: dict[tuple[Any, ...], Styles] = {}
_numbering_stored: dict[tuple[Any, ...], Numbering] = {}


def _cached(cache: dict[bytes, _T], stored: dict[tuple[Any, ...], _T], pkg: Package,
            name: str, build: Callable[[bytes], _T]) -> _T:
    # NOTE: first by the member as stored (no inflating, no hashing of the inflated part: the
    # 350 KB of a default styles part took a tenth of reading a document), then by the
    # inflated bytes (the same part compressed another way); an entry under either key read
    # and parsed without error from input equal to this one
    key = pkg.member_key(name)
    found = stored.get(key) if key is not None else None
    if found is not None:
        return found
    data = pkg.read(name)
    if not MIN_BYTES <= len(data) <= MAX_BYTES:
        return build(data)
    found = cache.get(data)
    if found is None:
        found = build(data)  # NOTE: raises InputError for a bad part; nothing is kept then
        _keep(cache, data, found)
    if key is not None:
        _keep(stored, key, found)
    return found


def _keep(cache: dict[_K, _T], key: _K, value: _T) -> None:
    if len(cache) >= MAX_ENTRIES:
        cache.pop(next(iter(cache)), None)  # the oldest (dicts keep insertion order)
    cache[key] = value


def styles_of(pkg: Package, name: str | None) -> Styles:
    """The paragraph styles of part ``name`` (None: the package has no styles part)."""
    if name is None:
        return Styles(None)
    return _cached(_styles, _styles_stored, pkg, name,
                   lambda data: Styles(pkg.parse(name, data)))


def numbering_of(pkg: Package, name: str | None) -> Numbering:
    """The numbering definitions of part ``name`` (None: the package has no numbering part)."""
    if name is None:
        return Numbering()
    # NOTE: a part not stored before is read with its head's definitions kept (numprefix)
    return _cached(_numbering, _numbering_stored, pkg, name,
                   lambda data: numbering_from(pkg, name, data))

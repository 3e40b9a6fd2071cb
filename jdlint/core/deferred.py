"""A regular expression compiled on its first use (issue 19: a cold start).

A check of one document compiled ~300 patterns, ~40 ms; most of the rules' listed patterns
(JD109's superseded acts, JD106's placeholder prompts) are never run on a typical document,
because ``core.literals`` tells from each pattern's source alone that its literal words are
missing. ``Deferred`` carries that source (``pattern``, ``flags``: all the prefilter reads)
and compiles it only when a rule runs it (``search``, ``match``, ``finditer``). Two deferred
patterns of the same source are equal, so the prefilter caches keyed by pattern lists hit as
they did with compiled patterns.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["Deferred"]


class Deferred:
    """``re.compile(pattern, flags)``, made when first searched with."""

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (re's own cache shares it among equal sources)."""
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self.compiled().search(text, pos)

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self.compiled().match(text, pos)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.compiled().finditer(text)

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Deferred) and self.pattern == other.pattern
                and self.flags == other.flags)

    def __hash__(self) -> int:
        return hash((Deferred, self.pattern, self.flags))

    def __repr__(self) -> str:
        return f"Deferred({self.pattern!r}, {self.flags!r})"

"""When a linting process's cyclic garbage collector runs (issue 19): rarely until the
process's first file is linted, then, with everything loaded for it frozen, every
``FIRST_GENERATION`` new objects. Imports nothing of jdlint, so that ``jdlint check`` opens
the window before the rule modules and analysers load.
"""

from __future__ import annotations

import gc
from typing import Final

__all__ = ["FIRST_GENERATION", "START_FIRST_GENERATION", "open_window", "settle"]

# NOTE: the cyclic collector's first generation is collected every 700 new objects by
# default; linting one document makes hundreds of thousands (tokens, lines, findings), nearly
# all freed by reference counting, and the collections cost ~3.6 ms of ~48 per document, most
# of it walking the long-lived rules, analysers and word caches again. After a process's
# first file those are frozen (never walked again) and the first generation waits for this
# many objects: ~0.2 ms per document, a few MB more at the most.
FIRST_GENERATION: Final = 20_000
# NOTE: before its first file is linted, a check process loads the rule modules, the
# analysers and the rule data: ~100,000 objects that live until exit, which the first
# generation walked ~70 times at 700 (~3 % of a cold check). ``open_window`` lets it wait
# for this many instead (no collection at all before the first file is settled); ``settle``
# then freezes them all.
START_FIRST_GENERATION: Final = 100_000
_settled: list[bool] = [False]


def open_window() -> None:
    """Until this process's first file is linted, collect the first generation rarely."""
    first, second, third = gc.get_threshold()
    if not _settled[0] and 0 < first < START_FIRST_GENERATION:
        gc.set_threshold(START_FIRST_GENERATION, second, third)


def settle() -> None:
    """After a process's first file: freeze what it loaded, collect at ``FIRST_GENERATION``."""
    if _settled[0]:
        return
    _settled[0] = True
    gc.freeze()
    first, second, third = gc.get_threshold()
    # NOTE: 0 means the collector is off: leave it so; so is a threshold set by someone else
    if 0 < first < FIRST_GENERATION or first == START_FIRST_GENERATION:
        gc.set_threshold(FIRST_GENERATION, second, third)

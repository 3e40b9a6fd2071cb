"""What a pool's workers all need, made once in the parent before it forks them (issue 19).

Every worker used to build the same things before its first file: the rule objects (~125 ms),
the Russian and Lithuanian analysers (~110 ms each), the reader modules and lxml (~40 ms).
With the ``fork`` start method a worker inherits the parent's memory, so ``warm`` builds
them once in the parent and freezes them for the collector (a worker's collections then
never walk them, nor write to their pages). With ``spawn`` or ``forkserver`` nothing is
inherited: ``warm`` does nothing and each worker builds its own, as before.
"""

from __future__ import annotations

import gc
import importlib
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Final, Protocol

from jdlint.settings.resolve import Resolved

__all__ = ["MAX_RULE_SETS", "forks", "warm"]

# NOTE: per-file ignores make a rule set per distinct list of codes; the first few cover a
# batch (the rest are built by the workers, as before), and the parent's ``_rules`` cache
# holds 32.
MAX_RULE_SETS: Final = 4
# NOTE: one word per language loads its analyser (pymorphy3's dictionary, the Lithuanian
# table); the word's own lemma only goes into the caches every worker would fill anyway.
_WORDS: Final = (("работа", "ru"), ("darbas", "lt"))


class Job(Protocol):
    """What ``warm`` reads of a ``run.parallel.Job`` (which imports this module)."""

    @property
    def name(self) -> str: ...
    @property
    def stdin(self) -> bool: ...
    @property
    def resolved(self) -> Resolved: ...
    @property
    def codes(self) -> tuple[str, ...]: ...


def forks() -> bool:
    """Whether a process pool made now forks its workers from this process."""
    import multiprocessing

    return multiprocessing.get_start_method() == "fork"


def warm(jobs: Sequence[Job], rules: Callable[[tuple[Path, ...], tuple[str, ...]], Any]
         ) -> bool:
    """Build what the workers of a pool for ``jobs`` need, if they will inherit it; whether
    it was built. ``rules(extend_rules, codes)`` is the workers' cached builder."""
    if not jobs or not forks():
        return False
    try:
        _build(jobs, rules)
    except Exception:  # NOTE: a worker meets it again, where it becomes that file's error
        return False
    # NOTE: what lives until exit leaves the collector's generations: the workers' (which
    # inherit this) never walk it again, and so never touch its shared pages
    gc.freeze()
    return True


def _build(jobs: Sequence[Job], rules: Callable[[tuple[Path, ...], tuple[str, ...]], Any]
           ) -> None:
    keys: list[tuple[tuple[Path, ...], tuple[str, ...]]] = []
    for job in jobs:
        key = (job.resolved.config.extend_rules, job.codes)
        if key not in keys:
            keys.append(key)
            if len(keys) == MAX_RULE_SETS:
                break
    for extend_rules, codes in keys:
        rules(extend_rules, codes)
    importlib.import_module("jdlint.engine.lint")  # NOTE: lint_file imports it on first use
    from jdlint.nlp import lemma, russian

    for word, lang in _WORDS:
        lemma(word, lang)
    # NOTE: a word the cache folder's word store knows loads no analyser (nlp.wordstore); a
    # worker that meets a new word would then load its own
    russian.analyzer()
    from jdlint.readers.formats import FORMATS

    # NOTE: the suffix of the path's string, not a Path built for each of 100,000 jobs
    suffixes = {os.path.splitext(job.name)[1].lower() for job in jobs if not job.stdin}
    for fmt in FORMATS:
        if suffixes.intersection(fmt.suffixes):
            importlib.import_module(fmt.reader.split(":")[0])

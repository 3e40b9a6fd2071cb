"""How a light ``FileResult`` travels from a pool worker to the parent (issue 19).

A worker pickles every result it sends back, and the parent unpickles it. A slotted record
pickles through the dataclass machinery's ``__getstate__``/``__setstate__``, which call
``dataclasses.fields()`` for every object: for the ~100 records (findings, their sources,
legal references, document summaries) of a typical file that was over half of the ~0.5 ms
dump and ~0.5 ms load. ``register`` gives ``multiprocessing``'s own pickler (and only it:
the result cache and any other ``pickle`` keep the default) a reducer per such class: the
field values read by one ``attrgetter``, the object rebuilt by its constructor, so the
parent receives equal objects (same classes, same field values) for less.

A result that the JSON report streams unchanged (no waiver file, no baseline) can travel as
its report text instead (``Rendered``): the worker writes it, in parallel with the other
worker, and the parent neither unpickles ~100 records nor encodes ~100 KB per file, it only
writes the bytes it got (issue 19: the parent's CPU per file).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from operator import attrgetter
from typing import Any, Final

from jdlint.core.model import Finding, LegalRef, Severity, Source, Suggestion
from jdlint.core.records import record
from jdlint.core.results import DocumentSummary, FileResult

__all__ = ["CLASSES", "Render", "Rendered", "reducer", "register", "rendered"]

# NOTE: a light result's report text, as UTF-8 bytes (or as text when it holds a lone
# surrogate, which strict UTF-8 cannot encode); output.json provides it (a higher layer)
Render = Callable[[FileResult], bytes | str]


@record(slots=True)
class Rendered:
    """A light result as its report text, with what the parent needs of it besides: the
    findings per severity (``Severity`` order), the worst severity (0 for none), and the
    result itself only when the parent must keep it (the result cache)."""

    display_path: str
    text: bytes | str
    error: bool
    counts: tuple[int, ...]
    worst: int
    result: FileResult | None


_SEVERITIES: Final = tuple(Severity)


def rendered(result: FileResult, render: Render, keep: bool) -> Rendered:
    """``result`` as ``Rendered`` by ``render``, with the result itself when ``keep``."""
    severities = [f.severity for f in result.findings]
    counts = tuple(severities.count(s) for s in _SEVERITIES)
    return Rendered(result.display_path, render(result), result.error is not None, counts,
                    int(max(severities, default=0)), result if keep else None)

# NOTE: what a light result holds; a kept document (``keep_documents``) still pickles the
# default way, fields and all, which is correct, only not shortened.
CLASSES: Final = (FileResult, DocumentSummary, Finding, Source, LegalRef, Suggestion,
                  Rendered)

_registered: list[bool] = [False]


def reducer(cls: type) -> Callable[[Any], tuple[type, tuple[Any, ...]]]:
    """``obj -> (cls, field values)``: ``cls(*values)`` rebuilds an equal object. Every
    field must be an ``__init__`` parameter, in field order (checked here)."""
    fields = dataclasses.fields(cls)
    if not all(f.init for f in fields):
        raise TypeError(f"{cls.__name__} has a field outside __init__")
    names = tuple(f.name for f in fields)
    get: Callable[[Any], Any] = attrgetter(*names)
    if len(names) == 1:
        return lambda obj: (cls, (get(obj),))
    return lambda obj: (cls, get(obj))


def register() -> None:
    """Make ``multiprocessing``'s pickler use ``reducer`` for ``CLASSES`` (once a process;
    a forked worker inherits it, a spawned one calls this from its initializer)."""
    if _registered[0]:
        return
    from multiprocessing.reduction import ForkingPickler

    for cls in CLASSES:
        ForkingPickler.register(cls, reducer(cls))
    _registered[0] = True

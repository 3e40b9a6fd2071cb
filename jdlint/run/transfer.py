"""How a light ``FileResult`` travels from a pool worker to the parent (issue 19).

A worker pickles every result it sends back, and the parent unpickles it. A slotted record
pickles through the dataclass machinery's ``__getstate__``/``__setstate__``, which call
``dataclasses.fields()`` for every object: for the ~100 records (findings, their sources,
legal references, document summaries) of a typical file that was over half of the ~0.5 ms
dump and ~0.5 ms load. ``register`` gives ``multiprocessing``'s own pickler (and only it:
the result cache and any other ``pickle`` keep the default) a reducer per such class: the
field values read by one ``attrgetter``, the object rebuilt by its constructor, so the
parent receives equal objects (same classes, same field values) for less.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from operator import attrgetter
from typing import Any, Final

from jdlint.core.model import Finding, LegalRef, Source, Suggestion
from jdlint.core.results import DocumentSummary, FileResult

__all__ = ["CLASSES", "reducer", "register"]

# NOTE: what a light result holds; a kept document (``keep_documents``) still pickles the
# default way, fields and all, which is correct, only not shortened.
CLASSES: Final = (FileResult, DocumentSummary, Finding, Source, LegalRef, Suggestion)

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

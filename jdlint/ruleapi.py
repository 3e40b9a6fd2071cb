"""The public rule API: everything a Python rule needs, and nothing of the engine's insides.

A rule is a function ``check(doc, ctx) -> Iterable[Finding]`` registered with
``@implements("JD201")``; its messages, options and legal basis live in ``rules/JD201.yaml``.
What it receives besides the ``Document`` is a ``RuleContext``:

* ``ctx.report(at, match=..., **fields)`` — the only way a Finding is made (Vale's
  ``FormatAlert``, sqlfluff's ``to_linting_error``): message in the output language, configured
  severity, legal basis in force, clause path, section, source, excerpt and a fingerprint that
  survives renumbering and reflow;
* ``ctx.options`` (the rule's user options with the user's settings applied), ``ctx.texts``
  and ``ctx.text(name, ...)`` (message variants), ``ctx.phrases`` (named phrase lists),
  ``ctx.data`` (the rule's other tables), ``ctx.lang``, ``ctx.localized``, ``ctx.where``,
  ``ctx.today``, ``ctx.file_documents``;
* ``ctx.clause_at(block)`` / ``ctx.clause_of(block)`` — the innermost clause at a block;
* ``ctx.legal_basis()`` and ``ctx.under_law("by")`` — the basis findings cite, and a context
  whose findings cite another jurisdiction's law (a Russian text under Belarusian law);
* ``ctx.memo(key, factory)`` — a value computed once per document and shared by every rule
  that runs on it (the jurisdiction, the professional-standard claim), dropped with the file;
* ``ctx.nlp`` — tokens and lemmas of the file's texts, computed once for all its rules.

This module imports no engine and no registry (they import it), so a check that imports only
``jdlint.ruleapi`` (and shared helpers) can never form an import cycle with them.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import field, replace
from datetime import date
from functools import lru_cache
from typing import Any, Literal, TypeAlias, TypeVar

from jdlint.catalogue.ruledata import RuleMeta
from jdlint.catalogue.rulefix import propose
from jdlint.core.locate import (
    EXCERPT_WIDTH,
    clause_index,
    cut_excerpt,
    describe_source,
    fingerprint_text,
    phrase_pattern,
)
from jdlint.core.model import (
    Block,
    Clause,
    Document,
    Finding,
    LegalRef,
    Section,
    SectionKind,
    Severity,
    Source,
    Suggestion,
)
from jdlint.core.records import record
from jdlint.nlp.doctext import DocumentNLP, shared_nlp

__all__ = [
    "EXCERPT_WIDTH",
    "Block",
    "Check",
    "Clause",
    "Document",
    "Finding",
    "RegistryError",
    "RuleContext",
    "Section",
    "SectionKind",
    "Severity",
    "Source",
    "clause_index",
    "describe_source",
    "fingerprint_text",
    "implementations",
    "implements",
]


Check: TypeAlias = Callable[[Document, "RuleContext"], Iterable[Finding]]
T = TypeVar("T")


# NOTE: the table ``implements`` fills; ``jdlint.engine.registry.discover`` imports the checks and
# reads it. It maps a code (or a data kind's name) to its function, nothing per document.
_IMPLEMENTATIONS: dict[str, Check] = {}
# NOTE: what depends only on a rule's data (its compiled phrase lists) is the same for every
# document of a run: ``RuleContext.compiled`` keeps it per process, keyed by the rule's code
# and file, so checks keep no module state of their own.
_COMPILED: dict[tuple[str, str, Hashable], Any] = {}


# NOTE: ``report`` looks its match up twice (normalised text, then raw text) and a rule
# reports the same words in many documents: the compiled pattern is kept (issue 19).
_phrase_pattern = lru_cache(maxsize=1024)(phrase_pattern)
# (id(rule metadata), jurisdiction, day) → (that metadata, its legal basis in force that day)
_IN_FORCE: dict[tuple[int, str | None, date], tuple[RuleMeta, tuple[LegalRef, ...]]] = {}


class RegistryError(RuntimeError):
    """Rule metadata and implementations disagree (a developer error, raised in tests)."""


def implements(code: str) -> Callable[[Check], Check]:
    """Register ``func`` as the check of rule ``code`` (its metadata lives in rules/CODE.yaml)."""

    def register(func: Check) -> Check:
        previous = _IMPLEMENTATIONS.get(code)
        if previous is not None and previous is not func:
            raise RegistryError(f"{code} is implemented twice: {_qualname(previous)} and "
                                f"{_qualname(func)}")
        _IMPLEMENTATIONS[code] = func
        return func

    return register


def implementations() -> Mapping[str, Check]:
    """The checks registered so far, by code (``engine.registry.discover`` imports them all)."""
    return dict(sorted(_IMPLEMENTATIONS.items()))


def _qualname(func: Check) -> str:
    return f"{getattr(func, '__module__', '?')}.{getattr(func, '__qualname__', repr(func))}"


@record(frozen=False)
class RuleContext:
    """What a check gets besides the Document: options, output language, helpers and ``report``.

    The engine builds one per rule and document; the fields starting with ``_`` are the
    engine's shared per-document state (clause index, memo, NLP) and not for checks.
    """

    meta: RuleMeta
    doc: Document
    lang: str = "en"
    severity: Severity | None = None
    options: Mapping[str, Any] = field(default_factory=dict)
    file_documents: tuple[Document, ...] = ()
    today: date = field(default_factory=date.today)
    occurrences: Counter[tuple[str, str]] = field(default_factory=Counter)
    _clauses: dict[int, Clause] | None = None
    _nlp: DocumentNLP | None = None
    _memo: dict[Hashable, Any] = field(default_factory=dict)
    _jurisdiction: str | None = None

    def __post_init__(self) -> None:
        merged = dict(self.meta.options)
        merged.update(self.options)
        self.options = merged
        if not self.file_documents:
            self.file_documents = (self.doc,)

    @property
    def nlp(self) -> DocumentNLP:
        """Tokens and lemmas of texts of this file, shared by all its rules."""
        if self._nlp is None:
            self._nlp = shared_nlp()
        return self._nlp

    def memo(self, key: Hashable, factory: Callable[[], T]) -> T:
        """``factory()`` computed once per document for every rule that asks with ``key``.

        Use a key that names the helper ("jurisdiction", ("claim", codes)); the value lives as
        long as the document's lint, so nothing leaks into the next file.
        """
        if key in self._memo:
            value: T = self._memo[key]
            return value
        value = self._memo[key] = factory()
        return value

    def compiled(self, key: Hashable, factory: Callable[[], T]) -> T:
        """``factory()`` computed once per process for this rule and ``key``: for values that
        depend only on the rule's YAML (compiled phrase lists), never on the document."""
        full = (self.meta.code, str(self.meta.path), key)
        if full in _COMPILED:
            value: T = _COMPILED[full]
            return value
        value = _COMPILED[full] = factory()
        return value

    @property
    def texts(self) -> Mapping[str, Any]:
        """The rule's message variants and parts (``texts:``), each ``{ru, lt, en}``."""
        return self.meta.texts

    @property
    def phrases(self) -> Mapping[str, Any]:
        """The rule's named phrase lists (``phrases:``): name → {ru: [...], lt: [...]}."""
        return self.meta.phrases

    @property
    def data(self) -> Mapping[str, Any]:
        """The rule's other tables (``data:``), set by the rule's author only."""
        return self.meta.data

    def text(self, name: str, *keys: str) -> str:
        """A text of the rule in the output language: ``ctx.text("detail", "one")``."""
        value: Any = self.texts[name]
        for key in keys:
            value = value[key]
        return self.localized(value)

    def localized(self, value: Mapping[str, str] | str) -> str:
        """Pick the output language from a ``{ru, lt, en}`` mapping kept in rule options."""
        if isinstance(value, str):
            return value
        return value.get(self.lang) or value.get("en") or next(iter(value.values()), "")

    def where(self, source: Source) -> str:
        """A location in the output language, for messages ("строка 12")."""
        return describe_source(source, self.lang)

    def block_source(self, index: int) -> Source:
        """The Source of a block of the file (``Source(block=index)`` if it does not exist)."""
        blocks = self.doc.raw.blocks
        return blocks[index].source if 0 <= index < len(blocks) else Source(block=index)

    def clause_at(self, block: int) -> Clause | None:
        """The innermost clause that contains block ``block``, if any."""
        if self._clauses is None:
            self._clauses = clause_index(self.doc)
        return self._clauses.get(block)

    def clause_of(self, block: int) -> str | None:
        """Path of the clause a block belongs to ("2.4"), if any."""
        clause = self.clause_at(block)
        return clause.path or None if clause is not None else None

    def under_law(self, jurisdiction: str) -> RuleContext:
        """A context whose findings cite the legal basis of ``jurisdiction`` ("by", "kz", ...)
        instead of the one of the document's language (a Russian text under Belarusian law)."""
        if jurisdiction == (self.doc.language or "ru"):
            return self
        return replace(self, _jurisdiction=jurisdiction)

    def legal_basis(self) -> tuple[LegalRef, ...]:
        """The rule's legal basis for this document's jurisdiction that is in force today."""
        # NOTE: a law version no longer (or not yet) in force must not be cited as the basis;
        # a document whose language is unknown has no jurisdiction to cite.
        language: str | None = self.doc.language
        if language is not None and self._jurisdiction is not None:
            language = self._jurisdiction
        # NOTE: asked per finding, the same for every finding of a rule on a day (issue 19);
        # kept with its metadata object, so an id is never reused while its entry lives
        key = (id(self.meta), language, self.today)
        kept = _IN_FORCE.get(key)
        if kept is None or kept[0] is not self.meta:
            if len(_IN_FORCE) >= 4096:
                _IN_FORCE.clear()
            kept = _IN_FORCE[key] = (self.meta, tuple(
                ref for ref in self.meta.legal_for(language)
                if (ref.valid_from is None or ref.valid_from <= self.today)
                and (ref.valid_to is None or self.today <= ref.valid_to)))
        return kept[1]

    def _locate(self, blocks: Sequence[Block], match: str | None,
                source: Source | None) -> tuple[Block | None, int, int | None]:
        if match:
            pattern = _phrase_pattern(match)
            for block in blocks:
                found = pattern.search(block.text)
                if found:
                    return block, found.start(), found.end()
        if source is not None:
            return (blocks[0] if blocks else None), source.start, source.end
        return (blocks[0] if blocks else None), 0, None

    def report(self, at: Clause | int | Source, *, match: str | None = None,
               excerpt: str | None = None, related: Iterable[Source] = (),
               data: dict[str, object] | None = None, severity: Severity | None = None,
               replacement: str | None = None, safe: bool | None = None,
               **fmt: object) -> Finding:
        """Build a Finding of this rule at a clause, a block index or a Source.

        ``match`` is the offending text: it sets the start/end inside the block and centres the
        excerpt. ``fmt`` fills the message placeholders (``{match}`` and ``{clause}`` are always
        available). A missing placeholder raises, which the engine reports as JD000.
        ``severity`` lets a rule grade one finding (law-ru: "error, info if a special statute is
        cited"); a severity configured by the user still wins. ``replacement`` is wording that
        can replace ``match``; ``safe`` marks it fit for a tracked change in the report's
        redline (never applied to the document itself), ``False`` a proposal shown as a
        comment, ``None`` wording for display only. Without a ``replacement``, the rule's
        ``fix`` section (``jdlint.catalogue.rulefix``) proposes one for the matched words.
        """
        raw_blocks = self.doc.raw.blocks
        given: Source | None = at if isinstance(at, Source) else None
        clause: Clause | None
        if isinstance(at, Clause):
            clause = at
            indices: tuple[int, ...] = at.blocks
        else:
            index = at.block if isinstance(at, Source) else at
            clause = self.clause_at(index)
            indices = (index,)
        blocks = [raw_blocks[i] for i in indices if 0 <= i < len(raw_blocks)]
        block, start, end = self._locate(blocks, match, given)
        original: str | None = None
        # NOTE: the proposal is worded in the document's language, not the output's, and
        # for its home country's law (a Russian text under Belarusian law gets none).
        entries = self.meta.fix.get(self.doc.language or "") if self._jurisdiction is None \
            else None
        if replacement is None and entries and block is not None and end is not None:
            proposal = propose(entries, block.text, start, end)
            if proposal is not None:
                replacement, safe, original = (proposal.replacement, proposal.safe,
                                               proposal.original)
        if original is None and replacement is not None and safe is not None \
                and block is not None and end is not None:
            original = block.text[start:end]
        if block is None:
            source = given or Source(block=indices[0] if indices else 0)
        else:
            source = (given or block.source).moved(block.index, start, end)
        section = self.doc.section_of_block(source.block)
        section_kind: SectionKind | None = section.kind if section else None
        path = clause.path if clause else None

        fields: dict[str, object] = {"match": match or "", "clause": path or "",
                                     "code": self.meta.code, **fmt}
        if replacement is not None:
            fields["replacement"] = replacement
        message = self.meta.message_for(self.lang).format_map(fields)
        suggestion = None
        applicability: Literal["display-only", "unsafe", "safe"] = "display-only"
        if replacement is not None and safe is not None:
            applicability = "safe" if safe else "unsafe"
        if self.meta.suggestion is not None:
            template = self.meta.suggestion.get(self.lang) or self.meta.suggestion["en"]
            suggestion = Suggestion(template.format_map(fields), replacement, applicability,
                                    original)
        elif replacement is not None:
            suggestion = Suggestion(replacement, replacement, applicability, original)

        if excerpt is None:
            excerpt = self._excerpt(block, match, start, end)
        else:
            excerpt = cut_excerpt(excerpt, 0, 0)

        return Finding(
            code=self.meta.code,
            name=self.meta.name,
            severity=self.severity or severity or self.meta.severity,
            confidence=self.meta.confidence,
            message=message,
            source=source,
            clause=path,
            section=section_kind,
            excerpt=excerpt,
            legal_basis=self.legal_basis(),
            suggestion=suggestion,
            fingerprint=self._fingerprint(clause, block),
            related=tuple(related),
            data=data,
        )

    def _fingerprint(self, clause: Clause | None, block: Block | None) -> str:
        if clause is not None:
            basis = clause.text
        else:
            basis = block.text if block is not None else ""
        key = (self.meta.code, fingerprint_text(basis))
        occurrence = self.occurrences[key]
        self.occurrences[key] += 1
        return hashlib.sha1(f"{key[0]}\x00{key[1]}\x00{occurrence}".encode(),
                            usedforsecurity=False).hexdigest()

    def _excerpt(self, block: Block | None, match: str | None, start: int,
                 end: int | None) -> str:
        if block is None:
            return ""
        raw = block.raw
        if match:
            # NOTE: offsets were found in the normalised text; the raw text may differ (NBSP,
            # soft hyphens), so the match is looked up again in the raw text.
            found = _phrase_pattern(match).search(raw)
            if found:
                return cut_excerpt(raw, found.start(), found.end())
            return cut_excerpt(block.text, start, end if end is not None else start)
        return cut_excerpt(raw, 0, 0)

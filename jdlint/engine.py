"""The engine: runs selected rules over documents and builds every Finding through ``report``.

``RuleContext.report`` is the only way a Finding is made (Vale's ``FormatAlert``, sqlfluff's
``to_linting_error``): it renders the message in the output language, applies the configured
severity, attaches the legal basis of the document's jurisdiction, fills the clause path,
section and source, cuts the excerpt from the raw text and computes a fingerprint that survives
renumbering and reflow. ``lint`` decides which rules apply to which document, sorts findings by
position and turns a crashing rule into a JD000 finding instead of aborting the run.
"""

from __future__ import annotations

import hashlib
import re
import traceback
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Final

from jdlint.doctext import DocumentNLP, enter, leave, shared_nlp
from jdlint.model import (
    Block,
    Clause,
    Document,
    Finding,
    LegalRef,
    SectionKind,
    Severity,
    Source,
    Suggestion,
)
from jdlint.nlp.matcher import caching
from jdlint.registry import Rule
from jdlint.ruledata import OUTPUT_LANGUAGES, RuleMeta, load_catalogue
from jdlint.text import fold

__all__ = [
    "EXCERPT_WIDTH",
    "DocumentNLP",
    "RuleContext",
    "clause_at",
    "describe_source",
    "fingerprint_text",
    "lint",
    "shared_nlp",
]

EXCERPT_WIDTH: Final = 200
INTERNAL_ERROR: Final = "JD000"

_LABEL_RE: Final = re.compile(r"^\s*(?:[IVXLC]+|[a-zа-яё])[.)]\s+", re.IGNORECASE)
_NOT_WORD_RE: Final = re.compile(r"[\W\d_]+")


def fingerprint_text(text: str) -> str:
    """Clause text reduced to what survives renumbering and reflow.

    Case and ё folded, a leading letter/Roman label dropped, digits (so "2.3." and "3.1." are
    equal) and punctuation removed, whitespace folded.
    """
    text = _LABEL_RE.sub("", fold(text))
    return " ".join(_NOT_WORD_RE.sub(" ", text).split())


def describe_source(source: Source, lang: str) -> str:
    """``Source.describe()`` in the output language ("строка 12", "pastr. 41")."""
    return source.describe(lang)


def _clause_index(doc: Document) -> dict[int, Clause]:
    # NOTE: walk order visits parents before children, so the deepest clause of a block wins.
    index: dict[int, Clause] = {}
    for clause in doc.clauses():
        for block in clause.blocks:
            index[block] = clause
    return index


def clause_at(doc: Document, block: int) -> Clause | None:
    """The innermost clause that contains block ``block``, if any."""
    return _clause_index(doc).get(block)


def _pattern(match: str) -> re.Pattern[str]:
    # NOTE: reflowed text may break a phrase differently, so any whitespace run matches a space.
    parts = [re.escape(p) for p in match.split()]
    return re.compile(r"\s+".join(parts), re.IGNORECASE)


def _cut(text: str, start: int, end: int, width: int = EXCERPT_WIDTH) -> str:
    if len(text) <= width:
        return text.strip()
    length = max(end - start, 0)
    left = max(0, min(start - (width - length) // 2, len(text) - width))
    right = left + width
    piece = text[left:right].strip()
    return ("…" if left > 0 else "") + piece + ("…" if right < len(text) else "")


@dataclass
class RuleContext:
    """What a check gets besides the Document: options, output language and ``report``."""

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

    def clause_of(self, block: int) -> str | None:
        """Path of the clause a block belongs to ("2.4"), if any."""
        clause = self._clause_for(block)
        return clause.path or None if clause is not None else None

    def _clause_for(self, block: int) -> Clause | None:
        if self._clauses is None:
            self._clauses = _clause_index(self.doc)
        return self._clauses.get(block)

    def _locate(self, blocks: Sequence[Block], match: str | None,
                source: Source | None) -> tuple[Block | None, int, int | None]:
        if match:
            pattern = _pattern(match)
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
               replacement: str | None = None, safe: bool = False,
               **fmt: object) -> Finding:
        """Build a Finding of this rule at a clause, a block index or a Source.

        ``match`` is the offending text: it sets the start/end inside the block and centres the
        excerpt. ``fmt`` fills the message placeholders (``{match}`` and ``{clause}`` are always
        available). A missing placeholder raises, which the engine reports as JD000.
        ``severity`` lets a rule grade one finding (law-ru: "error, info if a special statute is
        cited"); a severity configured by the user still wins. ``replacement`` is wording that
        can replace ``match``; ``safe`` marks it fit for a tracked change in the report's
        redline (never applied to the document itself).
        """
        raw_blocks = self.doc.raw.blocks
        given: Source | None = at if isinstance(at, Source) else None
        clause: Clause | None
        if isinstance(at, Clause):
            clause = at
            indices: tuple[int, ...] = at.blocks
        else:
            index = at.block if isinstance(at, Source) else at
            clause = self._clause_for(index)
            indices = (index,)
        blocks = [raw_blocks[i] for i in indices if 0 <= i < len(raw_blocks)]
        block, start, end = self._locate(blocks, match, given)
        if block is None:
            source = given or Source(block=indices[0] if indices else 0)
        else:
            source = replace(given or block.source, block=block.index, start=start, end=end)
        section = self.doc.section_of_block(source.block)
        section_kind: SectionKind | None = section.kind if section else None
        path = clause.path if clause else None

        fields: dict[str, object] = {"match": match or "", "clause": path or "",
                                     "code": self.meta.code, **fmt}
        if replacement is not None:
            fields["replacement"] = replacement
        message = self.meta.message_for(self.lang).format_map(fields)
        suggestion = None
        if self.meta.suggestion is not None:
            template = self.meta.suggestion.get(self.lang) or self.meta.suggestion["en"]
            suggestion = Suggestion(template.format_map(fields), replacement,
                                    "safe" if safe and replacement else "display-only")

        if excerpt is None:
            excerpt = self._excerpt(block, match, start, end)
        else:
            excerpt = _cut(excerpt, 0, 0)

        if clause is not None:
            basis = clause.text
        else:
            basis = block.text if block is not None else ""
        key = (self.meta.code, fingerprint_text(basis))
        occurrence = self.occurrences[key]
        self.occurrences[key] += 1
        digest = hashlib.sha1(f"{key[0]}\x00{key[1]}\x00{occurrence}".encode(),
                              usedforsecurity=False).hexdigest()

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
            legal_basis=self._legal_basis(),
            suggestion=suggestion,
            fingerprint=digest,
            related=tuple(related),
            data=data,
        )

    def _excerpt(self, block: Block | None, match: str | None, start: int,
                 end: int | None) -> str:
        if block is None:
            return ""
        raw = block.raw
        if match:
            # NOTE: offsets were found in the normalised text; the raw text may differ (NBSP,
            # soft hyphens), so the match is looked up again in the raw text.
            found = _pattern(match).search(raw)
            if found:
                return _cut(raw, found.start(), found.end())
            return _cut(block.text, start, end if end is not None else start)
        return _cut(raw, 0, 0)

    def _legal_basis(self) -> tuple[LegalRef, ...]:
        # NOTE: a law version no longer (or not yet) in force must not be cited as the basis.
        return tuple(
            ref for ref in self.meta.legal_for(self.doc.language)
            if (ref.valid_from is None or ref.valid_from <= self.today)
            and (ref.valid_to is None or self.today <= ref.valid_to)
        )


def _output_lang(lang: str | None, doc: Document) -> str:
    if lang in OUTPUT_LANGUAGES:
        return lang
    return doc.language or "en"


def _applies(meta: RuleMeta, doc: Document) -> bool:
    if meta.document_level:
        return True
    if doc.classification != "instruction" or doc.language is None:
        return False
    return doc.language in meta.languages


def _internal_error(rule: Rule, doc: Document, exc: BaseException, lang: str,
                    occurrences: Counter[tuple[str, str]]) -> Finding:
    meta = load_catalogue()[INTERNAL_ERROR]
    ctx = RuleContext(meta, doc, lang=lang, occurrences=occurrences)
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f" ({frame.filename.rsplit('/', 1)[-1]}:{frame.lineno})" if frame else ""
    blocks = doc.raw.blocks
    at = doc.span.start if doc.span.start < len(blocks) else 0
    return ctx.report(at, rule=rule.code, name=rule.meta.name,
                      error=f"{type(exc).__name__}: {exc}{where}",
                      data={"rule": rule.code, "exception": type(exc).__name__})


def lint(documents: Sequence[Document], rules: Iterable[Rule] | Mapping[str, Rule], *,
         lang: str | None = None, severities: Mapping[str, Severity] | None = None,
         options: Mapping[str, Mapping[str, Any]] | None = None,
         today: date | None = None) -> list[Finding]:
    """Run the (already selected) ``rules`` over the documents of ONE file.

    Document-level rules (JD0xx) run on every document; other rules only on documents
    classified as "instruction" whose language is among the rule's ``languages``. ``severities``
    and ``options`` are keyed by code or name. Findings come back sorted by position.
    """
    rule_list = sorted(rules.values() if isinstance(rules, Mapping) else rules,
                       key=lambda r: r.code)
    severities = severities or {}
    options = options or {}
    occurrences: Counter[tuple[str, str]] = Counter()
    file_documents = tuple(documents)
    shared = enter()
    try:
        with caching():
            findings = _run(file_documents, rule_list, lang, severities, options,
                            today or date.today(), occurrences, shared)
    finally:
        leave(shared)
    findings.sort(key=lambda f: (f.source.block, f.source.start, f.code))
    return findings


def _run(file_documents: tuple[Document, ...], rule_list: Sequence[Rule], lang: str | None,
         severities: Mapping[str, Severity], options: Mapping[str, Mapping[str, Any]],
         today: date, occurrences: Counter[tuple[str, str]], shared: DocumentNLP
         ) -> list[Finding]:
    findings: list[Finding] = []
    for doc in file_documents:
        out_lang = _output_lang(lang, doc)
        clauses = _clause_index(doc)
        for rule in rule_list:
            meta = rule.meta
            if rule.check is None or not _applies(meta, doc):
                continue
            ctx = RuleContext(
                meta, doc, lang=out_lang,
                severity=severities.get(meta.code) or severities.get(meta.name),
                options=options.get(meta.code) or options.get(meta.name) or {},
                file_documents=file_documents, today=today,
                occurrences=occurrences, _clauses=clauses, _nlp=shared,
            )
            try:
                produced = list(rule.check(doc, ctx))
            except Exception as exc:  # NOTE: one broken rule must not stop the run (sqlfluff)
                findings.append(_internal_error(rule, doc, exc, out_lang, occurrences))
                continue
            if not meta.document_level and doc.noise:
                # NOTE: blocks marked as web noise (ads, comments) are never reported on.
                produced = [f for f in produced if f.source.block not in doc.noise]
            findings.extend(produced)
    return findings

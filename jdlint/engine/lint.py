"""The engine: runs selected rules over documents; every Finding is built by ``ctx.report``.

The rule context and ``report`` are the public rule API (``jdlint.ruleapi``). ``lint`` decides
which rules apply to which document, gives the rules of one document a shared clause index and
memo (and the rules of one file shared tokens), runs the text rules once more on an
instruction's footnotes, endnotes and text boxes (``jdlint.engine.notelint``), sorts findings by
position and turns a crashing rule into a JD000 finding instead of aborting the run.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from datetime import date
from typing import Any, Final

from jdlint.catalogue.ruledata import OUTPUT_LANGUAGES, RuleMeta, load_catalogue
from jdlint.core.model import Clause, Document, Finding, Severity
from jdlint.engine.notelint import note_view, reads_notes
from jdlint.engine.registry import Rule
from jdlint.nlp.doctext import DocumentNLP, sharing
from jdlint.nlp.matcher import caching
from jdlint.ruleapi import (
    EXCERPT_WIDTH,
    RuleContext,
    clause_index,
    describe_source,
    fingerprint_text,
)

__all__ = [
    "EXCERPT_WIDTH",
    "DocumentNLP",
    "RuleContext",
    "clause_at",
    "describe_source",
    "fingerprint_text",
    "lint",
]

INTERNAL_ERROR: Final = "JD000"


def clause_at(doc: Document, block: int) -> Clause | None:
    """The innermost clause that contains block ``block``, if any."""
    return clause_index(doc).get(block)


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
    import traceback  # NOTE: here, only for a crash (~2 ms of a cold start otherwise)

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
    with sharing() as shared, caching():
        findings = _run(file_documents, rule_list, lang, severities, options,
                        today or date.today(), occurrences, shared)
    findings.sort(key=lambda f: (f.source.block, f.source.start, f.code))
    return findings


def _run(file_documents: tuple[Document, ...], rule_list: Sequence[Rule], lang: str | None,
         severities: Mapping[str, Severity], options: Mapping[str, Mapping[str, Any]],
         today: date, occurrences: Counter[tuple[str, str]], shared: DocumentNLP
         ) -> list[Finding]:
    findings: list[Finding] = []
    for number, doc in enumerate(file_documents):
        out_lang = _output_lang(lang, doc)
        clauses = clause_index(doc)
        # NOTE: one memo per document, shared by its rules (``RuleContext.memo``) and by the
        # same rules on its notes, which so see the body's jurisdiction and claims.
        memo: dict[Hashable, Any] = {}
        notes = note_view(number, file_documents, clauses)
        for pass_doc, marks, only in ((doc, clauses, None),
                                      *(((notes.doc, notes.clauses, notes.blocks),)
                                        if notes is not None else ())):
            for rule in rule_list:
                meta = rule.meta
                if rule.check is None or not _applies(meta, doc) or (
                        only is not None and not reads_notes(meta)):
                    continue
                ctx = RuleContext(
                    meta, pass_doc, lang=out_lang,
                    severity=severities.get(meta.code) or severities.get(meta.name),
                    options=options.get(meta.code) or options.get(meta.name) or {},
                    file_documents=file_documents, today=today,
                    occurrences=occurrences, _clauses=marks, _nlp=shared, _memo=memo,
                )
                try:
                    produced = list(rule.check(pass_doc, ctx))
                except Exception as exc:  # NOTE: one broken rule must not stop the run
                    findings.append(_internal_error(rule, doc, exc, out_lang, occurrences))
                    continue
                if only is not None:
                    # NOTE: the notes' pass reports on the notes only (the body had its own)
                    produced = [f for f in produced if f.source.block in only]
                elif not meta.document_level and doc.noise:
                    # NOTE: blocks marked as web noise (ads, comments) are never reported on.
                    produced = [f for f in produced if f.source.block not in doc.noise]
                findings.extend(produced)
    return findings

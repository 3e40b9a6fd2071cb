"""The phrase-matching machinery of ``kind: phrase`` rules, reused by Python checks.

``spec_of`` compiles a rule's ``phrases`` (patterns, exceptions, contexts, requires,
escalate; see ``jdlint.checks.generic`` for their meaning) once per rule; ``find`` returns
the hits in a document that survive negation, quotation of the law, scope and contexts;
``report`` turns a hit into a finding; ``in_force`` decides whether the rule judges a document
under its jurisdiction; ``phrase_findings`` is the whole check of a phrase rule.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Final

from jdlint.catalogue.ruledata import RuleMeta
from jdlint.checklib import jurisdiction as jur
from jdlint.checklib.lemma_index import candidate_blocks
from jdlint.checklib.phrase_context import STOPS, excused, matcher, sentences
from jdlint.core.model import Clause, Document, Finding, SectionKind, Severity
from jdlint.core.records import record
from jdlint.nlp.matcher import PhraseMatcher

if TYPE_CHECKING:
    from jdlint.ruleapi import RuleContext

__all__ = ["Hit", "PhraseSpec", "candidate_blocks", "find", "in_force", "phrase_findings",
           "report", "spec_of", "where"]

WINDOWS: Final = ("sentence", "clause", "document")

class _ByLang(Mapping[str, PhraseMatcher]):
    """A rule's phrase lists per language, each compiled on first use: a Russian document
    never pays for the Lithuanian matchers (profiled: the Lithuanian lemma table was loaded
    for every Russian file)."""

    __slots__ = ("_compiled", "_raw")

    def __init__(self, raw: Mapping[str, list[str]]) -> None:
        self._raw = raw
        self._compiled: dict[str, PhraseMatcher] = {}

    def __getitem__(self, lang: str) -> PhraseMatcher:
        found = self._compiled.get(lang)
        if found is None:
            found = self._compiled[lang] = matcher(self._raw[lang], lang)
        return found

    def get(self, lang: str, default: Any = None) -> Any:
        """``Mapping.get`` without its ``KeyError`` round trip (issue 19: ~15 calls a
        document and rule)."""
        found = self._compiled.get(lang)
        if found is None:
            if lang not in self._raw:
                return default
            found = self._compiled[lang] = matcher(self._raw[lang], lang)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)


def _per_lang(meta: RuleMeta, key: str, value: Any) -> Mapping[str, PhraseMatcher]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ValueError(f"{meta.code}: '{key}' must map a language (ru, lt) to phrases")
    for lang, phrases in value.items():
        if lang not in ("ru", "lt") or not isinstance(phrases, list) or not all(
                isinstance(p, str) and p.strip() for p in phrases):
            raise ValueError(f"{meta.code}: '{key}.{lang}' must be a list of phrases (ru, lt)")
    return _ByLang(dict(value))


@record(slots=True)
class PhraseSpec:
    """A phrase rule's data compiled into matchers (built once per rule file)."""

    code: str
    scope: tuple[SectionKind, ...]
    patterns: Mapping[str, PhraseMatcher]
    exceptions: Mapping[str, PhraseMatcher]
    contexts: Mapping[str, Mapping[str, PhraseMatcher]]
    requires: Mapping[str, PhraseMatcher]
    escalate: Mapping[str, PhraseMatcher]


def spec_of(ctx: RuleContext) -> PhraseSpec:
    """The compiled phrase data of the context's rule (once per rule, ``ctx.compiled``)."""
    return ctx.compiled("phrase-spec", lambda: _compile(ctx.meta))


def _compile(meta: RuleMeta) -> PhraseSpec:
    extra = meta.extra
    contexts_raw = extra.get("contexts") or {}
    if not isinstance(contexts_raw, Mapping) or set(contexts_raw) - set(WINDOWS):
        raise ValueError(f"{meta.code}: 'contexts' keys must be {', '.join(WINDOWS)}")
    return PhraseSpec(
        code=meta.code,
        scope=meta.scope,
        patterns=_per_lang(meta, "patterns", extra.get("patterns")),
        exceptions=_per_lang(meta, "exceptions", extra.get("exceptions")),
        contexts={w: _per_lang(meta, f"contexts.{w}", v) for w, v in contexts_raw.items()},
        requires=_per_lang(meta, "requires", extra.get("requires")),
        escalate=_per_lang(meta, "escalate", extra.get("escalate")),
    )


@record(slots=True)
class Hit:
    """One match kept after the context checks: block, offsets into ``Block.text``, the matched
    text and pattern, the sentence around it and its clause."""

    block: int
    start: int
    end: int
    text: str
    phrase: str
    sentence: str
    clause: Clause | None
    escalated: bool = False


def _blocks_in_scope(doc: Document, scope: Sequence[SectionKind]) -> list[int]:
    skip: set[int] = set(doc.noise)
    for span in (doc.approval, doc.acknowledgement):
        if span is not None:
            skip.update(span)
    n = len(doc.raw.blocks)
    # NOTE: one comprehension, no list of the wanted blocks first (issue 19)
    if scope:
        return [i for s in doc.sections if s.kind in scope for i in s.blocks
                if i < n and i not in skip]
    return [i for i in doc.span if i < n and i not in skip]


def _any(matchers: Mapping[str, PhraseMatcher], lang: str, texts: Sequence[str]) -> bool:
    m = matchers.get(lang)
    return m is not None and any(m.find(t) for t in texts)


@record(frozen=False)
class _Search:
    """One rule's search of one document: what ``find`` checks each match against."""

    doc: Document
    ctx: RuleContext
    spec: PhraseSpec
    lang: str
    negation: bool
    quotation: bool
    extra_neg: tuple[str, ...]
    doc_blocks: list[int] | None = None

    def block_hits(self, index: int, matcher: PhraseMatcher) -> Iterator[Hit]:
        """Matches in one block that no exception, negation, quotation or context excuses."""
        text = self.doc.raw.blocks[index].text
        matches = matcher.find(text)
        if not matches:
            return
        spans_of = sentences(text, self.lang)
        excepted = self.spec.exceptions.get(self.lang)
        spans = [(m.start, m.end) for m in excepted.find(text)] if excepted else []
        clause = self.ctx.clause_at(index)
        for m in matches:
            if any(s <= m.start < e or s < m.end <= e for s, e in spans):
                continue
            s0, e0 = next(((s, e) for s, e in spans_of if s <= m.start < e), (0, len(text)))
            sentence = text[s0:e0]
            if self._excused(sentence, m.start - s0, m.end - s0):
                continue
            # NOTE: a wrapped clause continues the sentence of its previous line (web copy).
            whole = sentence
            if s0 == 0:
                whole = _carried(self.doc.raw.blocks, clause, index, self.lang) + sentence
            if self._lawful_context(whole, clause, index):
                continue
            # NOTE: "…; toks darbas neapmokamas" ends the clause after a semicolon: escalation
            # looks at the whole clause.
            escalated = _any(self.spec.escalate, self.lang, self._clause_texts(clause, index))
            yield Hit(index, m.start, m.end, text[m.start:m.end], m.phrase, sentence, clause,
                      escalated)

    def _excused(self, sentence: str, start: int, end: int) -> bool:
        """A negation around the match or a quotation of the law holding it (``excused``)."""
        kept: dict[tuple[object, ...], bool] = self.ctx.compiled(("excused",), dict)
        return excused(sentence, start, end, self.lang, self.extra_neg, self.negation,
                       self.quotation, kept)

    def _lawful_context(self, whole: str, clause: Clause | None, index: int) -> bool:
        """A required phrase missing, or a lawful context in the sentence, clause or document."""
        spec, lang = self.spec, self.lang
        if spec.requires and not _any(spec.requires, lang, [whole]):
            return True
        windows = spec.contexts
        if _any(windows.get("sentence", {}), lang, [whole]):
            return True
        if "clause" in windows and _any(windows["clause"], lang,
                                        self._clause_texts(clause, index)):
            return True
        if "document" in windows:
            found = windows["document"].get(lang)
            if found is None:
                return False
            if self.doc_blocks is None:
                self.doc_blocks = _blocks_in_scope(self.doc, ())
            # NOTE: only the blocks holding every lemma of a phrase can match: the others are
            # not prepared for the matcher (issue 19: every block of the document was).
            keep = candidate_blocks(self.doc, self.ctx, found)
            blocks = self.doc.raw.blocks
            return any(found.find(blocks[i].text) for i in self.doc_blocks if i in keep)
        return False

    def _clause_texts(self, clause: Clause | None, index: int) -> list[str]:
        blocks = self.doc.raw.blocks
        return [blocks[i].text for i in (clause.blocks if clause else (index,))]


def find(doc: Document, ctx: RuleContext, spec: PhraseSpec | None = None, *,
         patterns: PhraseMatcher | None = None,
         scope: Sequence[SectionKind] | None = None) -> list[Hit]:
    """Matches of a rule's patterns in ``doc`` that survive the context checks, in order.

    ``patterns`` and ``scope`` override the rule's own (a Python check with several pattern
    groups); exceptions, contexts, requires and escalation always come from ``spec``.
    """
    spec = spec or spec_of(ctx)
    lang = doc.language
    if lang is None:
        return []
    matcher = patterns or spec.patterns.get(lang)
    if matcher is None:
        return []
    # NOTE: a block can only match where every lemma of one of the phrases occurs: the
    # blocks holding each lemma are indexed once per document for every rule, so a rule scans
    # only those (block by block, every rule scanned every block and found nothing in >99 %
    # of the calls; issue 19).
    candidates = candidate_blocks(doc, ctx, matcher)
    if not candidates:
        return []  # NOTE: most rules on most documents: the scope is not even listed
    data = ctx.data
    search = _Search(doc, ctx, spec, lang, negation=bool(data.get("negation", True)),
                     quotation=bool(data.get("quotation", True)),
                     extra_neg=tuple((ctx.phrases.get("negations") or {}).get(lang, ())))
    wanted = tuple(spec.scope if scope is None else scope)
    # NOTE: the phrase rules of one document ask for a handful of scopes: each listed once.
    # Keyed by the document too: its notes' pass shares the body's memo (``engine.lint``), and
    # both stay alive while the file is linted, so their ids differ.
    in_scope = ctx.memo(("blocks-in-scope", id(doc), wanted),
                        lambda: _blocks_in_scope(doc, wanted)) \
        if ctx.doc is doc else _blocks_in_scope(doc, wanted)
    hits = [hit for index in in_scope
            if index in candidates for hit in search.block_hits(index, matcher)]
    return _one_per_clause(hits) if data.get("per_clause", True) else hits


def _one_per_clause(hits: Sequence[Hit]) -> list[Hit]:
    """The first hit of each clause; an escalating later hit escalates it."""
    seen: set[object] = set()
    unique: list[Hit] = []
    for hit in hits:
        key: object = hit.clause.path if hit.clause else ("block", hit.block)
        if hit.clause is not None:
            key = (hit.clause.path, hit.clause.first_block)
        if key in seen:
            # NOTE: the clause keeps its first match, but an escalating sentence wins.
            if hit.escalated:
                unique = [replace(u, escalated=True) if _same(u, hit) else u for u in unique]
            continue
        seen.add(key)
        unique.append(hit)
    return unique


def _carried(blocks: Sequence[Any], clause: Clause | None, index: int, lang: str) -> str:
    """The unfinished last sentence of the clause's previous block ("" when it ended)."""
    at = clause.blocks.index(index) if clause and index in clause.blocks else 0
    text = blocks[clause.blocks[at - 1]].text.rstrip() if clause and at else ""
    ended = not text or text[-1] in STOPS
    return "" if ended else text[sentences(text, lang)[-1][0]:] + " "


def _same(a: Hit, b: Hit) -> bool:
    if a.clause is None or b.clause is None:
        return a.block == b.block
    return a.clause.path == b.clause.path and a.clause.first_block == b.clause.first_block


def where(doc: Document) -> dict[int, str]:
    """Block index → "п. 2.3"-style clause label, for messages that name places."""
    out: dict[int, str] = {}
    for clause in doc.clauses():
        for b in clause.blocks:
            out[b] = clause.path
    return out


def in_force(ctx: RuleContext, doc: Document) -> tuple[RuleContext | None, str]:
    """``(ctx for the document's jurisdiction, its description)``; ``(None, …)`` when the rule
    has no legal basis for that jurisdiction (it then does not judge the document)."""
    decided = jur.detect(doc, ctx)
    # NOTE: every phrase rule under "jurisdiction: auto" names the same places: the map of
    # clause labels is built once per document (the notes' pass has its own document).
    places = ctx.memo(("clause-places", id(doc)), lambda: where(doc)) if ctx.doc is doc \
        else where(doc)
    text = jur.describe(decided, ctx.lang, places)
    lang = doc.language or "ru"
    if decided.code == lang:
        return ctx, text
    # NOTE: a Russian text under Lithuanian law (or the reverse) is not judged by patterns
    # written for the other language's law; Belarus and Kazakhstan only by rules that cite
    # their law.
    if decided.code in ("ru", "lt") or not ctx.meta.legal_basis.get(decided.code):
        return None, text
    # NOTE: the engine attaches the legal basis of the document's language, which is wrong for
    # a document under another country's law
    return ctx.under_law(decided.code), text


def report(ctx: RuleContext, hit: Hit, *, severity: Severity | None = None,
           data: dict[str, object] | None = None, **fmt: Any) -> Finding:
    """``ctx.report`` at a hit: its block and offsets, the matched text centred."""
    source = ctx.doc.raw.blocks[hit.block].source
    # NOTE: ``replace(source, start=…, end=…)`` without its cost (``Source.moved``)
    at = source.moved(source.block, hit.start, hit.end)
    if severity is None and hit.escalated:
        severity = Severity.parse(str(ctx.data.get("escalate_severity", "error")))
    payload: dict[str, object] = {"phrase": hit.phrase, **(data or {})}
    return ctx.report(at, match=hit.text, severity=severity, data=payload, **fmt)


def phrase_findings(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """The whole check of a ``kind: phrase`` rule (``jdlint.checks.generic.phrase``)."""
    fmt: dict[str, Any] = {}
    data: dict[str, object] | None = None
    if ctx.data.get("jurisdiction") == "auto":
        sub, text = in_force(ctx, doc)
        if sub is None:
            return
        ctx = sub
        code = jur.detect(doc, ctx).code
        fmt["jurisdiction"] = text
        data = {"jurisdiction": code}
        # NOTE: "explain" holds the jurisdiction-specific part of the message, per country
        # and output language ({ru: {ru: …, lt: …, en: …}, lt: {…}}).
        explain = ctx.texts.get("explain") or {}
        if code in explain:
            fmt["explain"] = ctx.localized(explain[code])
    for hit in find(doc, ctx):
        yield report(ctx, hit, data=data, **fmt)

"""Generic data kinds: rules written in YAML only. ``kind: phrase`` lists lemma patterns.

A phrase rule (``rules/JDxxx.yaml``) carries, per language (``ru``, ``lt``):

``patterns``
    lemma patterns (``jdlint.nlp.matcher``): every inflection matches, ``*`` is a gap of up
    to two words ("лишение * премии"). A sentence that matches is a finding, unless:
``exceptions``
    patterns of lawful terms that contain a pattern ("административный штраф" for "штраф"):
    a match overlapping one of them is dropped;
``contexts``
    lawful contexts, keyed by window: ``sentence`` (the same sentence), ``clause`` (the same
    clause) or ``document`` (anywhere in the instruction): "в пределах своей трудовой
    функции", "договор о полной материальной ответственности";
``requires``
    optional patterns that must also be in the same sentence ("ущерб" for "гражданским
    законодательством"); a sentence wrapped from the clause's previous line counts whole;
``escalate``
    patterns that, in the same clause, raise the finding to ``options.escalate_severity``
    (default error): "без дополнительной оплаты", "в полном размере".

Built in, switched by options: a negation or prohibition before the match in the same
sentence ("работодатель не вправе применять штрафы", "draudžiama", "negali"; ``negation``,
extra cues in ``negations``) or a negated predicate after it ("штрафы не применяются",
"sutartys netaikomos"), a quotation of the law (the match inside quotation marks in a
sentence that cites an article or a code; ``quotation``). ``scope`` limits the rule to
section kinds; the approval and acknowledgement blocks and web noise are never searched. One
finding per clause (``per_clause``). With ``jurisdiction: auto`` the rule runs only on
instructions under the law of a country its ``legal_basis`` covers (see
``jdlint.checks.jurisdiction``) and the message gets ``{jurisdiction}``.

Python checks reuse this machinery through ``spec_of`` and ``find`` and add their own logic.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Final

from jdlint import nlp
from jdlint.checks import jurisdiction as jur
from jdlint.doctext import shared_nlp
from jdlint.model import Clause, Document, Finding, SectionKind, Severity
from jdlint.nlp.matcher import PhraseMatcher
from jdlint.registry import implements
from jdlint.ruledata import RuleMeta

if TYPE_CHECKING:
    from jdlint.engine import RuleContext

__all__ = ["Hit", "PhraseSpec", "find", "in_force", "phrase", "report", "spec_of", "where"]

WINDOWS: Final = ("sentence", "clause", "document")
_STOPS: Final = frozenset(".!?;…")

# NOTE: cues of a negation or prohibition that cancel a match after them in one sentence.
# They are lemma patterns like the rules' own. A bare "не" up to two words before the match
# also negates it ("не несет полной материальной ответственности").
NEGATIONS: Final[dict[str, tuple[str, ...]]] = {
    "ru": ("не вправе", "не иметь право", "не допускаться", "не допускать", "недопустимый",
           "запрещаться", "запрещать", "запрещено", "запрет", "не применяться", "не применять",
           "не мочь", "не подлежать", "не налагаться", "не устанавливаться", "не производиться",
           "не взыскиваться", "не нести", "исключаться", "не предусматривать"),
    "lt": ("draudžiama", "draudžiamas", "uždrausta", "negali", "negalima", "neturi teisės",
           "netaikoma", "netaikomos", "netaikomi", "netaikomas", "neleidžiama", "nenumato",
           "nenumatyta", "nėra"),
}
# NOTE: predicate negations after the match ("штрафы к работнику не применяются",
# "visiškos materialinės atsakomybės sutartys netaikomos").
NEGATIONS_AFTER: Final[dict[str, tuple[str, ...]]] = {
    "ru": ("не применяться", "не подлежать", "не допускаться", "не взыскиваться",
           "не производиться", "не устанавливаться", "не налагаться", "не удерживаться",
           "не возмещаться", "запрещаться", "запрещено", "недопустимый", "не допустимый"),
    "lt": ("netaikoma", "netaikomos", "netaikomi", "netaikomas", "draudžiama", "draudžiamos",
           "nebėra", "panaikinta", "panaikintos", "panaikinti", "negalioja", "neleidžiama",
           "neleidžiamos"),
}
_BARE_NEGATION: Final = {"ru": frozenset({"не", "ни"}), "lt": frozenset({"ne", "nei"})}
_QUOTES: Final = re.compile(r"«[^»]*»|“[^”]*”|„[^“”]*[“”]|\"[^\"]*\"")
_LAW: Final = re.compile(r"\b(ст\.|стать\w+|кодекс\w*|закон\w*|ТК\b|str\.|straipsn\w*|"
                         r"kodeks\w*|įstatym\w*)", re.IGNORECASE)


def _tokens(text: str, lang: str) -> tuple[nlp.Token, ...]:
    # NOTE: every rule tokenises the same blocks; lemmas are cached per word by the NLP layer,
    # the token tuples per text of the file being linted (``jdlint.doctext``), shared with the
    # other rules and dropped with the file (a process-wide cache grew each worker by ~40 MB).
    return shared_nlp().tokens(text, lang)


def _matcher(phrases: Sequence[str], lang: str) -> PhraseMatcher:
    return PhraseMatcher(phrases, lang, _tokens)


def _per_lang(meta: RuleMeta, key: str, value: Any) -> dict[str, PhraseMatcher]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ValueError(f"{meta.code}: '{key}' must map a language (ru, lt) to phrases")
    out: dict[str, PhraseMatcher] = {}
    for lang, phrases in value.items():
        if lang not in ("ru", "lt") or not isinstance(phrases, list) or not all(
                isinstance(p, str) and p.strip() for p in phrases):
            raise ValueError(f"{meta.code}: '{key}.{lang}' must be a list of phrases (ru, lt)")
        out[lang] = _matcher(phrases, lang)
    return out


@dataclass(frozen=True, slots=True)
class PhraseSpec:
    """A phrase rule's data compiled into matchers (built once per rule file)."""

    code: str
    scope: tuple[SectionKind, ...]
    patterns: Mapping[str, PhraseMatcher]
    exceptions: Mapping[str, PhraseMatcher]
    contexts: Mapping[str, Mapping[str, PhraseMatcher]]
    requires: Mapping[str, PhraseMatcher]
    escalate: Mapping[str, PhraseMatcher]


_SPECS: dict[tuple[str, str], PhraseSpec] = {}


def spec_of(meta: RuleMeta) -> PhraseSpec:
    """The compiled data of a rule (cached per rule file)."""
    key = (meta.code, str(meta.path))
    spec = _SPECS.get(key)
    if spec is None:
        extra = meta.extra
        contexts_raw = extra.get("contexts") or {}
        if not isinstance(contexts_raw, Mapping) or set(contexts_raw) - set(WINDOWS):
            raise ValueError(f"{meta.code}: 'contexts' keys must be {', '.join(WINDOWS)}")
        spec = PhraseSpec(
            code=meta.code,
            scope=meta.scope,
            patterns=_per_lang(meta, "patterns", extra.get("patterns")),
            exceptions=_per_lang(meta, "exceptions", extra.get("exceptions")),
            contexts={w: _per_lang(meta, f"contexts.{w}", v) for w, v in contexts_raw.items()},
            requires=_per_lang(meta, "requires", extra.get("requires")),
            escalate=_per_lang(meta, "escalate", extra.get("escalate")),
        )
        _SPECS[key] = spec
    return spec


@dataclass(frozen=True, slots=True)
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


def _sentences(text: str, lang: str) -> list[tuple[int, int]]:
    """Sentence spans of a block: split at . ! ? ; and line breaks (not inside "ст.")."""
    spans: list[tuple[int, int]] = []
    start = 0
    for tok in _tokens(text, lang):
        if not tok.is_word and tok.text in _STOPS:
            spans.append((start, tok.end))
            start = tok.end
    spans.append((start, len(text)))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        piece_start = s
        for line in text[s:e].split("\n"):
            out.append((piece_start, piece_start + len(line)))
            piece_start += len(line) + 1
    return [(s, e) for s, e in out if text[s:e].strip()]


def _negated(text: str, start: int, lang: str, extra: Sequence[str]) -> bool:
    before = text[:start]
    toks = [t for t in _tokens(before, lang) if t.is_word]
    if any(t.lower in _BARE_NEGATION.get(lang, ()) for t in toks[-3:]):
        return True
    cues = _negation_matcher(lang, tuple(extra))
    return bool(cues.find(before))


@lru_cache(maxsize=64)
def _negation_matcher(lang: str, extra: tuple[str, ...]) -> PhraseMatcher:
    return _matcher([*NEGATIONS.get(lang, ()), *extra], lang)


@lru_cache(maxsize=8)
def _after_matcher(lang: str) -> PhraseMatcher:
    return _matcher(NEGATIONS_AFTER.get(lang, ()), lang)


def _negated_after(text: str, end: int, lang: str) -> bool:
    return bool(_after_matcher(lang).find(text[end:]))


def _quoted_law(text: str, start: int, end: int) -> bool:
    for q in _QUOTES.finditer(text):
        if q.start() < start and end <= q.end():
            return bool(_LAW.search(text))
    return False


def _blocks_in_scope(doc: Document, scope: Sequence[SectionKind]) -> list[int]:
    skip: set[int] = set(doc.noise)
    for span in (doc.approval, doc.acknowledgement):
        if span is not None:
            skip.update(span)
    if scope:
        wanted = [i for s in doc.sections if s.kind in scope for i in s.blocks]
    else:
        wanted = list(doc.span)
    n = len(doc.raw.blocks)
    return [i for i in wanted if i < n and i not in skip]


def _any(matchers: Mapping[str, PhraseMatcher], lang: str, texts: Sequence[str]) -> bool:
    m = matchers.get(lang)
    return m is not None and any(m.find(t) for t in texts)


def find(doc: Document, ctx: RuleContext, spec: PhraseSpec | None = None, *,
         patterns: PhraseMatcher | None = None,
         scope: Sequence[SectionKind] | None = None) -> list[Hit]:
    """Matches of a rule's patterns in ``doc`` that survive the context checks, in order.

    ``patterns`` and ``scope`` override the rule's own (a Python check with several pattern
    groups); exceptions, contexts, requires and escalation always come from ``spec``.
    """
    spec = spec or spec_of(ctx.meta)
    lang = doc.language
    if lang is None:
        return []
    matcher = patterns or spec.patterns.get(lang)
    if matcher is None:
        return []
    options = ctx.options
    negation = bool(options.get("negation", True))
    quotation = bool(options.get("quotation", True))
    extra_neg = tuple((options.get("negations") or {}).get(lang, ()))
    blocks = doc.raw.blocks
    clause_of = ctx._clause_for  # the engine's own block → clause index
    doc_texts: list[str] | None = None
    hits: list[Hit] = []
    for index in _blocks_in_scope(doc, spec.scope if scope is None else scope):
        text = blocks[index].text
        matches = matcher.find(text)
        if not matches:
            continue
        sentences = _sentences(text, lang)
        excepted = spec.exceptions.get(lang)
        spans = [(m.start, m.end) for m in excepted.find(text)] if excepted else []
        clause = clause_of(index)
        for m in matches:
            if any(s <= m.start < e or s < m.end <= e for s, e in spans):
                continue
            s0, e0 = next(((s, e) for s, e in sentences if s <= m.start < e), (0, len(text)))
            sentence = text[s0:e0]
            rel = m.start - s0
            if negation and (_negated(sentence, rel, lang, extra_neg)
                             or _negated_after(sentence, m.end - s0, lang)):
                continue
            if quotation and _quoted_law(sentence, rel, m.end - s0):
                continue
            # NOTE: a wrapped clause continues the sentence of its previous line (web copy).
            whole = _carried(blocks, clause, index, lang) + sentence if s0 == 0 else sentence
            if spec.requires and not _any(spec.requires, lang, [whole]):
                continue
            windows = spec.contexts
            if _any(windows.get("sentence", {}), lang, [whole]):
                continue
            if "clause" in windows:
                texts = [blocks[i].text for i in (clause.blocks if clause else (index,))]
                if _any(windows["clause"], lang, texts):
                    continue
            if "document" in windows:
                doc_texts = doc_texts or [blocks[i].text for i in _blocks_in_scope(doc, ())]
                if _any(windows["document"], lang, doc_texts):
                    continue
            # NOTE: "…; toks darbas neapmokamas" ends the clause after a semicolon: escalation
            # looks at the whole clause.
            escalated = _any(spec.escalate, lang, [blocks[i].text for i in (
                clause.blocks if clause else (index,))])
            hits.append(Hit(index, m.start, m.end, text[m.start:m.end], m.phrase, sentence,
                            clause, escalated))
    if options.get("per_clause", True):
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
        hits = unique
    return hits


def _carried(blocks: Sequence[Any], clause: Clause | None, index: int, lang: str) -> str:
    """The unfinished last sentence of the clause's previous block ("" when it ended)."""
    at = clause.blocks.index(index) if clause and index in clause.blocks else 0
    text = blocks[clause.blocks[at - 1]].text.rstrip() if clause and at else ""
    ended = not text or text[-1] in _STOPS
    return "" if ended else text[_sentences(text, lang)[-1][0]:] + " "


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


def with_basis(ctx: RuleContext, code: str) -> RuleContext:
    """A context whose findings carry the legal basis of jurisdiction ``code`` (the engine
    attaches the basis of the document's language, which is wrong for a document under another
    country's law)."""
    meta = ctx.meta
    lang = ctx.doc.language or "ru"
    if code == lang:
        return ctx
    legal = dict(meta.legal_basis)
    legal[lang] = meta.legal_basis.get(code, ())
    from jdlint.engine import RuleContext as Ctx

    return Ctx(replace(meta, legal_basis=legal), ctx.doc, lang=ctx.lang, severity=ctx.severity,
               options=ctx.options, file_documents=ctx.file_documents, today=ctx.today,
               occurrences=ctx.occurrences, _clauses=ctx._clauses, _nlp=ctx._nlp)


def in_force(ctx: RuleContext, doc: Document) -> tuple[RuleContext | None, str]:
    """``(ctx for the document's jurisdiction, its description)``; ``(None, …)`` when the rule
    has no legal basis for that jurisdiction (it then does not judge the document)."""
    decided = jur.detect(doc)
    text = jur.describe(decided, ctx.lang, where(doc))
    lang = doc.language or "ru"
    if decided.code == lang:
        return ctx, text
    # NOTE: a Russian text under Lithuanian law (or the reverse) is not judged by patterns
    # written for the other language's law; Belarus and Kazakhstan only by rules that cite
    # their law.
    if decided.code in ("ru", "lt") or not ctx.meta.legal_basis.get(decided.code):
        return None, text
    return with_basis(ctx, decided.code), text


def report(ctx: RuleContext, hit: Hit, *, severity: Severity | None = None,
           data: dict[str, object] | None = None, **fmt: Any) -> Finding:
    """``ctx.report`` at a hit: its block and offsets, the matched text centred."""
    block = ctx.doc.raw.blocks[hit.block]
    at = replace(block.source, start=hit.start, end=hit.end)
    if severity is None and hit.escalated:
        severity = Severity.parse(str(ctx.options.get("escalate_severity", "error")))
    payload: dict[str, object] = {"phrase": hit.phrase, **(data or {})}
    return ctx.report(at, match=hit.text, severity=severity, data=payload, **fmt)


@implements("phrase")
def phrase(doc: Document, ctx: RuleContext) -> Iterator[Finding]:
    """The check of every ``kind: phrase`` rule."""
    fmt: dict[str, Any] = {}
    data: dict[str, object] | None = None
    if ctx.options.get("jurisdiction") == "auto":
        sub, text = in_force(ctx, doc)
        if sub is None:
            return
        ctx = sub
        code = jur.detect(doc).code
        fmt["jurisdiction"] = text
        data = {"jurisdiction": code}
        # NOTE: "explain" holds the jurisdiction-specific part of the message, per country
        # and output language ({ru: {ru: …, lt: …, en: …}, lt: {…}}).
        explain = ctx.options.get("explain") or {}
        if code in explain:
            fmt["explain"] = ctx.localized(explain[code])
    for hit in find(doc, ctx):
        yield report(ctx, hit, data=data, **fmt)

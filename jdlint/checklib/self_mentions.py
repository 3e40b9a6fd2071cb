"""The phrases that must name the position itself (JD107, ``checks.consistency``): the subject
of a clause ("X должен знать", "X yra pavaldus"), the owner of duties or rights ("права X",
"X teisės", "на должность X") and section headings.

This module owns finding them (``self_mentions``), the grammar of where such a phrase stands
(``subject_predicate``, ``is_owner``) and the batch-wide record of what each block text holds
(issue 19): a block's mentions depend on its text alone (given the language, the tokenizer
backend, the word lists and their stem filter), and a batch repeats its template clauses from
file to file, so each distinct text is read once per worker.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence

from jdlint import nlp
from jdlint.checklib.mentions import is_plural
from jdlint.checklib.phrases import (
    NounPhrase,
    Span,
    TitleWords,
    TokenText,
    build_phrase,
    ru_tags,
    spans_in,
    tokenize_text,
)
from jdlint.core.model import Document, Section
from jdlint.core.records import record
from jdlint.core.text import fold
from jdlint.nlp.doctext import number_head
from jdlint.nlp.resources import overrides
from jdlint.nlp.tokenize import Token

__all__ = ["Mention", "Record", "is_owner", "is_subject", "new_record", "record_key",
           "self_mentions", "subject_predicate"]

_STOPS = frozenset(".;:!?…")
_OPEN = frozenset("(«\"„“[")
_LT_NOMINATIVE = re.compile(r"(as|is|ys|us|ė|a)$")


@record(frozen=False, slots=True)
class Mention:
    block: int
    section: Section | None
    phrase: NounPhrase
    # NOTE: named only as the doer of an ordinary verb ("Товаровед принимает товар"), not with
    # a verb that only the instruction's own post takes ("относится к категории", "должен
    # знать", "имеет право", "на должность X"): weak evidence that the post is meant.
    weak: bool = False


# ---------------------------------------------------------------------------- batch record

# NOTE: bounded; an entry holds a text and the phrases found in it (strings, numbers,
# frozensets): never a document. ~480 bytes a text (measured on generated and real files), so
# ~1 MB at most per language (8,192 texts held ~4 MB and gained no speed: bench 19).
_TEXTS_HELD = 2048
_Found = tuple[tuple[NounPhrase, bool], ...]


class Record:
    """The block texts read and the mentions each holds, kept by the rule across documents
    (``RuleContext.compiled`` under ``record_key``), least recently read dropped first.

    Exact: a block's mentions are a function of its text, given what ``record_key`` names —
    the language, the tokenizer backend (the tokens of a text) and the lemmatizer's override
    table, the only part of the lemmatizer that can change in a process (reloaded by
    ``nlp.clear_caches``; pymorphy3's dictionaries and the Lithuanian table are loaded once).
    ``table`` holds that table, so its ``id`` in the key cannot be taken by another one. The
    word lists and stem filter come from the rule's data, which ``compiled`` is keyed by.
    """

    __slots__ = ("table", "texts")

    def __init__(self, table: object) -> None:
        self.table = table
        self.texts: OrderedDict[str, _Found] = OrderedDict()


def record_key(lang: str) -> Hashable:
    """The key of the rule's ``Record`` (see there)."""
    return ("self-mentions", lang, nlp.tokenizer(), id(overrides(lang)))


def new_record(lang: str) -> Record:
    """An empty ``Record`` for ``record_key(lang)``."""
    return Record(overrides(lang))


# ---------------------------------------------------------------------------- mentions

def self_mentions(blocks: Sequence[tuple[int, Section]], doc: Document,
                  lemmas: Callable[[str, str], tuple[str, ...]], words: TitleWords, lang: str,
                  heads: re.Pattern[str], seen: Record | None = None) -> list[Mention]:
    """Phrases that must name the position itself (subjects, owners of duties, headings);
    ``lemmas`` is the file's shared ``RuleContext.nlp.lemmas``, ``seen`` the texts read before
    (the rule's ``Record``; without it every block is read)."""
    out: list[Mention] = []
    anchors = words.predicates | words.owners
    texts = OrderedDict() if seen is None else seen.texts
    raw = doc.raw.blocks
    for index, section in blocks:
        text = raw[index].text
        # NOTE: a TXT block keeps its typed number ("2.1. Вести учёт"): its clause is read and
        # kept without it (``_moved``), as the clause recurs across a batch and the number not.
        head = number_head(text)
        key = text[head:] if head else text
        # NOTE: a batch repeats its template clauses (issue 19): a text read before is not
        # read again, not even for its lemmas.
        found = texts.get(key)
        if found is None:
            found = texts[key] = _block_mentions(key, lemmas(key, lang), anchors, words,
                                                 lang, heads)
            while len(texts) > _TEXTS_HELD:
                texts.popitem(last=False)
        else:
            texts.move_to_end(key)
        if head and found:
            found = _moved(found, len(nlp.tokens(text[:head], lang)))
        for phrase, weak in found:
            out.append(Mention(index, section, phrase, weak))
    return out


def _moved(found: _Found, by: int) -> _Found:
    """The mentions of a numbered text, from its tail's (``found``) and the number's token
    count ``by`` (issue 19). Exact when ``number_head`` cut the number: the text's tokens are
    the number's (none a word) then the tail's, so its word lemmas are the tail's (the
    ``anchors`` and ``heads`` bounds test the same set), and the ``heads`` stem filter, a
    bound over the words' places, passes for the text whenever it finds a word in the tail;
    every phrase lies on words, so in the tail (the surface is the same string); a phrase
    never reaches back over a non-word (``phrase_span`` stops there as at the text's start),
    ``is_owner`` needs a word before the phrase and skips non-words when looking further
    back, and ``subject_predicate`` and ``weak`` read what follows the phrase (the text ends
    as the tail does). Only the token indices move."""
    return tuple([(NounPhrase(ph.start + by, ph.end + by, ph.head + by, ph.surface,
                              ph.head_lemma, ph.lemmas, ph.quals, ph.keys), weak)
                  for ph, weak in found])


def _block_mentions(text: str, found: tuple[str, ...], anchors: frozenset[str],
                    words: TitleWords, lang: str, heads: re.Pattern[str]) -> _Found:
    """The mentions of one block text whose word lemmas are ``found``, in order: phrase, weak."""
    # NOTE: exact bounds (issue 19): a mention is followed by a predicate ("X должен") or
    # stands by an owner noun ("права X", "X pareigos"), so a block with neither among its
    # word lemmas has none (two blocks in three); ``spans_in`` places a phrase only at a word
    # whose lemma is a head or that has a hyphen, and such a word starts with a head's stem
    # (``heads``, a regex over the folded text). Every test must pass: their order is free.
    if (anchors.isdisjoint(found) or (words.heads.isdisjoint(found) and "-" not in text)
            or not heads.search(fold(text))):
        return ()
    t = tokenize_text(text, lang)
    out: list[tuple[NounPhrase, bool]] = []
    plural: dict[str, bool] = {}
    seen: set[int] = set()
    # NOTE: a phrase is tested by where it lies and built only when it is kept (issue 19:
    # two phrases in three are neither subject nor owner); the generic head's qualifiers are
    # tested after the place, as every test here is pure (their order is free).
    for span in spans_in(t, words, lang):
        verb = subject_predicate(t, span, words, lang)
        if verb is None and not is_owner(t, span, words, lang):
            continue
        ph = None
        if t.tokens[span.head].lemma in words.generic:
            ph = build_phrase(t, span, lang, words)
            if not ph.quals:
                continue
        # NOTE: after the cheap tests above: ``is_plural`` is a pymorphy3 parse.
        if _plural(t.tokens[span.head], lang, plural):
            continue  # "Продавцы по графику …": a group of colleagues, not the post
        if span.start not in seen:
            seen.add(span.start)
            if ph is None:
                ph = build_phrase(t, span, lang, words)
            # NOTE: a lead-in of a list ("X atlieka šias pareigas:", "X выполняет
            # следующие обязанности:") introduces the post's own duties.
            weak = (verb is not None and bool(words.strong) and verb not in words.strong
                    and not text.rstrip().endswith(":"))
            out.append((ph, weak))
    return tuple(out)


def _plural(tok: Token, lang: str, known: dict[str, bool]) -> bool:
    """``is_plural``, once per written form of the block (``known``): it reads only the
    token's text (and its lower case, which is the text's); each answer is a pymorphy3 parse,
    which ``mentions`` also keeps per folded form."""
    found = known.get(tok.text)
    if found is None:
        found = known[tok.text] = is_plural(tok, lang)
    return found


def is_subject(t: TokenText, ph: NounPhrase, words: TitleWords, lang: str = "ru") -> bool:
    """The phrase is followed by a predicate that makes it the clause's subject."""
    return subject_predicate(t, ph, words, lang) is not None


def subject_predicate(t: TokenText, ph: Span | NounPhrase, words: TitleWords,
                      lang: str = "ru") -> str | None:
    """The lemma of the predicate that makes the phrase the clause's subject, if any."""
    toks = t.tokens
    if lang == "lt" and not _LT_NOMINATIVE.search(toks[ph.head].lower):
        return None  # "darbo sandėlininkui skiriama": a dative is no subject
    i = ph.end
    skipped = 0
    while i < len(toks) and skipped <= 3:
        tok = toks[i]
        if tok.is_word:
            if tok.lemma in words.predicates:
                return tok.lemma
            if tok.lemma not in words.fillers:
                return None
            skipped += 1
        elif tok.text in _STOPS or tok.text in _OPEN or tok.text == ",":
            # NOTE: "Инженер отдела (далее ОМА) относится": a bracket may sit in between.
            if tok.text != "(":
                return None
            close = next((k for k in range(i, len(toks)) if toks[k].text == ")"), None)
            if close is None:
                return None
            i = close
        i += 1
    return None


def is_owner(t: TokenText, ph: Span | NounPhrase, words: TitleWords, lang: str) -> bool:
    """"обязанности X", "на должность X" (ru) / "X pareigos", "X darbo pareigos" (lt)."""
    toks = t.tokens
    if lang == "ru":
        k = ph.start - 1
        if k < 0 or not toks[k].is_word or toks[k].lemma not in words.owners:
            return False
        if toks[k].lemma == "должность":
            return k >= 1 and toks[k - 1].lower == "на"
        # NOTE: "координирует деятельность помощника", "осуществляет функции врача": the
        # object of the employee's own verb is a colleague, not the position.
        prev = next((toks[j] for j in range(k - 1, -1, -1) if toks[j].is_word), None)
        return prev is None or ru_tags(fold(prev.text))[0] not in ("VERB", "INFN", "GRND")
    for k in (ph.end, ph.end + 1):
        if k < len(toks) and toks[k].is_word and toks[k].lemma in words.owners:
            return k == ph.end or toks[ph.end].is_word
    return False

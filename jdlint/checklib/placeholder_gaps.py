"""JD106 helpers: template gaps that are not a prompt word but a hole in a sentence.

Owned here (``placeholders.py`` calls these and reports the findings):

* **unfinished sentences**: a sentence that stops right after a word that needs a complement —
  "подчиняется непосредственно .", "по представлению ____", "разработана в соответствии с",
  "yra tiesiogiai pavaldus ______". The words are phrase lists (``phrases`` of
  ``rules/JD106.yaml``): ``dangling`` words (prepositions, conjunctions) never end a sentence;
  ``governors`` need a complement; ``weak`` governors ("приказом") count only before an
  explicit blank ("____" or a detached " .").
* **unresolved alternatives**: a bracket holding choices separated by ";" of which one was
  meant to be kept — "(высшее; среднее)", "(директору; иному должностному лицу)". A bracket
  with semicolons is also an ordinary enumeration ("(отпуск; болезнь)"), so several signals are
  scored together: template markers ("иное должностное лицо", "др.", an empty last choice), the
  word before the bracket (a governing or qualification word), short parallel choices, a
  bracket broken by the template's blank marks, and the approval block.

Both work on *units* (``placeholder_units``, re-exported here): the joined text of a clause, or
a run of unnumbered blocks, because the blanks of a form often sit in paragraphs (or table
cells) of their own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any, NamedTuple

from jdlint.checklib.placeholder_units import Unit, date_blocks, is_date_path, units
from jdlint.core.records import record

__all__ = ["Gap", "Unit", "WordLists", "alternatives", "date_blocks", "is_date_path",
           "unfinished", "unfinished_known", "units", "word_lists"]

# NOTE: a blank typed into the form: underscores, or a dot detached from the last word by a
# space (the template's deleted field keeps only its closing "."), or nothing at all.
_MARK = re.compile(r"_{2,}[\s._]*|\s+\.(?=\s|$)")
_WORD = re.compile(r"[\w-]+$")
_SENTENCE_START = re.compile(r"(?:^|[.!?;:]\s+|\s\.\s*)(?=[^\s.])")
_FULL_STOP = re.compile(r"(?:^|[.!?]\s+)(?=[^\s.])")
_BRACKET = re.compile(r"[()\[\]]")
_DATE_FIELD = re.compile(r"\d{1,2}\.\d{1,2}\.\d{2,4}|№\s*_*$")
_LOOK_BACK = 256  # characters before a stop where its last word is looked for
_REGISTRATION = re.compile(r"\d{1,2}\.\d{1,2}\.\d{2,4}(?:\s*г\.)?(?:\s*№\s*[\d_]+)?")
_LEGAL = re.compile(r"№|\bст\.\s*\d|\bстать[яи]\b|\bФЗ\b|\bГОСТ\b|\bstr\.\s*\d|\bp\.\s*\d")


@record(slots=True)
class Gap:
    """One gap found in a unit: its block, the text to point at there, and its kind."""

    block: int
    match: str
    kind: str  # "unfinished" | "alternatives"
    shown: str


def _words(lists: Mapping[str, Any], key: str, lang: str) -> frozenset[str]:
    table = lists.get(key) or {}
    return _folded(tuple(table.get(lang, ())))


# NOTE: ``unfinished`` runs for every unit of a document with the rule's same word lists;
# folding them once per list instead of once per unit was ~1.5 % of a document's CPU.
@lru_cache(maxsize=256)
def _folded(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w.casefold() for w in words)


class WordLists(NamedTuple):
    """The folded ``dangling``, ``governors`` and ``weak`` words of one language."""

    dangling: frozenset[str]
    governors: frozenset[str]
    weak: frozenset[str]


def word_lists(phrases: Mapping[str, Any], lang: str) -> WordLists:
    """The word lists ``unfinished`` tests, looked up once per document (issue 19)."""
    return WordLists(_words(phrases, "dangling", lang), _words(phrases, "governors", lang),
                     _words(phrases, "weak", lang))


_WORD_CHAR = re.compile(r"[\w-]")
_LAST_WORD = re.compile(r"(?<![\w-])[\w-]+$")
_LAST_WINDOW = 16  # NOTE: longer than ~99 % of the last words of units


def _last_word(text: str) -> re.Match[str] | None:
    r"""``_WORD.search(text)``: the word (run of ``[\w-]``) the text ends with (before a final
    line break, as ``$`` allows); ``_WORD.search`` tried every start position and ran each to
    the end of its word (issue 19). ``_LAST_WORD``'s look-behind fails at once inside a word,
    and it looks at the last ``_LAST_WINDOW`` characters only (the look-behind still sees the
    one before them); a longer word is walked back from its end."""
    found = _LAST_WORD.search(text, max(0, len(text) - _LAST_WINDOW))
    if found is not None:
        return found
    end = len(text) - 1 if text.endswith("\n") else len(text)
    start = end
    while start > 0 and _WORD_CHAR.match(text, start - 1):
        start -= 1
    if start == end:
        return None
    return _WORD.match(text, start)


def _sentence_start(text: str, end: int, pattern: re.Pattern[str] = _SENTENCE_START) -> int:
    start = 0
    for found in pattern.finditer(text):
        if found.end() > end:
            break
        start = found.end()
    return start


def _may_mark(text: str) -> bool:
    """False when ``_MARK`` cannot match: it needs "__" or a blank (``str.isspace``, which is
    the regex's whitespace) before a "."; only the dots are visited (issue 19)."""
    if "__" in text:
        return True
    at = text.find(".", 1)
    while at > 0 and not text[at - 1].isspace():
        at = text.find(".", at + 1)
    return at > 0


def unfinished(unit: Unit, phrases: Mapping[str, Any], lang: str,
               follows: str | None, lists: WordLists | None = None) -> Gap | None:
    """The first sentence of ``unit`` that breaks off after a word needing a complement.

    ``follows`` is the text of the next unit (None at the end of the instruction): a unit that
    ends without a mark is unfinished only if what follows is not its continuation. ``lists``:
    ``word_lists(phrases, lang)``, when the caller has it.
    """
    dangling, governors, weak = word_lists(phrases, lang) if lists is None else lists
    text = unit.text
    tail = text.rstrip(" .,;:…")
    if unit.breaks or _may_mark(text):
        stops = [(m.start(), True) for m in _MARK.finditer(text)]
        stops.extend((b, False) for b in unit.breaks)
        stops.append((len(tail), False))
        stops.sort()
    else:
        stops = [(len(tail), False)]  # NOTE: most units: only their end (issue 19)
    # NOTE: only the last word before a stop matters: looking at the few characters before
    # it (not all the text) keeps a unit of thousands of stops (notes, a long run) linear.
    for stop, marked in stops:
        low = max(0, stop - _LOOK_BACK)
        before = text[low:stop].rstrip(" ,;:")
        found = _last_word(before)
        if found is None:
            continue
        # NOTE: the word lists decide first: most stops end on another word (issue 19)
        lemma = found.group(0).casefold()
        strong = lemma in dangling or lemma in governors
        if not (strong or (marked and lemma in weak)):
            continue
        w_start, w_end = low + found.start(), low + found.end()
        if w_start > 0 and text[w_start - 1] in "./":
            continue  # NOTE: the last letter of an abbreviation, "Ф.И.О.", is not a word
        if text[w_end:w_end + _LOOK_BACK].lstrip().startswith(":"):
            continue  # NOTE: "контроль за:" introduces a list, it does not break off
        if _DATE_FIELD.search(before[-12:]):
            continue
        at_end = stop >= len(text.rstrip(" .,;:…_"))
        if not marked and not at_end and stop not in unit.breaks:
            continue
        if at_end and not marked and not unit.clause and lemma in dangling:
            # NOTE: a hard-wrapped web line may end in a preposition; only a clear break
            # (nothing after, a detached mark, a non-letter or an upper-case new line) ends it.
            if follows is not None and follows[:1].islower():
                continue
        if at_end and follows is not None and follows[:1].islower() and not marked:
            continue
        start = _sentence_start(text, w_start)
        if len(text[start:w_end].split()) < 2:
            continue  # NOTE: a lone "С" at the end of a cut web excerpt says nothing
        block, piece = unit.piece(start, w_end, w_start)
        return Gap(block, piece, "unfinished", text[start:w_end].strip())
    return None


# NOTE: what ``unfinished`` reads of a unit and of the next one: a unit whose text recurs
# (the clauses of one template, across a batch) with the same breaks, kind and next unit's
# first letter gives the same answer; only "nothing found" is kept, so no block index of
# another document is ever returned. Bounded per word lists.
_WHOLE_LIMIT = 8192
_WHOLE_TEXT = 2000  # NOTE: longer units (long unnumbered runs) are read each time


@lru_cache(maxsize=8)
def _whole(lists: WordLists) -> set[tuple[str, tuple[int, ...], bool, int]]:
    """(text, breaks, clause, what follows) of the units known to hold no unfinished sentence
    under these word lists."""
    return set()


# NOTE: a typed decimal clause number ("2.1. ", "3.4.1. ") before a letter (a TXT unit keeps it)
_HEAD = re.compile(r"(?:[0-9]+\.)+[ \t]+(?=[^\W\d_])")


def _key(unit: Unit, follows: str | None) -> tuple[str, tuple[int, ...], bool, int]:
    """What ``unfinished`` reads of a unit and of the next one (see ``_whole``), a typed
    decimal number left out (issue 19: the clause recurs across a TXT batch, its number does
    not), so that ``_whole`` holds it once.

    Exact: ``unfinished`` finds nothing in H + T (H the number, ``_HEAD``: digit groups each
    closed by ".", then spaces; T starting with a letter; no break inside H) exactly when it
    finds nothing in T with the breaks moved back: T's letter keeps the end stripping,
    ``_may_mark`` and ``_MARK`` inside T (H has no "_" and no blank before a "."); a stop's
    last word cannot reach into H (a space before T), and with nothing but H before it
    (``rstrip`` leaves "…." ) there is no word, as in T; the character before T's first word
    is H's blank, never "." or "/"; ``_DATE_FIELD`` finds nothing in H (tested: "1.2.33. "
    keeps its whole text) and no date or "№" straddles a letter; ``_sentence_start`` finds in
    H the starts 0 and len(H) only (H's last "." then its blank, before a letter), so a
    sentence never starts inside H where it starts at 0 in T; what follows a stop is T's."""
    text = unit.text
    kind = 0 if follows is None else 1 if follows[:1].islower() else 2
    head = _HEAD.match(text) if text[:1].isdigit() else None
    if head is not None:
        cut = head.end()
        if (not unit.breaks or min(unit.breaks) > cut) and not _DATE_FIELD.search(text, 0, cut):
            return text[cut:], tuple([b - cut for b in unit.breaks]), unit.clause, kind
    return text, unit.breaks, unit.clause, kind


def unfinished_known(unit: Unit, phrases: Mapping[str, Any], lang: str, follows: str | None,
                     lists: WordLists) -> Gap | None:
    """``unfinished(unit, phrases, lang, follows, lists)``, without reading again a unit read
    before with nothing found (issue 19: ~55 % of a batch's units recur)."""
    seen = _whole(lists)
    key = _key(unit, follows)
    if key in seen:
        return None
    gap = unfinished(unit, phrases, lang, follows, lists)
    if gap is None and len(unit.text) <= _WHOLE_TEXT:
        if len(seen) >= _WHOLE_LIMIT:
            seen.clear()
        seen.add(key)
    return gap


def _bracket_spans(text: str) -> list[tuple[int, int]]:
    """Outermost bracketed spans; an unclosed "(" runs to the end, a stray ")" from the start
    of its sentence (the form's brackets are often split across cells)."""
    spans: list[tuple[int, int]] = []
    depth = 0
    open_at = 0
    # NOTE: only the brackets are visited, found by one C scan; a loop over every character
    # of every unit was ~6 % of JD106 (issue 19).
    for found in _BRACKET.finditer(text):
        i = found.start()
        ch = text[i]
        if ch in "([":
            if depth == 0:
                open_at = i
            depth += 1
        elif ch in ")]":
            if depth == 0:
                # NOTE: the choices themselves are split by ";", so only a full stop
                # bounds the sentence here.
                spans.append((_sentence_start(text, i, _FULL_STOP), i + 1))
            else:
                depth -= 1
                if depth == 0:
                    spans.append((open_at, i + 1))
    if depth > 0:
        spans.append((open_at, len(text)))
    return spans


def alternatives(unit: Unit, data: Mapping[str, Any], lang: str,
                 approval: range | None) -> Gap | None:
    """The first bracket of ``unit`` that offers template choices separated by ";"."""
    text = unit.text
    if not ("(" in text or ")" in text or "[" in text or "]" in text):
        return None  # NOTE: no bracket, no choice (most units; four memchr, issue 19)
    table = data.get("alternatives") or {}
    markers = [m.casefold() for m in (table.get("markers") or {}).get(lang, ())]
    context = _words(table, "context", lang)
    threshold = int(table.get("threshold", 2))
    for start, end in _bracket_spans(text):
        inner = text[start:end].strip("()[] ")
        unclosed = end == len(text) and text[start] in "(["
        blank = re.search(r"\s\.(?:\s|$)", text[start:end]) is not None
        before = _last_word(text[:start].rstrip(" ,:"))
        lead = before.group(0).casefold() if before is not None else ""
        if ";" not in inner:
            # NOTE: a bracket of the form never closed and broken by a blank mark right after
            # a governing word ("подчиняется непосредственно (управляющему …  .") is the same
            # unresolved choice with its separators lost.
            if unclosed and blank and lead in context and len(inner) <= 400:
                block, piece = unit.piece(start, end, start)
                shown = re.sub(r"\s+", " ", text[start:end]).strip()
                return Gap(block, piece, "alternatives", shown[:220])
            continue
        # NOTE: a registration field of the approval block ("00.00.00 № 00") laid out inside
        # the approver's prompt is not a citation of law.
        if len(inner) > 400 or _LEGAL.search(_REGISTRATION.sub(" ", inner)):
            continue
        choices = [c.strip(" .,_") for c in inner.split(";")]
        filled = [c for c in choices if c]
        if len(filled) < 1 or len(choices) < 2:
            continue
        folded = inner.casefold()
        score = 0
        if any(m in folded for m in markers):
            score += 2
        # NOTE: an empty last choice "(…; )" counts only in a closed bracket: an unclosed one
        # simply runs to the ";" that ends the clause.
        if (not choices[-1] and not unclosed) or choices[-1].casefold() in (
                "др", "и др", "прочее", "kt", "kita"):
            score += 2
        if lead in context:
            score += 1
        if len(filled) >= 2 and all(len(c.split()) <= 6 for c in filled):
            score += 1
        # NOTE: periods or amounts to choose from: "(1 года; 3 лет)", "(2 metų; 5 metų)".
        if len(filled) >= 2 and all(any(ch.isdigit() for ch in c) for c in filled):
            score += 1
        if blank or unclosed or text[start] not in "([":
            score += 1
        block, piece = unit.piece(start, end, start)
        if approval is not None and block in approval:
            score += 1
        if score < threshold:
            continue
        shown = re.sub(r"\s+", " ", text[start:end]).strip()
        return Gap(block, piece, "alternatives", shown[:220])
    return None

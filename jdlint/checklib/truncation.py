"""Web copies cut short: whether the file stops inside the instruction (``cut_short``) and
whether a block is the file's last text (``at_text_end``).

JD101 does not report sections that a cut copy never reached, and JD106 does not report the
broken-off last line as a blank: what would follow cannot be judged.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from jdlint.core.model import Block, Document
from jdlint.nlp import fragment
from jdlint.structure.langdata import find, stems
from jdlint.structure.langdata import load as load_lang

__all__ = ["FINISHED", "at_text_end", "cut_short"]

# NOTE: how a finished text ends: a sentence mark, a closing quote or bracket, or a colon
# before a list that never came (still a finished line of the author's).
FINISHED = re.compile(r"[.!?;:…»\"”)\]>*_-]\s*$")
_BARE_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2}){1,3}\.?$")


def cut_short(doc: Document) -> bool:
    """The file stops inside this instruction: its last text is the file's last text and it
    breaks off mid-sentence ("… не менее [", "… обслуживать гостей"). A web copy saved from
    the first page, or cut by the page that published it; what would follow cannot be judged."""
    blocks = doc.raw.blocks
    texts = [b for b in blocks if b.text.strip()]
    if not texts:
        return False
    last = texts[-1]
    # NOTE: the broken-off last line may be set aside as noise (an orphan fragment after the
    # body): a line or two after the instruction's end still counts as its end, and the
    # instruction's own last line may be the one broken off (a page cut mid-word, then the
    # start of the next copy of the title).
    after = [b for b in texts if b.index >= doc.span.stop]
    if last.index < doc.span.start or len(after) > 2:
        return False
    lang = doc.language or "ru"
    ld = load_lang(lang)
    if len(texts) > 1 and _opens_title(last.text, ld.title):
        # NOTE: a file that ends on the first words of a title ("Должностная инструкция
        # старше…") ends where the next copy began: the line before it is where it broke off
        return True
    inside = [b for b in texts if doc.span.start <= b.index < doc.span.stop]
    if _broken_off(texts[-2:], lang, loose=True) or _against_habit(doc, last.index):
        return True
    # NOTE: the instruction's own last line, with a line or two set aside after it, counts
    # only on the strong signs: an unfinished list item is common inside a text
    return bool(after and inside) and _broken_off(inside[-2:], lang, loose=False)


def _against_habit(doc: Document, index: int) -> bool:
    """The file ends in a numbered clause of one word without a final mark, in a text whose
    numbered clauses are sentences that end with one ("1.1. … .", "1.2. … .", "1.3. Кассир"):
    the author's own habit says the last one was not finished. Signature lines are not
    numbered clauses."""
    numbered = [c for c in doc.clauses() if c.number]
    if len(numbered) < 3 or numbered[-1].blocks[-1] != index:
        return False
    *before, last = [c.text.strip() for c in numbered]
    # NOTE: the last item of a list often lacks its full stop ("2.2. Выдаёт номерки"); only
    # a one-word stub in a text of whole sentences reads as broken off
    if len(last.split()) != 1 or FINISHED.search(last):
        return False
    done = sum(1 for t in before if FINISHED.search(t))
    sentences = sum(1 for t in before if len(t.split()) >= 5)
    return done >= 2 and done >= 0.8 * len(before) and sentences >= 0.5 * len(before)


def at_text_end(doc: Document, index: int) -> bool:
    """True when no text follows block ``index`` in the file but, at most, a title begun and
    broken off (the next copy of the instruction, cut by the page)."""
    rest = [b for b in doc.raw.blocks[index + 1:] if b.text.strip()]
    if not rest:
        return True
    return len(rest) == 1 and _opens_title(rest[0].text, load_lang(doc.language or "ru").title)


def _opens_title(text: str, titles: Sequence[tuple[str, ...]]) -> bool:
    """A short unfinished line that opens with the document type's name (a title begun)."""
    line = text.strip()
    if FINISHED.search(line) or len(line.split()) > 6:
        return False
    seq = stems(line)
    return any(find(p, seq) == 0 for p in titles)


def _broken_off(pair: Sequence[Block], lang: str, *, loose: bool) -> bool:
    """Whether the last of these lines (joined to the one before when it continues it) reads as
    broken off rather than as a finished line of the author's."""
    text = pair[-1].text.strip()
    if _BARE_NUMBER.match(text):
        return True  # the file's last item is a number whose text never came
    if FINISHED.search(text):
        return False
    # NOTE: a missing full stop alone proves nothing (list items often have none: "4. Знание
    # Excel"); the line must also read as broken off: an open bracket or a function word at
    # the end ("… не менее [", "… основы мерчендайзинга, в"), or a long line, or a sentence of
    # several words stopping on a lower-case word ("… в порядке, установле"), or a last word
    # that is no word but the start of one, cut in the middle ("… без опозданий в назначенн").
    if len(pair) > 1 and text[:1].islower() and not FINISHED.search(pair[-2].text.strip()):
        text = f"{pair[-2].text.strip()} {text}"  # the broken-off line continues the one before
    words = text.split()
    function_words = load_lang(lang).function_words
    if text.endswith(("[", "(", "«", "„")) or words[-1].casefold() in function_words:
        return True
    if loose and (len(text) >= 60 or (len(words) >= 5 and words[-1][:1].islower())):
        return True
    tail = words[-1]
    return (len(words) >= 2 and tail.isalpha() and tail[:1].islower()
            and fragment(tail, lang))

"""Evidence that a text is, or is not, a job description, beyond the numbered body that
``split`` looks for.

``split.find_instructions`` finds instructions by their numbered structure. Real pages often
have none: a school page with a heading and a bulleted list of functions, an informal list of
"your duties", a web copy cut after its first clauses, a "типовая инструкция" written as three
long paragraphs. Calling such a text "not a job description" (JD002) switches every other
check off, so that conclusion needs strong evidence. This module weighs several signals
together (a title naming the document type, an approval stamp, section headings, a list of
items under them; against them: a vacancy, long article prose) and, the other way, recognises
a numbered text that is another document (internal labour rules, a contract) or an article
with a byline. The phrases live in ``rules/JD002.yaml`` (``options.evidence``).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jdlint.catalogue.ruledata import load_rule, rules_dir
from jdlint.core.deferred import Deferred
from jdlint.core.model import SectionKind
from jdlint.core.records import record
from jdlint.structure.langdata import LangData, Phrase, find, stems
from jdlint.structure.line import Line
from jdlint.structure.lines import looks_like_noise, mentions

# A rescued text must score at least this much (see ``instruction_score``).
_THRESHOLD = 4
# The first sentence of a paragraph that names a section ("Должностные обязанности X. …").
# NOTE: compiled on first use: asked only of a document without headings (issue 19)
_FIRST_SENTENCE = Deferred(r"^(.{8,110}?[^\s.])\.\s+(?=[A-ZА-ЯЁĄČĘĖĮŠŲŪŽ])")
_ITEM_ROLES = ("clause", "sub", "bullet")


@record(slots=True)
class Evidence:
    """Compiled evidence phrases of one language."""

    other_documents: tuple[Phrase, ...]
    byline: tuple[Phrase, ...]
    vacancy_titles: tuple[Phrase, ...]
    duty_headings: tuple[Phrase, ...]
    list_headings: tuple[Phrase, ...]


def _phrases(items: Any) -> tuple[Phrase, ...]:
    return tuple(tuple(stems(str(item))) for item in items or ())


@cache
def load_evidence(lang: str) -> Evidence:
    """The evidence phrases of ``lang`` from ``rules/JD002.yaml`` (cached per process)."""
    options = load_rule(rules_dir() / "JD002.yaml").data
    data = (options.get("evidence") or {}).get(lang) or {}
    return Evidence(*(_phrases(data.get(key)) for key in (
        "other_documents", "byline", "vacancy_titles", "duty_headings", "list_headings")))


def _texts(lines: list[Line]) -> list[Line]:
    return [ln for ln in lines if ln.body.strip()]


def _starts(phrases: tuple[Phrase, ...], text: str) -> bool:
    seq = stems(text)
    return any(find(p, seq) == 0 for p in phrases)


def other_kind(lines: list[Line], ld: LangData, ev: Evidence) -> str | None:
    """A classification other than "instruction" that the top of the text proves, or None.

    Only the first lines count, and a text that names a job description anywhere near its
    top is never vetoed: a web copy's menu may well list "Трудовой договор".
    """
    top = _texts(lines)[:10]
    if any(ln.role == "title" or mentions(ln, ld.title) for ln in top):
        return None
    for ln in top[:3]:
        if len(ln.body) <= 100 and _names(ev.other_documents, ln.body):
            return "other_document"
    for ln in top[:4]:
        if len(ln.body) <= 60 and _starts(ev.byline, ln.body):
            return "article"
    return None


def _names(phrases: tuple[Phrase, ...], text: str) -> bool:
    """A heading naming a document: the name opens it ("Правила …") or, as Lithuanian puts
    it, closes it after the employer's name ("UAB „…“ darbo tvarkos taisyklės")."""
    seq = stems(text)
    for phrase in phrases:
        pos = find(phrase, seq)
        if pos == 0 or (pos > 0 and pos + len(phrase) == len(seq) and len(seq) <= 10):
            return True
    return False


def _item(line: Line) -> bool:
    if line.role in _ITEM_ROLES:
        return True
    text = line.body.rstrip()
    return line.role == "prose" and len(text) <= 300 and text.endswith(";")


def _list_head(line: Line, ev: Evidence) -> bool:
    """A line that opens a list: a section heading, a lead-in ("… обязанности:"), or an
    informal heading ("Твои обязанности")."""
    if line.role == "heading" or line.lead_in is not None:
        return True
    text = line.body.strip()
    return line.role == "prose" and len(text) <= 80 and (
        _mentions(ev.duty_headings, text) or _mentions(ev.list_headings, text))


def _sub_lead(line: Line) -> bool:
    """A short line ending with a colon inside a list ("Помогать ученику:"): it groups the
    items under it and does not end the list. Outside a list it opens nothing (a student
    paper's "Задачи моей работы:" is not a list of duties)."""
    text = line.body.strip()
    return line.role == "prose" and len(text) <= 120 and text.endswith(":")


def _mentions(phrases: tuple[Phrase, ...], text: str) -> bool:
    """The phrase's words in order; a heading may name the post between them
    ("Основные обязанности кассира", "Pagrindinės mokytojo padėjėjų pareigos")."""
    seq = stems(text)
    return any(find(p, seq) >= 0 or _spread(p, seq) for p in phrases)


def _spread(phrase: Phrase, seq: list[str], gap: int = 3) -> bool:
    """``phrase``'s words in order with at most ``gap`` other words between them in all."""
    if len(phrase) < 2:
        return False
    for first in (i for i, w in enumerate(seq) if w == phrase[0]):
        pos, skipped = first, 0
        for word in phrase[1:]:
            try:
                nxt = seq.index(word, pos + 1)
            except ValueError:
                return False
            skipped += nxt - pos - 1
            pos = nxt
        if skipped <= gap:
            return True
    return False


def _lists(lines: list[Line], ev: Evidence) -> tuple[int, int]:
    """(items in all, the longest run of items right under a list head)."""
    items = sum(1 for ln in lines if _item(ln))
    best = run = 0
    open_list = False
    for ln in lines:
        if _list_head(ln, ev):
            open_list, run = True, 0
        elif _item(ln) and open_list:
            run += 1
            best = max(best, run)
        elif not ln.body.strip() or (open_list and _sub_lead(ln)):
            continue
        elif not _item(ln):
            open_list = False
    return items, best


def instruction_score(lines: list[Line], ld: LangData, ev: Evidence) -> int:
    """How strongly a text without a numbered instruction body still reads as one.

    Each signal adds a little; none decides alone. A vacancy post is never rescued: it has
    lists of duties too, but it is not the employer's instruction.
    """
    texts = _texts(lines)
    if sum(1 for ln in texts if mentions(ln, ld.classify.get("vacancy", ()))) >= 2 or any(
            ln.role == "prose" and _starts(ev.vacancy_titles, ln.body) for ln in texts[:3]):
        return 0
    score = 0
    if any(ln.role == "title" for ln in texts):
        score += 2
    elif any(mentions(ln, ld.title) for ln in texts[:5]):
        score += 1  # a web page titled after the instruction it shows
    if any(ln.role == "approval" for ln in texts):
        score += 1
    kinds = {ln.kind for ln in texts if ln.role == "heading"}
    kinds |= {ln.lead_in for ln in texts if ln.lead_in is not None}
    # NOTE: a post's duties, or the document naming itself: without either a list of
    # requirements is a vacancy, and numbered headings alone are an article's outline.
    duties = SectionKind.DUTIES in kinds or any(
        ln.role == "prose" and len(ln.body) <= 80 and _mentions(ev.duty_headings, ln.body)
        for ln in texts)
    named = any(ln.role == "title" for ln in texts) or any(
        mentions(ln, ld.title) for ln in texts[:5])
    if not duties and not named:
        return 0
    score += min(len(kinds), 3)
    items, under_head = _lists(texts, ev)
    score += (items >= 3) + (items >= 6)
    if under_head >= 2:
        score += 2
    # NOTE: an article about instructions has a title, headings and short lists too, but much
    # of its text is narrative: long paragraphs, questions, the reader addressed as "вы".
    narrative = sum(1 for ln in texts if ln.role == "prose" and (
        len(ln.body) > 250 or looks_like_noise(ln, ld)))
    if narrative >= 4 and narrative * 2 >= items:
        score -= 3
    elif narrative > max(2, items):
        score -= 2
    return score


def rescue(lines: list[Line], ld: LangData, ev: Evidence) -> tuple[int, int] | None:
    """The span (start, stop) of an instruction in a text where ``split`` found none, when
    the evidence is strong enough; None otherwise."""
    if instruction_score(lines, ld, ev) < _THRESHOLD:
        return None
    marks = [i for i, ln in enumerate(lines)
             if ln.role in ("title", "approval", "heading") or _item(ln) or _list_head(ln, ev)]
    if not marks:
        return None
    return marks[0], _menu_cut(lines, marks[0], marks[-1] + 1)


def _menu_cut(lines: list[Line], start: int, stop: int) -> int:
    """Stop before a run of three or more one- or two-word items (a site menu or a timetable
    after the list of duties), once the instruction has had real items."""
    real = 0
    for i in range(start, stop):
        if not _item(lines[i]):
            continue
        if _short_item(lines[i]):
            if real >= 2 and all(_short_item(ln) for ln in lines[i:i + 3] if ln.body.strip()) \
                    and i + 3 <= stop:
                return i
            continue
        real += 1
    return stop


def _short_item(line: Line) -> bool:
    text = line.body.strip()
    return _item(line) and len(text.split()) <= 3 and not text.endswith((";", ".", ":"))


def split_heading_sentences(lines: list[Line], ld: LangData) -> list[Line]:
    """Give a paragraph that opens with a section name ("Должностные обязанности X. Организует
    …") its heading: the heading line and the rest of the paragraph share the block.

    Only for texts without any heading: a qualification handbook entry written as three
    paragraphs has its sections in the first sentence of each.
    """
    if any(ln.role == "heading" for ln in lines):
        return lines
    out: list[Line] = []
    for ln in lines:
        match = _FIRST_SENTENCE.match(ln.body) if ln.role == "prose" else None
        kind = _section_at_start(match.group(1), ld) if match else None
        if match is None or kind is None:
            out.append(ln)
            continue
        rest = ln.body[match.end():]
        out.append(Line(ln.block, "heading", None, match.group(1), kind=kind))
        # NOTE: a list item, not prose: the paragraph is the section's text, never web noise
        out.append(Line(ln.block, "bullet", None, rest))
    return out


def _section_at_start(sentence: str, ld: LangData) -> SectionKind | None:
    seq = stems(sentence)
    if not seq or sentence[:1].islower():
        return None
    for kind, phrase in ld.sections:
        if len(phrase) >= 2 and find(phrase, seq) == 0:
            return kind
    return None
